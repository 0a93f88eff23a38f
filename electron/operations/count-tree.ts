import type { FileSystem } from '../fs/file-system'
import { walkTree } from '../transfer/plan/tree-walk'
import { countOf, walkConcurrency, walkFailures, type OperationOptions, type OperationOutcome } from './operation-outcome'

/**
 * Counts what the selection holds (a folder's size): folders, files and their bytes, links (as
 * links: never entered, their targets never counted), special files. A folder that cannot be
 * listed is a failure and the count goes on without it.
 */
export async function countTree(fs: Pick<FileSystem, 'separator' | 'list' | 'lookup'>, paths: readonly string[], options: OperationOptions = {}): Promise<OperationOutcome> {
  const plan = await walkTree({ fs, roots: paths, signal: options.signal, concurrency: walkConcurrency, links: 'preserve', onProgress: (seen) => options.onProgress?.({ done: seen, total: 0 }) })
  const count = countOf(plan)
  const entries = count.folders + count.files + count.links + count.others
  return { done: entries, total: entries, failures: walkFailures(plan.problems), notes: [], count }
}
