import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy } from '../../e2e/fixtures/tcp-proxy'
import { copyFile, FileCopyError, type CopyFileInput } from './copy-file'
import { createLocalFs } from '../local/local-fs'
import { createSftpFs } from '../sftp/sftp-fs'
import { createChannelPool } from './channel-pool'
import { openTestSftp, sha256File, writeRandomFile, type TestSftp } from './transfer-test-kit'
import type { FileSystem } from '../fs/file-system'

const MiB = 1024 * 1024

describe('copyFile against a real sshd', () => {
  let sshd: SshdHandle
  let session: TestSftp
  let remote: FileSystem
  const local = createLocalFs()
  let localDir = ''
  let remoteDir = ''

  beforeAll(async () => {
    sshd = await startSshd()
    session = await openTestSftp(sshd)
    remote = createSftpFs(session.sftp, { closed: session.closed })
  })
  afterAll(async () => {
    session?.end()
    await sshd?.stop()
  })
  beforeEach(async () => {
    localDir = await mkdtemp(join(tmpdir(), 'skiff-copy-'))
    remoteDir = await mkdtemp(join(sshd.homeDir, 'copy-'))
  })
  afterEach(async () => {
    await rm(localDir, { recursive: true, force: true })
    await rm(remoteDir, { recursive: true, force: true })
  })

  const upload = (name: string, size: number, extra: Partial<CopyFileInput> = {}): CopyFileInput => ({
    source: local,
    sourcePath: join(localDir, name),
    target: remote,
    targetPath: join(remoteDir, name),
    partPath: join(remoteDir, `${name}.skiffpart`),
    size,
    fromOffset: 0,
    ...extra,
  })

  it('uploads and downloads byte-identical files, with mtime and mode kept', async () => {
    const size = 9 * MiB + 12345
    const hash = await writeRandomFile(join(localDir, 'big.bin'), size)
    const mtimeMs = Date.UTC(2021, 4, 6, 7, 8, 9)
    await copyFile(upload('big.bin', size, { mtimeMs, mode: 0o640 }))
    const uploaded = join(remoteDir, 'big.bin')
    expect(await sha256File(uploaded)).toBe(hash)
    expect((await stat(uploaded)).mtimeMs).toBe(mtimeMs)
    expect((await stat(uploaded)).mode & 0o777).toBe(0o640)
    await expect(lstat(`${uploaded}.skiffpart`)).rejects.toMatchObject({ code: 'ENOENT' })

    const back = join(localDir, 'back.bin')
    await copyFile({ source: remote, sourcePath: uploaded, target: local, targetPath: back, partPath: `${back}.skiffpart`, size, fromOffset: 0, mtimeMs })
    expect(await sha256File(back)).toBe(hash)
    expect((await stat(back)).mtimeMs).toBe(mtimeMs)
  })

  it('spreads a large file over several channels and still ends byte-identical both ways', async () => {
    const more = await Promise.all([openTestSftp(sshd), openTestSftp(sshd)])
    try {
      const pool = createChannelPool([remote, ...more.map((s) => createSftpFs(s.sftp, { closed: s.closed }))])
      expect(pool.lanes).toBe(3)
      const size = 100 * MiB + 3
      const hash = await writeRandomFile(join(localDir, 'wide.bin'), size)
      let reported = 0
      await copyFile({ ...upload('wide.bin', size), target: pool, onProgress: (delta) => (reported += delta) })
      expect(reported).toBe(size)
      expect(await sha256File(join(remoteDir, 'wide.bin'))).toBe(hash)
      const back = join(localDir, 'wide-back.bin')
      await copyFile({ source: pool, sourcePath: join(remoteDir, 'wide.bin'), target: local, targetPath: back, partPath: `${back}.skiffpart`, size, fromOffset: 0 })
      expect(await sha256File(back)).toBe(hash)
    } finally {
      for (const s of more) s.end()
    }
  })

  it('reports progress up to the size, and copies an empty file', async () => {
    const size = 3 * MiB
    await writeRandomFile(join(localDir, 'p.bin'), size)
    let reported = 0
    await copyFile(upload('p.bin', size, { onProgress: (delta) => (reported += delta) }))
    expect(reported).toBe(size)
    await writeFile(join(localDir, 'empty'), '')
    await copyFile(upload('empty', 0))
    expect((await stat(join(remoteDir, 'empty'))).size).toBe(0)
  })

  it('fails a small file that got shorter since it was planned, and puts nothing in place', async () => {
    await writeFile(join(localDir, 'shrunk.txt'), 'only this')
    const copying = copyFile(upload('shrunk.txt', 5000))
    await expect(copying).rejects.toThrow(/got shorter while it was being copied/)
    await expect(stat(join(remoteDir, 'shrunk.txt'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('copies small files (one block) both ways, with times and mode', async () => {
    const hash = await writeRandomFile(join(localDir, 'small.bin'), 5000)
    await copyFile(upload('small.bin', 5000, { mtimeMs: 1_600_000_000_000, mode: 0o600 }))
    const uploaded = join(remoteDir, 'small.bin')
    expect(await sha256File(uploaded)).toBe(hash)
    expect((await stat(uploaded)).mode & 0o777).toBe(0o600)
    const back = join(localDir, 'small-back.bin')
    await copyFile({ source: remote, sourcePath: uploaded, target: local, targetPath: back, partPath: `${back}.skiffpart`, size: 5000, fromOffset: 0, mtimeMs: 1_600_000_000_000 })
    expect(await sha256File(back)).toBe(hash)
    expect((await stat(back)).mtimeMs).toBe(1_600_000_000_000)
    await writeFile(join(remoteDir, 'empty'), '')
    await copyFile({ source: remote, sourcePath: join(remoteDir, 'empty'), target: local, targetPath: join(localDir, 'e'), partPath: join(localDir, 'e.part'), size: 0, fromOffset: 0 })
    expect((await stat(join(localDir, 'e'))).size).toBe(0)
  })

  it('waits for each call on a local file: a slow write is done before the size check', async () => {
    await writeFile(join(remoteDir, 'slow.txt'), 'patience')
    const slowDisk: FileSystem = {
      ...local,
      async openWrite(path, how, mode) {
        const handle = await local.openWrite(path, how, mode)
        return { ...handle, write: async (offset, data) => new Promise((resolve) => setTimeout(resolve, 30)).then(() => handle.write(offset, data)) }
      },
    }
    const back = join(localDir, 'slow.txt')
    await copyFile({ source: remote, sourcePath: join(remoteDir, 'slow.txt'), target: slowDisk, targetPath: back, partPath: `${back}.skiffpart`, size: 8, fromOffset: 0 })
    expect(await readFile(back, 'utf8')).toBe('patience')
  })

  it('resumes from a partial prefix without rewriting it', async () => {
    const size = 4 * MiB
    const hash = await writeRandomFile(join(localDir, 'r.bin'), size)
    const source = await readFile(join(localDir, 'r.bin'))
    // A correct first MiB followed by garbage the resume must cut off.
    await writeFile(join(remoteDir, 'r.bin.skiffpart'), Buffer.concat([source.subarray(0, MiB), Buffer.alloc(1000, 7)]))
    let reported = 0
    await copyFile(upload('r.bin', size, { fromOffset: MiB, onProgress: (delta) => (reported += delta) }))
    expect(await sha256File(join(remoteDir, 'r.bin'))).toBe(hash)
    expect(reported).toBe(size - MiB)
  })

  it('replaces a symlink planted at the target or the part name instead of writing through it', async () => {
    const victim = join(localDir, 'victim.txt')
    await writeFile(victim, 'do not touch')
    await writeFile(join(localDir, 'x.txt'), 'payload')
    await symlink(victim, join(remoteDir, 'x.txt'))
    await symlink(victim, join(remoteDir, 'x.txt.skiffpart'))
    await copyFile(upload('x.txt', 7))
    expect(await readFile(victim, 'utf8')).toBe('do not touch')
    expect((await lstat(join(remoteDir, 'x.txt'))).isSymbolicLink()).toBe(false)
    expect(await readFile(join(remoteDir, 'x.txt'), 'utf8')).toBe('payload')
    await expect(readlink(join(remoteDir, 'x.txt.skiffpart'))).rejects.toBeDefined()
  })

  it('a cancelled copy leaves the old target untouched and a clearly named partial', async () => {
    const size = 16 * MiB
    await writeRandomFile(join(localDir, 'c.bin'), size)
    await writeFile(join(remoteDir, 'c.bin'), 'old version')
    const abort = new AbortController()
    let seen = 0
    const copy = copyFile(upload('c.bin', size, { signal: abort.signal, onProgress: (delta) => ((seen += delta) > 2 * MiB ? abort.abort() : 0) }))
    const error = await copy.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileCopyError)
    expect(error).toMatchObject({ code: 'CANCELLED' })
    expect(await readFile(join(remoteDir, 'c.bin'), 'utf8')).toBe('old version')
    const partial = await readFile(join(remoteDir, 'c.bin.skiffpart'))
    expect(partial.length).toBe((error as FileCopyError).partialBytes)
    expect(partial.equals((await readFile(join(localDir, 'c.bin'))).subarray(0, partial.length))).toBe(true)
  })

  it('fails with the reason when the target folder is not writable, writing nothing', async () => {
    await writeFile(join(localDir, 'a.txt'), 'a')
    const input = upload('a.txt', 1, { targetPath: join(remoteDir, 'missing', 'a.txt'), partPath: join(remoteDir, 'missing', 'a.txt.skiffpart') })
    await expect(copyFile(input)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('a dropped connection mid-file fails with DISCONNECTED and the partial is a correct prefix', async () => {
    const proxy = await startTcpProxy(sshd.port)
    const dropped = await openTestSftp(sshd, proxy.port)
    try {
      const size = 24 * MiB
      await writeRandomFile(join(localDir, 'd.bin'), size)
      const target = createSftpFs(dropped.sftp, { closed: dropped.closed })
      let seen = 0
      const input = { ...upload('d.bin', size), target, onProgress: (delta: number) => ((seen += delta) > 4 * MiB ? proxy.cutAll() : 0) }
      const error = (await copyFile(input).catch((e: unknown) => e)) as FileCopyError
      expect(error.code).toBe('DISCONNECTED')
      await mkdir(remoteDir, { recursive: true })
      const partial = await readFile(join(remoteDir, 'd.bin.skiffpart'))
      const source = await readFile(join(localDir, 'd.bin'))
      // Writes go out in offset order, so whatever landed is a gap-free prefix, even past the mark.
      expect(partial.length).toBeGreaterThanOrEqual(error.partialBytes)
      expect(partial.equals(source.subarray(0, partial.length))).toBe(true)
      expect(error.partialBytes).toBeGreaterThan(0)
      await expect(lstat(join(remoteDir, 'd.bin'))).rejects.toMatchObject({ code: 'ENOENT' })

      // Resume on a fresh connection from the trusted prefix: the result is byte-identical.
      await copyFile(upload('d.bin', size, { fromOffset: error.partialBytes }))
      expect(await sha256File(join(remoteDir, 'd.bin'))).toBe(await sha256File(join(localDir, 'd.bin')))
    } finally {
      dropped.end()
      await proxy.close()
    }
  })
})
