import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FsEntry } from '../../shared/models/fs'
import { createLocalFs } from './local-fs'

const isRoot = process.getuid?.() === 0
const oddName = 'line\nbreak ünïcødé 🚀.txt'

describe('local file system', () => {
  const fs = createLocalFs()
  let dir = ''

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'skiff-local-')))
    await writeFile(join(dir, 'notes.txt'), 'hello')
    await chmod(join(dir, 'notes.txt'), 0o640)
    await mkdir(join(dir, 'photos'))
    await symlink('photos', join(dir, 'to-photos'))
    await symlink('missing', join(dir, 'dangling'))
    await symlink('loop-b', join(dir, 'loop-a'))
    await symlink('loop-a', join(dir, 'loop-b'))
    await writeFile(join(dir, oddName), '')
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const entryNamed = (entries: readonly FsEntry[], name: string) => entries.find((entry) => entry.name === name)

  it('lists every entry with its type, size, permissions and owner', async () => {
    const listing = await fs.list(dir)
    expect(listing.path).toBe(dir)
    expect(listing.parentPath).toBe(dirname(dir))
    expect(listing.separator).toBe(sep)
    expect(listing.entries.map((entry) => entry.name).sort()).toEqual(
      ['dangling', 'loop-a', 'loop-b', 'notes.txt', 'photos', 'to-photos', oddName].sort(),
    )
    expect(entryNamed(listing.entries, 'notes.txt')).toMatchObject({
      type: 'file',
      size: 5,
      permissions: 'rw-r-----',
      owner: String(process.getuid?.()),
      group: String(process.getgid?.()),
    })
    expect(entryNamed(listing.entries, 'photos')?.type).toBe('directory')
  })

  it('reports a symlink to a folder as a symlink that resolves to a directory', async () => {
    const listing = await fs.list(dir)
    expect(entryNamed(listing.entries, 'to-photos')).toMatchObject({
      type: 'symlink',
      linkTarget: 'photos',
      linkTargetType: 'directory',
    })
  })

  it('leaves the target type absent for dangling and looping links', async () => {
    const { entries } = await fs.list(dir)
    for (const name of ['dangling', 'loop-a']) {
      const entry = entryNamed(entries, name)
      expect(entry?.type).toBe('symlink')
      expect(entry?.linkTarget).toBeDefined()
      expect(entry?.linkTargetType).toBeUndefined()
    }
  })

  it('keeps a name with a newline and unicode intact', async () => {
    const { entries } = await fs.list(dir)
    expect(entryNamed(entries, oddName)?.type).toBe('file')
  })

  it('lists through a symlinked folder under its canonical path', async () => {
    const listing = await fs.list(join(dir, 'to-photos'))
    expect(listing.path).toBe(join(dir, 'photos'))
    expect(listing.entries).toEqual([])
  })

  it('has no parent at the root', async () => {
    const listing = await fs.list(sep)
    expect(listing.parentPath).toBeNull()
  })

  it('stats a symlink without following it', async () => {
    const entry = await fs.stat(join(dir, 'to-photos'))
    expect(entry).toMatchObject({ name: 'to-photos', type: 'symlink', linkTargetType: 'directory' })
  })

  it('resolves real paths and the home folder', async () => {
    expect(await fs.realpath(join(dir, 'to-photos'))).toBe(join(dir, 'photos'))
    expect(await fs.home()).toBe(homedir())
  })

  it('rejects a missing folder with NOT_FOUND, naming the path', async () => {
    const missing = join(dir, 'nope')
    const failure = fs.list(missing)
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(failure).rejects.toThrow(missing)
    await expect(fs.stat(missing)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('rejects an unreadable folder with PERMISSION_DENIED (non-root only: root reads everything)', async (context) => {
    context.skip(isRoot, 'running as root, which bypasses permission checks')
    const locked = join(dir, 'locked')
    await mkdir(locked, { mode: 0o000 })
    try {
      await expect(fs.list(locked)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    } finally {
      await chmod(locked, 0o700)
    }
  })

  it('rejects with CANCELLED when the signal has aborted', async () => {
    await expect(fs.list(dir, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(fs.stat(dir, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
