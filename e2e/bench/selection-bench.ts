// bench:selection — what a person does with a folder of small files: select all and drag them
// to the server. Skiff's engine copies the selection (one job, as the queue runs it) against
// `scp files…` and `rsync -a files…` of the same files, to a stock sshd (MaxSessions 10), on
// loopback and behind a latency proxy. Each copy is checked before its time counts; the
// contenders take turns, so a noisy moment hurts them alike. Reported, never asserted.
import { readdir, readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLatencyProxy, type LatencyProxy } from '../fixtures/latency-proxy'
import { startSshd } from '../fixtures/sshd'
import { runRsyncFiles, runScpFiles, runSkiff, type Endpoint, type RunOutcome } from './transfer-tools'

const count = Number(process.env.BENCH_FILES ?? 2000)
const fileBytes = 10
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const rttMs = Number(process.env.BENCH_RTT_MS ?? 40)
const isJson = process.argv.includes('--json')
const log = (line: string) => process.stderr.write(`${line}\n`)

const contentOf = (i: number) => String(i).padStart(fileBytes, '0')

interface Row {
  readonly network: string
  readonly tool: string
  /** Seconds of each round that copied correctly. */
  readonly seconds: number[]
  readonly errors: string[]
}

async function checkTarget(folder: string): Promise<string | null> {
  const names = await readdir(folder)
  if (names.length !== count) return `${names.length} of ${count} files arrived`
  for (const i of [0, Math.floor(count / 2), count - 1]) {
    const text = await readFile(join(folder, `f${String(i).padStart(5, '0')}.txt`), 'utf8').catch(() => '')
    if (text !== contentOf(i)) return `f${i} holds the wrong bytes`
  }
  return null
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}

async function main(): Promise<void> {
  const sshd = await startSshd()
  const work = await mkdtemp(join(tmpdir(), 'skiff-selection-bench-'))
  let proxy: LatencyProxy | undefined
  try {
    const source = join(work, 'source')
    await mkdir(source)
    for (let i = 0; i < count; i++) await writeFile(join(source, `f${String(i).padStart(5, '0')}.txt`), contentOf(i))
    const files = (await readdir(source)).sort().map((name) => join(source, name))
    const target = join(sshd.homeDir, 'target')
    const networks = [{ name: 'loopback', port: sshd.port }]
    if (rttMs > 0) {
      proxy = await startLatencyProxy(sshd.port, { rttMs })
      networks.push({ name: `${rttMs} ms RTT`, port: proxy.port })
    }
    const rows: Row[] = []
    const limits = { signal: new AbortController().signal, timeoutMs: 600_000 }
    for (const network of networks) {
      const endpoint: Endpoint = { host: sshd.host, port: network.port, username: sshd.username, keyPath: sshd.clientKeyPath, hostKeyLine: sshd.hostKeyLine, cipher: 'aes128-gcm@openssh.com' }
      const contenders: { tool: string; run: () => Promise<RunOutcome> }[] = [
        { tool: 'Skiff', run: () => runSkiff(endpoint, { direction: 'upload', sourcePath: source, isSelectAll: true, targetFolder: target }, limits) },
        { tool: 'scp', run: () => runScpFiles(endpoint, files, target, limits) },
        { tool: 'rsync', run: () => runRsyncFiles(endpoint, files, target, limits) },
      ]
      const byTool = new Map(contenders.map((c) => [c.tool, { network: network.name, tool: c.tool, seconds: [] as number[], errors: [] as string[] }]))
      for (let round = 0; round < rounds; round++) {
        for (const contender of contenders) {
          await rm(target, { recursive: true, force: true })
          await mkdir(target)
          const outcome = await contender.run()
          const problem = outcome.error ?? (await checkTarget(target))
          const row = byTool.get(contender.tool)!
          if (problem || outcome.seconds === undefined) row.errors.push(problem ?? 'no time')
          else row.seconds.push(outcome.seconds)
          log(`${network.name} ${contender.tool} round ${round + 1}: ${problem ?? `${outcome.seconds?.toFixed(2)} s`}`)
        }
      }
      rows.push(...byTool.values())
    }
    if (isJson) {
      process.stdout.write(`${JSON.stringify({ count, fileBytes, rounds, rows }, null, 2)}\n`)
      return
    }
    const lines = [`${count.toLocaleString('en-US')} files of ${fileBytes} B selected and uploaded to a stock sshd; median of ${rounds} rounds (connection included).`, '', '| network | tool | median s | rounds | Skiff time ÷ this |', '|---|---|---:|---|---:|']
    for (const row of rows) {
      const skiff = rows.find((other) => other.network === row.network && other.tool === 'Skiff')
      const ratio = skiff && row.tool !== 'Skiff' ? (median(skiff.seconds) / median(row.seconds)).toFixed(2) : ''
      const roundsText = row.seconds.map((value) => value.toFixed(2)).join(', ') + (row.errors.length ? `; failed: ${row.errors.join('; ')}` : '')
      lines.push(`| ${row.network} | ${row.tool} | ${median(row.seconds).toFixed(2)} | ${roundsText} | ${ratio} |`)
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await proxy?.close()
    await sshd.stop()
    await rm(work, { recursive: true, force: true })
  }
}

void main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
