import { useCompareStore } from '../../stores/compare-store'
import { notifyFailure, settleNotice } from '../../stores/notices-store'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { otherPane } from '../transfers/start-transfer'

/** Shift+F2 in a pane: marks the entries of the local folder and the server folder against each other. */
export function compareFolders(paneKey: PaneKey): void {
  const remoteKey = paneKey === 'local' ? otherPane(paneKey) : paneKey
  const { panes } = usePanesStore.getState()
  const remote = remoteKey ? panes[remoteKey] : undefined
  if (!panes.local?.listing || !remoteKey || !remote?.listing || remote.target.kind !== 'remote') {
    notifyFailure({ code: 'INVALID_REQUEST', message: 'Compare folders needs a server folder in the right pane: connect, then press Shift+F2 in a pane.' }, 'compare')
    return
  }
  settleNotice('compare')
  useCompareStore.getState().start(remoteKey)
}
