import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { PromptBroker } from '../../ssh/prompt-broker'
import type { SessionManager } from '../../ssh/session-manager'

type SessionChannels = 'session.connect' | 'session.answer' | 'session.reconnect' | 'session.disconnect' | 'session.replaceHostKey' | 'session.list'

/** `session.*`: open, answer prompts for, reconnect, close and list SSH sessions. */
export function sessionHandlers(sessions: SessionManager, prompts: PromptBroker): Pick<Handlers, SessionChannels> {
  return {
    'session.connect': (req, ctx) => sessions.connect(req, ctx),
    'session.answer': async ({ promptId, answer }) => {
      prompts.answer(promptId, answer)
      return null
    },
    'session.reconnect': ({ sessionId }, ctx) => sessions.reconnect(sessionId, ctx),
    'session.disconnect': async ({ sessionId }) => {
      sessions.disconnect(sessionId)
      return null
    },
    'session.replaceHostKey': async ({ host, port, fingerprint }) => {
      await sessions.replaceHostKey(host, port, fingerprint)
      return null
    },
    'session.list': async () => sessions.list(),
  }
}
