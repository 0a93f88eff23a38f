import type { ClientChannel } from 'ssh2'

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
 * Collects what a command's channel prints on stdout, up to 64 KiB, and how it ended. The
 * channel is closed after `timeoutMs` if the command has not ended by then.
 */
export function collectOutput(channel: ClientChannel, timeoutMs = 120_000): Promise<ExecResult> {
  return new Promise((resolve) => {
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
}
