import { readFile, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../e2e/fixtures/tcp-proxy'
import type { EventChannel, Events } from '../../shared/ipc/contract'
import type { Emit } from '../../shared/ipc/messages'
import type { SessionInfo } from '../../shared/models/session'
import { eventually, fastTuning, failureOf, tempKnownHosts, within, type TempKnownHosts } from './connect-test-kit'
import { PromptBroker } from './prompt-broker'
import { SessionManager } from './session-manager'

type Sent = { [K in EventChannel]: { channel: K; payload: Events[K] } }[EventChannel]

/** Records what was sent on one channel (a client's events, or the broadcast). */
function recorder() {
  const sent: Sent[] = []
  const emit: Emit = (channel, payload) => {
    sent.push({ channel, payload } as Sent)
  }
  const of = <K extends EventChannel>(channel: K) =>
    sent.filter((event): event is Extract<Sent, { channel: K }> => event.channel === channel).map((event) => event.payload as Events[K])
  return { sent, emit, of }
}

describe('SessionManager against a real sshd', () => {
  let sshd: SshdHandle
  let home: string
  let proxy: TcpProxy
  let knownHosts: TempKnownHosts
  let manager: SessionManager
  let broadcast: ReturnType<typeof recorder>
  let client: ReturnType<typeof recorder>

  beforeAll(async () => {
    sshd = await startSshd()
    home = await realpath(sshd.homeDir)
    await writeFile(join(home, 'readme.md'), '# hi')
  })
  afterAll(async () => {
    await sshd?.stop()
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
    proxy = await startTcpProxy(sshd.port)
    broadcast = recorder()
    const seen = recorder()
    const prompts = new PromptBroker(5_000)
    // The person at this client trusts every host key once, as soon as they are asked.
    const emit: Emit = (channel, payload) => {
      seen.emit(channel, payload)
      if (channel === 'session.prompt') {
        const { promptId } = payload as Events['session.prompt']
        queueMicrotask(() => prompts.answer(promptId, { kind: 'host-key', decision: 'trust-once' }))
      }
    }
    client = { ...seen, emit }
    manager = new SessionManager({ book: knownHosts.store, prompts, broadcast: broadcast.emit, tuning: fastTuning })
  })
  afterEach(async () => {
    manager.closeAll()
    await proxy.close()
    await knownHosts.dispose()
  })

  const caller = () => ({ emit: client.emit, signal: new AbortController().signal })
  const connect = (port = sshd.port) =>
    manager.connect(
      { host: sshd.host, port, username: sshd.username, privateKeyPath: sshd.clientKeyPath, useAgent: false, tryKeyboardInteractive: false },
      caller(),
    )
  const statesOf = (info: SessionInfo) =>
    broadcast.of('session.changed').filter((changed) => changed.sessionId === info.sessionId).map((changed) => changed.state)
  const hostKeyPrompts = () => client.of('session.prompt').filter((prompt) => prompt.kind === 'host-key')

  it('lists a connected session, tells every client, and hands out its file system', async () => {
    const info = await connect()
    expect(info).toMatchObject({ host: sshd.host, port: sshd.port, username: sshd.username, state: 'connected', homePath: home })
    expect(info.hostKey?.fingerprint).toBe(sshd.hostKeyFingerprint)
    expect(info.serverIdent).toMatch(/^SSH-2\.0-OpenSSH/)
    expect(manager.list()).toEqual([info])
    expect(broadcast.of('session.changed')).toEqual([info])
    expect(hostKeyPrompts()).toHaveLength(1)

    const listing = await manager.fsOf(info.sessionId).list(home)
    expect(listing.entries.map((entry) => entry.name)).toContain('readme.md')
  })

  it('reports a drop with a reason, refuses the file system while down, and reconnects without asking again', async () => {
    const info = await connect(proxy.port)
    proxy.cutAll()
    await eventually(() => statesOf(info).includes('disconnected'))
    const dropped = manager.list()[0]
    expect(dropped).toMatchObject({ sessionId: info.sessionId, state: 'disconnected' })
    expect(dropped?.reason).toMatch(/\w/)
    expect(() => manager.fsOf(info.sessionId)).toThrow(expect.objectContaining({ code: 'DISCONNECTED' }))

    const again = await within(10_000, manager.reconnect(info.sessionId, caller()))
    expect(again).toMatchObject({ sessionId: info.sessionId, state: 'connected' })
    expect(statesOf(info)).toEqual(['connected', 'disconnected', 'connecting', 'connected'])
    // The key was trusted once in this run: the reconnect does not ask again.
    expect(hostKeyPrompts()).toHaveLength(1)
    expect((await manager.fsOf(info.sessionId).list(home)).path).toBe(home)
  })

  it('closes a session: tells every client, forgets it, and its file system is gone', async () => {
    const info = await connect()
    manager.disconnect(info.sessionId)
    expect(broadcast.of('session.closed')).toEqual([{ sessionId: info.sessionId }])
    expect(manager.list()).toEqual([])
    expect(() => manager.fsOf(info.sessionId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(await failureOf(manager.reconnect(info.sessionId, caller()))).toMatchObject({ code: 'NOT_FOUND' })
    expect(() => manager.disconnect(info.sessionId)).not.toThrow()
  })

  it('keeps two sessions apart: one dropping or closing leaves the other working', async () => {
    const viaProxy = await connect(proxy.port)
    const direct = await connect()
    expect(manager.list().map((session) => session.sessionId)).toEqual([viaProxy.sessionId, direct.sessionId])

    proxy.cutAll()
    await eventually(() => statesOf(viaProxy).includes('disconnected'))
    expect(statesOf(direct)).toEqual(['connected'])
    expect((await manager.fsOf(direct.sessionId).list(home)).path).toBe(home)

    manager.disconnect(viaProxy.sessionId)
    expect(manager.list()).toEqual([direct])
    expect((await manager.fsOf(direct.sessionId).list(home)).path).toBe(home)
  })

  it('a key trusted once stays trusted for the rest of the run: a second session does not ask, a changed key is refused', async () => {
    await connect()
    await connect()
    expect(hostKeyPrompts()).toHaveLength(1)
    const oldFingerprint = sshd.hostKeyFingerprint
    await sshd.rotateHostKey()
    const refused = await failureOf(connect())
    expect(refused).toMatchObject({ code: 'HOST_KEY_CHANGED', hostKeyChange: { isTrustedOnce: true, known: [{ fingerprint: oldFingerprint }], offered: { fingerprint: sshd.hostKeyFingerprint } } })
    expect(hostKeyPrompts()).toHaveLength(1)
    // The person compared the fingerprints: the new key is trusted the same way, for the run.
    await expect(manager.replaceHostKey(sshd.host, sshd.port, oldFingerprint)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await manager.replaceHostKey(sshd.host, sshd.port, sshd.hostKeyFingerprint)
    await connect()
    expect(hostKeyPrompts()).toHaveLength(1)
    expect(await readFile(knownHosts.path, 'utf8').catch(() => '')).toBe('')
  })

  it('does not list a session whose connect failed', async () => {
    const error = await failureOf(
      manager.connect({ host: sshd.host, port: sshd.port, username: sshd.username, password: 'wrong', useAgent: false, tryKeyboardInteractive: false }, caller()),
    )
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect(manager.list()).toEqual([])
    expect(broadcast.of('session.changed')).toEqual([])
  })
})
