import { SkiffError } from '../../shared/models/errors'
import type { FsTarget } from '../../shared/models/fs'
import type { SyncStartRequest } from '../../shared/models/sync'
import type { FileSystem } from '../fs/file-system'
import { splitPath } from '../fs/fs-path'
import { joinChild } from '../transfer/plan/remote-name'
import { planTwoWay } from './sync-plan-both'
import { sumsOfPairs } from './pair-checksums'
import { fromHome, readFolder, unreadableKeys, walkProblemRows, type PlannedPreview, type PreviewInput } from './sync-read'
import type { PlannedRow, SourceSide } from './sync-rows'
import { listingsOf, type SideNode, type SideTree } from './sync-side'
import { nextState, type FactsNow } from './sync-state-next'
import type { FolderPair, LoadedState, SyncStateStore } from './sync-state'
import { twoWayWorkOf } from './sync-work-both'
import type { SyncWork } from './sync-work'

/** Where a two-way preview finds and keeps the state of its folder pair. */
export interface TwoWayState {
  readonly store: SyncStateStore
  /** `user@host:port` of the server, naming the pair with its folders. */
  readonly server: string
}

/**
 * Plans a two-way synchronization (Both): reads both trees (and both sides' `.gitignore` files),
 * loads the pair's state from the last run and plans against it. A folder that is not there reads
 * as empty only before the first run: once a state exists, a missing folder would read as
 * everything deleted, so it is refused. Start's work saves the new state once it all succeeded; a
 * preview that finds the folders alike saves it at once (what it records is true as it stands).
 */
export async function previewTwoWay(input: PreviewInput, state: TwoWayState): Promise<PlannedPreview> {
  const { request, localFs, remoteFs, filter, signal, platform } = input
  const { localTree, remoteTree, pair, loaded } = await readBoth(input, state)
  const last = loaded.state
  if (request.isGitignoreHonoured) for (const [fs, tree] of [[localFs, localTree], [remoteFs, remoteTree]] as const) await filter.readGitignores(fs, tree, signal)
  const unreadable = new Set([...unreadableKeys(localTree, localFs.separator), ...unreadableKeys(remoteTree, '/')])
  const options = {
    criteria: request.criteria,
    checksums: request.criteria.isChecksumCompared ? (await sumsOfPairs(localFs, localTree, remoteFs, remoteTree, signal)).sums : undefined,
    isIncluded: (node: SideNode) => filter.isIncluded(node),
    isLocalWindows: platform === 'win32',
    isLocalCaseBlind: platform === 'win32' || platform === 'darwin',
    unreadable,
  }
  const planned = planTwoWay(localTree, remoteTree, last, options)
  const rows: PlannedRow[] = [...planned, ...walkProblemRows([localTree, remoteTree], planned.length)]
  if (loaded.unreadable) {
    rows.push({ id: rows.length, action: 'problem', side: 'local', path: '.', type: 'directory', reason: `what the last synchronization left could not be read (kept aside as ${loaded.unreadable}): compared as a first run, which deletes nothing` })
  }
  const known = { last, local: localTree, remote: remoteTree, rows, isIncluded: options.isIncluded, unreadable }
  // Folders found alike are recorded as synchronized, so the next run knows a deletion when it sees one.
  if (rows.length === 0 && localTree.isPresent && remoteTree.isPresent) await state.store.save(pair, await nextState({ ...known, ran: new Map() }, async () => null))
  const sides = {
    name: splitPath(localTree.root, localFs.separator).name,
    local: { kind: 'local' } as const,
    localRoot: localTree.root,
    remote: request.remote,
    remoteRoot: remoteTree.root,
    // Each leg writes only its own target: the other's listing stays as the preview read it.
    localListings: listingsOf(localTree),
    remoteListings: listingsOf(remoteTree),
  }
  const toWork = (start: SyncStartRequest): SyncWork => {
    const { work, ran } = twoWayWorkOf(rows, new Set(start.uncheckedIds), start.resolutions ?? [], sides)
    const onSucceeded = async (fsOf: (side: FsTarget) => FileSystem, signal: AbortSignal) => {
      const factsNow = factsReader({ local: [fsOf(sides.local), localTree], remote: [fsOf(sides.remote), remoteTree] }, signal)
      const next = await nextState({ ...known, ran }, factsNow)
      await state.store.save(pair, next)
    }
    return { ...work, onSucceeded }
  }
  return { rows, entriesCompared: localTree.nodes.size + remoteTree.nodes.size, toWork }
}

/** Reads both trees and the pair's last state; a folder gone since the last run is refused. */
async function readBoth(input: PreviewInput, state: TwoWayState): Promise<{ localTree: SideTree; remoteTree: SideTree; pair: FolderPair; loaded: LoadedState }> {
  const { request, localFs, remoteFs, filter, signal } = input
  const [localTree, remoteTree] = await Promise.all([readFolder(localFs, request.localFolder, signal, filter, false), readFolder(remoteFs, await fromHome(remoteFs, request.remoteFolder, signal), signal, filter, false)])
  const pair: FolderPair = { localFolder: localTree.root, server: state.server, remoteFolder: remoteTree.root }
  const loaded = await state.store.load(pair)
  const count = loaded.state?.size ?? 0
  for (const tree of [localTree, remoteTree]) {
    if (!tree.isPresent && count > 0) throw new SkiffError('NOT_FOUND', `There is no folder ${tree.root} any more, though the last synchronization saw ${count.toLocaleString('en-US')} entries in it: Skiff does not read that as everything deleted. Create it (or choose Upload or Download) to synchronize again.`)
  }
  return { localTree, remoteTree, pair, loaded }
}

/** Reads how a file stands now on a side, by its path below that side's folder. */
function factsReader(sides: Readonly<Record<SourceSide, readonly [FileSystem, SideTree]>>, signal: AbortSignal): FactsNow {
  return async (side, relPath) => {
    const [fs, tree] = sides[side]
    const path = relPath.reduce((folder, name) => joinChild(folder, name, fs.separator), tree.root)
    const entry = await fs.lookup(path, signal)
    return entry ? { size: entry.size, mtimeMs: entry.mtimeMs } : null
  }
}
