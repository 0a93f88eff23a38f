import { mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { put } from './fixtures/timed-files'
import { startTcpProxy } from './fixtures/tcp-proxy'
import { KeepUpToDateView } from './pages/keep-up-to-date-view'
import type { SkiffApp } from './pages/skiff-app'
import type { SshdHandle } from './fixtures/sshd'

// Keep up to date (Ctrl+U) against the real sshd: the local folder is watched, and what changes
// there reaches the server through the transfer queue, a batch of changes one job.

/** Both panes on the two folders, then Ctrl+U in the local pane's grid or its Path box (or Keep up to date… in the remote pane's row menu). */
async function openKeep(skiff: SkiffApp, localDir: string, remoteDir: string, how: 'keys' | 'path' | 'menu' = 'keys'): Promise<KeepUpToDateView> {
  const keep = new KeepUpToDateView(skiff.page)
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  if (how !== 'menu') {
    await (how === 'keys' ? skiff.local.grid : skiff.local.path).focus()
    await skiff.page.keyboard.press('Control+u')
  } else {
    await skiff.remote.grid.click({ button: 'right', position: { x: 40, y: 200 } })
    const item = skiff.page.getByRole('menu', { name: 'Remote file actions' }).getByRole('menuitem', { name: 'Keep up to date…' })
    await expect(item).toContainText('Ctrl+U')
    await item.click()
  }
  await expect(keep.dialog).toBeVisible()
  await expect(keep.field('Local folder')).toHaveValue(localDir)
  await expect(keep.field('Remote folder')).toHaveValue(remoteDir)
  return keep
}

const remoteNames = async (folder: string) => (await readdir(folder).catch(() => [])).sort()
/**
 * Starts a second watch and saves a file in it: once that file is on the server, a whole debounce
 * and job have gone by since, and a watch that should be over had all that time to (wrongly) act.
 */
async function sentinelWatch(skiff: SkiffApp, sshd: SshdHandle): Promise<void> {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-sentinel-'))
  const remoteDir = await remoteFolder(sshd, 'keep-sentinel')
  await openKeep(skiff, localDir, remoteDir).then((keep) => keep.start())
  await writeFile(join(localDir, 'sentinel.txt'), 's')
  await expect.poll(() => remoteNames(remoteDir), { timeout: 15_000 }).toEqual(['sentinel.txt'])
}

const syncJobs = (skiff: SkiffApp) => skiff.transfers.region.getByRole('listitem').filter({ hasText: 'Synchronize' })

test('uploads a save, a new folder and a rename (the old name deleted with Delete extra on), and Stop stops', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep')
  await put(localDir, 'index.html', '<h1>v1</h1>')
  await put(remoteDir, 'index.html', '<h1>v1</h1>')
  await put(localDir, 'css/old.css', 'body{}')
  await put(remoteDir, 'css/old.css', 'body{}')
  await connect(skiff, sshd)
  const keep = await openKeep(skiff, localDir, remoteDir)
  await expect(keep.option('Subfolders')).toBeChecked()
  await expect(keep.option('Delete extra files on the target')).not.toBeChecked()
  await expect(keep.field('Debounce (seconds)')).toHaveValue('1')
  await keep.option('Delete extra files on the target').check()
  await expect(keep.dialog).toContainText('will be deleted on the server too')
  await keepScreenshot(keep.dialog, 'keep-up-to-date-dialog')
  await keep.start()

  await writeFile(join(localDir, 'index.html'), '<h1>v2, saved</h1>')
  await keep.waitForCounts(1)
  await expect(readFile(join(remoteDir, 'index.html'), 'utf8')).resolves.toBe('<h1>v2, saved</h1>')
  await expect(keep.status).toContainText('last: uploaded index.html')

  await mkdir(join(localDir, 'img'))
  await writeFile(join(localDir, 'img', 'logo.svg'), '<svg/>')
  await keep.waitForCounts(2)
  await expect(readFile(join(remoteDir, 'img', 'logo.svg'), 'utf8')).resolves.toBe('<svg/>')

  await rename(join(localDir, 'css', 'old.css'), join(localDir, 'css', 'site.css'))
  await keep.waitForCounts(3, 1)
  expect(await remoteNames(join(remoteDir, 'css'))).toEqual(['site.css'])
  await keepScreenshot(skiff.page, 'keep-up-to-date-status')
  await expect(syncJobs(skiff)).toHaveCount(3)

  await keep.stop.click()
  await expect(keep.status).toHaveCount(0)
  await writeFile(join(localDir, 'after-stop.txt'), 'not uploaded')
  await sentinelWatch(skiff, sshd)
  expect(await remoteNames(remoteDir)).toEqual(['css', 'img', 'index.html'])
  // The three jobs above and the sentinel's.
  await expect(syncJobs(skiff)).toHaveCount(4)
})

test('a burst of 1,000 files written at once all arrive, as a few jobs at most', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep-burst')
  await connect(skiff, sshd)
  const keep = await openKeep(skiff, localDir, remoteDir, 'menu')
  await keep.start()
  await mkdir(join(localDir, 'src', 'lib'), { recursive: true })
  const names = Array.from({ length: 1000 }, (_, i) => join(i % 2 ? 'lib' : '', `f${String(i).padStart(4, '0')}.ts`))
  await Promise.all(names.map((name, i) => writeFile(join(localDir, 'src', name), `export const n = ${i}\n`)))
  await expect.poll(async () => (await remoteNames(join(remoteDir, 'src', 'lib'))).length + (await remoteNames(join(remoteDir, 'src'))).length, { timeout: 90_000 }).toBe(1000 + 1)
  await expect(keep.status).toHaveText(/^Watching .* uploaded, 0 deleted$/, { timeout: 30_000 })
  const contents = await Promise.all(names.map((name) => readFile(join(remoteDir, 'src', name), 'utf8')))
  expect(contents.every((text, i) => text === `export const n = ${i}\n`)).toBe(true)
  // A file caught half-written by one batch goes again, whole, with the next.
  expect(await keep.uploadedCount()).toBeGreaterThanOrEqual(1000)
  expect(await keep.uploadedCount()).toBeLessThan(1100)
  const jobs = await syncJobs(skiff).count()
  expect(jobs).toBeGreaterThanOrEqual(1)
  expect(jobs).toBeLessThanOrEqual(3)
})

test('changes made while the connection is down go up after it is back', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep-cut')
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    const keep = await openKeep(skiff, localDir, remoteDir)
    await keep.start()
    await writeFile(join(localDir, 'before.txt'), 'b')
    await keep.waitForCounts(1)
    proxy.cutAll()
    await writeFile(join(localDir, 'during.txt'), 'written while the connection was down')
    await expect(keep.status).toContainText('Waiting for the connection', { timeout: 15_000 })
    await keepScreenshot(keep.status, 'keep-up-to-date-offline')
    await keep.waitForCounts(2, 0, 60_000)
    await expect(readFile(join(remoteDir, 'during.txt'), 'utf8')).resolves.toBe('written while the connection was down')
  } finally {
    await proxy.close()
  }
})

test('Synchronize first previews an upload with the same options, and watching starts after its Start', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep-first')
  await put(localDir, 'already.txt', 'here before the watch')
  await put(remoteDir, 'server-only.txt', 'the server keeps this')
  await connect(skiff, sshd)
  const keep = await openKeep(skiff, localDir, remoteDir)
  await keep.option('Synchronize first').check()
  await keep.button('Start').click()
  await expect(skiff.sync.dialog).toBeVisible()
  await expect(skiff.sync.option('Upload')).toBeChecked()
  await expect(skiff.sync.option('Delete extra files on the target')).not.toBeChecked()
  await expect(skiff.sync.status).toContainText('1 upload')
  expect(await skiff.sync.actions()).toEqual(['Upload already.txt'])
  await skiff.sync.button('Start').click()
  await expect(keep.status).toContainText('Watching')
  await skiff.transfers.waitFor('Synchronize ' + localDir.split('/').at(-1), 'Done')
  await writeFile(join(localDir, 'new.txt'), 'n')
  await keep.waitForCounts(1)
  expect(await remoteNames(remoteDir)).toEqual(['already.txt', 'new.txt', 'server-only.txt'])
})

test('Synchronize first of folders already alike starts watching from its Start, with nothing queued', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep-alike')
  await put(localDir, 'same.txt', 'alike')
  await put(remoteDir, 'same.txt', 'alike')
  await connect(skiff, sshd)
  const keep = await openKeep(skiff, localDir, remoteDir, 'path')
  await keep.option('Synchronize first').check()
  await keep.button('Start').click()
  await expect(skiff.sync.status).toContainText('Nothing to do')
  await keepScreenshot(skiff.sync.dialog, 'keep-up-to-date-sync-first')
  await skiff.sync.button('Start').click()
  await expect(skiff.sync.dialog).toBeHidden()
  await expect(keep.status).toContainText('Watching')
  await expect(syncJobs(skiff)).toHaveCount(0)
  await writeFile(join(localDir, 'new.txt'), 'n')
  await keep.waitForCounts(1)
  await expect(syncJobs(skiff)).toHaveCount(1)
})

test('a watch ends with the window that started it', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-keep-local-'))
  const remoteDir = await remoteFolder(sshd, 'keep-reload')
  await connect(skiff, sshd)
  const keep = await openKeep(skiff, localDir, remoteDir)
  await keep.start()
  await skiff.page.reload()
  await expect(skiff.local.grid).toBeVisible()
  await expect(keep.status).toHaveCount(0)
  await writeFile(join(localDir, 'after-close.txt'), 'not uploaded')
  await sentinelWatch(skiff, sshd)
  expect(await remoteNames(remoteDir)).toEqual([])
})

test('Ctrl+U with no server open says a server is needed', async ({ skiff }) => {
  // The local pane has its folder (before that, the grid has no keys of its own).
  await expect(skiff.local.path).toHaveValue(/./)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Control+u')
  await expect(skiff.page.getByRole('alert')).toContainText('Keep up to date needs a server')
  await expect(new KeepUpToDateView(skiff.page).dialog).toBeHidden()
})
