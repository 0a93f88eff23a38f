import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Client, type ConnectConfig } from 'ssh2'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import {
  eventually,
  failureOf,
  fastTuning,
  OpenConnections,
  recordingAsk,
  tempKnownHosts,
  within,
  type AskRecorder,
  type TempKnownHosts,
} from './connect-test-kit'
import type { ConnectOptions, SshConnection } from './ssh-connection'

const run = promisify(execFile)

describe('openConnection against a real sshd', () => {
  let sshd: SshdHandle
  let home: string
  let scratch: string
  let knownHosts: TempKnownHosts
  const connections = new OpenConnections()

  beforeAll(async () => {
    sshd = await startSshd()
    home = await realpath(sshd.homeDir)
    await writeFile(join(home, 'hello.txt'), 'hi')
    scratch = await mkdtemp(join(tmpdir(), 'skiff-connect-'))
  })
  afterAll(async () => {
    await sshd?.stop()
    await rm(scratch, { recursive: true, force: true })
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
  })
  afterEach(async () => {
    connections.endAll()
    vi.restoreAllMocks()
    await knownHosts.dispose()
  })

  /** Key login as the test user, trusting the host key once; `overrides` change one thing. */
  const optionsFor = (recorder: AskRecorder, overrides: Partial<ConnectOptions> = {}): ConnectOptions => ({
    ...fastTuning,
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeyPath: sshd.clientKeyPath,
    isKeyboardInteractiveAllowed: false,
    book: knownHosts.store,
    ask: recorder.ask,
    signal: new AbortController().signal,
    ...overrides,
  })

  const names = async (connection: SshConnection) => (await connection.fs.list(home)).entries.map((entry) => entry.name)

  describe('private keys', () => {
    it('logs in with an unencrypted OpenSSH key and lists the home folder', async () => {
      const connection = await connections.connect(optionsFor(recordingAsk()))
      expect(await names(connection)).toContain('hello.txt')
    })

    it('logs in with an RSA key in PEM format', async () => {
      const connection = await connections.connect(optionsFor(recordingAsk(), { privateKeyPath: sshd.pemClientKeyPath }))
      expect(await names(connection)).toContain('hello.txt')
    })

    it('logs in with an encrypted key and its passphrase, asking only about the host key', async () => {
      const recorder = recordingAsk()
      const options = optionsFor(recorder, { privateKeyPath: sshd.encryptedClientKeyPath, passphrase: sshd.clientKeyPassphrase })
      await connections.connect(options)
      expect(recorder.questions.map((q) => q.kind)).toEqual(['host-key'])
    })

    it('asks for the passphrase of an encrypted key and logs in with the answer', async () => {
      const recorder = recordingAsk((question) =>
        question.kind === 'host-key'
          ? { kind: 'host-key', decision: 'trust-once' }
          : { kind: 'keyboard-interactive', responses: [sshd.clientKeyPassphrase] },
      )
      await connections.connect(optionsFor(recorder, { privateKeyPath: sshd.encryptedClientKeyPath }))
      expect(recorder.questions[0]).toEqual({
        kind: 'keyboard-interactive',
        host: sshd.host,
        port: sshd.port,
        name: 'Key passphrase',
        instructions: '',
        questions: [{ text: `Passphrase for ${sshd.encryptedClientKeyPath}:`, echo: false }],
      })
    })

    it('gives up with CANCELLED when the passphrase question is cancelled', async () => {
      const recorder = recordingAsk()
      const error = await failureOf(connections.connect(optionsFor(recorder, { privateKeyPath: sshd.encryptedClientKeyPath })))
      expect(error).toMatchObject({ code: 'CANCELLED' })
      expect(recorder.questions.map((q) => q.kind)).toEqual(['keyboard-interactive'])
    })

    it('refuses a wrong passphrase with BAD_PASSPHRASE before reaching the server', async () => {
      const recorder = recordingAsk()
      const options = optionsFor(recorder, { privateKeyPath: sshd.encryptedClientKeyPath, passphrase: 'wrong horse' })
      const error = await failureOf(connections.connect(options))
      expect(error).toMatchObject({ code: 'BAD_PASSPHRASE' })
      expect(error.message).toContain(sshd.encryptedClientKeyPath)
      expect(recorder.questions).toEqual([])
    })

    it('reports a missing key file as NOT_FOUND', async () => {
      const missing = join(scratch, 'no-such-key')
      const error = await failureOf(connections.connect(optionsFor(recordingAsk(), { privateKeyPath: missing })))
      expect(error).toMatchObject({ code: 'NOT_FOUND' })
      expect(error.message).toContain(missing)
    })

    it('reports a file that is not a private key as INVALID_REQUEST: a text file, or the .pub half', async () => {
      const notes = join(scratch, 'notes.txt')
      await writeFile(notes, 'just some notes\n')
      for (const path of [notes, `${sshd.clientKeyPath}.pub`]) {
        const error = await failureOf(connections.connect(optionsFor(recordingAsk(), { privateKeyPath: path })))
        expect(error).toMatchObject({ code: 'INVALID_REQUEST' })
        expect(error.message).toMatch(/not a private key/)
      }
    })
  })

  describe('ssh-agent', () => {
    let agent: ChildProcess | undefined
    afterEach(() => {
      agent?.kill()
      agent = undefined
    })

    it('logs in with a key held by a running ssh-agent and no key file', async () => {
      const socket = join(scratch, 'agent.sock')
      agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' })
      await eventually(() => existsSync(socket))
      await run('ssh-add', [sshd.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, timeout: 5_000 })
      const connection = await connections.connect(optionsFor(recordingAsk(), { privateKeyPath: undefined, agent: socket }))
      expect(await names(connection)).toContain('hello.txt')
    })
  })

  it('fails a wrong password with AUTH_FAILED naming what was tried and what the server accepts', async () => {
    const options = optionsFor(recordingAsk(), { privateKeyPath: undefined, password: 'not the password' })
    const error = await failureOf(connections.connect(options))
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect(error.message).toMatch(/^Authentication failed for .+@127\.0\.0\.1:\d+ \(tried password; the server accepts .*publickey.*\)\.$/)
    expect(error.message).not.toContain('not the password')
  })

  describe('the session', () => {
    it('reports cipher, server identification, home folder and host key', async () => {
      const connection = await connections.connect(optionsFor(recordingAsk()))
      expect(connection.cipher).toMatch(/\w/)
      expect(connection.serverIdent).toMatch(/^SSH-2\.0-OpenSSH/)
      expect(connection.homePath).toBe(home)
      expect(connection.hostKey.info).toEqual({ type: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint })
      expect(connection.hostKey.isSaved).toBe(false)
    })

    it('survives a rekey: the pinned key is checked again without asking', async () => {
      // Count how often ssh2 consults Skiff's verifier: once per key exchange.
      let verifications = 0
      const originalConnect = Client.prototype.connect
      vi.spyOn(Client.prototype, 'connect').mockImplementation(function (this: Client, config: ConnectConfig) {
        const verify = config.hostVerifier as (key: Buffer, done: (ok: boolean) => void) => void
        const counted = (key: Buffer, done: (ok: boolean) => void) => {
          verifications++
          verify(key, done)
        }
        return originalConnect.call(this, { ...config, hostVerifier: counted as ConnectConfig['hostVerifier'] })
      })
      const recorder = recordingAsk()
      const connection = await connections.connect(optionsFor(recorder))
      expect(verifications).toBe(1)

      // ssh2 1.17's README documents Client#rekey, but the client has none; its protocol object does the same.
      const rekeyed = new Promise((resolve) => connection.client.once('handshake', resolve))
      ;(connection.client as unknown as { _protocol: { rekey(): void } })._protocol.rekey()
      await within(5_000, rekeyed)
      expect(verifications).toBe(2)
      expect(recorder.questions).toHaveLength(1)
      expect(connection.closed.aborted).toBe(false)
      expect(await names(connection)).toContain('hello.txt')
    })
  })
})
