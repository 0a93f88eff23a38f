import { afterEach, describe, expect, it, vi } from 'vitest'
import { SkiffError } from '../../shared/models/errors'
import type { HostKeyDecision, PromptAnswer } from '../../shared/models/session'
import { hostKeyFingerprint } from './host-key'
import { createHostVerifier, type HostKeyBook, type HostVerifier } from './host-verifier'
import type { PromptQuestion } from './prompt-broker'

/** A well-formed public key blob: the type as an SSH string, then `fill` as the key bytes. */
function keyBlob(type: string, fill: number): Buffer {
  const name = Buffer.from(type)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(name.length)
  return Buffer.concat([length, name, Buffer.alloc(32, fill)])
}

const firstKey = keyBlob('ssh-ed25519', 1)
const otherKey = keyBlob('ssh-ed25519', 2)

/** An in-memory known_hosts for one host: keys equal to a trusted one are known, others changed. */
function fakeBook(trusted: Buffer[] = []) {
  const calls = { check: 0, trust: 0 }
  const book: HostKeyBook = {
    async check(_host, _port, blob) {
      calls.check++
      if (trusted.length === 0) return { status: 'unknown' }
      return trusted.some((key) => key.equals(blob)) ? { status: 'known' } : { status: 'changed', knownTypes: ['ssh-ed25519'], knownKeys: [...trusted] }
    },
    async trust(_host, _port, blob) {
      calls.trust++
      trusted.push(blob)
    },
  }
  return { book, calls, trusted }
}

/** A person who answers every host-key question with `decision`. */
function fakePerson(decision: HostKeyDecision) {
  const questions: PromptQuestion[] = []
  const ask = vi.fn(async (question: PromptQuestion): Promise<PromptAnswer> => {
    questions.push(question)
    return { kind: 'host-key', decision }
  })
  return { ask, questions }
}

/** ssh2's callback style, as a promise of the verdict. */
function verify(verifier: HostVerifier, key: Buffer): Promise<boolean> {
  return new Promise((resolve) => verifier.verify(key, resolve))
}

const where = { host: 'files.example.com', port: 2222, signal: new AbortController().signal }

describe('createHostVerifier', () => {
  afterEach(() => vi.restoreAllMocks())

  it('asks about an unknown key, saves it on trust-save and pins it', async () => {
    const { book, trusted } = fakeBook()
    const person = fakePerson('trust-save')
    const verifier = createHostVerifier({ ...where, book, ask: person.ask })

    expect(await verify(verifier, firstKey)).toBe(true)
    expect(person.questions).toEqual([
      {
        kind: 'host-key',
        host: 'files.example.com',
        port: 2222,
        key: { type: 'ssh-ed25519', fingerprint: hostKeyFingerprint(firstKey) },
        knownAs: 'unknown',
        knownTypes: [],
      },
    ])
    expect(trusted).toEqual([firstKey])
    expect(verifier.pinned()).toMatchObject({ blob: firstKey, isSaved: true })
    expect(verifier.failure()).toBeUndefined()
  })

  it('accepts the pinned key again on a rekey without asking or reading the book', async () => {
    const { book, calls } = fakeBook()
    const person = fakePerson('trust-once')
    const verifier = createHostVerifier({ ...where, book, ask: person.ask })
    await verify(verifier, firstKey)

    expect(await verify(verifier, firstKey)).toBe(true)
    expect(person.ask).toHaveBeenCalledTimes(1)
    expect(calls.check).toBe(1)
  })

  it('refuses a different key in the middle of the session with HOST_KEY_CHANGED', async () => {
    const verifier = createHostVerifier({ ...where, book: fakeBook().book, ask: fakePerson('trust-once').ask })
    await verify(verifier, firstKey)

    expect(await verify(verifier, otherKey)).toBe(false)
    expect(verifier.failure()?.code).toBe('HOST_KEY_CHANGED')
    expect(verifier.failure()?.message).toContain(hostKeyFingerprint(otherKey))
    expect(verifier.pinned()?.blob).toEqual(firstKey)
  })

  it('accepts a saved key without asking, and refuses one that differs from it', async () => {
    const person = fakePerson('trust-save')
    const known = createHostVerifier({ ...where, book: fakeBook([firstKey]).book, ask: person.ask })
    expect(await verify(known, firstKey)).toBe(true)
    expect(known.pinned()?.isSaved).toBe(true)

    const changed = createHostVerifier({ ...where, book: fakeBook([firstKey]).book, ask: person.ask })
    expect(await verify(changed, otherKey)).toBe(false)
    expect(changed.failure()).toMatchObject({ code: 'HOST_KEY_CHANGED' })
    expect(changed.failure()?.message).toContain('files.example.com:2222')
    expect(person.ask).not.toHaveBeenCalled()
  })

  it('refuses a revoked key with HOST_KEY_REVOKED without asking', async () => {
    const book: HostKeyBook = { check: async () => ({ status: 'revoked' }), trust: async () => undefined }
    const person = fakePerson('trust-save')
    const verifier = createHostVerifier({ ...where, book, ask: person.ask })
    expect(await verify(verifier, firstKey)).toBe(false)
    expect(verifier.failure()?.code).toBe('HOST_KEY_REVOKED')
    expect(person.ask).not.toHaveBeenCalled()
  })

  it('accepts the key trusted once earlier in the session without asking', async () => {
    const { book, calls } = fakeBook()
    const person = fakePerson('reject')
    const verifier = createHostVerifier({ ...where, book, ask: person.ask, trustedOnce: Buffer.from(firstKey) })

    expect(await verify(verifier, firstKey)).toBe(true)
    expect(person.ask).not.toHaveBeenCalled()
    expect(calls.trust).toBe(0)
    expect(verifier.pinned()).toMatchObject({ blob: firstKey, isSaved: false })
  })

  it('refuses, without asking, a reconnect whose key differs from the one trusted once', async () => {
    const person = fakePerson('trust-once')
    const verifier = createHostVerifier({ ...where, book: fakeBook().book, ask: person.ask, trustedOnce: otherKey })
    expect(await verify(verifier, firstKey)).toBe(false)
    expect(verifier.failure()).toMatchObject({ code: 'HOST_KEY_CHANGED', message: expect.stringContaining('since you trusted it') })
    expect(person.ask).not.toHaveBeenCalled()
  })

  it('trusts the key for the session when known_hosts cannot be written', async () => {
    const book: HostKeyBook = { check: async () => ({ status: 'unknown' }), trust: async () => Promise.reject(new Error('EACCES')) }
    const verifier = createHostVerifier({ ...where, book, ask: fakePerson('trust-save').ask })
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(await verify(verifier, firstKey)).toBe(true)
    expect(verifier.pinned()).toMatchObject({ isSaved: false })
  })

  it('passes on a known key of another type as a warning', async () => {
    const book: HostKeyBook = { check: async () => ({ status: 'other-type', knownTypes: ['ssh-rsa'] }), trust: async () => undefined }
    const person = fakePerson('trust-once')
    await verify(createHostVerifier({ ...where, book, ask: person.ask }), firstKey)
    expect(person.questions[0]).toMatchObject({ knownAs: 'other-type', knownTypes: ['ssh-rsa'] })
  })

  it('refuses with CANCELLED when the person rejects, and pins nothing', async () => {
    const { book, calls } = fakeBook()
    const verifier = createHostVerifier({ ...where, book, ask: fakePerson('reject').ask })
    expect(await verify(verifier, firstKey)).toBe(false)
    expect(verifier.failure()?.code).toBe('CANCELLED')
    expect(verifier.pinned()).toBeUndefined()
    expect(calls.trust).toBe(0)
  })

  it('refuses with a readable INTERNAL failure when the book throws', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const book: HostKeyBook = {
      check: async () => {
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
      },
      trust: async () => undefined,
    }
    const person = fakePerson('trust-save')
    const verifier = createHostVerifier({ ...where, book, ask: person.ask })

    expect(await verify(verifier, firstKey)).toBe(false)
    expect(verifier.failure()).toMatchObject({ code: 'INTERNAL', message: 'Skiff could not check the host key.' })
    expect(person.ask).not.toHaveBeenCalled()
    expect(logged).toHaveBeenCalledTimes(1)
  })

  it('keeps a SkiffError from the book or the question as the failure', async () => {
    const failing: HostKeyBook = { check: async () => ({ status: 'unknown' }), trust: async () => undefined }
    const ask = async (): Promise<PromptAnswer> => {
      throw new SkiffError('CANCELLED', 'The connection attempt was cancelled.')
    }
    const verifier = createHostVerifier({ ...where, book: failing, ask })
    expect(await verify(verifier, firstKey)).toBe(false)
    expect(verifier.failure()).toMatchObject({ code: 'CANCELLED', message: 'The connection attempt was cancelled.' })
  })

  it('refuses a malformed key blob instead of throwing into ssh2', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const verifier = createHostVerifier({ ...where, book: fakeBook().book, ask: fakePerson('trust-save').ask })
    expect(await verify(verifier, Buffer.from([0, 0, 0]))).toBe(false)
    expect(verifier.failure()?.code).toBe('INTERNAL')
  })
})
