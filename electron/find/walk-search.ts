import { walkConcurrency } from '../operations/operation-outcome'
import { joinChild } from '../transfer/plan/remote-name'
import { walkTree, type WalkFs } from '../transfer/plan/tree-walk'
import type { FindFilter } from './find-filter'
import type { SearchSink } from './search-sink'

/**
 * Searches `folder` by walking it with the shared walker, links kept as entries (never entered, so
 * a link loop ends like any other link), excluded and hidden folders never listed, at most
 * `walkConcurrency` listings in flight. Rejects with CANCELLED once `signal` aborts (the caller aborts
 * it when the sink is full).
 */
export async function searchByWalk(fs: WalkFs, folder: string, filter: FindFilter, sink: SearchSink, signal: AbortSignal): Promise<void> {
  // The walker names each root for a copy; a file system's root has no name, so its entries are the roots.
  const isFsRoot = /^(\/+|[A-Za-z]:[\\/]*)$/.test(folder)
  const roots = isFsRoot ? (await fs.list(folder, signal)).entries.map((entry) => joinChild(folder, entry.name, fs.separator)) : [folder]
  if (isFsRoot) sink.folder(folder)
  const plan = await walkTree({
    fs,
    roots,
    signal,
    concurrency: walkConcurrency,
    links: 'preserve',
    enters: (path) => {
      if (!filter.isSearched(path)) return false
      sink.folder(path)
      return true
    },
    onPlanned: (leaf) => {
      const found = filter.found(leaf.sourcePath, leaf.entry)
      if (found) sink.found(found)
    },
  })
  for (let i = 0; i < plan.problems.length; i++) sink.unreadable()
}
