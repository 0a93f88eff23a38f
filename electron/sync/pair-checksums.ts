import { mapBounded } from '../fs/bounded-map'
import type { FileSystem } from '../fs/file-system'
import type { SideTree } from './sync-side'

// Local hashes in flight: each reads a whole file from the disk.
const localConcurrency = 8
// Server hashes in flight: the server's side gathers them into commands of many files each (see
// remoteChecksums), so a few commands run at once rather than one per handful of files.
const remoteConcurrency = 256

/** SHA-256 of the files present on both sides with the same size, by relative path. */
export interface PairChecksums {
  readonly sums: ReadonlyMap<string, { readonly local: string; readonly remote: string }>
  /** Pairs without both sums (a server without sha256sum, a file it could not read): left to times and sizes. */
  readonly unhashed: number
}

/** Hashes each file present on both sides with the same size, both sides at once. */
export async function sumsOfPairs(localFs: FileSystem, local: SideTree, remoteFs: FileSystem, remote: SideTree, signal: AbortSignal): Promise<PairChecksums> {
  const pairs = [...local.nodes].filter(([key, node]) => {
    const other = remote.nodes.get(key)
    return node.type === 'file' && other?.type === 'file' && other.size === node.size
  })
  const [localSums, remoteSums] = await Promise.all([
    mapBounded(pairs, localConcurrency, ([, node]) => localFs.checksum(node.path, signal)),
    mapBounded(pairs, remoteConcurrency, ([key]) => remoteFs.checksum(remote.nodes.get(key)!.path, signal)),
  ])
  const sums = new Map<string, { local: string; remote: string }>()
  let unhashed = 0
  pairs.forEach(([key], index) => {
    const [localSum, remoteSum] = [localSums[index], remoteSums[index]]
    if (localSum && remoteSum) sums.set(key, { local: localSum, remote: remoteSum })
    else unhashed++
  })
  return { sums, unhashed }
}
