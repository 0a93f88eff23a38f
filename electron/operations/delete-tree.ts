import type { FileSystem } from '../fs/file-system'
import { mapBounded } from '../fs/bounded-map'
import { walkTree } from '../transfer/plan/tree-walk'
import { countOf, deepestFirst, step, walkFailures, type OperationFailure, type OperationOptions, type OperationOutcome } from './operation-outcome'

// Removals in flight: each is one request, and a job has up to three channels.
const removeConcurrency = 48

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
 * entry is recorded and the rest go on; a lost connection or a cancel ends it (rejects).
 */
export async function deleteTree(fs: FileSystem, paths: readonly string[], options: OperationOptions = {}): Promise<OperationOutcome> {
  const { signal } = options
  const plan = await walkTree({ fs, roots: paths, signal, concurrency: 16, links: 'preserve', onProgress: (seen) => options.onProgress?.({ done: 0, total: seen }) })
  const failures: OperationFailure[] = walkFailures(plan.problems)
  const leaves = [...plan.files, ...plan.links, ...plan.specials].map((entry) => entry.sourcePath)
  const total = leaves.length + plan.folders.length
  let done = 0
  const report = (currentPath: string) => options.onProgress?.({ done, total, currentPath })
  await mapBounded(leaves, removeConcurrency, async (path) => {
    if (await step(path, failures, () => fs.remove(path, signal))) done++
    report(path)
  })
  for (const group of deepestFirst(plan.folders)) {
    await mapBounded(group, removeConcurrency, async (folder) => {
      // A folder that kept something that failed already says why; its rmdir would only say "not empty".
      const isExplained = failures.some((failure) => isWithin(failure.path, folder.sourcePath, fs.separator))
      if (isExplained) return
      if (await step(folder.sourcePath, failures, () => fs.removeFolder(folder.sourcePath, signal))) done++
      report(folder.sourcePath)
    })
  }
  return { done, total, failures, notes: [], count: countOf(plan) }
}
