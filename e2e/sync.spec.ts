import { chmod, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { later, put, t0 } from './fixtures/timed-files'
import { startTcpProxy } from './fixtures/tcp-proxy'
import type { SkiffApp } from './pages/skiff-app'

// Synchronize (Ctrl+S) against the real sshd: the preview shows what will happen, nothing changes
// before Start, and Start does exactly the checked rows.

/** Both panes on the two folders, then Ctrl+S in the local pane (or Synchronize… in the remote pane's row menu). */
async function openSync(skiff: SkiffApp, localDir: string, remoteDir: string, how: 'keys' | 'menu' = 'keys'): Promise<void> {
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  if (how === 'keys') {
    await skiff.local.grid.focus()
    await skiff.page.keyboard.press('Control+s')
  } else {
    await skiff.remote.grid.click({ button: 'right', position: { x: 40, y: 200 } })
    const item = skiff.page.getByRole('menu', { name: 'Remote file actions' }).getByRole('menuitem', { name: 'Synchronize…' })
    await expect(item).toContainText('Ctrl+S')
    await item.click()
  }
  await expect(skiff.sync.dialog).toBeVisible()
  await expect(skiff.sync.field('Local folder')).toHaveValue(localDir)
  await expect(skiff.sync.field('Remote folder')).toHaveValue(remoteDir)
}

test('previews an upload with deletes, changes nothing before Start, and Start does exactly the checked rows', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-sync-local-'))
  const remoteDir = await remoteFolder(sshd, 'sync')
  await put(localDir, 'index.html', '<h1>new</h1>', later(120))
  await put(remoteDir, 'index.html', '<h1>old</h1>', t0)
  await put(localDir, 'same.css', 'body{}', later(1))
  await put(remoteDir, 'same.css', 'body{}', t0)
  await put(localDir, 'img/logo.svg', '<svg/>')
  await put(localDir, 'img/icons/a.svg', '<svg/>')
  await put(localDir, 'run.sh', '#!/bin/sh\necho hi\n')
  await chmod(join(localDir, 'run.sh'), 0o750)
  await put(localDir, 'draft.tmp', 'scratch')
  await put(localDir, 'skip-me.txt', 'not this time')
  await put(remoteDir, 'stale.html', 'gone')
  await put(remoteDir, 'old/a.txt', 'a')
  await put(remoteDir, 'old/b.txt', 'b')
  await put(remoteDir, 'server.tmp', 'the server keeps this')
  await connect(skiff, sshd)
  await openSync(skiff, localDir, remoteDir)
  const { sync } = skiff
  await keepScreenshot(skiff.page, 'sync-options')

  await sync.option('Delete extra files on the target').check()
  await expect(sync.dialog).toContainText('Files only on the server will be deleted there')
  await sync.field('File mask').fill('|*.tmp')
  await sync.runPreview()
  expect(await sync.actions()).toEqual([
    'Upload img',
    'Upload img/icons',
    'Upload img/icons/a.svg',
    'Upload img/logo.svg',
    'Replace on server index.html',
    'Delete on server old',
    'Upload run.sh',
    'Upload skip-me.txt',
    'Delete on server stale.html',
  ])
  await expect(sync.status).toContainText('6 uploads (43 B)')
  await expect(sync.status).toContainText('1 replace')
  await expect(sync.status).toContainText('2 deletes')
  await expect(sync.row('old')).toContainText('with 2 entries inside')
  await expect(sync.row('index.html')).toContainText('newer on this computer')
  // Nothing has changed yet.
  expect((await readdir(remoteDir)).sort()).toEqual(['index.html', 'old', 'same.css', 'server.tmp', 'stale.html'])

  // Unchecking a new folder unchecks what is inside it; unchecking one file leaves it out.
  await sync.row('img').getByRole('checkbox').click()
  await expect(sync.row('img/icons/a.svg').getByRole('checkbox')).not.toBeChecked()
  await sync.row('skip-me.txt').click()
  await skiff.page.keyboard.press('Space')
  await expect(sync.row('skip-me.txt').getByRole('checkbox')).not.toBeChecked()
  await expect(sync.status).toContainText('5 unchecked')
  // The tallies say what Start will do: the unchecked rows are out of them.
  await expect(sync.status).toContainText('1 upload (18 B) · 1 replace (12 B) · 2 deletes')
  await keepScreenshot(skiff.page, 'sync-preview')

  await sync.button('Start').click()
  await expect(sync.dialog).toBeHidden()
  const job = 'Synchronize ' + localDir.split('/').at(-1)
  await skiff.transfers.waitFor(job, 'Done')
  await expect(skiff.transfers.item(job)).toContainText('Synchronize · Upload')
  await expect(skiff.transfers.item(job)).toContainText('2 files copied · 4 of 4 deleted on the server')
  expect((await readdir(remoteDir)).sort()).toEqual(['index.html', 'run.sh', 'same.css', 'server.tmp'])
  await expect(readFile(join(remoteDir, 'index.html'), 'utf8')).resolves.toBe('<h1>new</h1>')
  expect((await stat(join(remoteDir, 'run.sh'))).mode & 0o777).toBe(0o750)
  expect((await stat(join(remoteDir, 'index.html'))).mtimeMs).toBe(later(120).getTime())
  await keepScreenshot(skiff.page, 'sync-done')

  // Again, with the options of the last run kept (a forgotten mask would upload what it left out): only what was left out is left.
  await openSync(skiff, localDir, remoteDir)
  await expect(sync.field('File mask')).toHaveValue('|*.tmp')
  await expect(sync.option('Delete extra files on the target')).toBeChecked()
  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Upload img', 'Upload img/icons', 'Upload img/icons/a.svg', 'Upload img/logo.svg', 'Upload skip-me.txt'])
})

test('downloads in Mirror mode: a newer file here is replaced by the server copy, and a mask that cannot be parsed says why', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-sync-local-'))
  const remoteDir = await remoteFolder(sshd, 'sync-down')
  await put(remoteDir, 'config.yml', 'server: true\n', t0)
  await put(localDir, 'config.yml', 'local edit\n', later(600))
  await put(remoteDir, 'data/report.csv', 'a,b\n1,2\n')
  await connect(skiff, sshd)
  await openSync(skiff, localDir, remoteDir, 'menu')
  const { sync } = skiff
  await sync.option('Download').check()
  await sync.field('File mask').fill('a|b|c')
  await expect(sync.dialog.getByRole('alert')).toContainText('Only one |')
  await expect(sync.button('Preview')).toBeDisabled()
  await sync.field('File mask').fill('')

  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Download data', 'Download data/report.csv'])
  await sync.button('Change options').click()
  await sync.option('Mirror').check()
  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Replace here config.yml', 'Download data', 'Download data/report.csv'])
  await expect(sync.row('config.yml')).toContainText('a mirror replaces the newer copy')
  await sync.button('Start').click()
  await skiff.transfers.waitFor('Synchronize ' + remoteDir.split('/').at(-1), 'Done')
  await expect(readFile(join(localDir, 'config.yml'), 'utf8')).resolves.toBe('server: true\n')
  await expect(readFile(join(localDir, 'data/report.csv'), 'utf8')).resolves.toBe('a,b\n1,2\n')
})

test('a connection cut in the middle of a synchronization resumes: finished files are not sent again, and the deletes still come last', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-sync-local-'))
  const remoteDir = await remoteFolder(sshd, 'sync-cut')
  const size = 160 * 1024 * 1024
  await writeFile(join(localDir, 'zz-disk.img'), Buffer.alloc(size, 7))
  for (let i = 0; i < 30; i++) await put(localDir, `page${String(i).padStart(2, '0')}.html`, `<p>${i}</p>`)
  await put(remoteDir, 'stale.html', 'gone')
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    await openSync(skiff, localDir, remoteDir)
    const { sync } = skiff
    await sync.option('Delete extra files on the target').check()
    await sync.runPreview()
    await expect(sync.status).toContainText('31 uploads')
    await sync.button('Start').click()
    const partial = join(remoteDir, 'zz-disk.img.skiffpart')
    await expect.poll(async () => (await stat(partial).catch(() => null))?.size ?? 0, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(size / 3)
    // What is already under its real name when the link drops: it must not be written again.
    const done = new Map<string, number>()
    for (const name of await readdir(remoteDir)) if (name.startsWith('page')) done.set(name, (await stat(join(remoteDir, name))).ino)
    proxy.cutAll()
    expect(done.size).toBeGreaterThan(0)
    // The deletion waits for every copy, the resumed one included.
    expect(await readdir(remoteDir)).toContain('stale.html')
    const job = 'Synchronize ' + localDir.split('/').at(-1)
    await skiff.transfers.waitFor(job, 'Done', 90_000)
    const names = (await readdir(remoteDir)).sort()
    expect(names).toEqual([...Array.from({ length: 30 }, (_, i) => `page${String(i).padStart(2, '0')}.html`), 'zz-disk.img'])
    expect((await stat(join(remoteDir, 'zz-disk.img'))).size).toBe(size)
    for (const [name, ino] of done) expect((await stat(join(remoteDir, name))).ino, name).toBe(ino)
  } finally {
    await proxy.close()
  }
})

test('a target changed after the preview is asked about, saying so, and a skip leaves it; a problem row shows each side as it is', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-sync-local-'))
  const remoteDir = await remoteFolder(sshd, 'sync-changed')
  await put(localDir, 'page.html', '<p>mine</p>', later(120))
  await put(remoteDir, 'page.html', '<p>old</p>', t0)
  await put(localDir, 'kind', 'a file here')
  await put(remoteDir, 'kind/inside.txt', 'a folder there')
  await connect(skiff, sshd)
  await openSync(skiff, localDir, remoteDir)
  const { sync } = skiff
  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Problem kind', 'Replace on server page.html'])
  const cells = sync.row('kind').getByRole('gridcell')
  await expect(cells.nth(3)).toContainText('11 B')
  await expect(cells.nth(4)).toHaveText('folder')

  // Someone else writes the server's copy between the preview and Start.
  await put(remoteDir, 'page.html', '<p>a colleague</p>', later(300))
  await sync.button('Start').click()
  const question = skiff.page.getByRole('dialog', { name: 'File exists' })
  await expect(question).toContainText('It changed after the preview')
  await keepScreenshot(skiff.page, 'sync-changed-after-preview')
  await question.getByRole('button', { name: 'Skip', exact: true }).click()
  const job = 'Synchronize ' + localDir.split('/').at(-1)
  await skiff.transfers.waitFor(job, 'Done')
  await expect(skiff.transfers.item(job)).toContainText('1 file left as it was: changed after the preview, and skipped')
  await expect(readFile(join(remoteDir, 'page.html'), 'utf8')).resolves.toBe('<p>a colleague</p>')
  await keepScreenshot(skiff.page, 'sync-skipped')
})
