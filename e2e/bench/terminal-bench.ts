// bench:terminal — how fast `cat` of a 100 MB text file reaches the screen in browser mode
// (against OpenSSH's `ssh host cat` into /dev/null), whether memory stays flat while it floods,
// and how long a keystroke takes to come back while another terminal floods. Reported, never
// asserted.
//
// How "drawn" is observed without a test hook into xterm.js: every command ends by setting the
// window title (OSC 0) to a fresh marker. xterm.js raises the title only when its parser reaches
// that sequence, i.e. after every byte before it was written to the screen, and Skiff shows the
// title as text in `.terminal-title`. Screen reader mode stays off: it would slow the drawing.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { open, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SkiffApp } from '../pages/skiff-app'
import { startSkiffServer, type SkiffServer } from '../fixtures/skiff-server'
import { startSshd, type SshdHandle } from '../fixtures/sshd'

const fileMB = Number(process.env.BENCH_MB ?? 100)
const sampleCount = Number(process.env.BENCH_SAMPLES ?? 30)
const isJson = process.argv.includes('--json')
// Chromium runs as it would for a person: Skiff itself picks xterm.js's WebGL renderer on a real
// GPU and its DOM renderer where WebGL is software (SwiftShader here). BENCH_NO_GPU=1 forces
// the DOM renderer on a GPU machine too, to compare.
const isGpuOff = process.env.BENCH_NO_GPU === '1'
const progress = (text: string) => console.error(`[bench:terminal] ${text}`)

/** A `k` that sets the title, and a plain prompt (Debian's may set the title too, hiding ours). */
const shellSetup = `PS1='$ ' PROMPT_COMMAND=; k() { printf '\\033]0;%s\\007' "$1"; }`

/** Lines of 80 printable characters, numbered, cut from 1 MiB of random text: nothing repeats nearby. */
async function makeTextFile(path: string, bytes: number): Promise<number> {
  const pool = Buffer.from(randomBytes(1 << 20).map((b) => (b % 9 === 0 ? 32 : 33 + (b % 94))))
  const file = await open(path, 'w')
  try {
    let line = 0
    for (let written = 0; written < bytes; ) {
      const lines: string[] = []
      for (let i = 0; i < 13_000 && written < bytes; i++, line++, written += 81) {
        const offset = (line * 71) % (pool.length - 70)
        lines.push(`${String(line).padStart(9, '0')} ${pool.toString('latin1', offset, offset + 70)}\n`)
      }
      await file.write(lines.join(''))
    }
  } finally {
    await file.close()
  }
  return (await stat(path)).size
}

/** OpenSSH's own client reading the file into /dev/null, connection setup included: the reference. */
async function timeSshCat(sshd: SshdHandle, path: string): Promise<number> {
  const options = ['-p', String(sshd.port), '-i', sshd.clientKeyPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null']
  const started = performance.now()
  const child = spawn('ssh', [...options, `${sshd.username}@${sshd.host}`, `cat ${path}`], { stdio: 'ignore' })
  const code = await new Promise((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`ssh cat exited with ${String(code)}`)
  return performance.now() - started
}

/** The browser-mode host's process: `startSkiffServer` does not expose it, its command line names its data dir. */
async function findServePid(server: SkiffServer): Promise<number> {
  for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const args = (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).split('\0')
    if (args.some((arg) => arg.endsWith('serve.js')) && args.includes(server.dataDir)) return Number(name)
  }
  throw new Error('serve.js process not found')
}

interface Memory {
  /** The page's used JS heap (CDP `JSHeapUsedSize`), bytes. */
  readonly heap: number
  /** The host process's resident set (`VmRSS`), bytes. */
  readonly rss: number
}

async function readMemory(cdp: CDPSession, pid: number): Promise<Memory> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return { heap: metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0, rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024 }
}

/** Memory at rest: after a collection, so garbage not yet collected does not read as growth. */
async function settledMemory(cdp: CDPSession, pid: number): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage')
  return readMemory(cdp, pid)
}

/** Samples memory every 100 ms until stopped; resolves to the peaks. */
function watchMemory(cdp: CDPSession, pid: number): { stop(): Promise<Memory> } {
  let isStopped = false
  const peak = { heap: 0, rss: 0 }
  const loop = (async () => {
    while (!isStopped) {
      const now = await readMemory(cdp, pid)
      peak.heap = Math.max(peak.heap, now.heap)
      peak.rss = Math.max(peak.rss, now.rss)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return {
    async stop() {
      isStopped = true
      await loop
      return peak
    },
  }
}

/** What the page records for one timed Enter. */
interface Probe {
  expected: string
  enterAt?: number
  ms?: number
}

/** Stamps every Enter in the capture phase with the event's own time, before any handler of the app. */
async function installEnterClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchProbe?: Probe }
    window.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && w.benchProbe && w.benchProbe.enterAt === undefined) w.benchProbe.enterAt = event.timeStamp
    }, true)
  })
}

/**
 * Presses Enter and returns the ms until the shown terminal's title reads `title`, then one more
 * frame (when it is on screen). Timed inside the page: the keydown's timestamp includes any wait
 * for a busy main thread, and no Playwright round trip is counted.
 */
async function enterUntilTitle(page: Page, title: string, timeout = 30_000): Promise<number> {
  await page.evaluate((expected) => {
    const probe: Probe = { expected }
    ;(window as unknown as { benchProbe: Probe }).benchProbe = probe
    const view = document.querySelector('.terminal-view:not([hidden])')!
    // Only the title element when there is one: watching the whole screen would tax the drawing.
    const observer = new MutationObserver(() => {
      if (view.querySelector('.terminal-title')?.textContent !== expected || probe.enterAt === undefined) return
      observer.disconnect()
      requestAnimationFrame(() => (probe.ms = performance.now() - probe.enterAt!))
    })
    observer.observe(view.querySelector('.terminal-title') ?? view, { childList: true, characterData: true, subtree: true })
  }, title)
  await page.keyboard.press('Enter')
  const measured = await page.waitForFunction(() => (window as unknown as { benchProbe: Probe }).benchProbe.ms, undefined, { timeout, polling: 50 })
  return Number(await measured.jsonValue())
}

/** BENCH_SAMPLES round trips in the shown terminal: type `k <tag><n>`, then Enter until that title shows. */
async function sampleEcho(page: Page, tag: string): Promise<{ medianMs: number; p95Ms: number }> {
  const samples: number[] = []
  for (let n = 0; n < sampleCount; n++) {
    await page.keyboard.type(`k ${tag}${n}`)
    samples.push(await enterUntilTitle(page, `${tag}${n}`))
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!)
  return { medianMs: at(0.5), p95Ms: at(0.95) }
}

/** Opens a terminal from the file tab, with `k` defined and a plain prompt. */
async function openTerminal(app: SkiffApp): Promise<void> {
  await app.page.getByRole('tab').first().click()
  await app.page.getByRole('button', { name: 'Open terminal' }).click()
  await app.terminal.type(`${shellSetup}; k ready`)
  await enterUntilTitle(app.page, 'ready')
}

interface Spread {
  readonly before: number
  readonly peak: number
  readonly after: number
}

interface Result {
  readonly fileMB: number
  /** OpenSSH's `ssh host cat FILE` into /dev/null, connection setup included: the reference. */
  readonly sshMBps: number
  /** Enter to the marker after the last byte drawn. */
  readonly skiffMBps: number
  /** xterm.js's renderer in this browser: WebGL, or its DOM fallback. */
  readonly renderer: 'webgl' | 'dom'
  readonly echoIdle: { readonly medianMs: number; readonly p95Ms: number }
  readonly echoFlood: { readonly medianMs: number; readonly p95Ms: number }
  /** False when the flood ended before the last sample: the flood numbers are then partly idle. */
  readonly isFloodThroughout: boolean
  /** Page JS heap and host RSS in MB: before the first flood, peak over both, after both. */
  readonly heapMB: Spread
  readonly hostRssMB: Spread
}

const toMB = (bytes: number) => Math.round(bytes / 1e5) / 10

async function measure(app: SkiffApp, sshd: SshdHandle, server: SkiffServer, path: string, bytes: number): Promise<Result> {
  const page = app.page
  await installEnterClock(page)
  await openTerminal(app)
  const renderer = (await page.locator('.terminal-view canvas').count()) > 0 ? 'webgl' : 'dom'
  progress('ssh cat (reference)')
  const sshMs = await timeSshCat(sshd, path)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const pid = await findServePid(server)
  const before = await settledMemory(cdp, pid)
  const watch = watchMemory(cdp, pid)

  progress(`cat of ${toMB(bytes)} MB in the terminal`)
  await app.terminal.type(`cat ${path}; k cat-done`)
  const catMs = await enterUntilTitle(page, 'cat-done', 600_000)

  progress('echo, idle')
  await openTerminal(app)
  const echoIdle = await sampleEcho(page, 'idle')

  // The flood runs in the first terminal, hidden: xterm.js still parses (and acknowledges) all
  // of it on the page's one thread, and every byte still crosses the host and the socket.
  // Bounded: the file 20 times at most, cut short with Ctrl+C once the samples are taken.
  progress('echo, while the other terminal floods')
  const tabs = page.getByRole('tab')
  await tabs.nth(1).click()
  await app.terminal.type(`k flood; for i in $(seq 20); do cat ${path}; done; k flood-done`)
  await enterUntilTitle(page, 'flood')
  await tabs.nth(2).click()
  await app.terminal.screen.click()
  const echoFlood = await sampleEcho(page, 'busy')
  const isFloodThroughout = (await page.locator('.terminal-title', { hasText: 'flood-done' }).count()) === 0
  await tabs.nth(1).click()
  await app.terminal.screen.click()
  await page.keyboard.press('Control+c')
  await page.keyboard.type('k stopped')
  await enterUntilTitle(page, 'stopped', 60_000)

  const peak = await watch.stop()
  const after = await settledMemory(cdp, pid)
  const spread = (key: keyof Memory) => ({ before: toMB(before[key]), peak: toMB(Math.max(peak[key], before[key], after[key])), after: toMB(after[key]) })
  return {
    fileMB: toMB(bytes),
    sshMBps: toMB(bytes / (sshMs / 1000)),
    skiffMBps: toMB(bytes / (catMs / 1000)),
    renderer,
    echoIdle,
    echoFlood,
    isFloodThroughout,
    heapMB: spread('heap'),
    hostRssMB: spread('rss'),
  }
}

function printTable(result: Result): void {
  const spread = (s: Spread) => `${s.before} / ${s.peak} / ${s.after}`
  const ratio = (result.skiffMBps / result.sshMBps).toFixed(2)
  console.log('| measure | Skiff | OpenSSH `ssh host cat` | target |')
  console.log('|---|---:|---:|---|')
  console.log(`| \`cat\` ${result.fileMB} MB, drawn end to end (MB/s) | ${result.skiffMBps} | ${result.sshMBps} (Skiff ÷ ssh ${ratio}) | ≥ 30 |`)
  console.log(`| echo, idle: median / p95 (ms) | ${result.echoIdle.medianMs} / ${result.echoIdle.p95Ms} | | |`)
  console.log(`| echo while another terminal floods: median / p95 (ms) | ${result.echoFlood.medianMs} / ${result.echoFlood.p95Ms} | | p95 < 100 |`)
  console.log(`| page JS heap before / peak (both floods) / after (MB) | ${spread(result.heapMB)} | | flat |`)
  console.log(`| host RSS before / peak (both floods) / after (MB) | ${spread(result.hostRssMB)} | | flat |`)
  console.log('')
  console.log(`xterm.js renderer: ${result.renderer}; ${sampleCount} echo samples each; flood ran through every sample: ${result.isFloodThroughout ? 'yes' : 'NO'}`)
}

async function main(): Promise<void> {
  let sshd: SshdHandle | undefined
  let server: SkiffServer | undefined
  let browser: Browser | undefined
  let path: string | undefined
  try {
    sshd = await startSshd()
    server = await startSkiffServer()
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...(isGpuOff ? ['--disable-gpu', '--disable-webgl'] : [])],
    })
    path = join(sshd.homeDir, 'flood.txt')
    progress(`writing ${fileMB} MB of text`)
    const bytes = await makeTextFile(path, fileMB * 1e6)
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(server.url)
    const app = new SkiffApp(page)
    await app.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
    await app.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
    const result = await measure(app, sshd, server, path, bytes)
    if (isJson) console.log(JSON.stringify(result))
    else printTable(result)
  } finally {
    if (path) await rm(path, { force: true })
    await browser?.close()
    await server?.stop()
    await sshd?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
