import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import type { Emit } from '../../shared/ipc/messages'
import type { ProfileFields } from '../../shared/models/profile'
import { fastTuning, trustingBook } from '../ssh/connect-test-kit'
import { PromptBroker } from '../ssh/prompt-broker'
import { SessionManager } from '../ssh/session-manager'
import { ProfileSecrets } from './profile-secrets'
import { parseJumpSpec, ProfileService } from './profile-service'
import { ProfileStore } from './profile-store'

/** Every byte of every file under `dir`, as one latin1 string to search. */
async function everything(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = names.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n')
}

describe('ProfileService against a real sshd', () => {
  let sshd: SshdHandle
  let dataDir = ''
  let sessions: SessionManager
  const broadcasts: string[] = []

  beforeAll(async () => {
    sshd = await startSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
  })
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skiff-profile-service-'))
    const prompts = new PromptBroker(5_000)
    sessions = new SessionManager({ book: trustingBook, prompts, broadcast: () => undefined, tuning: fastTuning })
  })
  afterEach(async () => {
    sessions.closeAll()
    broadcasts.length = 0
    await rm(dataDir, { recursive: true, force: true })
  })

  const open = async () => {
    const store = new ProfileStore(dataDir)
    await store.load()
    const secrets = new ProfileSecrets(dataDir, null, undefined, 2 ** 10)
    await secrets.load()
    const broadcast: Emit = (channel) => broadcasts.push(channel)
    return new ProfileService(store, secrets, sessions, broadcast)
  }
  const caller = { emit: (() => undefined) as Emit, signal: new AbortController().signal }
  const keyProfile = (): ProfileFields => ({
    name: 'fixture',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    authMethod: 'key',
    privateKeyPath: sshd.encryptedClientKeyPath,
    folder: 'Tests',
    color: 'blue',
  })

  it('remembers a key passphrase sealed, and connects with it after a restart, once unlocked', async () => {
    const service = await open()
    await expect(service.save({ fields: keyProfile(), secret: sshd.clientKeyPassphrase, rememberSecret: true })).rejects.toThrow('Set a master password first')
    expect(service.list()).toEqual([])
    await service.setMasterPassword('correct horse battery')
    const saved = await service.save({ fields: keyProfile(), secret: sshd.clientKeyPassphrase, rememberSecret: true })
    expect(saved.hasSecret).toBe(true)
    expect(broadcasts).toContain('profiles.changed')

    const again = await open()
    expect(again.secretsState()).toEqual({ mode: 'master', isSet: true, isUnlocked: false })
    await expect(again.connect(saved.profileId, caller)).rejects.toThrow('Unlock remembered passwords')
    await expect(again.unlock('wrong horse')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    await again.unlock('correct horse battery')
    const session = await again.connect(saved.profileId, caller)
    expect(session.state).toBe('connected')
    expect(again.list()[0]?.lastUsedMs).toBeGreaterThan(0)

    const disk = await everything(dataDir)
    for (const secret of [sshd.clientKeyPassphrase, 'correct horse battery']) {
      expect(disk).not.toContain(secret)
      expect(disk).not.toContain(Buffer.from(secret).toString('base64'))
    }
  })

  it('refuses a key file it cannot read, saying which', async () => {
    const service = await open()
    await expect(service.save({ fields: { ...keyProfile(), privateKeyPath: '/no/such/key' }, rememberSecret: false })).rejects.toThrow(
      'Private key file /no/such/key cannot be read',
    )
  })

  it('forgets the secret when Remember is unticked, and a deleted profile takes its secret along', async () => {
    const service = await open()
    await service.setMasterPassword('correct horse battery')
    const saved = await service.save({ fields: keyProfile(), secret: sshd.clientKeyPassphrase, rememberSecret: true })
    const kept = await service.save({ profileId: saved.profileId, revision: saved.revision, fields: { ...keyProfile(), port: sshd.port }, rememberSecret: true })
    expect(kept.hasSecret).toBe(true)
    const forgotten = await service.save({ profileId: saved.profileId, revision: kept.revision, fields: keyProfile(), rememberSecret: false })
    expect(forgotten.hasSecret).toBe(false)
    const other = await service.save({ fields: { ...keyProfile(), name: 'other' }, secret: 'x-secret-x', rememberSecret: true })
    await service.remove(other.profileId)
    expect(JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')).secrets).toEqual({})
  })

  it('exports JSON without secrets, and imports it elsewhere with jump hosts relinked and taken names skipped', async () => {
    const service = await open()
    await service.setMasterPassword('correct horse battery')
    const bastion = await service.save({ fields: { ...keyProfile(), name: 'bastion' }, secret: 'bastion-secret-1', rememberSecret: true })
    await service.save({ fields: { ...keyProfile(), name: 'inner', jumpProfileId: bastion.profileId }, rememberSecret: false })
    const text = service.exportJson()
    expect(text).not.toContain('bastion-secret-1')
    expect(text).not.toContain('correct horse battery')

    await rm(dataDir, { recursive: true, force: true })
    const elsewhere = await open()
    await elsewhere.save({ fields: { ...keyProfile(), name: 'inner' }, rememberSecret: false })
    await expect(elsewhere.importJson(text)).resolves.toEqual({ created: 1, skipped: 1 })
    await expect(elsewhere.importJson('{"nope": true}')).rejects.toThrow('not a Skiff profile export')
    const newBastion = elsewhere.list().find((p) => p.name === 'bastion')!
    expect(newBastion.hasSecret).toBe(false)
    // Imported once more under another name: it jumps through the bastion already here.
    await expect(elsewhere.importJson(text.replace('"inner"', '"inner 2"'))).resolves.toEqual({ created: 1, skipped: 1 })
    expect(elsewhere.list().find((p) => p.name === 'inner 2')?.jumpProfileId).toBe(newBastion.profileId)
  })

  it('connects with a password typed now when none is remembered, and says why a login fails', async () => {
    const service = await open()
    const saved = await service.save({ fields: { ...keyProfile(), authMethod: 'password', privateKeyPath: undefined }, rememberSecret: false })
    await expect(service.connect(saved.profileId, caller, 'not-the-password')).rejects.toMatchObject({ code: 'AUTH_FAILED' })
  })
})

describe('parseJumpSpec', () => {
  it('reads [user@]host[:port], IPv6 in brackets, and refuses what is not one', () => {
    expect(parseJumpSpec('bastion')).toEqual({ host: 'bastion' })
    expect(parseJumpSpec('ops@bastion.example.org:2222')).toEqual({ host: 'bastion.example.org', port: 2222, username: 'ops' })
    expect(parseJumpSpec('[::1]:22')).toEqual({ host: '::1', port: 22 })
    expect(parseJumpSpec('ssh://me@host')).toEqual({ host: 'host', username: 'me' })
    for (const bad of ['', 'a b', 'host:70000', 'host:', 'a@b@c']) expect(parseJumpSpec(bad)).toBeNull()
  })
})
