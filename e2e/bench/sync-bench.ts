// bench:sync — an upload synchronization of a tree of 5,000 files (about 30 MB, 50 folders) to a
// stock sshd, with the server holding (a) nothing, (b) everything, (c) everything but 50 changed
// files, through Skiff's Synchronize (preview, then Start through the queue; in a worker process)
// against `rsync -a -e ssh`, `rclone sync` (sftp backend) and `lftp mirror -R` (and `tar | ssh`
// for (a)) in the same run; over loopback and at 40 ms round trip through the latency proxy. Each
// run's result is checked before its time counts; the server's folder is set up (untimed) before
// every run. Reported as ratios, never asserted.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { startLatencyProxy, type LatencyProxy } from '../fixtures/latency-proxy'
import { startSshd, type SshdHandle } from '../fixtures/sshd'
import type { SyncWorkerJob, SyncWorkerReport } from './sync-worker'
import { runTarPipe, shellWord, sshOptions, timed, type Endpoint, type RunLimits, type RunOutcome } from './transfer-tools'

const isQuick = process.argv.includes('--quick')
const rttMs = Number(process.env.BENCH_RTT_MS ?? 40)
const rounds = Number(process.env.BENCH_ROUNDS ?? (isQuick ? 1 : 3))
// Rounds at latency: lftp's one-file-at-a-time mirror needs minutes per run there.
const latencyRounds = Number(process.env.BENCH_LATENCY_ROUNDS ?? 1)
const folderCount = isQuick ? 5 : 50
const filesPerFolder = 100
const changedCount = 50
const cipher = process.env.BENCH_CIPHER ?? 'aes128-gcm@openssh.com'
const log = (line: string) => process.stderr.write(`${line}\n`)
// BENCH_TOOLS=Skiff,rsync and BENCH_KINDS=b,c narrow a run to those contenders and scenarios.
const onlyTools = process.env.BENCH_TOOLS?.split(',')
const onlyKinds = process.env.BENCH_KINDS?.split(',')

/** The source tree: paths relative to its root and their sizes. */
interface Tree {
  readonly root: string
  readonly files: readonly { readonly path: string; readonly size: number }[]
  readonly bytes: number
}

/** Sizes from 100 B to 12 KB (about 6 KB on average), random bytes so nothing compresses. */
async function plant(root: string): Promise<Tree> {
  const files: { path: string; size: number }[] = []
  for (let f = 0; f < folderCount; f++) {
    const folder = join(root, `dir${String(f).padStart(2, '0')}`)
    await mkdir(folder, { recursive: true })
    await Promise.all(
      Array.from({ length: filesPerFolder }, (_, i) => {
        const size = 100 + (((f * filesPerFolder + i) * 7919) % 12_000)
        const path = `dir${String(f).padStart(2, '0')}/file${String(i).padStart(3, '0')}.dat`
        files.push({ path, size })
        return writeFile(join(root, path), randomBytes(size))
      }),
    )
  }
  return { root, files, bytes: files.reduce((sum, file) => sum + file.size, 0) }
}

type ScenarioKind = 'a: nothing' | 'b: everything' | 'c: 50 changed'

/** The files (c) changes on the server: evenly spread, older and of another size than the source's. */
const changedOf = (tree: Tree) => tree.files.filter((_, i) => i % Math.floor(tree.files.length / changedCount) === 0).slice(0, changedCount)

/** Puts the server's folder in the scenario's state (untimed). */
async function prepare(kind: ScenarioKind, tree: Tree, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true })
  if (kind !== 'a: nothing') {
    // cp -a keeps times and modes, as every tool's own earlier run would have left them.
    await cp(tree.root, target, { recursive: true, preserveTimestamps: true })
    if (kind === 'c: 50 changed') {
      const hourAgo = new Date(Date.now() - 3600_000)
      for (const file of changedOf(tree)) {
        await writeFile(join(target, file.path), randomBytes(file.size + 1))
        await utimes(join(target, file.path), hourAgo, hourAgo)
      }
    }
  }
  spawnSync('sync')
}

/** Null when the server's folder is like the source (every size; the changed files byte for byte), else what is wrong. */
async function check(kind: ScenarioKind, tree: Tree, target: string): Promise<string | null> {
  for (const file of tree.files) {
    const size = await stat(join(target, file.path)).then(
      (found) => found.size,
      () => -1,
    )
    if (size !== file.size) return `${file.path}: ${size < 0 ? 'missing' : `${size} bytes, not ${file.size}`}`
  }
  if (kind === 'c: 50 changed') {
    for (const file of changedOf(tree)) {
      const [source, copied] = await Promise.all([readFile(join(tree.root, file.path)), readFile(join(target, file.path))])
      if (!source.equals(copied)) return `${file.path}: not the source's bytes`
    }
  }
  return null
}

interface Contender {
  readonly tool: string
  readonly kinds?: readonly ScenarioKind[]
  run(endpoint: Endpoint, tree: Tree, target: string, limits: RunLimits): Promise<RunOutcome>
}

let worker: Promise<string> | undefined

/**
 * The worker built as the app's main process is (bundled, no names kept), not run through tsx:
 * its loader and esbuild's `__name` wrappers on every closure would be timed as Skiff's own.
 */
function builtWorker(): Promise<string> {
  const outfile = join(import.meta.dirname, '../../out/bench/sync-worker.mjs')
  worker ??= build({ entryPoints: [join(import.meta.dirname, 'sync-worker.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning' }).then(() => outfile)
  return worker
}

const ssh = (endpoint: Endpoint) => ['ssh', '-p', String(endpoint.port), ...sshOptions(endpoint)].map(shellWord).join(' ')

const contenders: readonly Contender[] = [
  {
    tool: 'Skiff Synchronize',
    async run(endpoint, tree, target, limits) {
      const job: SyncWorkerJob = { host: endpoint.host, port: endpoint.port, username: endpoint.username, keyPath: endpoint.keyPath, hostKeyLine: endpoint.hostKeyLine, localFolder: tree.root, remoteFolder: target }
      let stdout = ''
      const outcome = await timed(process.execPath, [await builtWorker(), JSON.stringify(job)], limits, (text) => (stdout = (stdout + text).slice(-10_000)))
      const last = stdout.trim().split('\n').pop() ?? ''
      if (!last.startsWith('{')) return { error: outcome.error ?? 'the worker printed no report' }
      const report = JSON.parse(last) as SyncWorkerReport
      return { seconds: report.seconds, error: report.error }
    },
  },
  { tool: 'rsync -a -e ssh', run: (e, tree, target, l) => timed('rsync', ['-a', '-e', ssh(e), `${tree.root}/`, `${e.username}@${e.host}:${target}/`], l) },
  {
    tool: 'rclone sync (sftp)',
    run: (e, tree, target, l) =>
      timed('rclone', ['sync', tree.root, `:sftp:${target}`, '--config', '/dev/null', '--sftp-host', e.host, '--sftp-port', String(e.port), '--sftp-user', e.username, '--sftp-key-file', e.keyPath, '-q'], l),
  },
  {
    tool: 'lftp mirror -R',
    run: (e, tree, target, l) => {
      const connect = `ssh -a -x ${sshOptions(e).join(' ')}`
      const script = `set sftp:connect-program "${connect}"; set net:max-retries 1; open -u ${e.username}, -p ${e.port} sftp://${e.host}; mirror -R ${shellWord(tree.root)} ${shellWord(target)}`
      return timed('lftp', ['-c', script], l)
    },
  },
  { tool: 'tar | ssh', kinds: ['a: nothing'], run: (e, tree, target, l) => runTarPipe(e, 'upload', tree.root, target, l) },
]

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}

interface Row {
  readonly network: string
  readonly kind: ScenarioKind
  readonly tool: string
  readonly seconds: number[]
  readonly errors: string[]
}

async function main(): Promise<void> {
  const cancel = new AbortController()
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => cancel.abort())
  const work = await mkdtemp(join(tmpdir(), 'skiff-sync-bench-'))
  let sshd: SshdHandle | undefined
  let proxy: LatencyProxy | undefined
  try {
    sshd = await startSshd()
    const tree = await plant(join(work, 'site'))
    log(`planted ${tree.files.length} files, ${(tree.bytes / 2 ** 20).toFixed(1)} MiB`)
    const target = join(sshd.homeDir, 'www')
    const networks = [{ name: 'loopback', port: sshd.port, rounds }]
    if (rttMs > 0) {
      proxy = await startLatencyProxy(sshd.port, { rttMs })
      networks.push({ name: `${rttMs} ms RTT`, port: proxy.port, rounds: latencyRounds })
    }
    const rows: Row[] = []
    const kinds: readonly ScenarioKind[] = ['a: nothing', 'b: everything', 'c: 50 changed']
    for (const network of networks) {
      const endpoint: Endpoint = { host: sshd.host, port: network.port, username: sshd.username, keyPath: sshd.clientKeyPath, hostKeyLine: sshd.hostKeyLine, cipher }
      for (const kind of kinds) {
        if (onlyKinds && !onlyKinds.some((only) => kind.startsWith(only))) continue
        const here = contenders.filter((contender) => (!contender.kinds || contender.kinds.includes(kind)) && (!onlyTools || onlyTools.some((only) => contender.tool.includes(only)))).map((contender) => ({ contender, row: { network: network.name, kind, tool: contender.tool, seconds: [], errors: [] } as Row }))
        rows.push(...here.map((each) => each.row))
        // Contenders take turns within each round, so drift in the machine's speed spreads over all.
        for (let round = 0; round < network.rounds; round++) {
          for (const { contender, row } of here) {
            if (cancel.signal.aborted) throw new Error('cancelled')
            await prepare(kind, tree, target)
            const outcome = await contender.run(endpoint, tree, target, { signal: cancel.signal, timeoutMs: 1_800_000 })
            const wrong = outcome.seconds === undefined ? (outcome.error ?? 'no time') : ((await check(kind, tree, target)) ?? (outcome.error ? `reported ${outcome.error}` : null))
            if (wrong) row.errors.push(wrong.replaceAll(`${work}/`, ''))
            else row.seconds.push(outcome.seconds!)
            log(`${network.name} · ${kind} · ${contender.tool} round ${round + 1}: ${wrong ?? `${outcome.seconds!.toFixed(2)} s`}`)
          }
        }
      }
    }
    const lines = [
      `Upload synchronization of ${tree.files.length.toLocaleString('en-US')} files (${(tree.bytes / 2 ** 20).toFixed(1)} MiB, ${folderCount} folders) to a stock sshd; connect included for every tool; median of the rounds; cipher ${cipher}.`,
      '',
      '| network | server has | tool | median s | ÷ rsync | ÷ tar \\| ssh | rounds s |',
      '|---|---|---|---:|---:|---:|---|',
    ]
    for (const row of rows) {
      const peers = (tool: string) => median(rows.find((each) => each.network === row.network && each.kind === row.kind && each.tool === tool)?.seconds ?? [])
      const mine = median(row.seconds)
      const ratio = (peer: number) => (Number.isFinite(peer) && Number.isFinite(mine) ? (mine / peer).toFixed(2) : '')
      const roundsText = row.seconds.map((value) => value.toFixed(2)).join(', ') + (row.errors.length ? `; failed: ${row.errors.join('; ')}` : '')
      lines.push(`| ${row.network} | ${row.kind} | ${row.tool.replaceAll('|', '\\|')} | ${Number.isFinite(mine) ? mine.toFixed(2) : 'FAILED'} | ${ratio(peers('rsync -a -e ssh'))} | ${row.kind === 'a: nothing' ? ratio(peers('tar | ssh')) : ''} | ${roundsText} |`)
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await proxy?.close()
    if (sshd) await rm(join(sshd.homeDir, 'www'), { recursive: true, force: true })
    await sshd?.stop()
    await rm(work, { recursive: true, force: true })
  }
}

void main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
