import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SecretVault } from './secret-vault'

const master = 'correct horse battery'
const fast = { scryptCost: 2 ** 10 }

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return undefined
}

describe('SecretVault', () => {
  let dir = ''
  let path = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-vault-'))
    path = join(dir, 'secrets.json')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function vaultWith(secrets: Record<string, string>): Promise<SecretVault> {
    const vault = new SecretVault(path, fast)
    await vault.load()
    await vault.setMasterPassword(master)
    for (const [id, secret] of Object.entries(secrets)) await vault.set(id, secret)
    return vault
  }

  it('keeps a secret across a restart, readable after unlocking', async () => {
    const first = new SecretVault(path, fast)
    expect(await first.load()).toBe(false)
    expect(first.isSet).toBe(false)
    await first.setMasterPassword(master)
    await first.set('web-1:password', 'hunter2-ü')
    expect(first.get('web-1:password')).toBe('hunter2-ü')

    const again = new SecretVault(path, fast)
    expect(await again.load()).toBe(true)
    expect(again.isSet).toBe(true)
    expect(again.isUnlocked).toBe(false)
    expect(again.ids()).toEqual(['web-1:password'])
    await again.unlock(master)
    expect(again.isUnlocked).toBe(true)
    expect(again.get('web-1:password')).toBe('hunter2-ü')
    expect(again.get('web-2:password')).toBeUndefined()
  })

  it('refuses a wrong master password with BAD_PASSPHRASE and stays locked', async () => {
    await vaultWith({ 'web-1:password': 'hunter2' })
    const again = new SecretVault(path, fast)
    await again.load()
    await expect(again.unlock('not the password')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE', message: 'Wrong master password.' })
    expect(again.isUnlocked).toBe(false)
    expect(thrown(() => again.get('web-1:password'))).toMatchObject({ code: 'INVALID_REQUEST' })
  })

  it('refuses get and set while locked, but lists and deletes', async () => {
    const vault = await vaultWith({ 'web-1:password': 'hunter2', 'db:passphrase': 'open sesame' })
    vault.lock()
    expect(vault.isUnlocked).toBe(false)
    const error = thrown(() => vault.get('web-1:password'))
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('locked') })
    await expect(vault.set('web-1:password', 'other')).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await vault.delete('web-1:password')
    expect(vault.ids()).toEqual(['db:passphrase'])

    const again = new SecretVault(path, fast)
    await again.load()
    expect(again.ids()).toEqual(['db:passphrase'])
    await again.unlock(master)
    expect(again.get('db:passphrase')).toBe('open sesame')
  })

  it('writes neither the secret nor the master password in any plain encoding', async () => {
    const secret = 'hunter2-very-secret'
    await vaultWith({ 'web-1:password': secret })
    const text = await readFile(path, 'utf8')
    for (const value of [secret, master]) {
      const bytes = Buffer.from(value, 'utf8')
      for (const encoded of [value, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
        expect(text.toLowerCase()).not.toContain(encoded.toLowerCase())
      }
    }
    expect(JSON.parse(text)).toMatchObject({ version: 1, kdf: { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 } })
  })

  it('refuses a sealed value moved to another id instead of returning the wrong secret', async () => {
    await vaultWith({ 'web-1:password': 'first secret', 'web-2:password': 'second secret' })
    const file = JSON.parse(await readFile(path, 'utf8'))
    const { 'web-1:password': first, 'web-2:password': second } = file.secrets
    file.secrets = { 'web-1:password': second, 'web-2:password': first }
    await writeFile(path, JSON.stringify(file))

    const again = new SecretVault(path, fast)
    await again.load()
    await again.unlock(master)
    const error = thrown(() => again.get('web-1:password'))
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('may have been altered') })
    expect(thrown(() => again.get('web-2:password'))).toMatchObject({ code: 'INTERNAL' })
  })

  it('resets a forgotten master password, dropping every secret, and accepts a new one', async () => {
    await vaultWith({ 'web-1:password': 'hunter2' })
    const forgot = new SecretVault(path, fast)
    await forgot.load()
    await expect(forgot.setMasterPassword('another password')).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await forgot.reset()
    expect(forgot.isSet).toBe(false)
    expect(forgot.ids()).toEqual([])
    expect(await readdir(dir)).toEqual([])

    await forgot.setMasterPassword('another password')
    expect(forgot.get('web-1:password')).toBeUndefined()
    const again = new SecretVault(path, fast)
    expect(await again.load()).toBe(true)
    await expect(again.unlock(master)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    await again.unlock('another password')
    expect(again.ids()).toEqual([])
  })

  it('refuses a master password shorter than 8 characters', async () => {
    const vault = new SecretVault(path, fast)
    await vault.load()
    await expect(vault.setMasterPassword('short')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'The master password must be at least 8 characters long.',
    })
    expect(vault.isSet).toBe(false)
  })

  it('keeps a corrupt file aside, reports it and starts empty', async () => {
    await writeFile(path, '{ not json')
    const problems: string[] = []
    const vault = new SecretVault(path, { ...fast, onProblem: (message) => problems.push(message) })
    expect(await vault.load()).toBe(false)
    expect(vault.isSet).toBe(false)
    const files = await readdir(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^secrets\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/)
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe('{ not json')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('kept as')
    await vault.setMasterPassword(master)
    expect(vault.isUnlocked).toBe(true)
  })

  it('treats a file of the wrong shape as corrupt', async () => {
    await writeFile(path, JSON.stringify({ version: 1, secrets: {} }))
    const problems: string[] = []
    const vault = new SecretVault(path, { ...fast, onProblem: (message) => problems.push(message) })
    expect(await vault.load()).toBe(false)
    expect(problems).toHaveLength(1)
  })

  it('derives the key at the default cost', async () => {
    const vault = new SecretVault(path)
    await vault.load()
    await vault.setMasterPassword(master)
    await vault.set('web-1:password', 'hunter2')
    expect(JSON.parse(await readFile(path, 'utf8')).kdf.N).toBe(2 ** 15)

    const again = new SecretVault(path)
    await again.load()
    await again.unlock(master)
    expect(again.get('web-1:password')).toBe('hunter2')
  })
})
