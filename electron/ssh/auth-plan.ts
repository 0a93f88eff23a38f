import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType, KeyboardInteractiveCallback, Prompt } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'
import type { LoadedKey } from './private-key'

/** What one connection may try, in the order OpenSSH tries them. */
export interface Credentials {
  readonly username: string
  readonly agent?: string
  readonly key?: LoadedKey
  readonly isKeyboardInteractiveAllowed: boolean
  readonly password?: string
}

/** Relays a keyboard-interactive round to the person; null when they cancel. */
export type AnswerKeyboard = (name: string, instructions: string, prompts: readonly Prompt[]) => Promise<string[] | null>

/** Asks the person for the password (as `ssh` does when nothing else is left); null when they cancel. */
export type AskPassword = (attempt: number) => Promise<string | null>

// As OpenSSH's NumberOfPasswordPrompts.
const maxPasswordPrompts = 3

/** ssh2's auth handler for one connection, and what it tried. */
export interface AuthPlan {
  readonly handler: AuthHandlerMiddleware
  /** The failure to report once ssh2 gives up: names the methods tried and those the server offers. */
  failure(target: string): SkiffError
  /** The password the person typed when asked, once one was accepted or at least tried. */
  typedPassword(): string | undefined
}

type Method = 'agent' | 'publickey' | 'keyboard-interactive' | 'password'

const wireName: Record<Method, AuthenticationType> = {
  agent: 'publickey',
  publickey: 'publickey',
  'keyboard-interactive': 'keyboard-interactive',
  password: 'password',
}

const shownName: Record<Method, string> = {
  agent: 'ssh-agent',
  publickey: 'private key',
  'keyboard-interactive': 'keyboard-interactive',
  password: 'password',
}

// A lone hidden "Password:" question is what sshd asks through PAM; answer it with the given password once.
function isPasswordQuestion(prompts: readonly Prompt[]): boolean {
  return prompts.length === 1 && prompts[0]?.echo !== true && /password/i.test(prompts[0]?.prompt ?? '')
}

function plannedMethods(credentials: Credentials): Method[] {
  const methods: Method[] = []
  if (credentials.agent) methods.push('agent')
  if (credentials.key) methods.push('publickey')
  if (credentials.isKeyboardInteractiveAllowed) methods.push('keyboard-interactive')
  if (credentials.password !== undefined) methods.push('password')
  return methods
}

/**
 * Starts with `none` to learn what the server accepts, then tries each configured method the
 * server still offers: agent, key, keyboard-interactive, password. When none is left and the
 * server takes a password that was not given, asks the person for one (up to three times, as
 * `ssh` does).
 */
export function createAuthPlan(credentials: Credentials, answerKeyboard: AnswerKeyboard, askPassword?: AskPassword): AuthPlan {
  const queue = plannedMethods(credentials)
  const tried: Method[] = []
  let offered: readonly AuthenticationType[] = []
  let hasAnsweredPassword = false
  let passwordPrompts = 0
  let typed: string | undefined
  const { username } = credentials

  const keyboardPrompt = (_name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
    if (prompts.length === 0) return finish([])
    if (credentials.password !== undefined && !hasAnsweredPassword && isPasswordQuestion(prompts)) {
      hasAnsweredPassword = true
      return finish([credentials.password])
    }
    answerKeyboard(_name, instructions, prompts).then(
      (answers) => finish(answers ?? []),
      () => finish([]),
    )
  }

  const methodFor = (method: Method): AnyAuthMethod => {
    switch (method) {
      case 'agent':
        return { type: 'agent', username, agent: credentials.agent! }
      case 'publickey':
        return { type: 'publickey', username, key: credentials.key!.key, passphrase: credentials.key!.passphrase }
      case 'keyboard-interactive':
        return { type: 'keyboard-interactive', username, prompt: keyboardPrompt }
      case 'password':
        return { type: 'password', username, password: credentials.password! }
    }
  }

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    if (!methodsLeft) return next({ type: 'none', username })
    offered = methodsLeft
    // A method the server does not list yet stays queued: after a partial success
    // (AuthenticationMethods password,publickey) the server lists the next factor.
    const index = queue.findIndex((method) => methodsLeft.includes(wireName[method]))
    if (index >= 0) {
      const [method] = queue.splice(index, 1) as [Method]
      tried.push(method)
      return next(methodFor(method))
    }
    // ssh2 takes `false` as "no more methods", which its types do not say.
    const giveUp = () => (next as unknown as (auth: false) => void)(false)
    const canAsk = askPassword && credentials.password === undefined && methodsLeft.includes('password') && passwordPrompts < maxPasswordPrompts
    if (!canAsk) return giveUp()
    passwordPrompts++
    askPassword(passwordPrompts).then(
      (password) => {
        if (password === null) return giveUp()
        typed = password
        if (!tried.includes('password')) tried.push('password')
        next({ type: 'password', username, password })
      },
      giveUp,
    )
  }

  return {
    handler,
    failure(target) {
      const triedText = tried.length > 0 ? `tried ${tried.map((m) => shownName[m]).join(', ')}` : 'nothing to try'
      const offeredText = offered.length > 0 ? `; the server accepts ${offered.join(', ')}` : ''
      return new SkiffError('AUTH_FAILED', `Authentication failed for ${target} (${triedText}${offeredText}).`)
    },
    typedPassword: () => typed,
  }
}
