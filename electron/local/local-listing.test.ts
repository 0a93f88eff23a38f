import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InThreadWhileFast } from './in-thread'
import { listedEntries } from './local-listing'

describe('listedEntries', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-listing-'))
    await Promise.all(Array.from({ length: 300 }, (_, i) => writeFile(join(dir, `file${i}.txt`), 'x'.repeat(i))))
    await mkdir(join(dir, 'sub'))
    await symlink('sub', join(dir, 'to-sub'))
    await symlink('nowhere', join(dir, 'dangling'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads the same entries in the thread as through the pool, links with their details', async () => {
    const dirents = await readdir(dir, { withFileTypes: true })
    const inThread = await listedEntries(dir, dirents, undefined, new InThreadWhileFast())
    // No answer counts as fast: everything after the first three lstats goes through the pool.
    const pooled = await listedEntries(dir, dirents, undefined, new InThreadWhileFast(0))
    expect(pooled).toEqual(inThread)
    const byName = new Map(inThread.map((entry) => [entry!.name, entry!]))
    expect(byName.size).toBe(303)
    expect(byName.get('file299.txt')).toMatchObject({ type: 'file', size: 299 })
    expect(byName.get('sub')).toMatchObject({ type: 'directory' })
    expect(byName.get('to-sub')).toMatchObject({ type: 'symlink', linkTarget: 'sub', linkTargetType: 'directory' })
    expect(byName.get('dangling')).toMatchObject({ type: 'symlink', linkTarget: 'nowhere' })
    expect(byName.get('dangling')!.linkTargetType).toBeUndefined()
  })

  it('leaves out an entry that vanished between readdir and lstat, on either path', async () => {
    await writeFile(join(dir, 'brief'), '')
    const dirents = await readdir(dir, { withFileTypes: true })
    await rm(join(dir, 'brief'))
    for (const slowMs of [2, 0]) {
      const entries = await listedEntries(dir, dirents, undefined, new InThreadWhileFast(slowMs))
      expect(entries.filter((entry) => entry === undefined)).toHaveLength(1)
      expect(entries.some((entry) => entry?.name === 'brief')).toBe(false)
    }
  })

  it('stops with CANCELLED once the signal has aborted', async () => {
    const dirents = await readdir(dir, { withFileTypes: true })
    await expect(listedEntries(dir, dirents, AbortSignal.abort(), new InThreadWhileFast())).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
