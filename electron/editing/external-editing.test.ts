import { mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExternalEdit } from '../../shared/models/editor'
import type { FsTarget } from '../../shared/models/fs'
import type { SessionId, TransferId } from '../../shared/models/ids'
import type { FileSystem } from '../fs/file-system'
import type { OperationPlan } from '../operations/operation-job'
import { createSftpFs } from '../sftp/sftp-fs'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { ExternalEditing } from './external-editing'

const target: FsTarget = { kind: 'remote', sessionId: 'session-1' as SessionId }

/** Timers the test moves by hand: a minute passes in a call, not in a minute. */
class TestClock {
  now = Date.UTC(2026, 0, 1)
  private timers = new Map<number, { at: number; run: () => void }>()
  private nextId = 1
  set = (run: () => void, ms: number): unknown => {
    const id = this.nextId++
    this.timers.set(id, { at: this.now + ms, run })
    return id
  }
  clear = (id: unknown): void => {
    this.timers.delete(id as number)
  }
  get pending(): number {
    return this.timers.size
  }
  advance(ms: number): void {
    this.now += ms
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.now) continue
      this.timers.delete(id)
      timer.run()
    }
  }
}

/** A save made the way many editors make one: a new file beside it, renamed over it. */
async function saveByRename(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${Date.now()}.tmp`)
  await writeFile(temp, text)
  await rename(temp, path)
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

describe('editing a server file with another program', () => {
  const server = useSshdFolder('external')
  let tempRoot = ''
  beforeAll(async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'skiff-external-'))
  })
  afterAll(() => rm(tempRoot, { recursive: true, force: true }))

  function setUp(gate: Promise<void> = Promise.resolve()) {
    const fs: FileSystem = createSftpFs(server.session.sftp, { closed: server.session.closed })
    const clock = new TestClock()
    const open = new Set<TransferId>()
    const jobs: OperationPlan[] = []
    const seen: ExternalEdit[] = []
    const launched: string[] = []
    let nextJob = 1
    const editing = new ExternalEditing({
      fsOf: () => fs,
      enqueue: (plan) => {
        const id = `job-${nextJob++}` as TransferId
        open.add(id)
        jobs.push(plan)
        // The queue may hold a job back (`gate`): it runs later, reading the copy as it is then.
        void gate
          .then(() => plan.work(fs, { signal: new AbortController().signal, onProgress: () => undefined }))
          .catch(() => undefined)
          .finally(() => open.delete(id))
        return id
      },
      jobState: (id) => (open.has(id) ? 'running' : 'done'),
      retry: () => undefined,
      launch: async (_command, path) => void launched.push(path),
      onChange: (edit) => void seen.push(edit),
      onRemove: () => undefined,
      tempRoot,
      setTimer: clock.set,
      clearTimer: clock.clear,
      now: () => clock.now,
    })
    return { editing, clock, jobs, seen, launched }
  }

  it('uploads each save, also one made a minute after the last, and removes the private copy when stopped', async () => {
    const path = join(server.dir, 'nginx.conf')
    await writeFile(path, 'worker_processes 1;\n')
    const { editing, clock, jobs, launched } = setUp()
    const edit = (await editing.start({ target, path, command: 'gedit' }))!
    expect(launched).toEqual([edit.localPath])
    expect(edit.localPath.endsWith('/nginx.conf')).toBe(true)
    expect((await stat(dirname(edit.localPath))).mode & 0o777).toBe(0o700)
    expect(await readFile(edit.localPath, 'utf8')).toBe('worker_processes 1;\n')

    await saveByRename(edit.localPath, 'worker_processes 2;\n')
    await until(() => clock.pending > 0, 'the save to be seen')
    clock.advance(500)
    await until(async () => (await readFile(path, 'utf8')) === 'worker_processes 2;\n', 'the first upload')
    expect(jobs.map((job) => job.kind)).toEqual(['save'])

    // A long idle, in test time: the watch on the folder still sees the next save.
    clock.advance(60_000)
    await saveByRename(edit.localPath, 'worker_processes 4;\n')
    await until(() => clock.pending > 0, 'the second save to be seen')
    clock.advance(500)
    await until(async () => (await readFile(path, 'utf8')) === 'worker_processes 4;\n', 'the second upload')
    expect(editing.list()[0]).toMatchObject({ state: 'watching', lastUploadAt: clock.now })

    await editing.stop(edit.editId)
    await expect(stat(dirname(edit.localPath))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(editing.list()).toEqual([])
  })

  it('does not upload over a copy changed on the server; Overwrite does, once', async () => {
    const path = join(server.dir, 'app.env')
    await writeFile(path, 'A=1\n')
    const { editing, clock, seen } = setUp()
    const edit = (await editing.start({ target, path, command: 'gedit' }))!
    await writeFile(path, 'A=server\n')
    await utimes(path, new Date(), new Date(Date.now() + 10_000))
    await saveByRename(edit.localPath, 'A=mine\n')
    await until(() => clock.pending > 0, 'the save to be seen')
    clock.advance(500)
    await until(() => seen.some((e) => e.state === 'changed'), 'the changed state')
    expect(await readFile(path, 'utf8')).toBe('A=server\n')
    expect(seen.at(-1)?.message).toMatch(/changed on the server/)

    editing.overwrite(edit.editId)
    await until(async () => (await readFile(path, 'utf8')) === 'A=mine\n', 'the overwrite')
    await editing.stop(edit.editId)
  })

  it('a save made while the previous one waits in the queue goes after it, never beside it', async () => {
    const path = join(server.dir, 'big.txt')
    await writeFile(path, 'v0\n')
    let release = () => undefined as void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { editing, clock, jobs } = setUp(gate)
    const edit = (await editing.start({ target, path, command: 'gedit' }))!
    await saveByRename(edit.localPath, 'v1\n')
    await until(() => clock.pending > 0, 'the first save')
    clock.advance(500)
    await until(() => jobs.length === 1, 'the first job')
    await saveByRename(edit.localPath, 'v2\n')
    await until(() => clock.pending > 0, 'the second save')
    clock.advance(500)
    // While the first job is open, the second save waits (the debounce's upload saw it open): two uploads of one file never race.
    expect(jobs).toHaveLength(1)
    release()
    await until(async () => (await readFile(path, 'utf8')) === 'v2\n', 'the last save on the server')
    await until(() => editing.list()[0]?.state === 'watching', 'the edit to settle')
    await editing.stop(edit.editId)
  })
})
