/** What the person can set, kept in the data directory's `settings.json`. */
export interface Settings {
  readonly transfer: {
    /** Give copies the source's permission bits (on by default, as scp -p and WinSCP do). */
    readonly preservePermissions: boolean
    /** After each file, compare SHA-256 on both sides (the server must run sha256sum or shasum); off by default. */
    readonly verifyChecksums: boolean
  }
}

/** A change to some settings; what is absent stays. */
export interface SettingsPatch {
  readonly transfer?: Partial<Settings['transfer']>
}

/** What a fresh install uses. */
export const defaultSettings: Settings = {
  transfer: { preservePermissions: true, verifyChecksums: false },
}
