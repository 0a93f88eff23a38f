// bench:sync's Skiff side, run as its own process (as rsync is): connects with ssh2, previews an
// upload synchronization as the window's Synchronize does, starts every row through the transfer
// queue and prints one JSON line ({@link SyncWorkerReport}).
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from 'ssh2'
import type { SessionId } from '../../shared/models/ids'
import { defaultSyncCriteria, type SyncPreviewEnded } from '../../shared/models/sync'
import type { TransferInfo } from '../../shared/models/transfer'
import { createLocalFs } from '../../electron/local/local-fs'
import { ConnectionChannels } from '../../electron/ssh/connection-channels'
import { SyncService } from '../../electron/sync/sync-service'
import { SyncStateStore } from '../../electron/sync/sync-state'
import { openRemoteLanes, type Endpoints } from '../../electron/transfer/queue/transfer-endpoints'
import { TransferQueue } from '../../electron/transfer/queue/transfer-queue'
import { connectPinned } from './bench-connect'

/** What the benchmark asks of one worker run (passed as JSON in argv[2]). */
export interface SyncWorkerJob {
  readonly host: string
  readonly port: number
  readonly username: string
  readonly keyPath: string
  /** `ssh-ed25519 AAAA…`: the only host key accepted. */
  readonly hostKeyLine: string
  readonly localFolder: string
  readonly remoteFolder: string
}

/** What one worker run did, printed as the last line of its stdout. */
export interface SyncWorkerReport {
  /** Connect, preview and the job to its end: what rsync's wall time covers. */
  readonly seconds?: number
  readonly previewSeconds?: number
  /** Rows the preview planned. */
  readonly actions?: number
  readonly error?: string
}


async function run(job: SyncWorkerJob): Promise<SyncWorkerReport> {
  let client: Client | undefined
  try {
    const privateKey = await readFile(job.keyPath)
    const started = performance.now()
    client = await connectPinned(job, privateKey)
    const closed = new AbortController()
    client.once('close', () => closed.abort(new Error('The connection closed.')))
    const channels = new ConnectionChannels(client, closed.signal)
    // The same sides a job opens in the app: the local disk, and the session's own lanes.
    const endpoints: Endpoints = {
      open: (target, signal) => (target.kind === 'local' ? Promise.resolve({ fs: createLocalFs(), close: () => undefined }) : openRemoteLanes(channels, closed.signal, signal)),
    }
    let finished: ((info: TransferInfo) => void) | undefined
    const ended = new Promise<TransferInfo>((resolve) => (finished = resolve))
    const queue = new TransferQueue({
      endpoints,
      broadcast: (channel, payload) => {
        const info = payload as TransferInfo
        if (channel === 'transfer.changed' && (info.state === 'done' || info.state === 'failed' || info.state === 'cancelled')) finished?.(info)
      },
      reconnect: () => Promise.reject(new Error('The connection dropped.')),
    })
    // An upload never reads or writes a two-way state: the store's folder stays unused.
    const sync = new SyncService({ endpoints, enqueue: (work) => queue.enqueueSync(work), platform: process.platform, states: new SyncStateStore(join(tmpdir(), 'skiff-bench-sync-state')), serverOf: () => 'bench' })
    const remote = { kind: 'remote', sessionId: 'bench' as SessionId } as const
    let actions = 0
    let previewId!: ReturnType<SyncService['preview']>
    const preview = await new Promise<SyncPreviewEnded>((resolve) => {
      const request = { localFolder: job.localFolder, remote, remoteFolder: job.remoteFolder, direction: 'upload', mode: 'update', isDeleteExtra: false, criteria: defaultSyncCriteria, mask: '', isGitignoreHonoured: false } as const
      previewId = sync.preview(request, { rows: (batch) => (actions += batch.rows.length), ended: resolve })
    })
    if (preview.state !== 'done') return { error: `the preview ended ${preview.state}: ${preview.error?.message ?? ''}` }
    const previewSeconds = (performance.now() - started) / 1000
    if (actions > 0) {
      sync.start({ previewId, uncheckedIds: [] })
      const info = await ended
      if (info.state !== 'done') return { error: `the job ended ${info.state}: ${info.error?.message ?? ''}` }
    }
    return { seconds: (performance.now() - started) / 1000, previewSeconds, actions }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  } finally {
    client?.end()
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as SyncWorkerJob
void run(job).then((report) => {
  process.stdout.write(`${JSON.stringify(report)}\n`)
  process.exit(0)
})
