import { mapBounded } from '../fs/bounded-map'
import type { FileSystem } from '../fs/file-system'
import type { SideTree } from './sync-side'

// Hashes in flight per comparison: each is a read of a whole file on its side.
const checksumConcurrency = 8

/** SHA-256 of the files present on both sides with the same size, by relative path. */
export interface PairChecksums {
  readonly sums: ReadonlyMap<string, { readonly local: string; readonly remote: string }>
  /** Pairs a side could not hash (a server without sha256sum): left to times and sizes. */
  readonly unhashed: number
}

/** Hashes each file present on both sides with the same size, both sides at once, a few pairs at a time. */
export async function sumsOfPairs(localFs: FileSystem, local: SideTree, remoteFs: FileSystem, remote: SideTree, signal: AbortSignal): Promise<PairChecksums> {
  const pairs = [...local.nodes].filter(([key, node]) => {
    const other = remote.nodes.get(key)
    return node.type === 'file' && other?.type === 'file' && other.size === node.size
  })
  const sums = new Map<string, { local: string; remote: string }>()
  let unhashed = 0
  await mapBounded(pairs, checksumConcurrency, async ([key, node]) => {
    const [localSum, remoteSum] = await Promise.all([localFs.checksum(node.path, signal), remoteFs.checksum(remote.nodes.get(key)!.path, signal)])
    if (localSum !== null && remoteSum !== null) sums.set(key, { local: localSum, remote: remoteSum })
    else unhashed++
  })
  return { sums, unhashed }
}
