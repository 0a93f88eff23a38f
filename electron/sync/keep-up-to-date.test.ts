import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../e2e/fixtures/tcp-proxy'
import type { Events } from '../../shared/ipc/contract'
import type { Emit } from '../../shared/ipc/messages'
import type { SessionId, TransferId } from '../../shared/models/ids'
import type { KeepUpToDateRequest, KeepUpToDateStatus } from '../../shared/models/keep-up-to-date'
import type { TransferInfo } from '../../shared/models/transfer'
import { eventually, fastTuning, tempKnownHosts, type TempKnownHosts } from '../ssh/connect-test-kit'
import { PromptBroker } from '../ssh/prompt-broker'
import { SessionManager } from '../ssh/session-manager'
import { createEndpoints } from '../transfer/queue/transfer-endpoints'
import { TransferQueue } from '../transfer/queue/transfer-queue'
import { KeepUpToDateService } from './keep-up-to-date'

// Keep up to date against the real sshd (through a proxy the tests can cut): a local folder
// watched by chokidar, its changes on the server through the real queue.

describe('KeepUpToDateService against a real sshd', () => {
  let sshd: SshdHandle
  let proxy: TcpProxy
  let knownHosts: TempKnownHosts
  let sessions: SessionManager
  let queue: TransferQueue
  let keeping: KeepUpToDateService
  let sessionId: SessionId
  let localDir = ''
  let remoteDir = ''
  const jobs = new Map<TransferId, TransferInfo>()
  let statuses: KeepUpToDateStatus[] = []
  // The watch's own reconnects wait for this (a server out of reach until the test says so).
  let isReachable = true

  beforeAll(async () => {
    sshd = await startSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
    proxy = await startTcpProxy(sshd.port)
    jobs.clear()
    statuses = []
    isReachable = true
    const prompts = new PromptBroker(5_000)
    const broadcast: Emit = (channel, payload) => {
      if (channel === 'transfer.changed') {
        jobs.set((payload as TransferInfo).transferId, payload as TransferInfo)
        keeping?.onJobChanged(payload as TransferInfo)
      }
      if (channel === 'session.changed') keeping?.onSessionChanged(payload as Events['session.changed'])
      if (channel === 'session.closed') void keeping?.onSessionClosed((payload as Events['session.closed']).sessionId)
      if (channel === 'session.prompt') {
        const { promptId } = payload as Events['session.prompt']
        queueMicrotask(() => prompts.answer(promptId, { kind: 'host-key', decision: 'trust-once' }))
      }
    }
    sessions = new SessionManager({ book: knownHosts.store, prompts, broadcast, tuning: fastTuning })
    const caller = { emit: broadcast, signal: new AbortController().signal }
    sessionId = (await sessions.connect({ host: sshd.host, port: proxy.port, username: sshd.username, privateKeyPath: sshd.clientKeyPath }, caller)).sessionId
    const endpoints = createEndpoints(sessions)
    const reconnect = async (target: { kind: string; sessionId?: SessionId }, signal: AbortSignal) => {
      if (!isReachable) throw new Error('out of reach')
      if (target.sessionId) await sessions.reconnect(target.sessionId, { emit: broadcast, signal })
    }
    queue = new TransferQueue({ endpoints, broadcast, reconnect: (target, signal) => reconnect(target, signal), backoffMs: () => 100 })
    keeping = new KeepUpToDateService({
      endpoints,
      enqueue: (work) => queue.enqueueSync(work),
      jobState: (transferId) => jobs.get(transferId)?.state,
      reconnect: (id, signal) => reconnect({ kind: 'remote', sessionId: id }, signal),
    })
    localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-'))
    remoteDir = await mkdtemp(join(sshd.homeDir, 'keep-'))
  })
  afterEach(async () => {
    await keeping.dispose()
    queue.dispose()
    sessions.closeAll()
    await proxy.close()
    await knownHosts.dispose()
    await rm(localDir, { recursive: true, force: true })
    await rm(remoteDir, { recursive: true, force: true })
  })

  const start = (patch: Partial<KeepUpToDateRequest> = {}) =>
    keeping.start(
      { localFolder: localDir, remote: { kind: 'remote', sessionId }, remoteFolder: remoteDir, isSubfoldersIncluded: true, mask: '', isGitignoreHonoured: false, isDeleteExtra: false, debounceMs: 300, ...patch },
      (status) => statuses.push(status),
    )
  const last = () => statuses.at(-1)
  const remoteNames = async (folder = '') => (await readdir(join(remoteDir, folder)).catch(() => [])).sort()
  const syncJobs = () => [...jobs.values()].filter((job) => job.kind === 'sync')
  const settled = async (uploaded: number, ms = 15_000) => eventually(() => last()?.state === 'watching' && last()!.uploaded >= uploaded && last()!.pending === 0, ms)

  it('uploads a save, a new folder with what it holds, and a rename (the old name deleted with Delete extra on), each batch one job', async () => {
    await writeFile(join(localDir, 'index.html'), 'v1')
    await writeFile(join(remoteDir, 'index.html'), 'v1')
    await writeFile(join(localDir, 'old.css'), 'body{}')
    await writeFile(join(remoteDir, 'old.css'), 'body{}')
    await start({ isDeleteExtra: true })
    await writeFile(join(localDir, 'index.html'), 'v2 saved')
    await settled(1)
    expect(await readFile(join(remoteDir, 'index.html'), 'utf8')).toBe('v2 saved')
    expect(last()?.lastAction).toBe('uploaded index.html')
    await mkdir(join(localDir, 'img', 'icons'), { recursive: true })
    await writeFile(join(localDir, 'img', 'logo.svg'), '<svg/>')
    await writeFile(join(localDir, 'img', 'icons', 'a.svg'), '<svg a/>')
    await settled(3)
    expect(await readFile(join(remoteDir, 'img', 'icons', 'a.svg'), 'utf8')).toBe('<svg a/>')
    await rename(join(localDir, 'old.css'), join(localDir, 'site.css'))
    await eventually(() => last()!.deleted === 1 && last()!.state === 'watching', 15_000)
    expect(await remoteNames()).toEqual(['img', 'index.html', 'site.css'])
    await rename(join(localDir, 'img'), join(localDir, 'images'))
    // The old folder goes with the three entries it held.
    await eventually(() => last()!.deleted === 5 && last()!.state === 'watching', 15_000)
    expect(await remoteNames()).toEqual(['images', 'index.html', 'site.css'])
    expect(await readFile(join(remoteDir, 'images', 'icons', 'a.svg'), 'utf8')).toBe('<svg a/>')
    // A file here where the server has a folder is said, not run.
    await mkdir(join(remoteDir, 'thing'))
    await writeFile(join(localDir, 'thing'), 'a file')
    await eventually(() => last()!.lastAction?.startsWith('not uploaded: thing: a file on this computer, a folder on the server') === true, 15_000)
    expect(syncJobs().length).toBeLessThanOrEqual(5)
    expect(syncJobs().every((job) => job.state === 'done')).toBe(true)
  })

  it('leaves the server copy of a removed file with Delete extra off, leaves out what the mask leaves out, and keeps a link a link', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'skiff-outside-'))
    try {
      await writeFile(join(outside, 'secret.txt'), 'not to be uploaded')
      await writeFile(join(localDir, 'gone.txt'), 'g')
      await writeFile(join(remoteDir, 'gone.txt'), 'g')
      await start({ mask: '|*.tmp; node_modules/' })
      await rm(join(localDir, 'gone.txt'))
      await writeFile(join(localDir, 'draft.tmp'), 'scratch')
      await mkdir(join(localDir, 'node_modules', 'pkg'), { recursive: true })
      await writeFile(join(localDir, 'node_modules', 'pkg', 'index.js'), 'dep')
      await symlink(outside, join(localDir, 'data'))
      await writeFile(join(localDir, 'app.js'), 'js')
      await settled(2)
      expect(await remoteNames()).toEqual(['app.js', 'data', 'gone.txt'])
      expect(await readlink(join(remoteDir, 'data'))).toBe(outside)
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  it('with Subfolders off watches only the files directly in the folder; .gitignore rules apply, and an edited .gitignore counts from then on', async () => {
    await writeFile(join(localDir, '.gitignore'), '*.log\n')
    await start({ isSubfoldersIncluded: false, isGitignoreHonoured: true })
    await mkdir(join(localDir, 'sub'))
    await writeFile(join(localDir, 'sub', 'inside.txt'), 'not watched')
    await writeFile(join(localDir, 'debug.log'), 'ignored')
    await writeFile(join(localDir, 'top.txt'), 't')
    await settled(1)
    expect(await remoteNames()).toEqual(['top.txt'])
    await writeFile(join(localDir, '.gitignore'), '*.tmp\n')
    await writeFile(join(localDir, 'debug.log'), 'no longer ignored')
    await settled(3)
    expect(await remoteNames()).toEqual(['.gitignore', 'debug.log', 'top.txt'])
  })

  it('a burst of 1,000 files written at once arrives whole, as a few jobs at most', async () => {
    await start()
    await mkdir(join(localDir, 'src'))
    const names = Array.from({ length: 1000 }, (_, i) => `file${String(i).padStart(4, '0')}.ts`)
    await Promise.all(names.map((name, i) => writeFile(join(localDir, 'src', name), `export const n = ${i}\n`)))
    await settled(1000, 60_000)
    expect(await remoteNames('src')).toEqual(names)
    const contents = await Promise.all(names.map((name) => readFile(join(remoteDir, 'src', name), 'utf8')))
    expect(contents.every((text, i) => text === `export const n = ${i}\n`)).toBe(true)
    expect(syncJobs().length).toBeLessThanOrEqual(3)
    // A file caught half-written by one batch goes again, whole, with the next.
    expect(last()!.uploaded).toBeLessThan(1100)
  })

  it('keeps the changes made while the connection is down and uploads them once it is back, as one job', async () => {
    await start()
    await writeFile(join(localDir, 'before.txt'), 'b')
    await settled(1)
    isReachable = false
    proxy.cutAll()
    await eventually(() => sessions.list()[0]?.state === 'disconnected', 10_000)
    await writeFile(join(localDir, 'during-1.txt'), '1')
    await writeFile(join(localDir, 'during-2.txt'), '2')
    await eventually(() => last()?.state === 'offline', 10_000)
    expect(last()?.message).toContain('connection is down')
    expect(await remoteNames()).toEqual(['before.txt'])
    const jobsBefore = syncJobs().length
    isReachable = true
    await settled(3, 45_000)
    expect(await remoteNames()).toEqual(['before.txt', 'during-1.txt', 'during-2.txt'])
    expect(syncJobs().length).toBe(jobsBefore + 1)
  })

  it('does not wait for a Synchronize first job that ended before the watch started', async () => {
    await writeFile(join(localDir, 'first.txt'), 'f')
    const [first] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'first.txt')], to: { kind: 'remote', sessionId }, folder: remoteDir })
    await eventually(() => jobs.get(first!)?.state === 'done', 15_000)
    const status = await start({ afterTransferId: first })
    expect(status.state).toBe('watching')
    expect(statuses).toEqual([])
    await writeFile(join(localDir, 'next.txt'), 'n')
    await settled(1)
    expect(await remoteNames()).toEqual(['first.txt', 'next.txt'])
  })

  it('stops when its session is closed', async () => {
    await start()
    sessions.disconnect(sessionId)
    await eventually(() => last()?.state === 'stopped')
    await writeFile(join(localDir, 'late.txt'), 'l')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(syncJobs()).toEqual([])
  })

  it('refuses a local folder that is not there, a bad mask and a server folder not named from the root, before watching', async () => {
    await expect(start({ localFolder: join(localDir, 'nowhere') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(start({ mask: 'a|b|c' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(start({ remoteFolder: 'www' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    expect(statuses).toEqual([])
    await start()
    await expect(start()).rejects.toMatchObject({ code: 'EXISTS' })
  })

  it('stops: a change after Stop is not uploaded', async () => {
    const { watchId } = await start()
    await writeFile(join(localDir, 'a.txt'), 'a')
    await settled(1)
    await keeping.stop(watchId)
    expect(last()?.state).toBe('stopped')
    await writeFile(join(localDir, 'b.txt'), 'b')
    // A second watch, told of its change after b.txt was written: once its file is there, a whole
    // debounce and job have gone by, and the stopped watch had all that time to (wrongly) act.
    const sentinel = await mkdtemp(join(tmpdir(), 'skiff-keep-sentinel-'))
    await start({ localFolder: sentinel, remoteFolder: join(remoteDir, 'sentinel') })
    await writeFile(join(sentinel, 'sentinel.txt'), 's')
    await eventually(() => existsSync(join(remoteDir, 'sentinel', 'sentinel.txt')), 15_000)
    await rm(sentinel, { recursive: true, force: true })
    expect(await remoteNames()).toEqual(['a.txt', 'sentinel'])
  })
})
