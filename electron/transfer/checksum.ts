import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { shellQuote, type ExecResult } from '../ssh/remote-exec'

/** SHA-256 of a local file, hex. */
export async function localSha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** SHA-256 of a file on the server, hex; null when the server cannot compute it. */
export type RemoteChecksum = (path: string) => Promise<string | null>

// Paths per command, and bytes of quoted paths per command: well under any server's limits.
const maxBatchPaths = 64
const maxBatchBytes = 32 * 1024
// How long a checksum waits for others to share its command: many files finish together.
const gatherMs = 5

// One line per path, in order: the digest (sha256sum puts a backslash before it when the name
// holds a newline or a backslash), or `-` when neither tool could read the file.
const script = 'for f; do sha256sum -- "$f" 2>/dev/null || shasum -a 256 -- "$f" 2>/dev/null || echo -; done'

function digestOf(line: string | undefined): string | null {
  const match = /^\\?([0-9a-f]{64})\b/.exec(line ?? '')
  return match ? match[1]! : null
}

interface Pending {
  readonly path: string
  readonly settle: (digest: string | null) => void
}

/**
 * SHA-256 of files on the server through `sha256sum` (GNU, busybox) or `shasum -a 256`
 * (macOS, BSD), many files to one command: every command takes a channel of the connection
 * (and a process on the server), so files finishing together share one. Paths are quoted for
 * the shell, whatever they hold. Answers null for a file that could not be checked.
 */
export function remoteChecksums(exec: (command: string) => Promise<ExecResult>): RemoteChecksum {
  let batch: Pending[] = []
  let bytes = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    const taken = batch
    batch = []
    bytes = 0
    if (taken.length === 0) return
    const command = `sh -c ${shellQuote(script)} sh ${taken.map((item) => shellQuote(item.path)).join(' ')}`
    exec(command).then(
      (result) => {
        const lines = result.stdout.split('\n')
        taken.forEach((item, i) => item.settle(digestOf(lines[i])))
      },
      () => taken.forEach((item) => item.settle(null)),
    )
  }

  return (path) =>
    new Promise((resolve) => {
      const quoted = shellQuote(path).length + 1
      if (bytes + quoted > maxBatchBytes) flush()
      batch.push({ path, settle: resolve })
      bytes += quoted
      if (batch.length >= maxBatchPaths) flush()
      else timer ??= setTimeout(flush, gatherMs)
    })
}
