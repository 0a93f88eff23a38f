import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { SyncPreviewEnded, SyncPreviewRows } from '../../../shared/models/sync'
import type { SyncService } from '../../sync/sync-service'
import type { KeepUpToDateService } from '../../sync/keep-up-to-date'

/** `sync.*`: previews as jobs whose rows travel as events to the client that asked; a start queues one job. */
export function syncHandlers(sync: SyncService, keeping: KeepUpToDateService): Pick<Handlers, 'sync.preview' | 'sync.start' | 'sync.discard' | 'sync.watchStart' | 'sync.watchStop'> {
  return {
    'sync.preview': async (request, { emit }) => {
      const events = { rows: (batch: SyncPreviewRows) => emit('sync.previewRows', batch), ended: (ended: SyncPreviewEnded) => emit('sync.previewEnded', ended) }
      return { previewId: sync.preview(request, events, emit) }
    },
    'sync.start': async (request) => ({ transferId: sync.start(request) }),
    'sync.discard': async ({ previewId }) => {
      sync.discard(previewId)
      return null
    },
    // A watch's status goes to the client that started it, which owns it (its close stops it).
    'sync.watchStart': async (request, { emit }) => keeping.start(request, (status) => emit('sync.watchChanged', status), emit),
    'sync.watchStop': async ({ watchId }) => {
      await keeping.stop(watchId)
      return null
    },
  }
}
