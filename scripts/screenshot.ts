// `npm run screenshot`: refreshes assets/screenshot.png (the README's picture) from browser
// mode against a local sshd, and assets/icon.png (electron-builder's icon) from icon.svg.
import { chromium } from '@playwright/test'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startSkiffServer } from '../e2e/fixtures/skiff-server'
import { startSshd } from '../e2e/fixtures/sshd'
import { SkiffApp } from '../e2e/pages/skiff-app'
import { buildQuietly, root } from './build-quietly'

const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

async function demoFiles(home: string): Promise<void> {
  for (const folder of ['projects', 'backups', 'www', '.config']) await mkdir(join(home, folder), { recursive: true })
  const files: Record<string, number> = { 'deploy.sh': 1800, 'notes.md': 5200, 'release-2.4.1.tar.gz': 48_000_000, 'Grüße — café.txt': 640, 'nginx.conf': 2900 }
  for (const [name, size] of Object.entries(files)) await writeFile(join(home, name), Buffer.alloc(size, 120))
}

async function main(): Promise<void> {
  buildQuietly()
  const sshd = await startSshd()
  const server = await startSkiffServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: browserArgs })
  try {
    await Promise.all([demoFiles(sshd.homeDir), demoFiles(server.homeDir)])
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' })
    await page.goto(server.url)
    const app = new SkiffApp(page)
    await app.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
    await app.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
    await app.local.refresh()
    await app.local.row('projects').waitFor()
    // A terminal tab beside the file browser, then a selection of two files dragged up as one job.
    await page.getByRole('button', { name: 'Open terminal' }).click()
    await page.getByRole('tab', { name: `❯ ${sshd.username}@${sshd.host}`, exact: true }).waitFor()
    await page.getByRole('tab', { name: `${sshd.username}@${sshd.host}`, exact: true }).click()
    await app.local.row('deploy.sh').click()
    await app.local.row('nginx.conf').click({ modifiers: ['Control'] })
    await app.local.row('deploy.sh').dragTo(app.remote.row('www'))
    await app.transfers.waitFor('2 items', 'Done')
    await app.remote.row('notes.md').click()
    await page.screenshot({ path: join(root, 'assets', 'screenshot.png') })
    await page.setViewportSize({ width: 512, height: 512 })
    await page.setContent(`<body style="margin:0;background:transparent">${await readFile(join(root, 'assets', 'icon.svg'), 'utf8')}</body>`)
    await page.locator('svg').screenshot({ path: join(root, 'assets', 'icon.png'), omitBackground: true })
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
