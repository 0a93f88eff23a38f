// bench:transfer's output: markdown tables per scenario group (with the product targets as a
// legend) or one JSON object. Reported, never asserted.

/** One timed and checked transfer. */
export interface BenchRow {
  readonly scenario: 'big' | 'tree'
  /** `loopback` or e.g. `40 ms RTT`. */
  readonly network: string
  readonly direction: 'upload' | 'download'
  readonly tool: string
  /** Wall time; absent when the run failed. */
  readonly seconds?: number
  /** MiB/s for the large file, files/s for the tree. */
  readonly rate?: number
  /** Skiff's worker only. */
  readonly peakRssMb?: number
  /** Skiff's worker only: the cipher it negotiated. */
  readonly cipher?: string
  /** ok; FAILED: ran but wrong, or a reference tool failed; n/a: Skiff could not run. */
  readonly status: 'ok' | 'FAILED' | 'n/a'
  readonly error?: string
}

/** Everything a run reports. */
export interface BenchResult {
  readonly isQuick: boolean
  readonly bigFileMiB: number
  readonly treeFiles: number
  readonly treeMiB: number
  readonly rttMs: number
  readonly openssh: string
  readonly referenceCipher: string
  readonly skiffCipher?: string
  /** `ssh host true` per network: connection setup included in every reference time. */
  readonly sshSetupSeconds: Readonly<Record<string, number | undefined>>
  readonly rows: readonly BenchRow[]
}

/** A product target: Skiff's speed-up (reference time ÷ Skiff time) must reach `atLeast`. */
interface Target {
  readonly atLeast: number
  readonly label: string
}

const isScp = (tool: string) => tool.startsWith('scp')

/** The product spec's targets, as speed-ups over a reference row. */
function targetFor(row: BenchRow): Target | undefined {
  if (row.tool === 'Skiff') return undefined
  if (row.network !== 'loopback' && isScp(row.tool)) return { atLeast: 3, label: '≥ 3× scp at RTT' }
  if (row.tool === 'tar | ssh') return { atLeast: 0.8, label: '≤ 1.25× tar time' }
  if (row.scenario === 'big' && isScp(row.tool)) return { atLeast: 1.3, label: '≥ 1.3× scp' }
  if (row.scenario === 'tree' && isScp(row.tool)) return { atLeast: 4, label: '≥ 4× scp -r' }
  return undefined
}

const memoryLimitMb = 300

function skiffRowFor(rows: readonly BenchRow[], row: BenchRow): BenchRow | undefined {
  return rows.find((r) => r.tool === 'Skiff' && r.scenario === row.scenario && r.network === row.network && r.direction === row.direction)
}

/** Reference time ÷ Skiff time: above 1, Skiff was faster. */
export function speedUp(rows: readonly BenchRow[], row: BenchRow): number | undefined {
  const skiff = skiffRowFor(rows, row)
  if (row.tool === 'Skiff' || row.status !== 'ok' || skiff?.status !== 'ok' || !row.seconds || !skiff.seconds) return undefined
  return row.seconds / skiff.seconds
}

function targetCell(rows: readonly BenchRow[], row: BenchRow): string {
  if (row.tool === 'Skiff') {
    if (row.scenario !== 'big' || row.peakRssMb === undefined || row.status !== 'ok') return '—'
    return `< ${memoryLimitMb} MB RSS: ${row.peakRssMb < memoryLimitMb ? 'met' : 'missed'}`
  }
  const target = targetFor(row)
  if (!target) return '—'
  const ratio = speedUp(rows, row)
  if (ratio === undefined) return `${target.label}: n/a`
  return `${target.label}: ${ratio >= target.atLeast ? 'met' : 'missed'}`
}

const fixed = (value: number | undefined, digits: number) => (value === undefined ? '—' : value.toFixed(digits))

function resultCell(row: BenchRow): string {
  if (row.status === 'ok') return 'ok'
  // Table cells must stay on one line and must not close the cell early.
  return `${row.status}: ${(row.error ?? '').replaceAll('|', '/').replaceAll('\n', ' ').slice(0, 160)}`
}

function table(rows: readonly BenchRow[], scenario: BenchRow['scenario'], network: string): string[] {
  const unit = scenario === 'big' ? 'MiB/s' : 'files/s'
  const lines = [
    `| direction | tool | seconds | ${unit} | Skiff speed-up | target | peak RSS (MB) | result |`,
    '|---|---|---:|---:|---:|---|---:|---|',
  ]
  for (const row of rows.filter((r) => r.scenario === scenario && r.network === network)) {
    const ratio = speedUp(rows, row)
    const cells = [
      row.direction,
      // GitHub's tables need a pipe inside a cell escaped.
      row.tool.replaceAll('|', '\\|'),
      fixed(row.seconds, 2),
      fixed(row.rate, scenario === 'big' ? 1 : 0),
      ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      targetCell(rows, row),
      fixed(row.peakRssMb, 0),
      resultCell(row),
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines
}

/** The run as markdown: a header, a table per scenario group, the targets. */
export function formatMarkdown(result: BenchResult): string {
  const networks = [...new Set(result.rows.map((r) => r.network))]
  const setup = networks.map((n) => `${n} ${fixed(result.sshSetupSeconds[n], 2)} s`).join(', ')
  const lines = [
    `## bench:transfer${result.isQuick ? ' — QUICK MODE (--quick): reduced sizes, not the spec sizes' : ''}`,
    '',
    `- Data: one ${result.bigFileMiB} MiB file; ${result.treeFiles} files (${result.treeMiB.toFixed(1)} MiB, 1–8 KiB each).`,
    `- ${result.openssh}; references run with \`-c ${result.referenceCipher}\`, Skiff negotiated \`${result.skiffCipher ?? 'unknown'}\`${
      result.skiffCipher && result.skiffCipher !== result.referenceCipher ? ' (DIFFERENT: set BENCH_CIPHER)' : ''
    }.`,
    `- Every time includes connecting (\`ssh true\` alone: ${setup}); Skiff's is its worker's connect + copyTree.`,
    '- Skiff speed-up = that row\'s time ÷ Skiff\'s time in the same direction (above 1: Skiff faster).',
  ]
  for (const network of networks) {
    for (const scenario of ['big', 'tree'] as const) {
      const what = scenario === 'big' ? `${result.bigFileMiB} MiB file` : `${result.treeFiles} files`
      lines.push('', `### ${what}, ${network}`, '', ...table(result.rows, scenario, network))
    }
  }
  lines.push(
    '',
    'Targets (product spec): 1 GiB ≥ 1.3× scp both ways; 5,000 files ≤ 1.25× tar|ssh time and ≥ 4× faster than scp -r;',
    `at 40 ms RTT ≥ 3× scp${result.rttMs === 40 ? '' : ` (this run: ${result.rttMs} ms)`}; Skiff's peak RSS < ${memoryLimitMb} MB during the large-file transfers.`,
  )
  return lines.join('\n')
}

/** The run as one JSON object, each row with its speed-up and target verdict. */
export function formatJson(result: BenchResult): string {
  const rows = result.rows.map((row) => ({ ...row, skiffSpeedUp: speedUp(result.rows, row), target: targetCell(result.rows, row) }))
  return JSON.stringify({ ...result, rows })
}
