import type { FsEntry } from '../../shared/models/fs'
import { cancelledError } from '../fs/cancellation'
import { TaskPool } from '../transfer/plan/task-pool'
import type { FindFilter } from './find-filter'
import { findCommand, FindOutputParser, type FindRecord } from './find-output'
import type { SearchSink } from './search-sink'

/** A running command's channel, as much of it as a search reads (an ssh2 exec channel; a child process in tests). */
export interface CommandChannel {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  on(event: 'close', listener: (code?: number | null) => void): unknown
  readonly stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown }
  pause(): unknown
  resume(): unknown
  /** Ends the command (its output stops; the server's `find` gets SIGPIPE on its next write). */
  close(): unknown
}

/** Opens a command's channel on the server. */
export type OpenCommand = (command: string, signal: AbortSignal) => Promise<CommandChannel>

/** The server ran no `find` (no POSIX shell, no find): the search walks over SFTP instead. */
export class CommandUnavailable extends Error {}

// Exit codes of a shell that could not run the command (126: not executable, 127: not found).
const notRunnable = new Set([126, 127])
// Lookups in flight for a find without -printf, which prints paths alone.
const lookupConcurrency = 32

/**
 * Searches `folder` with one `find` on the server, its output read as it streams and every entry
 * judged by `filter`, so the results are those of a walk (`names`, a pre-filter of find's own, only
 * keeps what cannot match off the network: see namePrefilter). Where find has no -printf, each candidate's
 * size and time come from `lookup` (lstat over SFTP), a chunk at a time. Rejects with
 * CommandUnavailable when find could not run at all (nothing was reported then), with CANCELLED once
 * `signal` aborts (the command is ended).
 */
export async function searchByCommand(open: OpenCommand, lookup: (path: string) => Promise<FsEntry | null>, folder: string, filter: FindFilter, sink: SearchSink, signal: AbortSignal, names: readonly string[] | null = null): Promise<void> {
  const channel = await open(findCommand(folder, names), signal).catch((error: unknown) => {
    if (signal.aborted) throw cancelledError()
    throw new CommandUnavailable(error instanceof Error ? error.message : String(error))
  })
  const parser = new FindOutputParser()
  let reported = 0
  const report = (record: FindRecord, entry: Pick<FsEntry, 'type' | 'size' | 'mtimeMs'>) => {
    const found = filter.found(record.path, entry)
    if (!found) return
    reported++
    sink.found(found)
  }
  let lookups: Promise<void> = Promise.resolve()
  const lookUp = (records: readonly FindRecord[]) => {
    const pool = new TaskPool(lookupConcurrency, signal)
    for (const record of records) {
      if (!filter.mayBeFound(record.path)) continue
      pool.add(async () => {
        const entry = await lookup(record.path).catch(() => null)
        if (entry) report(record, entry)
      })
    }
    return pool.whenDone()
  }
  let lastFolder = ''
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      channel.close()
      reject(cancelledError())
    }
    signal.addEventListener('abort', onAbort, { once: true })
    channel.stderr.on('data', (chunk: Buffer) => {
      // find says one line per folder it cannot read ("Permission denied") and goes on.
      for (const byte of chunk) if (byte === 10) sink.unreadable()
    })
    channel.on('data', (chunk: Buffer) => {
      const records = parser.push(chunk)
      const last = records.at(-1)
      if (last) {
        const folderNow = last.path.slice(0, Math.max(1, last.path.lastIndexOf('/')))
        if (folderNow !== lastFolder) sink.folder((lastFolder = folderNow))
      }
      if (parser.format !== 'plain') return records.forEach((record) => report(record, record as Required<FindRecord>))
      // Paths alone: the rest of the output waits while this chunk's candidates are looked up.
      channel.pause()
      lookups = lookups.then(() => lookUp(records)).then(() => void channel.resume(), reject)
    })
    channel.on('close', (code) => {
      signal.removeEventListener('abort', onAbort)
      void lookups.then(() => {
        const isUnavailable = parser.format === null || (typeof code === 'number' && notRunnable.has(code))
        if (isUnavailable && reported === 0) reject(new CommandUnavailable(`find could not run on the server (exit code ${code ?? 'none'}).`))
        else resolve()
      }, reject)
    })
  })
}
