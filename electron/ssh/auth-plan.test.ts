import type { AnyAuthMethod, AuthenticationType, KeyboardInteractiveAuthMethod, Prompt } from 'ssh2'
import { describe, expect, it, vi } from 'vitest'
import { createAuthPlan, type AnswerKeyboard, type AuthPlan, type Credentials } from './auth-plan'

const everything: Credentials = {
  username: 'ada',
  agent: '/run/agent.sock',
  key: { key: Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----'), passphrase: 'secret' },
  isKeyboardInteractiveAllowed: true,
  password: 'hunter2',
}
const allMethods: AuthenticationType[] = ['publickey', 'keyboard-interactive', 'password']

/** One step of ssh2's auth loop: what the plan hands back for the server's `methodsLeft`; `false` ends it. */
function step(plan: AuthPlan, methodsLeft: AuthenticationType[] | null): AnyAuthMethod | false {
  let chosen: AnyAuthMethod | false | undefined
  plan.handler(methodsLeft as AuthenticationType[], false, (method) => (chosen = method as AnyAuthMethod | false))
  if (chosen === undefined) throw new Error('the plan did not answer synchronously')
  return chosen
}

/** The sequence of method types tried while the server keeps answering `methodsLeft`. */
function run(plan: AuthPlan, methodsLeft: AuthenticationType[]): string[] {
  const types = [(step(plan, null) as AnyAuthMethod).type]
  for (let i = 0; i < 10; i++) {
    const next = step(plan, methodsLeft)
    if (next === false) return types
    types.push(next.type)
  }
  throw new Error('the plan never ended')
}

const neverAsked: AnswerKeyboard = async () => {
  throw new Error('the person was asked')
}

describe('createAuthPlan', () => {
  it('probes with none, then tries agent, key, keyboard-interactive and password, in that order', () => {
    expect(run(createAuthPlan(everything, neverAsked), allMethods)).toEqual(['none', 'agent', 'publickey', 'keyboard-interactive', 'password'])
  })

  it('hands ssh2 the credentials of each method', () => {
    const plan = createAuthPlan(everything, neverAsked)
    step(plan, null)
    expect(step(plan, allMethods)).toEqual({ type: 'agent', username: 'ada', agent: '/run/agent.sock' })
    expect(step(plan, allMethods)).toMatchObject({ type: 'publickey', username: 'ada', key: everything.key!.key, passphrase: 'secret' })
    expect(step(plan, allMethods)).toMatchObject({ type: 'keyboard-interactive', username: 'ada' })
    expect(step(plan, allMethods)).toEqual({ type: 'password', username: 'ada', password: 'hunter2' })
  })

  it('skips what the server does not list', () => {
    expect(run(createAuthPlan(everything, neverAsked), ['password'])).toEqual(['none', 'password'])
    expect(run(createAuthPlan(everything, neverAsked), ['publickey'])).toEqual(['none', 'agent', 'publickey'])
    expect(run(createAuthPlan(everything, neverAsked), ['keyboard-interactive'])).toEqual(['none', 'keyboard-interactive'])
  })

  it('tries only what it was given', () => {
    const passwordOnly: Credentials = { username: 'ada', isKeyboardInteractiveAllowed: false, password: '' }
    expect(run(createAuthPlan(passwordOnly, neverAsked), allMethods)).toEqual(['none', 'password'])
  })

  it('goes on to the second factor after a partial success (AuthenticationMethods publickey,keyboard-interactive)', () => {
    const plan = createAuthPlan({ ...everything, agent: undefined }, neverAsked)
    step(plan, null)
    expect(step(plan, ['publickey'])).toMatchObject({ type: 'publickey' })
    expect(step(plan, ['keyboard-interactive'])).toMatchObject({ type: 'keyboard-interactive' })
  })

  it('tries a method skipped earlier once a partial success makes the server list it', () => {
    // AuthenticationMethods password,publickey: the server lists only password first.
    const plan = createAuthPlan({ ...everything, agent: undefined, isKeyboardInteractiveAllowed: false }, neverAsked)
    step(plan, null)
    expect(step(plan, ['password'])).toMatchObject({ type: 'password' })
    expect(step(plan, ['publickey'])).toMatchObject({ type: 'publickey' })
    expect(step(plan, ['publickey'])).toBe(false)
  })

  it('reports what was tried and what the server accepts', () => {
    const plan = createAuthPlan(everything, neverAsked)
    run(plan, ['publickey', 'password'])
    expect(plan.failure('ada@files.example.com:22')).toMatchObject({
      code: 'AUTH_FAILED',
      message: 'Authentication failed for ada@files.example.com:22 (tried ssh-agent, private key, password; the server accepts publickey, password).',
    })
  })

  it('says so when there was nothing to try, and never names a secret', () => {
    const plan = createAuthPlan({ username: 'ada', isKeyboardInteractiveAllowed: false }, neverAsked)
    run(plan, ['publickey'])
    expect(plan.failure('ada@h:22').message).toBe('Authentication failed for ada@h:22 (nothing to try; the server accepts publickey).')

    const full = createAuthPlan(everything, neverAsked)
    run(full, allMethods)
    expect(full.failure('ada@h:22').message).not.toMatch(/hunter2|secret/)
  })

  it('reports a failure before the server listed anything without inventing a list', () => {
    const plan = createAuthPlan(everything, neverAsked)
    step(plan, null)
    expect(plan.failure('ada@h:22').message).toBe('Authentication failed for ada@h:22 (nothing to try).')
  })
})

describe('keyboard-interactive answers', () => {
  /** The plan's keyboard-interactive prompt handler, with the finish callback as a promise. */
  function keyboardOf(credentials: Credentials, answerKeyboard: AnswerKeyboard) {
    const plan = createAuthPlan(credentials, answerKeyboard)
    step(plan, null)
    const method = step(plan, ['keyboard-interactive']) as KeyboardInteractiveAuthMethod
    return (prompts: Prompt[], name = '') =>
      new Promise<string[]>((resolve) => method.prompt(name, 'instructions', '', prompts, (answers) => resolve(answers)))
  }
  const withPassword: Credentials = { username: 'ada', isKeyboardInteractiveAllowed: true, password: 'hunter2' }

  it('answers a lone hidden Password: question with the password, once', async () => {
    const answerKeyboard = vi.fn<AnswerKeyboard>(async () => ['typed'])
    const prompt = keyboardOf(withPassword, answerKeyboard)
    expect(await prompt([{ prompt: 'Password: ', echo: false }])).toEqual(['hunter2'])
    expect(answerKeyboard).not.toHaveBeenCalled()
    // A second Password: round means the first answer was wrong: now the person decides.
    expect(await prompt([{ prompt: 'Password: ', echo: false }])).toEqual(['typed'])
  })

  it('puts any other question to the person, with name, instructions and prompts', async () => {
    const answerKeyboard = vi.fn<AnswerKeyboard>(async () => ['123456'])
    const prompts = [{ prompt: 'Verification code: ', echo: false }]
    expect(await keyboardOf(withPassword, answerKeyboard)(prompts, 'Two-factor')).toEqual(['123456'])
    expect(answerKeyboard).toHaveBeenCalledWith('Two-factor', 'instructions', prompts)
  })

  it('does not treat an echoed or a second question as the password', async () => {
    const answerKeyboard = vi.fn<AnswerKeyboard>(async () => ['x', 'y'])
    const prompt = keyboardOf(withPassword, answerKeyboard)
    await prompt([{ prompt: 'Password: ', echo: true }])
    await prompt([{ prompt: 'Password: ' }, { prompt: 'Code: ' }])
    expect(answerKeyboard).toHaveBeenCalledTimes(2)
  })

  it('answers an empty round with nothing, and a cancelled or failed question with no answers', async () => {
    const cancelled = keyboardOf(withPassword, async () => null)
    expect(await cancelled([])).toEqual([])
    expect(await cancelled([{ prompt: 'Code: ' }])).toEqual([])
    const failed = keyboardOf(withPassword, async () => {
      throw new Error('window closed')
    })
    expect(await failed([{ prompt: 'Code: ' }])).toEqual([])
  })

  it('with no password given, asks for one when nothing else is left (three times at most), and a cancel ends it', async () => {
    const asked: number[] = []
    const answers = ['first', 'second', 'third']
    const plan = createAuthPlan({ username: 'ada', isKeyboardInteractiveAllowed: false }, neverAsked, async (attempt) => {
      asked.push(attempt)
      return answers[attempt - 1] ?? null
    })
    const next = (methodsLeft: AuthenticationType[] | null) =>
      new Promise<AnyAuthMethod | false>((resolve) => plan.handler(methodsLeft as AuthenticationType[], false, (method) => resolve(method as AnyAuthMethod | false)))
    expect(await next(null)).toMatchObject({ type: 'none' })
    expect(await next(['password'])).toEqual({ type: 'password', username: 'ada', password: 'first' })
    expect(await next(['password'])).toEqual({ type: 'password', username: 'ada', password: 'second' })
    expect(await next(['password'])).toEqual({ type: 'password', username: 'ada', password: 'third' })
    expect(await next(['password'])).toBe(false)
    expect(asked).toEqual([1, 2, 3])
    expect(plan.typedPassword()).toBe('third')
    expect(plan.failure('ada@h:22').message).toContain('tried password')

    const cancelled = createAuthPlan({ username: 'ada', isKeyboardInteractiveAllowed: false }, neverAsked, async () => null)
    step(cancelled, null)
    await expect(new Promise((resolve) => cancelled.handler(['password'], false, resolve))).resolves.toBe(false)
    // A server that takes no password is not asked for one.
    const keyOnly = createAuthPlan({ username: 'ada', isKeyboardInteractiveAllowed: false }, neverAsked, async () => 'never')
    step(keyOnly, null)
    expect(step(keyOnly, ['publickey'])).toBe(false)
  })
})
