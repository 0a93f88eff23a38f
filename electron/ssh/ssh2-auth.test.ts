import { afterEach, describe, expect, it } from 'vitest'
import {
  pamPassword,
  startSsh2Server,
  verificationCode,
  type Ssh2ServerHandle,
  type Ssh2ServerOptions,
} from '../../e2e/fixtures/ssh2-server'
import { decide, failureOf, fastTuning, OpenConnections, recordingAsk, trustingBook, typeIn, type AskRecorder } from './connect-test-kit'
import type { ConnectOptions } from './ssh-connection'

describe('password and keyboard-interactive logins (ssh2 server fixture)', () => {
  let server: Ssh2ServerHandle | undefined
  const connections = new OpenConnections()

  afterEach(async () => {
    connections.endAll()
    await server?.close()
    server = undefined
  })

  const start = async (options: Ssh2ServerOptions) => (server = await startSsh2Server(options))

  /** Connects as the fixture's user with a book that already knows its key, so every question is about logging in. */
  const connect = (running: Ssh2ServerHandle, recorder: AskRecorder, overrides: Partial<ConnectOptions> = {}) =>
    connections.connect({
      ...fastTuning,
      host: running.host,
      port: running.port,
      username: running.username,
      isKeyboardInteractiveAllowed: true,
      book: trustingBook,
      ask: recorder.ask,
      signal: new AbortController().signal,
      ...overrides,
    })

  it('logs in with a password and opens SFTP in the home folder', async () => {
    const running = await start({ password: 'open sesame' })
    const connection = await connect(running, recordingAsk(), { password: 'open sesame' })
    expect(connection.homePath).toBe('/home/test')
    expect(running.authAttempts).toEqual(['none', 'password'])
    expect(running.logins).toBe(1)
  })

  it('answers a lone hidden "Password:" question with the given password, without asking the person', async () => {
    const running = await start({ keyboardInteractive: pamPassword('open sesame') })
    const recorder = recordingAsk()
    await connect(running, recorder, { password: 'open sesame' })
    expect(recorder.questions).toEqual([])
    expect(running.authAttempts).toEqual(['none', 'keyboard-interactive'])
  })

  it('puts a verification code question to the person and logs in with their answer', async () => {
    const running = await start({ keyboardInteractive: verificationCode('123456') })
    const recorder = recordingAsk(typeIn('123456'))
    await connect(running, recorder, { password: 'open sesame' })
    expect(recorder.questions).toEqual([
      {
        kind: 'keyboard-interactive',
        host: '127.0.0.1',
        port: running.port,
        name: 'Two-factor',
        instructions: '',
        questions: [{ text: 'Verification code: ', echo: false }],
      },
    ])
    expect(running.logins).toBe(1)
  })

  it('shows whether an answer may be echoed', async () => {
    const running = await start({
      keyboardInteractive: { questions: [{ prompt: 'Your name: ', echo: true, answer: 'ada' }, { prompt: 'PIN: ', answer: '4242' }] },
    })
    const recorder = recordingAsk(typeIn('ada', '4242'))
    await connect(running, recorder)
    expect(recorder.questions[0]).toMatchObject({
      questions: [
        { text: 'Your name: ', echo: true },
        { text: 'PIN: ', echo: false },
      ],
    })
  })

  it('fails with AUTH_FAILED when the person cancels the question', async () => {
    const running = await start({ keyboardInteractive: verificationCode('123456') })
    const error = await failureOf(connect(running, recordingAsk(decide('trust-once'))))
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect(running.logins).toBe(0)
  })

  it('names every method tried and what the server accepts when all fail', async () => {
    const running = await start({ password: 'open sesame', keyboardInteractive: verificationCode('123456') })
    const error = await failureOf(connect(running, recordingAsk(typeIn('000000')), { password: 'wrong' }))
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect(error.message).toBe(
      `Authentication failed for test@127.0.0.1:${running.port} (tried keyboard-interactive, password; the server accepts password, keyboard-interactive).`,
    )
    expect(running.authAttempts).toEqual(['none', 'keyboard-interactive', 'password'])
  })

  it('does not offer keyboard-interactive when the person turned it off', async () => {
    const running = await start({ keyboardInteractive: verificationCode('123456') })
    const recorder = recordingAsk(typeIn('123456'))
    const error = await failureOf(connect(running, recorder, { isKeyboardInteractiveAllowed: false }))
    expect(error.message).toMatch(/\(nothing to try; the server accepts keyboard-interactive\)/)
    expect(recorder.questions).toEqual([])
  })

  it('brings hostile names from the server back exactly as sent', async () => {
    const hostile = ['../evil', 'a/b', 'line\nbreak', ' spaced ', '-rf']
    const running = await start({
      password: 'open sesame',
      folders: { '/home/test': [...hostile.map((name) => ({ name, size: 3 })), { name: 'docs', type: 'directory' }] },
    })
    const connection = await connect(running, recordingAsk(), { password: 'open sesame' })
    const listing = await connection.fs.list('.')
    expect(listing.path).toBe('/home/test')
    expect(listing.entries.map((entry) => entry.name)).toEqual([...hostile, 'docs'])
    expect(listing.entries.find((entry) => entry.name === 'docs')?.type).toBe('directory')
    expect(await connection.fs.stat('/home/test/a/b')).toMatchObject({ type: 'file', size: 3 })
  })
})
