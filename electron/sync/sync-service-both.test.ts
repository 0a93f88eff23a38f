import { link, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { later, put, t0 } from '../../e2e/fixtures/timed-files'
import { SkiffError } from '../../shared/models/errors'
import type { SessionId, TransferId } from '../../shared/models/ids'
import { defaultSyncCriteria, type SyncPreviewEnded, type SyncResolution, type SyncRow } from '../../shared/models/sync'
import type { TransferInfo } from '../../shared/models/transfer'
import type { FileSystem } from '../fs/file-system'
import { createLocalFs } from '../local/local-fs'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { openRemoteLanes, type Endpoints } from '../transfer/queue/transfer-endpoints'
import { TransferQueue } from '../transfer/queue/transfer-queue'
import { SyncService } from './sync-service'
import { SyncStateStore } from './sync-state'

// Two-way synchronization (Both) between a local folder and a folder on the real sshd.

const server = useSshdFolder('sync-both')
const remote = { kind: 'remote', sessionId: 's1' as SessionId } as const
let base = ''
let localRoot = ''
let remoteRoot = ''
let stateFolder = ''
let jobs = new Map<TransferId, TransferInfo>()
// Lets a test make a local write fail (as root, permissions would not stop it), or drop the link.
let refuseWrite: (path: string) => SkiffError | null = () => null
// Every file opened for writing, either side.
let written: string[] = []

function counted(fs: FileSystem, isLocal: boolean): FileSystem {
  return {
    ...fs,
    openWrite: (path, how, mode, lane) => {
      written.push(path)
      const refused = isLocal ? refuseWrite(path) : null
      return refused ? Promise.reject(refused) : fs.openWrite(path, how, mode, lane)
    },
  }
}

function setup(): { sync: SyncService; queue: TransferQueue } {
  const endpoints: Endpoints = {
    open: async (target, signal) => {
      if (target.kind === 'local') return { fs: counted(createLocalFs(), true), close: () => undefined }
      const lanes = await openRemoteLanes(server.session.channels, server.session.closed, signal)
      return { ...lanes, fs: counted(lanes.fs, false) }
    },
  }
  const queue = new TransferQueue({
    endpoints,
    broadcast: (channel, payload) => {
      if (channel === 'transfer.changed') jobs.set((payload as TransferInfo).transferId, payload as TransferInfo)
    },
    reconnect: async () => undefined,
    backoffMs: () => 10,
  })
  const states = new SyncStateStore(stateFolder)
  return { sync: new SyncService({ endpoints, enqueue: (work) => queue.enqueueSync(work), platform: 'linux', states, serverOf: () => 'me@127.0.0.1:22' }), queue }
}

async function preview(sync: SyncService): Promise<{ previewId: ReturnType<SyncService['preview']>; rows: SyncRow[]; ended: SyncPreviewEnded }> {
  const rows: SyncRow[] = []
  let previewId!: ReturnType<SyncService['preview']>
  const request = { localFolder: localRoot, remote, remoteFolder: remoteRoot, direction: 'both', mode: 'update', isDeleteExtra: false, criteria: defaultSyncCriteria, mask: '', isGitignoreHonoured: false } as const
  const ended = await new Promise<SyncPreviewEnded>((resolve) => {
    previewId = sync.preview(request, { rows: (batch) => rows.push(...batch.rows), ended: resolve })
  })
  expect(ended.error).toBeUndefined()
  return { previewId, rows, ended }
}

async function runToEnd(transferId: TransferId): Promise<TransferInfo> {
  for (let i = 0; i < 1000; i++) {
    const job = jobs.get(transferId)
    if (job && (job.state === 'done' || job.state === 'failed')) return job
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the job did not end')
}

/** Previews and starts with every row checked and the given conflicts resolved. */
async function synchronize(sync: SyncService, resolve: Record<string, SyncResolution['keep']> = {}): Promise<TransferInfo> {
  const { previewId, rows } = await preview(sync)
  const resolutions = rows.filter((row) => resolve[row.path]).map((row) => ({ id: row.id, keep: resolve[row.path]! }))
  return runToEnd(sync.start({ previewId, uncheckedIds: [], resolutions }))
}

const byPath = (rows: readonly SyncRow[]) => Object.fromEntries(rows.map((row) => [row.path, `${row.action} ${row.side}`]))
/** Every path below `root`, links as entries (never followed). */
async function listing(root: string, below = ''): Promise<string[]> {
  const paths: string[] = []
  for (const entry of await readdir(join(root, below), { withFileTypes: true })) {
    const path = below ? `${below}/${entry.name}` : entry.name
    paths.push(path)
    if (entry.isDirectory()) paths.push(...(await listing(root, path)))
  }
  return paths.sort()
}
const stateFiles = async () => (await readdir(stateFolder).catch(() => [])).sort()

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'skiff-sync-both-'))
  localRoot = join(base, 'site')
  await mkdir(localRoot)
  remoteRoot = await mkdtemp(join(server.dir, 'www-'))
  stateFolder = join(base, 'data', 'sync-state')
  jobs = new Map()
  refuseWrite = () => null
  written = []
})

afterEach(async () => {
  await rm(base, { recursive: true, force: true })
  await rm(remoteRoot, { recursive: true, force: true })
})

describe('SyncService, both ways', () => {
  it('copies both ways on a first run and deletes nothing, then deletes on each side what was deleted on the other', async () => {
    // A link on the server to a folder outside: copied as a link, and deleted as one, never followed.
    const outside = join(remoteRoot, '..', `outside-${Date.now()}`)
    await put(outside, 'keep.txt', 'not the synchronization\'s', t0)
    await symlink(outside, join(remoteRoot, 'data'))
    await put(localRoot, 'mine.txt', 'mine', t0)
    await put(localRoot, 'docs/guide.md', 'guide', t0)
    await put(remoteRoot, 'theirs.txt', 'theirs', t0)
    await put(localRoot, 'shared.txt', 'old', t0)
    await put(remoteRoot, 'shared.txt', 'newer on the server', later(60))
    const { sync } = setup()
    const first = await preview(sync)
    expect(byPath(first.rows)).toEqual({ data: 'download local', docs: 'upload remote', 'docs/guide.md': 'upload remote', 'mine.txt': 'upload remote', 'shared.txt': 'replace local', 'theirs.txt': 'download local' })
    expect(first.ended.tallies.delete.count).toBe(0)
    expect(await stateFiles()).toEqual([])
    const job = await runToEnd(sync.start({ previewId: first.previewId, uncheckedIds: [] }))
    expect(job).toMatchObject({ state: 'done', kind: 'sync', direction: 'both', name: 'site', problemCount: 0, filesTotal: 4 })
    expect(await listing(remoteRoot)).toEqual(['data', 'docs', 'docs/guide.md', 'mine.txt', 'shared.txt', 'theirs.txt'])
    expect(await listing(localRoot)).toEqual(['data', 'docs', 'docs/guide.md', 'mine.txt', 'shared.txt', 'theirs.txt'])
    expect((await lstat(join(localRoot, 'data'))).isSymbolicLink()).toBe(true)
    await expect(readFile(join(localRoot, 'shared.txt'), 'utf8')).resolves.toBe('newer on the server')
    expect(await stateFiles()).toHaveLength(1)
    expect((await preview(sync)).rows).toEqual([])

    await rm(join(localRoot, 'mine.txt'))
    await rm(join(localRoot, 'data'))
    await rm(join(remoteRoot, 'docs'), { recursive: true })
    const second = await preview(sync)
    expect(byPath(second.rows)).toEqual({ data: 'delete remote', docs: 'delete local', 'mine.txt': 'delete remote' })
    expect(second.rows.find((row) => row.path === 'docs')?.reason).toBe('deleted on the server since the last sync')
    expect((await synchronize(sync)).state).toBe('done')
    expect(await listing(remoteRoot)).toEqual(['shared.txt', 'theirs.txt'])
    expect(await listing(localRoot)).toEqual(['shared.txt', 'theirs.txt'])
    await expect(readFile(join(outside, 'keep.txt'), 'utf8')).resolves.toBe("not the synchronization's")
    expect((await preview(sync)).rows).toEqual([])
    await rm(outside, { recursive: true })
  })

  it('makes a file changed on both sides a conflict that overwrites nothing until it is resolved', async () => {
    await put(localRoot, 'notes.txt', 'base', t0)
    await put(localRoot, 'plan.txt', 'base', t0)
    const { sync } = setup()
    expect((await synchronize(sync)).state).toBe('done')
    await put(localRoot, 'notes.txt', 'edited here', later(100))
    await put(remoteRoot, 'notes.txt', 'edited on the server', later(200))
    await put(localRoot, 'plan.txt', 'edited here too', later(100))
    await put(remoteRoot, 'plan.txt', 'and there', later(300))
    const { rows } = await preview(sync)
    expect(byPath(rows)).toEqual({ 'notes.txt': 'conflict remote', 'plan.txt': 'conflict remote' })
    expect(rows[0]!.reason).toBe('changed on both sides since the last sync')
    // Unresolved, a conflict runs nothing (and there is nothing else to run: Start has nothing to do).
    const job = await synchronize(sync, { 'plan.txt': 'local' })
    expect(job.state).toBe('done')
    await expect(readFile(join(localRoot, 'notes.txt'), 'utf8')).resolves.toBe('edited here')
    await expect(readFile(join(remoteRoot, 'notes.txt'), 'utf8')).resolves.toBe('edited on the server')
    await expect(readFile(join(remoteRoot, 'plan.txt'), 'utf8')).resolves.toBe('edited here too')
    // The unresolved one is still a conflict; the resolved one is settled.
    expect(byPath((await preview(sync)).rows)).toEqual({ 'notes.txt': 'conflict remote' })
    expect((await synchronize(sync, { 'notes.txt': 'remote' })).state).toBe('done')
    await expect(readFile(join(localRoot, 'notes.txt'), 'utf8')).resolves.toBe('edited on the server')
    expect((await preview(sync)).rows).toEqual([])
  })

  it('replaces its state file atomically after a success, and leaves it as it was after a failure', async () => {
    await put(localRoot, 'a.txt', 'a', t0)
    await put(remoteRoot, 'b.txt', 'b', t0)
    const { sync, queue } = setup()
    expect((await synchronize(sync)).state).toBe('done')
    const [name] = await stateFiles()
    const statePath = join(stateFolder, name!)
    const before = await readFile(statePath, 'utf8')
    expect(Object.keys(JSON.parse(before).entries).sort()).toEqual(['a.txt', 'b.txt'])
    // A second name for the old file: a rename over it leaves this one as it was, a write in place would not.
    await link(statePath, join(base, 'old-state.json'))

    await rm(join(remoteRoot, 'b.txt'))
    await put(remoteRoot, 'c.txt', 'c', t0)
    refuseWrite = (path) => (path.includes('c.txt') ? new SkiffError('PERMISSION_DENIED', `Permission denied: ${path}`) : null)
    const { previewId, rows } = await preview(sync)
    expect(byPath(rows)).toEqual({ 'b.txt': 'delete local', 'c.txt': 'download local' })
    const transferId = sync.start({ previewId, uncheckedIds: [] })
    const failed = await runToEnd(transferId)
    expect(failed.state).toBe('failed')
    await expect(readFile(statePath, 'utf8')).resolves.toBe(before)
    expect(await listing(localRoot)).toEqual(['a.txt', 'b.txt'])

    refuseWrite = () => null
    jobs.delete(transferId)
    queue.retry(transferId)
    expect((await runToEnd(transferId)).state).toBe('done')
    expect(await listing(localRoot)).toEqual(['a.txt', 'c.txt'])
    const after = JSON.parse(await readFile(statePath, 'utf8'))
    expect(Object.keys(after.entries).sort()).toEqual(['a.txt', 'c.txt'])
    expect(after.entries['c.txt'].local).toEqual({ size: 1, mtimeMs: (await stat(join(localRoot, 'c.txt'))).mtimeMs })
    await expect(readFile(join(base, 'old-state.json'), 'utf8')).resolves.toBe(before)
    expect(await stateFiles()).toEqual([name])
  })

  it('records folders found alike as synchronized, so the next run carries a deletion over instead of copying the file back', async () => {
    await put(localRoot, 'same.txt', 'same', t0)
    await put(remoteRoot, 'same.txt', 'same', t0)
    const { sync } = setup()
    expect((await preview(sync)).rows).toEqual([])
    expect(await stateFiles()).toHaveLength(1)
    await rm(join(remoteRoot, 'same.txt'))
    expect(byPath((await preview(sync)).rows)).toEqual({ 'same.txt': 'delete local' })
  })

  it('refuses a folder gone since the last run instead of reading it as everything deleted', async () => {
    await put(localRoot, 'a.txt', 'a', t0)
    const { sync } = setup()
    expect((await synchronize(sync)).state).toBe('done')
    await rm(remoteRoot, { recursive: true })
    const rows: SyncRow[] = []
    const request = { localFolder: localRoot, remote, remoteFolder: remoteRoot, direction: 'both', mode: 'update', isDeleteExtra: false, criteria: defaultSyncCriteria, mask: '', isGitignoreHonoured: false } as const
    const ended = await new Promise<SyncPreviewEnded>((resolve) => sync.preview(request, { rows: (batch) => rows.push(...batch.rows), ended: resolve }))
    expect(ended).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } })
    expect(ended.error?.message).toContain('does not read that as everything deleted')
    expect(await listing(localRoot)).toEqual(['a.txt'])
  })

  it('resumes after a dropped connection as one job: files the first leg finished are not written again', async () => {
    for (const name of ['up1.txt', 'up2.txt']) await put(localRoot, name, name, t0)
    for (const name of ['down1.txt', 'down2.txt']) await put(remoteRoot, name, name, t0)
    let isDropped = false
    refuseWrite = (path) => {
      if (isDropped || !path.includes('down2.txt')) return null
      isDropped = true
      return new SkiffError('DISCONNECTED', 'The connection to the server was lost.')
    }
    const { sync } = setup()
    const job = await synchronize(sync)
    expect(job).toMatchObject({ state: 'done', problemCount: 0, filesDone: 4, filesTotal: 4 })
    expect(jobs.size).toBe(1)
    expect(isDropped).toBe(true)
    const writesOf = (name: string) => written.filter((path) => path.includes(name)).length
    expect([writesOf('up1.txt'), writesOf('up2.txt'), writesOf('down2.txt')]).toEqual([1, 1, 2])
    expect(await listing(localRoot)).toEqual(['down1.txt', 'down2.txt', 'up1.txt', 'up2.txt'])
    expect(await listing(remoteRoot)).toEqual(['down1.txt', 'down2.txt', 'up1.txt', 'up2.txt'])
    expect(await stateFiles()).toHaveLength(1)
  })
})
