/** Facts about the running host process the UI may show. */
export interface AppInfo {
  readonly version: string
  /** `electron` in the desktop app, `browser` in browser mode (`npm run serve`). */
  readonly mode: 'electron' | 'browser'
  /** process.platform of the host. */
  readonly platform: string
  /** Where profiles, settings and known_hosts are kept. */
  readonly dataDir: string
  /** The local user's home directory: where the local pane opens. */
  readonly localHome: string
  /** Problems found while starting (a corrupt file kept aside), to show once. */
  readonly startupProblems: readonly string[]
}
