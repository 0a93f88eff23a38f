import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import type { SshdHandle } from './fixtures/sshd'
import type { SkiffApp } from './pages/skiff-app'

/** A quick connect that expects no host key question (the key was trusted once already in this run). */
async function connectAgain(skiff: SkiffApp, sshd: SshdHandle): Promise<void> {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
}

/** Whether `inner` is drawn wholly inside `outer`, and clear of `other`. */
async function isInsideAndClear(inner: Locator, outer: Locator, other: Locator): Promise<boolean> {
  const [a, b, c] = await Promise.all([inner.boundingBox(), outer.boundingBox(), other.boundingBox()])
  if (!a || !b || !c) return false
  const inside = a.x >= b.x - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y >= b.y - 0.5 && a.y + a.height <= b.y + b.height + 0.5
  const clear = a.x + a.width <= c.x || a.x >= c.x + c.width
  return inside && clear
}

test('tabs say which server they are (terminals with ❯); two to one host are told apart; many tabs scroll, each one reachable with its buttons', async ({ skiff, sshd }) => {
  const page = skiff.page
  await page.setViewportSize({ width: 1000, height: 700 })
  const address = `${sshd.username}@${sshd.host}`
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  // Trusted once means for the rest of this run: the next connections do not ask.
  for (let i = 0; i < 3; i++) await connectAgain(skiff, sshd)
  await expect(skiff.hostKeyDialog).toHaveCount(0)
  const names = [address, `${address} (2)`, `${address} (3)`, `${address} (4)`]
  for (const name of names) await expect(page.getByRole('tab', { name, exact: true })).toHaveCount(1)

  // Two terminals on the last session: named after it, the second numbered.
  await page.getByRole('button', { name: 'Open terminal' }).click()
  await expect(page.getByRole('tab', { name: `❯ ${address} (4)`, exact: true })).toHaveCount(1)
  await page.getByRole('tab', { name: `${address} (4)`, exact: true }).click()
  await page.getByRole('button', { name: 'Open terminal' }).click()
  await expect(page.getByRole('tab')).toHaveCount(6)
  await expect(page.getByRole('tab', { name: `❯ ${address} (4) #2`, exact: true })).toHaveCount(1)

  const strip = page.getByRole('tablist', { name: 'Sessions' })
  const savedHosts = page.getByRole('button', { name: '+ Saved hosts' })
  await expect(savedHosts).toBeVisible()
  // Ctrl+Tab through every tab: the one shown is scrolled into the strip, its Close button with it.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Control+Tab')
    const active = page.locator('.session-tab.is-active')
    await expect.poll(() => isInsideAndClear(active.locator('button[aria-label^="Close"]'), strip, savedHosts)).toBe(true)
  }
  await keepScreenshot(page.locator('.top-bar'), 'tabs')
})

test('a session from a profile is named and coloured after it', async ({ skiff, sshd }) => {
  const page = skiff.page
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Host profile' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill('web1')
  await dialog.getByRole('textbox', { name: 'Host' }).fill(sshd.host)
  await dialog.getByRole('textbox', { name: 'Port' }).fill(String(sshd.port))
  await dialog.getByRole('textbox', { name: 'User' }).fill(sshd.username)
  await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
  await dialog.getByRole('textbox', { name: 'Private key file' }).fill(sshd.clientKeyPath)
  await dialog.getByRole('combobox', { name: 'Colour' }).selectOption('green')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('listitem', { name: 'web1' }).getByRole('button', { name: 'Connect' }).click()
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  const tab = page.getByRole('tab', { name: 'web1', exact: true })
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  await expect(tab).toHaveAttribute('title', new RegExp(`^web1 — ${sshd.username}@${sshd.host}:${sshd.port}$`))
  const colour = await page.locator('.session-tab.is-active').evaluate((element) => getComputedStyle(element).borderTopColor)
  expect(colour).toBe('rgb(47, 158, 91)')
  await page.getByRole('button', { name: 'Open terminal' }).click()
  await expect(page.getByRole('tab', { name: '❯ web1', exact: true })).toHaveAttribute('aria-selected', 'true')
})

// A file row's menu starts with the editor's commands, as WinSCP's does.
const editItems = [/^Edit\s*F4/, /^Edit with/, /^View/]

// A file row's menu after Upload or Download; browser mode has no trash, so no separate permanent delete.
const fileMenuItems = [
  /^Move to the other pane/,
  /^Move to a folder/,
  /^Rename/,
  /^Duplicate/,
  /^Delete/,
  /^Properties/,
  /^Copy path/,
  /^New folder/,
  /^New file/,
  /^New link/,
  /^Compare folders/,
  /^Synchronize/,
  /^Keep up to date/,
  /^Refresh/,
]

test('the row menu opens at the pointer, offers what fits the row, in both panes, and does not scroll the grid', async ({ skiff, skiffHost, sshd }) => {
  const page = skiff.page
  const folder = await remoteFolder(sshd, 'menu')
  for (let i = 0; i < 200; i++) await writeFile(join(folder, `file-${String(i).padStart(3, '0')}.txt`), 'x')
  await mkdir(join(folder, 'zz-folder'))
  await writeFile(join(skiffHost.homeDir, 'local.txt'), 'l')
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await skiff.remote.goTo(folder)

  // A file: no terminal there. Scrolled down first, so a jump back would show.
  await skiff.remote.grid.evaluate((grid) => grid.scrollTo({ top: 1500 }))
  const scrolled = await skiff.remote.grid.evaluate((grid) => grid.scrollTop)
  // A row in the middle of what is shown now.
  // The rows scrolled to are drawn on the next frame: ask until they are there.
  const middleName = () =>
    skiff.remote.grid.evaluate((grid) => {
      const middle = grid.getBoundingClientRect().top + grid.clientHeight / 2
      const rows = Array.from(grid.querySelectorAll<HTMLElement>('[data-index]'))
      const row = rows.find((candidate) => Math.abs(candidate.getBoundingClientRect().top - middle) < 30)
      return row?.querySelector('[role="gridcell"]')?.textContent ?? ''
    })
  await expect.poll(middleName).toMatch(/^file-\d+\.txt$/)
  const name = await middleName()
  const file = skiff.remote.row(name)
  const box = (await file.boundingBox())!
  await file.click({ button: 'right', position: { x: 30, y: box.height / 2 } })
  const menu = page.getByRole('menu', { name: 'Remote file actions' })
  await expect(menu).toBeVisible()
  const menuBox = (await menu.boundingBox())!
  expect(Math.abs(menuBox.x - (box.x + 30))).toBeLessThan(4)
  // Below the pointer, or above it where it would not fit below.
  const pointerY = box.y + box.height / 2
  expect(Math.min(Math.abs(menuBox.y - pointerY), Math.abs(menuBox.y + menuBox.height - pointerY))).toBeLessThan(4)
  await expect(menu.getByRole('menuitem')).toHaveText([...editItems, /^Download/, ...fileMenuItems])
  expect(await skiff.remote.grid.evaluate((grid) => grid.scrollTop)).toBe(scrolled)
  await keepScreenshot(page, 'row-menu')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)

  // A folder, from the keyboard's menu key: opens under the focused row, and offers a terminal there.
  // Folders sort first.
  await skiff.remote.grid.evaluate((grid) => grid.scrollTo({ top: 0 }))
  await skiff.remote.row('zz-folder').click()
  await page.keyboard.press('Shift+F10')
  await expect(menu.getByRole('menuitem', { name: 'Open terminal here' })).toBeVisible()
  const rowBox = (await skiff.remote.row('zz-folder').boundingBox())!
  const keyMenuBox = (await menu.boundingBox())!
  expect(keyMenuBox.y).toBeGreaterThanOrEqual(rowBox.y)
  expect(keyMenuBox.y).toBeLessThan(rowBox.y + rowBox.height + 200)
  await page.keyboard.press('Escape')

  // The local pane has one too.
  await skiff.local.refresh()
  await skiff.local.row('local.txt').click({ button: 'right' })
  await expect(page.getByRole('menu', { name: 'Local file actions' }).getByRole('menuitem')).toHaveText([...editItems, /^Upload\s*F5/, /^Upload to servers/, ...fileMenuItems])
})
