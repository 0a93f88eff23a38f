import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/models/settings'
import { SettingsStore } from './settings-store'

describe('SettingsStore', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-settings-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('starts from the defaults and keeps a change across a restart', async () => {
    const store = new SettingsStore(dir)
    expect(await store.load()).toEqual(defaultSettings)
    await store.update({ transfer: { verifyChecksums: true } })
    const again = new SettingsStore(dir)
    expect((await again.load()).transfer).toEqual({ preservePermissions: true, verifyChecksums: true, confirmMove: true, copyLinksAsLinks: false })
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ version: 1 })
  })

  it('reads a file written before terminal settings existed, and keeps terminal changes', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { transfer: { verifyChecksums: true } } }))
    const store = new SettingsStore(dir)
    const loaded = await store.load()
    expect(loaded.transfer.verifyChecksums).toBe(true)
    expect(loaded.terminal).toEqual(defaultSettings.terminal)
    await store.update({ terminal: { scrollback: 500, copyOnSelect: true } })
    const again = new SettingsStore(dir)
    expect((await again.load()).terminal).toEqual({ ...defaultSettings.terminal, scrollback: 500, copyOnSelect: true })
  })

  it('keeps bookmarks across a restart: the local pane’s, and per server, an emptied server forgotten', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { transfer: { verifyChecksums: true } } }))
    const store = new SettingsStore(dir)
    expect((await store.load()).bookmarks).toEqual({ local: [], remote: {} })
    await store.update({ bookmarks: { local: ['/home/me/projects'] } })
    await store.update({ bookmarks: { remote: { 'deploy@web:22': ['/srv'], 'me@db:2222': ['/var/lib'] } } })
    await store.update({ bookmarks: { remote: { 'me@db:2222': [] } } })
    const again = new SettingsStore(dir)
    const loaded = await again.load()
    expect(loaded.bookmarks).toEqual({ local: ['/home/me/projects'], remote: { 'deploy@web:22': ['/srv'] } })
    expect(loaded.transfer.verifyChecksums).toBe(true)
  })

  it('keeps a corrupt file aside, reports it and uses the defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{ not json')
    const problems: string[] = []
    const store = new SettingsStore(dir, (message) => problems.push(message))
    expect(await store.load()).toEqual(defaultSettings)
    const files = await readdir(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^settings\.json\.corrupt-/)
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe('{ not json')
    expect(problems[0]).toContain('kept as')
  })

  it('writes changes one after another, the last one winning', async () => {
    const store = new SettingsStore(dir)
    await store.load()
    await Promise.all([store.update({ transfer: { verifyChecksums: true } }), store.update({ transfer: { preservePermissions: false } })])
    const again = new SettingsStore(dir)
    expect((await again.load()).transfer).toEqual({ preservePermissions: false, verifyChecksums: true, confirmMove: true, copyLinksAsLinks: false })
  })
})
