import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../../e2e/fixtures/tcp-proxy'
import type { Events } from '../../../shared/ipc/contract'
import type { Emit } from '../../../shared/ipc/messages'
import type { SessionId, TransferId } from '../../../shared/models/ids'
import type { TransferInfo } from '../../../shared/models/transfer'
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
    queue = new TransferQueue({
      endpoints: createEndpoints(sessions),
      broadcast,
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

  it('uploads a file and a folder as two jobs, and reports them done', async () => {
    await writeRandomFile(join(localDir, 'one.bin'), 2 * MiB)
    await mkdir(join(localDir, 'folder'))
    await writeFile(join(localDir, 'folder', 'inner.txt'), 'inner')
    const ids = queue.enqueue({ from: { kind: 'local' }, paths: [join(localDir, 'one.bin'), join(localDir, 'folder')], to: remote(), folder: remoteDir })
    expect(ids).toHaveLength(2)
    await eventually(() => ids.every((id) => stateOf(id) === 'done'), 15_000)
    expect(await sha256File(join(remoteDir, 'one.bin'))).toBe(await sha256File(join(localDir, 'one.bin')))
    expect(await readFile(join(remoteDir, 'folder', 'inner.txt'), 'utf8')).toBe('inner')
    expect(latest.get(ids[0]!)).toMatchObject({ name: 'one.bin', direction: 'upload', bytesDone: 2 * MiB, bytesTotal: 2 * MiB })
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
    expect(await readdir(remoteDir)).not.toContain('c.bin')
  })
})
