import { randomUUID } from 'node:crypto'
import { isSkiffError, SkiffError } from '../../shared/models/errors'
import { parseFileMask, type FileMask } from '../../shared/models/file-mask'
import { maxFindResults, type FindRequest } from '../../shared/models/find'
import type { FsTarget } from '../../shared/models/fs'
import type { FindId } from '../../shared/models/ids'
import type { FileSystem } from '../fs/file-system'
import { mapError } from '../ipc/map-error'
import type { Endpoints } from '../transfer/queue/transfer-endpoints'
import { CommandUnavailable, searchByCommand, type OpenCommand } from './command-search'
import { FindFilter } from './find-filter'
import { namePrefilter } from './find-output'
import { FindReport, type FindEmit } from './find-report'
import { searchByWalk } from './walk-search'

/** What searches need from their host. */
export interface FindServiceOptions {
  /** The file system a request names (the local disk, a session's browsing channel): to resolve the folder. */
  readonly fsOf: (target: FsTarget) => FileSystem
  /** A search's own channels for a walk over SFTP (the local disk as it is). */
  readonly endpoints: Endpoints
  /** Runs commands on the target's server; null for the local disk (or a server that runs none). */
  readonly commandsOf: (target: FsTarget) => OpenCommand | null
  /** The most results one search reports (default {@link maxFindResults}). */
  readonly limit?: number
}

interface RunningFind {
  readonly controller: AbortController
  /** Whose search it is: a client that goes away stops its searches. */
  readonly owner: unknown
}

/**
 * Find files (Alt+F7): each search a job with an id, reporting batched results and one end to the
 * client that started it, stopped by `stop`, by its client going away, or on reaching the limit. On a
 * server it runs one `find` over exec where it can, else walks over SFTP; the same filter judges
 * every entry either way.
 */
export class FindService {
  private readonly running = new Map<FindId, RunningFind>()

  constructor(private readonly options: FindServiceOptions) {}

  /** Starts a search; a mask that cannot be parsed is INVALID_REQUEST, before anything runs. */
  start(request: FindRequest, emit: FindEmit, owner: unknown = emit): FindId {
    const parsed = parseFileMask(request.mask)
    if (!parsed.ok) throw new SkiffError('INVALID_REQUEST', parsed.message)
    if (request.target.kind === 'remote' && !request.folder.startsWith('/')) throw new SkiffError('INVALID_REQUEST', `Search in a folder by its full path (starting with /), not "${request.folder}".`)
    const findId = randomUUID() as FindId
    const controller = new AbortController()
    this.running.set(findId, { controller, owner })
    const report = new FindReport(findId, emit, this.options.limit ?? maxFindResults, () => controller.abort())
    void this.run(request, parsed.mask, report, controller.signal).finally(() => this.running.delete(findId))
    return findId
  }

  /** Stops a search; an unknown or ended one is left as it is. */
  stop(findId: FindId): void {
    this.running.get(findId)?.controller.abort()
  }

  /** Stops every search `owner` started (its window closed). */
  stopOwnedBy(owner: unknown): void {
    for (const search of this.running.values()) if (search.owner === owner) search.controller.abort()
  }

  private async run(request: FindRequest, mask: FileMask, report: FindReport, signal: AbortSignal): Promise<void> {
    try {
      const fs = this.options.fsOf(request.target)
      // Said the same way on either side: the local realpath's own "No such file" would not be.
      const folder = await fs.realpath(request.folder, signal).catch((error: unknown) => {
        if (isSkiffError(error) && error.code === 'NOT_FOUND') throw new SkiffError('NOT_FOUND', `There is no folder ${request.folder} to search in.`)
        throw error
      })
      const entry = await fs.lookup(folder, signal)
      if (!entry) throw new SkiffError('NOT_FOUND', `There is no folder ${folder} to search in.`)
      if (entry.type !== 'directory') throw new SkiffError('INVALID_REQUEST', `${folder} is a file, not a folder to search in.`)
      const filter = new FindFilter(mask, folder, fs.separator, request.isHiddenIncluded)
      const open = this.options.commandsOf(request.target)
      const isDone = open ? await this.byCommand(open, fs, folder, filter, report, signal, namePrefilter(mask)) : false
      if (!isDone) await this.walk(request.target, folder, filter, report, signal)
      report.end('done')
    } catch (error) {
      if (report.isTruncated) report.end('done')
      else if (signal.aborted || (isSkiffError(error) && error.code === 'CANCELLED')) report.end('cancelled')
      else report.end('failed', mapError(error))
    }
  }

  /** True when `find` on the server did the search; false when it could not run there. */
  private async byCommand(open: OpenCommand, fs: FileSystem, folder: string, filter: FindFilter, report: FindReport, signal: AbortSignal, names: readonly string[] | null): Promise<boolean> {
    try {
      await searchByCommand(open, (path) => fs.lookup(path, signal), folder, filter, report, signal, names)
      return true
    } catch (error) {
      if (error instanceof CommandUnavailable) return false
      throw error
    }
  }

  private async walk(target: FsTarget, folder: string, filter: FindFilter, report: FindReport, signal: AbortSignal): Promise<void> {
    const endpoint = await this.options.endpoints.open(target, signal)
    try {
      await searchByWalk(endpoint.fs, folder, filter, report, signal)
    } finally {
      endpoint.close()
    }
  }
}
