import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { later, put } from '../../e2e/fixtures/timed-files'
import type { FolderComparison, FolderCompareRequest } from '../../shared/models/compare'
import type { CompareId, SessionId } from '../../shared/models/ids'
import { defaultSyncCriteria } from '../../shared/models/sync'
import { createLocalFs } from '../local/local-fs'
import { createSftpFs } from '../sftp/sftp-fs'
import { remoteChecksums } from '../transfer/checksum'
import type { Endpoints } from '../transfer/queue/transfer-endpoints'
import { useSshdFolder } from '../transfer/transfer-test-kit'
import { CompareService } from './compare-service'

// The local folder on this disk, the other one on the real sshd over SFTP (sha256sum over exec).

describe('CompareService against a real sshd', () => {
  const server = useSshdFolder('compare')
  let localDir = ''
  let remoteDir = ''
  let run = 0

  const endpoints = (canHash = true): Endpoints => ({
    open: async (target) => {
      if (target.kind === 'local') return { fs: createLocalFs(), close: () => undefined }
      const checksum = canHash ? remoteChecksums((command) => server.session.exec(command)) : undefined
      return { fs: createSftpFs(server.session.sftp, { closed: server.session.closed, ...(checksum ? { checksum } : {}) }), close: () => undefined }
    },
  })
  const request = (patch: Partial<FolderCompareRequest> = {}): FolderCompareRequest => ({
    compareId: 'c1' as CompareId,
    localFolder: localDir,
    remote: { kind: 'remote', sessionId: 's1' as SessionId },
    remoteFolder: remoteDir,
    criteria: defaultSyncCriteria,
    isDeep: true,
    ...patch,
  })
  const compare = (patch: Partial<FolderCompareRequest> = {}, canHash = true) => new CompareService(endpoints(canHash)).compare(request(patch), new AbortController().signal)
  const byName = (result: FolderComparison) => Object.fromEntries(result.entries.map((entry) => [entry.name, entry.state]))
  const insideOf = (result: FolderComparison, name: string) => result.entries.find((entry) => entry.name === name)?.inside

  beforeEach(async () => {
    localDir = await mkdtemp(join(tmpdir(), 'skiff-compare-'))
    remoteDir = join(server.dir, `run-${++run}`)
    await mkdir(remoteDir)
  })
  afterEach(() => rm(localDir, { recursive: true, force: true }))

  async function bothSides(path: string, content: string, localTime = later(0), remoteTime = localTime): Promise<void> {
    await put(localDir, path, content, localTime)
    await put(remoteDir, path, content, remoteTime)
  }

  it('calls a folder the same only when everything inside matches, and counts what differs', async () => {
    await bothSides('alike/a.txt', 'a')
    await bothSides('alike/deep/b.txt', 'b')
    await bothSides('changed/one.txt', '1')
    await bothSides('changed/two.txt', '2')
    await bothSides('changed/deep/deeper/file.txt', 'v2', later(120), later(0))
    await bothSides('changed/theirs.txt', 'x', later(0), later(60))
    await put(localDir, 'changed/deep/mine/new.txt', 'mine')
    await put(remoteDir, 'changed/gone.txt', 'theirs')
    await put(localDir, 'changed/sized.txt', 'short')
    await put(remoteDir, 'changed/sized.txt', 'a longer one')
    await mkdir(join(localDir, 'empty'))
    await mkdir(join(remoteDir, 'empty'))
    await put(localDir, 'local-only/x.txt', 'x')
    await bothSides('top.txt', 't', later(10), later(0))
    await symlink('top.txt', join(localDir, 'link'))
    await symlink('elsewhere', join(remoteDir, 'link'))

    const result = await compare()
    expect(byName(result)).toEqual({ alike: 'same', changed: 'different-inside', empty: 'same', 'local-only': 'only-here', 'top.txt': 'newer', link: 'different' })
    expect(result.entries.find((entry) => entry.name === 'local-only')?.where).toBe('local')
    // mine/ and its new.txt are only here; gone.txt only there; deeper/file.txt newer here; theirs.txt newer there.
    expect(insideOf(result, 'changed')).toEqual({ onlyLocal: 2, onlyRemote: 1, newerLocal: 1, newerRemote: 1, different: 1, same: 2, unreadable: 0 })
    expect(insideOf(result, 'alike')).toEqual({ onlyLocal: 0, onlyRemote: 0, newerLocal: 0, newerRemote: 0, different: 0, same: 2, unreadable: 0 })
    expect(result.unhashedPairs).toBe(0)
  })

  it('one level: a folder on both sides is not compared, whatever it holds', async () => {
    await bothSides('docs/a.md', 'a')
    await put(localDir, 'docs/only-here.md', 'b')
    await bothSides('top.txt', 't')
    const result = await compare({ isDeep: false })
    expect(byName(result)).toEqual({ docs: 'not-compared', 'top.txt': 'same' })
    expect(insideOf(result, 'docs')).toBeUndefined()
  })

  it('with checksums, content decides for files of equal size: at any depth, times aside', async () => {
    await put(localDir, 'twin.txt', 'abc')
    await put(remoteDir, 'twin.txt', 'xyz')
    await bothSides('retimed.txt', 'same bytes', later(0), later(3600))
    await put(localDir, 'site/page.html', '<p>1</p>')
    await put(remoteDir, 'site/page.html', '<p>2</p>')
    const checksum = { ...defaultSyncCriteria, isChecksumCompared: true }
    expect(byName(await compare({ criteria: checksum }))).toEqual({ 'twin.txt': 'different', 'retimed.txt': 'same', site: 'different-inside' })
    expect(byName(await compare())).toEqual({ 'twin.txt': 'same', 'retimed.txt': 'older', site: 'same' })
  })

  it('says how many pairs a server that cannot hash left to time and size', async () => {
    await put(localDir, 'twin.txt', 'abc')
    await put(remoteDir, 'twin.txt', 'xyz')
    const result = await compare({ criteria: { ...defaultSyncCriteria, isChecksumCompared: true } }, false)
    expect(byName(result)).toEqual({ 'twin.txt': 'same' })
    expect(result.unhashedPairs).toBe(1)
  })

  it('reports how many entries it has read as it goes, up to all of them', async () => {
    for (let i = 0; i < 30; i++) await bothSides(`tree/f${i % 3}/f${i}.txt`, `${i}`)
    const reports: number[] = []
    const result = await new CompareService(endpoints()).compare(request(), new AbortController().signal, (entriesRead) => reports.push(entriesRead))
    expect(reports.length).toBeGreaterThan(0)
    expect(reports).toEqual([...reports].sort((a, b) => a - b))
    expect(reports.at(-1)).toBeLessThanOrEqual(result.entriesCompared)
    expect(result.entriesCompared).toBe(2 * (1 + 3 + 30))
  })

  it('a folder that is gone is NOT_FOUND; a stopped comparison is CANCELLED', async () => {
    await expect(compare({ remoteFolder: join(remoteDir, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    for (let i = 0; i < 50; i++) await bothSides(`many/f${i}.txt`, `${i}`)
    const controller = new AbortController()
    const running = new CompareService(endpoints()).compare(request(), controller.signal)
    controller.abort()
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
