import { SkiffError } from '../../shared/models/errors'
import type { FileSystem } from '../fs/file-system'
import { mapBounded } from '../fs/bounded-map'
import { splitPath } from '../fs/fs-path'
import { copyFile } from '../transfer/copy-file'
import { partNameOf } from '../transfer/plan/part-name'
import { joinChild } from '../transfer/plan/remote-name'
import { walkTree } from '../transfer/plan/tree-walk'
import { countOf, emptyCount, walkConcurrency, step, walkFailures, type OperationFailure, type OperationOptions, type OperationOutcome } from './operation-outcome'

const copyConcurrency = 16

/**
 * Copies one entry (a file, a folder with all it holds, a link as a link) to `name` in its own
 * folder. The bytes stay on the file system where it can copy them itself (copy-data over
 * SFTP, a local copy, else one `cp -pPR` on the server); elsewhere they go through the copy engine, written to a part file that
 * is renamed into place once complete. EXISTS when `name` is taken: a duplicate never replaces.
 */
export async function duplicateEntry(fs: FileSystem, path: string, name: string, options: OperationOptions = {}): Promise<OperationOutcome> {
  const { signal } = options
  const { folder } = splitPath(path, fs.separator)
  const root = joinChild(folder, name, fs.separator)
  if (await fs.lookup(root, signal)) throw new SkiffError('EXISTS', `Cannot duplicate to ${root}: the name is taken.`)
  // Without copy-data (OpenSSH before 9.0), one `cp` on the server beats moving every byte twice.
  if (!fs.capabilities.hasServerCopy && fs.capabilities.hasCopyCommand) {
    await fs.copyByCommand(path, root, signal)
    options.onProgress?.({ done: 1, total: 1, currentPath: root })
    return { done: 1, total: 1, failures: [], notes: [], count: emptyCount }
  }
  const plan = await walkTree({ fs, roots: [path], signal, concurrency: walkConcurrency, links: 'preserve' })
  const failures: OperationFailure[] = walkFailures(plan.problems)
  const targetOf = (relPath: readonly string[]) => relPath.slice(1).reduce((at, part) => joinChild(at, part, fs.separator), root)
  const total = plan.folders.length + plan.files.length + plan.links.length
  let done = 0
  const report = (currentPath: string) => options.onProgress?.({ done, total, currentPath })
  for (const planned of plan.folders) {
    const to = targetOf(planned.relPath)
    if (await step(to, failures, () => fs.mkdir(to, undefined, signal))) done++
    report(to)
  }
  await mapBounded(plan.files, copyConcurrency, async (file) => {
    const to = targetOf(file.relPath)
    const copied = await step(to, failures, async () => {
      if (fs.capabilities.hasServerCopy) return fs.copyFile(file.sourcePath, to, signal)
      const place = splitPath(to, fs.separator)
      const partPath = joinChild(place.folder, partNameOf(place.name), fs.separator)
      await copyFile({ source: fs, sourcePath: file.sourcePath, target: fs, targetPath: to, partPath, size: file.size, fromOffset: 0, mtimeMs: file.mtimeMs, mode: file.mode, signal })
    })
    if (copied) done++
    report(to)
  })
  for (const link of plan.links) {
    const to = targetOf(link.relPath)
    if (await step(to, failures, () => fs.symlink(link.target, to, signal))) done++
    report(to)
  }
  // Modes last: a folder without `w` for its owner would refuse what goes into it.
  for (const planned of [...plan.folders].reverse()) {
    const to = targetOf(planned.relPath)
    if (planned.mode !== 0) await step(to, failures, () => fs.setMode(to, planned.mode, signal))
  }
  return { done, total, failures, notes: [], count: countOf(plan) }
}
