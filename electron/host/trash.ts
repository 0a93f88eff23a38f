import { shell } from 'electron'
import { SkiffError } from '../../shared/models/errors'
import type { TrashItem } from '../operations/file-operations'

/** The OS trash through Electron (Recycle Bin, macOS Trash, the freedesktop trash); a failure says why, in a sentence. */
export const trashItem: TrashItem = async (path) => {
  try {
    await shell.trashItem(path)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error)
    throw new SkiffError('PERMISSION_DENIED', `Could not move ${path} to the trash: ${reason}. Shift+Delete deletes it permanently.`)
  }
}
