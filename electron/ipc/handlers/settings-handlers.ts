import type { Emit } from '../../../shared/ipc/messages'
import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { SettingsStore } from '../../settings/settings-store'

/** `settings.*`: read and change the person's settings; every window hears of a change. */
export function settingsHandlers(store: SettingsStore, broadcast: Emit): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => store.get(),
    'settings.update': async (patch) => {
      const settings = await store.update(patch)
      broadcast('settings.changed', settings)
      return settings
    },
  }
}
