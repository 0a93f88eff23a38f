import type { ProfileId } from './ids'

/** How a profile logs in. */
export type AuthMethod = 'password' | 'key' | 'agent' | 'keyboard-interactive'

/** The colour labels a profile can wear. */
export const profileColors = ['none', 'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const
export type ProfileColor = (typeof profileColors)[number]

/** What a person edits in the `Host profile` dialog (no secrets: those travel beside it). */
export interface ProfileFields {
  readonly name: string
  readonly host: string
  readonly port: number
  readonly username: string
  readonly authMethod: AuthMethod
  readonly privateKeyPath?: string
  /** Another profile to reach this one through (ProxyJump). */
  readonly jumpProfileId?: ProfileId
  /** A ProxyJump chain as written in ssh_config (`user@a:22,b`), for imported hosts. */
  readonly proxyJump?: string
  readonly localFolder?: string
  readonly remoteFolder?: string
  /** Keepalive interval in seconds; Skiff's default (15) when absent. */
  readonly keepaliveSeconds?: number
  /** The folder it is filed under in `Saved hosts`; '' is the top level. */
  readonly folder: string
  readonly color: ProfileColor
  readonly notes?: string
}

/** A saved host profile as the main process keeps it. */
export interface HostProfile extends ProfileFields {
  readonly profileId: ProfileId
  /** Bumped on every change: a save based on an older revision is refused, not silently merged. */
  readonly revision: number
  /** A password (or, for a key, its passphrase) is remembered, sealed. */
  readonly hasSecret: boolean
  /** When it was last used to connect, ms since the epoch (recent first in the list). */
  readonly lastUsedMs?: number
  /**
   * Remote folders bookmarked in its sessions (Ctrl+B), in the order they were added; absent in
   * files written before bookmarks existed. Changed only through `profiles.setBookmarks`: the
   * `Host profile` dialog does not edit them, and saving it keeps them.
   */
  readonly bookmarks?: readonly string[]
}

/** Save a new profile (no profileId) or a change to one (with the revision it was edited from). */
export interface ProfileSaveRequest {
  readonly profileId?: ProfileId
  readonly revision?: number
  readonly fields: ProfileFields
  /**
   * The password (or key passphrase) to remember; absent keeps what is remembered, null forgets
   * it. Remembered only when `rememberSecret` is true.
   */
  readonly secret?: string | null
  readonly rememberSecret: boolean
}

/** How secrets are sealed on this machine, and whether they can be read now. */
export interface SecretsState {
  /** `os`: Electron safeStorage (the OS keyring); `master`: a master password the person sets. */
  readonly mode: 'os' | 'master'
  /** For `master`: whether a master password exists yet. */
  readonly isSet: boolean
  /** Secrets can be read and written now. */
  readonly isUnlocked: boolean
}
