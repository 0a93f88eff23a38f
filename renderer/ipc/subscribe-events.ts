import { useSessionsStore } from '../stores/sessions-store'
import { useTransfersStore } from '../stores/transfers-store'
import { useSettingsStore } from '../stores/settings-store'
import { refreshAfterTransfer } from '../stores/panes-store'
import { rpc } from './client'
import { useEditorsStore } from '../stores/editors-store'
import { useExternalEditsStore } from '../stores/external-edits-store'
import { useTerminalsStore } from '../stores/terminals-store'
import { useProfilesStore } from '../stores/profiles-store'
import { terminalOutput } from '../features/terminal/terminal-output'
import { useFindStore } from '../stores/find-store'
import { useSyncStore } from '../stores/sync-store'
import { useDeployStore } from '../stores/deploy-store'
import { useCompareStore } from '../stores/compare-store'
import { useKeepUpToDateStore } from '../stores/keep-up-to-date-store'

/** Wires every host event to its store. Called once at startup; returns the unsubscribe. */
export function subscribeEvents(): () => void {
  const sessions = useSessionsStore.getState()
  const transfers = useTransfersStore.getState()
  const unsubscribes = [
    rpc.on('session.prompt', (prompt) => sessions.addPrompt(prompt)),
    rpc.on('session.promptClosed', ({ promptId }) => sessions.dropPrompt(promptId)),
    rpc.on('session.changed', (session) => sessions.upsert(session)),
    rpc.on('session.closed', ({ sessionId }) => {
      sessions.remove(sessionId)
      useTerminalsStore.getState().dropSession(sessionId)
      useEditorsStore.getState().dropSession(sessionId)
    }),
    rpc.on('transfer.changed', (job) => {
      transfers.upsert(job)
      refreshAfterTransfer(job)
      useFindStore.getState().onJobChanged(job)
    }),
    rpc.on('transfer.removed', ({ transferIds }) => transfers.remove(transferIds)),
    rpc.on('transfer.conflict', (conflict) => transfers.addConflict(conflict)),
    rpc.on('transfer.conflictClosed', ({ conflictId }) => transfers.dropConflict(conflictId)),
    rpc.on('find.found', (progress) => useFindStore.getState().onFound(progress)),
    rpc.on('find.ended', (ended) => useFindStore.getState().onEnded(ended)),
    rpc.on('sync.previewRows', (batch) => {
      useSyncStore.getState().onRows(batch)
      useDeployStore.getState().onRows(batch)
    }),
    rpc.on('sync.previewEnded', (ended) => {
      useSyncStore.getState().onEnded(ended)
      useDeployStore.getState().onEnded(ended)
    }),
    rpc.on('compare.progress', (progress) => useCompareStore.getState().onProgress(progress)),
    rpc.on('sync.watchChanged', (status) => useKeepUpToDateStore.getState().onChanged(status)),
    rpc.on('settings.changed', (settings) => useSettingsStore.getState().replace(settings)),
    rpc.on('terminal.data', ({ terminalId, data }) => terminalOutput.deliver(terminalId, data)),
    rpc.on('terminal.ended', (ended) => useTerminalsStore.getState().markEnded(ended)),
    rpc.on('profiles.changed', ({ profiles }) => useProfilesStore.getState().replace(profiles)),
    rpc.on('secrets.changed', (secrets) => useProfilesStore.getState().replaceSecrets(secrets)),
    rpc.on('editing.changed', (edit) => useExternalEditsStore.getState().upsert(edit)),
    rpc.on('editing.removed', ({ editId }) => useExternalEditsStore.getState().remove(editId)),
  ]
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}
