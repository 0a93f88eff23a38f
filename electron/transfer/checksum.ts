import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { shellQuote, type ExecResult } from '../ssh/remote-exec'

/** SHA-256 of a local file, hex. */
export async function localSha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * SHA-256 of a file on the server, hex, through `sha256sum` (GNU, busybox) or `shasum -a 256`
 * (macOS, BSD); null when neither runs there. The path is quoted for the shell, whatever it holds.
 */
export async function remoteSha256(exec: (command: string) => Promise<ExecResult>, path: string): Promise<string | null> {
  const quoted = shellQuote(path)
  const result = await exec(`sha256sum -- ${quoted} 2>/dev/null || shasum -a 256 -- ${quoted} 2>/dev/null`)
  // sha256sum puts a backslash before the line when the name holds a newline or a backslash.
  const match = /^\\?([0-9a-f]{64})\b/.exec(result.stdout)
  return result.code === 0 && match ? match[1]! : null
}
