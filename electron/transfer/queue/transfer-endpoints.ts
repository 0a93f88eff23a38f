import type { FsTarget } from '../../../shared/models/fs'
import type { ConnectionChannels } from '../../ssh/connection-channels'
import type { SessionManager } from '../../ssh/session-manager'
import { createLocalFs } from '../../local/local-fs'
import { createSftpFs } from '../../sftp/sftp-fs'
import type { FileSystem } from '../../fs/file-system'
import { createChannelPool } from '../channel-pool'
import { remoteChecksums } from '../checksum'
import { widenReceiveWindow } from '../../sftp/receive-window'

// SFTP channels a job spreads over, where the connection's budget has them free.
const lanesPerJob = 3

/** One side of a running job, and how to let it go. */
export interface Endpoint {
  readonly fs: FileSystem
  /** Closes what the job opened (its own SFTP channels). */
  close(): void
}

/** Opens the sides of jobs. */
export interface Endpoints {
  /** Waits (abortably) for the channels a remote side needs; `onWait` is told when that means waiting for a free one. */
  open(target: FsTarget, signal?: AbortSignal, onWait?: (limit: number) => void): Promise<Endpoint>
}

/**
 * A job's side on a server: its own SFTP channels, pooled. The first lane waits for a free
 * channel in the connection's budget (OpenSSH allows 10 per connection by default, shared
 * with browsing, terminals and other jobs); more lanes are taken only where they are free now.
 * Checksums run as commands within the same budget.
 */
export async function openRemoteLanes(channels: ConnectionChannels, closed: AbortSignal, signal?: AbortSignal, onWait?: (limit: number) => void): Promise<Endpoint> {
  // All at once: over a slow link each channel costs a few round trips. The first takes its slot
  // (or waits for one) before the others look, so they never take the one it needs.
  const settled = await Promise.allSettled([channels.sftp('transfer', signal, onWait), ...Array.from({ length: lanesPerJob - 1 }, () => channels.sftpIfFree())])
  const opened = settled.flatMap((result) => (result.status === 'fulfilled' && result.value ? [result.value] : []))
  const failure = settled.find((result) => result.status === 'rejected')
  if (failure) {
    for (const sftp of opened) sftp.end()
    throw failure.reason
  }
  for (const sftp of opened) widenReceiveWindow(sftp)
  const checksum = remoteChecksums((command) => channels.exec(command, 'transfer', signal))
  const exec = (command: string, commandSignal?: AbortSignal) => channels.exec(command, 'transfer', commandSignal ?? signal)
  // A deep pipeline waits longer for a reply than a listing does.
  const lanes = opened.map((sftp) => createSftpFs(sftp, { closed, checksum, exec, opTimeoutMs: 60_000 }))
  return { fs: createChannelPool(lanes), close: () => opened.forEach((sftp) => sftp.end()) }
}

/**
 * Each job gets its own SFTP channels on the session's connection, so a long transfer never
 * queues behind (or in front of) the browsing requests of the panes, and large files and many
 * small ones spread over several channels.
 */
export function createEndpoints(sessions: SessionManager): Endpoints {
  return {
    async open(target, signal, onWait) {
      if (target.kind === 'local') return { fs: createLocalFs(), close: () => undefined }
      const connection = sessions.connectionOf(target.sessionId)
      return openRemoteLanes(connection.channels, connection.closed, signal, onWait)
    },
  }
}
