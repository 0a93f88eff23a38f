// bench:find — Find files `*.log` on a remote tree of 100,000 entries (1,000 folders, 99,000 files,
// one in ten a .log) on a stock sshd over loopback, through Skiff's find service (one `find` over
// exec, and the SFTP walk it falls back to), against `ssh host find <dir> -name '*.log'` in the same
// run, connect included on every side; the contenders take turns. Each result count is checked
// against the tree before its time counts. Reported, never asserted. The tree is removed at the end.
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FindEnded, FindProgress } from '../../shared/models/find'
import { FindService } from '../../electron/find/find-service'
import { ConnectionChannels } from '../../electron/ssh/connection-channels'
import { createSftpFs } from '../../electron/sftp/sftp-fs'
import { openRemoteLanes } from '../../electron/transfer/queue/transfer-endpoints'
import { startSshd, type SshdHandle } from '../fixtures/sshd'
import { shellWord } from './transfer-tools'
import { connectPinned } from './bench-connect'

const topFolders = 10
const subFolders = 99
const filesPerSub = 99
const filesPerTop = 99
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const cipher = 'aes128-gcm@openssh.com'
const log = (line: string) => process.stderr.write(`${line}\n`)

/** Plants the tree; returns how many entries and how many `.log` files it holds. */
async function plant(tree: string): Promise<{ entries: number; logs: number }> {
  await rm(tree, { recursive: true, force: true })
  let entries = 0
  let logs = 0
  const files = async (folder: string, count: number) => {
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const isLog = i % 10 === 0
        if (isLog) logs++
        return writeFile(join(folder, isLog ? `f${i}.log` : `f${i}.txt`), 'x')
      }),
    )
    entries += count
  }
  for (let t = 0; t < topFolders; t++) {
    const top = join(tree, `t${t}`)
    await mkdir(top, { recursive: true })
    entries++
    await files(top, filesPerTop)
    for (let s = 0; s < subFolders; s++) {
      const sub = join(top, `s${s}`)
      await mkdir(sub)
      entries++
      await files(sub, filesPerSub)
    }
  }
  return { entries, logs }
}

interface Timing {
  readonly seconds: number
  /** From the start of the search (connected) to the first result. */
  readonly firstSeconds?: number
  readonly count: number
}


/** Connects as the app does (an SFTP channel, commands within the channel budget) and runs one search. */
async function runSkiff(sshd: SshdHandle, privateKey: Buffer, tree: string, isCommandAllowed: boolean): Promise<Timing> {
  const started = performance.now()
  const client = await connectPinned(sshd, privateKey, { cipher })
  try {
    const closed = new AbortController()
    client.once('close', () => closed.abort())
    const channels = new ConnectionChannels(client, closed.signal)
    const fs = createSftpFs(await channels.sftp('interactive'), { closed: closed.signal })
    const service = new FindService({
      fsOf: () => fs,
      endpoints: { open: (_target, signal) => openRemoteLanes(channels, closed.signal, signal) },
      commandsOf: () => (isCommandAllowed ? (command, signal) => channels.command(command, 'transfer', signal) : null),
    })
    const searchStarted = performance.now()
    let firstAt: number | undefined
    const ended = await new Promise<FindEnded>((resolve) => {
      const found = (progress: FindProgress) => {
        if (firstAt === undefined && progress.entries.length > 0) firstAt = performance.now()
      }
      service.start({ target: { kind: 'remote', sessionId: 'bench' as never }, folder: tree, mask: '*.log', isHiddenIncluded: false }, { found, ended: resolve })
    })
    if (ended.state !== 'done') throw new Error(`the search ended ${ended.state}: ${ended.error?.message ?? ''}`)
    const seconds = (performance.now() - started) / 1000
    return { seconds, firstSeconds: firstAt === undefined ? undefined : (firstAt - searchStarted) / 1000, count: ended.count }
  } finally {
    client.end()
  }
}

/** `ssh host find <dir> -name '*.log'`, connect included; counts the lines it prints. */
function runSshFind(sshd: SshdHandle, tree: string): Promise<Timing> {
  const options = ['StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'BatchMode=yes', 'LogLevel=ERROR', 'Compression=no']
  const args = ['-F', '/dev/null', ...options.flatMap((option) => ['-o', option]), '-c', cipher, '-i', sshd.clientKeyPath, '-p', String(sshd.port), `${sshd.username}@${sshd.host}`, `find ${shellWord(tree)} -name '*.log'`]
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let lines = 0
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++
    })
    child.once('error', reject)
    child.once('close', (code) => (code === 0 ? resolve({ seconds: (performance.now() - started) / 1000, count: lines }) : reject(new Error(`ssh find exited ${code}`))))
  })
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}

async function main(): Promise<void> {
  const sshd = await startSshd()
  const tree = join(sshd.homeDir, 'find-tree')
  try {
    log('planting the tree…')
    const { entries, logs } = await plant(tree)
    const privateKey = await readFile(sshd.clientKeyPath)
    const contenders: { tool: string; run: () => Promise<Timing> }[] = [
      { tool: 'Skiff (find over exec)', run: () => runSkiff(sshd, privateKey, tree, true) },
      { tool: 'Skiff (SFTP walk)', run: () => runSkiff(sshd, privateKey, tree, false) },
      { tool: "ssh find -name '*.log'", run: () => runSshFind(sshd, tree) },
    ]
    const results = new Map(contenders.map((contender) => [contender.tool, { seconds: [] as number[], first: [] as number[], errors: [] as string[] }]))
    for (let round = 0; round < rounds; round++) {
      for (const contender of contenders) {
        const row = results.get(contender.tool)!
        try {
          const timing = await contender.run()
          if (timing.count !== logs) throw new Error(`found ${timing.count} of ${logs}`)
          row.seconds.push(timing.seconds)
          if (timing.firstSeconds !== undefined) row.first.push(timing.firstSeconds)
          log(`${contender.tool} round ${round + 1}: ${timing.seconds.toFixed(3)} s${timing.firstSeconds === undefined ? '' : `, first result after ${timing.firstSeconds.toFixed(3)} s`}`)
        } catch (error) {
          row.errors.push(error instanceof Error ? error.message : String(error))
          log(`${contender.tool} round ${round + 1}: ${row.errors.at(-1)}`)
        }
      }
    }
    const peer = median(results.get("ssh find -name '*.log'")!.seconds)
    const lines = [
      `A remote tree of ${entries.toLocaleString('en-US')} entries (${logs.toLocaleString('en-US')} .log files) on a stock sshd over loopback; median of ${rounds} rounds, connect included for every tool.`,
      '',
      '| tool | median s | first result s | rounds s | ÷ ssh find |',
      '|---|---:|---:|---|---:|',
    ]
    for (const [tool, row] of results) {
      const roundsText = row.seconds.map((value) => value.toFixed(3)).join(', ') + (row.errors.length ? `; failed: ${row.errors.join('; ')}` : '')
      const first = row.first.length ? median(row.first).toFixed(3) : ''
      lines.push(`| ${tool} | ${median(row.seconds).toFixed(3)} | ${first} | ${roundsText} | ${(median(row.seconds) / peer).toFixed(2)} |`)
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await rm(tree, { recursive: true, force: true })
    await sshd.stop()
  }
}

void main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
