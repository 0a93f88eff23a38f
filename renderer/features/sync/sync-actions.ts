import { notifyFailure } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { useKeepUpToDateStore } from '../../stores/keep-up-to-date-store'
import { useSyncStore, type SyncPlace } from '../../stores/sync-store'
import { otherPane } from '../transfers/start-transfer'

/** The local pane's folder and the server pane's folder, or null (with a notice naming `what` and its `keys`) when no server pane is shown. */
function placeOf(paneKey: PaneKey, what: string, keys: string): SyncPlace | null {
  const remoteKey = paneKey === 'local' ? otherPane(paneKey) : paneKey
  const { panes } = usePanesStore.getState()
  const local = panes.local
  const remote = remoteKey ? panes[remoteKey] : undefined
  if (!local?.listing || !remote?.listing || remote.target.kind !== 'remote') {
    notifyFailure({ code: 'INVALID_REQUEST', message: `${what} needs a server: connect, then press ${keys} in a pane.` }, 'sync')
    return null
  }
  const sessionId = remote.target.sessionId
  const session = useSessionsStore.getState().sessions.find((each) => each.sessionId === sessionId)
  return { sessionId, serverName: session ? `${session.username}@${session.host}` : 'the server', localFolder: local.listing.path, remoteFolder: remote.listing.path }
}

/** Ctrl+S in a pane: the `Synchronize` dialog for the local pane's folder and the server pane's folder. */
export function openSync(paneKey: PaneKey): void {
  const place = placeOf(paneKey, 'Synchronize', 'Ctrl+S')
  if (place) useSyncStore.getState().open(place)
}

/** Ctrl+U in a pane: the `Keep up to date` dialog for the same two folders. */
export function openKeepUpToDate(paneKey: PaneKey): void {
  const place = placeOf(paneKey, 'Keep up to date', 'Ctrl+U')
  if (place) useKeepUpToDateStore.getState().open(place)
}
