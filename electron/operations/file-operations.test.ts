import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileSystem } from '../fs/file-system'
import { createLocalFs } from '../local/local-fs'
import { createSftpFs } from '../sftp/sftp-fs'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { changeAttributes, newModeOf } from './change-attributes'
import { countTree } from './count-tree'
import { deleteTree } from './delete-tree'
import { duplicateEntry } from './duplicate-entry'

/**
 * A tree with a link to a folder outside it, a link to a file outside it, a dangling link, an
 * odd name: what a delete or a chmod -R must walk without reaching through.
 */
async function plantTree(base: string): Promise<{ tree: string; outside: string }> {
  const outside = join(base, 'outside')
  await mkdir(join(outside, 'keep'), { recursive: true })
  await writeFile(join(outside, 'keep', 'precious.txt'), 'precious', { mode: 0o600 })
  await writeFile(join(outside, 'lone.txt'), 'lone', { mode: 0o600 })
  const tree = join(base, 'site-old')
  await mkdir(join(tree, 'a', 'b'), { recursive: true })
  await writeFile(join(tree, 'a', 'b', 'deep.txt'), 'deep', { mode: 0o600 })
  await writeFile(join(tree, 'top.txt'), 'top', { mode: 0o600 })
  await writeFile(join(tree, '-n\nline'), 'odd', { mode: 0o600 })
  await symlink(outside, join(tree, 'to-outside'))
  await symlink(join(outside, 'lone.txt'), join(tree, 'a', 'to-lone'))
  await symlink(join(base, 'nowhere'), join(tree, 'dangling'))
  return { tree, outside }
}

async function outsideIsUntouched(outside: string): Promise<void> {
  expect(await readFile(join(outside, 'keep', 'precious.txt'), 'utf8')).toBe('precious')
  expect((await stat(join(outside, 'keep', 'precious.txt'))).mode & 0o777).toBe(0o600)
  expect((await stat(join(outside, 'lone.txt'))).mode & 0o777).toBe(0o600)
  expect((await stat(join(outside, 'keep'))).mode & 0o777).toBe(0o755)
}

function describeOperations(kind: string, setup: () => { fs: () => FileSystem; dir: () => string }) {
  describe(`file operations on the ${kind} file system`, () => {
    const { fs, dir } = setup()
    let case_ = 0
    const fresh = async () => {
      const base = join(dir(), `case-${case_++}`)
      await mkdir(base)
      return base
    }

    it('deletes a tree with links to the outside: the links go, what they point to stays', async () => {
      const { tree, outside } = await plantTree(await fresh())
      const outcome = await deleteTree(fs(), [tree])
      expect(outcome.failures).toEqual([])
      expect(outcome.count).toMatchObject({ folders: 3, files: 3, links: 3 })
      expect(outcome.done).toBe(outcome.total)
      await expect(lstat(tree)).rejects.toMatchObject({ code: 'ENOENT' })
      await outsideIsUntouched(outside)
    })

    it('deletes a selected link to a folder as a link, never the folder', async () => {
      const { tree, outside } = await plantTree(await fresh())
      await deleteTree(fs(), [join(tree, 'to-outside')])
      await expect(lstat(join(tree, 'to-outside'))).rejects.toMatchObject({ code: 'ENOENT' })
      await outsideIsUntouched(outside)
    })

    it('never removes what appeared after the walk: its folder stays, and says why', async () => {
      const base = await fresh()
      await mkdir(join(base, 'busy'))
      await writeFile(join(base, 'busy', 'old.log'), 'x')
      const racing: FileSystem = {
        ...fs(),
        list: async (path, signal) => {
          const listing = await fs().list(path, signal)
          if (path.endsWith('busy')) await writeFile(join(base, 'busy', 'new.log'), 'written meanwhile')
          return listing
        },
      }
      const outcome = await deleteTree(racing, [join(base, 'busy')])
      expect(await readdir(join(base, 'busy'))).toEqual(['new.log'])
      expect(outcome.failures).toEqual([expect.objectContaining({ path: join(base, 'busy'), code: 'INVALID_REQUEST' })])
    })

    it.skipIf(process.getuid?.() === 0)('reports what it could not delete and goes on with the rest (as root nothing is refused)', async () => {
      const base = await fresh()
      await mkdir(join(base, 'locked'))
      await writeFile(join(base, 'locked', 'stays.txt'), 'x')
      await writeFile(join(base, 'goes.txt'), 'x')
      const { chmod } = await import('node:fs/promises')
      await chmod(join(base, 'locked'), 0o555)
      try {
        const outcome = await deleteTree(fs(), [join(base, 'locked'), join(base, 'goes.txt')])
        expect(outcome.failures).toEqual([{ path: join(base, 'locked', 'stays.txt'), code: 'PERMISSION_DENIED', message: expect.stringContaining('stays.txt') }])
        expect(await readdir(base)).toEqual(['locked'])
      } finally {
        await chmod(join(base, 'locked'), 0o755)
      }
    })

    it('changes permissions of a tree, never a link’s target, and adds x to folders', async () => {
      const { tree, outside } = await plantTree(await fresh())
      const outcome = await changeAttributes(fs(), { paths: [tree], isRecursive: true, permissions: { set: 0o644, clear: 0o7133 }, isAddFolderExecute: true })
      expect(outcome.failures).toEqual([])
      expect(outcome.notes).toEqual([expect.objectContaining({ message: '3 link(s) left as they are (their targets too).' })])
      expect((await stat(join(tree, 'a', 'b', 'deep.txt'))).mode & 0o7777).toBe(0o644)
      expect((await stat(join(tree, '-n\nline'))).mode & 0o7777).toBe(0o644)
      expect((await stat(join(tree, 'a', 'b'))).mode & 0o7777).toBe(0o755)
      expect(await readlink(join(tree, 'to-outside'))).toBe(outside)
      await outsideIsUntouched(outside)
    })

    it('leaves mixed bits as each entry has them', async () => {
      const base = await fresh()
      await writeFile(join(base, 'script.sh'), '', { mode: 0o750 })
      await writeFile(join(base, 'notes.txt'), '', { mode: 0o640 })
      // Others read on, group write off; everything else as it is.
      await changeAttributes(fs(), { paths: [join(base, 'script.sh'), join(base, 'notes.txt')], isRecursive: false, permissions: { set: 0o004, clear: 0o020 }, isAddFolderExecute: false })
      expect((await stat(join(base, 'script.sh'))).mode & 0o7777).toBe(0o754)
      expect((await stat(join(base, 'notes.txt'))).mode & 0o7777).toBe(0o644)
    })

    it('sets the owner and group by number (to what they are: a user may)', async () => {
      const base = await fresh()
      await writeFile(join(base, 'mine.txt'), '')
      const { uid, gid } = await stat(join(base, 'mine.txt'))
      const outcome = await changeAttributes(fs(), { paths: [join(base, 'mine.txt')], isRecursive: false, owner: String(uid), group: String(gid), isAddFolderExecute: false })
      expect(outcome.failures).toEqual([])
      // By name: the host looks it up (id -u, getent group).
      const byName = await changeAttributes(fs(), { paths: [join(base, 'mine.txt')], isRecursive: false, owner: userInfo().username, isAddFolderExecute: false })
      expect(byName.failures).toEqual([])
      expect((await stat(join(base, 'mine.txt'))).uid).toBe(uid)
      await expect(changeAttributes(fs(), { paths: [join(base, 'mine.txt')], isRecursive: false, owner: 'no-such-user-here', isAddFolderExecute: false })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('counts a tree without entering its links', async () => {
      const { tree } = await plantTree(await fresh())
      const outcome = await countTree(fs(), [tree])
      expect(outcome.count).toEqual({ folders: 3, files: 3, links: 3, others: 0, bytes: 'deep'.length + 'top'.length + 'odd'.length })
    })

    it('duplicates a folder with its files, modes, times and links as links', async () => {
      const { tree, outside } = await plantTree(await fresh())
      const copy = join(tree, '..', 'site-copy')
      const outcome = await duplicateEntry(fs(), tree, 'site-copy')
      expect(outcome.failures).toEqual([])
      expect(await readFile(join(copy, 'a', 'b', 'deep.txt'), 'utf8')).toBe('deep')
      expect((await stat(join(copy, 'a', 'b', 'deep.txt'))).mode & 0o777).toBe(0o600)
      expect(Math.floor((await stat(join(copy, 'top.txt'))).mtimeMs / 1000)).toBe(Math.floor((await stat(join(tree, 'top.txt'))).mtimeMs / 1000))
      expect(await readlink(join(copy, 'to-outside'))).toBe(outside)
      await expect(duplicateEntry(fs(), join(tree, 'top.txt'), 'top.txt')).rejects.toMatchObject({ code: 'EXISTS' })
    })

    it('renames onto a taken name only when asked, and then atomically', async () => {
      const base = await fresh()
      await writeFile(join(base, 'new.conf'), 'new')
      await writeFile(join(base, 'site.conf'), 'old')
      await expect(fs().rename(join(base, 'new.conf'), join(base, 'site.conf'))).rejects.toMatchObject({ code: 'EXISTS' })
      expect(await readFile(join(base, 'site.conf'), 'utf8')).toBe('old')
      await fs().rename(join(base, 'new.conf'), join(base, 'site.conf'), { isReplace: true })
      expect(await readdir(base)).toEqual(['site.conf'])
      expect(await readFile(join(base, 'site.conf'), 'utf8')).toBe('new')
    })

    it('creates an empty file and refuses a taken name', async () => {
      const base = await fresh()
      await fs().createFile(join(base, 'empty.txt'))
      expect((await stat(join(base, 'empty.txt'))).size).toBe(0)
      await writeFile(join(base, 'empty.txt'), 'kept')
      await expect(fs().createFile(join(base, 'empty.txt'))).rejects.toMatchObject({ code: 'EXISTS' })
      expect(await readFile(join(base, 'empty.txt'), 'utf8')).toBe('kept')
    })
  })
}

describeOperations('SFTP', () => {
  const server = useSshdFolder('file-ops')
  return { fs: () => createSftpFs(server.session.sftp, { closed: server.session.closed, exec: (command) => server.session.exec(command) }), dir: () => server.dir }
})

describeOperations('local', () => {
  let dir = ''
  const fs = createLocalFs()
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-file-ops-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))
  return { fs: () => fs, dir: () => dir }
})

describe('new permission bits', () => {
  it('sets and clears, leaving the rest', () => {
    expect(newModeOf(0o100640, { permissions: { set: 0o004, clear: 0o020 }, isAddFolderExecute: false }, false)).toBe(0o644)
    expect(newModeOf(0o100644, { permissions: { set: 0o004, clear: 0 }, isAddFolderExecute: false }, false)).toBeNull()
  })

  it('gives a folder x wherever it gets r', () => {
    expect(newModeOf(0o040700, { permissions: { set: 0o644, clear: 0o133 }, isAddFolderExecute: true }, true)).toBe(0o755)
    expect(newModeOf(0o040700, { permissions: { set: 0o644, clear: 0o133 }, isAddFolderExecute: true }, false)).toBe(0o644)
  })
})
