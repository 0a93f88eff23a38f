import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { startTcpProxy } from './fixtures/tcp-proxy'
import type { PaneView, SkiffApp } from './pages/skiff-app'

// Find files (Alt+F7) against the real sshd, where the server's find does the search, and in the
// local pane, where the shared walker does: the same masks, the same results.

/** A tree with odd names, a hidden folder and a link that loops back up. */
async function plantTree(folder: string): Promise<void> {
  await mkdir(join(folder, 'sub dir'), { recursive: true })
  await mkdir(join(folder, '.hidden'))
  await writeFile(join(folder, 'app.log'), 'started\n')
  await writeFile(join(folder, 'sub dir', 'err.log'), 'failed\n')
  await writeFile(join(folder, 'odd\nname.log'), 'newline\n')
  await writeFile(join(folder, 'Grüße.log'), 'unicode\n')
  await writeFile(join(folder, 'big.bin'), Buffer.alloc(4096, 7))
  await writeFile(join(folder, 'small.txt'), 'tiny')
  await writeFile(join(folder, '.hidden', 'secret.log'), 'hidden\n')
  await writeFile(join(folder, '.env'), 'KEY=1\n')
  await symlink('..', join(folder, 'sub dir', 'loop'))
}

const logNames = ['Grüße.log', 'app.log', 'err.log', 'odd\\nname.log']

/** The pane's folder, then Alt+F7 in its grid (or the pane's `Find files` button). */
async function openFind(skiff: SkiffApp, pane: PaneView, folder: string, via: 'key' | 'button' = 'key'): Promise<void> {
  await pane.goTo(folder)
  await pane.grid.focus()
  if (via === 'key') await skiff.page.keyboard.press('Alt+F7')
  else {
    await keepScreenshot(pane.region, 'pane-find-button')
    await pane.region.getByRole('button', { name: 'Find files' }).click()
  }
  await expect(skiff.find.dialog).toBeVisible()
  await expect(skiff.find.searchIn).toHaveValue(folder)
}

test('finds by mask on the server through a symlink loop, odd names included, and Go to selects the file in the pane', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'find')
  await plantTree(folder)
  await openFind(skiff, skiff.remote, folder)
  const { find } = skiff

  // Hidden files as the pane shows them (it does, by default), and only when asked.
  const hidden = find.dialog.getByRole('checkbox', { name: 'Include hidden files' })
  await expect(hidden).toBeChecked()
  await hidden.uncheck()
  await find.search('*.log')
  await expect(find.status).toHaveText('Done: 4 files found.')
  expect((await find.names()).sort()).toEqual(logNames)
  await expect(find.row('err.log')).toContainText(join(folder, 'sub dir'))
  await keepScreenshot(skiff.page, 'find-results-remote')

  await hidden.check()
  await find.search('*.log')
  await expect(find.status).toHaveText('Done: 5 files found.')
  await expect(find.row('secret.log')).toBeVisible()

  await find.row('err.log').click()
  await find.button('Go to').click()
  await expect(find.dialog).toBeHidden()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', join(folder, 'sub dir'))
  await expect(skiff.remote.row('err.log')).toHaveAttribute('aria-selected', 'true')
  await expect(skiff.remote.grid).toBeFocused()

  // Go to a name the pane would not show (a filter on, hidden files off): it is shown and selected.
  await skiff.remote.goTo(folder)
  await skiff.remote.region.getByRole('checkbox', { name: 'Show hidden files' }).uncheck()
  await skiff.remote.filter.fill('app')
  await skiff.remote.grid.focus()
  await skiff.page.keyboard.press('Alt+F7')
  await find.dialog.getByRole('checkbox', { name: 'Include hidden files' }).check()
  await find.search('.env')
  await find.row('.env').click()
  await find.button('Go to').click()
  await expect(skiff.remote.row('.env')).toHaveAttribute('aria-selected', 'true')
  await expect(skiff.remote.filter).toHaveValue('')
  await expect(skiff.remote.row('small.txt')).toBeVisible()

  // Edit (F4) on a result opens it in the editor.
  await skiff.page.keyboard.press('Alt+F7')
  // The last search's mask comes back, as in WinSCP.
  await expect(find.mask).toHaveValue('.env')
  await find.search('err.*')
  await find.row('err.log').click()
  await skiff.page.keyboard.press('F4')
  await expect(find.dialog).toBeHidden()
  await expect(skiff.page.getByRole('tab', { name: 'err.log', exact: true })).toHaveAttribute('aria-selected', 'true')
  await expect(skiff.page.getByRole('textbox', { name: 'Editor' })).toContainText('failed')
})

test('finds by size on the server, Download copies the chosen results, and a mask that cannot be parsed says why', async ({ skiff, skiffHost, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'find-size')
  await plantTree(folder)
  const localFolder = join(skiffHost.homeDir, 'downloads')
  await mkdir(localFolder)
  await skiff.local.goTo(localFolder)
  await openFind(skiff, skiff.remote, folder)
  const { find } = skiff

  await find.mask.fill('*.log>big')
  await expect(find.dialog.getByRole('alert')).toContainText('after > comes a size')
  await expect(find.button('Start')).toBeDisabled()
  await find.mask.fill('*.log')
  await find.searchIn.fill('')
  await expect(find.dialog.getByRole('alert')).toHaveText('Name the folder to search in.')
  await expect(find.button('Start')).toBeDisabled()
  await find.searchIn.fill(folder)

  await find.search('>1K')
  await expect(find.status).toHaveText('Done: 1 file found.')
  expect(await find.names()).toEqual(['big.bin'])
  await expect(find.row('big.bin')).toContainText('4.0 KiB')

  // Several rows chosen: the copies come from two folders, each a job of the queue.
  await find.search('*.log')
  await find.row('app.log').click()
  await find.row('err.log').click({ modifiers: ['Control'] })
  await keepScreenshot(find.dialog, 'find-chosen-results')
  await find.button('Download').click()
  await skiff.transfers.waitFor('app.log', 'Done')
  await skiff.transfers.waitFor('err.log', 'Done')
  expect(await readFile(join(localFolder, 'app.log'), 'utf8')).toBe('started\n')
  expect(await readFile(join(localFolder, 'err.log'), 'utf8')).toBe('failed\n')
  await expect(stat(join(localFolder, 'Grüße.log'))).rejects.toThrow()
})

test('Stop stops a search the server is slow to answer', async ({ skiff, sshd }) => {
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    const folder = await remoteFolder(sshd, 'find-stop')
    await plantTree(folder)
    await openFind(skiff, skiff.remote, folder)
    const { find } = skiff
    proxy.hold()
    await find.mask.fill('*')
    await find.button('Start').click()
    await expect(find.status).toContainText('Searching')
    await expect(find.button('Start')).toBeDisabled()
    await find.button('Stop').click()
    await expect(find.status).toHaveText('Stopped: 0 files found.')
    await expect(find.button('Start')).toBeEnabled()
    proxy.release()
    // The connection goes on working after the stopped search.
    await find.search('*.log')
    await expect(find.status).toHaveText('Done: 5 files found.')
  } finally {
    await proxy.close()
  }
})

test('finds in the local pane too, Upload copies a result to the server and Delete removes only the chosen one', async ({ skiff, skiffHost, sshd }) => {
  await connect(skiff, sshd)
  const remote = await remoteFolder(sshd, 'find-upload')
  await skiff.remote.goTo(remote)
  const folder = join(skiffHost.homeDir, 'project')
  await mkdir(folder)
  await plantTree(folder)
  await openFind(skiff, skiff.local, folder, 'button')
  const { find } = skiff

  await find.search('*.log|app*')
  await expect(find.status).toHaveText('Done: 4 files found.')
  expect((await find.names()).sort()).toEqual(['Grüße.log', 'err.log', 'odd\\nname.log', 'secret.log'])
  // A header click sorts the results (the path breaks ties); the same header again turns the order round.
  const sizeHeader = find.results.getByRole('columnheader', { name: 'Size' })
  await sizeHeader.click()
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect.poll(() => find.names()).toEqual(['err.log', 'secret.log', 'Grüße.log', 'odd\\nname.log'])
  await sizeHeader.click()
  await expect.poll(() => find.names()).toEqual(['odd\\nname.log', 'Grüße.log', 'secret.log', 'err.log'])
  await keepScreenshot(find.dialog, 'find-results-sorted')
  await keepScreenshot(skiff.page, 'find-results-local')

  await find.row('Grüße.log').click()
  await find.button('Upload').click()
  await skiff.transfers.waitFor('Grüße.log', 'Done')
  expect(await readFile(join(remote, 'Grüße.log'), 'utf8')).toBe('unicode\n')

  await find.row('err.log').click()
  await find.button('Delete…').click()
  const confirm = skiff.page.getByRole('alertdialog', { name: 'Delete' })
  await expect(confirm).toContainText('Delete "err.log"?')
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(find.row('err.log')).toBeHidden()
  await expect(stat(join(folder, 'sub dir', 'err.log'))).rejects.toThrow()
  expect((await stat(join(folder, 'app.log'))).isFile()).toBe(true)
  expect((await stat(join(folder, 'Grüße.log'))).isFile()).toBe(true)
})
