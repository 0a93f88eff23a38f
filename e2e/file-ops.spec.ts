import { lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { connect, remoteFolder } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import type { PaneView, SkiffApp } from './pages/skiff-app'
import type { SshdHandle } from './fixtures/sshd'

// The file commands (WinSCP's keys) in both panes, checked on disk: bytes, modes, links.
// Every recursive one is walked with links kept as entries: what a link points to is never touched.

type Side = 'Local' | 'Remote'

/** A fresh folder on the side's disk, shown in its pane. */
async function openFolder(skiff: SkiffApp, sshd: SshdHandle, home: string, side: Side, label: string): Promise<{ pane: PaneView; folder: string }> {
  await connect(skiff, sshd)
  const folder = side === 'Remote' ? await remoteFolder(sshd, label) : join(home, `${label}-${test.info().testId}`)
  await mkdir(folder, { recursive: true })
  const pane = side === 'Remote' ? skiff.remote : skiff.local
  await pane.goTo(folder)
  return { pane, folder }
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o7777
}

function dialog(page: Page, name: string, role: 'dialog' | 'alertdialog' = 'dialog') {
  return page.getByRole(role, { name })
}

for (const side of ['Local', 'Remote'] as const) {
  test.describe(`${side} pane`, () => {
    test(`F7 makes a folder and selects it; a name that cannot be is refused with the reason (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'newfolder')
      await pane.grid.focus()
      await skiff.page.keyboard.press('F7')
      const newFolder = dialog(skiff.page, 'New folder')
      const name = newFolder.getByRole('textbox', { name: 'Name' })
      for (const [bad, reason] of [['..', 'means the folder itself or the one above'], ['a/b', 'cannot contain "/"']] as const) {
        await name.fill(bad)
        await expect(newFolder.getByRole('alert')).toContainText(reason)
        await expect(newFolder.getByRole('button', { name: 'Create' })).toBeDisabled()
      }
      await name.fill('-rf Grüße')
      await keepScreenshot(skiff.page, `new-folder-${side.toLowerCase()}`)
      await name.press('Enter')
      await expect(newFolder).toBeHidden()
      await expect(pane.row('-rf Grüße')).toHaveAttribute('aria-selected', 'true')
      expect((await stat(join(folder, '-rf Grüße'))).isDirectory()).toBe(true)

      // A taken name: the dialog says so and nothing changes.
      await skiff.page.keyboard.press('F7')
      await name.fill('-rf Grüße')
      await name.press('Enter')
      await expect(newFolder.getByRole('alert')).toContainText('taken')
      await newFolder.getByRole('button', { name: 'Cancel' }).click()
      expect(await readdir(folder)).toEqual(['-rf Grüße'])
    })

    test(`Shift+F4 makes an empty file, F2 renames it in place, Escape cancels, and a taken name asks (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'rename')
      await writeFile(join(folder, 'site.conf'), 'old config')
      await pane.refresh()
      await pane.grid.focus()
      await skiff.page.keyboard.press('Shift+F4')
      const newFile = dialog(skiff.page, 'New file')
      await newFile.getByRole('textbox', { name: 'Name' }).fill('notes.txt')
      await newFile.getByRole('button', { name: 'Create' }).click()
      await expect(pane.row('notes.txt')).toHaveAttribute('aria-selected', 'true')
      expect((await stat(join(folder, 'notes.txt'))).size).toBe(0)

      await skiff.page.keyboard.press('F2')
      const box = pane.grid.getByRole('textbox', { name: 'Name' })
      await expect(box).toHaveValue('notes.txt')
      // The name without its extension is selected, ready to type over.
      expect(await box.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, 5])
      await keepScreenshot(skiff.page, `rename-${side.toLowerCase()}`)
      await skiff.page.keyboard.type('draft')
      await skiff.page.keyboard.press('Escape')
      await expect(box).toBeHidden()
      expect(await readdir(folder)).toContain('notes.txt')

      await skiff.page.keyboard.press('F2')
      await skiff.page.keyboard.type('journal')
      await skiff.page.keyboard.press('Enter')
      await expect(pane.row('journal.txt')).toBeVisible()
      expect((await readdir(folder)).sort()).toEqual(['journal.txt', 'site.conf'])

      // Onto a taken name: asked first, then replaced in one step.
      await writeFile(join(folder, 'journal.txt'), 'new config')
      await skiff.page.keyboard.press('F2')
      await skiff.page.keyboard.press('Control+a')
      await skiff.page.keyboard.type('site.conf')
      await skiff.page.keyboard.press('Enter')
      const replace = dialog(skiff.page, 'Replace', 'alertdialog')
      await expect(replace).toContainText('"site.conf" already exists')
      await replace.getByRole('button', { name: 'Replace' }).click()
      await expect(pane.row('journal.txt')).toHaveCount(0)
      expect(await readdir(folder)).toEqual(['site.conf'])
      expect(await readFile(join(folder, 'site.conf'), 'utf8')).toBe('new config')
    })

    test(`Delete asks what goes and whether it can be undone; a folder with a link to the outside goes, the outside stays (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'delete')
      const outside = join(folder, '..', `outside-${test.info().testId}`)
      await mkdir(outside, { recursive: true })
      await writeFile(join(outside, 'precious.db'), 'do not lose', { mode: 0o600 })
      await mkdir(join(folder, 'site-old', 'assets'), { recursive: true })
      await writeFile(join(folder, 'site-old', 'index.html'), '<p>')
      await writeFile(join(folder, 'site-old', 'assets', 'app.js'), '1')
      await symlink(outside, join(folder, 'site-old', 'data'))
      await writeFile(join(folder, 'notes.txt'), 'notes')
      await writeFile(join(folder, 'two\nlines.txt'), 'odd')
      await pane.refresh()

      await pane.row('notes.txt').click()
      await skiff.page.keyboard.press('F8')
      const confirm = dialog(skiff.page, 'Delete', 'alertdialog')
      await expect(confirm).toContainText('Delete "notes.txt"?')
      await expect(confirm).toContainText(side === 'Remote' ? 'deleted on the server. This cannot be undone' : 'There is no trash here (browser mode)')
      await confirm.getByRole('button', { name: 'Cancel' }).click()
      expect(await readdir(folder)).toContain('notes.txt')

      await pane.row('site-old').click({ modifiers: ['Control'] })
      await pane.row('two\\nlines.txt').click({ modifiers: ['Control'] })
      await skiff.page.keyboard.press('Delete')
      await expect(confirm).toContainText('Delete 3 items (1 folder, 4 files inside)?')
      await keepScreenshot(skiff.page, `delete-${side.toLowerCase()}`)
      await confirm.getByRole('button', { name: 'Delete' }).click()
      await skiff.transfers.waitFor('Delete 3 items', 'Done')
      await expect(pane.row('site-old')).toHaveCount(0)
      expect(await readdir(folder)).toEqual([])
      expect(await readFile(join(outside, 'precious.db'), 'utf8')).toBe('do not lose')
      expect(await modeOf(join(outside, 'precious.db'))).toBe(0o600)
    })

    test(`F9 shows properties and changes permissions, recursively, never through a link (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'props')
      const outside = join(folder, '..', `outside-${test.info().testId}`)
      await mkdir(outside, { recursive: true })
      await writeFile(join(outside, 'secret.key'), 'k', { mode: 0o600 })
      await writeFile(join(folder, 'deploy.sh'), '#!/bin/sh\n', { mode: 0o644 })
      await mkdir(join(folder, 'www', 'css'), { recursive: true, mode: 0o700 })
      await writeFile(join(folder, 'www', 'index.html'), '<p>', { mode: 0o600 })
      await writeFile(join(folder, 'www', 'css', 'site.css'), 'p{}', { mode: 0o600 })
      await symlink(join(outside, 'secret.key'), join(folder, 'www', 'key'))
      await pane.refresh()

      await pane.row('deploy.sh').click()
      await skiff.page.keyboard.press('F9')
      const props = dialog(skiff.page, 'Properties')
      const octal = props.getByRole('textbox', { name: 'Octal' })
      await expect(octal).toHaveValue('0644')
      await props.getByRole('checkbox', { name: 'Owner execute' }).check()
      await expect(octal).toHaveValue('0744')
      await octal.fill('0750')
      await expect(props.getByRole('checkbox', { name: 'Group execute' })).toBeChecked()
      await expect(props.getByRole('checkbox', { name: 'Others read' })).not.toBeChecked()
      await keepScreenshot(skiff.page, `properties-${side.toLowerCase()}`)
      await props.getByRole('button', { name: 'OK' }).click()
      await expect.poll(() => modeOf(join(folder, 'deploy.sh'))).toBe(0o750)

      await pane.row('www').click()
      await skiff.page.keyboard.press('Alt+Enter')
      await props.getByRole('button', { name: 'Calculate' }).click()
      await expect(props).toContainText('2 files')
      // WinSCP's way: the files' mode for everything, and folders get x wherever they get r.
      await props.getByRole('textbox', { name: 'Octal' }).fill('0644')
      await props.getByRole('checkbox', { name: 'Apply to subfolders' }).check()
      await expect(props.getByRole('checkbox', { name: 'Add X to folders' })).toBeChecked()
      await props.getByRole('button', { name: 'OK' }).click()
      await skiff.transfers.waitFor('Permissions www', 'Done')
      expect(await modeOf(join(folder, 'www', 'css', 'site.css'))).toBe(0o644)
      expect(await modeOf(join(folder, 'www', 'index.html'))).toBe(0o644)
      expect(await modeOf(join(folder, 'www', 'css'))).toBe(0o755)
      expect(await modeOf(join(outside, 'secret.key'))).toBe(0o600)
      expect(await readlink(join(folder, 'www', 'key'))).toBe(join(outside, 'secret.key'))

      // Two entries that disagree: the boxes where they differ are mixed, and are left as each has them.
      await pane.row('deploy.sh').click()
      await pane.row('www').click({ modifiers: ['Control'] })
      await skiff.page.keyboard.press('F9')
      await expect(props.getByRole('checkbox', { name: 'Owner read' })).toBeChecked()
      await expect(props.getByRole('checkbox', { name: 'Others read' })).toHaveAttribute('aria-checked', 'mixed')
      await expect(octal).toHaveValue('')
      await keepScreenshot(skiff.page, `properties-mixed-${side.toLowerCase()}`)
      await props.getByRole('checkbox', { name: 'Others write' }).check()
      await props.getByRole('button', { name: 'OK' }).click()
      await skiff.transfers.waitFor('Permissions 2 items', 'Done')
      expect(await modeOf(join(folder, 'deploy.sh'))).toBe(0o752)
      expect(await modeOf(join(folder, 'www'))).toBe(0o757)
    })

    test(`Alt+F6 makes a link, Shift+F5 duplicates, Ctrl+Alt+C copies the path (${side})`, async ({ skiff, skiffHost, sshd }) => {
      await skiff.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'links')
      await writeFile(join(folder, 'release-2.4.tar.gz'), Buffer.alloc(300_000, 7), { mode: 0o640 })
      await pane.refresh()
      await pane.row('release-2.4.tar.gz').click()

      await skiff.page.keyboard.press('Alt+F6')
      const newLink = dialog(skiff.page, 'New link')
      await expect(newLink.getByRole('textbox', { name: 'Points to' })).toHaveValue(join(folder, 'release-2.4.tar.gz'))
      await newLink.getByRole('textbox', { name: 'Link name' }).fill('latest.tar.gz')
      await newLink.getByRole('textbox', { name: 'Points to' }).fill('release-2.4.tar.gz')
      await keepScreenshot(skiff.page, `new-link-${side.toLowerCase()}`)
      await newLink.getByRole('button', { name: 'Create' }).click()
      await expect(pane.row('latest.tar.gz')).toBeVisible()
      expect(await readlink(join(folder, 'latest.tar.gz'))).toBe('release-2.4.tar.gz')

      await pane.row('release-2.4.tar.gz').click()
      await skiff.page.keyboard.press('Shift+F5')
      const duplicate = dialog(skiff.page, 'Duplicate')
      await expect(duplicate.getByRole('textbox', { name: 'Name' })).toHaveValue('release-2.4.tar copy.gz')
      await duplicate.getByRole('textbox', { name: 'Name' }).fill('release-2.4 (old).tar.gz')
      await duplicate.getByRole('button', { name: 'Duplicate' }).click()
      await skiff.transfers.waitFor('Duplicate release-2.4.tar.gz', 'Done')
      expect(await readFile(join(folder, 'release-2.4 (old).tar.gz'))).toEqual(Buffer.alloc(300_000, 7))
      expect(await modeOf(join(folder, 'release-2.4 (old).tar.gz'))).toBe(0o640)
      expect((await lstat(join(folder, 'latest.tar.gz'))).isSymbolicLink()).toBe(true)

      await pane.row('release-2.4.tar.gz').click()
      await pane.row('latest.tar.gz').click({ modifiers: ['Control'] })
      await skiff.page.keyboard.press('Control+Alt+c')
      const prefix = side === 'Remote' ? `${sshd.username}@${sshd.host}:` : ''
      await expect
        .poll(() => skiff.page.evaluate(() => navigator.clipboard.readText()))
        .toBe([`${prefix}${join(folder, 'latest.tar.gz')}`, `${prefix}${join(folder, 'release-2.4.tar.gz')}`].sort().join('\n'))
    })

    test(`mistakes are refused where they are made, and nothing changes (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'mistakes')
      await mkdir(join(folder, 'tree'))
      await writeFile(join(folder, 'tree', 'inside.txt'), 'kept')
      await writeFile(join(folder, 'notes.txt'), 'notes', { mode: 0o640 })
      await writeFile(join(folder, 'notes copy.txt'), 'an older copy')
      await symlink('notes.txt', join(folder, 'notes link'))
      await pane.refresh()

      // A file renamed onto a folder: refused with the reason, never asked about, nothing lost.
      await pane.row('notes.txt').click()
      await skiff.page.keyboard.press('F2')
      await skiff.page.keyboard.press('Control+a')
      await skiff.page.keyboard.type('tree')
      await skiff.page.keyboard.press('Enter')
      await expect(skiff.page.getByRole('alert').filter({ hasText: 'never replaces a folder' })).toBeVisible()
      await expect(dialog(skiff.page, 'Replace', 'alertdialog')).toHaveCount(0)
      expect((await readdir(folder)).sort()).toEqual(['notes copy.txt', 'notes link', 'notes.txt', 'tree'])
      expect(await readdir(join(folder, 'tree'))).toEqual(['inside.txt'])

      // Duplicate offers a free name; a taken one is said in the dialog.
      await pane.row('notes.txt').click()
      await skiff.page.keyboard.press('Shift+F5')
      const duplicate = dialog(skiff.page, 'Duplicate')
      await expect(duplicate.getByRole('textbox', { name: 'Name' })).toHaveValue('notes copy 2.txt')
      await keepScreenshot(skiff.page, `duplicate-${side.toLowerCase()}`)
      await duplicate.getByRole('textbox', { name: 'Name' }).fill('notes copy.txt')
      await duplicate.getByRole('button', { name: 'Duplicate' }).click()
      await expect(duplicate.getByRole('alert')).toContainText('already there')
      await duplicate.getByRole('button', { name: 'Cancel' }).click()
      expect(await readFile(join(folder, 'notes copy.txt'), 'utf8')).toBe('an older copy')

      // An owner that is no name: refused in the dialog; one the host does not know: said there too.
      await skiff.page.keyboard.press('F9')
      const props = dialog(skiff.page, 'Properties')
      await props.getByRole('textbox', { name: 'Owner' }).fill('$(touch pwned)')
      await expect(props.getByRole('alert')).toContainText('is a name')
      await expect(props.getByRole('button', { name: 'OK' })).toBeDisabled()
      await props.getByRole('textbox', { name: 'Owner' }).fill('no-such-user-here')
      await props.getByRole('button', { name: 'OK' }).click()
      await expect(props.getByRole('alert')).toContainText('no-such-user-here')
      await keepScreenshot(skiff.page, `properties-unknown-owner-${side.toLowerCase()}`)
      // Escape leaves it, with nothing applied.
      await skiff.page.keyboard.press('Escape')
      await expect(props).toBeHidden()
      expect(await modeOf(join(folder, 'notes.txt'))).toBe(0o640)

      // A link has no permissions of its own: shown, not changeable.
      await pane.row('notes link').click()
      await skiff.page.keyboard.press('F9')
      await expect(props.getByRole('checkbox', { name: 'Owner read' })).toBeDisabled()
      await expect(props).toContainText('A link has no permissions of its own')
      await props.getByRole('button', { name: 'Cancel' }).click()

      await pane.row('tree').click()
      await skiff.page.keyboard.press('F9')
      await props.getByRole('button', { name: 'Calculate' }).click()
      await expect(props).toContainText('1 file')
      // Escape closes it even after the focused button went away (Calculate replaced by its result).
      await skiff.page.locator('body').focus()
      await skiff.page.keyboard.press('Escape')
      await expect(props).toBeHidden()
    })

    test(`the row menu and the pane's buttons offer the commands with their keys (${side})`, async ({ skiff, skiffHost, sshd }) => {
      const { pane, folder } = await openFolder(skiff, sshd, skiffHost.homeDir, side, 'menu')
      await writeFile(join(folder, 'a.txt'), 'a')
      await pane.refresh()
      await pane.row('a.txt').click({ button: 'right' })
      const menu = skiff.page.getByRole('menu', { name: `${side} file actions` })
      for (const [label, key] of [['Rename', 'F2'], ['Delete…', 'F8'], ['Properties…', 'F9'], ['Duplicate…', 'Shift+F5'], ['Copy path', 'Ctrl+Alt+C'], ['New folder…', 'F7'], ['New file…', 'Shift+F4'], ['New link…', 'Alt+F6']] as const) {
        await expect(menu.getByRole('menuitem', { name: label })).toContainText(key)
      }
      await keepScreenshot(skiff.page, `row-menu-${side.toLowerCase()}`)
      await menu.getByRole('menuitem', { name: 'Rename' }).click()
      await expect(pane.grid.getByRole('textbox', { name: 'Name' })).toHaveValue('a.txt')
      await skiff.page.keyboard.press('Escape')

      await pane.region.getByRole('button', { name: 'New folder' }).click()
      await dialog(skiff.page, 'New folder').getByRole('textbox', { name: 'Name' }).fill('made by button')
      await skiff.page.keyboard.press('Enter')
      await expect(pane.row('made by button')).toBeVisible()
      for (const name of ['Rename', 'Delete', 'Properties']) await expect(pane.region.getByRole('button', { name, exact: true })).toBeEnabled()
    })
  })
}
