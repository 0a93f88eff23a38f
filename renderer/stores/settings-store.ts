import { create } from 'zustand'
import { defaultSettings, mergeSettings, type Settings, type SettingsPatch } from '../../shared/models/settings'
import { rpc } from '../ipc/client'
import { notifyFailure, settleNotice } from './notices-store'

interface SettingsStore {
  readonly settings: Settings
  /** Saves a change in the main process; every window hears `settings.changed`. */
  update(patch: SettingsPatch): Promise<void>
  /** The main process reported settings (`settings.get`, `settings.changed`). */
  replace(settings: Settings): void
}

/** The person's settings, as the main process keeps them. */
export const useSettingsStore = create<SettingsStore>()((set, get) => ({
  settings: defaultSettings,
  async update(patch) {
    // Shown at once (a checkbox follows the click); put back if the main process refuses.
    const before = get().settings
    set({ settings: mergeSettings(before, patch) })
    const reply = await rpc.request('settings.update', patch)
    if (reply.ok) {
      set({ settings: reply.value })
      settleNotice('settings')
    } else {
      set({ settings: before })
      notifyFailure(reply.error, 'settings')
    }
  },
  replace(settings) {
    set({ settings })
  },
}))
