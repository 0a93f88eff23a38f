// bench:listing — how fast a remote folder of 100,000 entries reaches the screen in browser
// mode, and whether scrolling it to the end ever blocks the UI. Reported, never asserted.
import { chromium } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SkiffApp } from '../pages/skiff-app'
import { startSkiffServer } from '../fixtures/skiff-server'
import { startSshd } from '../fixtures/sshd'

const entryCount = Number(process.env.BENCH_ENTRIES ?? 100_000)
const isJson = process.argv.includes('--json')

async function makeFolder(dir: string): Promise<void> {
  await mkdir(dir)
  const batch = 2000
  for (let start = 0; start < entryCount; start += batch) {
    const names = Array.from({ length: Math.min(batch, entryCount - start) }, (_, i) => `f-${String(start + i).padStart(6, '0')}.dat`)
    await Promise.all(names.map((name) => writeFile(join(dir, name), '')))
  }
}

interface Result {
  entries: number
  /** OpenSSH's `sftp` listing the same folder (`ls -l`), connection setup included: the reference. */
  sftpLsMs: number
  firstRowsMs: number
  /** The longest main-thread task while the listing arrived and rendered. */
  longestLoadTaskMs: number
  scrollSteps: number
  longestScrollTaskMs: number
  scrollTasksOver100Ms: number
}

/** Times OpenSSH's own client listing the folder: what a user of `sftp` would wait. */
function timeSftpLs(sshd: Awaited<ReturnType<typeof startSshd>>, folder: string): number {
  const started = performance.now()
  execFileSync(
    'sftp',
    ['-q', '-b', '-', '-P', String(sshd.port), '-i', sshd.clientKeyPath, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', `${sshd.username}@${sshd.host}`],
    { input: `ls -l ${folder}\n`, stdio: ['pipe', 'ignore', 'ignore'] },
  )
  return Math.round(performance.now() - started)
}

async function measure(app: SkiffApp, folder: string): Promise<Omit<Result, 'entries' | 'sftpLsMs'>> {
  const page = app.page
  await page.evaluate(() => {
    const w = window as unknown as { benchTasks: number[] }
    w.benchTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchTasks.push(e.duration))).observe({ type: 'longtask' })
  })
  await app.remote.path.fill(folder)
  const started = Date.now()
  await app.remote.path.press('Enter')
  await app.remote.row('f-000000.dat').waitFor()
  const firstRowsMs = Date.now() - started
  const loadTasks = await page.evaluate(() => (window as unknown as { benchTasks: number[] }).benchTasks.splice(0))
  const scrollSteps = await page.evaluate(async () => {
    const grid = document.querySelector('[role="grid"][aria-label="Remote files"]')
    const scroller = [grid, ...(grid ? Array.from(grid.querySelectorAll('*')) : [])].find(
      (el): el is HTMLElement => el instanceof HTMLElement && el.scrollHeight > el.clientHeight + 10,
    )
    if (!scroller) return 0
    let steps = 0
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2 && steps < 2000) {
      scroller.scrollTop += scroller.clientHeight * 10
      steps++
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)))
    }
    return steps
  })
  const lastName = `f-${String(entryCount - 1).padStart(6, '0')}.dat`
  await app.remote.row(lastName).waitFor()
  const tasks = await page.evaluate(() => (window as unknown as { benchTasks: number[] }).benchTasks)
  return {
    firstRowsMs,
    longestLoadTaskMs: Math.round(Math.max(0, ...loadTasks)),
    scrollSteps,
    longestScrollTaskMs: Math.round(Math.max(0, ...tasks)),
    scrollTasksOver100Ms: tasks.filter((t) => t > 100).length,
  }
}

async function main(): Promise<void> {
  const sshd = await startSshd()
  const server = await startSkiffServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const folder = join(sshd.homeDir, 'big')
    await makeFolder(folder)
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(server.url)
    const app = new SkiffApp(page)
    await app.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
    await app.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
    await app.remote.path.waitFor()
    const sftpLsMs = timeSftpLs(sshd, folder)
    const result: Result = { entries: entryCount, sftpLsMs, ...(await measure(app, folder)) }
    if (isJson) {
      console.log(JSON.stringify(result))
      return
    }
    const ratio = (result.firstRowsMs / result.sftpLsMs).toFixed(2)
    console.log('| entries | OpenSSH sftp ls -l (ms) | Skiff first rows (ms) | ratio | longest load task (ms) | scroll steps | longest scroll task (ms) | scroll tasks > 100 ms |')
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
    console.log(
      `| ${result.entries} | ${result.sftpLsMs} | ${result.firstRowsMs} | ${ratio} | ${result.longestLoadTaskMs} | ${result.scrollSteps} | ${result.longestScrollTaskMs} | ${result.scrollTasksOver100Ms} |`,
    )
  } finally {
    await browser.close()
    await server.stop()
    await sshd.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
