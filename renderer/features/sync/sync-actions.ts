import { notifyFailure } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { useSyncStore } from '../../stores/sync-store'
import { otherPane } from '../transfers/start-transfer'

/** Ctrl+S in a pane: the `Synchronize` dialog for the local pane's folder and the server pane's folder. */
export function openSync(paneKey: PaneKey): void {
  const remoteKey = paneKey === 'local' ? otherPane(paneKey) : paneKey
  const { panes } = usePanesStore.getState()
  const local = panes.local
  const remote = remoteKey ? panes[remoteKey] : undefined
  if (!local?.listing || !remote?.listing || remote.target.kind !== 'remote') {
    notifyFailure({ code: 'INVALID_REQUEST', message: 'Synchronize needs a server: connect, then press Ctrl+S in a pane.' }, 'sync')
    return
  }
  const sessionId = remote.target.sessionId
  const session = useSessionsStore.getState().sessions.find((each) => each.sessionId === sessionId)
  useSyncStore.getState().open({
    sessionId,
    serverName: session ? `${session.username}@${session.host}` : 'the server',
    localFolder: local.listing.path,
    remoteFolder: remote.listing.path,
  })
}
