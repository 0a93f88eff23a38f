// bench:transfer — Skiff's copy engine against OpenSSH's own tools on the same sshd, data and
// cipher: one large file and a tree of small files, each way, on loopback and behind a
// latency proxy. Every copy is checked before its time counts. Reported, never asserted.
// stdout carries only the result (markdown, or JSON with --json); progress goes to stderr.
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLatencyProxy, type LatencyProxy } from '../fixtures/latency-proxy'
import { startSshd, type SshdHandle } from '../fixtures/sshd'
import { checkBigFile, checkTree, makeBenchData, type BigFile, type DataSizes, type FileTree } from './transfer-data'
import { formatJson, formatMarkdown, type BenchResult, type BenchRow } from './transfer-report'
import { runScp, runSkiff, runSshTrue, runTarPipe, type Endpoint, type RunLimits, type RunOutcome } from './transfer-tools'

const isJson = process.argv.includes('--json')
const isQuick = process.argv.includes('--quick')
const rttMs = Number(process.env.BENCH_RTT_MS ?? 40)
// What ssh2 picks first against OpenSSH 9 on a CPU with AES instructions; the worker reports
// what it really negotiated and the header flags a mismatch.
const referenceCipher = process.env.BENCH_CIPHER ?? 'aes128-gcm@openssh.com'
const MiB = 1024 * 1024
const sizes: DataSizes = isQuick
  ? { bigFileBytes: 128 * MiB, folderCount: 5, filesPerFolder: 100 }
  : { bigFileBytes: 1024 * MiB, folderCount: 50, filesPerFolder: 100 }

const log = (line: string) => process.stderr.write(`${line}\n`)

/** Where one scenario reads and writes, and how to check what it wrote. */
interface Scenario {
  readonly kind: BenchRow['scenario']
  readonly direction: BenchRow['direction']
  readonly sourcePath: string
  /** The folder copied into: emptied before every run. */
  readonly targetFolder: string
  /** What a correct copy leaves in the target folder, and why it is wrong if it is. */
  check(): Promise<string | null>
}

/** One way of doing a scenario: a reference tool or Skiff. */
interface Contender {
  readonly tool: string
  run(endpoint: Endpoint, scenario: Scenario, limits: RunLimits): Promise<RunOutcome>
}

const treeName = 'tree'

const bigContenders: readonly Contender[] = [
  { tool: 'scp', run: (e, s, l) => runScp(e, { isLegacy: false, direction: s.direction }, s.sourcePath, s.targetFolder, l) },
  { tool: 'scp -O', run: (e, s, l) => runScp(e, { isLegacy: true, direction: s.direction }, s.sourcePath, s.targetFolder, l) },
]
const treeContenders: readonly Contender[] = [
  { tool: 'scp -r', run: (e, s, l) => runScp(e, { isLegacy: false, direction: s.direction }, s.sourcePath, s.targetFolder, l) },
  { tool: 'tar | ssh', run: (e, s, l) => runTarPipe(e, s.direction, s.sourcePath, join(s.targetFolder, treeName), l) },
]
const skiff: Contender = { tool: 'Skiff', run: (e, s, l) => runSkiff(e, s, l) }

function scenarios(work: string, big: BigFile, tree: FileTree): Scenario[] {
  const folders = { upload: join(work, 'up'), download: join(work, 'down') }
  return (['big', 'tree'] as const).flatMap((kind) =>
    (['upload', 'download'] as const).map((direction) => {
      const targetFolder = folders[direction]
      // One machine plays both sides: the same source serves uploads and downloads.
      const sourcePath = kind === 'big' ? big.path : tree.path
      const check = kind === 'big' ? () => checkBigFile(join(targetFolder, 'big.bin'), big) : () => checkTree(join(targetFolder, treeName), tree)
      return { kind, direction, sourcePath, targetFolder, check }
    }),
  )
}

/** A generous deadline: far past any plausible time, short of a hung run blocking forever. */
function deadlineMs(scenario: Scenario): number {
  const perUnit = scenario.kind === 'big' ? sizes.bigFileBytes / (2 * MiB) : sizes.folderCount * sizes.filesPerFolder * 0.4
  return (300 + perUnit) * 1000
}

async function emptyFolder(path: string, work: string): Promise<void> {
  await rm(path, { recursive: true, force: true })
  await mkdir(path)
  // Dirty pages of the previous copy must not be written back during the next one.
  spawnSync('sync', ['-f', work])
}

async function measure(
  contender: Contender,
  scenario: Scenario,
  endpoint: Endpoint & { network: string },
  work: string,
  signal: AbortSignal,
): Promise<BenchRow> {
  await emptyFolder(scenario.targetFolder, work)
  const ran = await contender.run(endpoint, scenario, { signal, timeoutMs: deadlineMs(scenario) })
  // Paths in messages are shown relative to the temp folder, so a table cell keeps the reason.
  const outcome = { ...ran, error: ran.error?.replaceAll(`${work}/`, '') }
  const base = { scenario: scenario.kind, network: endpoint.network, direction: scenario.direction, tool: contender.tool, peakRssMb: outcome.peakRssMb, cipher: outcome.cipher }
  if (outcome.seconds === undefined) {
    return { ...base, status: contender === skiff ? 'n/a' : 'FAILED', error: outcome.error ?? 'no time reported' }
  }
  // A fast wrong copy is worth nothing: its time is not reported as a result.
  const wrong = (await scenario.check()) ?? (outcome.error ? `reported ${outcome.error}` : null)
  if (wrong) return { ...base, status: 'FAILED', error: `${wrong} (took ${outcome.seconds.toFixed(2)} s)` }
  const units = scenario.kind === 'big' ? sizes.bigFileBytes / MiB : sizes.folderCount * sizes.filesPerFolder
  return { ...base, seconds: outcome.seconds, rate: units / outcome.seconds, status: 'ok' }
}

function opensshVersion(): string {
  const printed = spawnSync('ssh', ['-V'], { encoding: 'utf8' })
  return (printed.stderr || printed.stdout).trim().split(',')[0] ?? 'OpenSSH (unknown version)'
}

interface Network {
  readonly name: string
  readonly port: number
}

async function runAll(sshd: SshdHandle, networks: readonly Network[], work: string, signal: AbortSignal) {
  const dataDir = join(work, 'data')
  await mkdir(dataDir)
  log(`writing ${sizes.bigFileBytes / MiB} MiB file and ${sizes.folderCount * sizes.filesPerFolder} small files in ${dataDir}…`)
  const { big, tree } = await makeBenchData(dataDir, sizes)
  const rows: BenchRow[] = []
  const sshSetupSeconds: Record<string, number | undefined> = {}
  const plan = scenarios(work, big, tree)
  const total = networks.length * plan.length * 3
  for (const network of networks) {
    const endpoint = {
      host: sshd.host,
      port: network.port,
      username: sshd.username,
      keyPath: sshd.clientKeyPath,
      hostKeyLine: sshd.hostKeyLine,
      cipher: referenceCipher,
      network: network.name,
    }
    sshSetupSeconds[network.name] = (await runSshTrue(endpoint, { signal, timeoutMs: 60_000 })).seconds
    for (const scenario of plan) {
      for (const contender of [...(scenario.kind === 'big' ? bigContenders : treeContenders), skiff]) {
        if (signal.aborted) throw new Error('cancelled')
        const row = await measure(contender, scenario, endpoint, work, signal)
        rows.push(row)
        const outcome = row.status === 'ok' ? `${row.seconds?.toFixed(2)} s` : `${row.status} ${row.error ?? ''}`
        log(`[${rows.length}/${total}] ${network.name} · ${scenario.kind} ${scenario.direction} · ${contender.tool}: ${outcome}`)
      }
    }
  }
  await rm(join(work, 'up'), { recursive: true, force: true })
  await rm(join(work, 'down'), { recursive: true, force: true })
  return { rows, sshSetupSeconds, tree }
}

async function main(): Promise<void> {
  const cancel = new AbortController()
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => cancel.abort())
  const work = await mkdtemp(join(tmpdir(), 'skiff-transfer-bench-'))
  let sshd: SshdHandle | undefined
  let proxy: LatencyProxy | undefined
  try {
    sshd = await startSshd()
    const networks: Network[] = [{ name: 'loopback', port: sshd.port }]
    if (rttMs > 0) {
      proxy = await startLatencyProxy(sshd.port, { rttMs })
      networks.push({ name: `${rttMs} ms RTT`, port: proxy.port })
    }
    const { rows, sshSetupSeconds, tree } = await runAll(sshd, networks, work, cancel.signal)
    const result: BenchResult = {
      isQuick,
      bigFileMiB: sizes.bigFileBytes / MiB,
      treeFiles: tree.files,
      treeMiB: tree.bytes / MiB,
      rttMs,
      openssh: opensshVersion(),
      referenceCipher,
      skiffCipher: rows.find((row) => row.cipher)?.cipher,
      sshSetupSeconds,
      rows,
    }
    console.log(isJson ? formatJson(result) : formatMarkdown(result))
  } finally {
    await proxy?.close()
    await sshd?.stop()
    await rm(work, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
