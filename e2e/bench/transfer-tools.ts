// The contenders of bench:transfer: OpenSSH's scp (both protocols), tar piped through ssh, and
// Skiff's copy engine in a worker process. Each runs as its own process group and is timed
// from spawn to exit.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { WorkerJob, WorkerReport } from './transfer-worker'

/** An sshd (or the latency proxy in front of it) the tools connect to. */
export interface Endpoint {
  readonly host: string
  readonly port: number
  readonly username: string
  readonly keyPath: string
  readonly hostKeyLine: string
  /** Cipher forced on OpenSSH's tools, to match what Skiff negotiates. */
  readonly cipher: string
}

/** How one timed run went; `seconds` is absent when it failed. */
export interface RunOutcome {
  readonly seconds?: number
  readonly error?: string
  readonly peakRssMb?: number
  readonly cipher?: string
}

/** Limits of one run: the benchmark's own cancellation and a deadline. */
export interface RunLimits {
  readonly signal: AbortSignal
  readonly timeoutMs: number
}

/** A single-quoted word for sh. */
export const shellWord = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

// -F /dev/null: no user config (ControlMaster, Compression, another cipher) can skew a row.
export function sshOptions(endpoint: Endpoint): string[] {
  const options = ['StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'BatchMode=yes', 'LogLevel=ERROR', 'Compression=no']
  return ['-F', '/dev/null', ...options.flatMap((option) => ['-o', option]), '-c', endpoint.cipher, '-i', endpoint.keyPath]
}

const remote = (endpoint: Endpoint, path: string) => `${endpoint.username}@${endpoint.host}:${path}`

/** The line of a tool's stderr that says what went wrong: Node's `XError: …` line or the last one. */
function errorLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('Node.js v'))
  return lines.find((line) => /^\w*Error\b.*:/.test(line)) ?? lines.pop()
}

/** Runs a command in its own process group; a deadline or cancellation kills the whole group. */
export function timed(file: string, args: readonly string[], limits: RunLimits, onStdout?: (text: string) => void): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(file, args, { detached: true, stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'pipe'] })
    let stderr = ''
    // Only the tail matters (the error), and a chatty tool must not fill memory.
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    child.stdout?.on('data', (chunk: Buffer) => onStdout?.(chunk.toString()))
    let killedFor: string | undefined
    const kill = (reason: string) => {
      killedFor = reason
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    }
    const timer = setTimeout(() => kill(`timed out after ${limits.timeoutMs / 1000} s`), limits.timeoutMs)
    const onAbort = () => kill('cancelled')
    limits.signal.addEventListener('abort', onAbort, { once: true })
    const settle = (outcome: RunOutcome) => {
      clearTimeout(timer)
      limits.signal.removeEventListener('abort', onAbort)
      resolve(outcome)
    }
    child.once('error', (error) => settle({ error: error.message }))
    child.once('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000
      if (killedFor) settle({ error: killedFor })
      else if (code === 0) settle({ seconds })
      else settle({ error: errorLine(stderr) ?? `exit ${code ?? signal}` })
    })
  })
}

/** `scp` in its default mode (SFTP since OpenSSH 9) or with `-O` (the legacy SCP protocol). */
export function runScp(endpoint: Endpoint, how: { isLegacy: boolean; direction: 'upload' | 'download' }, from: string, to: string, limits: RunLimits) {
  const args = ['-q', '-r', '-P', String(endpoint.port), ...sshOptions(endpoint), ...(how.isLegacy ? ['-O'] : [])]
  const ends = how.direction === 'upload' ? [from, remote(endpoint, to)] : [remote(endpoint, from), to]
  return timed('scp', [...args, ...ends], limits)
}

/** `scp files… host:dir`: a selection of files, named one by one on the command line (uploads). */
export function runScpFiles(endpoint: Endpoint, files: readonly string[], to: string, limits: RunLimits) {
  return timed('scp', ['-q', '-P', String(endpoint.port), ...sshOptions(endpoint), ...files, remote(endpoint, `${to}/`)], limits)
}

/** `rsync -a files… host:dir/` over ssh (uploads). */
export function runRsyncFiles(endpoint: Endpoint, files: readonly string[], to: string, limits: RunLimits) {
  const ssh = ['ssh', '-p', String(endpoint.port), ...sshOptions(endpoint)].map(shellWord).join(' ')
  return timed('rsync', ['-a', '-e', ssh, ...files, remote(endpoint, `${to}/`)], limits)
}

/** `tar c | ssh tar x` (or the reverse): one stream, no per-file round trips. */
export function runTarPipe(endpoint: Endpoint, direction: 'upload' | 'download', fromDir: string, toDir: string, limits: RunLimits) {
  const ssh = ['ssh', '-p', String(endpoint.port), ...sshOptions(endpoint), `${endpoint.username}@${endpoint.host}`].map(shellWord).join(' ')
  const pack = (dir: string) => `tar -C ${shellWord(dir)} -cf - .`
  const unpack = (dir: string) => `mkdir -p ${shellWord(dir)} && tar -C ${shellWord(dir)} -xf -`
  const pipeline =
    direction === 'upload' ? `${pack(fromDir)} | ${ssh} ${shellWord(unpack(toDir))}` : `${ssh} ${shellWord(pack(fromDir))} | { ${unpack(toDir)}; }`
  return timed('bash', ['-o', 'pipefail', '-c', pipeline], limits)
}

/** `ssh host command`: a command on the server, connect included (`rm -rf`, `chmod -R`). */
export function runSshCommand(endpoint: Endpoint, command: string, limits: RunLimits) {
  return timed('ssh', ['-p', String(endpoint.port), ...sshOptions(endpoint), `${endpoint.username}@${endpoint.host}`, command], limits)
}

/** `ssh host true`: what connecting alone costs OpenSSH, included in every reference time. */
export function runSshTrue(endpoint: Endpoint, limits: RunLimits) {
  return timed('ssh', ['-p', String(endpoint.port), ...sshOptions(endpoint), `${endpoint.username}@${endpoint.host}`, 'true'], limits)
}

/**
 * Skiff's copyTree in a child process (see transfer-worker.ts). Its time is the worker's own
 * (connect and copy), not Node's start-up; a worker that cannot even start reports its stderr.
 */
export async function runSkiff(endpoint: Endpoint, job: Pick<WorkerJob, 'direction' | 'sourcePath' | 'targetFolder' | 'isSelectAll' | 'operation'>, limits: RunLimits) {
  const full: WorkerJob = { ...job, host: endpoint.host, port: endpoint.port, username: endpoint.username, keyPath: endpoint.keyPath, hostKeyLine: endpoint.hostKeyLine }
  let stdout = ''
  const workerPath = join(import.meta.dirname, 'transfer-worker.ts')
  const outcome = await timed(process.execPath, ['--import', 'tsx', workerPath, JSON.stringify(full)], limits, (text) => (stdout = (stdout + text).slice(-100_000)))
  const lastLine = stdout.trim().split('\n').pop() ?? ''
  if (!lastLine.startsWith('{')) return { error: outcome.error ?? 'the worker printed no report' }
  const report = JSON.parse(lastLine) as WorkerReport
  return { seconds: report.seconds, error: report.error, peakRssMb: report.peakRssMb, cipher: report.cipher }
}
