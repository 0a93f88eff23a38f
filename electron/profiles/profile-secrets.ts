import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { SkiffError } from '../../shared/models/errors'
import type { SecretsState } from '../../shared/models/profile'
import { keepAside, writeFileAtomic } from '../settings/atomic-file'
import { SecretVault } from './secret-vault'

/** The OS keyring's encryption (Electron safeStorage), where the OS offers it. */
export interface OsSealer {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

const osFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) })

/**
 * Remembered passwords and passphrases, never in clear text: sealed by the OS keyring where
 * there is one (`secrets-os.json`), else by a master password the person sets, asked once per
 * run (`secrets.json`, see SecretVault). Forgetting the master password loses the secrets only.
 */
export class ProfileSecrets {
  private readonly vault: SecretVault
  private osSecrets = new Map<string, string>()
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly os: OsSealer | null,
    private readonly onProblem: (message: string) => void = (message) => console.error(message),
    scryptCost?: number,
  ) {
    this.vault = new SecretVault(join(dataDir, 'secrets.json'), { onProblem, ...(scryptCost ? { scryptCost } : {}) })
  }

  async load(): Promise<void> {
    if (!this.os) {
      await this.vault.load()
      return
    }
    const path = join(this.dataDir, 'secrets-os.json')
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return
    }
    const parsed = osFile.safeParse((() => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        return undefined
      }
    })())
    if (parsed.success) {
      this.osSecrets = new Map(Object.entries(parsed.data.secrets))
      return
    }
    const aside = await keepAside(path)
    this.onProblem(`Skiff could not read its remembered passwords; the file was kept as ${aside}. Profiles are unchanged.`)
  }

  state(): SecretsState {
    if (this.os) return { mode: 'os', isSet: true, isUnlocked: true }
    return { mode: 'master', isSet: this.vault.isSet, isUnlocked: this.vault.isUnlocked }
  }

  async setMasterPassword(password: string): Promise<void> {
    this.requireMasterMode()
    await this.vault.setMasterPassword(password)
  }

  async unlock(password: string): Promise<void> {
    this.requireMasterMode()
    await this.vault.unlock(password)
  }

  /** Forgot the master password: every remembered secret goes; the profiles stay. */
  async reset(): Promise<void> {
    this.requireMasterMode()
    await this.vault.reset()
  }

  has(id: string): boolean {
    return this.os ? this.osSecrets.has(id) : this.vault.ids().includes(id)
  }

  /** The secret, or undefined when none is remembered; refused while the vault is locked. */
  get(id: string): string | undefined {
    if (!this.os) return this.vault.get(id)
    const sealed = this.osSecrets.get(id)
    if (sealed === undefined) return undefined
    try {
      return this.os.decrypt(Buffer.from(sealed, 'base64'))
    } catch {
      throw new SkiffError('INTERNAL', 'A remembered password could not be opened with this account’s keyring; type it again.')
    }
  }

  async set(id: string, secret: string): Promise<void> {
    if (!this.os) return this.vault.set(id, secret)
    this.osSecrets.set(id, this.os.encrypt(secret).toString('base64'))
    await this.writeOs()
  }

  async delete(id: string): Promise<void> {
    if (!this.os) return this.vault.delete(id)
    if (this.osSecrets.delete(id)) await this.writeOs()
  }

  private requireMasterMode(): void {
    if (this.os) throw new SkiffError('INVALID_REQUEST', 'Secrets are sealed by the system keyring here; there is no master password.')
  }

  private async writeOs(): Promise<void> {
    const text = `${JSON.stringify({ version: 1, secrets: Object.fromEntries(this.osSecrets) }, null, 2)}\n`
    const write = this.writing.then(() => writeFileAtomic(join(this.dataDir, 'secrets-os.json'), text))
    this.writing = write.catch(() => undefined)
    await write
  }
}
