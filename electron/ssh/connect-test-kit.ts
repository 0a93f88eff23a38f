// Shared by the ssh-connection tests: a recording Ask, a throwaway known_hosts, bounded waits.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HostKeyDecision, PromptAnswer } from '../../shared/models/session'
import type { HostKeyBook } from './host-verifier'
import { KnownHostsStore } from './known-hosts'
import type { Ask, PromptQuestion } from './prompt-broker'
import { openConnection, type ConnectOptions, type SshConnection } from './ssh-connection'

/** Short clocks so failures show within a test's budget. */
export const fastTuning = { timeoutMs: 5_000, keepaliveIntervalMs: 500, keepaliveCountMax: 2, opTimeoutMs: 5_000 } as const

/** How a scripted person answers one question. */
export type Answerer = (question: PromptQuestion, signal: AbortSignal) => PromptAnswer | Promise<PromptAnswer>

/** Answers a host-key question with `decision`, and cancels anything else. */
export function decide(decision: HostKeyDecision): Answerer {
  return (question) =>
    question.kind === 'host-key' ? { kind: 'host-key', decision } : { kind: 'keyboard-interactive', responses: null }
}

/** Trusts the host key once; types `responses` into any keyboard-interactive question. */
export function typeIn(...responses: string[]): Answerer {
  return (question) =>
    question.kind === 'host-key' ? { kind: 'host-key', decision: 'trust-once' } : { kind: 'keyboard-interactive', responses }
}

/** An Ask that remembers every question, in order. */
export interface AskRecorder {
  readonly ask: Ask
  readonly questions: PromptQuestion[]
  readonly hostKeyQuestions: () => Extract<PromptQuestion, { kind: 'host-key' }>[]
}

export function recordingAsk(answer: Answerer = decide('trust-once')): AskRecorder {
  const questions: PromptQuestion[] = []
  return {
    ask: async (question, signal) => {
      questions.push(question)
      return answer(question, signal)
    },
    questions,
    hostKeyQuestions: () => questions.filter((q): q is Extract<PromptQuestion, { kind: 'host-key' }> => q.kind === 'host-key'),
  }
}

/** A known_hosts store over a file in a fresh temp folder. */
export interface TempKnownHosts {
  readonly store: KnownHostsStore
  readonly path: string
  dispose(): Promise<void>
}

export async function tempKnownHosts(): Promise<TempKnownHosts> {
  const dir = await mkdtemp(join(tmpdir(), 'skiff-known-hosts-'))
  const path = join(dir, 'known_hosts')
  return { store: new KnownHostsStore({ readOnlyPaths: [], writablePath: path }), path, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** A book that knows every key: for tests about something other than host keys. */
export const trustingBook: HostKeyBook & { replace(): Promise<void> } = {
  check: async () => ({ status: 'known' }),
  trust: async () => undefined,
  replace: async () => undefined,
}

/** Opens connections and ends whatever a test left open. */
export class OpenConnections {
  private readonly open: SshConnection[] = []

  async connect(options: ConnectOptions): Promise<SshConnection> {
    const connection = await openConnection(options)
    this.open.push(connection)
    return connection
  }

  endAll(): void {
    for (const connection of this.open.splice(0)) connection.end()
  }
}

/** Rejects if `work` has not settled within `ms`, so a hang fails the test instead of stalling it. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/** Resolves when `signal` aborts (at once if it already has). */
export function aborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason)
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }))
}

/** Polls `condition` every 20 ms for at most `ms`; rejects when it never holds. */
export async function eventually(condition: () => boolean, ms = 3_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 20) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  if (!condition()) throw new Error(`condition still false after ${ms} ms`)
}

/** The error `work` rejects with; fails when it resolves. */
export async function failureOf(work: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await work
  } catch (error) {
    return error as Error & { code?: string }
  }
  throw new Error('expected a rejection, but it resolved')
}

/** The decoded public key blob of a `type base64` public key line. */
export function blobOfLine(line: string): Buffer {
  return Buffer.from(line.trim().split(/\s+/)[1] ?? '', 'base64')
}
