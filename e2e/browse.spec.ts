import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { startTcpProxy } from './fixtures/tcp-proxy'

test('keyboard: arrows, Enter opens a folder, Backspace goes up, type-ahead jumps', async ({ skiff, skiffHost }) => {
  const home = skiffHost.homeDir
  await mkdir(join(home, 'alpha'))
  await writeFile(join(home, 'alpha', 'a1.txt'), '1')
  await mkdir(join(home, 'beta'))
  await writeFile(join(home, 'zulu.txt'), 'z')
  await skiff.local.refresh()
  await expect(skiff.local.row('zulu.txt')).toBeVisible()

  await skiff.local.row('alpha').click()
  await skiff.page.keyboard.press('ArrowDown')
  await expect(skiff.local.row('beta')).toHaveAttribute('aria-selected', 'true')
  await skiff.page.keyboard.press('ArrowUp')
  await skiff.page.keyboard.press('Enter')
  await expect(skiff.local.path).toHaveValue(join(home, 'alpha'))
  await expect(skiff.local.row('a1.txt')).toBeVisible()
  await skiff.local.grid.focus()
  await skiff.page.keyboard.press('Backspace')
  await expect(skiff.local.path).toHaveValue(home)
  await skiff.local.grid.focus()
  await skiff.page.keyboard.type('zu')
  await expect(skiff.local.row('zulu.txt')).toHaveAttribute('aria-selected', 'true')
})

test('Shift and Ctrl select several rows, by keyboard and by mouse', async ({ skiff, skiffHost }) => {
  for (const name of ['one.txt', 'two.txt', 'three.txt', 'four.txt']) await writeFile(join(skiffHost.homeDir, name), name)
  await skiff.local.refresh()
  const selected = skiff.local.grid.locator('[role="row"][aria-selected="true"]')

  await skiff.local.row('four.txt').click()
  await skiff.page.keyboard.press('Shift+ArrowDown')
  await skiff.page.keyboard.press('Shift+ArrowDown')
  await expect(selected).toHaveCount(3)
  await expect(skiff.page.getByText('3 of 4 items selected')).toBeVisible()

  await skiff.local.row('two.txt').click()
  await skiff.local.row('four.txt').click({ modifiers: ['ControlOrMeta'] })
  await expect(selected).toHaveCount(2)
  // Rows read four, one, three, two; Shift+click spans from the last clicked row (four).
  await skiff.local.row('three.txt').click({ modifiers: ['Shift'] })
  await expect(selected).toHaveCount(3)
  await expect(skiff.local.row('two.txt')).toHaveAttribute('aria-selected', 'false')
})

test('sorting keeps folders first; hidden files toggle; odd names are shown escaped', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'names')
  await writeFile(join(folder, 'b.txt'), 'bb')
  await writeFile(join(folder, 'a.txt'), 'aaaa')
  await writeFile(join(folder, '.hidden'), '')
  await writeFile(join(folder, 'line\nbreak.txt'), '')
  await mkdir(join(folder, 'zfolder'))
  await mkdir(join(folder, 'target'))
  await symlink(join(folder, 'target'), join(folder, 'link-to-folder'))
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)

  const names = skiff.remote.grid.getByRole('row').locator('[role="gridcell"]:first-child')
  await expect(skiff.remote.row('a.txt')).toBeVisible()
  await expect(names).toHaveText(['link-to-folder', 'target', 'zfolder', '.hidden', 'a.txt', 'b.txt', 'line\\nbreak.txt'])
  await skiff.remote.grid.getByRole('columnheader', { name: 'Name' }).click()
  await expect(names).toHaveText(['zfolder', 'target', 'link-to-folder', 'line\\nbreak.txt', 'b.txt', 'a.txt', '.hidden'])

  await skiff.remote.region.getByRole('checkbox', { name: 'Show hidden files' }).uncheck()
  await expect(skiff.remote.row('.hidden')).toHaveCount(0)

  await skiff.remote.open('link-to-folder')
  await expect(skiff.remote.path).toHaveValue(join(folder, 'target'))
})

test('a listing that lands while the Path box is being edited keeps what was typed', async ({ skiff, skiffHost }) => {
  const home = skiffHost.homeDir
  await mkdir(join(home, 'typed-folder'))
  await writeFile(join(home, 'typed-folder', 'inside.txt'), 'x')
  await skiff.local.path.fill(join(home, 'typed-folder'))
  await writeFile(join(home, 'arrived.txt'), 'x')
  await skiff.local.refresh()
  await expect(skiff.local.row('arrived.txt')).toBeVisible()
  await expect(skiff.local.path).toHaveValue(join(home, 'typed-folder'))
  await skiff.local.path.press('Enter')
  await expect(skiff.local.row('inside.txt')).toBeVisible()
  await skiff.local.path.fill('/no/such/folder')
  await skiff.local.path.press('Enter')
  await expect(skiff.alert()).toBeVisible()
  await expect(skiff.local.path).toHaveValue(join(home, 'typed-folder'))
})

test('a folder of 5,000 entries is virtualized', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'many')
  await Promise.all(Array.from({ length: 5000 }, (_, i) => writeFile(join(folder, `file-${String(i).padStart(5, '0')}.dat`), '')))
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)
  await expect(skiff.remote.row('file-00000.dat')).toBeVisible()
  await expect(skiff.remote.grid).toHaveAttribute('aria-rowcount', '5001')
  expect(await skiff.remote.grid.getByRole('row').count()).toBeLessThan(200)
  await skiff.remote.row('file-00000.dat').click()
  await skiff.page.keyboard.press('End')
  await expect(skiff.remote.row('file-04999.dat')).toBeVisible()
})

test('a dropped connection shows Disconnected, and Reconnect brings the pane back', async ({ skiff, sshd }) => {
  const proxy = await startTcpProxy(sshd.port)
  try {
    const folder = await remoteFolder(sshd, 'drop')
    await writeFile(join(folder, 'still-here.txt'), 'x')
    await connect(skiff, sshd, proxy.port)
    await skiff.remote.goTo(folder)
    await expect(skiff.remote.row('still-here.txt')).toBeVisible()

    proxy.cutAll()
    await expect(skiff.page.getByText('Disconnected').first()).toBeVisible()
    await skiff.remote.refresh()
    await expect(skiff.alert()).toBeVisible()

    await skiff.page.getByRole('button', { name: 'Reconnect' }).first().click()
    await expect(skiff.page.getByText('Disconnected')).toHaveCount(0)
    await skiff.remote.refresh()
    await expect(skiff.remote.row('still-here.txt')).toBeVisible()
  } finally {
    await proxy.close()
  }
})

test('two sessions at once keep their own folders', async ({ skiff, sshd }) => {
  const proxy = await startTcpProxy(sshd.port)
  try {
    const first = await remoteFolder(sshd, 'first')
    const second = await remoteFolder(sshd, 'second')
    await writeFile(join(first, 'one.txt'), '1')
    await writeFile(join(second, 'two.txt'), '2')
    await connect(skiff, sshd)
    await skiff.remote.goTo(first)
    await expect(skiff.remote.row('one.txt')).toBeVisible()
    await connect(skiff, sshd, proxy.port)
    await skiff.remote.goTo(second)
    await expect(skiff.remote.row('two.txt')).toBeVisible()

    const tabs = skiff.page.getByRole('tab')
    await expect(tabs).toHaveCount(2)
    await tabs.first().click()
    await expect(skiff.remote.row('one.txt')).toBeVisible()
    await tabs.last().click()
    await expect(skiff.remote.row('two.txt')).toBeVisible()
  } finally {
    await proxy.close()
  }
})

test('a failed refresh says why, and the alert goes once the retry works', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'vanishing')
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)
  await rm(folder, { recursive: true })
  await skiff.remote.refresh()
  await expect(skiff.alert()).toContainText(folder)
  await mkdir(folder)
  await skiff.remote.refresh()
  await expect(skiff.alert()).toHaveCount(0)
})

test('Settings refuse a value they cannot keep, saying why, and keep it until it is fixed', async ({ skiff }) => {
  const page = skiff.page
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const scrollback = settings.getByRole('textbox', { name: 'Scrollback lines' })
  await scrollback.fill('lots')
  await scrollback.press('Enter')
  await expect(settings.getByRole('alert')).toHaveText('Scrollback must be a whole number of lines from 0 to 1,000,000.')
  await expect(scrollback).toHaveAttribute('aria-invalid', 'true')
  await settings.getByRole('button', { name: 'Done' }).click()
  await expect(settings).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(settings).toBeVisible()
  await expect(scrollback).toBeFocused()
  await expect(scrollback).toHaveValue('lots')
  await scrollback.fill('5000')
  await settings.getByRole('button', { name: 'Done' }).click()
  await expect(settings).toHaveCount(0)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(scrollback).toHaveValue('5000')
})
