import type { CopyTreeSummary } from './copy-tree'
import { eachLimited } from './copy-tree'
import type { TransferFs } from './transfer-fs'

/**
 * The second half of a move: deletes the files that were copied, then the folders they were
 * in, deepest first. A folder that still holds something (a skipped file, a file that appeared
 * meanwhile) is left in place: a move never deletes what it did not copy.
 */
export async function removeSources(fs: TransferFs, summary: Pick<CopyTreeSummary, 'copiedFiles' | 'sourceFolders'>): Promise<void> {
  await eachLimited(summary.copiedFiles, 16, (path) => fs.remove(path))
  const deepestFirst = [...summary.sourceFolders].sort((a, b) => b.length - a.length)
  for (const folder of deepestFirst) await fs.removeFolder(folder).catch(() => undefined)
}
