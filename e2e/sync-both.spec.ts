import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { later, put, t0 } from './fixtures/timed-files'
import type { SkiffApp } from './pages/skiff-app'

// Synchronize Both against the real sshd: a first run copies each way, the next one carries
// deletions over from each side and asks about files changed on both.

async function openBoth(skiff: SkiffApp, localDir: string, remoteDir: string): Promise<void> {
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Control+s')
  await expect(skiff.sync.dialog).toBeVisible()
  await skiff.sync.option('Both').check()
}

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).sort()

test('two ways: deletions on each side carry over, conflicts are settled in the preview, and Start does exactly what it shows', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-both-'))
  const remoteDir = await remoteFolder(sshd, 'sync-both')
  for (const name of ['gone-here.txt', 'notes.txt', 'plan.txt']) await put(localDir, name, `${name} as it was`, t0)
  await put(localDir, 'report.txt', 'first draft', t0)
  await put(remoteDir, 'gone-there.txt', 'the server had this', t0)
  await put(remoteDir, 'old/a.txt', 'a', t0)
  await connect(skiff, sshd)
  const { sync } = skiff

  await openBoth(skiff, localDir, remoteDir)
  await expect(sync.option('Delete extra files on the target')).toHaveCount(0)
  await expect(sync.option('Mirror')).toHaveCount(0)
  await expect(sync.dialog).toContainText('deletes on each side what was deleted on the other since then')
  await keepScreenshot(sync.dialog, 'sync-both-options')
  await sync.runPreview()
  // A first run: each side gets what only the other has; nothing is deleted.
  expect(await sync.actions()).toEqual(['Upload gone-here.txt', 'Download gone-there.txt', 'Upload notes.txt', 'Download old', 'Download old/a.txt', 'Upload plan.txt', 'Upload report.txt'])
  await sync.button('Start').click()
  const job = 'Synchronize ' + localDir.split('/').at(-1)
  await skiff.transfers.waitFor(job, 'Done')
  expect(await listing(remoteDir)).toEqual(['gone-here.txt', 'gone-there.txt', 'notes.txt', 'old', 'old/a.txt', 'plan.txt', 'report.txt'])
  expect(await listing(localDir)).toEqual(await listing(remoteDir))
  await skiff.transfers.region.getByRole('button', { name: 'Clear finished' }).click()

  // Since then: one deletion on each side, two files changed on both sides, one changed here only.
  await rm(join(localDir, 'gone-here.txt'))
  await rm(join(remoteDir, 'gone-there.txt'))
  await rm(join(remoteDir, 'old'), { recursive: true })
  await put(localDir, 'notes.txt', 'notes edited here', later(100))
  await put(remoteDir, 'notes.txt', 'notes edited on the server', later(200))
  await put(localDir, 'plan.txt', 'plan edited here', later(100))
  await put(remoteDir, 'plan.txt', 'plan edited on the server', later(300))
  await put(localDir, 'report.txt', 'second draft', later(400))

  await openBoth(skiff, localDir, remoteDir)
  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Delete on server gone-here.txt', 'Delete here gone-there.txt', 'Conflict notes.txt', 'Delete here old', 'Conflict plan.txt', 'Replace on server report.txt'])
  await expect(sync.row('gone-here.txt')).toContainText('deleted on this computer since the last sync')
  await expect(sync.row('notes.txt')).toContainText('changed on both sides since the last sync')
  await expect(sync.row('report.txt')).toContainText('changed on this computer since the last sync')
  await expect(sync.conflict('notes.txt')).toHaveValue('skip')
  const note = sync.dialog.getByRole('note', { name: 'Conflicts' })
  await expect(note).toContainText('2 not settled: Start leaves them as they are')
  // Nothing has changed yet.
  expect(await listing(localDir)).toEqual(['gone-there.txt', 'notes.txt', 'old', 'old/a.txt', 'plan.txt', 'report.txt'])
  expect(await listing(remoteDir)).toEqual(['gone-here.txt', 'notes.txt', 'plan.txt', 'report.txt'])

  // From the keyboard: Space on a conflict row reaches its choice, Escape goes back to the preview.
  await sync.row('notes.txt').locator('.cell-path').click()
  await skiff.page.keyboard.press('Space')
  await expect(sync.conflict('notes.txt')).toBeFocused()
  await sync.conflict('notes.txt').selectOption('local')
  await skiff.page.keyboard.press('Escape')
  await expect(sync.preview).toBeFocused()
  // Tab from the preview reaches the cursor row's choice too, Shift+Tab goes back.
  await skiff.page.keyboard.press('Tab')
  await expect(sync.conflict('notes.txt')).toBeFocused()
  await skiff.page.keyboard.press('Shift+Tab')
  await expect(sync.preview).toBeFocused()
  await expect(sync.conflict('notes.txt')).toHaveValue('local')
  await expect(note).toContainText('1 not settled: Start leaves it as it is')
  await keepScreenshot(sync.dialog, 'sync-both-preview')

  await sync.button('Start').click()
  await expect(sync.dialog).toBeHidden()
  await skiff.transfers.waitFor(job, 'Done')
  expect(await listing(localDir)).toEqual(['notes.txt', 'plan.txt', 'report.txt'])
  expect(await listing(remoteDir)).toEqual(['notes.txt', 'plan.txt', 'report.txt'])
  await expect(readFile(join(remoteDir, 'notes.txt'), 'utf8')).resolves.toBe('notes edited here')
  await expect(readFile(join(remoteDir, 'report.txt'), 'utf8')).resolves.toBe('second draft')
  // The conflict left unsettled overwrote nothing, either side.
  await expect(readFile(join(localDir, 'plan.txt'), 'utf8')).resolves.toBe('plan edited here')
  await expect(readFile(join(remoteDir, 'plan.txt'), 'utf8')).resolves.toBe('plan edited on the server')

  // Again: only the unsettled conflict is left.
  await openBoth(skiff, localDir, remoteDir)
  await sync.runPreview()
  expect(await sync.actions()).toEqual(['Conflict plan.txt'])
  await expect(sync.button('Start')).toBeDisabled()
})
