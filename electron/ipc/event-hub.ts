import type { Emit } from '../../shared/ipc/messages'

/** Every connected client's event sink, so one event can reach all windows and browser tabs. */
export interface EventHub {
  /** Registers one client; returns its removal. */
  add(emit: Emit): () => void
  /** Sends to every client. A client whose sink throws is skipped, not fatal. */
  readonly broadcast: Emit
}

/** Creates an empty hub. */
export function createEventHub(): EventHub {
  const sinks = new Set<Emit>()
  return {
    add(emit) {
      sinks.add(emit)
      return () => sinks.delete(emit)
    },
    broadcast(channel, payload) {
      for (const emit of sinks) {
        try {
          emit(channel, payload)
        } catch (error) {
          console.error(`Could not deliver ${channel} to a client:`, error)
        }
      }
    },
  }
}
