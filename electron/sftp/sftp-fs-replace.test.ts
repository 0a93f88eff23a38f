import { mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SFTPWrapper } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { createSftpFs } from './sftp-fs'
import { duplicateEntry } from '../operations/duplicate-entry'
import { useSshdFolder } from '../transfer/transfer-test-kit'

/** The same channel, as a server without OpenSSH's extensions (posix-rename among them) shows it. */
function withoutExtensions(sftp: SFTPWrapper): SFTPWrapper {
  return new Proxy(sftp, { get: (target, key, receiver) => (key === '_extensions' ? {} : Reflect.get(target, key, receiver)) })
}

describe('SFTP transfer fs against a real sshd, as a server without posix-rename', () => {
  const server = useSshdFolder('rename')
  const dir = () => server.dir

  it('replaces a file by putting the old one aside first and removing it last', async () => {
    const fs = createSftpFs(withoutExtensions(server.session.sftp), { closed: server.session.closed })
    await writeFile(join(dir(), 'site.conf'), 'old')
    await writeFile(join(dir(), 'site.conf.skiffpart'), 'new')
    await fs.rename(join(dir(), 'site.conf.skiffpart'), join(dir(), 'site.conf'), { isReplace: true })
    expect(await readFile(join(dir(), 'site.conf'), 'utf8')).toBe('new')
    expect(await readdir(dir())).toEqual(['site.conf'])
  })

  it('a replace that fails leaves the old file where it was', async () => {
    const fs = createSftpFs(withoutExtensions(server.session.sftp), { closed: server.session.closed })
    await writeFile(join(dir(), 'keep.conf'), 'old')
    await expect(fs.rename(join(dir(), 'gone.skiffpart'), join(dir(), 'keep.conf'), { isReplace: true })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await readFile(join(dir(), 'keep.conf'), 'utf8')).toBe('old')
    expect((await readdir(dir())).sort()).toEqual(['keep.conf', 'site.conf'])
  })
})

describe('a duplicate on a server without copy-data (OpenSSH before 9.0)', () => {
  const server = useSshdFolder('duplicate')

  it('copies a folder by one cp on the server, links as links, modes kept', async () => {
    const fs = createSftpFs(withoutExtensions(server.session.sftp), { closed: server.session.closed, exec: (command) => server.session.exec(command) })
    expect(fs.capabilities).toMatchObject({ hasServerCopy: false, hasCopyCommand: true })
    await mkdir(join(server.dir, "it's -n"))
    await writeFile(join(server.dir, "it's -n", 'run.sh'), 'echo', { mode: 0o750 })
    await symlink('/etc', join(server.dir, "it's -n", 'etc'))
    const outcome = await duplicateEntry(fs, join(server.dir, "it's -n"), 'copy $(x)')
    expect(outcome.failures).toEqual([])
    expect((await stat(join(server.dir, 'copy $(x)', 'run.sh'))).mode & 0o777).toBe(0o750)
    expect(await readlink(join(server.dir, 'copy $(x)', 'etc'))).toBe('/etc')
    await expect(duplicateEntry(fs, join(server.dir, "it's -n"), 'copy $(x)')).rejects.toMatchObject({ code: 'EXISTS' })
  })

  it('without commands, copies through the engine', async () => {
    const fs = createSftpFs(withoutExtensions(server.session.sftp), { closed: server.session.closed })
    await writeFile(join(server.dir, 'data.bin'), Buffer.alloc(100_000, 3), { mode: 0o640 })
    const outcome = await duplicateEntry(fs, join(server.dir, 'data.bin'), 'data copy.bin')
    expect(outcome.failures).toEqual([])
    expect(await readFile(join(server.dir, 'data copy.bin'))).toEqual(Buffer.alloc(100_000, 3))
    expect((await stat(join(server.dir, 'data copy.bin'))).mode & 0o777).toBe(0o640)
  })
})
