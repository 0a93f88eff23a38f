import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import type { SkiffApp } from './pages/skiff-app'
import type { SshdHandle } from './fixtures/sshd'

async function connect(skiff: SkiffApp, sshd: SshdHandle): Promise<void> {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
}

/** A folder of this test's own on the server. */
async function remoteFolder(sshd: SshdHandle, label: string): Promise<string> {
  const folder = join(sshd.homeDir, `${label}-${test.info().testId}`)
  await mkdir(folder, { recursive: true })
  return folder
}

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
  await skiff.page.getByRole('button', { name: `Close terminal ${sshd.username}@${sshd.host}` }).click()
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
  await skiff.terminal.type('yes | head -c 50000000; echo flood-$((2+2))-done\n')
  // While it floods, the UI still answers: switch to the file tab and back.
  await skiff.page.getByRole('tab', { name: `${sshd.username}@${sshd.host}` }).first().click()
  await expect(skiff.remote.grid).toBeVisible()
  await skiff.page.getByRole('tab').last().click()
  await skiff.terminal.screen.click()
  await skiff.page.keyboard.press('Control+c')
  await skiff.terminal.type('echo after-$((40+2))\n')
  await skiff.terminal.expectText('after-42', 20_000)
  // Ctrl+C cut the pipeline short: the 50 MB never finished.
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

  // Its shell still runs: closing asks first.
  await skiff.page.keyboard.press('Control+Shift+W')
  const ask = skiff.page.getByRole('dialog', { name: 'Close terminal' })
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Close terminal' }).click()
  await expect(skiff.page.getByRole('tab')).toHaveCount(2)
})
