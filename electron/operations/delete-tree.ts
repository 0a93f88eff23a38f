import type { FileSystem } from '../fs/file-system'
import { throwIfCancelled } from '../fs/cancellation'
import { mapBounded } from '../fs/bounded-map'
import { countOf, requestConcurrency, deepestFirst, walkWhileWorking, step, walkFailures, type OperationFailure, type OperationOptions, type OperationOutcome } from './operation-outcome'


/** True when `path` is `folder` or inside it. */
function isWithin(path: string, folder: string, separator: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(separator) ? folder : folder + separator)
}

/**
 * Deletes the selected entries and everything in the selected folders, walked first with links
 * kept as entries of their own: a link is removed, never what it points to, and no folder is
 * entered through one. Files, links and special files go first, then folders, deepest first, each
 * with rmdir, which refuses a folder that still holds something (a file that could not go, one
 * that appeared since the walk): nothing the walk did not see is ever removed. A failure on one
 * entry is recorded and the rest go on; a lost connection or a cancel ends it (rejects), a
 * cancel once the requests already sent have been answered.
 */
export async function deleteTree(fs: FileSystem, paths: readonly string[], options: OperationOptions = {}): Promise<OperationOutcome> {
  const { signal } = options
  const failures: OperationFailure[] = []
  let done = 0
  let seen = 0
  const report = (currentPath: string, total = seen) => options.onProgress?.({ done, total: Math.max(total, done), currentPath })
  const plan = await walkWhileWorking({ fs, roots: paths, signal, onProgress: (count) => (seen = count) }, (leaf) => async () => {
    if (await step(leaf.sourcePath, failures, () => fs.remove(leaf.sourcePath))) done++
    report(leaf.sourcePath)
  })
  failures.push(...walkFailures(plan.problems))
  const total = plan.files.length + plan.links.length + plan.specials.length + plan.folders.length
  for (const group of deepestFirst(plan.folders)) {
    throwIfCancelled(signal)
    await mapBounded(group, requestConcurrency, async (folder) => {
      // A folder that kept something that failed already says why; its rmdir would only say "not empty".
      const isExplained = failures.some((failure) => isWithin(failure.path, folder.sourcePath, fs.separator))
      if (isExplained) return
      if (await step(folder.sourcePath, failures, () => fs.removeFolder(folder.sourcePath))) done++
      report(folder.sourcePath, total)
    })
  }
  return { done, total, failures, notes: [], count: countOf(plan) }
}
