import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy, type TcpProxy } from '../../e2e/fixtures/tcp-proxy'
import type { Events } from '../../shared/ipc/contract'
import type { Emit } from '../../shared/ipc/messages'
import type { FsTarget } from '../../shared/models/fs'
import type { SessionId, TransferId } from '../../shared/models/ids'
import type { TransferInfo } from '../../shared/models/transfer'
import { createLocalFs } from '../local/local-fs'
import { eventually, fastTuning, tempKnownHosts, type TempKnownHosts } from '../ssh/connect-test-kit'
import { PromptBroker } from '../ssh/prompt-broker'
import { SessionManager } from '../ssh/session-manager'
import { createEndpoints } from '../transfer/queue/transfer-endpoints'
import { TransferQueue } from '../transfer/queue/transfer-queue'
import { FileOperations } from './file-operations'

/** `count` small files in `folders` folders under `root`. */
async function plantFiles(root: string, folders: number, count: number): Promise<void> {
  for (let f = 0; f < folders; f++) {
    await mkdir(join(root, `d${f}`), { recursive: true })
    await Promise.all(Array.from({ length: count / folders }, (_, i) => writeFile(join(root, `d${f}`, `f${i}.txt`), 'x')))
  }
}

describe('file operations as jobs of the queue, against a real sshd', () => {
  let sshd: SshdHandle
  let proxy: TcpProxy
  let knownHosts: TempKnownHosts
  let sessions: SessionManager
  let queue: TransferQueue
  let operations: FileOperations
  let sessionId: SessionId
  let remoteDir = ''
  let outside = ''
  const latest = new Map<TransferId, TransferInfo>()
  let onChange: (info: TransferInfo) => void = () => undefined

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
    onChange = () => undefined
    const prompts = new PromptBroker(5_000)
    const broadcast: Emit = (channel, payload) => {
      if (channel === 'transfer.changed') {
        latest.set((payload as TransferInfo).transferId, payload as TransferInfo)
        onChange(payload as TransferInfo)
      }
      if (channel === 'session.prompt') {
        const { promptId } = payload as Events['session.prompt']
        queueMicrotask(() => prompts.answer(promptId, { kind: 'host-key', decision: 'trust-once' }))
      }
    }
    sessions = new SessionManager({ book: knownHosts.store, prompts, broadcast, tuning: fastTuning })
    const session = await sessions.connect({ host: sshd.host, port: proxy.port, username: sshd.username, privateKeyPath: sshd.clientKeyPath }, { emit: broadcast, signal: new AbortController().signal })
    sessionId = session.sessionId
    queue = new TransferQueue({ endpoints: createEndpoints(sessions), broadcast, reconnect: async () => undefined })
    const localFs = createLocalFs()
    operations = new FileOperations({ fsOf: (target) => (target.kind === 'local' ? localFs : sessions.fsOf(target.sessionId)), queue, platform: process.platform })
    remoteDir = await mkdtemp(join(sshd.homeDir, 'ops-'))
    outside = await mkdtemp(join(tmpdir(), 'skiff-outside-'))
    await writeFile(join(outside, 'precious.txt'), 'keep me', { mode: 0o600 })
  })
  afterEach(async () => {
    queue.dispose()
    sessions.closeAll()
    await proxy.close()
    await knownHosts.dispose()
    await rm(remoteDir, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })

  const remote = (): FsTarget => ({ kind: 'remote', sessionId })
  const info = (id: TransferId) => latest.get(id)
  const isOver = (id: TransferId) => ['done', 'failed', 'cancelled'].includes(info(id)?.state ?? '')

  it('deletes a remote tree holding a link to an outside folder, and says what it did', async () => {
    const tree = join(remoteDir, 'site-old')
    await plantFiles(tree, 5, 50)
    await symlink(outside, join(tree, 'd0', 'data'))
    const id = operations.delete({ target: remote(), paths: [tree], isPermanent: true })
    await eventually(() => isOver(id), 15_000)
    expect(info(id)).toMatchObject({ kind: 'delete', name: 'site-old', state: 'done', filesDone: 1 + 5 + 50 + 1, filesTotal: 1 + 5 + 50 + 1, problemCount: 0 })
    expect(await readdir(remoteDir)).toEqual([])
    expect(await readFile(join(outside, 'precious.txt'), 'utf8')).toBe('keep me')
  })

  it('changes permissions of a remote tree recursively, never the link’s target', async () => {
    const tree = join(remoteDir, 'www')
    await plantFiles(tree, 2, 8)
    await symlink(outside, join(tree, 'data'))
    await symlink(join(outside, 'precious.txt'), join(tree, 'precious-link'))
    const id = await operations.setAttributes({ target: remote(), paths: [tree], permissions: { set: 0o640, clear: 0o7137 }, isRecursive: true, isAddFolderExecute: true })
    await eventually(() => isOver(id), 15_000)
    expect(info(id)).toMatchObject({ kind: 'attributes', state: 'done' })
    expect((await stat(join(tree, 'd1', 'f3.txt'))).mode & 0o7777).toBe(0o640)
    expect((await stat(join(tree, 'd1'))).mode & 0o7777).toBe(0o750)
    expect((await stat(join(outside, 'precious.txt'))).mode & 0o7777).toBe(0o600)
    expect((await stat(outside)).mode & 0o7777).toBe(0o700)
  })

  it('adds up a folder’s size as a job', async () => {
    await plantFiles(join(remoteDir, 'logs'), 2, 10)
    const id = operations.folderSize(remote(), [join(remoteDir, 'logs')])
    await eventually(() => isOver(id), 15_000)
    expect(info(id)).toMatchObject({ kind: 'size', state: 'done', count: { folders: 3, files: 10, links: 0, others: 0, bytes: 10 } })
  })

  it('fails with what was done when the connection drops mid-delete, and a retry does the rest', async () => {
    const tree = join(remoteDir, 'big')
    await plantFiles(tree, 10, 20_000)
    let isCut = false
    onChange = (job) => {
      if (!isCut && job.filesDone > 200) {
        isCut = true
        proxy.cutAll()
      }
    }
    const id = operations.delete({ target: remote(), paths: [tree], isPermanent: true })
    await eventually(() => isOver(id), 30_000)
    expect(info(id)?.state).toBe('failed')
    expect(info(id)?.error).toMatchObject({ code: 'DISCONNECTED', message: expect.stringMatching(/[\d,]+ of [\d,]+ entries had been done; Retry does the rest\./) })
    const left = (await readdir(tree, { recursive: true })).length
    expect(left).toBeGreaterThan(0)
    await sessions.reconnect(sessionId, { emit: () => undefined, signal: new AbortController().signal })
    queue.retry(id)
    await eventually(() => info(id)?.state === 'done', 30_000)
    expect(await readdir(remoteDir)).toEqual([])
  })

  it('is cancelled with what was done, and nothing more goes', async () => {
    const tree = join(remoteDir, 'slow')
    await plantFiles(tree, 10, 20_000)
    onChange = (job) => {
      if (job.filesDone > 100 && job.state === 'running') queue.cancel(job.transferId)
    }
    const id = operations.delete({ target: remote(), paths: [tree], isPermanent: true })
    await eventually(() => isOver(id), 30_000)
    expect(info(id)).toMatchObject({ state: 'cancelled', error: { message: expect.stringMatching(/^Cancelled after [\d,]+ of [\d,]+ entries\.$/) } })
    // The job turns Cancelled only once the requests it sent are answered: what it says it
    // removed is exactly what is gone, and nothing goes after it.
    const left = (await readdir(tree, { recursive: true })).length
    expect(left).toBeGreaterThan(0)
    expect(20_000 + 10 - left).toBe(info(id)?.filesDone)
  })

  it('sends a local delete to the OS trash where there is one, and says there is none elsewhere', async () => {
    const trashed: string[] = []
    const localFs = createLocalFs()
    const withTrash = new FileOperations({ fsOf: () => localFs, queue, platform: process.platform, trash: async (path) => void trashed.push(path) })
    await writeFile(join(outside, 'a.txt'), 'a')
    expect(withTrash.capabilities({ kind: 'local' }).canTrash).toBe(true)
    const id = withTrash.delete({ target: { kind: 'local' }, paths: [join(outside, 'a.txt')], isPermanent: false })
    await eventually(() => isOver(id), 5_000)
    expect(info(id)).toMatchObject({ kind: 'trash', state: 'done', filesDone: 1 })
    expect(trashed).toEqual([join(outside, 'a.txt')])
    expect(operations.capabilities({ kind: 'local' }).canTrash).toBe(false)
    expect(() => operations.delete({ target: { kind: 'local' }, paths: [join(outside, 'a.txt')], isPermanent: false })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }))
    expect(() => withTrash.delete({ target: remote(), paths: [remoteDir], isPermanent: false })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }))
  })

  it('refuses a name that cannot be before sending anything', async () => {
    for (const name of ['.', '..']) {
      await expect(operations.mkdir(remote(), `${remoteDir}/${name}`)).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    }
    await operations.mkdir(remote(), join(remoteDir, '-rf --no-preserve-root'))
    await operations.createFile(remote(), join(remoteDir, 'two\nlines.txt'))
    expect((await readdir(remoteDir)).sort()).toEqual(['-rf --no-preserve-root', 'two\nlines.txt'])
    await expect(operations.mkdir(remote(), join(remoteDir, 'two\nlines.txt'))).rejects.toMatchObject({ code: 'EXISTS' })
  })
})
