/** What the person can set, kept in the data directory's `settings.json`. */
export interface Settings {
  readonly transfer: {
    /** Give copies the source's permission bits (on by default, as scp -p and WinSCP do). */
    readonly preservePermissions: boolean
    /** After each file, compare SHA-256 on both sides (the server must run sha256sum or shasum); off by default. */
    readonly verifyChecksums: boolean
    /** Ask before a move (F6, a drag onto a folder in the same pane); on by default. */
    readonly confirmMove: boolean
    /** A copy (F5) recreates links as links instead of copying what they point to (as scp does); off by default. A copy never deletes either way. */
    readonly copyLinksAsLinks: boolean
  }
  readonly terminal: {
    /** Lines kept above the screen. */
    readonly scrollback: number
    /** Selecting text copies it (as PuTTY does); off by default. */
    readonly copyOnSelect: boolean
    /** Let programs on the server set the clipboard (OSC 52), up to 1 MiB; reading it is never allowed. */
    readonly allowClipboardWrite: boolean
    /** Keep the screen's text in the accessibility tree, for screen readers (costs speed on floods). */
    readonly screenReaderMode: boolean
  }
  readonly editing: {
    /**
     * The program `Edit with…` starts, as a command line: `%f` stands for the file's path (added at
     * the end when absent), e.g. `code --wait %f`. Empty: the OS's default application for the file.
     */
    readonly externalCommand: string
    /** F4 opens files with that program instead of the built-in editor; off by default. */
    readonly isExternalDefault: boolean
  }
}

/** A change to some settings; what is absent stays. */
export interface SettingsPatch {
  readonly transfer?: Partial<Settings['transfer']>
  readonly terminal?: Partial<Settings['terminal']>
  readonly editing?: Partial<Settings['editing']>
}

/** What a fresh install uses. */
export const defaultSettings: Settings = {
  transfer: { preservePermissions: true, verifyChecksums: false, confirmMove: true, copyLinksAsLinks: false },
  terminal: { scrollback: 10_000, copyOnSelect: false, allowClipboardWrite: false, screenReaderMode: false },
  editing: { externalCommand: '', isExternalDefault: false },
}
