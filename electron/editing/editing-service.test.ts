import { chmod, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedFile } from '../../shared/models/editor'
import type { FsTarget } from '../../shared/models/fs'
import type { SessionId } from '../../shared/models/ids'
import type { FileSystem } from '../fs/file-system'
import { createLocalFs } from '../local/local-fs'
import { createSftpFs } from '../sftp/sftp-fs'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { EditingService } from './editing-service'

const local: FsTarget = { kind: 'local' }
const remote: FsTarget = { kind: 'remote', sessionId: 'session-1' as SessionId }

function textOf(opened: OpenedFile): Extract<OpenedFile, { kind: 'text' }> {
  if (opened.kind !== 'text') throw new Error(`expected text, got ${opened.kind}`)
  return opened
}

/** The same checks on the local disk and on the real sshd: both backends save the same way. */
function describeEditing(label: string, setUp: () => { fs: () => FileSystem; dir: () => string; target: FsTarget }) {
  describe(`editing files (${label})`, () => {
    const { fs, dir, target } = setUp()
    const service = () => new EditingService(() => fs())

    it('saves CRLF text with a BOM back as CRLF with the BOM, keeping the mode, with no part file left', async () => {
      const path = join(dir(), 'hosts.ini')
      await writeFile(path, '\ufeff[web]\r\nweb1\r\nweb2\r\n')
      await chmod(path, 0o751)
      const opened = textOf(await service().open({ target, path, purpose: 'edit' }))
      expect(opened.text).toBe('[web]\nweb1\nweb2\n')
      expect(opened.format).toEqual({ eol: 'crlf', hasBom: true })
      const saved = await service().save({ target, path, text: '[web]\nweb1\nweb3\n', format: opened.format, expected: opened.version })
      expect(await readFile(path, 'utf8')).toBe('\ufeff[web]\r\nweb1\r\nweb3\r\n')
      expect((await stat(path)).mode & 0o7777).toBe(0o751)
      expect(saved.version.size).toBe((await stat(path)).size)
      expect(await readdir(dir())).not.toContain('hosts.ini.skiffpart')
    })

    it('refuses with CHANGED when the file changed since it was opened, and writes nothing; Overwrite forces it', async () => {
      const path = join(dir(), 'app.conf')
      await writeFile(path, 'port=80\n')
      const opened = textOf(await service().open({ target, path, purpose: 'edit' }))
      await writeFile(path, 'port=8080\n')
      await utimes(path, new Date(), new Date(Date.now() + 5000))
      const save = service().save({ target, path, text: 'port=443\n', format: opened.format, expected: opened.version })
      await expect(save).rejects.toMatchObject({ code: 'CHANGED' })
      expect(await readFile(path, 'utf8')).toBe('port=8080\n')
      await service().save({ target, path, text: 'port=443\n', format: opened.format, expected: opened.version, isForced: true })
      expect(await readFile(path, 'utf8')).toBe('port=443\n')
    })

    it('saves through a link to the file it points to, leaving the link a link', async () => {
      const path = join(dir(), 'real.txt')
      const link = join(dir(), 'link.txt')
      await writeFile(path, 'one\n')
      await symlink('real.txt', link)
      const opened = textOf(await service().open({ target, path: link, purpose: 'edit' }))
      expect(opened.path.endsWith('/real.txt')).toBe(true)
      await service().save({ target, path: opened.path, text: 'two\n', format: opened.format, expected: opened.version })
      expect(await readFile(link, 'utf8')).toBe('two\n')
      expect(await readlink(link)).toBe('real.txt')
    })

    it('tells binary and non-UTF-8 files apart from text, and shows an image to the viewer only', async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)])
      await writeFile(join(dir(), 'logo.png'), png)
      await writeFile(join(dir(), 'latin1.txt'), Buffer.from('caf\xe9\n', 'latin1'))
      const edit = await service().open({ target, path: join(dir(), 'logo.png'), purpose: 'edit' })
      expect(edit).toMatchObject({ kind: 'binary', reason: 'binary' })
      const view = await service().open({ target, path: join(dir(), 'logo.png'), purpose: 'view' })
      expect(view).toMatchObject({ kind: 'image', mime: 'image/png', base64: png.toString('base64') })
      expect(await service().open({ target, path: join(dir(), 'latin1.txt'), purpose: 'edit' })).toMatchObject({ kind: 'binary', reason: 'not-utf8' })
    })

    it('asks before opening a text file over 10 MiB, and opens it once allowed', async () => {
      const path = join(dir(), 'big.log')
      const line = 'x'.repeat(99) + '\n'
      await writeFile(path, line.repeat(110_000))
      expect(await service().open({ target, path, purpose: 'edit' })).toMatchObject({ kind: 'too-large' })
      const opened = textOf(await service().open({ target, path, purpose: 'edit', isLargeAllowed: true }))
      expect(opened.text.length).toBe(11_000_000)
    })

    it('puts text sent ahead in pieces together before saving it', async () => {
      const path = join(dir(), 'pieces.txt')
      await writeFile(path, '')
      const opened = textOf(await service().open({ target, path, purpose: 'edit' }))
      const editing = service()
      const stageId = editing.stage(undefined, 'first ')
      editing.stage(stageId, 'second ')
      await editing.save({ target, path, stageId, text: 'last\n', format: opened.format, expected: opened.version })
      expect(await readFile(path, 'utf8')).toBe('first second last\n')
    })
  })
}

describeEditing('local disk', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-editing-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))
  const localFs = createLocalFs()
  return { fs: () => localFs, dir: () => dir, target: local }
})

describeEditing('sshd', () => {
  const server = useSshdFolder('editing')
  let sftpFs: FileSystem | undefined
  return {
    fs: () => (sftpFs ??= createSftpFs(server.session.sftp, { closed: server.session.closed })),
    dir: () => server.dir,
    target: remote,
  }
})
