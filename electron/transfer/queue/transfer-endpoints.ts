import type { SFTPWrapper } from 'ssh2'
import type { FsTarget } from '../../../shared/models/fs'
import type { ExecResult } from '../../ssh/remote-exec'
import type { SessionManager } from '../../ssh/session-manager'
import { createLocalTransferFs } from '../local-transfer-fs'
import { createSftpTransferFs } from '../sftp-transfer-fs'
import type { TransferFs } from '../transfer-fs'
import { createChannelPool } from '../channel-pool'
import { widenReceiveWindow } from '../../sftp/receive-window'

// SFTP channels per job: two jobs run at once, so 6 channels plus the browsing one.
const lanesPerJob = 3

/** One side of a running job, and how to let it go. */
export interface Endpoint {
  readonly fs: TransferFs
  /** Closes what the job opened (its own SFTP channel). */
  close(): void
}

/** Opens the sides of jobs. */
export interface Endpoints {
  open(target: FsTarget): Promise<Endpoint>
}

/**
 * A job's side on a server: its own SFTP channels, pooled. More lanes are opened where the
 * server allows them (OpenSSH's MaxSessions, 10 by default, counts the browsing channel and
 * terminals too); one is enough to work with.
 */
export async function openRemoteLanes(
  openSftp: () => Promise<SFTPWrapper>,
  closed: AbortSignal,
  exec?: (command: string) => Promise<ExecResult>,
): Promise<Endpoint> {
  // Opened side by side: over a slow link each channel costs a few round trips.
  const [first, ...more] = await Promise.allSettled(Array.from({ length: lanesPerJob }, () => openSftp()))
  if (first?.status === 'rejected') {
    for (const lane of more) if (lane.status === 'fulfilled') lane.value.end()
    throw first.reason
  }
  const channels = [first!.value, ...more.flatMap((lane) => (lane.status === 'fulfilled' ? [lane.value] : []))]
  for (const sftp of channels) widenReceiveWindow(sftp)
  const lanes = channels.map((sftp) => createSftpTransferFs(sftp, { closed, exec }))
  return { fs: createChannelPool(lanes), close: () => channels.forEach((sftp) => sftp.end()) }
}

/**
 * Each job gets its own SFTP channels on the session's connection, so a long transfer never
 * queues behind (or in front of) the browsing requests of the panes, and large files and many
 * small ones spread over several channels.
 */
export function createEndpoints(sessions: SessionManager): Endpoints {
  return {
    async open(target) {
      if (target.kind === 'local') return { fs: createLocalTransferFs(), close: () => undefined }
      const connection = sessions.connectionOf(target.sessionId)
      return openRemoteLanes(() => connection.openSftp(), connection.closed, (command) => connection.exec(command))
    },
  }
}
