import { isSkiffError } from '../../shared/models/errors'
import { mapBounded } from '../fs/bounded-map'
import type { CopyFailure, CopyTreeSummary } from './copy-tree'
import type { FileSystem } from '../fs/file-system'

/**
 * The second half of a move: deletes the files that were copied and the links that were
 * recreated (the link itself, never what it points to), then the folders they were in,
 * deepest first, each only if empty. A folder that still holds something (a skipped file, a
 * link that could not be recreated, a file that appeared meanwhile) is left in place: a move
 * never deletes what it did not itself walk and copy. Returns what could not be removed.
 */
export async function removeSources(fs: FileSystem, summary: Pick<CopyTreeSummary, 'copiedFiles' | 'movedLinks' | 'sourceFolders'>): Promise<CopyFailure[]> {
  const failures: CopyFailure[] = []
  await mapBounded([...summary.copiedFiles, ...summary.movedLinks], 16, async (path) => {
    try {
      await fs.remove(path)
    } catch (error) {
      if (!isSkiffError(error) || error.code === 'DISCONNECTED') throw error
      failures.push({ path, code: error.code, message: `Copied, but the source could not be removed: ${error.message}` })
    }
  })
  const deepestFirst = [...summary.sourceFolders].sort((a, b) => b.length - a.length)
  for (const folder of deepestFirst) await fs.removeFolder(folder).catch(() => undefined)
  return failures
}
