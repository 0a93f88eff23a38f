// bench:transfer's Skiff side, run as its own process (as scp is) so its memory can be measured
// alone: connects with ssh2, runs one copyTree, prints one JSON line ({@link WorkerReport}).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Client } from 'ssh2'
import { ConnectionChannels } from '../../electron/ssh/connection-channels'
import { copyTree } from '../../electron/transfer/copy-tree'
import { createLocalFs } from '../../electron/local/local-fs'
import { openRemoteLanes } from '../../electron/transfer/queue/transfer-endpoints'
import { deleteTree } from '../../electron/operations/delete-tree'
import { changeAttributes } from '../../electron/operations/change-attributes'
import type { FileSystem } from '../../electron/fs/file-system'
import { connectPinned } from './bench-connect'

/** bench:file-ops: what `rm -rf` and `chmod -R 750` do, as the delete and permission jobs do them. */
async function operate(fs: FileSystem, job: WorkerJob): Promise<string | undefined> {
  const paths = [job.sourcePath]
  const outcome =
    job.operation === 'delete'
      ? await deleteTree(fs, paths)
      : await changeAttributes(fs, { paths, isRecursive: true, permissions: { set: 0o750, clear: 0o7027 }, isAddFolderExecute: false })
  const failure = outcome.failures[0]
  return failure ? `${outcome.failures.length} failed, first ${failure.path}: ${failure.message}` : undefined
}

/** What the benchmark asks of one worker run (passed as JSON in argv[2]). */
export interface WorkerJob {
  readonly host: string
  readonly port: number
  readonly username: string
  readonly keyPath: string
  /** `ssh-ed25519 AAAA…`: the only host key accepted. */
  readonly hostKeyLine: string
  readonly direction: 'upload' | 'download'
  readonly sourcePath: string
  /** Copy every entry of the folder at `sourcePath` as one selection (Ctrl+A, then drag), not the folder itself. */
  readonly isSelectAll?: boolean
  readonly targetFolder: string
  /** Instead of a copy: a file operation on the remote tree at `sourcePath` (bench:file-ops). */
  readonly operation?: 'delete' | 'chmod'
}

/** What one worker run did, printed as the last line of its stdout. */
export interface WorkerReport {
  /** Connection (TCP, handshake, auth, SFTP start) plus the copy: what scp's wall time covers. */
  readonly seconds?: number
  readonly connectSeconds?: number
  readonly peakRssMb: number
  /** The cipher negotiated client to server. */
  readonly cipher?: string
  readonly error?: string
}

// Sampled on a timer (not only at the end) because buffers pile up mid-transfer.
let peakRss = process.memoryUsage.rss()
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()))
const sampler = setInterval(sampleRss, 50)
const peakRssMb = () => sampleRss() / 2 ** 20



async function run(job: WorkerJob): Promise<WorkerReport> {
  let cipher: string | undefined
  let client: Client | undefined
  try {
    const privateKey = await readFile(job.keyPath)
    const started = performance.now()
    client = await connectPinned(job, privateKey, { onCipher: (negotiated) => (cipher = negotiated) })
    const closed = new AbortController()
    client.once('close', () => closed.abort(new Error('The connection closed.')))
    // The same lanes a queue job opens in the app.
    const remote = (await openRemoteLanes(new ConnectionChannels(client, closed.signal), closed.signal)).fs
    const local = createLocalFs()
    const connectSeconds = (performance.now() - started) / 1000
    if (job.operation) {
      const error = await operate(remote, job)
      return { seconds: (performance.now() - started) / 1000, connectSeconds, peakRssMb: peakRssMb(), cipher, error }
    }
    const isUpload = job.direction === 'upload'
    const source = isUpload ? local : remote
    const sourcePaths = job.isSelectAll ? (await source.list(job.sourcePath)).entries.map((entry) => join(job.sourcePath, entry.name)) : [job.sourcePath]
    const summary = await copyTree({
      source,
      sourcePaths,
      target: isUpload ? remote : local,
      targetFolder: job.targetFolder,
    })
    const seconds = (performance.now() - started) / 1000
    const failure = summary.failures[0]
    const error = failure ? `${summary.failures.length} failed, first ${failure.path}: ${failure.message}` : undefined
    return { seconds, connectSeconds, peakRssMb: peakRssMb(), cipher, error }
  } catch (error) {
    return { peakRssMb: peakRssMb(), cipher, error: error instanceof Error ? error.message : String(error) }
  } finally {
    client?.end()
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as WorkerJob
void run(job).then((report) => {
  clearInterval(sampler)
  process.stdout.write(`${JSON.stringify(report)}\n`)
  process.exit(0)
})
