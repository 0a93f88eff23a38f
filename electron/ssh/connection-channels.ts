import type { Client, ClientChannel, ExecOptions, SFTPWrapper } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'
import { ChannelBudget, type ChannelUse } from './channel-budget'
import { collectOutput, type ExecResult } from './remote-exec'

/**
 * Every channel Skiff opens on one connection, through that connection's ChannelBudget:
 * SFTP channels (browsing, transfer lanes), commands (checksums, a terminal's folder) and
 * terminal shells. Nothing opens a channel on a connection any other way.
 */
export class ConnectionChannels {
  readonly budget: ChannelBudget

  constructor(
    private readonly client: Client,
    closed: AbortSignal,
    limit?: number,
  ) {
    this.budget = new ChannelBudget({ closed, limit })
  }

  /** An SFTP channel, waiting for a free slot when the server's limit is reached (`onWait` is told when it starts to wait). */
  sftp(use: ChannelUse, signal?: AbortSignal, onWait?: (limit: number) => void): Promise<SFTPWrapper> {
    return this.budget.open(use, () => openSftp(this.client), signal, onWait)
  }

  /** An SFTP channel if a slot is free right now (an extra transfer lane), else null. */
  sftpIfFree(): Promise<SFTPWrapper | null> {
    return this.budget.openIfFree('transfer', () => openSftp(this.client))
  }

  /** Runs one command (no terminal) and collects what it prints; `use` says whose slot it takes. */
  async exec(command: string, use: ChannelUse = 'interactive', signal?: AbortSignal): Promise<ExecResult> {
    return collectOutput(await this.budget.open(use, () => openExec(this.client, command, {}), signal))
  }

  /** Starts one command (no terminal) and hands over its channel, to read as its output streams; closing it ends the command. */
  command(command: string, use: ChannelUse, signal?: AbortSignal): Promise<ClientChannel> {
    return this.budget.open(use, () => openExec(this.client, command, {}), signal)
  }

  /** Runs one command only if a channel is free right now (a quick question that must not wait); null when none is. */
  async execIfFree(command: string): Promise<ExecResult | null> {
    const channel = await this.budget.openIfFree('interactive', () => openExec(this.client, command, {}))
    return channel ? collectOutput(channel) : null
  }

  /** A command with a terminal (a shell tab): an interactive channel, held until it closes. */
  terminal(command: string, options: ExecOptions): Promise<ClientChannel> {
    return this.budget.open('interactive', () => openExec(this.client, command, options))
  }
}

function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((error, sftp) => {
      if (error) reject(isOpenFailure(error) ? error : new SkiffError('UNSUPPORTED', `The server refused an SFTP session: ${error.message}.`))
      else resolve(sftp)
    })
  })
}

function openExec(client: Client, command: string, options: ExecOptions): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, options, (error, channel) => {
      if (error) reject(isOpenFailure(error) ? error : new SkiffError('UNSUPPORTED', `The server would not run a command: ${error.message}.`))
      else resolve(channel)
    })
  })
}

// A refused channel open stays ssh2's own error, so the budget can tell it from the rest.
function isOpenFailure(error: Error): boolean {
  return /Channel open failure/i.test(error.message)
}
