import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { TransferQueue } from '../../transfer/queue/transfer-queue'
import type { UploadStaging } from '../../transfer/upload-staging'

type UploadChannels = 'upload.begin' | 'upload.write' | 'upload.finish' | 'upload.discard'

/** `upload.*`: files dropped onto browser mode arrive in staging, then move through the queue. */
export function uploadHandlers(staging: UploadStaging, queue: TransferQueue): Pick<Handlers, UploadChannels> {
  return {
    'upload.begin': async ({ name, size, mtimeMs }) => ({ uploadId: await staging.begin(name, size, mtimeMs) }),
    'upload.write': async ({ uploadId, offset, data }) => {
      await staging.write(uploadId, offset, Buffer.from(data, 'base64'))
      return null
    },
    'upload.finish': async ({ uploadId, to, folder }) => {
      const path = await staging.finish(uploadId)
      return { transferIds: queue.enqueue({ from: { kind: 'local' }, paths: [path], to, folder }, true) }
    },
    'upload.discard': async ({ uploadId }) => {
      await staging.discard(uploadId)
      return null
    },
  }
}
