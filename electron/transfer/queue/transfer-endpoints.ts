import type { FsTarget } from '../../../shared/models/fs'
import type { SessionManager } from '../../ssh/session-manager'
import { createLocalTransferFs } from '../local-transfer-fs'
import { createSftpTransferFs } from '../sftp-transfer-fs'
import type { TransferFs } from '../transfer-fs'

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
 * Each job gets its own SFTP channel on the session's connection, so a long transfer never
 * queues behind (or in front of) the browsing requests of the panes.
 */
export function createEndpoints(sessions: SessionManager): Endpoints {
  return {
    async open(target) {
      if (target.kind === 'local') return { fs: createLocalTransferFs(), close: () => undefined }
      const connection = sessions.connectionOf(target.sessionId)
      const sftp = await connection.openSftp()
      return { fs: createSftpTransferFs(sftp, { closed: connection.closed }), close: () => sftp.end() }
    },
  }
}
