import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SFTPWrapper } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { createSftpFs } from './sftp-fs'
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
