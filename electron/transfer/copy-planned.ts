import { isSkiffError, SkiffError } from '../../shared/models/errors'
import type { FsEntry } from '../../shared/models/fs'
import { copyFile, resumeMarginBytes } from './copy-file'
import type { CopyMemory } from './copy-memory'
import { mismatch, resolveConflict, type ConflictChoice, type ConflictResolution } from './plan/conflict'
import { keepBothName } from './plan/keep-both'
import { partNameOf } from './plan/part-name'
import { joinChild } from './plan/remote-name'
import { resumeStart } from './plan/resume-offset'
import type { PlannedFile } from './plan/tree-walk'
import type { TargetFolders } from './target-folders'
import type { FileSystem } from '../fs/file-system'

/** A target name that is already taken, as the `File exists` dialog shows it. */
export interface FileConflict {
  /** The target path. */
  readonly path: string
  readonly source: { readonly size: number; readonly mtimeMs: number }
  readonly target: FsEntry
  /** Why it is asked, when more than the name is taken: `It changed after the preview.` */
  readonly reason?: string
}

/** What copying one planned file needs from the tree copy around it. */
export interface PlannedCopy {
  readonly source: FileSystem
  readonly target: FileSystem
  readonly folders: TargetFolders
  readonly memory: CopyMemory
  readonly signal?: AbortSignal
  readonly preserveMode: boolean
  readonly verify: boolean
  readonly onConflict?: (conflict: FileConflict) => Promise<ConflictChoice>
  /** Counts checksums compared, and files that could not be checked. */
  readonly checks: { verified: number; unverified: number }
  /** Runs the byte copy under the tree's limits (large files few at once, small files by bytes). */
  readonly throttle: (file: PlannedFile, work: () => Promise<void>) => Promise<void>
}

/** How far into a leftover part file a copy may trust it, or 0 to start over. */
function leftoverOffset(leftover: FsEntry | undefined, size: number): number {
  if (leftover?.type !== 'file') return 0
  const start = resumeStart(leftover.size, size)
  return 'fromOffset' in start ? Math.max(0, start.fromOffset - resumeMarginBytes) : 0
}

/** The choice for a taken name: the one this job gave before, else the person's (overwrite when nobody is asked). */
async function choiceFor(copy: PlannedCopy, conflict: FileConflict): Promise<{ choice: ConflictChoice; isRemembered: boolean }> {
  const remembered = copy.memory.answers.get(conflict.path)
  if (remembered) return { choice: remembered, isRemembered: true }
  const choice = copy.onConflict ? await copy.onConflict(conflict) : 'overwrite'
  copy.memory.answers.set(conflict.path, choice)
  return { choice, isRemembered: false }
}

/**
 * Decides what to do about one planned file (a taken name, a leftover partial) and copies it
 * through copyFile's part-file protocol. A part file is remembered while it is being written,
 * so a later run resumes it and a cancel removes it.
 */
export async function copyPlanned(
  copy: PlannedCopy,
  file: PlannedFile,
  onProgress: (delta: number) => void,
  onResumed: (bytes: number) => void,
): Promise<'copied' | 'skipped'> {
  const { target, folders, memory } = copy
  const folder = folders.folderOf(file.relPath)
  let name = file.relPath.at(-1)!
  let fromOffset = 0
  let isOwnPart = true
  // A listing from earlier (a preview) is checked where it matters: this one name, now.
  const fromEarlier = folders.isFromEarlier(file.relPath)
  const listed = folders.entry(file.relPath)
  const existing = fromEarlier && listed ? ((await target.lookup(folders.pathOf(file.relPath), copy.signal)) ?? undefined) : listed
  let isNewName = !existing
  if (existing) {
    // Nothing to ask when no answer could help (a folder is in the way).
    const refusal = mismatch({ source: file, target: existing })
    if (refusal?.kind === 'refuse') throw new SkiffError(refusal.code, refusal.message)
    const conflict = { path: folders.pathOf(file.relPath), source: file, target: existing }
    const { choice, isRemembered } = await choiceFor(copy, conflict)
    const resolution: ConflictResolution = resolveConflict({ source: file, target: existing }, choice, () =>
      keepBothName(name, (candidate) => folders.isTaken(file.relPath, candidate)),
    )
    if (resolution.kind === 'skip') return 'skipped'
    if (resolution.kind === 'refuse') throw new SkiffError(resolution.code, resolution.message)
    if (resolution.kind === 'write-as') {
      name = resolution.name
      folders.claim(file.relPath, name)
      isNewName = true
    }
    if (resolution.kind === 'write' && isRemembered) {
      // The same overwrite, paused or cut: its part file is this job's own, and a correct prefix.
      fromOffset = leftoverOffset(folders.sibling(file.relPath, partNameOf(name)), file.size)
    }
    if (resolution.kind === 'resume') {
      // The existing target becomes the partial: a failure leaves it under the part name, clearly partial.
      await target.rename(joinChild(folder, name, target.separator), joinChild(folder, partNameOf(name), target.separator), { isReplace: true })
      fromOffset = resolution.fromOffset
      isOwnPart = false
    }
  } else {
    fromOffset = leftoverOffset(folders.sibling(file.relPath, partNameOf(name)), file.size)
  }
  if (fromOffset > 0) onResumed(fromOffset)
  const mode = !copy.preserveMode || !file.mode ? undefined : file.mode & 0o7777
  const partPath = joinChild(folder, partNameOf(name), target.separator)
  const verify = copy.verify ? () => verifyPart(copy, file.sourcePath, partPath) : undefined
  // A name free in an earlier listing may be taken by the time the file is in place: never replaced unasked.
  const isReplace = !(fromEarlier && isNewName)
  let isTakenMeanwhile = false
  await copy.throttle(file, async () => {
    if (!memory.parts.has(partPath)) memory.parts.set(partPath, isOwnPart)
    await copyFile({
      source: copy.source,
      sourcePath: file.sourcePath,
      target,
      targetPath: joinChild(folder, name, target.separator),
      partPath,
      size: file.size,
      fromOffset,
      mtimeMs: file.mtimeMs || undefined,
      mode,
      signal: copy.signal,
      onProgress,
      verify,
      isReplace,
    }).catch((error: unknown) => {
      if (isReplace || !isSkiffError(error) || error.code !== 'EXISTS') throw error
      isTakenMeanwhile = true
    })
    if (!isTakenMeanwhile) memory.parts.delete(partPath)
  })
  return isTakenMeanwhile ? settleTakenMeanwhile(copy, file, joinChild(folder, name, target.separator), partPath) : 'copied'
}

/**
 * A name that was free in an earlier listing got taken while the file copied: asked about as any
 * taken name, with the finished part file in hand (put in place, under another name, or removed).
 */
async function settleTakenMeanwhile(copy: PlannedCopy, file: PlannedFile, targetPath: string, partPath: string): Promise<'copied' | 'skipped'> {
  const { target, folders, memory } = copy
  const put = (to: string, isReplace: boolean) => target.rename(partPath, to, { isReplace, signal: copy.signal })
  const drop = async () => {
    await target.remove(partPath).catch(() => undefined)
    memory.parts.delete(partPath)
  }
  const now = await target.lookup(targetPath, copy.signal)
  const refusal = now ? mismatch({ source: file, target: now }) : null
  if (refusal?.kind === 'refuse') {
    await drop()
    throw new SkiffError(refusal.code, refusal.message)
  }
  const name = targetPath.slice(targetPath.lastIndexOf(target.separator) + 1)
  const resolution: ConflictResolution = now
    ? resolveConflict({ source: file, target: now }, (await choiceFor(copy, { path: targetPath, source: file, target: now })).choice, () => keepBothName(name, (candidate) => folders.isTaken(file.relPath, candidate)))
    : { kind: 'write' }
  if (resolution.kind === 'skip' || resolution.kind === 'refuse') {
    await drop()
    if (resolution.kind === 'refuse') throw new SkiffError(resolution.code, resolution.message)
    return 'skipped'
  }
  if (resolution.kind === 'write-as') {
    folders.claim(file.relPath, resolution.name)
    await put(targetPath.slice(0, targetPath.length - name.length) + resolution.name, false)
  } else await put(targetPath, now !== null)
  memory.parts.delete(partPath)
  return 'copied'
}

/** Compares SHA-256 of the source and the finished partial; a mismatch fails the file. */
async function verifyPart(copy: PlannedCopy, sourcePath: string, partPath: string): Promise<void> {
  const [sourceSum, targetSum] = await Promise.all([copy.source.checksum(sourcePath), copy.target.checksum(partPath)])
  if (sourceSum === null || targetSum === null) {
    copy.checks.unverified++
    return
  }
  if (sourceSum !== targetSum) throw new SkiffError('INTERNAL', `The copy of ${sourcePath} does not match it (SHA-256 differs); it was not put in place.`)
  copy.checks.verified++
}
