import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { CompareService } from '../../compare/compare-service'

/** `compare.folders`: one reply, cancelled with the request; its progress goes to the caller. */
export function compareHandlers(compare: CompareService): Pick<Handlers, 'compare.folders'> {
  return {
    'compare.folders': (request, { signal, emit }) => compare.compare(request, signal, (entriesRead) => emit('compare.progress', { compareId: request.compareId, entriesRead })),
  }
}
