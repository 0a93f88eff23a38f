import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { FindEnded, FindProgress } from '../../../shared/models/find'
import type { FindService } from '../../find/find-service'

/** `find.*`: searches as jobs; results travel as events to the client that started them. */
export function findHandlers(find: FindService): Pick<Handlers, 'find.start' | 'find.stop'> {
  return {
    'find.start': async (request, { emit }) => {
      const events = { found: (progress: FindProgress) => emit('find.found', progress), ended: (ended: FindEnded) => emit('find.ended', ended) }
      return { findId: find.start(request, events, emit) }
    },
    'find.stop': async ({ findId }) => {
      find.stop(findId)
      return null
    },
  }
}
