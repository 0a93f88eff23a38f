import { randomUUID } from 'node:crypto'
import type { ClientChannel, PseudoTtyOptions } from 'ssh2'
import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { SessionId, TerminalId } from '../../shared/models/ids'
import type { TerminalEnded, TerminalInfo, TerminalOpenRequest } from '../../shared/models/terminal'
import { shellQuote } from '../ssh/remote-exec'
import type { SshConnection } from '../ssh/ssh-connection'
import { defaultOutputLimits, TerminalOutput, type TerminalOutputLimits } from './terminal-output'

/** What the terminals need from the sessions. */
export interface TerminalSessions {
  connectionOf(sessionId: SessionId): SshConnection
  labelOf(sessionId: SessionId): string
}

interface Terminal {
  readonly info: TerminalInfo
  readonly owner: Emit
  readonly channel: ClientChannel
  readonly output: TerminalOutput
}

/**
 * Every terminal: a shell channel with a PTY on a session's connection (so no second login),
 * its output batched and flow-controlled to the client that opened it (see TerminalOutput).
 */
export class TerminalManager {
  private readonly terminals = new Map<TerminalId, Terminal>()

  constructor(
    private readonly sessions: TerminalSessions,
    private readonly limits: TerminalOutputLimits = defaultOutputLimits,
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
    const output = new TerminalOutput(
      {
        send: (data) => owner('terminal.data', { terminalId: info.terminalId, data }),
        pause: () => channel.pause(),
        resume: () => channel.resume(),
      },
      this.limits,
    )
    this.terminals.set(info.terminalId, { info, owner, channel, output })
    this.follow(info, channel, output, connection, owner)
    return info
  }

  /** Types into a terminal; a terminal that has just ended swallows it. */
  input(terminalId: TerminalId, data: string): void {
    this.terminals.get(terminalId)?.channel.write(data)
  }

  /** The PTY follows the tab's size. */
  resize(terminalId: TerminalId, cols: number, rows: number): void {
    this.terminals.get(terminalId)?.channel.setWindow(rows, cols, 0, 0)
  }

  /** The screen has drawn `chars` more characters. */
  ack(terminalId: TerminalId, chars: number): void {
    this.terminals.get(terminalId)?.output.ack(chars)
  }

  /** Hangs up a terminal; its `terminal.ended` still follows. */
  close(terminalId: TerminalId): void {
    this.terminals.get(terminalId)?.channel.close()
  }

  /** Hangs up the terminals of a client that went away (a closed window or browser tab). */
  closeOwnedBy(owner: Emit): void {
    for (const terminal of this.terminals.values()) if (terminal.owner === owner) terminal.channel.close()
  }

  /** Hangs up everything (the app is quitting). */
  closeAll(): void {
    for (const terminal of this.terminals.values()) terminal.channel.close()
  }

  private follow(info: TerminalInfo, channel: ClientChannel, output: TerminalOutput, connection: SshConnection, owner: Emit): void {
    // A multi-byte character may be split between two packets: the decoder keeps the half.
    const decoder = new TextDecoder('utf-8')
    const onData = (chunk: Buffer) => output.push(decoder.decode(chunk, { stream: true }))
    channel.on('data', onData)
    channel.stderr.on('data', onData)
    let exit: { code: number | null; signal?: string } | undefined
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, ...(signal ? { signal } : {}) }
    })
    channel.on('close', () => {
      output.push(decoder.decode())
      output.close()
      this.terminals.delete(info.terminalId)
      // ssh2 closes the channels of a dropped connection before (or after) saying so: look next turn.
      setImmediate(() => owner('terminal.ended', endOf(info.terminalId, exit, connection.closed)))
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
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, channel: ClientChannel) => {
      if (error) reject(new SkiffError('UNSUPPORTED', `The server would not open a shell: ${error.message}.`))
      else resolve(channel)
    }
    if (!request.folder) return connection.client.shell(ptyOf(request), { env: utf8Env }, done)
    // The user's own login shell, started in the folder (the shell request has no working directory).
    const command = `cd ${shellQuote(request.folder)} && exec "\${SHELL:-/bin/sh}" -l`
    connection.client.exec(command, { pty: ptyOf(request), env: utf8Env }, done)
  })
}
