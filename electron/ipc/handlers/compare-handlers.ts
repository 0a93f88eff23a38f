import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { CompareService } from '../../compare/compare-service'

/** `compare.folders`: one reply, cancelled with the request. */
export function compareHandlers(compare: CompareService): Pick<Handlers, 'compare.folders'> {
  return {
    'compare.folders': (request, { signal }) => compare.compare(request, signal),
  }
}
