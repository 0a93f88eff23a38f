import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { bookmarksMax, defaultSettings, mergeSettings, type Settings, type SettingsPatch } from '../../shared/models/settings'
import { keepAside, writeFileAtomic } from './atomic-file'

const fileName = 'settings.json'
const version = 1

const stored = z.object({
  version: z.literal(version),
  settings: z.object({
    transfer: z
      .object({ preservePermissions: z.boolean().optional(), verifyChecksums: z.boolean().optional(), confirmMove: z.boolean().optional(), copyLinksAsLinks: z.boolean().optional() })
      .optional(),
    // Added after version 1 shipped: absent in older files, which is fine (defaults fill it).
    terminal: z
      .object({
        scrollback: z.number().int().min(0).max(1_000_000).optional(),
        copyOnSelect: z.boolean().optional(),
        allowClipboardWrite: z.boolean().optional(),
        screenReaderMode: z.boolean().optional(),
      })
      .optional(),
    editing: z.object({ externalCommand: z.string().max(4096).optional(), isExternalDefault: z.boolean().optional() }).optional(),
    sync: z.object({ toleranceSeconds: z.number().min(0).max(86_400).optional(), parallelServers: z.number().int().min(1).max(16).optional() }).optional(),
    // Added later still, the same way.
    bookmarks: z
      .object({
        local: z.array(z.string().min(1).max(4096)).max(bookmarksMax).optional(),
        remote: z.record(z.string().max(600), z.array(z.string().min(1).max(4096)).max(bookmarksMax)).optional(),
      })
      .optional(),
  }),
})

/**
 * The person's settings, from the data directory's `settings.json` (versioned, written
 * atomically). A file that cannot be read as settings is kept aside as
 * `settings.json.corrupt-<time>` and reported; the defaults are used, never silently.
 */
export class SettingsStore {
  private current: Settings = defaultSettings
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly onProblem: (message: string) => void = (message) => console.error(message),
  ) {}

  /** Reads the file once at start-up. */
  async load(): Promise<Settings> {
    const path = join(this.dataDir, fileName)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return this.current
    }
    const parsed = stored.safeParse((() => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        return undefined
      }
    })())
    if (parsed.success) {
      this.current = mergeSettings(defaultSettings, parsed.data.settings)
      return this.current
    }
    const aside = await keepAside(path)
    this.onProblem(`Skiff could not read its settings; the file was kept as ${aside} and the defaults are used.`)
    return this.current
  }

  get(): Settings {
    return this.current
  }

  /** Applies a change and writes the file (writes run one after another). */
  async update(patch: SettingsPatch): Promise<Settings> {
    this.current = mergeSettings(this.current, patch)
    const text = `${JSON.stringify({ version, settings: this.current }, null, 2)}\n`
    const write = this.writing.then(() => writeFileAtomic(join(this.dataDir, fileName), text))
    this.writing = write.catch(() => undefined)
    await write
    return this.current
  }
}
