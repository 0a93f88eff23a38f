import type { FoundEntry } from '../../../shared/models/find'
import { rpc } from '../../ipc/client'
import { useFileOpsStore, type FoundPath } from '../../stores/file-ops-store'
import { useFindStore } from '../../stores/find-store'
import { notifyFailure, useNoticesStore } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { openFiles } from '../file-ops/file-commands'
import { selectedEntries } from '../file-grid/grid-selection'
import { otherPane } from '../transfers/start-transfer'

/** Alt+F7: the `Find files` dialog, searching the pane's folder. */
export function openFind(paneKey: PaneKey): void {
  const pane = usePanesStore.getState().panes[paneKey]
  if (pane?.listing) useFindStore.getState().open({ paneKey, target: pane.target, folder: pane.listing.path, isHiddenShown: pane.showHidden })
}

/** The results the actions work on: the selected ones in list order, else the cursor row. */
export function chosenResults(): FoundEntry[] {
  const { results, selection } = useFindStore.getState()
  const chosen = new Set(selectedEntries(results.map((result) => ({ name: result.path })), selection).map((row) => row.name))
  return results.filter((result) => chosen.has(result.path))
}

/** Chosen results by the folder they are in: a job takes one folder's entries. */
function byFolder<T extends FoundPath>(results: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const result of results) groups.set(result.folder, [...(groups.get(result.folder) ?? []), result])
  return groups
}

/** `Go to`: the dialog closes and the pane opens the result's folder with it selected. */
export function goToResult(result: FoundEntry | undefined = chosenResults()[0]): void {
  const place = useFindStore.getState().place
  if (!place || !result) return
  useFindStore.getState().close()
  // The result must be seen where it lands: the pane's filter goes, and a hidden name shows hidden files.
  const panes = usePanesStore.getState()
  const pane = panes.panes[place.paneKey]
  if (pane?.filter) panes.setFilter(place.paneKey, '')
  if (pane && !pane.showHidden && result.name.startsWith('.')) panes.setShowHidden(place.paneKey, true)
  void panes.navigate(place.paneKey, result.folder, result.name)
}

/** `Edit` (F4): the dialog closes and the chosen files open in the editor (or the external one, when that is F4's default). */
export function editResults(): void {
  const place = useFindStore.getState().place
  const files = chosenResults().filter((result) => result.type === 'file' || result.type === 'symlink')
  if (!place || files.length === 0) return
  useFindStore.getState().close()
  openFiles(place.target, files.map((result) => result.path), 'edit')
}

/** `Download` / `Upload`: the chosen results into the other pane's folder, one queued job per folder they come from. */
export function transferResults(): void {
  const place = useFindStore.getState().place
  const toKey = place ? otherPane(place.paneKey) : null
  const to = toKey ? usePanesStore.getState().panes[toKey] : undefined
  if (!place) return
  if (!to?.listing) {
    useNoticesStore.getState().notify({ code: 'INVALID_REQUEST', message: 'Connect to a server first: there is no other pane to copy to.' })
    return
  }
  for (const results of byFolder(chosenResults()).values()) {
    void useTransfersStore.getState().enqueue({ from: place.target, paths: results.map((result) => result.path), to: to.target, folder: to.listing.path })
  }
}

/** `Delete`: the chosen results, after the `Delete` dialog asked. */
export async function askDeleteResults(): Promise<void> {
  const place = useFindStore.getState().place
  const chosen = chosenResults()
  if (!place || chosen.length === 0) return
  const reply = await rpc.request('fs.capabilities', { target: place.target })
  if (!reply.ok) return notifyFailure(reply.error)
  useFileOpsStore.getState().show({
    kind: 'delete',
    paneKey: place.paneKey,
    names: chosen.map((result) => result.name),
    found: chosen.map(({ path, folder }) => ({ path, folder })),
    isPermanent: !reply.value.canTrash,
    capabilities: reply.value,
  })
}

/** Starts the delete the dialog confirmed for found entries: one job per folder, so each pane showing one refreshes. */
export async function runDeleteFound(paneKey: PaneKey, found: readonly FoundPath[], isPermanent: boolean): Promise<void> {
  const target = usePanesStore.getState().panes[paneKey]?.target
  if (!target) return
  for (const results of byFolder(found).values()) {
    const reply = await rpc.request('fs.delete', { target, paths: results.map((result) => result.path), isPermanent })
    if (!reply.ok) notifyFailure(reply.error)
  }
}
