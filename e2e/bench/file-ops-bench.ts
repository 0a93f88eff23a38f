// bench:file-ops — deleting and chmod -R of a remote tree of 5,000 files in 50 folders, as the
// Delete and Properties jobs do it (walk with links kept, then one request per entry over the
// job's channels), against `ssh host rm -rf` and `ssh host chmod -R` in the same run, connect
// included on both sides, on loopback and behind a latency proxy. Each result is checked on
// disk before its time counts; the contenders take turns. Reported, never asserted.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startLatencyProxy, type LatencyProxy } from '../fixtures/latency-proxy'
import { startSshd } from '../fixtures/sshd'
import { runSkiff, runSshCommand, shellWord, type Endpoint, type RunOutcome } from './transfer-tools'

const folders = Number(process.env.BENCH_FOLDERS ?? 50)
const perFolder = Number(process.env.BENCH_FILES_PER_FOLDER ?? 100)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const rttMs = Number(process.env.BENCH_RTT_MS ?? 40)
const log = (line: string) => process.stderr.write(`${line}\n`)

interface Row {
  readonly network: string
  readonly task: string
  readonly tool: string
  readonly seconds: number[]
  readonly errors: string[]
}

async function plant(tree: string): Promise<void> {
  await rm(tree, { recursive: true, force: true })
  for (let f = 0; f < folders; f++) {
    const folder = join(tree, `d${String(f).padStart(2, '0')}`)
    await mkdir(folder, { recursive: true })
    await Promise.all(Array.from({ length: perFolder }, (_, i) => writeFile(join(folder, `f${i}.txt`), 'x', { mode: 0o644 })))
  }
}

async function checkGone(tree: string): Promise<string | null> {
  return stat(tree).then(
    () => 'the tree is still there',
    () => null,
  )
}

async function checkModes(tree: string): Promise<string | null> {
  const names = await readdir(tree)
  if (names.length !== folders) return `${names.length} of ${folders} folders`
  const last = join(tree, names.at(-1)!, `f${perFolder - 1}.txt`)
  const mode = (await stat(last)).mode & 0o7777
  return mode === 0o750 ? null : `${last} has mode ${mode.toString(8)}`
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}

async function main(): Promise<void> {
  const sshd = await startSshd()
  let proxy: LatencyProxy | undefined
  try {
    const tree = join(sshd.homeDir, 'site-old')
    const networks = [{ name: 'loopback', port: sshd.port }]
    if (rttMs > 0) {
      proxy = await startLatencyProxy(sshd.port, { rttMs })
      networks.push({ name: `${rttMs} ms RTT`, port: proxy.port })
    }
    const limits = { signal: new AbortController().signal, timeoutMs: 600_000 }
    const rows: Row[] = []
    for (const network of networks) {
      const endpoint: Endpoint = { host: sshd.host, port: network.port, username: sshd.username, keyPath: sshd.clientKeyPath, hostKeyLine: sshd.hostKeyLine, cipher: 'aes128-gcm@openssh.com' }
      const job = { direction: 'download' as const, sourcePath: tree, targetFolder: '' }
      const contenders: { task: string; tool: string; run: () => Promise<RunOutcome>; check: () => Promise<string | null>; reset: () => Promise<void> }[] = [
        { task: 'delete', tool: 'Skiff', run: () => runSkiff(endpoint, { ...job, operation: 'delete' }, limits), check: () => checkGone(tree), reset: () => plant(tree) },
        { task: 'delete', tool: 'ssh rm -rf', run: () => runSshCommand(endpoint, `rm -rf ${shellWord(tree)}`, limits), check: () => checkGone(tree), reset: () => plant(tree) },
        { task: 'chmod -R', tool: 'Skiff', run: () => runSkiff(endpoint, { ...job, operation: 'chmod' }, limits), check: () => checkModes(tree), reset: () => plant(tree) },
        { task: 'chmod -R', tool: 'ssh chmod -R', run: () => runSshCommand(endpoint, `chmod -R 750 ${shellWord(tree)}`, limits), check: () => checkModes(tree), reset: () => plant(tree) },
      ]
      const byKey = new Map(contenders.map((c) => [`${c.task}:${c.tool}`, { network: network.name, task: c.task, tool: c.tool, seconds: [] as number[], errors: [] as string[] }]))
      for (let round = 0; round < rounds; round++) {
        for (const contender of contenders) {
          await contender.reset()
          const outcome = await contender.run()
          const problem = outcome.error ?? (await contender.check())
          const row = byKey.get(`${contender.task}:${contender.tool}`)!
          if (problem || outcome.seconds === undefined) row.errors.push(problem ?? 'no time')
          else row.seconds.push(outcome.seconds)
          log(`${network.name} ${contender.task} ${contender.tool} round ${round + 1}: ${problem ?? `${outcome.seconds?.toFixed(2)} s`}`)
        }
      }
      rows.push(...byKey.values())
    }
    const total = folders * perFolder
    const lines = [
      `A remote tree of ${total.toLocaleString('en-US')} files in ${folders} folders on a stock sshd; median of ${rounds} rounds, connect included on both sides.`,
      '',
      '| network | task | tool | median s | rounds | Skiff ÷ this |',
      '|---|---|---|---:|---|---:|',
    ]
    for (const row of rows) {
      const skiff = rows.find((other) => other.network === row.network && other.task === row.task && other.tool === 'Skiff')
      const ratio = skiff && row.tool !== 'Skiff' ? (median(skiff.seconds) / median(row.seconds)).toFixed(2) : ''
      const roundsText = row.seconds.map((value) => value.toFixed(2)).join(', ') + (row.errors.length ? `; failed: ${row.errors.join('; ')}` : '')
      lines.push(`| ${row.network} | ${row.task} | ${row.tool} | ${median(row.seconds).toFixed(2)} | ${roundsText} | ${ratio} |`)
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await proxy?.close()
    await sshd.stop()
  }
}

void main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
