import { splitPath } from '../fs/fs-path'
import { planOneWay } from './sync-plan'
import { sumsOfPairs } from './pair-checksums'
import { fromHome, readFolder, walkProblemRows, type PlannedPreview, type PreviewInput } from './sync-read'
import { listingsOf } from './sync-side'
import { workOf } from './sync-work'

/** Plans an Upload or Download: the source folder must be there, the target's may be new. */
export async function previewOneWay(input: PreviewInput): Promise<PlannedPreview> {
  const { request, localFs, remoteFs, filter, signal, platform } = input
  const isUpload = request.direction === 'upload'
  const [localTree, remoteTree] = await Promise.all([
    readFolder(localFs, request.localFolder, signal, filter, isUpload),
    readFolder(remoteFs, await fromHome(remoteFs, request.remoteFolder, signal), signal, filter, !isUpload),
  ])
  const sourceTree = isUpload ? localTree : remoteTree
  if (request.isGitignoreHonoured) await filter.readGitignores(isUpload ? localFs : remoteFs, sourceTree, signal)
  const checksums = request.criteria.isChecksumCompared ? (await sumsOfPairs(localFs, localTree, remoteFs, remoteTree, signal)).sums : undefined
  const isTargetLocal = !isUpload
  const planned = planOneWay(localTree, remoteTree, {
    from: isUpload ? 'local' : 'remote',
    mode: request.mode,
    isDeleteExtra: request.isDeleteExtra,
    criteria: request.criteria,
    checksums,
    isIncluded: (node) => filter.isIncluded(node),
    isTargetWindows: isTargetLocal && platform === 'win32',
    isTargetCaseBlind: isTargetLocal && (platform === 'win32' || platform === 'darwin'),
  })
  const rows = [...planned, ...walkProblemRows([localTree, remoteTree], planned.length)]
  const local = { kind: 'local' } as const
  const sourceRoot = isUpload ? localTree.root : remoteTree.root
  const targetRoot = isUpload ? remoteTree.root : localTree.root
  const targetListings = listingsOf(isUpload ? remoteTree : localTree)
  const sides = { name: splitPath(sourceRoot, isUpload ? localFs.separator : '/').name, from: isUpload ? local : request.remote, sourceRoot, to: isUpload ? request.remote : local, targetRoot, targetListings }
  return { rows, entriesCompared: localTree.nodes.size + remoteTree.nodes.size, toWork: (start) => workOf(rows, new Set(start.uncheckedIds), sides) }
}
