import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { z } from 'zod'
import { SkiffError } from '../../shared/models/errors'
import { keepAside, writeFileAtomic } from '../settings/atomic-file'

/** Turns a secret into sealed bytes and back; Electron's safeStorage implements it elsewhere. */
export interface SecretSealer {
  seal(plain: string): Buffer
  open(sealed: Buffer): string
}

const version = 1
const defaultScryptCost = 2 ** 15
const minPasswordLength = 8
const keyLength = 32
const ivLength = 12
const tagLength = 16
// Labels bound into each seal as GCM additional data, so no sealed value can be moved to
// another id, nor a secret passed off as the check value.
const checkLabel = 'check'
const secretLabel = (id: string): string => `secret:${id}`

// Bounded so that neither a damaged file nor a bad option can ask scrypt for gigabytes.
function isUsableCost(N: number, r: number): boolean {
  return Number.isInteger(N) && N >= 2 ** 10 && (N & (N - 1)) === 0 && 128 * N * r <= 2 ** 28
}

const base64Bytes = (length: number) => z.base64().refine((text) => Buffer.from(text, 'base64').length === length)
const sealedSchema = z.object({ iv: base64Bytes(ivLength), tag: base64Bytes(tagLength), data: z.base64() })
const kdfSchema = z
  .object({
    name: z.literal('scrypt'),
    salt: base64Bytes(16),
    N: z.number().int(),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  })
  .refine((kdf) => isUsableCost(kdf.N, kdf.r))
const stored = z.object({
  version: z.literal(version),
  kdf: kdfSchema,
  check: sealedSchema,
  secrets: z.record(z.string(), sealedSchema),
})

type Sealed = z.infer<typeof sealedSchema>
type Kdf = z.infer<typeof kdfSchema>

function deriveKey(password: string, kdf: Kdf): Promise<Buffer> {
  // Node refuses above `maxmem` (32 MiB by default), which N = 2^15, r = 8 just exceeds.
  const options = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r }
  // NFC, so the same password typed on another system derives the same key.
  const secret = password.normalize('NFC')
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(kdf.salt, 'base64'), keyLength, options, (error, key) =>
      error ? reject(new SkiffError('INTERNAL', 'The master password could not be processed.', { cause: error })) : resolve(key),
    )
  })
}

function seal(key: Buffer, plain: Buffer, label: string): Sealed {
  const iv = randomBytes(ivLength)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength })
  cipher.setAAD(Buffer.from(label, 'utf8'))
  const data = Buffer.concat([cipher.update(plain), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
}

/** The plain bytes, or undefined when the key is wrong or the value or its label was altered. */
function unseal(key: Buffer, sealed: Sealed, label: string): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: tagLength })
    decipher.setAAD(Buffer.from(label, 'utf8'))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
  } catch {
    return undefined
  }
}

function parse(text: string): z.infer<typeof stored> | undefined {
  try {
    const parsed = stored.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * Secrets by id (e.g. `${profileId}:password`), sealed at rest in one file under a key
 * derived from a master password: the fallback where Electron's safeStorage is missing.
 * The key lives only in memory, from `unlock` (or `setMasterPassword`) to `lock`.
 * A file that cannot be read is kept aside as `<file>.corrupt-<time>` and reported; the
 * vault then starts empty, never silently.
 */
export class SecretVault {
  private readonly scryptCost: number
  private readonly onProblem: (message: string) => void
  private header: { readonly kdf: Kdf; readonly check: Sealed } | undefined
  private secrets = new Map<string, Sealed>()
  private key: Buffer | undefined
  private isLoaded = false
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly path: string,
    options: { scryptCost?: number; onProblem?: (message: string) => void } = {},
  ) {
    this.scryptCost = options.scryptCost ?? defaultScryptCost
    // Checked now: a vault written with a cost its own loader rejects would lose every secret.
    if (!isUsableCost(this.scryptCost, 8)) {
      throw new SkiffError('INVALID_REQUEST', 'The scrypt cost must be a power of two from 2^10 to 2^18.')
    }
    this.onProblem = options.onProblem ?? ((message) => console.error(message))
  }

  /** Reads the file; true when a master password was set earlier. The vault starts locked. */
  async load(): Promise<boolean> {
    this.lock()
    this.header = undefined
    this.secrets = new Map()
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.isLoaded = true
      return false
    }
    this.isLoaded = true
    const parsed = parse(text)
    if (!parsed) {
      const aside = await keepAside(this.path)
      this.onProblem(`Skiff could not read its saved passwords; the file was kept as ${aside} and the vault starts empty.`)
      return false
    }
    this.header = { kdf: parsed.kdf, check: parsed.check }
    this.secrets = new Map(Object.entries(parsed.secrets))
    return true
  }

  get isSet(): boolean {
    return this.header !== undefined
  }

  get isUnlocked(): boolean {
    return this.key !== undefined
  }

  /** First use: sets the master password and leaves the vault unlocked. Refused once one is set. */
  async setMasterPassword(password: string): Promise<void> {
    this.requireLoaded()
    const alreadySet = () => new SkiffError('INVALID_REQUEST', 'A master password is already set; unlock the vault or reset it.')
    if (this.header) throw alreadySet()
    if ([...password].length < minPasswordLength) {
      throw new SkiffError('INVALID_REQUEST', `The master password must be at least ${minPasswordLength} characters long.`)
    }
    const kdf: Kdf = { name: 'scrypt', salt: randomBytes(16).toString('base64'), N: this.scryptCost, r: 8, p: 1 }
    const key = await deriveKey(password, kdf)
    if (this.header) {
      // Another call set one while this key was being derived.
      key.fill(0)
      throw alreadySet()
    }
    // A random token, so the check value tells nothing about any secret; GCM's tag is the test.
    this.header = { kdf, check: seal(key, randomBytes(32), checkLabel) }
    this.key = key
    await this.persist()
  }

  /** Later runs: unlocks. A wrong password throws BAD_PASSPHRASE and changes nothing. */
  async unlock(password: string): Promise<void> {
    this.requireLoaded()
    const header = this.header
    if (!header) throw new SkiffError('INVALID_REQUEST', 'No master password has been set.')
    const key = await deriveKey(password, header.kdf)
    if (this.header !== header) {
      key.fill(0)
      throw new SkiffError('INVALID_REQUEST', 'The vault was reset while it was being unlocked.')
    }
    if (!unseal(key, header.check, checkLabel)) {
      key.fill(0)
      throw new SkiffError('BAD_PASSPHRASE', 'Wrong master password.')
    }
    this.lock()
    this.key = key
  }

  /** Forgets the key; secrets stay sealed on disk. */
  lock(): void {
    this.key?.fill(0)
    this.key = undefined
  }

  /** The secret saved under `id`, or undefined. Throws INTERNAL when the saved value was altered. */
  get(id: string): string | undefined {
    const key = this.requireKey()
    const sealed = this.secrets.get(id)
    if (!sealed) return undefined
    const plain = unseal(key, sealed, secretLabel(id))
    if (!plain) {
      throw new SkiffError('INTERNAL', `The saved secret for ${id} could not be opened; the vault file may have been altered.`)
    }
    return plain.toString('utf8')
  }

  /** Saves (or replaces) the secret under `id` and writes the file. */
  async set(id: string, secret: string): Promise<void> {
    const key = this.requireKey()
    this.secrets.set(id, seal(key, Buffer.from(secret, 'utf8'), secretLabel(id)))
    await this.persist()
  }

  /** Drops the secret under `id`; needs no key, so it works while locked. */
  async delete(id: string): Promise<void> {
    this.requireLoaded()
    if (!this.secrets.delete(id)) return
    await this.persist()
  }

  /** The ids that have a saved secret; works while locked. */
  ids(): string[] {
    return [...this.secrets.keys()]
  }

  /** Forgot the master password: drops every secret, unsets the password and removes the file. */
  async reset(): Promise<void> {
    this.lock()
    this.header = undefined
    this.secrets = new Map()
    this.isLoaded = true
    await this.persist()
  }

  // Writes run one after another, each with the state as it was when it was asked for.
  private persist(): Promise<void> {
    const header = this.header
    const text = header
      ? `${JSON.stringify({ version, kdf: header.kdf, check: header.check, secrets: Object.fromEntries(this.secrets) }, null, 2)}\n`
      : undefined
    const write = this.writing.then(() => (text === undefined ? rm(this.path, { force: true }) : writeFileAtomic(this.path, text)))
    this.writing = write.catch(() => undefined)
    return write
  }

  private requireLoaded(): void {
    if (!this.isLoaded) throw new SkiffError('INVALID_REQUEST', 'The secret vault has not been loaded yet.')
  }

  private requireKey(): Buffer {
    this.requireLoaded()
    if (!this.header) throw new SkiffError('INVALID_REQUEST', 'No master password has been set.')
    if (!this.key) throw new SkiffError('INVALID_REQUEST', 'The secret vault is locked; enter the master password first.')
    return this.key
  }
}
