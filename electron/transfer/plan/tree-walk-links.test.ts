import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { MemoryFs, sampleMtimeMs, withoutLinkCalls, within } from './memory-fs.test-kit'
import { maxWalkDepth, walkTree, type WalkFs } from './tree-walk'

const relPaths = (items: readonly { relPath: readonly string[] }[]) => items.map((item) => item.relPath.join('/'))

describe('symlinks in a walk', () => {
  it('copies a link to a file as that file, with the target’s size, time and mode', async () => {
    const fs = new MemoryFs().file('/data/big.iso', 5_000, 0o640, sampleMtimeMs - 60_000).link('/r/current.iso', '../data/big.iso')
    const plan = await walkTree({ fs, roots: ['/r'] })
    expect(plan.files).toEqual([{ sourcePath: '/r/current.iso', relPath: ['r', 'current.iso'], size: 5_000, mtimeMs: sampleMtimeMs - 60_000, mode: 0o100640 }])
    expect(plan.totalBytes).toBe(5_000)
  })

  it('walks into a link to a folder, under the link’s name', async () => {
    const fs = new MemoryFs().file('/data/photos/a.jpg', 7).link('/r/pics', '/data/photos')
    const plan = await walkTree({ fs, roots: ['/r'] })
    expect(relPaths(plan.folders)).toEqual(['r', 'r/pics'])
    expect(plan.files).toMatchObject([{ sourcePath: '/r/pics/a.jpg', relPath: ['r', 'pics', 'a.jpg'] }])
    expect(plan.folders[1]?.mode).toBe(0o040755)
  })

  it('follows a selected link', async () => {
    const fs = new MemoryFs().file('/data/report.pdf', 9).link('/r/report.pdf', '/data/report.pdf')
    const plan = await walkTree({ fs, roots: ['/r/report.pdf'] })
    expect(plan.files).toMatchObject([{ sourcePath: '/r/report.pdf', relPath: ['report.pdf'], size: 9 }])
  })

  it('reports dangling links as not regular files, and plans devices apart', async () => {
    const fs = new MemoryFs().link('/r/gone', '/nowhere').device('/r/tty0').file('/r/ok')
    for (const walkFs of [fs, withoutLinkCalls(fs)]) {
      const plan = await walkTree({ fs: walkFs, roots: ['/r'] })
      expect(relPaths(plan.files)).toEqual(['r/ok'])
      expect(plan.problems.map((problem) => problem.path)).toEqual(['/r/gone'])
      for (const problem of plan.problems) expect(problem.message).toContain('not a regular file')
      expect(plan.specials).toEqual([{ sourcePath: '/r/tty0', relPath: ['r', 'tty0'] }])
    }
  })

  it('without followLink, walks links to folders but reports links to files (their size is unknown)', async () => {
    const fs = new MemoryFs().file('/data/f', 3).file('/data/d/g', 4).link('/r/f', '/data/f').link('/r/d', '/data/d')
    const plan = await walkTree({ fs: withoutLinkCalls(fs), roots: ['/r'] })
    expect(relPaths(plan.files)).toEqual(['r/d/g'])
    expect(plan.folders).toEqual([{ sourcePath: '/r', relPath: ['r'], mode: 0o040755 }, { sourcePath: '/r/d', relPath: ['r', 'd'], mode: 0 }])
    expect(plan.problems).toEqual([{ path: '/r/f', message: expect.stringContaining('size cannot be read') }])
  })
})

describe('symlink loops', () => {
  const loopingTree = () => new MemoryFs().file('/r/a/file.txt', 1).link('/r/a/link', '/r/a').link('/r/a/up', '../a').link('/r/a/self', '.')

  it.each([
    ['with realpath', (fs: MemoryFs): WalkFs => fs],
    ['from link targets alone', (fs: MemoryFs): WalkFs => withoutLinkCalls(fs)],
  ])('ends a loop with a problem, not a hang (%s)', async (_, view) => {
    const fs = loopingTree()
    const plan = await within(2_000, walkTree({ fs: view(fs), roots: ['/r/a'] }))
    expect(relPaths(plan.folders)).toEqual(['a'])
    expect(relPaths(plan.files)).toEqual(['a/file.txt'])
    expect(plan.problems.map((problem) => problem.path)).toEqual(['/r/a/link', '/r/a/self', '/r/a/up'])
    for (const problem of plan.problems) expect(problem.message).toContain('symlink loop')
    expect(fs.listedPaths).toEqual(['/r/a'])
  })

  it('catches a loop through two links one turn later without realpath', async () => {
    const fs = new MemoryFs().folder('/r/a').link('/r/a/to-b', '/r/b').link('/r/b', '/r/a')
    const plan = await within(2_000, walkTree({ fs: withoutLinkCalls(fs), roots: ['/r/a'] }))
    expect(relPaths(plan.folders)).toEqual(['a', 'a/to-b'])
    expect(plan.problems).toEqual([{ path: '/r/a/to-b/to-b', message: expect.stringContaining('symlink loop') }])
  })

  it('copies a link to the folder above the root once, stopping where it comes back round', async () => {
    const fs = new MemoryFs().file('/r/top.txt').file('/r/a/file.txt').link('/r/a/up', '..')
    const plan = await within(2_000, walkTree({ fs, roots: ['/r/a'] }))
    expect(relPaths(plan.files)).toEqual(['a/file.txt', 'a/up/top.txt'])
    expect(plan.problems).toEqual([{ path: '/r/a/up/a', message: expect.stringContaining('symlink loop') }])
  })

  it('stops a server that invents folders forever at the depth limit', async () => {
    const endless: WalkFs = {
      separator: '/',
      lookup: async () => ({ name: 'deep', type: 'directory', size: 0, mtimeMs: 0, mode: 0o040755, permissions: 'rwxr-xr-x' }),
      list: async () => ({ entries: [{ name: 'again', type: 'directory', size: 0, mtimeMs: 0, mode: 0o040755, permissions: 'rwxr-xr-x' } satisfies FsEntry] }),
    }
    const plan = await within(2_000, walkTree({ fs: endless, roots: ['/deep'] }))
    expect(plan.folders).toHaveLength(maxWalkDepth)
    expect(plan.problems).toEqual([{ path: expect.stringMatching(/^\/deep(\/again){64}$/), message: expect.stringContaining('too deep') }])
  })
})

describe('links kept as links (a move)', () => {
  it('plans a link to a folder outside as a link, and never lists what it points to', async () => {
    const fs = new MemoryFs().file('/other/precious.txt', 5).file('/proj/main.c', 3).link('/proj/data', '/other').link('/proj/entry.c', 'main.c')
    const plan = await walkTree({ fs, roots: ['/proj'], links: 'preserve' })
    expect(relPaths(plan.folders)).toEqual(['proj'])
    expect(relPaths(plan.files)).toEqual(['proj/main.c'])
    expect(plan.links).toEqual([
      { sourcePath: '/proj/data', relPath: ['proj', 'data'], target: '/other' },
      { sourcePath: '/proj/entry.c', relPath: ['proj', 'entry.c'], target: 'main.c' },
    ])
    expect(fs.listedPaths).toEqual(['/proj'])
  })

  it('keeps a selected link, and a dangling one, as links', async () => {
    const fs = new MemoryFs().folder('/data').link('/r/current', '/data').link('/r/gone', '/nowhere')
    const plan = await walkTree({ fs, roots: ['/r/current', '/r/gone'], links: 'preserve' })
    expect(plan.links.map((link) => [link.relPath.join('/'), link.target])).toEqual([
      ['current', '/data'],
      ['gone', '/nowhere'],
    ])
    expect(plan.folders).toEqual([])
    expect(plan.problems).toEqual([])
  })

  it('reads a link’s target when the listing did not say, and reports one it cannot read', async () => {
    const fs = new MemoryFs().link('/r/l', '/somewhere')
    const blind: WalkFs = { separator: '/', list: async (path) => ({ entries: (await fs.list(path)).entries.map(({ linkTarget: _, ...entry }) => entry) }), lookup: (path) => fs.lookup(path) }
    const unread = await walkTree({ fs: blind, roots: ['/r'], links: 'preserve' })
    expect(unread.links).toEqual([])
    expect(unread.problems).toEqual([{ path: '/r/l', message: expect.stringContaining('cannot be read') }])
    const read = await walkTree({ fs: { ...blind, readLink: async () => '/somewhere' }, roots: ['/r'], links: 'preserve' })
    expect(read.links).toEqual([{ sourcePath: '/r/l', relPath: ['r', 'l'], target: '/somewhere' }])
  })
})
