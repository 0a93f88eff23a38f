import { rpc } from '../../ipc/client'
import { notifyFailure, useNoticesStore } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useSettingsStore } from '../../stores/settings-store'
import { useTransfersStore, type PendingMove } from '../../stores/transfers-store'
import { joinPath } from '../pane/fs-path'
import { entriesToCopy, otherPane, transferNames } from './start-transfer'

/** Asks before a move (dialog `Move`), unless the person said not to; a move in place always asks, for its folder. */
export function askToMove(move: PendingMove): void {
  if (move.names.length === 0) return
  if (!move.isInPlace && !useSettingsStore.getState().settings.transfer.confirmMove) return void runMove(move, move.folder)
  useTransfersStore.getState().setPendingMove(move)
}

/** F6: the selection to the other pane's folder, after asking. */
export function moveSelection(key: PaneKey): void {
  const target = otherPane(key)
  const folder = target && usePanesStore.getState().panes[target]?.listing?.path
  if (!target || !folder) {
    useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message: 'Connect to a server first: there is no other pane to move to.' })
    return
  }
  askToMove({ fromKey: key, toKey: target, names: entriesToCopy(key).map((entry) => entry.name), folder, isInPlace: false })
}

/** Shift+F6 (WinSCP's move in place): the selection to another folder of the same file system, typed in the dialog. */
export function moveSelectionInPlace(key: PaneKey): void {
  const folder = usePanesStore.getState().panes[key]?.listing?.path
  if (!folder) return
  askToMove({ fromKey: key, toKey: key, names: entriesToCopy(key).map((entry) => entry.name), folder, isInPlace: true })
}

/** Does the move: within one file system by renaming each entry, else through the queue (copy, check, delete). */
export async function runMove(move: PendingMove, folder: string): Promise<void> {
  if (move.fromKey !== move.toKey) return transferNames(move.fromKey, move.toKey, move.names, { isMove: true, folder })
  const pane = usePanesStore.getState().panes[move.fromKey]
  if (!pane?.listing) return
  const { path, separator } = pane.listing
  // Said of the folder, not of each entry that could not go into it.
  const there = await rpc.request('fs.stat', { target: pane.target, path: folder })
  if (!there.ok || (there.value.type !== 'directory' && there.value.linkTargetType !== 'directory')) {
    const message = !there.ok && there.error.code !== 'NOT_FOUND' ? there.error.message : `There is no folder ${folder} to move into.`
    return notifyFailure({ code: there.ok ? 'INVALID_REQUEST' : there.error.code, message })
  }
  for (const name of move.names) {
    const reply = await rpc.request('fs.rename', { target: pane.target, from: joinPath(path, name, separator), to: joinPath(folder, name, separator) })
    if (!reply.ok) notifyFailure(reply.error)
  }
  usePanesStore.getState().refresh(move.fromKey)
}
