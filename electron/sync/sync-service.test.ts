import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SkiffError } from '../../shared/models/errors'
import type { SessionId, TransferId } from '../../shared/models/ids'
import { defaultSyncCriteria, type SyncPreviewEnded, type SyncRequest, type SyncRow } from '../../shared/models/sync'
import type { TransferInfo } from '../../shared/models/transfer'
import type { Events } from '../../shared/ipc/contract'
import type { FileSystem } from '../fs/file-system'
import { createLocalFs } from '../local/local-fs'
import { TransferQueue } from '../transfer/queue/transfer-queue'
import { SyncService } from './sync-service'
import { SyncStateStore } from './sync-state'

// Both sides on the local disk: the "server" is a folder here, reached through the same endpoints
// interface the SFTP side uses (the e2e spec runs the same against the real sshd).

let base = ''
let localRoot = ''
let remoteRoot = ''
const remote = { kind: 'remote', sessionId: 's1' as SessionId } as const
let jobs = new Map<TransferId, TransferInfo>()
// Lets a test make one target file fail to be written.
let refuseWrite: (path: string) => boolean = () => false
// Every folder listed, either side.
let listed: string[] = []
// Every `File exists` question a job asked.
let conflicts: Events['transfer.conflict'][] = []

function targetFs(): FileSystem {
  const fs = createLocalFs()
  return {
    ...fs,
    list: (path, signal) => {
      listed.push(path)
      return fs.list(path, signal)
    },
    openWrite: (path, how, mode, lane) => (refuseWrite(path) ? Promise.reject(new SkiffError('PERMISSION_DENIED', `Permission denied: ${path}`)) : fs.openWrite(path, how, mode, lane)),
  }
}

function setup(): { sync: SyncService; queue: TransferQueue } {
  const endpoints = { open: async () => ({ fs: targetFs(), close: () => undefined }) }
  const queue = new TransferQueue({
    endpoints,
    broadcast: (channel, payload) => {
      if (channel === 'transfer.changed') jobs.set((payload as TransferInfo).transferId, payload as TransferInfo)
      if (channel === 'transfer.conflict') conflicts.push(payload as Events['transfer.conflict'])
    },
    reconnect: async () => undefined,
  })
  const states = new SyncStateStore(join(base, 'sync-state'))
  return { sync: new SyncService({ endpoints, enqueue: (work) => queue.enqueueSync(work), platform: 'linux', states, serverOf: () => 'me@server:22' }), queue }
}

function request(patch: Partial<SyncRequest> = {}): SyncRequest {
  return { localFolder: localRoot, remote, remoteFolder: remoteRoot, direction: 'upload', mode: 'update', isDeleteExtra: false, criteria: defaultSyncCriteria, mask: '', isGitignoreHonoured: false, ...patch }
}

async function preview(sync: SyncService, patch: Partial<SyncRequest> = {}): Promise<{ previewId: ReturnType<SyncService['preview']>; rows: SyncRow[]; ended: SyncPreviewEnded }> {
  const rows: SyncRow[] = []
  let previewId!: ReturnType<SyncService['preview']>
  const ended = await new Promise<SyncPreviewEnded>((resolve) => {
    previewId = sync.preview(request(patch), { rows: (batch) => rows.push(...batch.rows), ended: resolve })
  })
  return { previewId, rows, ended }
}

async function runToEnd(transferId: TransferId): Promise<TransferInfo> {
  for (let i = 0; i < 500; i++) {
    const job = jobs.get(transferId)
    if (job && (job.state === 'done' || job.state === 'failed')) return job
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the job did not end')
}

async function put(root: string, path: string, content: string, mtime?: Date): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true })
  await writeFile(join(root, path), content)
  if (mtime) await utimes(join(root, path), mtime, mtime)
}

const byPath = (rows: readonly SyncRow[]) => Object.fromEntries(rows.map((row) => [row.path, `${row.action} ${row.side}`]))
const t0 = new Date('2026-03-29T00:30:00Z')
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'skiff-sync-'))
  localRoot = join(base, 'site')
  remoteRoot = join(base, 'srv', 'www')
  await mkdir(localRoot)
  await mkdir(join(base, 'srv'))
  jobs = new Map()
  refuseWrite = () => false
  listed = []
  conflicts = []
})

afterEach(() => rm(base, { recursive: true, force: true }))

describe('SyncService', () => {
  it('a first run lists no target folder again; a name taken after the preview, or a file changed after it, is asked about, never replaced unasked', async () => {
    await put(localRoot, 'a.txt', 'mine', later(60))
    await put(localRoot, 'b.txt', 'mine too', later(60))
    await put(localRoot, 'sub/c.txt', 'new', later(60))
    await put(remoteRoot, 'b.txt', 'old', t0)
    await put(remoteRoot, 'sub/d.txt', 'kept', t0)
    const { sync, queue } = setup()
    const { previewId, rows } = await preview(sync)
    expect(byPath(rows)).toEqual({ 'a.txt': 'upload remote', 'b.txt': 'replace remote', 'sub/c.txt': 'upload remote' })
    listed = []
    // Between the preview and Start someone writes a.txt and b.txt on the server.
    await put(remoteRoot, 'a.txt', 'theirs', later(120))
    await put(remoteRoot, 'b.txt', 'a colleague', later(120))
    const transferId = sync.start({ previewId, uncheckedIds: [] })
    // One question at a time: each is answered Skip as it comes.
    for (let i = 0, answered = 0; i < 500 && answered < 2; i++) {
      if (conflicts.length > answered) queue.resolveConflict(conflicts[answered++]!.conflictId, 'skip', false)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(conflicts.map((conflict) => [conflict.path.slice(remoteRoot.length + 1), conflict.reason?.split(':')[0]]).sort()).toEqual([
      ['a.txt', 'It was not there when the preview ran'],
      ['b.txt', 'It changed after the preview'],
    ])
    const job = await runToEnd(transferId)
    expect(job.state).toBe('done')
    expect(job.filesSkipped).toBe(2)
    await expect(readFile(join(remoteRoot, 'a.txt'), 'utf8')).resolves.toBe('theirs')
    await expect(readFile(join(remoteRoot, 'b.txt'), 'utf8')).resolves.toBe('a colleague')
    await expect(readFile(join(remoteRoot, 'sub/c.txt'), 'utf8')).resolves.toBe('new')
    expect((await readdir(remoteRoot)).sort()).toEqual(['a.txt', 'b.txt', 'sub'])
    expect((await readdir(join(remoteRoot, 'sub'))).sort()).toEqual(['c.txt', 'd.txt'])
    expect(listed.filter((path) => path.startsWith(remoteRoot))).toEqual([])
  })

  it('uploads a tree to a folder that is not there yet, with modes and times, and the preview says exactly that', async () => {
    await put(localRoot, 'index.html', '<h1>hi</h1>', t0)
    await put(localRoot, 'css/site.css', 'body{}', t0)
    await put(localRoot, 'bin/run.sh', '#!/bin/sh', t0)
    await chmod(join(localRoot, 'bin/run.sh'), 0o750)
    await mkdir(join(localRoot, 'empty'))
    await symlink('index.html', join(localRoot, 'home.html'))
    const { sync } = setup()
    const { previewId, rows, ended } = await preview(sync)
    expect(ended.state).toBe('done')
    expect(byPath(rows)).toEqual({
      bin: 'upload remote',
      'bin/run.sh': 'upload remote',
      css: 'upload remote',
      'css/site.css': 'upload remote',
      empty: 'upload remote',
      'home.html': 'upload remote',
      'index.html': 'upload remote',
    })
    expect(ended.tallies.upload).toEqual({ count: 7, bytes: 11 + 6 + 9 })
    await expect(readdir(join(base, 'srv'))).resolves.toEqual([])
    const job = await runToEnd(sync.start({ previewId, uncheckedIds: [] }))
    expect(job).toMatchObject({ state: 'done', kind: 'sync', name: 'site', problemCount: 0 })
    await expect(readFile(join(remoteRoot, 'css/site.css'), 'utf8')).resolves.toBe('body{}')
    expect((await stat(join(remoteRoot, 'bin/run.sh'))).mode & 0o777).toBe(0o750)
    expect((await stat(join(remoteRoot, 'index.html'))).mtimeMs).toBe(t0.getTime())
    expect((await stat(join(remoteRoot, 'empty'))).isDirectory()).toBe(true)
    expect((await readdir(remoteRoot)).sort()).toEqual(['bin', 'css', 'empty', 'home.html', 'index.html'])
    const again = await preview(sync)
    expect(again.rows).toEqual([])
  })

  it('update copies only newer files; mirror also replaces newer targets; times 1 s apart are the same', async () => {
    await put(localRoot, 'newer-here.txt', 'new', later(60))
    await put(remoteRoot, 'newer-here.txt', 'old', t0)
    await put(localRoot, 'newer-there.txt', 'old', t0)
    await put(remoteRoot, 'newer-there.txt', 'new!', later(60))
    await put(localRoot, 'rounded.txt', 'same', later(1))
    await put(remoteRoot, 'rounded.txt', 'same', t0)
    await put(localRoot, 'resized.txt', 'longer', t0)
    await put(remoteRoot, 'resized.txt', 'short', t0)
    await put(localRoot, 'hour.txt', 'same', later(3600))
    await put(remoteRoot, 'hour.txt', 'same', t0)
    const { sync } = setup()
    const update = await preview(sync)
    expect(byPath(update.rows)).toEqual({ 'hour.txt': 'replace remote', 'newer-here.txt': 'replace remote', 'resized.txt': 'replace remote' })
    expect(update.rows.find((row) => row.path === 'resized.txt')?.reason).toBe('the same time, a different size')
    const mirror = await preview(sync, { mode: 'mirror' })
    expect(byPath(mirror.rows)).toEqual({ 'hour.txt': 'replace remote', 'newer-here.txt': 'replace remote', 'newer-there.txt': 'replace remote', 'resized.txt': 'replace remote' })
    await runToEnd(sync.start({ previewId: mirror.previewId, uncheckedIds: [] }))
    await expect(readFile(join(remoteRoot, 'newer-there.txt'), 'utf8')).resolves.toBe('old')
    await expect(readFile(join(remoteRoot, 'resized.txt'), 'utf8')).resolves.toBe('longer')
    expect((await preview(sync, { mode: 'mirror' })).rows).toEqual([])
  })

  it('deletes extra files only when asked, and only what the preview saw', async () => {
    await put(localRoot, 'keep.txt', 'k', t0)
    await put(remoteRoot, 'keep.txt', 'k', t0)
    await put(remoteRoot, 'stale.txt', 's', t0)
    await put(remoteRoot, 'edited-since.txt', 'e', t0)
    await put(remoteRoot, 'old/a.txt', 'a', t0)
    await put(remoteRoot, 'old/deep/b.txt', 'b', t0)
    await symlink('/etc', join(remoteRoot, 'etc-link'))
    const { sync } = setup()
    expect((await preview(sync)).rows).toEqual([])
    const { previewId, rows } = await preview(sync, { isDeleteExtra: true })
    expect(byPath(rows)).toEqual({ 'edited-since.txt': 'delete remote', 'etc-link': 'delete remote', old: 'delete remote', 'stale.txt': 'delete remote' })
    expect(rows.find((row) => row.path === 'old')?.entriesInside).toBe(3)
    // Between the preview and the start: one file changes, one appears in a folder to be deleted.
    await put(remoteRoot, 'edited-since.txt', 'edited after the preview', t0)
    await put(remoteRoot, 'old/deep/new.txt', 'n', t0)
    const job = await runToEnd(sync.start({ previewId, uncheckedIds: [] }))
    expect(job.state).toBe('failed')
    expect(job.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('edited-since.txt changed after the preview'), expect.stringMatching(/Not deleted: .*not empty/)])
    expect((await readdir(remoteRoot)).sort()).toEqual(['edited-since.txt', 'keep.txt', 'old'])
    expect(await readdir(join(remoteRoot, 'old', 'deep'))).toEqual(['new.txt'])
    await expect(stat('/etc/hostname')).resolves.toBeTruthy()
  })

  it('does nothing for unchecked rows, and an unchecked new folder drops what is inside it', async () => {
    await put(localRoot, 'a.txt', 'a', t0)
    await put(localRoot, 'b.txt', 'b', t0)
    await put(localRoot, 'docs/one.md', '1', t0)
    await put(localRoot, 'docs/sub/two.md', '2', t0)
    const { sync } = setup()
    const { previewId, rows } = await preview(sync)
    const idOf = (path: string) => rows.find((row) => row.path === path)!.id
    await runToEnd(sync.start({ previewId, uncheckedIds: [idOf('b.txt'), idOf('docs')] }))
    expect(await readdir(remoteRoot)).toEqual(['a.txt'])
  })

  it('leaves out what the masks and .gitignore leave out: neither copied nor deleted, excluded folders not even listed', async () => {
    await put(localRoot, 'app.js', 'js', t0)
    await put(localRoot, 'app.tmp', 'tmp', t0)
    await put(localRoot, 'node_modules/pkg/index.js', 'dep', t0)
    await put(localRoot, 'dist/bundle.js', 'b', t0)
    await put(localRoot, 'logs/today.log', 'l', t0)
    await put(localRoot, '.gitignore', 'dist/\n*.log\n', t0)
    await put(remoteRoot, 'server.tmp', 'keep me', t0)
    await put(remoteRoot, 'node_modules/other/x.js', 'theirs', t0)
    await put(remoteRoot, 'logs/server.log', 'theirs', t0)
    const { sync } = setup()
    const { rows } = await preview(sync, { mask: '|*.tmp; node_modules/', isGitignoreHonoured: true, isDeleteExtra: true })
    expect(byPath(rows)).toEqual({ '.gitignore': 'upload remote', 'app.js': 'upload remote' })
    expect(listed.filter((path) => path.includes('node_modules'))).toEqual([])
    const plain = await preview(sync, { mask: '|*.tmp; node_modules/' })
    expect(Object.keys(byPath(plain.rows)).sort()).toEqual(['.gitignore', 'app.js', 'dist', 'dist/bundle.js', 'logs/today.log'])
  })

  it('shows names that differ only in case and a file against a folder as problems, and never runs them', async () => {
    await put(localRoot, 'README.md', 'new', later(60))
    await put(remoteRoot, 'Readme.md', 'old', t0)
    await put(localRoot, 'thing', 'a file', t0)
    await put(remoteRoot, 'thing/inside.txt', 'a folder', t0)
    const { sync } = setup()
    const { previewId, rows, ended } = await preview(sync, { mode: 'mirror', isDeleteExtra: true })
    expect(byPath(rows)).toEqual({ 'README.md': 'problem remote', 'Readme.md': 'problem remote', thing: 'problem remote' })
    expect(rows[0]!.reason).toContain('differs only in case from Readme.md')
    expect(ended.tallies.problem.count).toBe(3)
    await runToEnd(sync.start({ previewId, uncheckedIds: [] }))
    expect((await readdir(remoteRoot)).sort()).toEqual(['Readme.md', 'thing'])
    await expect(readFile(join(remoteRoot, 'thing/inside.txt'), 'utf8')).resolves.toBe('a folder')
  })

  it('deletes nothing while a copy fails, and deletes once a retry has every copy in place', async () => {
    await put(localRoot, 'good.txt', 'g', t0)
    await put(localRoot, 'bad.txt', 'b', t0)
    await put(remoteRoot, 'extra.txt', 'x', t0)
    refuseWrite = (path) => path.includes('bad.txt')
    const { sync, queue } = setup()
    const { previewId } = await preview(sync, { isDeleteExtra: true })
    const transferId = sync.start({ previewId, uncheckedIds: [] })
    const failed = await runToEnd(transferId)
    expect(failed.state).toBe('failed')
    expect(failed.problems.map((problem) => problem.message).join('\n')).toContain('deletes nothing until every copy succeeded')
    expect((await readdir(remoteRoot)).sort()).toEqual(['extra.txt', 'good.txt'])
    refuseWrite = () => false
    jobs.delete(transferId)
    queue.retry(transferId)
    expect((await runToEnd(transferId)).state).toBe('done')
    expect((await readdir(remoteRoot)).sort()).toEqual(['bad.txt', 'good.txt'])
  })

  it('downloads: the server side is the source, this computer the target', async () => {
    await put(remoteRoot, 'report.csv', 'a,b', t0)
    await put(localRoot, 'scratch.txt', 'mine', t0)
    const { sync } = setup()
    const { previewId, rows } = await preview(sync, { direction: 'download', isDeleteExtra: true })
    expect(byPath(rows)).toEqual({ 'report.csv': 'download local', 'scratch.txt': 'delete local' })
    await runToEnd(sync.start({ previewId, uncheckedIds: [rows.find((row) => row.path === 'scratch.txt')!.id] }))
    expect((await readdir(localRoot)).sort()).toEqual(['report.csv', 'scratch.txt'])
  })

  it('refuses a bad mask and a source folder that is not there before anything runs', async () => {
    const { sync } = setup()
    expect(() => sync.preview(request({ mask: 'a|b|c' }), { rows: () => undefined, ended: () => undefined })).toThrow(/Only one \|/)
    const { ended } = await preview(sync, { localFolder: join(base, 'nowhere') })
    expect(ended).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } })
  })
})
