import { randomUUID } from 'node:crypto'
import type { ClientChannel, PseudoTtyOptions } from 'ssh2'
import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { SessionId, TerminalId } from '../../shared/models/ids'
import type { AttachedTerminal, TerminalEnded, TerminalInfo, TerminalOpenRequest } from '../../shared/models/terminal'
import { shellQuote } from '../ssh/remote-exec'
import type { SshConnection } from '../ssh/ssh-connection'
import { MarkerFilter, shellCommand } from './shell-marker'
import { defaultOutputLimits, TerminalOutput, type TerminalOutputLimits } from './terminal-output'
import { RecentOutput } from './recent-output'

/** What the terminals need from the sessions. */
export interface TerminalSessions {
  connectionOf(sessionId: SessionId): SshConnection
  labelOf(sessionId: SessionId): string
}

interface Terminal {
  readonly info: TerminalInfo
  /** The client that shows it; null while none does (its page is reloading). */
  owner: Emit | null
  /** Closes a terminal nobody came back for. */
  orphanTimer?: ReturnType<typeof setTimeout>
  readonly recent: RecentOutput
  readonly channel: ClientChannel
  readonly output: TerminalOutput
  readonly connection: SshConnection
  /** The login shell's process id on the server, once it announced it (see shell-marker). */
  pid?: number
}

// How long a terminal whose page went away waits for it to come back (a reload) before it hangs up.
const defaultOrphanMs = 60_000

/**
 * Every terminal: a shell channel with a PTY on a session's connection (so no second login),
 * its output batched and flow-controlled to the client that shows it (see TerminalOutput).
 * When that client goes away (a reload, a closed tab) the shell keeps running for a minute,
 * for the next page to attach to it, and then hangs up.
 */
export class TerminalManager {
  private readonly terminals = new Map<TerminalId, Terminal>()

  constructor(
    private readonly sessions: TerminalSessions,
    private readonly limits: TerminalOutputLimits = defaultOutputLimits,
    private readonly orphanMs = defaultOrphanMs,
  ) {}

  /** Opens a shell; its output and its end go to `owner` alone. */
  async open(request: TerminalOpenRequest, owner: Emit): Promise<TerminalInfo> {
    const connection = this.sessions.connectionOf(request.sessionId)
    const channel = await openShell(connection, request)
    const info: TerminalInfo = {
      terminalId: randomUUID() as TerminalId,
      sessionId: request.sessionId,
      host: this.sessions.labelOf(request.sessionId),
      ...(request.folder ? { folder: request.folder } : {}),
    }
    const recent = new RecentOutput()
    const output = new TerminalOutput(
      {
        send: (data) => {
          recent.add(data)
          terminal.owner?.('terminal.data', { terminalId: info.terminalId, data })
        },
        pause: () => channel.pause(),
        resume: () => channel.resume(),
      },
      this.limits,
    )
    const terminal: Terminal = { info, owner, recent, channel, output, connection }
    this.terminals.set(info.terminalId, terminal)
    this.follow(terminal)
    return info
  }

  /** Types into a terminal; a terminal that has just ended swallows it. */
  input(terminalId: TerminalId, data: string): void {
    this.terminals.get(terminalId)?.channel.write(data)
  }

  /** Follow: types a `cd` into the terminal, as a person would; the leading space keeps it out of most histories. */
  cd(terminalId: TerminalId, path: string): void {
    this.get(terminalId).channel.write(` cd -- ${shellQuote(path)}\r`)
  }

  /** The PTY follows the tab's size. */
  resize(terminalId: TerminalId, cols: number, rows: number): void {
    this.terminals.get(terminalId)?.channel.setWindow(rows, cols, 0, 0)
  }

  /** The screen has drawn `chars` more characters. */
  ack(terminalId: TerminalId, chars: number): void {
    this.terminals.get(terminalId)?.output.ack(chars)
  }

  /** Whether flow control holds the terminal's channel back (too much sent and not yet drawn). */
  isHeld(terminalId: TerminalId): boolean {
    return this.terminals.get(terminalId)?.output.isHeld ?? false
  }

  /** Hangs up a terminal; its `terminal.ended` still follows. */
  close(terminalId: TerminalId): void {
    this.terminals.get(terminalId)?.channel.close()
  }

  /**
   * A client went away (a reload, a closed window or browser tab): its terminals wait for a
   * page to attach to them, and hang up if none does in time.
   */
  detachOwnedBy(owner: Emit): void {
    for (const terminal of this.terminals.values()) {
      if (terminal.owner !== owner) continue
      terminal.owner = null
      terminal.orphanTimer = setTimeout(() => terminal.channel.close(), this.orphanMs)
    }
  }

  /** The terminals a client may show: its own, and those whose page went away. */
  attachable(owner: Emit): TerminalInfo[] {
    return [...this.terminals.values()].filter((terminal) => terminal.owner === null || terminal.owner === owner).map((terminal) => terminal.info)
  }

  /** Makes `owner` the client that shows the terminal, with the recent output to redraw it from. */
  attach(terminalId: TerminalId, owner: Emit): AttachedTerminal {
    const terminal = this.get(terminalId)
    if (terminal.owner !== null && terminal.owner !== owner) throw new SkiffError('EXISTS', 'That terminal is shown in another window.')
    clearTimeout(terminal.orphanTimer)
    terminal.owner = owner
    // The old page's unacknowledged output will never be acknowledged: start the count again.
    terminal.output.ack(terminal.output.inFlightChars)
    return { info: terminal.info, replay: terminal.recent.text() }
  }

  /** Hangs up everything (the app is quitting). */
  closeAll(): void {
    for (const terminal of this.terminals.values()) terminal.channel.close()
  }

  /** The folder the terminal's shell is in now, read on the server (/proc, else lsof). */
  async folderOf(terminalId: TerminalId): Promise<string> {
    const terminal = this.get(terminalId)
    const pid = terminal.pid
    const unknown = new SkiffError('UNSUPPORTED', 'Skiff cannot tell which folder this terminal is in on this server.')
    if (!pid) throw unknown
    const result = await terminal.connection.channels.exec(
      `readlink /proc/${pid}/cwd 2>/dev/null || lsof -a -p ${pid} -d cwd -Fn 2>/dev/null | sed -n 's/^n//p'`,
    )
    const path = result.stdout.split('\n')[0]?.trim()
    if (!path?.startsWith('/')) throw unknown
    return path
  }

  /** Whether a program runs in the terminal (the shell has children); null when the server cannot say. */
  async isBusy(terminalId: TerminalId): Promise<boolean | null> {
    const terminal = this.terminals.get(terminalId)
    if (!terminal) return false
    if (!terminal.pid) return null
    const pid = terminal.pid
    // A question asked while the person waits to close a tab: with every channel taken, "unknown" at once beats a long wait.
    const result = await terminal.connection.channels.execIfFree(`ps -o pid= --ppid ${pid} 2>/dev/null || pgrep -P ${pid}`).catch(() => null)
    if (!result) return null
    if (result.stdout.trim() !== '') return true
    // ps and pgrep both print nothing, and exit 1, when there is no child; anything else is unknown.
    return result.code === 0 || result.code === 1 ? false : null
  }

  private get(terminalId: TerminalId): Terminal {
    const terminal = this.terminals.get(terminalId)
    if (!terminal) throw new SkiffError('NOT_FOUND', 'That terminal has ended.')
    return terminal
  }

  private follow(terminal: Terminal): void {
    const { info, channel, output, connection } = terminal
    // A multi-byte character may be split between two packets: the decoder keeps the half.
    const decoder = new TextDecoder('utf-8')
    const marker = new MarkerFilter()
    const onData = (chunk: Buffer) => {
      output.push(marker.feed(decoder.decode(chunk, { stream: true })))
      terminal.pid ??= marker.pid
    }
    channel.on('data', onData)
    channel.stderr.on('data', onData)
    let exit: { code: number | null; signal?: string } | undefined
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, ...(signal ? { signal } : {}) }
    })
    channel.on('close', () => {
      output.push(marker.feed(decoder.decode()) + marker.flush())
      output.close()
      this.terminals.delete(info.terminalId)
      clearTimeout(terminal.orphanTimer)
      // ssh2 closes the channels of a dropped connection before (or after) saying so: look next turn.
      setImmediate(() => terminal.owner?.('terminal.ended', endOf(info.terminalId, exit, connection.closed)))
    })
  }
}

function endOf(terminalId: TerminalId, exit: { code: number | null; signal?: string } | undefined, closed: AbortSignal): TerminalEnded {
  if (exit || !closed.aborted) return { terminalId, reason: 'exited', exitCode: exit?.code ?? null, ...(exit?.signal ? { signal: exit.signal } : {}) }
  const reason: unknown = closed.reason
  const message = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'The connection dropped.'
  return { terminalId, reason: 'disconnected', exitCode: null, message }
}

// What the server should believe about the terminal; a UTF-8 locale where it accepts one.
function ptyOf(request: TerminalOpenRequest): PseudoTtyOptions {
  return { term: 'xterm-256color', cols: request.cols, rows: request.rows, width: 0, height: 0 }
}

const utf8Env = { LANG: 'C.UTF-8' }

function openShell(connection: SshConnection, request: TerminalOpenRequest): Promise<ClientChannel> {
  // The user's own login shell, announcing its pid first, started in the folder when asked
  // (a plain shell request has neither a working directory nor a way to learn the pid).
  const command = shellCommand(request.folder ? `cd ${shellQuote(request.folder)}` : undefined)
  return connection.channels.terminal(command, { pty: ptyOf(request), env: utf8Env })
}
