import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freePort, startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../e2e/fixtures/tcp-proxy'
import { SkiffError } from '../../shared/models/errors'
import {
  aborted,
  blobOfLine,
  eventually,
  failureOf,
  fastTuning,
  OpenConnections,
  recordingAsk,
  tempKnownHosts,
  within,
  type Answerer,
  type TempKnownHosts,
} from './connect-test-kit'
import type { ConnectOptions } from './ssh-connection'

/**
 * A loopback TCP server that accepts and never says a word: no SSH banner. It reads (and drops)
 * what the client sends, so it notices when the client hangs up; `sockets` are its open ends.
 * A deaf one never reads at all, like a hung server.
 */
async function startSilentServer(options: { isDeaf?: boolean } = {}): Promise<{ port: number; sockets: Set<Socket>; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    if (options.isDeaf) socket.pause()
    else socket.resume()
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    sockets,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** A loopback proxy whose `freeze()` stops forwarding without closing anything: a pulled cable. */
async function startFreezableProxy(targetPort: number): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const sockets: Socket[] = []
  const server = createServer((near) => {
    const far = createConnection({ host: '127.0.0.1', port: targetPort })
    for (const socket of [near, far]) socket.on('error', () => undefined)
    near.pipe(far)
    far.pipe(near)
    sockets.push(near, far)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze() {
      for (const socket of sockets) {
        socket.unpipe()
        socket.pause()
      }
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

describe('openConnection when the network misbehaves', () => {
  let sshd: SshdHandle
  let knownHosts: TempKnownHosts
  let silent: Awaited<ReturnType<typeof startSilentServer>>
  const connections = new OpenConnections()

  beforeAll(async () => {
    ;[sshd, silent] = await Promise.all([startSshd(), startSilentServer()])
  })
  afterAll(async () => {
    await Promise.all([sshd?.stop(), silent?.close()])
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
  })
  afterEach(async () => {
    connections.endAll()
    await knownHosts.dispose()
  })

  const optionsFor = (overrides: Partial<ConnectOptions> = {}, answer?: Answerer): ConnectOptions => ({
    ...fastTuning,
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeyPath: sshd.clientKeyPath,
    isKeyboardInteractiveAllowed: false,
    book: knownHosts.store,
    ask: recordingAsk(answer).ask,
    signal: new AbortController().signal,
    ...overrides,
  })

  it('reports a port nobody listens on as CONNECT_FAILED: refused', async () => {
    const port = await freePort()
    const error = await failureOf(connections.connect(optionsFor({ port })))
    expect(error).toMatchObject({ code: 'CONNECT_FAILED' })
    expect(error.message).toMatch(/refused/i)
    expect(error.message).toContain(`127.0.0.1:${port}`)
  })

  it('gives up on a server that accepts and never speaks with TIMEOUT, on time', async () => {
    const startedAt = Date.now()
    const error = await failureOf(within(5_000, connections.connect(optionsFor({ port: silent.port, timeoutMs: 500 }))))
    const elapsed = Date.now() - startedAt
    expect(error).toMatchObject({ code: 'TIMEOUT' })
    expect(elapsed).toBeGreaterThanOrEqual(450)
    expect(elapsed).toBeLessThan(3_000)
    await eventually(() => silent.sockets.size === 0)
  })

  it('closes its socket after TIMEOUT even when the server never reads what it sent', async () => {
    const deaf = await startSilentServer({ isDeaf: true })
    try {
      const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length
      const before = tcpHandles()
      const error = await failureOf(within(5_000, connections.connect(optionsFor({ port: deaf.port, timeoutMs: 500 }))))
      expect(error).toMatchObject({ code: 'TIMEOUT' })
      // Only the deaf server's own end may remain; the client's socket is gone.
      await eventually(() => tcpHandles() <= before + deaf.sockets.size)
    } finally {
      await deaf.close()
    }
  })

  it('does not count the time a question is open against the timeout', async () => {
    const slowPerson: Answerer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      return { kind: 'host-key', decision: 'trust-once' }
    }
    const startedAt = Date.now()
    // The network part gets 1.5 s (room for a loaded machine); the question alone takes twice that.
    const connection = await connections.connect(optionsFor({ timeoutMs: 1_500 }, slowPerson))
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3_000)
    expect(connection.closed.aborted).toBe(false)
  })

  it('cancels mid-connect with CANCELLED and closes its socket', async () => {
    const abort = new AbortController()
    const attempt = connections.connect(optionsFor({ port: silent.port, signal: abort.signal, timeoutMs: 10_000 }))
    await eventually(() => silent.sockets.size === 1)
    abort.abort()
    const error = await failureOf(within(2_000, attempt))
    expect(error).toMatchObject({ code: 'CANCELLED' })
    // The server sees the client hang up: nothing is left half-open.
    await eventually(() => silent.sockets.size === 0)
  })

  it('cancels with CANCELLED when aborted while the private key file is still being read', async () => {
    await knownHosts.store.trust(sshd.host, sshd.port, blobOfLine(sshd.hostKeyLine))
    const abort = new AbortController()
    const attempt = connections.connect(optionsFor({ signal: abort.signal }))
    setImmediate(() => abort.abort())
    expect(await failureOf(within(5_000, attempt))).toMatchObject({ code: 'CANCELLED' })
  })

  it('cancels while the host key question is open, and the question sees the abort', async () => {
    const abort = new AbortController()
    let isQuestionAborted = false
    const waitForever: Answerer = (_question, signal) =>
      new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          isQuestionAborted = true
          reject(new SkiffError('CANCELLED', 'The question was withdrawn.'))
        })
        abort.abort()
      })
    const error = await failureOf(within(3_000, connections.connect(optionsFor({ signal: abort.signal }, waitForever))))
    expect(error).toMatchObject({ code: 'CANCELLED' })
    expect(isQuestionAborted).toBe(true)
  })

  describe('a connection that drops', () => {
    let proxy: TcpProxy
    beforeEach(async () => {
      proxy = await startTcpProxy(sshd.port)
    })
    afterEach(async () => {
      await proxy.close()
    })

    it('aborts `closed` with a reason and fails a pending listing with DISCONNECTED', async () => {
      const connection = await connections.connect(optionsFor({ port: proxy.port }))
      const listing = connection.fs.list(connection.homePath)
      proxy.cutAll()
      await expect(within(3_000, listing)).rejects.toMatchObject({ code: 'DISCONNECTED' })
      const reason = await within(3_000, aborted(connection.closed))
      expect(reason).toMatch(/connection/i)
      await expect(connection.fs.list(connection.homePath)).rejects.toMatchObject({ code: 'DISCONNECTED' })
    })

    it('notices a silent drop through keepalive and fails pending work with DISCONNECTED', async () => {
      const frozen = await startFreezableProxy(sshd.port)
      try {
        const tuning = { port: frozen.port, keepaliveIntervalMs: 200, keepaliveCountMax: 2 }
        const connection = await connections.connect(optionsFor(tuning))
        frozen.freeze()
        const listing = connection.fs.list(connection.homePath)
        await expect(within(3_000, listing)).rejects.toMatchObject({ code: 'DISCONNECTED' })
        expect(await within(3_000, aborted(connection.closed))).toMatch(/keepalive/)
      } finally {
        await frozen.close()
      }
    })
  })
})
