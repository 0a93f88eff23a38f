import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'

test('Back and Forward walk the folders visited, by button and by Alt+Left/Right; Recent folders lists them newest first', async ({ skiff, sshd }) => {
  const base = await remoteFolder(sshd, 'walk')
  for (const name of ['one', 'two', 'three']) await mkdir(join(base, name))
  await connect(skiff, sshd)
  const remote = skiff.remote
  await expect(remote.button('Back')).toBeDisabled()
  await expect(remote.button('Forward')).toBeDisabled()

  // Typed paths, Up and opening a folder all count as going somewhere.
  await remote.goTo(join(base, 'one'))
  await remote.goTo(join(base, 'two'))
  await remote.up()
  await expect(remote.grid).toHaveAttribute('data-folder', base)
  await remote.open('three')
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'three'))
  await keepScreenshot(remote.region.locator('.pane-toolbar'), 'remote-toolbar')

  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', base)
  // Back out of a folder lands on it, as Up does.
  await expect(remote.row('three')).toHaveAttribute('aria-selected', 'true')
  await expect(remote.grid).toBeFocused()
  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'two'))
  await remote.grid.press('Alt+ArrowRight')
  await expect(remote.grid).toHaveAttribute('data-folder', base)
  await remote.grid.press('Alt+ArrowLeft')
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'two'))
  await remote.grid.press('Alt+ArrowLeft')
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'one'))
  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', sshd.homeDir)
  await expect(remote.button('Back')).toBeDisabled()
  await expect(remote.button('Forward')).toBeEnabled()

  // A new folder after going back drops what was ahead, as in a browser.
  await remote.goTo(join(base, 'three'))
  await expect(remote.button('Forward')).toBeDisabled()
  await expect(remote.button('Back')).toBeEnabled()

  const recent = await remote.openMenu('Recent folders')
  await expect(recent.getByRole('menuitem')).toHaveText([sshd.homeDir, join(base, 'one'), join(base, 'two'), base])
  await keepScreenshot(skiff.page, 'recent-folders-menu')
  await recent.getByRole('menuitem', { name: join(base, 'two'), exact: true }).click()
  await expect(recent).toBeHidden()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'two'))
  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'three'))

  // The pane's keys work wherever its focus is: the Path box, the Up button.
  await remote.path.press('Alt+ArrowLeft')
  await expect(remote.grid).toHaveAttribute('data-folder', sshd.homeDir)
  await remote.button('Up').focus()
  await skiff.page.keyboard.press('Alt+ArrowRight')
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'three'))
  await remote.path.press('Alt+F7')
  await expect(skiff.find.dialog).toBeVisible()
  await expect(skiff.find.searchIn).toHaveValue(join(base, 'three'))
})

test('Ctrl+B bookmarks a remote and a local folder; bookmarks and history outlive a reload, and a bookmark goes to its folder', async ({ skiff, skiffHost, sshd }) => {
  const base = await remoteFolder(sshd, 'marks')
  await mkdir(join(base, 'www'))
  await mkdir(join(base, 'logs'))
  const projects = join(skiffHost.homeDir, 'projects')
  await mkdir(projects)
  await connect(skiff, sshd)
  const { local, remote } = skiff

  await remote.goTo(join(base, 'www'))
  await remote.grid.press('Control+b')
  await remote.goTo(join(base, 'logs'))
  await local.goTo(projects)
  await local.grid.press('Control+b')
  // Kept in the data directory, so a restart finds them: the quick connect's server by user@host:port.
  const server = `${sshd.username}@${sshd.host}:${sshd.port}`
  const settingsFile = join(skiffHost.dataDir, 'settings.json')
  await expect.poll(async () => JSON.parse(await readFile(settingsFile, 'utf8')).settings.bookmarks).toEqual({ local: [projects], remote: { [server]: [join(base, 'www')] } })

  await skiff.page.reload()
  // Each pane comes back in the folder it showed, with its history behind it.
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'logs'))
  await expect(local.grid).toHaveAttribute('data-folder', projects)
  await expect(remote.button('Back')).toBeEnabled()

  const marks = await remote.openMenu('Bookmarks')
  await expect(marks.getByRole('menuitem', { name: join(base, 'www'), exact: true })).toBeVisible()
  await keepScreenshot(skiff.page, 'bookmarks-menu')
  await marks.getByRole('menuitem', { name: join(base, 'www'), exact: true }).click()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'www'))
  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'logs'))
  await remote.button('Back').click()
  await expect(remote.grid).toHaveAttribute('data-folder', join(base, 'www'))

  await local.up()
  await expect(local.grid).toHaveAttribute('data-folder', skiffHost.homeDir)
  const localMarks = await local.openMenu('Bookmarks')
  await expect(localMarks.getByRole('menuitem', { name: join(base, 'www'), exact: true })).toHaveCount(0)
  await localMarks.getByRole('menuitem', { name: projects, exact: true }).click()
  await expect(local.grid).toHaveAttribute('data-folder', projects)

  // × removes a bookmark, from the menu and from the disk.
  const again = await remote.openMenu('Bookmarks')
  await again.getByRole('menuitem', { name: `Remove bookmark ${join(base, 'www')}` }).click()
  await expect(again.getByRole('menuitem', { name: join(base, 'www'), exact: true })).toHaveCount(0)
  await expect.poll(async () => JSON.parse(await readFile(settingsFile, 'utf8')).settings.bookmarks.remote).toEqual({})
  await skiff.page.keyboard.press('Escape')
  await expect(again).toBeHidden()
})

test('the filter narrows 2,000 rows as it is typed and says how many are shown; Escape clears it; F8 offers only the rows left', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'many')
  for (let i = 0; i < 2000; i++) await writeFile(join(folder, `file-${String(i).padStart(4, '0')}.txt`), '')
  await connect(skiff, sshd)
  const remote = skiff.remote
  await remote.goTo(folder)
  await expect(remote.region.getByText('2,000 items', { exact: true })).toBeVisible()

  await remote.grid.press('Control+Alt+f')
  await expect(remote.filter).toBeFocused()
  await remote.filter.fill('FILE-1999')
  await expect(remote.grid.getByRole('row').filter({ has: skiff.page.getByRole('gridcell') })).toHaveCount(1)
  await expect(remote.row('file-1999.txt')).toBeVisible()
  await expect(remote.region.getByText('1 of 2,000 items shown', { exact: true })).toBeVisible()
  await remote.filter.fill('*7.txt')
  await expect(remote.region.getByText('200 of 2,000 items shown', { exact: true })).toBeVisible()
  await expect(remote.row('file-0007.txt')).toBeVisible()
  await expect(remote.row('file-0008.txt')).toHaveCount(0)
  await keepScreenshot(remote.region, 'filtered-pane')

  await remote.filter.press('Escape')
  await expect(remote.filter).toHaveValue('')
  await expect(remote.grid).toBeFocused()
  await expect(remote.region.getByText('2,000 items', { exact: true })).toBeVisible()

  // Everything selected, then filtered: only the rows still shown stay selected, and only they are deleted.
  await remote.grid.press('Control+a')
  await expect(remote.region.getByText('2,000 of 2,000 items selected')).toBeVisible()
  await remote.grid.press('Control+Alt+f')
  await skiff.page.keyboard.type('*7.txt')
  await expect(remote.region.getByText('200 of 2,000 items shown, 200 selected')).toBeVisible()
  await remote.filter.press('Enter')
  await expect(remote.grid).toBeFocused()
  await remote.grid.press('F8')
  const confirm = skiff.page.getByRole('alertdialog', { name: 'Delete' })
  await expect(confirm).toContainText('Delete 200 items?')
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await skiff.transfers.waitFor('Delete 200 items', 'Done')
  const left = await readdir(folder)
  expect(left).toHaveLength(1800)
  expect(left.filter((name) => name.endsWith('7.txt'))).toEqual([])
  await expect(remote.region.getByText('0 of 1,800 items shown')).toBeVisible()
  // Escape in the grid clears the filter too.
  await remote.grid.press('Escape')
  await expect(remote.filter).toHaveValue('')
  await expect(remote.region.getByText('1,800 items', { exact: true })).toBeVisible()

  // Another folder starts unfiltered.
  await remote.up()
  await expect(remote.filter).toHaveValue('')
})

test('a session opened from a saved profile keeps its bookmarks with the profile, across a reload', async ({ skiff, skiffHost, sshd }) => {
  const site = await remoteFolder(sshd, 'site')
  const page = skiff.page
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Host profile' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill('lab')
  await dialog.getByRole('textbox', { name: 'Host' }).fill(sshd.host)
  await dialog.getByRole('textbox', { name: 'Port' }).fill(String(sshd.port))
  await dialog.getByRole('textbox', { name: 'User' }).fill(sshd.username)
  await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
  await dialog.getByRole('textbox', { name: 'Private key file' }).fill(sshd.clientKeyPath)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('listitem', { name: 'lab' }).dblclick()
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)

  await skiff.remote.goTo(site)
  await skiff.remote.grid.press('Control+b')
  const profilesFile = join(skiffHost.dataDir, 'profiles.json')
  await expect.poll(async () => JSON.parse(await readFile(profilesFile, 'utf8')).profiles[0].bookmarks).toEqual([site])

  // A second session in another folder: after a reload each tab's Path box names its own folder.
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  const quickTab = page.getByRole('tab', { name: `${sshd.username}@${sshd.host}`, exact: true })
  await expect(quickTab).toHaveAttribute('aria-selected', 'true')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)

  await page.reload()
  await page.getByRole('tab', { name: 'lab', exact: true }).click()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', site)
  await expect(skiff.remote.path).toHaveValue(site)
  await quickTab.click()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', sshd.homeDir)
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  await page.getByRole('tab', { name: 'lab', exact: true }).click()
  await expect(skiff.remote.path).toHaveValue(site)
  await skiff.remote.goTo(sshd.homeDir)
  const marks = await skiff.remote.openMenu('Bookmarks')
  await marks.getByRole('menuitem', { name: site, exact: true }).click()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', site)
})
