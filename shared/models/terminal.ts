import type { SessionId, TerminalId } from './ids'

/** A terminal's size in character cells. */
export interface TerminalSize {
  readonly cols: number
  readonly rows: number
}

/** Open a shell on a connected session; `folder` starts it there (Open terminal here). */
export interface TerminalOpenRequest extends TerminalSize {
  readonly sessionId: SessionId
  readonly folder?: string
}

/** One open terminal. */
export interface TerminalInfo {
  readonly terminalId: TerminalId
  readonly sessionId: SessionId
  /** `user@host`, what its tab is named after. */
  readonly host: string
  /** The folder it was started in, when one was asked for. */
  readonly folder?: string
}

/** Why a terminal stopped: its shell ended, or the connection under it dropped. */
export interface TerminalEnded {
  readonly terminalId: TerminalId
  readonly reason: 'exited' | 'disconnected'
  /** The shell's exit status, when the server reported one. */
  readonly exitCode: number | null
  /** The signal that ended it (e.g. `HUP`), when the server reported one. */
  readonly signal?: string
  /** For `disconnected`: what happened to the connection. */
  readonly message?: string
}

/** A terminal a page takes over (after a reload): what it is, and its recent output to redraw. */
export interface AttachedTerminal {
  readonly info: TerminalInfo
  /** The last stretch of its output (up to 256 Ki characters), drawn before what follows. */
  readonly replay: string
}
