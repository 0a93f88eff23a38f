import { spawn } from 'node:child_process'
import { parse } from 'shell-quote'
import { SkiffError } from '../../shared/models/errors'
import type { LaunchEditor } from './external-editing'

/** Opens a file with the OS's default application (Electron's shell.openPath); rejects with the reason. */
export type OpenPath = (filePath: string) => Promise<void>

/**
 * The words of an editor's command line, with `%f` replaced by the file's path (the path added
 * as the last word when no `%f` is there). Quoting works as in a POSIX shell; anything a shell
 * would do beyond words (pipes, `;`, `$VAR`, globs) is refused: the command is run directly, never
 * through a shell, so a file name can never become part of a command.
 */
export function editorArguments(command: string, filePath: string): string[] {
  const words = parse(command, (name) => `$${name}`)
  const plain = words.map((word) => {
    if (typeof word !== 'string' || word.includes('$')) {
      throw new SkiffError('INVALID_REQUEST', `The editor command "${command}" holds shell syntax (pipes, variables, globs); give a program and its arguments only.`)
    }
    return word
  })
  if (plain.length === 0) throw new SkiffError('INVALID_REQUEST', 'The editor command is empty.')
  const hasPlaceholder = plain.some((word) => word.includes('%f'))
  const filled = plain.map((word) => word.replaceAll('%f', filePath))
  return hasPlaceholder ? filled : [...filled, filePath]
}

/** Starts `words` detached from Skiff; rejects with a sentence when the program cannot start. */
function startDetached(words: readonly string[]): Promise<void> {
  const [program, ...args] = words
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, { detached: true, stdio: 'ignore' })
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'it was not found' : error.code === 'EACCES' ? 'it may not be run' : error.message
      reject(new SkiffError('NOT_FOUND', `Could not start ${program}: ${why}. Check the editor command in Settings.`))
    })
  })
}

/** The platform's own "open with the default application" command, for browser mode (no Electron shell). */
function platformOpener(filePath: string): string[] {
  if (process.platform === 'darwin') return ['open', filePath]
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""', filePath]
  return ['xdg-open', filePath]
}

/** Starts the person's editor: their command, or with none the OS's default application (`openPath` where the host has one). */
export function createEditorLauncher(openPath?: OpenPath): LaunchEditor {
  return async (command, filePath) => {
    if (command.trim() !== '') return startDetached(editorArguments(command, filePath))
    if (openPath) return openPath(filePath)
    return startDetached(platformOpener(filePath))
  }
}
