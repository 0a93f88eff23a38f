import { create } from 'zustand'
import { useExternalEditsStore } from './external-edits-store'
import type { AppInfo } from '../../shared/models/app'
import { rpc } from '../ipc/client'
import { notifyFailure } from './notices-store'
import { usePanesStore } from './panes-store'
import { useSessionsStore } from './sessions-store'
import { useTransfersStore } from './transfers-store'
import { useSettingsStore } from './settings-store'
import { useNoticesStore } from './notices-store'
import { useTerminalsStore } from './terminals-store'
import { useProfilesStore } from './profiles-store'

interface AppStore {
  readonly appInfo: AppInfo | null
  /** Loads host facts, opens the local pane at home and picks up sessions the host already holds. */
  start(): Promise<void>
}

/** Facts about the host process, loaded once. */
export const useAppStore = create<AppStore>()((set) => ({
  appInfo: null,
  async start() {
    const [info, sessions, transfers, settings] = await Promise.all([
      rpc.request('app.info', {}),
      rpc.request('session.list', {}),
      rpc.request('transfer.list', {}),
      rpc.request('settings.get', {}),
    ])
    if (!info.ok) return notifyFailure(info.error)
    set({ appInfo: info.value })
    usePanesStore.getState().open('local', { kind: 'local' }, info.value.localHome)
    // A session's bookmarks live with its profile: known before anyone bookmarks, even with no start screen shown.
    void useProfilesStore.getState().load()
    if (sessions.ok) for (const session of sessions.value) useSessionsStore.getState().upsert(session)
    // Shells that ran before a reload are taken back, not left to hang up.
    if (sessions.ok && sessions.value.length > 0) await useTerminalsStore.getState().reattach()
    if (transfers.ok) for (const job of transfers.value) useTransfersStore.getState().upsert(job)
    if (settings.ok) useSettingsStore.getState().replace(settings.value)
    await useExternalEditsStore.getState().load()
    for (const message of info.value.startupProblems) useNoticesStore.getState().notify({ code: 'INTERNAL', message })
  },
}))
