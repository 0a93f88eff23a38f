import { mkdir, mkdtemp, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { later, put, t0 } from './fixtures/timed-files'
import type { PaneView, SkiffApp } from './pages/skiff-app'
import type { SshdHandle } from './fixtures/sshd'

// Compare folders (Shift+F2) against the real sshd: both panes mark their entries; folders on both
// sides are compared inside (Subfolders, on by default), files by content with Checksum.

/** The same names on both sides, each case once; `docs` is a folder on both, `kind` a file here and a folder there. */
async function twoFolders(): Promise<string> {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-compare-local-'))
  await put(localDir, 'newer.txt', 'v2', later(120))
  await put(localDir, 'older.txt', 'v1')
  await put(localDir, 'close.txt', 'same', later(1))
  await put(localDir, 'size.txt', 'short')
  await put(localDir, 'only-local.txt', 'here')
  await put(localDir, 'Readme.md', 'case')
  await put(localDir, '.hidden-local', 'dot')
  await put(localDir, 'kind', 'a file')
  await put(localDir, 'docs/a.md', 'a')
  return localDir
}

async function serverFolder(remoteDir: string): Promise<void> {
  await put(remoteDir, 'newer.txt', 'v1')
  await put(remoteDir, 'older.txt', 'v2', later(120))
  await put(remoteDir, 'close.txt', 'same')
  await put(remoteDir, 'size.txt', 'a longer text')
  await put(remoteDir, 'only-remote.txt', 'there')
  await put(remoteDir, 'README.md', 'case')
  await mkdir(join(remoteDir, 'kind'))
  await put(remoteDir, 'docs/b.md', 'b')
}

async function expectWords(pane: PaneView, words: Record<string, string>): Promise<void> {
  for (const [name, word] of Object.entries(words)) await expect(pane.compareWord(name), name).toHaveText(word)
}

async function expectNoMarks(skiff: SkiffApp): Promise<void> {
  await expect(skiff.compare.bar).toBeHidden()
  for (const pane of [skiff.local, skiff.remote]) {
    await expect(pane.grid.getByRole('columnheader', { name: 'Compare' })).toHaveCount(0)
    await expect(pane.grid.locator('.cell-compare')).toHaveCount(0)
  }
}

const localWords = {
  'newer.txt': 'newer',
  'older.txt': 'older',
  'close.txt': 'same',
  'size.txt': 'different size',
  'only-local.txt': 'only here',
  'Readme.md': 'only here',
  '.hidden-local': 'only here',
  kind: 'different type',
  docs: 'differs: 1 only here, 1 only there',
}
const remoteWords = {
  'newer.txt': 'older',
  'older.txt': 'newer',
  'close.txt': 'same',
  'size.txt': 'different size',
  'only-remote.txt': 'only here',
  'README.md': 'only here',
  kind: 'different type',
  docs: 'differs: 1 only here, 1 only there',
}

/** Both folders planted and shown, then Shift+F2 in the local pane. */
async function startComparing(skiff: SkiffApp, sshd: SshdHandle, label: string): Promise<{ localDir: string; remoteDir: string }> {
  const localDir = await twoFolders()
  const remoteDir = await remoteFolder(sshd, label)
  await serverFolder(remoteDir)
  await connect(skiff, sshd)
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Shift+F2')
  return { localDir, remoteDir }
}

test('marks both folders, hides identical rows, marks again on a refresh, and ends when a pane leaves its folder', async ({ skiff, sshd }) => {
  const { remoteDir } = await startComparing(skiff, sshd, 'compare')

  const { compare } = skiff
  await expect(compare.bar).toBeVisible()
  for (const pane of [skiff.local, skiff.remote]) await expect(pane.grid.getByRole('columnheader', { name: 'Compare' })).toBeVisible()
  await expectWords(skiff.local, localWords)
  await expectWords(skiff.remote, remoteWords)
  await expect(compare.bar).toContainText('Local: 3 only here · 1 newer · 1 older · 1 different size · 1 different type · 1 different inside · 1 same')
  await expect(compare.bar).toContainText('Remote: 2 only here · 1 newer · 1 older · 1 different size · 1 different type · 1 different inside · 1 same')
  await expect(skiff.local.row('newer.txt')).toHaveClass(/compare-newer/)
  await expect(skiff.remote.row('older.txt')).toHaveClass(/compare-newer/)

  // As drawn: each state has its own look, and the longest word fits its cell.
  const look = (pane: PaneView, name: string) => pane.row(name).evaluate((row) => `${getComputedStyle(row).backgroundColor} ${getComputedStyle(row.querySelector('.cell-compare')!).color}`)
  const looks = new Set([await look(skiff.local, 'newer.txt'), await look(skiff.local, 'older.txt'), await look(skiff.local, 'size.txt'), await look(skiff.local, 'close.txt')])
  expect(looks.size).toBe(4)
  for (const name of ['size.txt', 'kind', 'docs']) {
    const fits = await skiff.local.compareWord(name).evaluate((cell) => cell.scrollWidth <= cell.clientWidth)
    expect(fits, `${name}'s word fits its cell`).toBe(true)
  }
  const nameFits = await skiff.remote.row('only-remote.txt').locator('.cell-name').evaluate((cell) => cell.scrollWidth <= cell.clientWidth)
  expect(nameFits, 'a name beside the counts still fits').toBe(true)
  await keepScreenshot(skiff.page, 'compare-marks')
  await skiff.page.emulateMedia({ colorScheme: 'dark' })
  await keepScreenshot(skiff.page, 'compare-marks-dark')
  await skiff.page.emulateMedia({ colorScheme: 'light' })

  // Hide identical takes the same rows out of both panes, and works with the filter.
  await compare.hideIdentical.check()
  for (const pane of [skiff.local, skiff.remote]) {
    await expect(pane.row('close.txt')).toHaveCount(0)
    await expect(pane.row('docs')).toBeVisible()
    await expect(pane.row('size.txt')).toBeVisible()
  }
  await skiff.local.filter.fill('*.txt')
  await expect(skiff.local.grid.locator('.grid-body [role="row"]')).toHaveCount(4)
  await skiff.local.filter.fill('')
  await expect(skiff.local.row('kind')).toBeVisible()
  await expect(skiff.local.row('close.txt')).toHaveCount(0)
  // Hidden files off as well: the counts follow what the pane shows.
  const showHidden = skiff.local.region.getByRole('checkbox', { name: 'Show hidden files' })
  await showHidden.uncheck()
  await expect(skiff.local.row('.hidden-local')).toHaveCount(0)
  await expect(skiff.local.row('close.txt')).toHaveCount(0)
  await expect(compare.bar).toContainText('Local: 2 only here · 1 newer')
  await keepScreenshot(skiff.page, 'compare-hide-identical')
  await showHidden.check()
  await expect(skiff.local.row('.hidden-local')).toBeVisible()
  await expect(skiff.local.row('close.txt')).toHaveCount(0)
  await compare.hideIdentical.uncheck()
  await expect(skiff.remote.row('close.txt')).toBeVisible()

  // A refresh of the same folder marks again: the server's older.txt now has the local time.
  await utimes(join(remoteDir, 'older.txt'), t0, t0)
  await skiff.remote.refresh()
  await expect(skiff.local.compareWord('older.txt')).toHaveText('same')
  await expect(skiff.remote.compareWord('older.txt')).toHaveText('same')
  await expect(compare.bar).toContainText('Local: 3 only here · 1 newer · 1 different size · 1 different type · 1 different inside · 2 same')

  // Another folder in either pane ends the comparison.
  await skiff.remote.open('docs')
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', join(remoteDir, 'docs'))
  await expectNoMarks(skiff)
  await skiff.remote.up()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', remoteDir)

  // The row menu starts it too; Stop comparing ends it, and so does Escape in the bar.
  await skiff.remote.row('kind').click({ button: 'right' })
  const menu = skiff.page.getByRole('menu', { name: 'Remote file actions' })
  await expect(menu.getByRole('menuitem', { name: 'Compare folders' })).toContainText('Shift+F2')
  await menu.getByRole('menuitem', { name: 'Compare folders' }).click()
  await expectWords(skiff.local, { 'newer.txt': 'newer', 'older.txt': 'same' })
  await compare.stop.click()
  await expectNoMarks(skiff)
  await expect(skiff.local.grid).toBeFocused()
  await skiff.page.keyboard.press('Shift+F2')
  await expect(compare.bar).toBeVisible()
  await compare.hideIdentical.focus()
  await skiff.page.keyboard.press('Escape')
  await expectNoMarks(skiff)
})

test('the time tolerance from Settings decides what is the same', async ({ skiff, sshd }) => {
  await startComparing(skiff, sshd, 'compare-tolerance')
  await expect(skiff.local.compareWord('close.txt')).toHaveText('same')

  await skiff.page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = skiff.page.getByRole('dialog', { name: 'Settings' })
  const tolerance = settings.getByRole('textbox', { name: 'Time tolerance (seconds)' })
  await expect(tolerance).toHaveValue('2')
  await tolerance.fill('-1')
  await expect(settings.getByRole('alert')).toContainText('from 0 to 86,400')
  await tolerance.fill('0')
  await settings.getByRole('button', { name: 'Done' }).click()
  await expect(settings).toBeHidden()
  await expect(skiff.local.compareWord('close.txt')).toHaveText('newer')
  await expect(skiff.remote.compareWord('close.txt')).toHaveText('older')
})

test('Compare folders without a server folder says what it needs', async ({ skiff }) => {
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Shift+F2')
  await expect(skiff.alert()).toContainText('Compare folders needs a server folder in the right pane')
  await expect(skiff.compare.bar).toBeHidden()
})

/** Both folders planted by `plant` (called with the local folder, then the server's), shown, then Shift+F2. */
async function compareTrees(skiff: SkiffApp, sshd: SshdHandle, label: string, plant: (root: string, side: 'local' | 'remote') => Promise<void>): Promise<{ localDir: string; remoteDir: string }> {
  const localDir = await mkdtemp(join(tmpdir(), `skiff-${label}-`))
  const remoteDir = await remoteFolder(sshd, label)
  await plant(localDir, 'local')
  await plant(remoteDir, 'remote')
  await connect(skiff, sshd)
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Shift+F2')
  return { localDir, remoteDir }
}

test('Subfolders: a folder changed deep inside differs, with counts, and stays under Hide identical; one alike inside is the same and hidden', async ({ skiff, sshd }) => {
  const { remoteDir } = await compareTrees(skiff, sshd, 'compare-deep', async (root, side) => {
    await put(root, 'alike/a.txt', 'a')
    await put(root, 'alike/sub/b.txt', 'b')
    await put(root, 'site/index.html', '<p>')
    await put(root, 'site/css/deep/theme.css', side === 'local' ? 'body{color:red}' : 'body{}', side === 'local' ? later(120) : t0)
    if (side === 'local') await put(root, 'site/img/logo.png', 'png')
    await put(root, 'top.txt', 'top')
  })
  const { compare } = skiff
  await expect(compare.subfolders).toBeChecked()
  await expect(compare.checksum).not.toBeChecked()
  await expectWords(skiff.local, { alike: 'same', site: 'differs: 1 newer, 2 only here', 'top.txt': 'same' })
  await expectWords(skiff.remote, { alike: 'same', site: 'differs: 1 older, 2 only there', 'top.txt': 'same' })
  await expect(compare.status).toHaveText('22 entries compared')
  await expect(compare.bar).toContainText('Local: 1 different inside · 2 same')
  await expect(skiff.local.row('site')).toHaveClass(/compare-different-inside/)
  const fits = await skiff.local.compareWord('site').evaluate((cell) => cell.scrollWidth <= cell.clientWidth)
  expect(fits, 'the counts fit their cell').toBe(true)
  await keepScreenshot(skiff.page, 'compare-deep')

  await compare.hideIdentical.check()
  for (const pane of [skiff.local, skiff.remote]) {
    await expect(pane.row('alike')).toHaveCount(0)
    await expect(pane.row('top.txt')).toHaveCount(0)
    await expect(pane.row('site')).toBeVisible()
    await expect(pane.footer).toHaveText('1 item, 2 identical hidden')
  }
  await keepScreenshot(skiff.page, 'compare-deep-hide-identical')

  // A file deep inside the alike folder changes on the server: a refresh compares again, and it shows.
  await utimes(join(remoteDir, 'alike/sub/b.txt'), later(600), later(600))
  await skiff.remote.refresh()
  await expectWords(skiff.local, { alike: 'differs: 1 older' })
  await expect(skiff.remote.footer).toHaveText('2 items, 1 identical hidden')

  // One level: folders on both sides are not compared, so Hide identical keeps them.
  await compare.subfolders.uncheck()
  await expectWords(skiff.local, { alike: 'not compared', site: 'not compared' })
  await expect(compare.status).toBeHidden()
  await expect(skiff.local.footer).toHaveText('2 items, 1 identical hidden')
  await compare.subfolders.check()
  await expectWords(skiff.local, { alike: 'differs: 1 older', site: 'differs: 1 newer, 2 only here' })
})

test('Checksum (SHA-256): content decides for files of equal size, at the top and inside folders', async ({ skiff, sshd }) => {
  await compareTrees(skiff, sshd, 'compare-sums', async (root, side) => {
    await put(root, 'twin.txt', side === 'local' ? 'abc' : 'xyz')
    await put(root, 'retimed.txt', 'same bytes', side === 'local' ? t0 : later(3600))
    await put(root, 'pack/inner.txt', side === 'local' ? 'one' : 'two')
  })
  const { compare } = skiff
  await expectWords(skiff.local, { 'twin.txt': 'same', 'retimed.txt': 'older', pack: 'same' })
  await compare.checksum.check()
  await expectWords(skiff.local, { 'twin.txt': 'different content', 'retimed.txt': 'same', pack: 'differs: 1 different' })
  await expectWords(skiff.remote, { 'twin.txt': 'different content', 'retimed.txt': 'same', pack: 'differs: 1 different' })
  await expect(compare.status).toHaveText('8 entries compared')
  await keepScreenshot(skiff.page, 'compare-checksum')
  // Hide identical goes by the checksums: the twin with other bytes stays, the retimed copy goes.
  await compare.hideIdentical.check()
  await expect(skiff.local.row('retimed.txt')).toHaveCount(0)
  await expect(skiff.local.row('twin.txt')).toBeVisible()
  await expect(skiff.local.row('pack')).toBeVisible()
  await compare.checksum.uncheck()
  await expect(skiff.local.row('twin.txt')).toHaveCount(0)
  await expect(skiff.local.row('retimed.txt')).toBeVisible()
  await compare.checksum.check()
  await expect(skiff.local.row('twin.txt')).toBeVisible()
  await compare.hideIdentical.uncheck()
  // Kept for the session: the next comparison starts with it.
  await compare.stop.click()
  await skiff.page.keyboard.press('Shift+F2')
  await expect(compare.checksum).toBeChecked()
  await expectWords(skiff.local, { 'twin.txt': 'different content' })
})

test('while subfolders are read the bar counts the entries and the one-level words show; Stop comparing ends it', async ({ skiff, sshd }) => {
  // Enough folders that reading them over SFTP takes a few seconds on loopback.
  await compareTrees(skiff, sshd, 'compare-running', async (root) => {
    for (let i = 0; i < 2000; i++) await put(root, `top${i % 4}/d${i}/f.txt`, 'x')
  })
  const { compare } = skiff
  await expect(compare.status).toContainText(/Comparing subfolders… [\d,]+ entries read/)
  await expectWords(skiff.local, { top0: 'not compared', top3: 'not compared' })
  await keepScreenshot(skiff.page, 'compare-running')
  await compare.stop.click()
  await expectNoMarks(skiff)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Shift+F2')
  await expect(compare.status).toHaveText('8,008 entries compared', { timeout: 60_000 })
  await expectWords(skiff.local, { top0: 'same', top3: 'same' })
})
