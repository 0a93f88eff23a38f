import { SkiffError } from '../../shared/models/errors'
import type { FolderComparison, FolderCompareRequest } from '../../shared/models/compare'
import type { Endpoint, Endpoints } from '../transfer/queue/transfer-endpoints'
import { sumsOfPairs } from '../sync/pair-checksums'
import { readFolder } from '../sync/sync-side'
import { compareTrees } from './compare-trees'

/**
 * Compare folders, deep or with checksums: reads the local folder and the server folder at once
 * over a comparison's own channels (links kept as entries, never followed), hashes the files of
 * equal size when asked, and says how each entry of the two folders stands.
 */
export class CompareService {
  constructor(private readonly endpoints: Endpoints) {}

  /**
   * Compares; rejects with CANCELLED when `signal` aborts, NOT_FOUND when a folder is gone.
   * `onProgress` hears how many entries both sides have listed, at most every 100 ms.
   */
  async compare(request: FolderCompareRequest, signal: AbortSignal, onProgress: (entriesRead: number) => void = () => undefined): Promise<FolderComparison> {
    const opened: Endpoint[] = []
    const progress = throttledSum(onProgress)
    try {
      const sides = await Promise.allSettled([this.endpoints.open({ kind: 'local' }, signal), this.endpoints.open(request.remote, signal)])
      for (const side of sides) if (side.status === 'fulfilled') opened.push(side.value)
      const failed = sides.find((side) => side.status === 'rejected')
      if (failed) throw failed.reason
      const [localSide, remoteSide] = opened as [Endpoint, Endpoint]
      // One level still lists the folders of the top level, so that each is seen to be there.
      const isEntered = (relPath: readonly string[]) => request.isDeep || relPath.length <= 1
      const [localTree, remoteTree] = await Promise.all([
        readFolder(localSide.fs, request.localFolder, signal, isEntered, true, progress.local),
        readFolder(remoteSide.fs, request.remoteFolder, signal, isEntered, true, progress.remote),
      ])
      const checksums = request.criteria.isChecksumCompared ? await sumsOfPairs(localSide.fs, localTree, remoteSide.fs, remoteTree, signal) : undefined
      if (signal.aborted) throw new SkiffError('CANCELLED', 'The comparison was stopped.')
      const entries = compareTrees(localTree, remoteTree, { criteria: request.criteria, isDeep: request.isDeep, ...(checksums ? { checksums: checksums.sums } : {}) })
      return { entries, entriesCompared: localTree.nodes.size + remoteTree.nodes.size, unhashedPairs: checksums?.unhashed ?? 0 }
    } finally {
      for (const endpoint of opened) endpoint.close()
    }
  }
}

// Progress at most ~10 times a second, the first at once: the two sides' counts added up.
const progressEveryMs = 100

function throttledSum(report: (entriesRead: number) => void): { local: (seen: number) => void; remote: (seen: number) => void } {
  const seen = { local: 0, remote: 0 }
  let lastAt = -Infinity
  const update = (side: 'local' | 'remote', count: number) => {
    seen[side] = count
    const now = Date.now()
    if (now - lastAt < progressEveryMs) return
    lastAt = now
    report(seen.local + seen.remote)
  }
  return { local: (count) => update('local', count), remote: (count) => update('remote', count) }
}
