import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSsh2Server, type Ssh2ServerHandle } from '../../e2e/fixtures/ssh2-server'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import {
  aborted,
  blobOfLine,
  decide,
  failureOf,
  fastTuning,
  OpenConnections,
  recordingAsk,
  tempKnownHosts,
  within,
  type AskRecorder,
  type TempKnownHosts,
} from './connect-test-kit'
import type { Ask } from './prompt-broker'
import type { ConnectOptions } from './ssh-connection'

/** An Ask for when no question may come: it fails the connect loudly if one does. */
const mustNotAsk: Ask = async (question) => {
  throw new Error(`unexpected ${question.kind} question`)
}

describe('host keys, checked before any credential goes out', () => {
  let sshd: SshdHandle
  let knownHosts: TempKnownHosts
  const connections = new OpenConnections()

  beforeAll(async () => {
    sshd = await startSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
  })
  afterEach(async () => {
    connections.endAll()
    await knownHosts.dispose()
  })

  const optionsFor = (ask: Ask, overrides: Partial<ConnectOptions> = {}): ConnectOptions => ({
    ...fastTuning,
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeyPath: sshd.clientKeyPath,
    isKeyboardInteractiveAllowed: false,
    book: knownHosts.store,
    ask,
    signal: new AbortController().signal,
    ...overrides,
  })
  const knownHostsText = () => readFile(knownHosts.path, 'utf8').catch(() => '')
  const hostKeyLineFor = (line: string) => `[127.0.0.1]:${sshd.port} ${line}\n`

  it('asks about an unknown key with its type and SHA256 fingerprint, and trust-once saves nothing', async () => {
    const recorder = recordingAsk(decide('trust-once'))
    const connection = await connections.connect(optionsFor(recorder.ask))
    expect(recorder.questions).toEqual([
      {
        kind: 'host-key',
        host: '127.0.0.1',
        port: sshd.port,
        key: { type: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint },
        knownAs: 'unknown',
        knownTypes: [],
      },
    ])
    expect(connection.hostKey).toMatchObject({ isSaved: false, blob: blobOfLine(sshd.hostKeyLine) })
    expect(await knownHostsText()).toBe('')
  })

  it('gives up with CANCELLED when the person rejects the key', async () => {
    const error = await failureOf(connections.connect(optionsFor(recordingAsk(decide('reject')).ask)))
    expect(error).toMatchObject({ code: 'CANCELLED' })
    expect(error.message).toContain(`127.0.0.1:${sshd.port}`)
  })

  it('saves the key with trust-save, then connects again without asking', async () => {
    const first = await connections.connect(optionsFor(recordingAsk(decide('trust-save')).ask))
    expect(first.hostKey.isSaved).toBe(true)
    expect(await knownHostsText()).toBe(hostKeyLineFor(sshd.hostKeyLine))

    const second = await connections.connect(optionsFor(mustNotAsk))
    expect(second.hostKey).toMatchObject({ isSaved: true, info: { fingerprint: sshd.hostKeyFingerprint } })
  })

  it('refuses a key marked @revoked with HOST_KEY_REVOKED, without asking', async () => {
    await writeFile(knownHosts.path, `@revoked * ${sshd.hostKeyLine}\n`)
    const error = await failureOf(connections.connect(optionsFor(mustNotAsk)))
    expect(error).toMatchObject({ code: 'HOST_KEY_REVOKED' })
    expect(error.message).toContain(sshd.hostKeyFingerprint)
  })

  it('warns when the host is known only by a key of another type', async () => {
    // Any real RSA public key will do as "the key we knew": the fixture's client key.
    const rsaLine = (await readFile(`${sshd.pemClientKeyPath}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ')
    await writeFile(knownHosts.path, hostKeyLineFor(rsaLine))
    const recorder = recordingAsk(decide('reject'))
    await failureOf(connections.connect(optionsFor(recorder.ask)))
    expect(recorder.hostKeyQuestions()).toEqual([expect.objectContaining({ knownAs: 'other-type', knownTypes: ['ssh-rsa'] })])
  })

  it('refuses a changed key with HOST_KEY_CHANGED and never asks', async () => {
    await writeFile(knownHosts.path, hostKeyLineFor(sshd.hostKeyLine))
    await sshd.rotateHostKey()
    const error = await failureOf(connections.connect(optionsFor(mustNotAsk)))
    expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED' })
    expect(error.message).toContain(sshd.hostKeyFingerprint)
  })
})

describe('a rejected host key against a server that records every auth attempt', () => {
  let server: Ssh2ServerHandle
  let knownHosts: TempKnownHosts
  const connections = new OpenConnections()

  beforeAll(async () => {
    server = await startSsh2Server({ password: 'open sesame' })
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
  })
  afterEach(async () => {
    connections.endAll()
    await knownHosts.dispose()
  })

  const attempt = (recorder: AskRecorder) =>
    connections.connect({
      ...fastTuning,
      host: server.host,
      port: server.port,
      username: server.username,
      password: 'open sesame',
      isKeyboardInteractiveAllowed: true,
      book: knownHosts.store,
      ask: recorder.ask,
      signal: new AbortController().signal,
    })

  it('sends no credential at all: not even the `none` probe', async () => {
    const recorder = recordingAsk(decide('reject'))
    const error = await failureOf(attempt(recorder))
    expect(error).toMatchObject({ code: 'CANCELLED' })
    expect(recorder.hostKeyQuestions()[0]?.key.fingerprint).toBe(server.hostKeyFingerprint)
    expect(server.authAttempts).toEqual([])
    expect(server.logins).toBe(0)
  })

  it('withdraws the open host-key question when the connection attempt fails underneath it', async () => {
    let questionSignal: AbortSignal | undefined
    const recorder = recordingAsk(async (_question, signal) => {
      questionSignal = signal
      server.cutAll()
      await aborted(signal)
      return { kind: 'host-key', decision: 'trust-save' }
    })
    const error = await failureOf(within(5_000, attempt(recorder)))
    expect(error).toMatchObject({ code: 'CONNECT_FAILED' })
    expect(questionSignal?.aborted).toBe(true)
    expect(await readFile(knownHosts.path, 'utf8').catch(() => '')).toBe('')
  })

  it('logs in once the same key is trusted (the fixture is not simply refusing)', async () => {
    await attempt(recordingAsk(decide('trust-once')))
    expect(server.authAttempts).toEqual(['none', 'password'])
    expect(server.logins).toBe(1)
  })
})
