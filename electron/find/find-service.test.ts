import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FindEnded, FindProgress, FindRequest, FoundEntry } from '../../shared/models/find'
import type { FsTarget } from '../../shared/models/fs'
import type { SessionId } from '../../shared/models/ids'
import { createLocalFs } from '../local/local-fs'
import type { CommandChannel, OpenCommand } from './command-search'
import { FindService } from './find-service'

// A real tree on disk, searched the two ways a server is searched: `find` run by a shell (here a local
// `sh`, standing in for an exec channel) and the SFTP walk (here the walker over the local disk).

let root = ''
const local: FsTarget = { kind: 'local' }
const server: FsTarget = { kind: 'remote', sessionId: 'test' as SessionId }
const fs = createLocalFs()

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'skiff-find-'))
  const files: Record<string, string | number> = {
    'app.log': 'x',
    'SHOUT.LOG': 'z',
    // Legal on POSIX, refused by the walker (it could not be copied safely): neither way finds it.
    'back\\slash.log': 'b',
    'back\\slash/inner.log': 'b',
    'notes.txt': 'y',
    'big.bin': 4096,
    'sub dir/err.log': 'e',
    'sub dir/old-err.log': 'o',
    'odd\nname.log': 'n',
    'Grüße.log': 'g',
    "it's.log": 'q',
    '.hidden/secret.log': 's',
    '.dot.log': 'd',
    'node_modules/pkg/index.log': 'i',
    'logs/2026/jan.txt': 'j',
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), typeof content === 'number' ? Buffer.alloc(content) : content)
  }
  // A loop: the link leads back up. Links are entries, never entered.
  await symlink('..', join(root, 'sub dir', 'loop'))
  await symlink('app.log', join(root, 'link.log'))
  const old = new Date(2020, 0, 1)
  await utimes(join(root, 'notes.txt'), old, old)
})

afterAll(() => rm(root, { recursive: true, force: true }))

/** A local process seen as an exec channel. */
function channelOf(child: ChildProcessWithoutNullStreams): CommandChannel {
  return {
    on(event: 'data' | 'close', listener: ((chunk: Buffer) => void) | ((code?: number | null) => void)) {
      if (event === 'data') child.stdout.on('data', listener as (chunk: Buffer) => void)
      else child.on('close', listener as (code: number | null) => void)
    },
    stderr: child.stderr,
    pause: () => child.stdout.pause(),
    resume: () => child.stdout.resume(),
    close: () => child.kill(),
  }
}

/** A shell command as an exec channel would run it. */
const runLocally: OpenCommand = async (command) => channelOf(spawn('sh', ['-c', command]))

interface Outcome {
  readonly found: FoundEntry[]
  readonly reports: FindProgress[]
  readonly ended: FindEnded
}

function serviceWith(commands: OpenCommand | null, limit?: number): FindService {
  return new FindService({ fsOf: () => fs, endpoints: { open: async () => ({ fs, close: () => undefined }) }, commandsOf: (target) => (target.kind === 'remote' ? commands : null), limit })
}

function search(service: FindService, request: Partial<FindRequest> & Pick<FindRequest, 'target'>, onReport?: (id: string) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const reports: FindProgress[] = []
    let id = ''
    const emit = {
      found: (progress: FindProgress) => {
        reports.push(progress)
        onReport?.(id)
      },
      ended: (ended: FindEnded) => resolve({ found: reports.flatMap((report) => report.entries), reports, ended }),
    }
    id = service.start({ folder: root, mask: '', isHiddenIncluded: false, ...request }, emit)
  })
}

const relative = (outcome: Outcome) => outcome.found.map((entry) => entry.path.slice(root.length + 1)).sort()

describe.each([
  ['find over a shell', server, runLocally],
  ['the walk', local, null],
] as const)('Find files by %s', (_how, target, commands) => {
  const service = serviceWith(commands)

  it('finds by mask in every folder, odd names included, and ends although a link loops', async () => {
    const outcome = await search(service, { target, mask: '*.log' })
    expect(outcome.ended).toMatchObject({ state: 'done', count: 9, isTruncated: false })
    expect(relative(outcome)).toEqual(['Grüße.log', "it's.log", 'SHOUT.LOG', 'app.log', 'link.log', 'node_modules/pkg/index.log', 'odd\nname.log', 'sub dir/err.log', 'sub dir/old-err.log'].sort())
    const log = outcome.found.find((entry) => entry.name === 'app.log')!
    expect(log).toMatchObject({ folder: root, type: 'file', size: 1 })
    expect(outcome.found.find((entry) => entry.name === 'link.log')?.type).toBe('symlink')
  })

  it('finds by size and by age', async () => {
    expect(relative(await search(service, { target, mask: '>1K' }))).toEqual(['big.bin'])
    expect(relative(await search(service, { target, mask: '*.txt<2021-01-01' }))).toEqual(['notes.txt'])
  })

  it('leaves hidden files and folders out unless asked', async () => {
    expect(relative(await search(service, { target, mask: '*secret*;.dot*' }))).toEqual([])
    expect(relative(await search(service, { target, mask: '*secret*;.dot*', isHiddenIncluded: true }))).toEqual(['.dot.log', '.hidden/secret.log'])
  })

  it('excludes by name and by folder, and limits to included folders', async () => {
    expect(relative(await search(service, { target, mask: '*.log|old*;node_modules/;it*' }))).toEqual(['Grüße.log', 'SHOUT.LOG', 'app.log', 'link.log', 'odd\nname.log', 'sub dir/err.log'].sort())
    expect(relative(await search(service, { target, mask: 'logs/' }))).toEqual(['logs/2026/jan.txt'])
  })

  it('reports the folder being searched and the count with each batch', async () => {
    const outcome = await search(service, { target, mask: '*.log' })
    const last = outcome.reports.at(-1)!
    expect(last.count).toBe(9)
    expect(outcome.reports.some((report) => report.folder.startsWith(root))).toBe(true)
  })

  it('stops at the limit, saying so', async () => {
    const outcome = await search(serviceWith(commands, 3), { target, mask: '*' })
    expect(outcome.ended).toMatchObject({ state: 'done', count: 3, isTruncated: true })
    expect(outcome.found).toHaveLength(3)
  })

  it('is stopped by Stop before it began', async () => {
    const stopping = serviceWith(commands)
    const ended = new Promise<FindEnded>((resolve) => {
      const id = stopping.start({ target, folder: root, mask: '*', isHiddenIncluded: false }, { found: () => undefined, ended: resolve })
      stopping.stop(id)
    })
    expect(await ended).toMatchObject({ state: 'cancelled', count: 0 })
  })

  it('fails a folder that is not there, with its code', async () => {
    const outcome = await search(service, { target, folder: join(root, 'missing') })
    expect(outcome.ended.state).toBe('failed')
    expect(outcome.ended.error?.code).toBe('NOT_FOUND')
    expect(outcome.ended.error?.message).toBe(`There is no folder ${join(root, 'missing')} to search in.`)
  })

  it('says a file is not a folder to search in', async () => {
    const file = relative(await search(service, { target, mask: '*.*' }))[0]!
    const outcome = await search(service, { target, folder: join(root, file) })
    expect(outcome.ended.state).toBe('failed')
    expect(outcome.ended.error?.message).toMatch(/is a file, not a folder to search in\.$/)
  })
})

describe('Find files on a server without find', () => {
  it('walks instead, with the same results', async () => {
    const noFind: OpenCommand = (command, signal) => runLocally(command.replace(/exec find/g, 'exec find-that-is-not-there'), signal)
    const byWalk = await search(serviceWith(noFind), { target: server, mask: '*.log' })
    const byCommand = await search(serviceWith(runLocally), { target: server, mask: '*.log' })
    expect(byWalk.ended.state).toBe('done')
    expect(relative(byWalk)).toEqual(relative(byCommand))
  })

  it('walks when the server runs no commands at all', async () => {
    const refused: OpenCommand = () => Promise.reject(new Error('The server would not run a command'))
    expect(relative(await search(serviceWith(refused), { target: server, mask: '>1K' }))).toEqual(['big.bin'])
  })

  it('looks up sizes over SFTP where find has no -printf', async () => {
    const plain: OpenCommand = (command, signal) => runLocally(command.replace('if find / -maxdepth 0', 'if false'), signal)
    const outcome = await search(serviceWith(plain), { target: server, mask: '*.log>0' })
    expect(outcome.ended.state).toBe('done')
    expect(relative(outcome)).toContain('sub dir/err.log')
    expect(outcome.found.find((entry) => entry.name === 'app.log')).toMatchObject({ size: 1, type: 'file' })
  })
})

describe('Stop on a server', () => {
  it('ends the find command there while it still runs, and nothing is reported after the end', async () => {
    let hasExited = Promise.resolve<number | null>(0)
    // A server that sends one result and then keeps the command running (a huge tree).
    const slow: OpenCommand = async () => {
      const child = spawn('sh', ['-c', `printf 'skiff-find:gnu\\0f 1 1 %s/app.log\\0' "$0"; exec cat`, root])
      hasExited = new Promise((resolve) => child.on('close', resolve))
      return channelOf(child)
    }
    const service = serviceWith(slow)
    const outcome = await search(service, { target: server, mask: '*' }, (id) => service.stop(id as never))
    expect(outcome.ended).toMatchObject({ state: 'cancelled', count: 1 })
    expect(relative(outcome)).toEqual(['app.log'])
    await hasExited
  })
})

describe('Find files refuses', () => {
  it('a mask that cannot be parsed, before anything runs', () => {
    expect(() => serviceWith(null).start({ target: local, folder: root, mask: '>huge', isHiddenIncluded: false }, { found: () => undefined, ended: () => undefined })).toThrow(/comes a size/)
  })
})
