import { SkiffError } from '../../shared/models/errors'
import type { AttributesRequest } from '../../shared/models/file-ops'
import type { FsEntry } from '../../shared/models/fs'
import type { FileSystem, OwnerChange } from '../fs/file-system'
import { throwIfCancelled } from '../fs/cancellation'
import { mapBounded } from '../fs/bounded-map'
import { countOf, emptyCount, requestConcurrency, deepestFirst, walkWhileWorking, step, walkFailures, type OperationFailure, type OperationOptions, type OperationOutcome } from './operation-outcome'

const readBits = [0o400, 0o040, 0o004]

/** What to do to each entry's mode and owner. */
export type AttributesChange = Pick<AttributesRequest, 'permissions' | 'owner' | 'group' | 'isAddFolderExecute'>

/** The new permission bits of an entry with `mode`, or null when they stay as they are. */
export function newModeOf(mode: number, change: AttributesChange, isFolder: boolean): number | null {
  if (!change.permissions) return null
  const old = mode & 0o7777
  let next = (old & ~change.permissions.clear) | change.permissions.set
  // x where r is, so a folder stays enterable (WinSCP's "Add X to directories").
  if (isFolder && change.isAddFolderExecute) for (const bit of readBits) if (next & bit) next |= bit >> 2
  return next === old ? null : next & 0o7777
}

/** A name or a number, as the file system's host numbers it. */
async function ownerNumber(fs: FileSystem, kind: 'user' | 'group', text: string | undefined, signal?: AbortSignal): Promise<number | undefined> {
  if (text === undefined) return undefined
  if (/^\d+$/.test(text)) return Number(text)
  return fs.resolveOwner(kind, text, signal)
}

/**
 * The owner and group a change asks for, as numbers: names are looked up on the file system's
 * host (NOT_FOUND when it knows none); UNSUPPORTED where owners cannot change at all.
 */
export async function ownerChangeOf(fs: FileSystem, change: Pick<AttributesRequest, 'owner' | 'group'>, signal?: AbortSignal): Promise<OwnerChange> {
  if ((change.owner !== undefined || change.group !== undefined) && !fs.capabilities.canChown) {
    throw new SkiffError('UNSUPPORTED', 'Owners cannot be changed on this file system.')
  }
  return { uid: await ownerNumber(fs, 'user', change.owner, signal), gid: await ownerNumber(fs, 'group', change.group, signal) }
}

interface Target {
  readonly path: string
  readonly mode: number
  readonly isFolder: boolean
}

/**
 * Changes permissions and/or owner of the selection, and with `isRecursive` of everything in
 * the selected folders (walked with links kept as entries: a link is left as it is, and so is
 * what it points to, because SFTP's SETSTAT and chmod(2) would change the target). Files go
 * first, then folders deepest first, so taking `x` off a folder never locks out what is in it
 * before it is done. Entries whose mode would not change are not touched.
 */
export async function changeAttributes(fs: FileSystem, request: AttributesChange & Pick<AttributesRequest, 'paths' | 'isRecursive'>, options: OperationOptions = {}): Promise<OperationOutcome> {
  const { signal } = options
  const owner = await ownerChangeOf(fs, request, signal)
  const hasOwnerChange = owner.uid !== undefined || owner.gid !== undefined
  const failures: OperationFailure[] = []
  const notes: { path: string; message: string }[] = []
  let total = 0
  let done = 0
  const apply = async (target: Target) => {
    if (request.permissions && target.mode === 0) {
      failures.push({ path: target.path, code: 'PERMISSION_DENIED', message: `${target.path}: its permissions cannot be read, so they are left as they are.` })
      return
    }
    const mode = newModeOf(target.mode, request, target.isFolder)
    const isDone = await step(target.path, failures, async () => {
      // No signal per request: a cancel stops new ones and lets those sent be answered and counted.
      if (hasOwnerChange) await fs.setOwner(target.path, owner)
      if (mode !== null) await fs.setMode(target.path, mode)
    })
    if (isDone) done++
    options.onProgress?.({ done, total: Math.max(total, done), currentPath: target.path })
  }
  let folders: Target[][] = []
  let count = emptyCount
  if (request.isRecursive) {
    // Files change as the walk finds them; folders once every file is done.
    const plan = await walkWhileWorking({ fs, roots: request.paths, signal, onProgress: (seen) => (total = seen) }, (leaf) =>
      leaf.kind === 'file' ? () => apply({ path: leaf.sourcePath, mode: leaf.mode, isFolder: false }) : null,
    )
    failures.push(...walkFailures(plan.problems))
    folders = deepestFirst(plan.folders).map((group) => group.map((folder) => ({ path: folder.sourcePath, mode: folder.mode, isFolder: true })))
    if (plan.links.length > 0) notes.push({ path: plan.links[0]!.sourcePath, message: `${plan.links.length} link(s) left as they are (their targets too).` })
    count = countOf(plan)
    total = plan.files.length + plan.folders.length
  } else {
    const entries = await mapBounded(request.paths, requestConcurrency, (path) => fs.lookup(path, signal))
    const files: Target[] = []
    entries.forEach((entry: FsEntry | null, index) => {
      const path = request.paths[index]!
      if (!entry) failures.push({ path, code: 'NOT_FOUND', message: `${path}: it is not there any more.` })
      else if (entry.type === 'symlink') notes.push({ path, message: 'A link: left as it is, and so is what it points to.' })
      else if (entry.type === 'directory') folders.push([{ path, mode: entry.mode, isFolder: true }])
      else files.push({ path, mode: entry.mode, isFolder: false })
    })
    total = files.length + folders.reduce((sum, group) => sum + group.length, 0)
    await mapBounded(files, requestConcurrency, apply)
  }
  throwIfCancelled(signal)
  for (const group of folders) {
    throwIfCancelled(signal)
    await mapBounded(group, requestConcurrency, apply)
  }
  return { done, total, failures, notes, count }
}
