import ignore, { type Ignore } from 'ignore'
import { folderVerdict, matchesFileMasks, rootVerdict, type FileMask, type FolderVerdict } from '../../shared/models/file-mask'
import type { FileSystem } from '../fs/file-system'
import { relKey, type SideNode, type SideTree } from './sync-side'

/**
 * What a synchronization leaves out, judged on paths relative to the synchronized folders (so
 * both sides agree): WinSCP masks, where a path mask sees the folder as `/css` for `css/` below
 * the root, and, when asked, the source side's `.gitignore` files, each for the folder it is in
 * and below. Left out means neither copied nor deleted.
 */
export class SyncFilter {
  private readonly verdicts = new Map<string, FolderVerdict>()
  private readonly gitignores = new Map<string, Ignore>()

  constructor(private readonly mask: FileMask) {
    this.verdicts.set('', rootVerdict(mask))
  }

  /** False for a folder no entry of which can be included: it is not even listed. */
  isEntered(relPath: readonly string[]): boolean {
    return this.folderVerdictOf(relPath) !== 'excluded'
  }

  /** Reads the `.gitignore` files the source tree holds (a file that cannot be read ignores nothing). */
  async readGitignores(fs: FileSystem, tree: SideTree, signal: AbortSignal): Promise<void> {
    const files = [...tree.nodes.values()].filter((node) => node.type === 'file' && node.relPath.at(-1) === '.gitignore' && node.size <= 1024 * 1024)
    for (const file of files) {
      if (signal.aborted) return
      const text = await readText(fs, file.path, file.size).catch(() => null)
      if (text !== null) this.gitignores.set(relKey(file.relPath.slice(0, -1)), ignore().add(text))
    }
  }

  /** True when `node` takes part: its folders entered, the masks pass it, no .gitignore above it ignores it. */
  isIncluded(node: SideNode): boolean {
    if (this.isGitIgnored(node)) return false
    const relPath = node.relPath
    if (node.type === 'directory') return this.folderVerdictOf(relPath) !== 'excluded'
    if (this.folderVerdictOf(relPath.slice(0, -1)) !== 'included') return false
    return matchesFileMasks(this.mask, { name: relPath.at(-1)!, folder: '/' + relKey(relPath.slice(0, -1)), size: node.size, mtimeMs: node.mtimeMs })
  }

  private isGitIgnored(node: SideNode): boolean {
    if (this.gitignores.size === 0) return false
    const relPath = node.relPath
    for (let depth = 0; depth < relPath.length; depth++) {
      const rules = this.gitignores.get(relKey(relPath.slice(0, depth)))
      if (!rules) continue
      const below = relKey(relPath.slice(depth)) + (node.type === 'directory' ? '/' : '')
      if (rules.ignores(below)) return true
    }
    return false
  }

  private folderVerdictOf(relPath: readonly string[]): FolderVerdict {
    const key = relKey(relPath)
    const known = this.verdicts.get(key)
    if (known) return known
    const above = this.folderVerdictOf(relPath.slice(0, -1))
    const verdict = above === 'excluded' ? 'excluded' : folderVerdict(this.mask, relPath.at(-1)!, '/' + relKey(relPath.slice(0, -1)), above)
    this.verdicts.set(key, verdict)
    return verdict
  }
}

async function readText(fs: FileSystem, path: string, size: number): Promise<string> {
  const handle = await fs.openRead(path)
  try {
    const chunks: Buffer[] = []
    let offset = 0
    while (offset < size) {
      const chunk = await handle.read(offset, Math.min(64 * 1024, size - offset))
      if (chunk.length === 0) break
      chunks.push(chunk)
      offset += chunk.length
    }
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    await handle.close()
  }
}
