import { isSkiffError } from '../../shared/models/errors'
import type { CopyMemory } from './copy-memory'
import type { PlannedLink } from './plan/tree-walk'
import type { TargetFolders } from './target-folders'
import type { FileSystem } from '../fs/file-system'

/** A file or link that did not make it, and why. */
export interface CopyFailure {
  readonly path: string
  readonly code: string
  readonly message: string
}

/**
 * Recreates kept links on the target, each pointing where it pointed (as written). A taken
 * name is left alone, and a target that cannot hold a link (a file system without links, a
 * server that refuses) is reported: in both cases the link stays at the source, so a move
 * never removes a link it did not recreate. Returns the source paths recreated, this run and before.
 */
export async function copyLinks(
  links: readonly PlannedLink[],
  target: FileSystem,
  folders: TargetFolders,
  memory: CopyMemory,
  failures: CopyFailure[],
): Promise<string[]> {
  const recreated: string[] = []
  for (const link of links) {
    if (memory.linked.has(link.sourcePath)) {
      recreated.push(link.sourcePath)
      continue
    }
    const path = folders.pathOf(link.relPath)
    if (folders.entry(link.relPath)) {
      failures.push({ path, code: 'EXISTS', message: `Not moved: ${path} is taken on the target, so the link ${link.sourcePath} stays where it was.` })
      continue
    }
    try {
      await target.symlink(link.target, path)
      folders.claim(link.relPath, link.relPath.at(-1)!)
      memory.linked.add(link.sourcePath)
      recreated.push(link.sourcePath)
    } catch (error) {
      if (isSkiffError(error) && error.code === 'DISCONNECTED') throw error
      const reason = error instanceof Error ? error.message : String(error)
      failures.push({ path, code: isSkiffError(error) ? error.code : 'UNSUPPORTED', message: `Not moved: the target could not hold the link ${link.sourcePath} (${reason}); it stays where it was.` })
    }
  }
  return recreated
}
