import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { AppInfo } from '../../../shared/models/app'

/** `app.*`: facts about the host process. */
export function appHandlers(info: AppInfo): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => info,
  }
}
