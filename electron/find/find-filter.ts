import { folderVerdict, matchesFileMasks, rootVerdict, type FileMask, type FolderVerdict } from '../../shared/models/file-mask'
import type { EntryType } from '../../shared/models/fs'
import type { FoundEntry } from '../../shared/models/find'
import { splitPath } from '../fs/fs-path'
import { nameProblem } from '../transfer/plan/remote-name'

/** What the filter needs of an entry beside its path. */
export interface EntryFacts {
  readonly type: EntryType
  readonly size: number
  readonly mtimeMs: number
}

/**
 * One search's judgement of folders and files, the same whichever way the tree is read (a walk that
 * asks before listing a folder, or `find` output judged path by path): a folder is searched unless a
 * folder mask excludes it or it is hidden (and hidden files are left out); a file is found when its
 * folder is included and it passes the file masks. Verdicts are kept per folder path.
 */
export class FindFilter {
  private readonly root: string
  private readonly verdicts = new Map<string, FolderVerdict>()

  constructor(
    private readonly mask: FileMask,
    root: string,
    private readonly separator: '/' | '\\',
    private readonly isHiddenIncluded: boolean,
  ) {
    // A file system's root keeps its separator; any other folder is compared without a trailing one.
    this.root = /^(\/+|[A-Za-z]:[\\/]*)$/.test(root) ? splitPath(root, separator).folder || root : root.replace(separator === '\\' ? /[\\/]+$/ : /\/+$/, '')
    this.verdicts.set(this.root, rootVerdict(mask))
  }

  /** True when the folder at `path` (the search folder, or one below it) is to be listed. */
  isSearched(path: string): boolean {
    return this.verdictOf(path) !== 'excluded'
  }

  /** True when the entry at `path` could be a result, by its name and folder (its size and time not yet known). */
  mayBeFound(path: string): boolean {
    const { folder, name } = splitPath(path, this.separator)
    return (this.isHiddenIncluded || !name.startsWith('.')) && this.verdictOf(folder) === 'included'
  }

  /** The entry at `path` as a result, or null when it is not one (a folder, excluded, hidden, not matched). */
  found(path: string, facts: EntryFacts): FoundEntry | null {
    if (facts.type === 'directory') return null
    const { folder, name } = splitPath(path, this.separator)
    if (!this.isHiddenIncluded && name.startsWith('.')) return null
    // The walk refuses such names (a `\`, one too long) as it lists them: find's output is judged alike.
    if (nameProblem(name) !== null) return null
    if (this.verdictOf(folder) !== 'included') return null
    if (!matchesFileMasks(this.mask, { name, folder, size: facts.size, mtimeMs: facts.mtimeMs })) return null
    return { path, name, folder, type: facts.type, size: facts.size, mtimeMs: facts.mtimeMs }
  }

  private verdictOf(path: string): FolderVerdict {
    const known = this.verdicts.get(path)
    if (known) return known
    const { folder, name } = splitPath(path, this.separator)
    // Outside the search folder (a path find should not have printed): never a result.
    if (folder === path || path.length < this.root.length) return 'excluded'
    const above = this.verdictOf(folder)
    const isLeftOut = above === 'excluded' || (!this.isHiddenIncluded && name.startsWith('.')) || nameProblem(name) !== null
    const verdict = isLeftOut ? 'excluded' : folderVerdict(this.mask, name, folder, above)
    this.verdicts.set(path, verdict)
    return verdict
  }
}
