import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSsh2Server } from '../../e2e/fixtures/ssh2-server'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { openConnection } from '../ssh/ssh-connection'
import { resumeMarginBytes } from './copy-file'
import { copyTree } from './copy-tree'
import { createLocalFs } from '../local/local-fs'
import type { ConflictChoice } from './plan/conflict'
import { createSftpFs } from '../sftp/sftp-fs'
import { remoteChecksums } from './checksum'
import { openTestSftp, sha256File, writeRandomFile, type TestSftp } from './transfer-test-kit'
import type { FileSystem } from '../fs/file-system'

/** Every file under `root`, relative path → SHA-256. */
async function hashes(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    result[path.slice(root.length + 1)] = await sha256File(path)
  }
  return result
}

describe('copyTree against a real sshd', () => {
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
    localDir = await mkdtemp(join(tmpdir(), 'skiff-tree-'))
    remoteDir = await mkdtemp(join(sshd.homeDir, 'tree-'))
  })
  afterEach(async () => {
    await rm(localDir, { recursive: true, force: true })
    await rm(remoteDir, { recursive: true, force: true })
  })

  async function makeTree(root: string): Promise<void> {
    await mkdir(join(root, 'project', 'src', 'deep'), { recursive: true })
    await mkdir(join(root, 'project', 'empty'), { recursive: true })
    await writeRandomFile(join(root, 'project', 'big.bin'), 3 * 1024 * 1024 + 7)
    for (let i = 0; i < 40; i++) await writeRandomFile(join(root, 'project', 'src', `f${i}.txt`), 100 + i * 97)
    await writeFile(join(root, 'project', 'src', 'deep', 'Grüße ✓.txt'), 'unicode')
    await writeFile(join(root, 'project', 'src', 'deep', 'empty.txt'), '')
    await writeFile(join(root, 'notes.md'), '# notes')
  }

  it('uploads and downloads a tree byte-identical, folders and empty files included', async () => {
    const source = join(localDir, 'src')
    await makeTree(source)
    const progress: number[] = []
    const up = await copyTree({
      source: local,
      sourcePaths: [join(source, 'project'), join(source, 'notes.md')],
      target: remote,
      targetFolder: remoteDir,
      onProgress: (p) => progress.push(p.bytesDone),
    })
    expect(up.failures).toEqual([])
    expect(up.files).toBe(44)
    expect(await hashes(remoteDir)).toEqual(await hashes(source))
    expect((await stat(join(remoteDir, 'project', 'empty'))).isDirectory()).toBe(true)
    expect(progress.at(-1)).toBe(up.bytes)

    const back = join(localDir, 'back')
    await mkdir(back)
    const down = await copyTree({ source: remote, sourcePaths: [join(remoteDir, 'project')], target: local, targetFolder: back })
    expect(down.failures).toEqual([])
    const original = await hashes(join(source, 'project'))
    expect(await hashes(join(back, 'project'))).toEqual(original)
  })

  it('applies each conflict choice', async () => {
    for (const name of ['skip.txt', 'rename.txt', 'overwrite.txt', 'resume.txt']) await writeFile(join(localDir, name), `new ${name} content`)
    for (const name of ['skip.txt', 'rename.txt', 'overwrite.txt']) await writeFile(join(remoteDir, name), 'old')
    await writeFile(join(remoteDir, 'resume.txt'), 'new resume')
    const choices: Record<string, ConflictChoice> = { 'skip.txt': 'skip', 'rename.txt': 'rename', 'overwrite.txt': 'overwrite', 'resume.txt': 'resume' }
    const asked: string[] = []
    const summary = await copyTree({
      source: local,
      sourcePaths: Object.keys(choices).map((name) => join(localDir, name)),
      target: remote,
      targetFolder: remoteDir,
      onConflict: async (conflict) => {
        const name = conflict.path.slice(remoteDir.length + 1)
        asked.push(name)
        return choices[name]!
      },
    })
    expect(asked.sort()).toEqual(Object.keys(choices).sort())
    expect(summary.skipped).toBe(1)
    expect(await readFile(join(remoteDir, 'skip.txt'), 'utf8')).toBe('old')
    expect(await readFile(join(remoteDir, 'rename.txt'), 'utf8')).toBe('old')
    expect(await readFile(join(remoteDir, 'rename (1).txt'), 'utf8')).toBe('new rename.txt content')
    expect(await readFile(join(remoteDir, 'overwrite.txt'), 'utf8')).toBe('new overwrite.txt content')
    expect(await readFile(join(remoteDir, 'resume.txt'), 'utf8')).toBe('new resume.txt content')
  })

  it('resumes a leftover partial from an earlier attempt, re-sending its last window', async () => {
    const MiB = 1024 * 1024
    const size = 64 * MiB
    await writeRandomFile(join(localDir, 'again.bin'), size)
    const content = await readFile(join(localDir, 'again.bin'))
    // A partial from a multi-lane copy that dropped: a gap of zeros may sit inside its last window.
    const partial = Buffer.from(content.subarray(0, 56 * MiB))
    partial.fill(0, 40 * MiB, 41 * MiB)
    await writeFile(join(remoteDir, 'again.bin.skiffpart'), partial)
    const seen: number[] = []
    const summary = await copyTree({ source: local, sourcePaths: [join(localDir, 'again.bin')], target: remote, targetFolder: remoteDir, onProgress: (p) => seen.push(p.bytesDone) })
    expect(summary.failures).toEqual([])
    expect(seen[0]).toBe(56 * MiB - resumeMarginBytes)
    expect(await sha256File(join(remoteDir, 'again.bin'))).toBe(await sha256File(join(localDir, 'again.bin')))
    expect(await readdir(remoteDir)).toEqual(['again.bin'])
  })

  it('verifies each file by SHA-256 on both sides when asked', async () => {
    const source = join(localDir, 'src')
    await makeTree(source)
    const checked = createSftpFs(session.sftp, { closed: session.closed, checksum: remoteChecksums(session.exec) })
    const summary = await copyTree({ source: local, sourcePaths: [join(source, 'project')], target: checked, targetFolder: remoteDir, verify: true })
    expect(summary.failures).toEqual([])
    expect(summary.verified).toBe(summary.files)
    expect(summary.unverified).toBe(0)
  })

  it('a checksum mismatch keeps the old file and reports the new one as failed', async () => {
    await writeFile(join(localDir, 'v.txt'), 'new content')
    await writeFile(join(remoteDir, 'v.txt'), 'old content')
    const lying: FileSystem = { ...local, checksum: async () => '0'.repeat(64) }
    const checked = createSftpFs(session.sftp, { closed: session.closed, checksum: remoteChecksums(session.exec) })
    const summary = await copyTree({ source: lying, sourcePaths: [join(localDir, 'v.txt')], target: checked, targetFolder: remoteDir, verify: true })
    expect(summary.failures).toEqual([expect.objectContaining({ message: expect.stringContaining('SHA-256 differs') })])
    expect(await readFile(join(remoteDir, 'v.txt'), 'utf8')).toBe('old content')
  })

  it('reports a file that cannot be copied and copies the rest', async () => {
    await writeFile(join(localDir, 'good.txt'), 'good')
    await writeFile(join(localDir, 'clash'), 'a file where the target has a folder')
    await mkdir(join(remoteDir, 'clash'))
    const summary = await copyTree({ source: local, sourcePaths: [join(localDir, 'good.txt'), join(localDir, 'clash')], target: remote, targetFolder: remoteDir })
    expect(summary.files).toBe(1)
    expect(summary.failures).toEqual([expect.objectContaining({ path: join(remoteDir, 'clash'), code: 'EXISTS' })])
    expect(await readFile(join(remoteDir, 'good.txt'), 'utf8')).toBe('good')
  })
})

describe('copyTree from a hostile server', () => {
  it('refuses names that would escape the target and copies the honest ones', async () => {
    const server = await startSsh2Server({
      password: 'pw',
      folders: {
        '/home/test/share': [
          { name: 'good.txt', content: 'good' },
          { name: 'line\nbreak.txt', content: 'odd but fine' },
          { name: '../evil', content: 'escaped' },
          { name: 'a/b', content: 'nested' },
          { name: '', content: 'nameless' },
          { name: '..', type: 'directory' },
        ],
      },
    })
    const root = await mkdtemp(join(tmpdir(), 'skiff-hostile-'))
    const target = join(root, 'dest')
    await mkdir(target)
    const connection = await openConnection({
      host: server.host,
      port: server.port,
      username: server.username,
      password: 'pw',
      isKeyboardInteractiveAllowed: false,
      book: { check: async () => ({ status: 'known' }), trust: async () => undefined },
      ask: async () => ({ kind: 'host-key', decision: 'reject' }),
      signal: new AbortController().signal,
    })
    try {
      const sftp = await new Promise<import('ssh2').SFTPWrapper>((resolve, reject) => connection.client.sftp((e, s) => (e ? reject(e) : resolve(s))))
      const source = createSftpFs(sftp, { closed: connection.closed })
      const summary = await copyTree({ source, sourcePaths: ['/home/test/share'], target: createLocalFs(), targetFolder: target })
      expect(await readdir(root)).toEqual(['dest'])
      expect((await readdir(join(target, 'share'))).sort()).toEqual(['good.txt', 'line\nbreak.txt'])
      expect(await readFile(join(target, 'share', 'good.txt'), 'utf8')).toBe('good')
      expect(summary.failures.map((f) => f.path).join('|')).toMatch(/evil/)
      expect(summary.failures.length).toBeGreaterThanOrEqual(3)
    } finally {
      connection.end()
      await server.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})
