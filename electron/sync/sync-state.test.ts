import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SyncStateStore } from './sync-state'

let folder = ''
const pair = { localFolder: '/home/me/site', server: 'me@example.org:22', remoteFolder: '/srv/www' }

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'skiff-sync-state-'))
})

afterEach(() => rm(folder, { recursive: true, force: true }))

describe('SyncStateStore', () => {
  it('keeps one file per folder pair, and reads back what it saved', async () => {
    const store = new SyncStateStore(folder)
    await expect(store.load(pair)).resolves.toEqual({ state: null })
    const entry = { type: 'file', local: { size: 3, mtimeMs: 1000 }, remote: { size: 3, mtimeMs: 1000 } } as const
    await store.save(pair, new Map([['a.txt', entry]]))
    await store.save({ ...pair, server: 'me@example.org:2222' }, new Map())
    expect(await readdir(folder)).toHaveLength(2)
    await expect(store.load(pair)).resolves.toEqual({ state: new Map([['a.txt', entry]]) })
  })

  it('keeps a file it cannot read aside and reports it, and the pair reads as never synchronized', async () => {
    const store = new SyncStateStore(folder)
    await writeFile(store.pathOf(pair), '{"version": 1, "entries": ')
    const loaded = await store.load(pair)
    expect(loaded.state).toBeNull()
    expect(loaded.unreadable).toMatch(/\.corrupt-/)
    await expect(readFile(loaded.unreadable!, 'utf8')).resolves.toBe('{"version": 1, "entries": ')
    await expect(store.load(pair)).resolves.toEqual({ state: null })
  })
})
