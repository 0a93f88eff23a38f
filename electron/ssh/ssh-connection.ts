import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { Client } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'
import type { HostKeyInfo } from '../../shared/models/session'
import type { FileSystem } from '../fs/file-system'
import { createSftpFs } from '../sftp/sftp-fs'
import { widenReceiveWindow } from '../sftp/receive-window'
import { tuneClientSocket } from './coalesced-writes'
import { ConnectionChannels } from './connection-channels'
import { createAuthPlan, type Credentials } from './auth-plan'
import { ConnectDeadline } from './connect-deadline'
import { connectError } from './connect-errors'
import { createHostVerifier, type HostKeyBook } from './host-verifier'
import { loadPrivateKey } from './private-key'
import type { Ask } from './prompt-broker'

/** Where to connect and how to prove who we are. Secrets stay in this process. */
export interface ConnectOptions {
  readonly host: string
  readonly port: number
  readonly username: string
  readonly password?: string
  readonly privateKeyPath?: string
  readonly passphrase?: string
  /** Path of the ssh-agent socket (or `pageant` on Windows); absent: no agent. */
  readonly agent?: string
  readonly isKeyboardInteractiveAllowed: boolean
  readonly book: HostKeyBook
  readonly ask: Ask
  readonly signal: AbortSignal
  /** A key trusted once earlier in this run of the app, accepted again without asking. */
  readonly trustedOnce?: Buffer
  /** Network time allowed for TCP, handshake, auth and SFTP start; dialogs do not count. */
  readonly timeoutMs?: number
  /** SSH keepalive: a drop is noticed after interval × countMax. */
  readonly keepaliveIntervalMs?: number
  readonly keepaliveCountMax?: number
  /** Watchdog for each SFTP request. */
  readonly opTimeoutMs?: number
  /** A stream to the server through a jump host, instead of a TCP connection (see openHop). */
  readonly sock?: Duplex
}

/** An authenticated connection with its SFTP channel. */
export interface SshConnection {
  readonly client: Client
  readonly fs: FileSystem
  readonly hostKey: { readonly blob: Buffer; readonly info: HostKeyInfo; readonly isSaved: boolean }
  readonly cipher?: string
  readonly serverIdent?: string
  readonly homePath: string
  /** The password the person typed when asked for one (kept in memory, for a reconnect). */
  readonly typedPassword?: string
  /** Aborts (with a readable reason as `signal.reason`) when the connection is gone. */
  readonly closed: AbortSignal
  /** Every further channel (transfer lanes, commands, terminals), within the server's limit. */
  readonly channels: ConnectionChannels
  /** Closes the connection; `closed` aborts. */
  end(): void
}

function passphraseAsker(ask: Ask, signal: AbortSignal, host: string, port: number) {
  return async (path: string): Promise<string | null> => {
    const questions = [{ text: `Passphrase for ${path}:`, echo: false }]
    const answer = await ask({ kind: 'keyboard-interactive', host, port, name: 'Key passphrase', instructions: '', questions }, signal)
    return answer.kind === 'keyboard-interactive' && answer.responses ? (answer.responses[0] ?? '') : null
  }
}

async function credentialsFor(options: ConnectOptions, deadline: ConnectDeadline): Promise<Credentials> {
  const { host, port, ask, signal } = options
  const key = options.privateKeyPath
    ? await deadline.paused(() => loadPrivateKey(options.privateKeyPath!, options.passphrase, passphraseAsker(ask, signal, host, port)))
    : undefined
  return {
    username: options.username,
    agent: options.agent,
    key,
    isKeyboardInteractiveAllowed: options.isKeyboardInteractiveAllowed,
    password: options.password,
  }
}

function lossReason(error: Error | undefined): string {
  if (!error) return 'The connection closed.'
  if (/keepalive/i.test(error.message)) return 'The server stopped answering (keepalive timed out).'
  return `The connection was lost: ${error.message}.`
}

/**
 * Connects, verifies the host key before any credential goes out, authenticates and opens
 * SFTP. Rejects with a SkiffError naming what failed; aborting `signal` tears it down.
 */
export function openConnection(options: ConnectOptions): Promise<SshConnection> {
  return authenticate(options, (base) => startSession(base, options))
}

/** An authenticated connection used only to reach the next server (a jump host). */
export interface SshHop {
  readonly client: Client
  readonly closed: AbortSignal
  readonly hostKey: SshConnection['hostKey']
  /** A stream to `host:port` as seen from this server (direct-tcpip), for the next hop's `sock`. */
  forward(host: string, port: number): Promise<Duplex>
  end(): void
}

/** Connects to a jump host: host key verified and credentials sent exactly as for a session, no SFTP. */
export function openHop(options: ConnectOptions): Promise<SshHop> {
  return authenticate(options, async ({ client, closed, hostKey }) => ({
    client,
    closed,
    hostKey,
    end: () => client.end(),
    forward: (host, port) =>
      new Promise<Duplex>((resolve, reject) => {
        client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
          if (error) reject(new SkiffError('CONNECT_FAILED', `The jump host ${options.host} could not reach ${host}:${port}: ${error.message}.`))
          else resolve(stream)
        })
      }),
  }))
}

/** What a handshake leaves once the server is verified and we are authenticated. */
interface Authenticated {
  readonly client: Client
  readonly closed: AbortSignal
  /** The password the person typed when asked for one (kept in memory, for a reconnect). */
  readonly typedPassword?: string
  readonly hostKey: SshConnection['hostKey']
  readonly cipher?: string
  readonly serverIdent?: string
}

async function startSession(base: Authenticated, options: ConnectOptions): Promise<SshConnection> {
  const { client, closed } = base
  const channels = new ConnectionChannels(client, closed)
  const sftp = await channels.sftp('interactive')
  // A 100,000-entry listing is ~15 MiB of replies: over a slow link ssh2's 2 MiB window would pace it.
  widenReceiveWindow(sftp)
  const fs = createSftpFs(sftp, { closed, opTimeoutMs: options.opTimeoutMs, exec: (command, signal) => channels.exec(command, 'interactive', signal) })
  const homePath = await fs.home()
  return {
    ...base,
    fs,
    homePath,
    channels,
    end: () => client.end(),
  }
}

async function authenticate<T>(options: ConnectOptions, ready: (base: Authenticated) => Promise<T>): Promise<T> {
  const target = `${options.username}@${options.host}:${options.port}`
  const client = new Client()
  // Ends with the attempt: a question still open (host key, one-time code) is withdrawn when
  // the attempt fails underneath it, so a late "Trust and save" cannot save anything.
  const attempt = new AbortController()
  const scoped: ConnectOptions = { ...options, signal: AbortSignal.any([options.signal, attempt.signal]) }
  let fail: (error: unknown) => void = () => {}
  const deadline = new ConnectDeadline(options.timeoutMs ?? 20_000, () => fail(new SkiffError('TIMEOUT', `Timed out connecting to ${target}.`)))
  const onAbort = () => fail(cancelledError())
  options.signal.addEventListener('abort', onAbort, { once: true })
  try {
    if (options.signal.aborted) throw cancelledError()
    const credentials = await credentialsFor(scoped, deadline)
    // Aborted while the key was read: `fail` was not wired to a handshake yet.
    if (options.signal.aborted) throw cancelledError()
    return await handshake(client, scoped, credentials, deadline, target, (reject) => (fail = reject), ready)
  } catch (error) {
    attempt.abort()
    tearDown(client)
    throw error
  } finally {
    deadline.clear()
    options.signal.removeEventListener('abort', onAbort)
  }
}

function cancelledError(): SkiffError {
  return new SkiffError('CANCELLED', 'The connection attempt was cancelled.')
}

// A failed attempt owes the server no polite goodbye. ssh2's destroy() does nothing once
// end() made the socket unwritable, and a peer that never reads would keep it half-open,
// so the socket itself is destroyed.
function tearDown(client: Client): void {
  const socket = (client as unknown as { _sock?: Socket })._sock
  client.destroy()
  socket?.destroy()
}

function handshake<T>(
  client: Client,
  options: ConnectOptions,
  credentials: Credentials,
  deadline: ConnectDeadline,
  target: string,
  exposeReject: (reject: (error: unknown) => void) => void,
  ready: (base: Authenticated) => Promise<T>,
): Promise<T> {
  const ask: Ask = (question, signal) => deadline.paused(() => options.ask(question, signal))
  const verifier = createHostVerifier({ ...options, ask })
  const askKeyboard = async (name: string, instructions: string, questions: readonly { text: string; echo: boolean }[]) => {
    const answer = await ask({ kind: 'keyboard-interactive', host: options.host, port: options.port, name, instructions, questions }, options.signal)
    return answer.kind === 'keyboard-interactive' && answer.responses ? [...answer.responses] : null
  }
  const plan = createAuthPlan(
    credentials,
    (name, instructions, prompts) => askKeyboard(name, instructions, prompts.map((p) => ({ text: p.prompt, echo: p.echo === true }))),
    async (attempt) => {
      const retry = attempt > 1 ? 'That password was not accepted. ' : ''
      const answers = await askKeyboard('Password', `${retry}${target} accepts a password.`, [{ text: `Password for ${target}:`, echo: false }])
      return answers ? (answers[0] ?? '') : null
    },
  )
  const closed = new AbortController()
  let cipher: string | undefined
  let lastError: Error | undefined

  return new Promise<T>((resolve, reject) => {
    let isSettled = false
    const settleFail = (error: unknown) => {
      if (isSettled) return
      isSettled = true
      reject(error)
    }
    exposeReject(settleFail)
    client.on('handshake', (negotiated) => (cipher = negotiated.cs.cipher))
    client.on('error', (error: Error & { level?: string }) => {
      lastError = error
      if (isSettled) return
      const refused = verifier.failure()
      if (refused) settleFail(refused)
      else if (error.level === 'client-authentication') settleFail(plan.failure(target))
      else settleFail(connectError(error, target))
    })
    client.on('close', () => {
      closed.abort(lossReason(lastError))
      settleFail(verifier.failure() ?? connectError(lastError ?? new Error('the server closed the connection'), target))
    })
    client.on('ready', () => {
      void onReady().then(
        (connection) => {
          if (isSettled) return void client.end()
          isSettled = true
          resolve(connection)
        },
        (error: unknown) => settleFail(connectError(error, target)),
      )
    })

    const onReady = (): Promise<T> => {
      const serverIdent = (client as unknown as { _remoteVer?: string })._remoteVer
      return ready({
        client,
        closed: closed.signal,
        typedPassword: plan.typedPassword(),
        hostKey: verifier.pinned()!,
        cipher,
        serverIdent: serverIdent ? `SSH-2.0-${serverIdent}` : undefined,
      })
    }

    client.connect({
      ...(options.sock ? { sock: options.sock } : {}),
      host: options.host,
      port: options.port,
      username: options.username,
      hostVerifier: verifier.verify,
      authHandler: plan.handler,
      // Skiff keeps its own clock (ConnectDeadline) so dialogs do not count against it.
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
    })
    tuneClientSocket(client)
  })
}
