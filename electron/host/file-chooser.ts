import { BrowserWindow, dialog } from 'electron'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { ChooseFile } from '../ipc/handlers/app-handlers'

/** Electron's open dialog, starting in ~/.ssh with hidden files shown (keys live there). */
export const chooseFile: ChooseFile = async () => {
  const options: Electron.OpenDialogOptions = {
    title: 'Private key file',
    defaultPath: join(homedir(), '.ssh'),
    properties: ['openFile', 'showHiddenFiles'],
  }
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}
