import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../../e2e/fixtures/tcp-proxy'
import type { Events } from '../../../shared/ipc/contract'
import type { Emit } from '../../../shared/ipc/messages'
import type { SessionId, TransferId } from '../../../shared/models/ids'
import type { TransferInfo } from '../../../shared/models/transfer'
import { defaultSettings, type Settings } from '../../../shared/models/settings'
import { eventually, fastTuning, tempKnownHosts, type TempKnownHosts } from '../../ssh/connect-test-kit'
import { PromptBroker } from '../../ssh/prompt-broker'
import { SessionManager } from '../../ssh/session-manager'
import { sha256File, writeRandomFile } from '../transfer-test-kit'
import { createEndpoints } from './transfer-endpoints'
import { TransferQueue } from './transfer-queue'

const MiB = 1024 * 1024

describe('TransferQueue against a real sshd', () => {
  let sshd: SshdHandle
  let proxy: TcpProxy
  let knownHosts: TempKnownHosts
  let sessions: SessionManager
  let queue: TransferQueue
  let sessionId: SessionId
  let localDir = ''
  let remoteDir = ''
  const latest = new Map<TransferId, TransferInfo>()
  const conflicts: Events['transfer.conflict'][] = []
  let transferSettings: Settings['transfer'] = { ...defaultSettings.transfer }
  const settings = { update: async (change: Partial<Settings['transfer']>) => void (transferSettings = { ...transferSettings, ...change }) }
  // A test's hook into progress as it happens (to pause or cut at a chosen point).
  let onProgress: (info: TransferInfo) => void = () => undefined

  beforeAll(async () => {
    sshd = await startSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
  })
  beforeEach(async () => {
    knownHosts = await tempKnownHosts()
    proxy = await startTcpProxy(sshd.port)
    latest.clear()
    conflicts.length = 0
    onProgress = () => undefined
    const prompts = new PromptBroker(5_000)
    const broadcast: Emit = (channel, payload) => {
      if (channel === 'transfer.changed') latest.set((payload as TransferInfo).transferId, payload as TransferInfo)
      if (channel === 'transfer.changed') onProgress((payload as TransferInfo))
      if (channel === 'transfer.conflict') conflicts.push(payload as Events['transfer.conflict'])
      if (channel === 'session.prompt') {
        const { promptId } = payload as Events['session.prompt']
        queueMicrotask(() => prompts.answer(promptId, { kind: 'host-key', decision: 'trust-once' }))
      }
    }
    sessions = new SessionManager({ book: knownHosts.store, prompts, broadcast, tuning: fastTuning })
    const caller = { emit: broadcast, signal: new AbortController().signal }
    const session = await sessions.connect({ host: sshd.host, port: proxy.port, username: sshd.username, privateKeyPath: sshd.clientKeyPath }, caller)
    sessionId = session.sessionId
    transferSettings = { ...defaultSettings.transfer }
    queue = new TransferQueue({
      endpoints: createEndpoints(sessions),
      broadcast,
      settings: () => transferSettings,
      reconnect: async (target, signal) => {
        if (target.kind === 'remote') await sessions.reconnect(target.sessionId, { emit: broadcast, signal })
      },
      backoffMs: () => 100,
    })
    localDir = await mkdtemp(join(tmpdir(), 'skiff-queue-'))
    remoteDir = await mkdtemp(join(sshd.homeDir, 'queue-'))
  })
  afterEach(async () => {
    queue.dispose()
    sessions.closeAll()
    await proxy.close()
    await knownHosts.dispose()
    await rm(localDir, { recursive: true, force: true })
    await rm(remoteDir, { recursive: true, force: true })
  })

  const remote = () => ({ kind: 'remote' as const, sessionId })
  const stateOf = (id: TransferId) => latest.get(id)?.state

  it('uploads a selection of a file and a folder as one job, and reports it done', async () => {
    await writeRandomFile(join(localDir, 'one.bin'), 2 * MiB)
    await mkdir(join(localDir, 'folder'))
    await writeFile(join(localDir, 'folder', 'inner.txt'), 'inner')
    const ids = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'one.bin'), join(localDir, 'folder')], to: remote(), folder: remoteDir })
    expect(ids).toHaveLength(1)
    await eventually(() => stateOf(ids[0]!) === 'done', 15_000)
    expect(await sha256File(join(remoteDir, 'one.bin'))).toBe(await sha256File(join(localDir, 'one.bin')))
    expect(await readFile(join(remoteDir, 'folder', 'inner.txt'), 'utf8')).toBe('inner')
    expect(latest.get(ids[0]!)).toMatchObject({ name: '2 items', itemCount: 2, items: ['one.bin', 'folder'], direction: 'upload', bytesDone: 2 * MiB + 5, filesDone: 2, partialFiles: 0 })
  })

  it('a move carries a link as a link and never deletes what it points to', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'skiff-outside-'))
    try {
      await writeFile(join(outside, 'precious.txt'), 'keep me')
      await mkdir(join(localDir, 'proj'))
      await writeFile(join(localDir, 'proj', 'main.c'), 'int main;')
      await symlink(outside, join(localDir, 'proj', 'data'))
      await symlink('main.c', join(localDir, 'proj', 'entry.c'))
      const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'proj')], to: remote(), folder: remoteDir, isMove: true })
      await eventually(() => stateOf(id!) === 'done', 15_000)
      expect(await readdir(outside)).toEqual(['precious.txt'])
      expect(await readFile(join(outside, 'precious.txt'), 'utf8')).toBe('keep me')
      expect(await readlink(join(remoteDir, 'proj', 'data'))).toBe(outside)
      expect(await readlink(join(remoteDir, 'proj', 'entry.c'))).toBe('main.c')
      expect(await readFile(join(remoteDir, 'proj', 'main.c'), 'utf8')).toBe('int main;')
      expect(await readdir(localDir)).toEqual([])
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  it('a move off the server keeps links as links there too, and a copy still follows them', async () => {
    const outside = await mkdtemp(join(sshd.homeDir, 'outside-'))
    await writeFile(join(outside, 'shared.txt'), 'shared')
    await mkdir(join(remoteDir, 'site'))
    await writeFile(join(remoteDir, 'site', 'index.html'), '<p>')
    await symlink(outside, join(remoteDir, 'site', 'shared'))
    const [copied] = queue.enqueue({ from: remote(), paths: [join(remoteDir, 'site')], to: { kind: 'local' }, folder: localDir })
    await eventually(() => stateOf(copied!) === 'done', 15_000)
    expect(await readFile(join(localDir, 'site', 'shared', 'shared.txt'), 'utf8')).toBe('shared')
    await rm(join(localDir, 'site'), { recursive: true })
    const [moved] = queue.enqueue({ from: remote(), paths: [join(remoteDir, 'site')], to: { kind: 'local' }, folder: localDir, isMove: true })
    await eventually(() => stateOf(moved!) === 'done', 15_000)
    expect(await readlink(join(localDir, 'site', 'shared'))).toBe(outside)
    expect(await readFile(join(outside, 'shared.txt'), 'utf8')).toBe('shared')
    expect(await readdir(remoteDir)).toEqual([])
  })

  it('a link the target cannot take stays at the source, with its folder, and is reported', async () => {
    await mkdir(join(localDir, 'proj'))
    await writeFile(join(localDir, 'proj', 'a.txt'), 'a')
    await symlink('a.txt', join(localDir, 'proj', 'taken'))
    await mkdir(join(remoteDir, 'proj'))
    await writeFile(join(remoteDir, 'proj', 'taken'), 'already here')
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'proj')], to: remote(), folder: remoteDir, isMove: true })
    await eventually(() => stateOf(id!) === 'failed', 15_000)
    expect(latest.get(id!)?.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('stays where it was') })])
    expect(await readdir(join(localDir, 'proj'))).toEqual(['taken'])
    expect(await readFile(join(remoteDir, 'proj', 'taken'), 'utf8')).toBe('already here')
    expect(await readFile(join(remoteDir, 'proj', 'a.txt'), 'utf8')).toBe('a')
  })

  it('moves: the source is deleted only after the copy', async () => {
    await mkdir(join(localDir, 'moving'))
    await writeFile(join(localDir, 'moving', 'a.txt'), 'a')
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'moving')], to: remote(), folder: remoteDir, isMove: true })
    await eventually(() => stateOf(id!) === 'done', 15_000)
    expect(await readFile(join(remoteDir, 'moving', 'a.txt'), 'utf8')).toBe('a')
    expect(await readdir(localDir)).toEqual([])
  })

  it('asks about a taken name once when the answer applies to all', async () => {
    for (const name of ['x.txt', 'y.txt', 'z.txt']) {
      await mkdir(join(localDir, 'set'), { recursive: true })
      await writeFile(join(localDir, 'set', name), `new ${name}`)
      await mkdir(join(remoteDir, 'set'), { recursive: true })
      await writeFile(join(remoteDir, 'set', name), 'old')
    }
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'set')], to: remote(), folder: remoteDir })
    await eventually(() => conflicts.length === 1, 10_000)
    expect(conflicts[0]).toMatchObject({ transferId: id, source: { size: 9 }, target: { size: 3 } })
    queue.resolveConflict(conflicts[0]!.conflictId, 'skip', true)
    await eventually(() => stateOf(id!) === 'done', 10_000)
    expect(conflicts).toHaveLength(1)
    for (const name of ['x.txt', 'y.txt', 'z.txt']) expect(await readFile(join(remoteDir, 'set', name), 'utf8')).toBe('old')
  })

  it('a second job onto a name the first is writing waits for it, then asks about the taken name', async () => {
    // Find results from two folders, or one file dropped twice: the same name, two jobs.
    await mkdir(join(localDir, 'a'))
    await mkdir(join(localDir, 'b'))
    await writeRandomFile(join(localDir, 'a', 'notes.txt'), 8 * MiB)
    await writeFile(join(localDir, 'b', 'notes.txt'), 'short')
    const [first] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'a', 'notes.txt')], to: remote(), folder: remoteDir })
    const [second] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'b', 'notes.txt')], to: remote(), folder: remoteDir })
    await eventually(() => conflicts.length === 1, 15_000)
    expect(stateOf(first!)).toBe('done')
    expect(conflicts[0]).toMatchObject({ transferId: second, source: { size: 5 }, target: { size: 8 * MiB } })
    queue.resolveConflict(conflicts[0]!.conflictId, 'overwrite', false)
    await eventually(() => stateOf(second!) === 'done', 10_000)
    expect(await readFile(join(remoteDir, 'notes.txt'), 'utf8')).toBe('short')
    expect(await readdir(remoteDir)).toEqual(['notes.txt'])
  })

  it('the servers of a deploy run beside the other jobs, at most the group limit at once', async () => {
    const names = ['a.bin', 'b.bin', 'c.bin']
    for (const name of names) await writeRandomFile(join(localDir, name), MiB)
    const work = (name: string, folder: string) => {
      const leg = {
        from: { kind: 'local' as const },
        sourceRoot: localDir,
        to: remote(),
        targetRoot: join(remoteDir, folder),
        folders: [],
        files: [{ sourcePath: join(localDir, name), relPath: [name], size: MiB, mtimeMs: Date.now(), mode: 0o644 }],
        links: [],
        replaced: new Map(),
        deletions: [],
        bytes: MiB,
      }
      return { name, from: leg.from, sourceRoot: leg.sourceRoot, to: leg.to, targetRoot: leg.targetRoot, legs: [leg], bytes: MiB }
    }
    for (let i = 0; i < 3; i++) await mkdir(join(remoteDir, `copy${i}`))
    const copies = names.map((name, i) => queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, name)], to: remote(), folder: join(remoteDir, `copy${i}`) })[0]!)
    const group = { id: 'deploy-1', limit: () => 2 }
    const servers = names.map((name, i) => queue.enqueueSync(work(name, `server${i}`), group))
    // Two copies run (the queue's limit), the third waits; two servers run beside them, the third waits for one.
    expect(copies.map(stateOf)).toEqual(['running', 'running', 'queued'])
    expect(servers.map(stateOf)).toEqual(['running', 'running', 'queued'])
    await eventually(() => [...copies, ...servers].every((id) => stateOf(id) === 'done'), 20_000)
    expect(latest.get(servers[0]!)?.deployGroup).toBe('deploy-1')
    for (let i = 0; i < 3; i++) expect(await readdir(join(remoteDir, `server${i}`))).toEqual([names[i]])
  })

  it('pauses and resumes a large download from its partial file', async () => {
    await writeRandomFile(join(remoteDir, 'large.bin'), 128 * MiB)
    let isPaused = false
    onProgress = (info) => {
      if (isPaused || info.bytesDone === 0) return
      isPaused = true
      queue.pause(info.transferId)
    }
    const [id] = queue.enqueue({ from: remote(), paths: [join(remoteDir, 'large.bin')], to: { kind: 'local' }, folder: localDir })
    await eventually(() => stateOf(id!) === 'paused', 15_000).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${JSON.stringify(latest.get(id!))}`)
    })
    expect(await readdir(localDir)).toEqual(['large.bin.skiffpart'])
    const partial = await readFile(join(localDir, 'large.bin.skiffpart'))
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.equals((await readFile(join(remoteDir, 'large.bin'))).subarray(0, partial.length))).toBe(true)
    queue.resume(id!)
    await eventually(() => stateOf(id!) === 'done', 30_000)
    expect(await sha256File(join(localDir, 'large.bin'))).toBe(await sha256File(join(remoteDir, 'large.bin')))
  })

  it('reconnects after a dropped connection and finishes byte-identical', async () => {
    await writeRandomFile(join(localDir, 'drop.bin'), 96 * MiB)
    let hasCut = false
    const states: string[] = []
    onProgress = (info) => {
      states.push(info.error?.code === 'DISCONNECTED' ? 'reconnecting' : info.state)
      if (hasCut || info.bytesDone < 4 * MiB) return
      hasCut = true
      proxy.cutAll()
    }
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'drop.bin')], to: remote(), folder: remoteDir })
    await eventually(() => stateOf(id!) === 'done', 25_000)
    expect(hasCut).toBe(true)
    expect(states).toContain('reconnecting')
    expect(await sha256File(join(remoteDir, 'drop.bin'))).toBe(await sha256File(join(localDir, 'drop.bin')))
    expect(await readdir(remoteDir)).toEqual(['drop.bin'])
  })

  it('cancels a job; the real name never holds a partial file', async () => {
    await writeRandomFile(join(localDir, 'c.bin'), 64 * MiB)
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'c.bin')], to: remote(), folder: remoteDir })
    await eventually(() => (latest.get(id!)?.bytesDone ?? 0) > MiB, 15_000)
    queue.cancel(id!)
    await eventually(() => stateOf(id!) === 'cancelled', 10_000)
    await eventually(() => latest.get(id!)?.partialFiles === 0, 10_000)
    expect(await readdir(remoteDir)).toEqual([])
  })

  it('pausing an overwrite and resuming it goes on from its part file, without asking again', async () => {
    await writeRandomFile(join(localDir, 'over.bin'), 96 * MiB)
    await writeFile(join(remoteDir, 'over.bin'), 'old version')
    let pausedAt = 0
    const resumedFrom: number[] = []
    onProgress = (info) => {
      if (pausedAt === 0 && info.state === 'running' && info.bytesDone > 48 * MiB) {
        pausedAt = info.bytesDone
        queue.pause(info.transferId)
      } else if (pausedAt > 0 && info.state === 'running' && info.bytesDone > 0) resumedFrom.push(info.bytesDone)
    }
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'over.bin')], to: remote(), folder: remoteDir })
    await eventually(() => conflicts.length === 1, 10_000)
    queue.resolveConflict(conflicts[0]!.conflictId, 'overwrite', false)
    await eventually(() => stateOf(id!) === 'paused', 15_000)
    expect(latest.get(id!)?.partialFiles).toBe(1)
    expect(await readFile(join(remoteDir, 'over.bin'), 'utf8')).toBe('old version')
    queue.resume(id!)
    await eventually(() => stateOf(id!) === 'done', 30_000)
    expect(conflicts).toHaveLength(1)
    // The first progress after the resume starts near the pause, not at zero.
    expect(resumedFrom[0]).toBeGreaterThan(8 * MiB)
    expect(await sha256File(join(remoteDir, 'over.bin'))).toBe(await sha256File(join(localDir, 'over.bin')))
    expect(await readdir(remoteDir)).toEqual(['over.bin'])
  })

  it('retrying a job copies only what failed, and asks nothing about what is already in place', async () => {
    await mkdir(join(localDir, 'batch'))
    for (let i = 0; i < 20; i++) await writeFile(join(localDir, 'batch', `f${i}.txt`), `file ${i}`)
    await mkdir(join(remoteDir, 'batch', 'f7.txt'), { recursive: true })
    const [id] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'batch')], to: remote(), folder: remoteDir })
    await eventually(() => stateOf(id!) === 'failed', 15_000)
    expect(latest.get(id!)).toMatchObject({ problemCount: 1, filesDone: 20 })
    await rm(join(remoteDir, 'batch', 'f7.txt'), { recursive: true })
    await writeFile(join(remoteDir, 'batch', 'f3.txt'), 'changed on the server meanwhile')
    queue.retryFailed()
    await eventually(() => stateOf(id!) === 'done', 15_000)
    expect(conflicts).toHaveLength(0)
    expect(await readFile(join(remoteDir, 'batch', 'f7.txt'), 'utf8')).toBe('file 7')
    expect(await readFile(join(remoteDir, 'batch', 'f3.txt'), 'utf8')).toBe('changed on the server meanwhile')
  })

  it('Clear finished keeps failed jobs; Cancel on a failed job removes its part files', async () => {
    await writeFile(join(localDir, 'ok.txt'), 'ok')
    await writeFile(join(localDir, 'clash'), 'a file')
    await mkdir(join(remoteDir, 'clash'))
    const [done] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'ok.txt')], to: remote(), folder: remoteDir })
    const [failed] = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'clash')], to: remote(), folder: remoteDir })
    await eventually(() => stateOf(done!) === 'done' && stateOf(failed!) === 'failed', 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify([latest.get(done!), latest.get(failed!)])}`)
    })
    queue.clearFinished()
    expect(queue.list().map((job) => job.transferId)).toEqual([failed])
    queue.cancel(failed!)
    expect(stateOf(failed!)).toBe('cancelled')
    queue.clearFinished()
    expect(queue.list()).toEqual([])
  })

  it('two jobs of many small files with checksums on stay within MaxSessions 10', async () => {
    for (const set of ['a', 'b']) {
      await mkdir(join(localDir, set))
      for (let i = 0; i < 150; i++) await writeFile(join(localDir, set, `${i}.txt`), `${set}${i}`)
    }
    await settings.update({ verifyChecksums: true })
    const ids = ['a', 'b'].map((set) => queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, set)], to: remote(), folder: remoteDir })[0]!)
    await eventually(() => ids.every((id) => stateOf(id) === 'done'), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(ids.map((id) => latest.get(id)))}`)
    })
    expect(ids.map((id) => latest.get(id)?.isVerified)).toEqual([true, true])
    expect(await readdir(join(remoteDir, 'b'))).toHaveLength(150)
    expect(await readFile(sshd.logPath, 'utf8')).not.toContain('no more sessions')
  })
})
