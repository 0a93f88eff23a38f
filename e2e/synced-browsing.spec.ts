import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'

// Synchronized browsing (Ctrl+Alt+B) against the real sshd: a folder entered or left in one pane
// is entered or left in the other, relative to where it was turned on.

test('entering and leaving folders in one pane does the same in the other, and it turns off when the other side has no such folder', async ({ skiff, sshd }) => {
  const localDir = await mkdtemp(join(tmpdir(), 'skiff-browse-'))
  const remoteDir = await remoteFolder(sshd, 'browse')
  for (const root of [localDir, remoteDir]) await mkdir(join(root, 'css', 'img'), { recursive: true })
  await mkdir(join(localDir, 'drafts'))
  await connect(skiff, sshd)
  await skiff.remote.goTo(remoteDir)
  await skiff.local.goTo(localDir)
  const toggle = skiff.page.getByRole('button', { name: 'Synchronized browsing' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')

  await skiff.local.grid.press('Control+Alt+b')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await skiff.local.open('css')
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', join(remoteDir, 'css'))
  await expect(skiff.local.grid).toHaveAttribute('data-folder', join(localDir, 'css'))
  // The other way round, from the server pane, two levels.
  await skiff.remote.open('img')
  await expect(skiff.local.grid).toHaveAttribute('data-folder', join(localDir, 'css', 'img'))
  await keepScreenshot(skiff.page, 'synced-browsing-on')
  await skiff.local.up()
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', join(remoteDir, 'css'))
  // Up lands on the folder left, on both sides.
  await expect(skiff.remote.row('img')).toHaveAttribute('aria-selected', 'true')
  await skiff.remote.grid.press('Backspace')
  await expect(skiff.local.grid).toHaveAttribute('data-folder', localDir)
  await expect(skiff.local.row('css')).toHaveAttribute('aria-selected', 'true')

  // The server has no drafts folder: the local pane goes there alone, and the toggle turns off, saying why.
  await skiff.local.open('drafts')
  await expect(skiff.alert()).toContainText(`Synchronized browsing is off: the server has no folder ${join(remoteDir, 'drafts')}.`)
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(skiff.alert()).toHaveCount(1)
  await expect(skiff.local.grid).toHaveAttribute('data-folder', join(localDir, 'drafts'))
  await keepScreenshot(skiff.page, 'synced-browsing-off')
  // Off means off: the server pane stays where it is.
  await skiff.local.up()
  await expect(skiff.local.grid).toHaveAttribute('data-folder', localDir)
  await expect(skiff.remote.grid).toHaveAttribute('data-folder', remoteDir)

  // On again, by the button; leaving the folder it started from turns it off.
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await skiff.remote.up()
  await expect(skiff.alert()).toContainText(`is outside ${remoteDir}, where it started`)
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(skiff.local.grid).toHaveAttribute('data-folder', localDir)
})
