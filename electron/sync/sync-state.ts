import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { keepAside, writeFileAtomic } from '../settings/atomic-file'

/** Size and time of one side's entry after a synchronization (0 for what has none). */
export interface StateFacts {
  readonly size: number
  /** Milliseconds since the epoch (UTC); 0 when unknown. */
  readonly mtimeMs: number
  /** For a link: where it points. */
  readonly linkTarget?: string
}

/** What both sides had of one path after the last two-way synchronization. */
export interface PairState {
  readonly type: 'file' | 'directory' | 'symlink'
  readonly local: StateFacts
  readonly remote: StateFacts
}

/** What each side had after the last synchronization of a folder pair, by relative path (`css/site.css`). */
export type SyncState = ReadonlyMap<string, PairState>

/** The folder pair a state belongs to. */
export interface FolderPair {
  readonly localFolder: string
  /** `user@host:port` */
  readonly server: string
  readonly remoteFolder: string
}

/** What `load` found: the state, none yet (a first run), or a file that could not be read (kept aside). */
export type LoadedState = { readonly state: SyncState | null; readonly unreadable?: string }

interface StateFile {
  readonly version: 1
  readonly pair: FolderPair
  readonly entries: Record<string, PairState>
}

/**
 * The state files of two-way synchronization, one per folder pair in `<data>/sync-state/`, named
 * by a hash of the pair: versioned JSON written atomically. A file that cannot be read is kept
 * aside and reported, and the next preview compares as a first run (which deletes nothing).
 */
export class SyncStateStore {
  constructor(private readonly folder: string) {}

  /** The file a pair's state lives in. */
  pathOf(pair: FolderPair): string {
    const hash = createHash('sha256').update(JSON.stringify([pair.localFolder, pair.server, pair.remoteFolder])).digest('hex')
    return join(this.folder, `${hash.slice(0, 32)}.json`)
  }

  async load(pair: FolderPair): Promise<LoadedState> {
    const path = this.pathOf(pair)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: null }
      throw error
    }
    try {
      const file = JSON.parse(text) as StateFile
      if (file.version !== 1 || typeof file.entries !== 'object' || file.entries === null) throw new Error('not a state file')
      return { state: new Map(Object.entries(file.entries)) }
    } catch {
      return { state: null, unreadable: await keepAside(path) }
    }
  }

  async save(pair: FolderPair, state: SyncState): Promise<void> {
    const file: StateFile = { version: 1, pair, entries: Object.fromEntries(state) }
    await writeFileAtomic(this.pathOf(pair), JSON.stringify(file))
  }
}
