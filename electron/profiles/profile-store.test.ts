import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProfileId } from '../../shared/models/ids'
import type { ProfileFields } from '../../shared/models/profile'
import { migrate, ProfileStore, profilesVersion } from './profile-store'

const fields = (overrides: Partial<ProfileFields> = {}): ProfileFields => ({
  name: 'web',
  host: 'web.example.org',
  port: 22,
  username: 'deploy',
  authMethod: 'password',
  folder: '',
  color: 'none',
  ...overrides,
})

describe('ProfileStore', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-profiles-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps profiles across a restart, in a versioned file', async () => {
    const store = new ProfileStore(dir)
    await store.load()
    const web = await store.save(fields({ folder: 'Work', color: 'green' }))
    await store.save(fields({ name: 'db', host: 'db.example.org', port: 2222 }))
    const again = new ProfileStore(dir)
    await again.load()
    expect(again.list().map((p) => p.name).sort()).toEqual(['db', 'web'])
    expect(again.get(web.profileId)).toMatchObject({ folder: 'Work', color: 'green', revision: 1 })
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))).toMatchObject({ version: profilesVersion })
  })

  it('refuses a change based on an older revision instead of losing the other edit', async () => {
    const store = new ProfileStore(dir)
    const web = await store.save(fields())
    await store.save(fields({ port: 2200 }), web.profileId, 1)
    await expect(store.save(fields({ username: 'other' }), web.profileId, 1)).rejects.toMatchObject({ code: 'EXISTS' })
    expect(store.get(web.profileId)).toMatchObject({ port: 2200, username: 'deploy', revision: 2 })
  })

  it('keeps bookmarks across a restart and an edit in the dialog, and reads a file from before them', async () => {
    const old = { profileId: 'p1', revision: 3, name: 'old', host: 'old.example.org', port: 22, username: 'u', authMethod: 'agent', folder: '', color: 'none' }
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ version: profilesVersion, profiles: [old] }))
    const store = new ProfileStore(dir)
    await store.load()
    const loaded = store.get('p1' as ProfileId)
    expect(loaded.bookmarks).toBeUndefined()
    await store.setBookmarks(loaded.profileId, ['/srv/www', '/var/log'])
    // What the dialog saves has no bookmarks in it; they stay, and the revision the dialog holds is still good.
    await store.save(fields({ name: 'renamed', authMethod: 'agent' }), loaded.profileId, 3)
    const again = new ProfileStore(dir)
    await again.load()
    expect(again.get(loaded.profileId)).toMatchObject({ name: 'renamed', bookmarks: ['/srv/www', '/var/log'], revision: 4 })
    expect((await again.duplicate(loaded.profileId)).bookmarks).toEqual(['/srv/www', '/var/log'])
    await again.setBookmarks(loaded.profileId, [])
    expect(again.get(loaded.profileId).bookmarks).toBeUndefined()
  })

  it('explains what is wrong with a profile', async () => {
    const store = new ProfileStore(dir)
    await expect(store.save(fields({ host: ' ', port: 70000, name: '' }))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'Name is required. Host is required. Port must be a whole number from 1 to 65535.',
    })
    await expect(store.save(fields({ authMethod: 'key' }))).rejects.toThrow('Private key file is required')
  })

  it('duplicates, moves between folders, lists recent first, and deletes', async () => {
    const store = new ProfileStore(dir)
    const web = await store.save(fields())
    const copy = await store.duplicate(web.profileId)
    expect(copy.name).toBe('web (copy)')
    expect((await store.duplicate(web.profileId)).name).toBe('web (copy 2)')
    await store.move(copy.profileId, 'Staging')
    expect(store.get(copy.profileId).folder).toBe('Staging')
    await store.touch(copy.profileId)
    expect(store.list()[0]?.profileId).toBe(copy.profileId)
    await store.remove(copy.profileId)
    expect(() => store.get(copy.profileId)).toThrow('no longer exists')
  })

  it('a deleted jump host leaves the profiles that used it connecting directly', async () => {
    const store = new ProfileStore(dir)
    const bastion = await store.save(fields({ name: 'bastion' }))
    const inner = await store.save(fields({ name: 'inner', jumpProfileId: bastion.profileId }))
    await expect(store.save(fields({ name: 'inner', jumpProfileId: inner.profileId }), inner.profileId, 1)).rejects.toThrow('its own jump host')
    await store.remove(bastion.profileId)
    expect(store.get(inner.profileId).jumpProfileId).toBeUndefined()
  })

  it('keeps a corrupt file aside, reports it and starts empty', async () => {
    await writeFile(join(dir, 'profiles.json'), '{ "version": 1, "profiles": [ { "name": 3 } ] }')
    const problems: string[] = []
    const store = new ProfileStore(dir, (message) => problems.push(message))
    await store.load()
    expect(store.list()).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/could not read its host profiles .* kept as .*profiles\.json\.corrupt-/)
    expect((await readdir(dir)).some((name) => name.startsWith('profiles.json.corrupt-'))).toBe(true)
  })

  it('keeps aside a file from a newer Skiff rather than overwrite it', async () => {
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ version: profilesVersion + 1, profiles: [] }))
    const problems: string[] = []
    await new ProfileStore(dir, (message) => problems.push(message)).load()
    expect(problems[0]).toContain('written by a newer Skiff')
  })
})

describe('migrate', () => {
  it('passes the current version through and refuses what it cannot read', () => {
    const current = { version: profilesVersion, profiles: [] }
    expect(migrate(current)).toEqual(current)
    expect(() => migrate({ profiles: [] })).toThrow('no version')
    expect(() => migrate({ version: 0, profiles: [] })).toThrow('not one Skiff knows')
  })
})
