import { chmod, mkdtemp, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { startTcpProxy } from './fixtures/tcp-proxy'
import type { SkiffApp } from './pages/skiff-app'
import type { SshdHandle } from './fixtures/sshd'

// The built-in editor (F4) and viewer (F3) against the real sshd: what lands on the server is
// checked byte for byte, with its mode; the page is looked at as drawn.

// An editor that saves twice by write-then-rename, the second time when the test says so.
const fakeEditor = join(__dirname, 'fixtures', 'fake-editor.mjs')

function editorBox(page: Page) {
  return page.getByRole('textbox', { name: 'Editor' })
}

/** The session's own tab, which shows its file browser. */
function filesTab(skiff: SkiffApp, sshd: SshdHandle) {
  return skiff.page.getByRole('tab', { name: `${sshd.username}@${sshd.host}`, exact: true })
}

/** Opens `name` in the remote pane with F4 and waits for its editor. */
async function editRemote(skiff: SkiffApp, name: string): Promise<void> {
  await skiff.remote.row(name).click()
  await skiff.page.keyboard.press('F4')
  await expect(skiff.page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true')
  await expect(editorBox(skiff.page)).toBeFocused()
}

/** Types at the end of the editor's text. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

test('F4 edits a remote file: Ctrl+S writes the bytes through a part file and keeps the mode', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'edit')
  const path = join(folder, 'notes.txt')
  await writeFile(path, 'first line\nsecond line\n')
  await chmod(path, 0o640)
  await skiff.remote.goTo(folder)
  await editRemote(skiff, 'notes.txt')
  const tab = skiff.page.getByRole('tab', { name: 'notes.txt', exact: true })
  await expect(tab).toHaveAttribute('title', `${sshd.username}@${sshd.host}:${sshd.port}: ${path}`)
  await expect(editorBox(skiff.page)).toContainText('second line')
  // The panes are hidden while the editor shows.
  await expect(skiff.remote.grid).toBeHidden()

  await typeAtEnd(skiff.page, 'third line\n')
  await expect(skiff.page.getByRole('tab', { name: 'notes.txt (unsaved changes)' })).toBeVisible()
  await keepScreenshot(skiff.page, 'editor-unsaved')
  await skiff.page.keyboard.press('Control+s')
  await expect(skiff.page.getByRole('status', { name: 'Editor status' })).toContainText('Saved')
  await expect(tab).toBeVisible()
  expect(await readFile(path, 'utf8')).toBe('first line\nsecond line\nthird line\n')
  expect((await stat(path)).mode & 0o7777).toBe(0o640)
  expect(await readdir(folder)).toEqual(['notes.txt'])
  await keepScreenshot(skiff.page, 'editor-saved')

  // Back to the files with the session's tab; the editor's tab stays.
  await filesTab(skiff, sshd).click()
  await expect(skiff.remote.grid).toBeVisible()
  await expect(tab).toHaveAttribute('aria-selected', 'false')
})

test('a CRLF file with a BOM stays CRLF with its BOM; highlighting follows the extension', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'crlf')
  const path = join(folder, 'setup.py')
  await writeFile(path, '\ufeffimport os\r\nprint(os.getcwd())\r\n')
  await skiff.remote.goTo(folder)
  await editRemote(skiff, 'setup.py')
  const status = skiff.page.getByRole('status', { name: 'Editor status' })
  await expect(status).toContainText('CRLF')
  await expect(status).toContainText('UTF-8 with BOM')
  // Python's keywords are coloured: the language loaded from the name, its styles allowed by the page's policy.
  const keyword = skiff.page.locator('.cm-line span', { hasText: 'import' }).first()
  await expect.poll(() => keyword.evaluate((element) => getComputedStyle(element).color)).not.toBe(
    await editorBox(skiff.page).evaluate((element) => getComputedStyle(element).color),
  )
  await typeAtEnd(skiff.page, 'print("done")\n')
  await skiff.page.keyboard.press('Control+s')
  await expect(status).toContainText('Saved')
  expect(await readFile(path)).toEqual(Buffer.from('\ufeffimport os\r\nprint(os.getcwd())\r\nprint("done")\r\n'))
  await keepScreenshot(skiff.page, 'editor-python-crlf')
})

test('a file changed on the server since it was opened asks: Cancel keeps both, Overwrite saves, Reload confirms first', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'changed')
  const path = join(folder, 'app.conf')
  await writeFile(path, 'port=80\n')
  await skiff.remote.goTo(folder)
  await editRemote(skiff, 'app.conf')
  await typeAtEnd(skiff.page, 'mine=1\n')
  const changeOnServer = async (text: string) => {
    await writeFile(path, text)
    await utimes(path, new Date(), new Date(Date.now() + 10_000))
  }
  await changeOnServer('port=8080\n')

  const dialog = skiff.page.getByRole('alertdialog', { name: 'File changed on server' })
  await skiff.page.keyboard.press('Control+s')
  await expect(dialog).toBeVisible()
  await keepScreenshot(skiff.page, 'editor-changed-on-server')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(await readFile(path, 'utf8')).toBe('port=8080\n')
  await expect(skiff.page.getByRole('tab', { name: 'app.conf (unsaved changes)' })).toBeVisible()

  // Reload asks once more, then shows the server's copy.
  await skiff.page.keyboard.press('Control+s')
  await dialog.getByRole('button', { name: 'Reload' }).click()
  const confirm = skiff.page.getByRole('alertdialog', { name: 'Reload and lose your changes?' })
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  await expect(editorBox(skiff.page)).toContainText('mine=1')

  await skiff.page.keyboard.press('Control+s')
  await dialog.getByRole('button', { name: 'Overwrite' }).click()
  await expect(skiff.page.getByRole('status', { name: 'Editor status' })).toContainText('Saved')
  expect(await readFile(path, 'utf8')).toBe('port=80\nmine=1\n')

  await changeOnServer('port=9090\n')
  await editorBox(skiff.page).focus()
  await typeAtEnd(skiff.page, 'x=2\n')
  await skiff.page.keyboard.press('Control+s')
  await dialog.getByRole('button', { name: 'Reload' }).click()
  await confirm.getByRole('button', { name: 'Reload' }).click()
  await expect(editorBox(skiff.page)).toHaveText('port=9090')
  await expect(skiff.page.getByRole('tab', { name: 'app.conf', exact: true })).toBeVisible()
  expect(await readFile(path, 'utf8')).toBe('port=9090\n')
})

test('a binary or non-UTF-8 file is not opened for editing: the message offers Download', async ({ skiff, sshd, skiffHost }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'binary')
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])
  await writeFile(join(folder, 'logo.png'), png)
  await writeFile(join(folder, 'latin1.txt'), Buffer.from('caf\xe9\n', 'latin1'))
  await skiff.remote.goTo(folder)
  await skiff.local.goTo(skiffHost.homeDir)

  await skiff.remote.row('latin1.txt').click()
  await skiff.page.keyboard.press('F4')
  const dialog = skiff.page.getByRole('dialog', { name: 'Not a text file' })
  await expect(dialog).toContainText('is not valid UTF-8 text')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await skiff.remote.row('logo.png').click()
  await skiff.page.keyboard.press('F4')
  await expect(dialog).toContainText('binary')
  await keepScreenshot(skiff.page, 'editor-not-text')
  await dialog.getByRole('button', { name: 'Download' }).click()
  await skiff.transfers.waitFor('logo.png', 'Done')
  expect(await readFile(join(skiffHost.homeDir, 'logo.png'))).toEqual(png)
  await expect(skiff.page.getByRole('tab', { name: 'logo.png' })).toHaveCount(0)
})

test('F3 views text read-only, an image scaled to fit, and other files as hex', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'view')
  await writeFile(join(folder, 'readme.md'), '# Title\n\nSome *text*.\n')
  // A 1×1 red PNG, and an SVG whose script must never run.
  const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
  await writeFile(join(folder, 'dot.png'), pixel)
  await writeFile(join(folder, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>window.parent.pwned = true</script><circle cx="20" cy="20" r="18" fill="teal"/></svg>')
  await writeFile(join(folder, 'data.bin'), Buffer.from([0, 1, 2, 3, 0x41, 0x42, 255]))
  await skiff.remote.goTo(folder)

  await skiff.remote.row('readme.md').click()
  await skiff.page.keyboard.press('F3')
  await expect(editorBox(skiff.page)).toContainText('# Title')
  await skiff.page.keyboard.type('typing does nothing')
  await expect(editorBox(skiff.page)).not.toContainText('typing does nothing')
  await expect(skiff.page.getByRole('status', { name: 'Editor status' })).toContainText('Read-only')
  await keepScreenshot(skiff.page, 'view-text')

  for (const name of ['dot.png', 'logo.svg']) {
    await filesTab(skiff, sshd).click()
    await skiff.remote.row(name).click()
    await skiff.page.keyboard.press('F3')
    const image = skiff.page.getByRole('img', { name })
    await expect(image).toBeVisible()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    await keepScreenshot(skiff.page, `view-${name}`)
  }
  expect(await skiff.page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined()

  await filesTab(skiff, sshd).click()
  await skiff.remote.row('data.bin').click()
  await skiff.page.keyboard.press('F3')
  await expect(skiff.page.getByText('Binary file, 7 bytes; showing all of it.')).toBeVisible()
  await expect(skiff.page.getByLabel('Hex view')).toHaveText('00000000  00 01 02 03 41 42 ff' + ' '.repeat(29) + ' |....AB.|')
  await keepScreenshot(skiff.page, 'view-hex')
})

test('closing a tab with unsaved changes asks: Cancel keeps it, Discard drops the edits, Save saves and closes', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'close')
  const path = join(folder, 'todo.txt')
  await writeFile(path, 'a\n')
  await skiff.remote.goTo(folder)
  const ask = skiff.page.getByRole('alertdialog', { name: 'Unsaved changes' })

  await editRemote(skiff, 'todo.txt')
  await typeAtEnd(skiff.page, 'b\n')
  await skiff.page.getByRole('button', { name: 'Close todo.txt' }).click()
  await keepScreenshot(skiff.page, 'editor-unsaved-close')
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(skiff.page.getByRole('tab', { name: 'todo.txt (unsaved changes)' })).toBeVisible()

  await skiff.page.keyboard.press('Control+Shift+W')
  await ask.getByRole('button', { name: 'Save' }).click()
  await expect(skiff.page.getByRole('tab', { name: /todo\.txt/ })).toHaveCount(0)
  expect(await readFile(path, 'utf8')).toBe('a\nb\n')
  await expect(skiff.remote.grid).toBeVisible()

  await editRemote(skiff, 'todo.txt')
  await typeAtEnd(skiff.page, 'c\n')
  await skiff.page.getByRole('button', { name: 'Close todo.txt' }).click()
  await ask.getByRole('button', { name: 'Discard' }).click()
  await expect(skiff.page.getByRole('tab', { name: /todo\.txt/ })).toHaveCount(0)
  expect(await readFile(path, 'utf8')).toBe('a\nb\n')
})

test('a save while the connection is down keeps the text, says so, and saves after Reconnect', async ({ skiff, sshd }) => {
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    const folder = await remoteFolder(sshd, 'offline')
    const path = join(folder, 'deploy.sh')
    await writeFile(path, '#!/bin/sh\n')
    await chmod(path, 0o755)
    await skiff.remote.goTo(folder)
    await editRemote(skiff, 'deploy.sh')
    await typeAtEnd(skiff.page, 'echo deployed\n')
    proxy.cutAll()
    const status = skiff.page.getByRole('status', { name: 'Editor status' })
    await expect(skiff.page.getByRole('button', { name: 'Reconnect' })).toBeVisible({ timeout: 30_000 })
    await editorBox(skiff.page).focus()
    await skiff.page.keyboard.press('Control+s')
    await expect(status).toContainText('Not saved: the connection is down')
    await keepScreenshot(skiff.page, 'editor-save-offline')
    expect(await readFile(path, 'utf8')).toBe('#!/bin/sh\n')

    await skiff.page.getByRole('button', { name: 'Reconnect' }).click()
    await expect(status).toContainText('Saved', { timeout: 30_000 })
    expect(await readFile(path, 'utf8')).toBe('#!/bin/sh\necho deployed\n')
    expect((await stat(path)).mode & 0o7777).toBe(0o755)
    expect(await readdir(folder)).toEqual(['deploy.sh'])
  } finally {
    await proxy.close()
  }
})

test('F4 in the local pane edits a local file the same way', async ({ skiff, sshd, skiffHost }) => {
  await connect(skiff, sshd)
  const path = join(skiffHost.homeDir, 'local-notes.txt')
  await writeFile(path, 'local\n')
  await skiff.local.goTo(skiffHost.homeDir)
  await skiff.local.row('local-notes.txt').click()
  await skiff.page.keyboard.press('F4')
  const tab = skiff.page.getByRole('tab', { name: 'local-notes.txt', exact: true })
  await expect(tab).toHaveAttribute('title', path)
  await expect(editorBox(skiff.page)).toBeFocused()
  await typeAtEnd(skiff.page, 'edited\n')
  await skiff.page.keyboard.press('Control+s')
  await expect(skiff.page.getByRole('status', { name: 'Editor status' })).toContainText('Saved')
  expect(await readFile(path, 'utf8')).toBe('local\nedited\n')
})

test('Edit with… opens an external editor; each save it makes, write-then-rename, reaches the server; Stop editing removes the copy', async ({ skiff, sshd, skiffHost }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'external')
  const path = join(folder, 'site.conf')
  await writeFile(path, 'listen 80;\n')
  await chmod(path, 0o640)
  const signals = await mkdtemp(join(skiffHost.homeDir, 'signals-'))
  await skiff.remote.goTo(folder)

  await skiff.remote.row('site.conf').click({ button: 'right' })
  await skiff.page.getByRole('menu', { name: 'Remote file actions' }).getByRole('menuitem', { name: /Edit with/ }).click()
  const dialog = skiff.page.getByRole('dialog', { name: 'Edit with' })
  await dialog.getByRole('textbox', { name: 'Command' }).fill(`node ${fakeEditor} ${signals} %f`)
  await keepScreenshot(skiff.page, 'edit-with-dialog')
  await dialog.getByRole('button', { name: 'Open' }).click()

  const editing = skiff.page.getByRole('region', { name: 'Editing' })
  const item = editing.getByRole('listitem', { name: 'site.conf' })
  await expect(item).toBeVisible()
  await expect.poll(() => readFile(path, 'utf8'), { timeout: 15_000 }).toBe('listen 80;\nedited once\n')
  await expect(item).toContainText('last uploaded')
  await skiff.transfers.waitFor('Save site.conf', 'Done')
  const copy = await readFile(join(signals, 'path.txt'), 'utf8')
  expect((await stat(dirname(copy))).mode & 0o777).toBe(0o700)
  await keepScreenshot(skiff.page, 'editing-list')

  // The editor saves again later, by a new file renamed over the first: the watch on the folder sees it.
  await writeFile(join(signals, 'go'), '')
  await expect.poll(() => readFile(path, 'utf8'), { timeout: 15_000 }).toBe('listen 80;\nedited once\nedited twice\n')
  expect((await stat(path)).mode & 0o7777).toBe(0o640)
  expect(await readdir(folder)).toEqual(['site.conf'])

  await item.getByRole('button', { name: 'Stop editing' }).click()
  await expect(editing).toBeHidden()
  await expect.poll(() => stat(dirname(copy)).then(() => 'there', () => 'gone')).toBe('gone')
})

test('a large file: over 10 MiB asks first; a 6 MB text saves whole, in pieces, through browser mode', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  const folder = await remoteFolder(sshd, 'large')
  const line = 'é'.repeat(40) + ' the quick brown fox\n'
  // 6 MB of UTF-8 (more than one message carries), and a log over the limit.
  const text = line.repeat(Math.ceil((6 * 1024 * 1024) / Buffer.byteLength(line)))
  await writeFile(join(folder, 'data.txt'), text)
  await writeFile(join(folder, 'huge.log'), 'y'.repeat(11 * 1024 * 1024))
  await skiff.remote.goTo(folder)

  await skiff.remote.row('huge.log').click()
  await skiff.page.keyboard.press('F4')
  const ask = skiff.page.getByRole('dialog', { name: 'Large file' })
  await expect(ask).toContainText('11.0 MiB')
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(skiff.page.getByRole('tab', { name: 'huge.log' })).toHaveCount(0)

  await editRemote(skiff, 'data.txt')
  await skiff.page.keyboard.press('Control+Home')
  await skiff.page.keyboard.type('# header\n')
  await skiff.page.keyboard.press('Control+s')
  await expect(skiff.page.getByRole('status', { name: 'Editor status' })).toContainText('Saved', { timeout: 30_000 })
  expect((await readFile(join(folder, 'data.txt'), 'utf8')) === '# header\n' + text).toBe(true)
})

test('an external save made while the connection is down goes up after Reconnect; Stop editing asks while a save is not on the server', async ({ skiff, sshd, skiffHost }) => {
  const proxy = await startTcpProxy(sshd.port)
  try {
    await connect(skiff, sshd, proxy.port)
    const folder = await remoteFolder(sshd, 'external-offline')
    const path = join(folder, 'app.ini')
    await writeFile(path, '[app]\n')
    const signals = await mkdtemp(join(skiffHost.homeDir, 'signals-'))
    await skiff.remote.goTo(folder)
    await skiff.remote.row('app.ini').click()
    await skiff.page.keyboard.press('Shift+F3')
    const dialog = skiff.page.getByRole('dialog', { name: 'Edit with' })
    await dialog.getByRole('textbox', { name: 'Command' }).fill(`node ${fakeEditor} ${signals} %f`)
    await dialog.getByRole('button', { name: 'Open' }).click()
    await expect.poll(() => readFile(path, 'utf8'), { timeout: 15_000 }).toBe('[app]\nedited once\n')

    proxy.cutAll()
    await expect(skiff.page.getByRole('button', { name: 'Reconnect' })).toBeVisible({ timeout: 30_000 })
    await writeFile(join(signals, 'go'), '')
    const item = skiff.page.getByRole('region', { name: 'Editing' }).getByRole('listitem', { name: 'app.ini' })
    await expect(item).toContainText('connection is down', { timeout: 15_000 })
    // Stopping now would lose that save: it asks, and Cancel keeps watching.
    await item.getByRole('button', { name: 'Stop editing' }).click()
    const ask = skiff.page.getByRole('alertdialog', { name: 'Stop editing' })
    await expect(ask).toContainText('is not on the server')
    await keepScreenshot(skiff.page, 'stop-editing-unsaved')
    await ask.getByRole('button', { name: 'Cancel' }).click()
    expect(await readFile(path, 'utf8')).toBe('[app]\nedited once\n')

    await skiff.page.getByRole('button', { name: 'Reconnect' }).click()
    await expect.poll(() => readFile(path, 'utf8'), { timeout: 30_000 }).toBe('[app]\nedited once\nedited twice\n')
    await expect(item).toContainText('last uploaded')
    // The save that failed while the link was down was retried, not left failed beside a new one.
    const saves = skiff.page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: 'Save app.ini', exact: true })
    await expect(saves.locator('.transfer-state')).toHaveText(['Done', 'Done'])
  } finally {
    await proxy.close()
  }
})
