import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import type { SshdHandle } from './fixtures/sshd'
import { startTcpProxy } from './fixtures/tcp-proxy'
import { keepScreenshot } from './fixtures/screenshots'

const logins = async (sshd: SshdHandle) => ((await readFile(sshd.logPath, 'utf8')).match(/Accepted publickey/g) ?? []).length

test.beforeEach(async ({ skiff }) => {
  await skiff.enableScreenReaderMode()
})

test('a terminal runs commands on the server, in the folder it was opened in', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'term')
  await connect(skiff, sshd)
  await skiff.remote.goTo(folder)
  await expect(skiff.remote.grid).toBeVisible()
  await skiff.remote.grid.click({ button: 'right', position: { x: 40, y: 60 } })
  await skiff.page.getByRole('menuitem', { name: 'Open terminal here' }).click()

  await expect(skiff.page.getByRole('tab', { name: `${sshd.username}@${sshd.host}: ${folder}` })).toHaveAttribute('aria-selected', 'true')
  await skiff.terminal.type('echo $((6*7))\n')
  await skiff.terminal.expectText(/^42$/m)
  await skiff.terminal.type('printf written > made-by-terminal.txt; echo saved-$((1+1))\n')
  await skiff.terminal.expectText('saved-2')
  expect(await readFile(join(folder, 'made-by-terminal.txt'), 'utf8')).toBe('written')
})

test('the PTY follows the window size', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await skiff.page.setViewportSize({ width: 1200, height: 800 })
  await skiff.terminal.type('stty size\n')
  await skiff.terminal.expectText(/^\d+ \d+$/m)
  const sizeOf = async () => (await skiff.terminal.lines()).filter((line) => /^\d+ \d+$/.test(line)).at(-1)
  const before = await sizeOf()
  await skiff.page.setViewportSize({ width: 900, height: 560 })
  await skiff.terminal.type('clear; stty size\n')
  await expect.poll(sizeOf).not.toBe(before)
})

test('exit shows the exit code and the tab stays until closed', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await skiff.terminal.type('exit 3\n')
  await expect(skiff.page.locator('.terminal-view:not([hidden])').getByRole('status')).toHaveText(/\[exited with code 3\]/)
  const tab = skiff.page.getByRole('tab', { name: `${sshd.username}@${sshd.host}`, exact: true }).last()
  await expect(skiff.page.getByRole('tab')).toHaveCount(2)
  // An ended terminal closes without asking.
  await skiff.page.getByRole('button', { name: `Close terminal ❯ ${sshd.username}@${sshd.host}` }).click()
  await expect(skiff.page.getByRole('tab')).toHaveCount(1)
  await expect(tab).toHaveCount(1)
  // Closing the last terminal leaves the file browser connected.
  await expect(skiff.remote.grid).toBeVisible()
  await skiff.remote.refresh()
  await expect(skiff.alert()).toHaveCount(0)
})

test('a flood of output stops at Ctrl+C and the window answers throughout', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await skiff.terminal.type('yes | head -c 500000000; echo flood-$((2+2))-done\n')
  // While it floods, the UI still answers: switch to the file tab and back.
  await skiff.page.getByRole('tab', { name: `${sshd.username}@${sshd.host}` }).first().click()
  await expect(skiff.remote.grid).toBeVisible()
  await skiff.page.getByRole('tab').last().click()
  await skiff.terminal.screen.click()
  await skiff.page.keyboard.press('Control+c')
  await skiff.terminal.type('echo after-$((40+2))\n')
  await skiff.terminal.expectText('after-42', 20_000)
  // Ctrl+C cut the pipeline short: the 500 MB (big enough that no machine draws it first) never finished.
  expect((await skiff.terminal.lines()).some((line) => line.includes('flood-4-done'))).toBe(false)
})

test('two terminals share the session: one SSH login; Ctrl+Shift+T, Ctrl+Tab and Ctrl+Shift+W', async ({ skiff, sshd }) => {
  const before = await logins(sshd)
  await connect(skiff, sshd)
  expect(await logins(sshd)).toBe(before + 1)
  await skiff.remote.grid.click()
  await skiff.page.keyboard.press('Control+Shift+T')
  await skiff.terminal.type('echo first-$((1+0))\n')
  await skiff.terminal.expectText('first-1')
  await skiff.page.keyboard.press('Control+Shift+T')
  await expect(skiff.page.getByRole('tab')).toHaveCount(3)
  await skiff.terminal.type('echo second-$((1+1))\n')
  await skiff.terminal.expectText('second-2')
  expect(await logins(sshd)).toBe(before + 1)

  // Ctrl+Tab wraps around to the file browser, then to the first terminal.
  await skiff.page.keyboard.press('Control+Tab')
  await expect(skiff.remote.grid).toBeVisible()
  await skiff.page.keyboard.press('Control+Tab')
  await skiff.terminal.expectText('first-1')

  // A program runs in it: closing asks first.
  await skiff.terminal.type('sleep 60\n')
  await skiff.page.keyboard.press('Control+Shift+W')
  const ask = skiff.page.getByRole('dialog', { name: 'Close terminal' })
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Close terminal' }).click()
  await expect(skiff.page.getByRole('tab')).toHaveCount(2)

  // The other one sits at its prompt: it closes at once, and the file browser shows again.
  await skiff.page.getByRole('tab').last().click()
  await skiff.terminal.expectText('second-2')
  await skiff.page.keyboard.press('Control+Shift+W')
  await expect(skiff.page.getByRole('tab')).toHaveCount(1)
  await expect(ask).toHaveCount(0)
  await expect(skiff.remote.grid).toBeVisible()
})

test('follow: cd the terminal to the pane folder, and show the terminal folder in the pane', async ({ skiff, sshd }) => {
  const paneFolder = await remoteFolder(sshd, "pane it's")
  const shellFolder = await remoteFolder(sshd, 'shell')
  await connect(skiff, sshd)
  await skiff.remote.goTo(paneFolder)
  await expect(skiff.remote.path).toHaveValue(paneFolder)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  // The prompt: `#` for root, `$` for anyone else.
  await skiff.terminal.expectText(/[#$]$/)
  await skiff.page.getByRole('button', { name: 'cd to pane folder' }).click()
  // Focus is back in the terminal: what is typed next goes to the shell, not to the button.
  await expect(skiff.page.locator('.terminal-view:not([hidden]) .xterm-helper-textarea')).toBeFocused()
  await skiff.page.keyboard.type('pwd')
  await skiff.page.keyboard.press('Enter')
  await skiff.terminal.expectText(new RegExp(`^${paneFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))

  await skiff.terminal.type(`cd ${shellFolder}\n`)
  await skiff.page.getByRole('button', { name: 'Show folder in pane' }).click()
  await expect(skiff.remote.grid).toBeVisible()
  await expect(skiff.remote.path).toHaveValue(shellFolder)
})

test('a dropped connection shows in the terminal, and Reconnect opens a new shell in the same folder', async ({ skiff, sshd }) => {
  const folder = await remoteFolder(sshd, 'again')
  const proxy = await startTcpProxy(sshd.port)
  try {
    await skiff.quickConnect({ host: sshd.host, port: proxy.port, user: sshd.username, keyFile: sshd.clientKeyPath })
    await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
    await skiff.remote.goTo(folder)
    await skiff.remote.grid.click({ button: 'right', position: { x: 40, y: 60 } })
    await skiff.page.getByRole('menuitem', { name: 'Open terminal here' }).click()
    await skiff.terminal.type('echo before-$((1+1))\n')
    await skiff.terminal.expectText('before-2')

    proxy.cutAll()
    const banner = skiff.page.locator('.terminal-view:not([hidden])').getByRole('status')
    await expect(banner).toContainText('[disconnected')
    await banner.getByRole('button', { name: 'Reconnect' }).click()
    await expect(banner).toHaveCount(0)
    await expect(skiff.page.locator('.terminal-view:not([hidden]) .xterm-helper-textarea')).toBeFocused()
    // The old text stays above; the new shell starts in the same folder.
    await skiff.terminal.expectText('before-2')
    await skiff.terminal.type('echo again-in-"$PWD"\n')
    await skiff.terminal.expectText(`again-in-${folder}`)
  } finally {
    await proxy.close()
  }
})

test('server output is untrusted: no clipboard reads, no window reports, the title stays text', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  // Had the terminal answered either request, the answer would have been typed into `read`.
  await skiff.terminal.type(`printf '\\033]52;c;?\\007\\033[21t\\033[14t'; read -t 2 -r got; echo "answer[$got]-$((5+5))"\n`)
  await skiff.terminal.expectText('answer[]-10')
  await skiff.terminal.type(`printf '\\033]0;<img src=x onerror=alert(1)>\\007'\n`)
  await expect(skiff.page.locator('.terminal-view:not([hidden]) .terminal-title')).toHaveText('<img src=x onerror=alert(1)>')
  await expect(skiff.page.locator('.terminal-view img')).toHaveCount(0)
})

test('a link opens only after a confirmation, and only http or https', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await skiff.terminal.type(`clear; echo http://127.0.0.1:9/skiff-link-$((2*3)); echo; echo http://127.0.0.1:9/second-$((2*4))\n`)
  await skiff.terminal.expectText('second-8')
  const link = skiff.terminal.screen.locator('.xterm-rows').getByText('http://127.0.0.1:9/skiff-link-6')
  const second = skiff.terminal.screen.locator('.xterm-rows').getByText('http://127.0.0.1:9/second-8')
  // The rows are drawn under the screen layer that takes the mouse (pointer-events: none, as
  // xterm.js styles them): the pointer goes where the text is drawn, as a person's would.
  await link.hover({ force: true })
  await link.click({ force: true })
  const confirm = skiff.page.getByRole('dialog', { name: 'Open link' })
  await expect(confirm).toContainText('http://127.0.0.1:9/skiff-link-6')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toHaveCount(0)

  await second.hover({ force: true })
  await second.click({ force: true })
  await expect(confirm).toContainText('http://127.0.0.1:9/second-8')
  // Answered here, so the opened page has something to show.
  await skiff.page.context().route('http://127.0.0.1:9/**', (route) => route.fulfill({ body: 'opened' }))
  const popup = skiff.page.waitForEvent('popup')
  await confirm.getByRole('button', { name: 'Open' }).click()
  const opened = await popup
  expect(opened.url()).toContain('127.0.0.1:9/second-8')
  await opened.close()
})

test('Ctrl+Shift+V and a right click paste; Ctrl+Shift+C copies the selection', async ({ skiff, sshd }) => {
  await skiff.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  // The prompt: `#` for root, `$` for anyone else.
  await skiff.terminal.expectText(/[#$]$/)
  await skiff.page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((3+4))'))
  await skiff.terminal.screen.click()
  await skiff.page.keyboard.press('Control+Shift+V')
  // Pasting reads the clipboard first: Enter only once the text is on the line.
  await skiff.terminal.expectText('echo pasted-$((3+4))')
  await skiff.page.keyboard.press('Enter')
  await skiff.terminal.expectText(/^pasted-7$/)
  await skiff.page.evaluate(() => navigator.clipboard.writeText('echo right-$((4+4))'))
  await skiff.terminal.screen.click({ button: 'right' })
  await skiff.terminal.expectText('echo right-$((4+4))')
  await skiff.page.keyboard.press('Enter')
  await skiff.terminal.expectText(/^right-8$/)

  await skiff.terminal.screen.locator('.xterm-rows').getByText('right-8', { exact: true }).dblclick({ force: true })
  await skiff.page.keyboard.press('Control+Shift+C')
  await expect.poll(() => skiff.page.evaluate(() => navigator.clipboard.readText())).toBe('right-8')
})

test('with the settings on, copy on select works and a server program may set the clipboard (OSC 52)', async ({ skiff, sshd }) => {
  const page = skiff.page
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('checkbox', { name: 'Copy on select' }).check()
  await settings.getByRole('checkbox', { name: 'Let programs on the server set the clipboard' }).check()
  await settings.getByRole('button', { name: 'Done' }).click()
  await connect(skiff, sshd)
  await page.getByRole('button', { name: 'Open terminal' }).click()

  await page.evaluate(() => navigator.clipboard.writeText('before'))
  await skiff.terminal.type(`printf '\\033]52;c;%s\\007' "$(printf 'set by %s' server | base64)"; echo osc-$((5*5))\n`)
  await skiff.terminal.expectText('osc-25')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('set by server')

  await skiff.terminal.type('echo selectme-$((9*9))\n')
  await skiff.terminal.screen.locator('.xterm-rows').getByText('selectme-81', { exact: true }).dblclick({ force: true })
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('selectme-81')
})

test('reloading the page takes the running terminals back, screen and shell as they were', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  // A program's question to the terminal (which terminal are you?), answered and read, is in the output the reload redraws.
  await skiff.terminal.type("export SKIFF_MARK=kept-$((3*3)); printf '\\033[c'; read -rs -t 5 -d c; echo before-reload-$((1+1))\n")
  await skiff.terminal.expectText(/^before-reload-2$/m)
  await skiff.page.reload()
  // The terminal tab comes back, shown as it was before the reload.
  const tab = skiff.page.getByRole('tab', { name: `❯ ${sshd.username}@${sshd.host}`, exact: true })
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  await skiff.enableScreenReaderMode()
  // The screen is redrawn from what the shell printed, and it is the same shell.
  await skiff.terminal.expectText(/^before-reload-2$/m)
  await skiff.terminal.type('echo "$SKIFF_MARK"\n')
  await skiff.terminal.expectText(/^kept-9$/m)
  // Its answer was not typed into the shell a second time.
  expect((await skiff.terminal.lines()).join('\n')).not.toMatch(/command not found|\d;\d+c/)
})

test('at the channel limit a transfer still gets its lane, says when it waits for one, and closing a connection with terminals asks first', async ({ skiff, skiffHost, sshd }) => {
  test.setTimeout(120_000)
  const page = skiff.page
  for (let i = 0; i < 20; i++) await writeFile(join(skiffHost.homeDir, `small-${i}.txt`), `${i}`)
  await writeFile(join(skiffHost.homeDir, 'later.txt'), 'later')
  const target = await remoteFolder(sshd, 'limit')
  await connect(skiff, sshd)
  await skiff.remote.goTo(target)
  await skiff.local.refresh()
  // The browsing channel and eight terminals: nine of the server's ten.
  for (let i = 1; i <= 8; i++) {
    await page.keyboard.press('Control+Shift+T')
    await expect(page.getByRole('tab')).toHaveCount(1 + i)
  }
  await page.getByRole('tab').first().click()
  await skiff.local.row('small-0.txt').click()
  await skiff.local.row('small-9.txt').click({ modifiers: ['Shift'] })
  await page.keyboard.press('F5')
  await skiff.transfers.waitFor('10 items', 'Done')

  // A ninth terminal takes the last channel: the next job waits, and says why.
  await page.keyboard.press('Control+Shift+T')
  await expect(page.getByRole('tab')).toHaveCount(10)
  await page.getByRole('tab').first().click()
  await skiff.local.row('later.txt').click()
  await page.keyboard.press('F5')
  await expect(skiff.transfers.item('later.txt')).toContainText('Waiting for a free channel')
  await keepScreenshot(skiff.transfers.region, 'waiting-for-channel')
  // Closing a terminal frees one (the server cannot be asked whether it is busy: no channel is free to ask on).
  await page.getByRole('tab').last().click()
  await page.keyboard.press('Control+Shift+W')
  const question = page.getByRole('dialog', { name: 'Close terminal' })
  await expect(question).toContainText('could not tell')
  await keepScreenshot(page, 'close-terminal-unknown')
  await question.getByRole('button', { name: 'Close terminal' }).click()
  await skiff.transfers.waitFor('later.txt', 'Done')
  expect(await readFile(join(target, 'later.txt'), 'utf8')).toBe('later')

  // Closing the connection would end its terminals: it asks first, and Cancel keeps everything.
  await page.getByRole('button', { name: `Close ${sshd.username}@${sshd.host}`, exact: true }).click()
  const closing = page.getByRole('alertdialog', { name: 'Close connection' })
  await expect(closing).toContainText('8 terminals')
  await keepScreenshot(page, 'close-connection')
  await closing.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('tab')).toHaveCount(9)
  expect(await readFile(sshd.logPath, 'utf8')).not.toContain('no more sessions')
})
