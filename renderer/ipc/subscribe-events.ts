import { useSessionsStore } from '../stores/sessions-store'
import { rpc } from './client'

/** Wires every host event to its store. Called once at startup; returns the unsubscribe. */
export function subscribeEvents(): () => void {
  const sessions = useSessionsStore.getState()
  const unsubscribes = [
    rpc.on('session.prompt', (prompt) => sessions.addPrompt(prompt)),
    rpc.on('session.promptClosed', ({ promptId }) => sessions.dropPrompt(promptId)),
    rpc.on('session.changed', (session) => sessions.upsert(session)),
    rpc.on('session.closed', ({ sessionId }) => sessions.remove(sessionId)),
  ]
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}
