import { shell } from 'electron'
import { SkiffError } from '../../shared/models/errors'
import type { OpenPath } from '../editing/launch-editor'

/** Opens a file with the OS's default application through Electron; its refusal becomes a sentence. */
export const openPath: OpenPath = async (filePath) => {
  const problem = await shell.openPath(filePath)
  if (problem) throw new SkiffError('UNSUPPORTED', `Could not open ${filePath}: ${problem}. Set an editor command in Settings.`)
}
