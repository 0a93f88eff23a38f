import { execFileSync } from 'node:child_process'
import { chmod, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { Client, type SFTPWrapper } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy } from '../../e2e/fixtures/tcp-proxy'
import type { FsEntry } from '../../shared/models/fs'
import type { FileSystem } from '../fs/file-system'
import { createSftpFs } from './sftp-fs'

const isRoot = process.getuid?.() === 0
const oddName = 'line\nbreak ünïcødé 🚀.txt'
const bigCount = 20_000
const linkCount = 300

interface Connection {
  readonly client: Client
  readonly fs: FileSystem
}

/** Connects as the session would: pinned host key, and `closed` aborted on the client's 'close'. */
async function connect(sshd: SshdHandle, port = sshd.port): Promise<Connection> {
  const client = new Client()
  const closed = new AbortController()
  client.on('close', () => closed.abort())
  const expectedKey = Buffer.from(sshd.hostKeyLine.split(' ')[1] ?? '', 'base64')
  const privateKey = await readFile(sshd.clientKeyPath)
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject)
    client.connect({ host: sshd.host, port, username: sshd.username, privateKey, hostVerifier: (key: Buffer) => key.equals(expectedKey) })
  })
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    client.sftp((error, channel) => (error ? reject(error) : resolve(channel))),
  )
  return { client, fs: createSftpFs(sftp, { closed: closed.signal }) }
}

/** Rejects if `work` has not settled within `ms`, so a hung call fails the test instead of stalling it. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

async function makeBigFolder(dir: string): Promise<void> {
  await mkdir(dir)
  for (let start = 0; start < bigCount; start += 1_000) {
    const names = Array.from({ length: Math.min(1_000, bigCount - start) }, (_, i) => `f-${String(start + i).padStart(6, '0')}.dat`)
    await Promise.all(names.map((name) => writeFile(join(dir, name), '')))
  }
}

const entryNamed = (entries: readonly FsEntry[], name: string) => entries.find((entry) => entry.name === name)

describe('SFTP file system against a real sshd', () => {
  let sshd: SshdHandle
  let home = ''
  let connection: Connection

  beforeAll(async () => {
    sshd = await startSshd()
    home = await realpath(sshd.homeDir)
    await writeFile(join(home, 'notes.txt'), 'hello')
    await chmod(join(home, 'notes.txt'), 0o640)
    await mkdir(join(home, 'photos'))
    await symlink('photos', join(home, 'to-photos'))
    await symlink('missing', join(home, 'dangling'))
    await writeFile(join(home, oddName), '')
    await makeBigFolder(join(home, 'big'))
    await mkdir(join(home, 'links'))
    await Promise.all(Array.from({ length: linkCount }, (_, i) => symlink('../notes.txt', join(home, 'links', `link-${i}`))))
    connection = await connect(sshd)
  })

  afterAll(async () => {
    connection?.client.end()
    await sshd?.stop()
  })

  it('lists a folder with types, sizes, permissions, owner and group', async () => {
    const listing = await connection.fs.list(home)
    expect(listing).toMatchObject({ path: home, separator: '/' })
    expect(listing.entries.map((entry) => entry.name).sort()).toEqual(
      ['big', 'dangling', 'links', 'notes.txt', 'photos', 'to-photos', oddName].sort(),
    )
    expect(entryNamed(listing.entries, 'notes.txt')).toMatchObject({
      type: 'file',
      size: 5,
      permissions: 'rw-r-----',
      owner: userInfo().username,
      group: execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim(),
    })
    expect(entryNamed(listing.entries, 'photos')?.type).toBe('directory')
  })

  it('reports a symlink to a folder as resolving to a directory, and a dangling one without a target type', async () => {
    const { entries } = await connection.fs.list(home)
    expect(entryNamed(entries, 'to-photos')).toMatchObject({ type: 'symlink', linkTarget: 'photos', linkTargetType: 'directory' })
    expect(entryNamed(entries, 'dangling')).toMatchObject({ type: 'symlink', linkTarget: 'missing' })
    expect(entryNamed(entries, 'dangling')?.linkTargetType).toBeUndefined()
  })

  it('resolves every symlink of a folder full of them', async () => {
    const { entries } = await connection.fs.list(`${home}/links`)
    expect(entries).toHaveLength(linkCount)
    for (const entry of entries) expect(entry).toMatchObject({ type: 'symlink', linkTarget: '../notes.txt', linkTargetType: 'file' })
  })

  it('brings unicode and newline names back intact', async () => {
    const { entries } = await connection.fs.list(home)
    expect(entryNamed(entries, oddName)?.type).toBe('file')
    expect((await connection.fs.stat(join(home, oddName))).name).toBe(oddName)
  })

  it('resolves paths: the listing path, realpath, home and parent', async () => {
    expect((await connection.fs.list('.')).path).toBe(home)
    expect((await connection.fs.list(`${home}/to-photos`)).path).toBe(`${home}/photos`)
    expect(await connection.fs.realpath(`${home}/photos/../to-photos`)).toBe(`${home}/photos`)
    expect(await connection.fs.home()).toBe(home)
    expect((await connection.fs.list('/')).parentPath).toBeNull()
    expect((await connection.fs.list(home)).parentPath).toBe(join(home, '..'))
  })

  it('stats a symlink without following it', async () => {
    const entry = await connection.fs.stat(`${home}/to-photos`)
    expect(entry).toMatchObject({ name: 'to-photos', type: 'symlink', linkTarget: 'photos', linkTargetType: 'directory' })
  })

  it('rejects a missing path with NOT_FOUND', async () => {
    await expect(connection.fs.list(`${home}/nope`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(connection.fs.stat(`${home}/nope`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('rejects an unreadable folder with PERMISSION_DENIED (non-root only: root reads everything)', async (context) => {
    context.skip(isRoot, 'running as root, which bypasses permission checks')
    await mkdir(join(home, 'locked'), { mode: 0o000 })
    await expect(connection.fs.list(`${home}/locked`)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  it(`lists a folder of ${bigCount} entries`, async () => {
    const started = performance.now()
    const listing = await connection.fs.list(`${home}/big`)
    const elapsedMs = Math.round(performance.now() - started)
    console.info(`listed ${listing.entries.length} entries over SFTP in ${elapsedMs} ms`)
    expect(listing.entries).toHaveLength(bigCount)
    const names = new Set(listing.entries.map((entry) => entry.name))
    for (const name of ['f-000000.dat', 'f-012345.dat', `f-0${bigCount - 1}.dat`]) expect(names).toContain(name)
  })

  it('rejects with CANCELLED when the caller aborts, and stays usable', async () => {
    const cancel = new AbortController()
    const listing = connection.fs.list(`${home}/big`, cancel.signal)
    cancel.abort()
    await expect(within(2_000, listing)).rejects.toMatchObject({ code: 'CANCELLED' })
    expect((await connection.fs.list(`${home}/photos`)).entries).toEqual([])
  })

  it('rejects a pending call with DISCONNECTED promptly when the network drops', async () => {
    const proxy = await startTcpProxy(sshd.port)
    try {
      const dropped = await connect(sshd, proxy.port)
      const listing = dropped.fs.list(`${home}/big`)
      proxy.cutAll()
      await expect(within(3_000, listing)).rejects.toMatchObject({ code: 'DISCONNECTED' })
      await expect(within(1_000, dropped.fs.home())).rejects.toMatchObject({ code: 'DISCONNECTED' })
    } finally {
      await proxy.close()
    }
  })
})
