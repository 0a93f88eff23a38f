import { describe, expect, it } from 'vitest'
import { SkiffError } from '../../../shared/models/errors'
import { MemoryFs, sampleMtimeMs, within } from './memory-fs.test-kit'
import { walkTree, type TreePlan, type WalkFs } from './tree-walk'

const rel = (plan: TreePlan) => ({
  folders: plan.folders.map((folder) => folder.relPath.join('/')),
  files: plan.files.map((file) => file.relPath.join('/')),
})

function expectCreateAhead(plan: TreePlan): void {
  const created = new Set<string>()
  for (const folder of plan.folders) {
    if (folder.relPath.length > 1) expect(created, folder.relPath.join('/')).toContain(folder.relPath.slice(0, -1).join('/'))
    created.add(folder.relPath.join('/'))
  }
  for (const file of plan.files) {
    if (file.relPath.length > 1) expect(created, file.relPath.join('/')).toContain(file.relPath.slice(0, -1).join('/'))
  }
}

describe('walking a selection', () => {
  it('plans folders and files of a selection, named from the root’s parent', async () => {
    const fs = new MemoryFs().file('/home/me/notes.txt', 12, 0o600).folder('/home/me/photos', 0o750).file('/home/me/photos/a.jpg', 100).file('/home/me/photos/2024/b.jpg', 200)
    const plan = await walkTree({ fs, roots: ['/home/me/notes.txt', '/home/me/photos'] })
    expect(rel(plan)).toEqual({ folders: ['photos', 'photos/2024'], files: ['notes.txt', 'photos/2024/b.jpg', 'photos/a.jpg'] })
    expect(plan.files[0]).toEqual({ sourcePath: '/home/me/notes.txt', relPath: ['notes.txt'], size: 12, mtimeMs: sampleMtimeMs, mode: 0o100600 })
    expect(plan.files[1]?.sourcePath).toBe('/home/me/photos/2024/b.jpg')
    expect(plan.folders[0]?.mode).toBe(0o040750)
    expect(plan.totalBytes).toBe(312)
    expect(plan.problems).toEqual([])
  })

  it('keeps empty folders and odd but legal names (spaces, unicode, newline)', async () => {
    const fs = new MemoryFs().folder('/r/empty').file('/r/résumé final.pdf').file('/r/line\nbreak').file('/r/Icon\r')
    const plan = await walkTree({ fs, roots: ['/r'] })
    expect(rel(plan)).toEqual({ folders: ['r', 'r/empty'], files: ['r/Icon\r', 'r/line\nbreak', 'r/résumé final.pdf'] })
  })

  it('returns every folder after its parent (create-ahead order)', async () => {
    const fs = new MemoryFs()
    for (const path of ['/r/z/y/x/w', '/r/a/b/c', '/r/a/b2', '/r/m', '/r/z/k']) fs.folder(path).file(`${path}/f`)
    fs.listDelay = (path) => new Promise((resolve) => setTimeout(resolve, path.length % 3))
    const plan = await walkTree({ fs, roots: ['/r'], concurrency: 4 })
    expect(plan.folders).toHaveLength(11)
    expect(plan.files).toHaveLength(5)
    expectCreateAhead(plan)
  })

  it('lists folders in parallel, never more at once than the limit', async () => {
    const fs = new MemoryFs()
    for (let folder = 0; folder < 50; folder++) {
      for (let file = 0; file < 100; file++) fs.file(`/big/d${folder}/f${file}.bin`, 10)
    }
    fs.listDelay = () => new Promise((resolve) => setTimeout(resolve, 2))
    const plan = await within(10_000, walkTree({ fs, roots: ['/big'] }))
    expect(plan.folders).toHaveLength(51)
    expect(plan.files).toHaveLength(5000)
    expect(plan.totalBytes).toBe(50_000)
    expect(fs.listedPaths).toHaveLength(51)
    expect(fs.mostListsInFlight).toBeGreaterThan(1)
    expect(fs.mostListsInFlight).toBeLessThanOrEqual(8)
    expectCreateAhead(plan)

    const narrow = new MemoryFs()
    for (let folder = 0; folder < 20; folder++) narrow.file(`/big/d${folder}/f`)
    narrow.listDelay = fs.listDelay
    await walkTree({ fs: narrow, roots: ['/big'], concurrency: 3 })
    expect(narrow.mostListsInFlight).toBe(3)
  })

  it('refuses hostile names from a server without touching them', async () => {
    const hostile = ['../evil', '/etc/x', 'a/b', 'a\\b', 'bad\0nul', '', '.', '..', 'C:x', 'x'.repeat(300)]
    const fs = new MemoryFs().file('/srv/fine.txt', 5)
    for (const name of hostile) fs.rawEntry('/srv', name, 'file')
    fs.rawEntry('/srv', '../escape', 'directory').rawEntry('/srv', 'sub/dir', 'directory')
    const plan = await walkTree({ fs, roots: ['/srv'] })
    expect(rel(plan)).toEqual({ folders: ['srv'], files: ['srv/fine.txt'] })
    expect(plan.problems).toHaveLength(hostile.length + 2)
    for (const problem of plan.problems) expect(problem.message).toMatch(/^Not copied: the name /)
    expect(plan.problems.map((problem) => problem.path)).toContain('/srv/../evil')
    expect(fs.listedPaths).toEqual(['/srv'])
  })

  it('refuses a name a server lists twice in one folder', async () => {
    const entry = { name: 'twice.txt', type: 'file', size: 3, mtimeMs: 0, mode: 0o100644, permissions: 'rw-r--r--' } as const
    const folder = { ...entry, name: 'srv', type: 'directory', mode: 0o040755 } as const
    const fs: WalkFs = { separator: '/', lookup: async () => folder, list: async () => ({ entries: [entry, { ...entry, size: 999 }] }) }
    const plan = await walkTree({ fs, roots: ['/srv'] })
    expect(plan.files).toMatchObject([{ relPath: ['srv', 'twice.txt'], size: 3 }])
    expect(plan.problems).toEqual([{ path: '/srv/twice.txt', message: 'Not copied: the folder lists this name twice.' }])
  })

  it('reports a folder that cannot be listed, leaves it out, and walks on', async () => {
    const fs = new MemoryFs().file('/r/open/a').file('/r/locked/b').file('/r/c')
    fs.failListing('/r/locked', new SkiffError('PERMISSION_DENIED', 'Permission denied: /r/locked'))
    const plan = await walkTree({ fs, roots: ['/r'] })
    expect(rel(plan)).toEqual({ folders: ['r', 'r/open'], files: ['r/c', 'r/open/a'] })
    expect(plan.problems).toEqual([{ path: '/r/locked', message: 'Permission denied: /r/locked' }])
  })

  it('stops the whole walk when the connection is lost', async () => {
    const fs = new MemoryFs().file('/r/a/x').file('/r/b/y')
    fs.failListing('/r/a', new SkiffError('DISCONNECTED', 'The connection was lost.'))
    await expect(walkTree({ fs, roots: ['/r'] })).rejects.toMatchObject({ code: 'DISCONNECTED' })
  })

  it('reports roots that are gone, nameless, devices or chosen twice', async () => {
    const fs = new MemoryFs().file('/r/a').device('/dev/null0')
    const plan = await walkTree({ fs, roots: ['/r/a', '/r/gone', '/', '/r/a', '/dev/null0'] })
    expect(rel(plan).files).toEqual(['a'])
    expect(plan.problems.map((problem) => [problem.path, problem.message])).toEqual([
      ['/', 'Not copied: a root folder has no name to copy under.'],
      ['/r/a', 'Not copied: the selection holds this name twice.'],
      ['/r/gone', 'Not copied: it is not there any more.'],
    ])
    // A device is an entry a delete removes; a copy reports it (copy-tree).
    expect(plan.specials).toEqual([{ sourcePath: '/dev/null0', relPath: ['null0'] }])
  })

  it('takes a root with a trailing separator under its own name', async () => {
    const plan = await walkTree({ fs: new MemoryFs().file('/r/photos/a.jpg'), roots: ['/r/photos/'] })
    expect(plan.files).toMatchObject([{ sourcePath: '/r/photos/a.jpg', relPath: ['photos', 'a.jpg'] }])
  })

  it('refuses a concurrency below 1', async () => {
    await expect(walkTree({ fs: new MemoryFs(), roots: [], concurrency: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
  })
})

describe('cancelling a walk', () => {
  it('rejects with CANCELLED at once when the signal has already aborted', async () => {
    const fs = new MemoryFs().file('/r/a')
    const controller = new AbortController()
    controller.abort()
    await expect(walkTree({ fs, roots: ['/r'], signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(fs.listedPaths).toEqual([])
  })

  it('rejects with CANCELLED while a listing hangs, and lists nothing more', async () => {
    const fs = new MemoryFs()
    for (let folder = 0; folder < 30; folder++) fs.file(`/r/d${folder}/f`)
    const controller = new AbortController()
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    fs.listDelay = async (path) => {
      if (path !== '/r') {
        controller.abort()
        await gate
      }
    }
    await expect(within(2_000, walkTree({ fs, roots: ['/r'], signal: controller.signal, concurrency: 2 }))).rejects.toMatchObject({ code: 'CANCELLED' })
    const listedAtCancel = fs.listedPaths.length
    release()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fs.listedPaths).toHaveLength(listedAtCancel)
    expect(listedAtCancel).toBeLessThanOrEqual(3)
  })
})
