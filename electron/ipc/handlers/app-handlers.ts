import type { Handlers } from '../../../shared/ipc/rpc-server'
import { SkiffError } from '../../../shared/models/errors'
import type { AppInfo } from '../../../shared/models/app'

/** Asks the person for a file with the OS's own dialog; null when they cancel. */
export type ChooseFile = (purpose: 'private-key') => Promise<string | null>

/** `app.*`: facts about the host process, and the OS file chooser where there is one (Electron). */
export function appHandlers(info: AppInfo, chooseFile?: ChooseFile): Pick<Handlers, 'app.info' | 'app.chooseFile'> {
  return {
    'app.info': async () => info,
    'app.chooseFile': async (req) => {
      if (!chooseFile) throw new SkiffError('UNSUPPORTED', 'Browser mode has no file chooser of its own: type the path.')
      return { path: await chooseFile(req.purpose) }
    },
  }
}
