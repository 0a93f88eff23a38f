// Importing hosts from an OpenSSH client config (`~/.ssh/config`).

/** One concrete Host alias of the config, with what OpenSSH would use for it. */
export interface ImportCandidate {
  /** The Host alias; it becomes the profile name. */
  readonly alias: string
  /** HostName (its `%h` expanded), else the alias. */
  readonly host: string
  readonly port?: number
  readonly username?: string
  /** The first IdentityFile, `~` and the `%d %u %h %r %n %p %%` tokens expanded; others are kept and reported. */
  readonly identityFile?: string
  /** ProxyJump as written (`a,b`, `user@host:22`); absent for `none`. */
  readonly proxyJump?: string
  /** ServerAliveInterval, in seconds (0: OpenSSH sends none). */
  readonly keepaliveSeconds?: number
}

/** What importing one candidate would do. `changes` are readable, one per field: `port 22 → 2222`. */
export type ImportAction =
  | { readonly kind: 'create'; readonly candidate: ImportCandidate }
  | { readonly kind: 'update'; readonly candidate: ImportCandidate; readonly existingName: string; readonly changes: readonly string[] }
  | { readonly kind: 'skip'; readonly candidate: ImportCandidate; readonly reason: string }

/** What an import would do, shown before anything is written. */
export interface ImportPreview {
  /** The file read. */
  readonly path: string
  readonly actions: readonly ImportAction[]
  /** Readable notes: unreadable includes, values dropped, Match blocks skipped. */
  readonly problems: readonly string[]
}
