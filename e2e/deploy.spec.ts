import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { connect } from './fixtures/sshd-session'
import { keepScreenshot } from './fixtures/screenshots'
import { startSshd, type SshdHandle } from './fixtures/sshd'
import { later, put } from './fixtures/timed-files'

// Synchronize `Also to…`: one upload synchronization previewed and run on three real sshds at
// once, one of them stopped.

/** A saved host for `sshd`, logging in with its key, made through the `Host profile` dialog. */
async function saveProfile(page: Page, name: string, sshd: SshdHandle): Promise<void> {
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Host profile' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
  await dialog.getByRole('textbox', { name: 'Host' }).fill(sshd.host)
  await dialog.getByRole('textbox', { name: 'Port' }).fill(String(sshd.port))
  await dialog.getByRole('textbox', { name: 'User' }).fill(sshd.username)
  await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
  await dialog.getByRole('textbox', { name: 'Private key file' }).fill(sshd.clientKeyPath)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
}

test('a synchronization sent Also to two more servers: each previewed, the stopped one reported, the others done, one line per server at the end', async ({ skiff, sshd }) => {
  const web2 = await startSshd()
  const web3 = await startSshd()
  try {
    const label = `deploy-${test.info().testId}`
    const localDir = await mkdtemp(join(tmpdir(), 'skiff-deploy-'))
    await put(localDir, 'index.html', '<h1>release 2</h1>', later(120))
    await put(localDir, 'css/site.css', 'body{}')
    await put(localDir, 'secret.env', 'not for servers')
    await put(join(sshd.homeDir, label), 'index.html', '<h1>release 1</h1>')
    await put(join(web2.homeDir, label), 'stale.html', 'only on web2')
    const { page, sync } = skiff
    await saveProfile(page, 'web2', web2)
    // A key that exists, so what fails is the connection: web3 is stopped before the preview.
    await saveProfile(page, 'web3', { ...web3, clientKeyPath: web2.clientKeyPath })
    await web3.stop()
    await connect(skiff, sshd)
    await skiff.local.goTo(localDir)
    await skiff.local.grid.focus()
    await page.keyboard.press('Control+s')
    await expect(sync.dialog).toBeVisible()
    await sync.field('Remote folder').fill(`~/${label}`)
    await sync.option('Delete extra files on the target').check()
    await sync.dialog.getByRole('button', { name: 'Also to…' }).click()
    const choices = sync.dialog.getByRole('group', { name: 'Also to' })
    await choices.getByRole('checkbox', { name: /^web2 / }).check()
    await choices.getByRole('checkbox', { name: /^web3 / }).check()
    await keepScreenshot(page, 'deploy-also-to')
    await choices.getByRole('button', { name: 'Done' }).click()
    await expect(sync.dialog).toContainText('and web2, web3')

    await sync.button('Preview').click()
    await skiff.trustHostKey(web2.hostKeyFingerprint, 'Trust once')
    const servers = sync.dialog.getByRole('list', { name: 'Also to servers' })
    await expect(servers.getByRole('listitem').filter({ hasText: 'web2' }).first()).toContainText('4 uploads', { timeout: 20_000 })
    await expect(servers.getByRole('listitem').filter({ hasText: 'web3' }).first()).toContainText('not synchronized')
    expect(await sync.actions()).toEqual(['Upload css', 'Upload css/site.css', 'Replace on server index.html', 'Upload secret.env'])
    // Unchecked once, left out everywhere.
    await sync.row('secret.env').getByRole('checkbox').click()
    const web2Line = servers.getByRole('listitem').filter({ hasText: 'web2' }).first()
    await expect(web2Line).toContainText('3 uploads')
    await expect(web2Line).toContainText('1 delete')
    await web2Line.getByText('What web2 deletes').click()
    await expect(web2Line).toContainText('stale.html')
    await keepScreenshot(page, 'deploy-preview')

    await sync.button('Start').click()
    await expect(sync.dialog).toBeHidden()
    const name = localDir.split('/').at(-1)!
    await skiff.transfers.waitFor(`Synchronize ${name} on ${sshd.username}@${sshd.host}`, 'Done')
    await skiff.transfers.waitFor(`Synchronize ${name} on web2`, 'Done')
    for (const home of [sshd.homeDir, web2.homeDir]) {
      expect((await readdir(join(home, label))).sort()).toEqual(['css', 'index.html'])
      await expect(readFile(join(home, label, 'index.html'), 'utf8')).resolves.toBe('<h1>release 2</h1>')
    }
    const summary = skiff.alert()
    await expect(summary).toContainText(`Synchronize ${name} on 3 servers`)
    await expect(summary).toContainText(`${sshd.username}@${sshd.host}: done`)
    await expect(summary).toContainText('web2: done')
    await expect(summary).toContainText('web3: not done')
    await expect(summary).not.toContainText('private key')
    await keepScreenshot(page, 'deploy-done')
  } finally {
    await web2.stop()
    await web3.stop()
  }
})

test('Upload to servers… sends a selection to several saved hosts at once: one job each, the stopped one reported', async ({ skiff, sshd }) => {
  const web2 = await startSshd()
  const web3 = await startSshd()
  try {
    const label = `up-${test.info().testId}`
    const localDir = await mkdtemp(join(tmpdir(), 'skiff-upload-many-'))
    await put(localDir, 'release.tar', 'the release')
    await put(localDir, 'notes.md', 'what changed')
    await put(localDir, 'keep-here.txt', 'not selected')
    const { page } = skiff
    await saveProfile(page, 'web1', sshd)
    await saveProfile(page, 'web2', web2)
    await saveProfile(page, 'web3', { ...web3, clientKeyPath: web2.clientKeyPath })
    await web3.stop()
    await skiff.local.goTo(localDir)
    await skiff.local.row('notes.md').click()
    await skiff.local.row('release.tar').click({ modifiers: ['Control'] })
    await skiff.local.row('release.tar').click({ button: 'right' })
    await page.getByRole('menu', { name: 'Local file actions' }).getByRole('menuitem', { name: 'Upload to servers…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Upload to servers' })
    await expect(dialog).toContainText('2 items')
    for (const name of ['web1', 'web2', 'web3']) await dialog.getByRole('group', { name: 'Servers' }).getByRole('checkbox', { name: new RegExp(`^${name} `) }).check()
    await dialog.getByRole('textbox', { name: 'Remote folder' }).fill(`~/${label}`)
    await keepScreenshot(page, 'upload-to-servers')
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click()
    // The two running servers' keys are new: each is asked about, in whichever order they come.
    for (let answered = 0; answered < 2; answered++) {
      await expect(skiff.hostKeyDialog).toBeVisible()
      const text = (await skiff.hostKeyDialog.textContent()) ?? ''
      expect(text.includes(sshd.hostKeyFingerprint) || text.includes(web2.hostKeyFingerprint)).toBe(true)
      await skiff.hostKeyDialog.getByRole('button', { name: 'Trust once' }).click()
    }
    await skiff.transfers.waitFor('2 items on web1', 'Done')
    await skiff.transfers.waitFor('2 items on web2', 'Done')
    for (const home of [sshd.homeDir, web2.homeDir]) {
      expect((await readdir(join(home, label))).sort()).toEqual(['notes.md', 'release.tar'])
      await expect(readFile(join(home, label, 'release.tar'), 'utf8')).resolves.toBe('the release')
    }
    const summary = skiff.alert()
    await expect(summary).toContainText('Upload 2 items on 3 servers')
    await expect(summary).toContainText('web1: done')
    await expect(summary).toContainText('web2: done')
    await expect(summary).toContainText('web3: not done')
    await keepScreenshot(page, 'upload-to-servers-done')
  } finally {
    await web2.stop()
    await web3.stop()
  }
})
