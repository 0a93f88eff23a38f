import { afterEach, describe, expect, it, vi } from 'vitest'
import { mapError } from '../../electron/ipc/map-error'
import type { AppInfo } from '../models/app'
import { SkiffError } from '../models/errors'
import type { PromptId } from '../models/ids'
import type { Prompt } from '../models/session'
import { requestChannels, type Channel } from './contract'
import { createMemoryTransport, type MemoryTransport } from './memory-transport'
import type { RpcRequestMessage } from './messages'
import { createRpcClient } from './rpc-client'
import { createRpcServer, type Handler, type Handlers, type RpcServer } from './rpc-server'
import { validateRequest } from './schemas'

const info: AppInfo = { version: '1.2.3', mode: 'browser', platform: 'linux', dataDir: '/data', localHome: '/home/ada', startupProblems: [] }
const prompt: Prompt = {
  promptId: 'p1' as PromptId,
  kind: 'keyboard-interactive',
  host: 'example.org',
  port: 22,
  name: '',
  instructions: '',
  questions: [{ text: 'Code:', echo: false }],
}

/** Every channel answers UNSUPPORTED, so a test states only the handlers it is about. */
function unsupportedHandlers(): Handlers {
  const handlers: Partial<Record<Channel, Handler<Channel>>> = {}
  for (const channel of Object.keys(requestChannels) as Channel[]) {
    handlers[channel] = async () => {
      throw new SkiffError('UNSUPPORTED', `${channel} is not served in this test.`)
    }
  }
  return handlers as Handlers
}

function serverWith(overrides: Partial<Handlers>): RpcServer {
  return createRpcServer({ ...unsupportedHandlers(), ...overrides }, validateRequest, mapError)
}

/** A promise the test resolves by hand, to hold a handler in flight. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

/** A handler that waits until its signal aborts, and records that it did. */
function waitForAbort(seen: AbortSignal[]) {
  return vi.fn(async (_req: unknown, { signal }: { signal: AbortSignal }) => {
    seen.push(signal)
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
    throw signal.reason
  })
}

const transports: MemoryTransport[] = []
function connect(server: RpcServer) {
  const transport = createMemoryTransport(server)
  transports.push(transport)
  return { transport, rpc: createRpcClient(transport) }
}
afterEach(() => {
  for (const transport of transports.splice(0)) transport.close()
  vi.restoreAllMocks()
})

const rawRequest = (transport: MemoryTransport, message: unknown) => transport.rpc(message as RpcRequestMessage)

describe('rpc over the in-memory transport', () => {
  it('round-trips a request to its handler and back as a copy', async () => {
    const appInfo = vi.fn(async () => info)
    const { rpc } = connect(serverWith({ 'app.info': appInfo }))
    const value = await rpc.call('app.info', {})
    expect(value).toEqual(info)
    expect(value).not.toBe(info)
    expect(appInfo).toHaveBeenCalledWith({}, expect.objectContaining({ signal: expect.any(AbortSignal) }))
  })

  it('gives envelopes from request, for success and for failure alike', async () => {
    const { rpc } = connect(
      serverWith({
        'app.info': async () => info,
        'fs.home': async () => {
          throw new SkiffError('NOT_FOUND', 'No such user.')
        },
      }),
    )
    await expect(rpc.request('app.info', {})).resolves.toEqual({ ok: true, value: info })
    await expect(rpc.request('fs.home', { target: { kind: 'local' } })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such user.' },
    })
  })

  describe('a malformed request gets INVALID_REQUEST and the server keeps serving', () => {
    it.each([
      ['an unknown channel', { id: 1, channel: 'fs.shred', payload: {} }, 'Unknown request channel: fs.shred'],
      ['a string message', 'app.info', 'A request must be an object.'],
      ['a null message', null, 'A request must be an object.'],
      ['a missing id', { channel: 'app.info', payload: {} }, 'A request needs a whole-number id.'],
      ['a fractional id', { id: 1.5, channel: 'app.info', payload: {} }, 'A request needs a whole-number id.'],
      ['a string id', { id: '1', channel: 'app.info', payload: {} }, 'A request needs a whole-number id.'],
    ])('%s', async (_name, message, reason) => {
      const appInfo = vi.fn(async () => info)
      const { transport, rpc } = connect(serverWith({ 'app.info': appInfo }))
      await expect(rawRequest(transport, message)).resolves.toEqual({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: reason },
      })
      expect(appInfo).not.toHaveBeenCalled()
      await expect(rpc.call('app.info', {})).resolves.toEqual(info)
    })

    it('refuses a second request with the id of one still in flight', async () => {
      const release = gate()
      const appInfo = vi.fn(async () => {
        await release.opened
        return info
      })
      const { transport } = connect(serverWith({ 'app.info': appInfo }))
      const first = transport.rpc({ id: 7, channel: 'app.info', payload: {} })
      const second = await transport.rpc({ id: 7, channel: 'app.info', payload: {} })
      expect(second).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Duplicate request id.' } })
      release.open()
      await expect(first).resolves.toEqual({ ok: true, value: info })
      expect(appInfo).toHaveBeenCalledTimes(1)
      await expect(transport.rpc({ id: 7, channel: 'app.info', payload: {} })).resolves.toMatchObject({ ok: true })
    })
  })

  describe('a payload that fails its schema never reaches the handler', () => {
    const local = { kind: 'local' }
    it.each([
      ['fs.list', 'an empty path', { target: local, path: '' }, /^Invalid fs\.list request: path: .+/],
      ['fs.list', 'a path with NUL', { target: local, path: '/tmp/a\0b' }, /path: Paths cannot contain NUL\./],
      ['fs.list', 'an extra property', { target: local, path: '/tmp', recursive: true }, /Unrecognized key: "recursive"/],
      ['fs.list', 'an unknown target kind', { target: { kind: 'ftp' }, path: '/tmp' }, /^Invalid fs\.list request: target\.kind: .+/],
      ['fs.list', 'a remote target without a session', { target: { kind: 'remote' }, path: '/' }, /target\.sessionId/],
      ['fs.list', 'no payload at all', undefined, /^Invalid fs\.list request: .+/],
      ['session.connect', 'port 70000', { host: 'h', username: 'u', port: 70000 }, /port: Port must be 1–65535\./],
      ['session.connect', 'a host with a space', { host: 'a b', username: 'u' }, /host: Host cannot contain/],
    ])('%s with %s', async (channel, _name, payload, reason) => {
      const handler = vi.fn(async () => {
        throw new Error('the handler must not run')
      })
      const { transport, rpc } = connect(serverWith({ [channel]: handler, 'app.info': async () => info }))
      const reply = await transport.rpc({ id: 1, channel, payload })
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(reason) } })
      expect(handler).not.toHaveBeenCalled()
      await expect(rpc.call('app.info', {})).resolves.toEqual(info)
    })
  })

  it('passes a SkiffError through with its code and message', async () => {
    const { rpc } = connect(
      serverWith({
        'fs.list': async () => {
          throw new SkiffError('PERMISSION_DENIED', 'Permission denied: /root')
        },
      }),
    )
    await expect(rpc.call('fs.list', { target: { kind: 'local' }, path: '/root' })).rejects.toMatchObject({
      name: 'SkiffError',
      code: 'PERMISSION_DENIED',
      message: 'Permission denied: /root',
    })
  })

  it('turns any other throw into INTERNAL without stack text, logging the detail instead', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const crash = new TypeError("Cannot read properties of undefined (reading 'size')")
    const { rpc } = connect(
      serverWith({
        'fs.stat': async () => {
          throw crash
        },
        'app.info': async () => info,
      }),
    )
    const reply = await rpc.request('fs.stat', { target: { kind: 'local' }, path: '/x' })
    expect(reply.ok).toBe(false)
    if (reply.ok) return
    expect(reply.error.code).toBe('INTERNAL')
    expect(reply.error.message).not.toMatch(/\n|\bat\s|\.ts:|TypeError|reading 'size'/)
    expect(log).toHaveBeenCalledWith(expect.any(String), crash)
    await expect(rpc.call('app.info', {})).resolves.toEqual(info)
  })

  describe('cancellation', () => {
    it('aborts the handler signal when the caller aborts, and settles as CANCELLED', async () => {
      const signals: AbortSignal[] = []
      const list = waitForAbort(signals)
      const { rpc } = connect(serverWith({ 'fs.list': list }))
      const caller = new AbortController()
      const call = rpc.call('fs.list', { target: { kind: 'local' }, path: '/big' }, { signal: caller.signal })
      await vi.waitFor(() => expect(list).toHaveBeenCalled())
      caller.abort()
      await expect(call).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(signals[0]?.aborted).toBe(true)
    })

    it('sends nothing for a signal that is already aborted', async () => {
      const appInfo = vi.fn(async () => info)
      const { transport, rpc } = connect(serverWith({ 'app.info': appInfo }))
      const sent = vi.spyOn(transport, 'rpc')
      const reply = await rpc.request('app.info', {}, { signal: AbortSignal.abort() })
      expect(reply).toEqual({ ok: false, error: { code: 'CANCELLED', message: expect.any(String) } })
      expect(sent).not.toHaveBeenCalled()
      expect(appInfo).not.toHaveBeenCalled()
    })

    it('close() aborts every handler in flight, settles them DISCONNECTED and refuses later calls', async () => {
      const signals: AbortSignal[] = []
      const list = waitForAbort(signals)
      const appInfo = vi.fn(async () => info)
      const { transport, rpc } = connect(serverWith({ 'fs.list': list, 'app.info': appInfo }))
      const calls = ['/a', '/b'].map((path) => rpc.request('fs.list', { target: { kind: 'local' }, path }))
      await vi.waitFor(() => expect(list).toHaveBeenCalledTimes(2))
      transport.close()
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true])
      for (const reply of await Promise.all(calls)) expect(reply).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } })
      await expect(rpc.request('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } })
      expect(appInfo).not.toHaveBeenCalled()
    })
  })

  describe('events', () => {
    const emitting: Partial<Handlers> = {
      'session.connect': async (_req, { emit }) => {
        emit('session.prompt', prompt)
        throw new SkiffError('CANCELLED', 'Stopped after the prompt.')
      },
    }
    const ask = { host: 'example.org', username: 'ada' }

    it('reach only the client whose request emitted them, before its reply', async () => {
      const server = serverWith(emitting)
      const alice = connect(server)
      const bob = connect(server)
      const toAlice = vi.fn()
      const toBob = vi.fn()
      alice.rpc.on('session.prompt', toAlice)
      bob.rpc.on('session.prompt', toBob)
      await alice.rpc.request('session.connect', ask)
      expect(toAlice).toHaveBeenCalledExactlyOnceWith(prompt)
      expect(toAlice.mock.calls[0]?.[0]).not.toBe(prompt)
      expect(toBob).not.toHaveBeenCalled()
    })

    it('stop arriving once the listener unsubscribes, and go only to their own channel', async () => {
      const { rpc } = connect(serverWith(emitting))
      const onPrompt = vi.fn()
      const onClosed = vi.fn()
      const stop = rpc.on('session.prompt', onPrompt)
      rpc.on('session.promptClosed', onClosed)
      await rpc.request('session.connect', ask)
      stop()
      await rpc.request('session.connect', ask)
      expect(onPrompt).toHaveBeenCalledTimes(1)
      expect(onClosed).not.toHaveBeenCalled()
    })
  })

  describe('values that could not cross a real IPC boundary fail loudly', () => {
    it('a reply holding a function rejects the call with DataCloneError', async () => {
      const { rpc } = connect(serverWith({ 'app.info': async () => ({ ...info, toString: () => 'info' }) }))
      await expect(rpc.call('app.info', {})).rejects.toMatchObject({ name: 'DataCloneError' })
    })

    it('a request holding a function rejects the call with DataCloneError', async () => {
      const { transport } = connect(serverWith({}))
      await expect(transport.rpc({ id: 1, channel: 'app.info', payload: { pick: () => 1 } })).rejects.toMatchObject({
        name: 'DataCloneError',
      })
    })

    it('an event holding a function throws from emit, so the handler fails', async () => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => {})
      const { rpc } = connect(
        serverWith({
          'session.connect': async (_req, { emit }) => {
            emit('session.prompt', { ...prompt, onAnswer: () => {} } as Prompt)
            throw new Error('unreachable: emit should have thrown')
          },
        }),
      )
      const reply = await rpc.request('session.connect', { host: 'h', username: 'u' })
      expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      expect(log).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ name: 'DataCloneError' }))
    })
  })
})
