import { mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'

// Moves: F6 to the other pane, a drag onto a folder of the same pane, Shift+F6 within one
// file system. Each asks first; a link moves as a link, and nothing it points to is touched.

test('dragging onto a folder row in the same remote pane moves there', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'inpane')
  await mkdir(join(folder, 'archive'))
  await writeFile(join(folder, 'old.log'), 'log')
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)
  await skiff.remote.row('old.log').dragTo(skiff.remote.row('archive'))
  await expect(skiff.moveDialog).toContainText(`Move "old.log" to ${join(folder, 'archive')}?`)
  await skiff.moveDialog.getByRole('button', { name: 'Move', exact: true }).click()
  await expect(skiff.remote.row('old.log')).toHaveCount(0)
  expect(await readdir(join(folder, 'archive'))).toEqual(['old.log'])
})

test('F6 asks first, then moves: the source is gone once the copy is in place; the question can be turned off', async ({ skiff, skiffHost, sshd }) => {
  await writeFile(join(skiffHost.homeDir, 'moving.txt'), 'moved')
  await writeFile(join(skiffHost.homeDir, 'second.txt'), 'second')
  const target = await remoteFolder(sshd, 'f6')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('moving.txt').click()
  await skiff.page.keyboard.press('F6')
  await expect(skiff.moveDialog).toContainText(`Move "moving.txt" to ${target}?`)
  await keepScreenshot(skiff.page, 'move-dialog')
  await skiff.moveDialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(skiff.moveDialog).toBeHidden()
  await expect(skiff.transfers.item('moving.txt')).toHaveCount(0)

  await skiff.page.keyboard.press('F6')
  await skiff.moveDialog.getByRole('checkbox', { name: 'Do not ask again before moving' }).check()
  await skiff.moveDialog.getByRole('button', { name: 'Move', exact: true }).click()
  await skiff.transfers.waitFor('moving.txt', 'Done')
  expect(await readFile(join(target, 'moving.txt'), 'utf8')).toBe('moved')
  await expect(skiff.local.row('moving.txt')).toHaveCount(0)
  expect(await readdir(skiffHost.homeDir)).not.toContain('moving.txt')

  // Not asked any more; Settings brings the question back.
  await skiff.local.row('second.txt').click()
  await skiff.page.keyboard.press('F6')
  await skiff.transfers.waitFor('second.txt', 'Done')
  await skiff.page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(skiff.page.getByRole('checkbox', { name: 'Ask before moving' })).not.toBeChecked()
})

test('moving a folder that holds a link to a folder elsewhere moves the link, and nothing it points to is touched', async ({ skiff, skiffHost, sshd }) => {
  const elsewhere = join(skiffHost.homeDir, 'elsewhere')
  await mkdir(elsewhere)
  await writeFile(join(elsewhere, 'precious.db'), 'do not lose')
  await mkdir(join(skiffHost.homeDir, 'proj'))
  await writeFile(join(skiffHost.homeDir, 'proj', 'app.py'), 'print(1)')
  await symlink(elsewhere, join(skiffHost.homeDir, 'proj', 'data'))
  const target = await remoteFolder(sshd, 'linkmove')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  await skiff.local.row('proj').click()
  await skiff.page.keyboard.press('F6')
  await skiff.moveDialog.getByRole('button', { name: 'Move', exact: true }).click()
  await skiff.transfers.waitFor('proj', 'Done')
  expect(await readFile(join(elsewhere, 'precious.db'), 'utf8')).toBe('do not lose')
  expect(await readlink(join(target, 'proj', 'data'))).toBe(elsewhere)
  expect(await readFile(join(target, 'proj', 'app.py'), 'utf8')).toBe('print(1)')
  await expect(skiff.local.row('proj')).toHaveCount(0)
})

test('Shift+F6 moves within the same server, to a folder typed in the dialog', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'inplace')
  await mkdir(join(folder, 'archive'))
  await writeFile(join(folder, 'a.log'), 'a')
  await writeFile(join(folder, 'b.log'), 'b')
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)
  await skiff.remote.row('a.log').click()
  await skiff.remote.row('b.log').click({ modifiers: ['Shift'] })
  await skiff.page.keyboard.press('Shift+F6')
  await expect(skiff.moveDialog).toContainText(`Move 2 items to ${folder}?`)
  await expect(skiff.moveDialog.getByRole('button', { name: 'Move', exact: true })).toBeDisabled()
  await skiff.moveDialog.getByRole('textbox', { name: 'Target folder' }).fill('archive')
  await expect(skiff.moveDialog).toContainText(`Move 2 items to ${join(folder, 'archive')}?`)
  await skiff.page.keyboard.press('Enter')
  await expect(skiff.remote.row('a.log')).toHaveCount(0)
  expect((await readdir(join(folder, 'archive'))).sort()).toEqual(['a.log', 'b.log'])
  await expect(skiff.transfers.region.getByRole('listitem')).toHaveCount(0)
})
