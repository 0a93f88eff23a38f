import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { TerminalManager } from '../../terminal/terminal-manager'

type TerminalChannels =
  | 'terminal.open'
  | 'terminal.list'
  | 'terminal.attach'
  | 'terminal.input'
  | 'terminal.resize'
  | 'terminal.ack'
  | 'terminal.close'
  | 'terminal.cd'
  | 'terminal.folder'
  | 'terminal.isBusy'

/** `terminal.*`: shells on a session's connection; output travels as events to the opener. */
export function terminalHandlers(terminals: TerminalManager): Pick<Handlers, TerminalChannels> {
  return {
    'terminal.open': (req, ctx) => terminals.open(req, ctx.emit),
    'terminal.list': async (_req, ctx) => terminals.attachable(ctx.emit),
    'terminal.attach': async (req, ctx) => terminals.attach(req.terminalId, ctx.emit),
    'terminal.input': async (req) => {
      terminals.input(req.terminalId, req.data)
      return null
    },
    'terminal.resize': async (req) => {
      terminals.resize(req.terminalId, req.cols, req.rows)
      return null
    },
    'terminal.ack': async (req) => {
      terminals.ack(req.terminalId, req.chars)
      return null
    },
    'terminal.close': async (req) => {
      terminals.close(req.terminalId)
      return null
    },
    'terminal.cd': async (req) => {
      terminals.cd(req.terminalId, req.path)
      return null
    },
    'terminal.folder': async (req) => ({ path: await terminals.folderOf(req.terminalId) }),
    'terminal.isBusy': async (req) => ({ isBusy: await terminals.isBusy(req.terminalId) }),
  }
}
