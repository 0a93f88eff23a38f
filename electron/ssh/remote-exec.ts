import type { Client } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'

/** What a command printed and how it ended. */
export interface ExecResult {
  readonly code: number | null
  readonly stdout: string
}

// A checksum line is short; anything longer is not what was asked for.
const maxOutputBytes = 64 * 1024

/** Quotes one argument for a POSIX shell: inside '…', with each ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * Runs one command on the server over an exec channel (no terminal) and collects what it
 * prints on stdout, up to 64 KiB. Rejects when the channel cannot be opened.
 */
export function execCommand(client: Client, command: string, timeoutMs = 120_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(new SkiffError('UNSUPPORTED', `The server would not run a command: ${error.message}.`))
      const chunks: Buffer[] = []
      let size = 0
      const timer = setTimeout(() => channel.close(), timeoutMs)
      channel.on('data', (chunk: Buffer) => {
        if (size < maxOutputBytes) chunks.push(chunk)
        size += chunk.length
      })
      channel.stderr.resume()
      channel.on('close', (code: number | null) => {
        clearTimeout(timer)
        resolve({ code: typeof code === 'number' ? code : null, stdout: Buffer.concat(chunks).toString('utf8') })
      })
    })
  })
}
