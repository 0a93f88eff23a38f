import { isSkiffError, SkiffError } from '../../shared/models/errors'
import type { AttributesRequest, DeleteRequest, DuplicateRequest, TreeCount } from '../../shared/models/file-ops'
import { typedNameProblem } from '../../shared/models/file-names'
import type { FsCapabilities, FsTarget } from '../../shared/models/fs'
import type { TransferId } from '../../shared/models/ids'
import type { FileSystem } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import { joinChild } from '../transfer/plan/remote-name'
import type { TransferQueue } from '../transfer/queue/transfer-queue'
import { changeAttributes, ownerChangeOf } from './change-attributes'
import { countTree } from './count-tree'
import { deleteTree } from './delete-tree'
import { duplicateEntry } from './duplicate-entry'
import { emptyCount, step, type OperationFailure, type OperationOptions, type OperationOutcome } from './operation-outcome'
import type { OperationPlan } from './operation-job'

/** Moves a local path to the OS trash (Electron's shell.trashItem); absent where there is none. */
export type TrashItem = (path: string) => Promise<void>

/** What the file operations need from their host. */
export interface FileOperationsOptions {
  /** The file system a request names: the local disk, or a session's browsing channel. */
  readonly fsOf: (target: FsTarget) => FileSystem
  readonly queue: TransferQueue
  readonly trash?: TrashItem
  /** process.platform of this machine: Windows local names follow Windows' rules. */
  readonly platform: string
}

/**
 * The file commands of both panes (F7, Shift+F4, F2, F8, F9, Alt+F6, Shift+F5): quick ones
 * answered at once, long ones (delete, permissions, size, duplicate) queued as jobs. Every new
 * name is checked before anything is sent; names already on a server are taken as they are.
 */
export class FileOperations {
  constructor(private readonly options: FileOperationsOptions) {}

  capabilities(target: FsTarget): FsCapabilities {
    const capabilities = this.options.fsOf(target).capabilities
    return { ...capabilities, canTrash: target.kind === 'local' && this.options.trash !== undefined }
  }

  async mkdir(target: FsTarget, path: string, signal?: AbortSignal): Promise<void> {
    const fs = this.checkedNew(target, path)
    if (await fs.lookup(path, signal)) throw new SkiffError('EXISTS', `Cannot create the folder ${path}: the name is taken.`)
    await fs.mkdir(path, undefined, signal)
  }

  async createFile(target: FsTarget, path: string, signal?: AbortSignal): Promise<void> {
    await this.checkedNew(target, path)
      .createFile(path, signal)
      .catch((error: unknown) => {
        // One wording for a taken name, whichever backend refused it.
        throw isSkiffError(error) && error.code === 'EXISTS' ? new SkiffError('EXISTS', `Cannot create the file ${path}: the name is taken.`, { cause: error }) : error
      })
  }

  async symlink(target: FsTarget, path: string, linkTarget: string, signal?: AbortSignal): Promise<void> {
    const fs = this.checkedNew(target, path)
    if (!fs.capabilities.canSymlink) throw new SkiffError('UNSUPPORTED', 'This file system cannot hold links.')
    if (await fs.lookup(path, signal)) throw new SkiffError('EXISTS', `Cannot create the link ${path}: the name is taken.`)
    await fs.symlink(linkTarget, path, signal)
  }

  async rename(target: FsTarget, from: string, to: string, isReplace: boolean, signal?: AbortSignal): Promise<void> {
    const fs = this.checkedNew(target, to)
    if (from === to) return
    const there = await fs.lookup(to, signal)
    const name = splitPath(to, fs.separator).name
    // A rename replaces a file with a file, never a folder nor with one: what is inside would be lost.
    if (there?.type === 'directory') throw new SkiffError('EXISTS', `A folder named "${name}" is already there, and a rename never replaces a folder. Choose another name.`)
    if (there && isReplace && (await fs.lookup(from, signal))?.type === 'directory') {
      throw new SkiffError('EXISTS', `A file named "${name}" is already there, and a folder cannot replace it. Choose another name.`)
    }
    await fs.rename(from, to, { isReplace, signal })
  }

  async count(target: FsTarget, paths: readonly string[], signal?: AbortSignal): Promise<TreeCount> {
    return (await countTree(this.options.fsOf(target), paths, { signal })).count
  }

  delete(request: DeleteRequest): TransferId {
    const { trash } = this.options
    if (!request.isPermanent) {
      if (request.target.kind !== 'local' || !trash) throw new SkiffError('UNSUPPORTED', 'There is no trash here: a delete is permanent.')
      return this.enqueue('trash', request.target, request.paths, async (_fs, options) => trashEach(trash, request.paths, options))
    }
    return this.enqueue('delete', request.target, request.paths, (fs, options) => deleteTree(fs, request.paths, options))
  }

  /** Names of owners are looked up first, so an unknown one is refused before any job starts. */
  async setAttributes(request: AttributesRequest, signal?: AbortSignal): Promise<TransferId> {
    if (!request.permissions && request.owner === undefined && request.group === undefined) {
      throw new SkiffError('INVALID_REQUEST', 'Nothing to change.')
    }
    const { uid, gid } = await ownerChangeOf(this.options.fsOf(request.target), request, signal)
    const resolved = { ...request, owner: uid === undefined ? undefined : String(uid), group: gid === undefined ? undefined : String(gid) }
    return this.enqueue('attributes', request.target, request.paths, (jobFs, options) => changeAttributes(jobFs, resolved, options))
  }

  folderSize(target: FsTarget, paths: readonly string[]): TransferId {
    return this.enqueue('size', target, paths, (fs, options) => countTree(fs, paths, options))
  }

  /** A taken name is refused at once, before the job starts. */
  async duplicate(request: DuplicateRequest, signal?: AbortSignal): Promise<TransferId> {
    const fs = this.options.fsOf(request.target)
    const { folder } = splitPath(request.path, fs.separator)
    const problem = typedNameProblem(request.name, this.isWindows(request.target))
    if (problem) throw new SkiffError('INVALID_REQUEST', problem)
    if (await fs.lookup(joinChild(folder, request.name, fs.separator), signal)) throw new SkiffError('EXISTS', `"${request.name}" is already there: choose another name.`)
    return this.enqueue('duplicate', request.target, [request.path], (jobFs, options) => duplicateEntry(jobFs, request.path, request.name, options), folder)
  }

  private enqueue(kind: OperationPlan['kind'], target: FsTarget, paths: readonly string[], work: OperationPlan['work'], folder?: string): TransferId {
    const separator = this.options.fsOf(target).separator
    const parts = paths.map((path) => splitPath(path, separator))
    return this.options.queue.enqueueOperation({ kind, target, paths, folder: folder ?? parts[0]!.folder, names: parts.map((part) => part.name), work })
  }

  private isWindows(target: FsTarget): boolean {
    return target.kind === 'local' && this.options.platform === 'win32'
  }

  /** The file system for a new entry at `path`, once its name is one that can be. */
  private checkedNew(target: FsTarget, path: string): FileSystem {
    const fs = this.options.fsOf(target)
    const problem = typedNameProblem(splitPath(path, fs.separator).name, this.isWindows(target))
    if (problem) throw new SkiffError('INVALID_REQUEST', problem)
    return fs
  }
}

/** Each selected entry to the OS trash, one at a time (a folder goes whole, links as links). */
async function trashEach(trash: TrashItem, paths: readonly string[], options: OperationOptions): Promise<OperationOutcome> {
  const failures: OperationFailure[] = []
  let done = 0
  for (const path of paths) {
    if (options.signal?.aborted) throw new SkiffError('CANCELLED', 'Cancelled.')
    if (await step(path, failures, () => trash(path))) done++
    options.onProgress?.({ done, total: paths.length, currentPath: path })
  }
  return { done, total: paths.length, failures, notes: [], count: emptyCount }
}
