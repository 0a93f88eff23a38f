import { createHash } from 'node:crypto'
import { chown, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { startSsh2Server } from './fixtures/ssh2-server'
import { startTcpProxy } from './fixtures/tcp-proxy'
import { keepScreenshot } from './fixtures/screenshots'

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

/** Every file under `root` (relative path → SHA-256). */
async function treeHashes(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) result[join(entry.parentPath, entry.name).slice(root.length + 1)] = await sha256(join(entry.parentPath, entry.name))
  }
  return result
}

async function makeTree(root: string): Promise<void> {
  await mkdir(join(root, 'site', 'assets', 'img'), { recursive: true })
  await writeFile(join(root, 'site', 'index.html'), '<h1>hi</h1>')
  await writeFile(join(root, 'site', 'assets', 'app.js'), 'console.log(1)'.repeat(5000))
  await writeFile(join(root, 'site', 'assets', 'img', 'logo ✓.svg'), '<svg/>')
}

test('drag a file and a folder tree up, then back down, byte-identical', async ({ skiff, skiffHost, sshd }) => {
  const home = skiffHost.homeDir
  await makeTree(home)
  await writeFile(join(home, 'report.pdf'), Buffer.alloc(3 * 1024 * 1024, 7))
  const up = await remoteFolder(sshd, 'up')
  await connect(skiff, sshd)
  await skiff.remote.goTo(up)
  await skiff.local.refresh()

  await skiff.local.row('report.pdf').dragTo(skiff.remote.grid)
  await skiff.local.row('site').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('report.pdf', 'Done')
  await skiff.transfers.waitFor('site', 'Done')
  expect(await sha256(join(up, 'report.pdf'))).toBe(await sha256(join(home, 'report.pdf')))
  expect(await treeHashes(join(up, 'site'))).toEqual(await treeHashes(join(home, 'site')))
  await expect(skiff.remote.row('site')).toBeVisible()

  const down = join(home, 'downloads')
  await mkdir(down)
  await skiff.local.goTo(down)
  await skiff.remote.row('site').dragTo(skiff.local.grid)
  await expect(skiff.transfers.item('site')).toHaveCount(2)
  await expect(skiff.transfers.item('site').last().locator('.transfer-state')).toHaveText('Done')
  expect(await treeHashes(join(down, 'site'))).toEqual(await treeHashes(join(home, 'site')))
})

test('a multi-selection drags as one job; F5 copies the selection', async ({ skiff, skiffHost, sshd }) => {
  for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(join(skiffHost.homeDir, name), `content of ${name}`)
  const target = await remoteFolder(sshd, 'multi')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('a.txt').click()
  await skiff.local.row('b.txt').click({ modifiers: ['Shift'] })
  await skiff.local.row('a.txt').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('2 items', 'Done')
  await expect(skiff.transfers.item('2 items')).toContainText('Upload')
  await skiff.transfers.item('2 items').getByText('2 selected items').click()
  await keepScreenshot(skiff.transfers.region, 'multi-item-job')
  await expect(skiff.transfers.item('2 items').getByRole('listitem')).toHaveText(['a.txt', 'b.txt'])
  expect((await readdir(target)).sort()).toEqual(['a.txt', 'b.txt'])

  await skiff.local.row('c.txt').click()
  await skiff.page.keyboard.press('F5')
  await skiff.transfers.waitFor('c.txt', 'Done')
  expect(await readFile(join(target, 'c.txt'), 'utf8')).toBe('content of c.txt')
})

test('dragging a row outside the selection drags that row alone', async ({ skiff, skiffHost, sshd }) => {
  for (const name of ['first.txt', 'second.txt', 'third.txt']) await writeFile(join(skiffHost.homeDir, name), name)
  const target = await remoteFolder(sshd, 'unselected')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('first.txt').click()
  await skiff.local.row('third.txt').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('third.txt', 'Done')
  expect(await readdir(target)).toEqual(['third.txt'])
})

test('dropping on a folder row copies into that folder', async ({ skiff, skiffHost, sshd }) => {
  await writeFile(join(skiffHost.homeDir, 'into.txt'), 'into')
  const target = await remoteFolder(sshd, 'onto')
  await mkdir(join(target, 'aaa'))
  await mkdir(join(target, 'inbox'))
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('into.txt').dragTo(skiff.remote.row('inbox'))
  await skiff.transfers.waitFor('into.txt', 'Done')
  expect(await readFile(join(target, 'inbox', 'into.txt'), 'utf8')).toBe('into')
  expect(await readdir(join(target, 'aaa'))).toEqual([])
})

test('File exists offers each choice, and Apply to all answers the rest', async ({ skiff, skiffHost, sshd }) => {
  const target = await remoteFolder(sshd, 'exists')
  const names = ['skip.txt', 'over.txt', 'keep.txt', 'part.txt', 'all-1.txt', 'all-2.txt']
  for (const name of names) await writeFile(join(skiffHost.homeDir, name), `new ${name} with more bytes`)
  for (const name of names) await writeFile(join(target, name), name === 'part.txt' ? 'new part' : 'old')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()

  const answer = async (name: string, choice: string, isApplyToAll = false) => {
    await skiff.local.row(name).click()
    await skiff.page.keyboard.press('F5')
    await expect(skiff.fileExists).toBeVisible()
    await expect(skiff.fileExists).toContainText(name)
    if (isApplyToAll) await skiff.fileExists.getByRole('checkbox', { name: 'Apply to all' }).check()
    await skiff.fileExists.getByRole('button', { name: choice, exact: true }).click()
    await skiff.transfers.waitFor(name, 'Done')
  }
  await answer('skip.txt', 'Skip')
  await answer('over.txt', 'Overwrite')
  await answer('keep.txt', 'Rename')
  await answer('part.txt', 'Resume')
  expect(await readFile(join(target, 'skip.txt'), 'utf8')).toBe('old')
  expect(await readFile(join(target, 'over.txt'), 'utf8')).toBe('new over.txt with more bytes')
  expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('old')
  expect(await readFile(join(target, 'keep (1).txt'), 'utf8')).toBe('new keep.txt with more bytes')
  expect(await readFile(join(target, 'part.txt'), 'utf8')).toBe('new part.txt with more bytes')

  // Both in one folder job: one question, applied to the other file too.
  await mkdir(join(skiffHost.homeDir, 'both'))
  await mkdir(join(target, 'both'))
  for (const name of ['all-1.txt', 'all-2.txt']) {
    await writeFile(join(skiffHost.homeDir, 'both', name), 'new')
    await writeFile(join(target, 'both', name), 'old')
  }
  await skiff.local.refresh()
  await answer('both', 'Overwrite', true)
  for (const name of ['all-1.txt', 'all-2.txt']) expect(await readFile(join(target, 'both', name), 'utf8')).toBe('new')
})

test('cancel mid-file leaves nothing under the real name', async ({ skiff, skiffHost, sshd }) => {
  await writeFile(join(skiffHost.homeDir, 'huge.bin'), Buffer.alloc(512 * 1024 * 1024, 1))
  const target = await remoteFolder(sshd, 'cancel')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('huge.bin').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('huge.bin', 'Running')
  await skiff.transfers.item('huge.bin').getByRole('button', { name: 'Cancel huge.bin' }).click()
  await skiff.transfers.waitFor('huge.bin', 'Cancelled')
  expect(await readdir(target)).not.toContain('huge.bin')
  // The part file went with the job: nothing is left that only a resume could use.
  await expect.poll(() => readdir(target)).toEqual([])
})

test('a connection cut halfway through a 200 MiB upload resumes and ends byte-identical', async ({ skiff, skiffHost, sshd }) => {
  const size = 200 * 1024 * 1024
  const source = join(skiffHost.homeDir, 'disk.img')
  const block = createHash('sha512').update('skiff').digest()
  await writeFile(source, Buffer.alloc(size, block))
  const target = await remoteFolder(sshd, 'resume')
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    await skiff.remote.goTo(target)
    await skiff.local.refresh()
    await skiff.local.row('disk.img').dragTo(skiff.remote.grid)
    const partial = join(target, 'disk.img.skiffpart')
    await expect.poll(async () => (await stat(partial).catch(() => null))?.size ?? 0, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(size / 2)
    proxy.cutAll()
    await expect(skiff.transfers.item('disk.img')).toContainText(/Reconnecting|Running|Done/)
    await skiff.transfers.waitFor('disk.img', 'Done', 60_000)
    expect(await sha256(join(target, 'disk.img'))).toBe(await sha256(source))
    expect(await readdir(target)).toEqual(['disk.img'])
  } finally {
    await proxy.close()
  }
})

test('a server that refuses writes: the job fails with the reason', async ({ skiff, skiffHost }) => {
  const server = await startSsh2Server({ password: 'pw', folders: { '/home/test': [] } })
  try {
    await writeFile(join(skiffHost.homeDir, 'denied.txt'), 'no')
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username, password: 'pw' })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    await skiff.local.refresh()
    await skiff.local.row('denied.txt').dragTo(skiff.remote.grid)
    await skiff.transfers.waitFor('denied.txt', 'Failed')
    await expect(skiff.transfers.item('denied.txt')).toContainText(/permission denied/i)
  } finally {
    await server.close()
  }
})

test('a hostile server: names that would escape the folder are refused, nothing lands outside', async ({ skiff, skiffHost }) => {
  const server = await startSsh2Server({
    password: 'pw',
    folders: {
      '/home/test': [{ name: 'share', type: 'directory' }],
      '/home/test/share': [
        { name: 'good.txt', content: 'good' },
        { name: 'line\nbreak.txt', content: 'odd' },
        { name: '../evil', content: 'escape' },
        { name: 'a/b', content: 'nested' },
        { name: '/etc/x', content: 'absolute' },
      ],
    },
  })
  try {
    const down = join(skiffHost.homeDir, 'downloads')
    await mkdir(down)
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username, password: 'pw' })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    await skiff.local.goTo(down)
    await skiff.remote.open('share')
    await expect(skiff.remote.row('line\\nbreak.txt')).toBeVisible()
    await skiff.remote.up()
    await skiff.remote.row('share').dragTo(skiff.local.grid)
    await skiff.transfers.waitFor('share', 'Failed')
    await expect(skiff.transfers.item('share')).toContainText('3 items not copied')
    expect((await readdir(join(down, 'share'))).sort()).toEqual(['good.txt', 'line\nbreak.txt'])
    expect(await readdir(down)).toEqual(['share'])
    expect((await readdir(skiffHost.homeDir)).sort()).toEqual(['downloads'])
  } finally {
    await server.close()
  }
})

test('File exists warns when the file to replace belongs to someone else', async ({ skiff, skiffHost, sshd }) => {
  test.skip(process.getuid?.() !== 0, 'needs root to give a file to another user')
  const target = await remoteFolder(sshd, 'owner')
  await writeFile(join(skiffHost.homeDir, 'shared.conf'), 'mine')
  await writeFile(join(target, 'shared.conf'), 'theirs')
  await chown(join(target, 'shared.conf'), 65534, 65534)
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('shared.conf').click()
  await skiff.page.keyboard.press('F5')
  await expect(skiff.fileExists).toContainText('belongs to nobody')
  await skiff.fileExists.getByRole('button', { name: 'Skip', exact: true }).click()
  await skiff.transfers.waitFor('shared.conf', 'Done')
  expect(await readFile(join(target, 'shared.conf'), 'utf8')).toBe('theirs')
})

test('with Verify checksums on, a finished job says Verified; the setting survives a reload', async ({ skiff, skiffHost, sshd }) => {
  await writeFile(join(skiffHost.homeDir, 'checked.bin'), Buffer.alloc(2 * 1024 * 1024, 9))
  const target = await remoteFolder(sshd, 'verify')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  const verify = skiff.transfers.region.getByRole('checkbox', { name: 'Verify checksums' })
  await expect(verify).not.toBeChecked()
  await verify.check()
  await skiff.local.row('checked.bin').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('checked.bin', 'Done')
  await expect(skiff.transfers.item('checked.bin')).toContainText('Verified')
  await skiff.page.reload()
  await expect(skiff.transfers.region.getByRole('checkbox', { name: 'Verify checksums' })).toBeChecked()
})

test('files dropped from the OS file manager upload into the pane they land on', async ({ skiff, skiffHost, sshd }) => {
  const target = await remoteFolder(sshd, 'osdrop')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  const big = 3 * 1024 * 1024 + 11
  const dataTransfer = await skiff.page.evaluateHandle((size) => {
    const data = new DataTransfer()
    data.items.add(new File(['hello from the desktop'], 'dropped note.txt', { type: 'text/plain', lastModified: Date.UTC(2020, 0, 2) }))
    const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 251)
    data.items.add(new File([bytes], 'photo.raw'))
    return data
  }, big)
  await skiff.remote.grid.dispatchEvent('drop', { dataTransfer })
  await skiff.transfers.waitFor('dropped note.txt', 'Done')
  await skiff.transfers.waitFor('photo.raw', 'Done')
  expect(await readFile(join(target, 'dropped note.txt'), 'utf8')).toBe('hello from the desktop')
  expect((await stat(join(target, 'dropped note.txt'))).mtimeMs).toBe(Date.UTC(2020, 0, 2))
  const expected = Buffer.from(Array.from({ length: big }, (_, i) => (i * 31) % 251))
  expect(await sha256(join(target, 'photo.raw'))).toBe(createHash('sha256').update(expected).digest('hex'))
  await expect(skiff.remote.row('photo.raw')).toBeVisible()
  // The staging copies are gone once uploaded.
  const staged = await readdir(join(skiffHost.dataDir, 'staging'), { recursive: true, withFileTypes: true })
  expect(staged.filter((entry) => entry.isFile())).toEqual([])
})

test('Overwrite if newer replaces only an older target; a failure is summed up, kept by Clear finished, and retried', async ({ skiff, skiffHost, sshd }) => {
  const target = await remoteFolder(sshd, 'newer')
  await writeFile(join(skiffHost.homeDir, 'fresh.txt'), 'fresh local')
  await writeFile(join(target, 'fresh.txt'), 'stale remote')
  await utimes(join(target, 'fresh.txt'), new Date(2001, 0, 1), new Date(2001, 0, 1))
  await writeFile(join(skiffHost.homeDir, 'stale.txt'), 'stale local')
  await utimes(join(skiffHost.homeDir, 'stale.txt'), new Date(2001, 0, 1), new Date(2001, 0, 1))
  await writeFile(join(target, 'stale.txt'), 'fresh remote')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  for (const name of ['fresh.txt', 'stale.txt']) {
    await skiff.local.row(name).click()
    await skiff.page.keyboard.press('F5')
    await skiff.fileExists.getByRole('button', { name: 'Overwrite if newer', exact: true }).click()
    await skiff.transfers.waitFor(name, 'Done')
  }
  expect(await readFile(join(target, 'fresh.txt'), 'utf8')).toBe('fresh local')
  expect(await readFile(join(target, 'stale.txt'), 'utf8')).toBe('fresh remote')

  // A file that cannot go where it is sent fails; once the obstacle is gone, Retry finishes it.
  await writeFile(join(skiffHost.homeDir, 'blocked'), 'content')
  await mkdir(join(target, 'blocked'))
  await skiff.local.refresh()
  await skiff.local.row('blocked').click()
  await skiff.page.keyboard.press('F5')
  await skiff.transfers.waitFor('blocked', 'Failed')
  await expect(skiff.transfers.item('blocked')).toContainText('is a folder')
  await expect(skiff.transfers.region).toContainText('Finished, 1 failed')
  await keepScreenshot(skiff.transfers.region, 'failed-summary')
  // Clear finished takes the done jobs and leaves the failed one to be dealt with.
  await skiff.transfers.region.getByRole('button', { name: 'Clear finished' }).click()
  await expect(skiff.transfers.item('fresh.txt')).toHaveCount(0)
  await expect(skiff.transfers.item('blocked')).toBeVisible()
  await rm(join(target, 'blocked'), { recursive: true })
  await skiff.transfers.region.getByRole('button', { name: 'Retry failed' }).click()
  await skiff.transfers.waitFor('blocked', 'Done')
  await expect(skiff.transfers.region).toContainText('All transfers finished')
  expect(await readFile(join(target, 'blocked'), 'utf8')).toBe('content')
})

test('2,000 files selected with Ctrl+A drag up as one job and all arrive, against a stock sshd', async ({ skiff, skiffHost, sshd }) => {
  test.setTimeout(180_000)
  const source = join(skiffHost.homeDir, 'many')
  await mkdir(source)
  for (let i = 0; i < 2000; i++) await writeFile(join(source, `file-${String(i).padStart(4, '0')}.txt`), `${i}`.padStart(10, '0'))
  const target = await remoteFolder(sshd, 'many')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.goTo(source)
  await expect(skiff.local.grid).toHaveAttribute('aria-rowcount', '2001')
  await skiff.local.row('file-0000.txt').click()
  await skiff.page.keyboard.press('Control+a')
  await skiff.local.row('file-0000.txt').dragTo(skiff.remote.grid)
  await expect(skiff.transfers.item('2,000 items')).toContainText('Upload')
  await skiff.transfers.waitFor('2,000 items', 'Done', 120_000)
  await expect(skiff.transfers.region).toContainText('All transfers finished')
  expect(await readdir(target)).toHaveLength(2000)
  expect(await readFile(join(target, 'file-1999.txt'), 'utf8')).toBe('0000001999')
  expect(await readFile(sshd.logPath, 'utf8')).not.toContain('no more sessions')
})

test('at MaxSessions 10: a browsing pane, two terminals and a large multi-file transfer with checksums, all at once', async ({ skiff, skiffHost, sshd }) => {
  test.setTimeout(120_000)
  const page = skiff.page
  const source = join(skiffHost.homeDir, 'load')
  await mkdir(source)
  for (let i = 0; i < 3; i++) await writeFile(join(source, `big-${i}.bin`), Buffer.alloc(256 * 1024 * 1024, i + 1))
  for (let i = 0; i < 300; i++) await writeFile(join(source, `small-${String(i).padStart(3, '0')}.txt`), `small ${i}`)
  const target = await remoteFolder(sshd, 'load')
  const browseTo = await remoteFolder(sshd, 'browse')
  await mkdir(join(browseTo, 'inner'))
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.goTo(source)

  // Two terminals on the same connection.
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Open terminal' }).click()
    await expect(page.getByRole('tab')).toHaveCount(2 + i)
    await page.getByRole('tab').first().click()
  }
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', { name: 'Screen reader mode' }).check()
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Done' }).click()
  await skiff.transfers.region.getByRole('checkbox', { name: 'Verify checksums' }).check()

  await skiff.local.row('big-0.bin').click()
  await page.keyboard.press('Control+a')
  await skiff.local.row('big-0.bin').dragTo(skiff.remote.grid)
  await skiff.transfers.waitFor('303 items', 'Running')

  // While it runs: the pane browses, and both terminals answer.
  await skiff.remote.goTo(browseTo)
  await expect(skiff.remote.row('inner')).toBeVisible()
  await skiff.remote.open('inner')
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', join(browseTo, 'inner'))
  for (const index of [1, 2]) {
    await page.getByRole('tab').nth(index).click()
    await skiff.terminal.type(`echo term${index}-$((${index}*11))\n`)
    await skiff.terminal.expectText(`term${index}-${index * 11}`)
  }
  // All of that happened while the transfer held its channels.
  await expect(skiff.transfers.item('303 items').locator('.transfer-state')).toHaveText('Running')

  await skiff.transfers.waitFor('303 items', 'Done', 90_000)
  await expect(skiff.transfers.item('303 items')).toContainText('Verified')
  expect(await readdir(target)).toHaveLength(303)
  expect(await readFile(sshd.logPath, 'utf8')).not.toContain('no more sessions')
  await expect(skiff.alert()).toHaveCount(0)
})
