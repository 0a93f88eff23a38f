import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { startSkiffServer } from './fixtures/skiff-server'
import { startSsh2Server } from './fixtures/ssh2-server'
import { startSshd, type SshdHandle } from './fixtures/sshd'
import { SkiffApp } from './pages/skiff-app'

const masterPassword = 'master-of-skiff-42'

/** Every byte of every file under `dir`, to search for secrets. */
async function everything(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n')
}

function profileDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Host profile' })
}

async function answerMaster(page: Page, isNew: boolean): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Master password' })
  await dialog.getByLabel('Master password', { exact: true }).fill(masterPassword)
  if (isNew) await dialog.getByLabel('Repeat master password').fill(masterPassword)
  await dialog.getByRole('button', { name: isNew ? 'Set master password' : 'Unlock' }).click()
  await expect(dialog).toHaveCount(0)
}

test('a profile remembers its password sealed: after a reload it connects without typing it', async ({ skiff, skiffHost }) => {
  const password = 'Sesame-0pen-Pa55'
  const server = await startSsh2Server({ password, folders: { '/home/test': [{ name: 'welcome.txt', size: 5 }] } })
  try {
    const page = skiff.page
    await page.getByRole('button', { name: 'New profile' }).click()
    const dialog = profileDialog(page)
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Fake server')
    await dialog.getByRole('textbox', { name: 'Host' }).fill(server.host)
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(server.port))
    await dialog.getByRole('textbox', { name: 'User' }).fill(server.username)
    await dialog.getByRole('textbox', { name: 'Password' }).fill(password)
    await dialog.getByRole('checkbox', { name: 'Remember password' }).check()
    await dialog.getByRole('textbox', { name: 'Folder', exact: true }).fill('Lab')
    await dialog.getByRole('button', { name: 'Save' }).click()
    // No keyring in browser mode: the first remembered password asks for a master password.
    await answerMaster(page, true)
    await expect(dialog).toHaveCount(0)
    const hosts = page.getByRole('list', { name: 'Saved hosts' })
    await expect(hosts.getByRole('listitem', { name: 'Fake server' })).toContainText('password remembered')

    await page.reload()
    const item = page.getByRole('list', { name: 'Saved hosts' }).getByRole('listitem', { name: 'Fake server' })
    await expect(item).toBeVisible()
    // Unlocked once per run: the reload is the same run, so nothing is asked.
    await item.dblclick()
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    await expect(skiff.remote.row('welcome.txt')).toBeVisible()
    expect(server.logins).toBe(1)

    const disk = await everything(skiffHost.dataDir)
    for (const secret of [password, masterPassword]) {
      expect(disk).not.toContain(secret)
      expect(disk).not.toContain(Buffer.from(secret).toString('base64'))
    }
  } finally {
    await server.close()
  }
})

/** Answers two `Unknown host key` questions in a row: the jump host's, then the target's. */
async function trustJumpThenTarget(skiff: SkiffApp, jump: SshdHandle, target: SshdHandle): Promise<void> {
  await expect(skiff.hostKeyDialog).toContainText(jump.hostKeyFingerprint)
  await skiff.hostKeyDialog.getByRole('button', { name: 'Trust once' }).click()
  // The next question may take the same place at once: wait for its fingerprint, not for a gap.
  await skiff.trustHostKey(target.hostKeyFingerprint, 'Trust once')
}

test('a remembered key passphrase is never written in clear, and the key profile connects to sshd', async ({ skiff, skiffHost, sshd }) => {
  const page = skiff.page
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = profileDialog(page)
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Test sshd')
  await dialog.getByRole('textbox', { name: 'Host' }).fill(sshd.host)
  await dialog.getByRole('textbox', { name: 'Port' }).fill(String(sshd.port))
  await dialog.getByRole('textbox', { name: 'User' }).fill(sshd.username)
  await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
  await dialog.getByRole('textbox', { name: 'Private key file' }).fill(sshd.encryptedClientKeyPath)
  await dialog.getByRole('textbox', { name: 'Key passphrase' }).fill(sshd.clientKeyPassphrase)
  await dialog.getByRole('checkbox', { name: 'Remember password' }).check()
  await dialog.getByRole('textbox', { name: 'Initial remote folder' }).fill('/')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await answerMaster(page, true)

  await page.getByRole('listitem', { name: 'Test sshd' }).getByRole('button', { name: 'Connect' }).click()
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue('/')
  const disk = await everything(skiffHost.dataDir)
  expect(disk).not.toContain(sshd.clientKeyPassphrase)
  expect(disk).not.toContain(Buffer.from(sshd.clientKeyPassphrase).toString('base64'))
})

test('profiles: validation, edit, duplicate, filter and delete with confirmation', async ({ skiff }) => {
  const page = skiff.page
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = profileDialog(page)
  await dialog.getByRole('textbox', { name: 'Port' }).fill('70000')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Name is required. Host is required. Port must be a whole number from 1 to 65535. User is required.')
  await dialog.getByRole('textbox', { name: 'Name' }).fill('alpha')
  await dialog.getByRole('textbox', { name: 'Host' }).fill('alpha.invalid')
  await dialog.getByRole('textbox', { name: 'Port' }).fill('2222')
  await dialog.getByRole('textbox', { name: 'User' }).fill('ann')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)

  const hosts = page.getByRole('list', { name: 'Saved hosts' })
  await hosts.getByRole('button', { name: 'Edit alpha' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Port' })).toHaveValue('2222')
  await dialog.getByRole('textbox', { name: 'User' }).fill('bob')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(hosts.getByRole('listitem', { name: 'alpha' })).toContainText('bob@alpha.invalid:2222')

  await hosts.getByRole('button', { name: 'Duplicate alpha' }).click()
  await expect(hosts.getByRole('listitem')).toHaveCount(2)
  await page.getByRole('textbox', { name: 'Filter hosts' }).fill('copy')
  await expect(hosts.getByRole('listitem')).toHaveCount(1)
  await expect(hosts.getByRole('listitem', { name: 'alpha (copy)' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Filter hosts' }).fill('')

  await hosts.getByRole('button', { name: 'Delete alpha (copy)' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete profile' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(hosts.getByRole('listitem')).toHaveCount(1)
})

test('Save as profile after a quick connect keeps the host', async ({ skiff, sshd }) => {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  await skiff.page.getByRole('button', { name: 'Save as profile' }).click()
  const dialog = profileDialog(skiff.page)
  await expect(dialog.getByRole('textbox', { name: 'Private key file' })).toHaveValue(sshd.clientKeyPath)
  await dialog.getByRole('textbox', { name: 'Name' }).fill('from quick connect')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await skiff.page.getByRole('button', { name: '+ Saved hosts' }).click()
  await expect(skiff.page.getByRole('listitem', { name: 'from quick connect' })).toContainText(`${sshd.username}@${sshd.host}:${sshd.port}`)
})

test('a damaged profiles.json is kept aside and reported, never silently replaced', async ({ page }) => {
  const server = await startSkiffServer({ seed: (dataDir) => writeFile(join(dataDir, 'profiles.json'), '{ "version": 1, "profiles": [ tru') })
  try {
    await page.goto(server.url)
    const skiff = new SkiffApp(page)
    await expect(skiff.alert()).toContainText('could not read its host profiles')
    await expect(skiff.alert()).toContainText('profiles.json.corrupt-')
    const names = await readdir(server.dataDir)
    expect(names.some((name) => name.startsWith('profiles.json.corrupt-'))).toBe(true)
    expect(await readFile(join(server.dataDir, names.find((name) => name.startsWith('profiles.json.corrupt-'))!), 'utf8')).toContain('tru')
  } finally {
    await server.stop()
  }
})

test('a profile connects through a jump host: each hop verified, the chain in the status bar', async ({ skiff, sshd }) => {
  const inner = await startSshd()
  try {
    await writeFile(join(inner.homeDir, 'behind-the-bastion.txt'), 'x')
    const page = skiff.page
    const dialog = profileDialog(page)
    const create = async (name: string, server: SshdHandle, jump?: string) => {
      await page.getByRole('button', { name: 'New profile' }).click()
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
      await dialog.getByRole('textbox', { name: 'Host' }).fill(server.host)
      await dialog.getByRole('textbox', { name: 'Port' }).fill(String(server.port))
      await dialog.getByRole('textbox', { name: 'User' }).fill(server.username)
      await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
      await dialog.getByRole('textbox', { name: 'Private key file' }).fill(server.clientKeyPath)
      if (jump) await dialog.getByRole('combobox', { name: 'Jump host' }).selectOption({ label: jump })
      await dialog.getByRole('button', { name: 'Save' }).click()
      await expect(dialog).toHaveCount(0)
    }
    await create('bastion', sshd)
    await create('inner', inner, 'bastion')

    await page.getByRole('listitem', { name: 'inner' }).dblclick()
    // The jump host first, then the server behind it: each its own key, each asked about.
    await trustJumpThenTarget(skiff, sshd, inner)
    await expect(skiff.remote.row('behind-the-bastion.txt')).toBeVisible()
    await expect(skiff.statusBar()).toContainText(`via ${sshd.username}@${sshd.host}:${sshd.port}`)
    await expect(skiff.statusBar()).toContainText(`${inner.username}@${inner.host}:${inner.port}`)
  } finally {
    await inner.stop()
  }
})

test('import from ~/.ssh/config: a preview first, then profiles; a ProxyJump alias connects through its jump host', async ({ skiff, skiffHost, sshd }) => {
  const inner = await startSshd()
  try {
    await writeFile(join(inner.homeDir, 'imported-and-jumped.txt'), 'x')
    await mkdir(join(skiffHost.homeDir, '.ssh'), { recursive: true })
    const config = [
      'Host *',
      `    User ${sshd.username}`,
      '    ServerAliveInterval 30',
      '',
      'Host bastion',
      `    HostName ${sshd.host}`,
      `    Port ${sshd.port}`,
      `    IdentityFile ${sshd.clientKeyPath}`,
      '',
      'Host inner',
      `    HostName ${inner.host}`,
      `    Port ${inner.port}`,
      `    IdentityFile ${inner.clientKeyPath}`,
      '    ProxyJump bastion',
      '',
      'Host web',
      '    HostName web.invalid',
      '    Port 2200',
      '',
    ].join('\n')
    await writeFile(join(skiffHost.homeDir, '.ssh', 'config'), config)

    const page = skiff.page
    await page.getByRole('button', { name: 'Import from ssh config' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import hosts' })
    await dialog.getByRole('button', { name: 'Preview' }).click()
    const preview = dialog.getByRole('list', { name: 'Import preview' })
    await expect(preview.getByRole('listitem')).toHaveCount(3)
    await expect(preview).toContainText(`bastion — new: ${sshd.username}@${sshd.host}:${sshd.port}`)
    await expect(preview).toContainText('via bastion')
    await expect(preview).toContainText(`web — new: ${sshd.username}@web.invalid:2200`)
    // Nothing is written before Import.
    await expect(page.getByRole('list', { name: 'Saved hosts' })).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Import 3' }).click()
    await expect(dialog).toHaveCount(0)
    const hosts = page.getByRole('list', { name: 'Saved hosts' })
    await expect(hosts.getByRole('listitem')).toHaveCount(3)

    // A second preview finds them up to date.
    await page.getByRole('button', { name: 'Import from ssh config' }).click()
    await dialog.getByRole('button', { name: 'Preview' }).click()
    await expect(preview).toContainText('web — skip: already up to date')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await hosts.getByRole('listitem', { name: 'inner' }).dblclick()
    await trustJumpThenTarget(skiff, sshd, inner)
    await expect(skiff.remote.row('imported-and-jumped.txt')).toBeVisible()
  } finally {
    await inner.stop()
  }
})

test('export JSON carries no secret; importing it brings the profiles back', async ({ skiff }) => {
  const page = skiff.page
  const password = 'Never-In-Export-9'
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = profileDialog(page)
  await dialog.getByRole('textbox', { name: 'Name' }).fill('exported')
  await dialog.getByRole('textbox', { name: 'Host' }).fill('exported.invalid')
  await dialog.getByRole('textbox', { name: 'User' }).fill('eve')
  await dialog.getByRole('textbox', { name: 'Password' }).fill(password)
  await dialog.getByRole('checkbox', { name: 'Remember password' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await answerMaster(page, true)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export JSON' }).click()
  const file = await (await download).path()
  const text = await readFile(file, 'utf8')
  expect(text).toContain('exported.invalid')
  expect(text).not.toContain(password)

  const hosts = page.getByRole('list', { name: 'Saved hosts' })
  await hosts.getByRole('button', { name: 'Delete exported' }).click()
  await page.getByRole('alertdialog', { name: 'Delete profile' }).getByRole('button', { name: 'Delete' }).click()
  await expect(hosts).toHaveCount(0)
  await page.getByLabel('Import JSON').setInputFiles(file)
  await expect(page.getByRole('listitem', { name: 'exported' })).toContainText('eve@exported.invalid')
  await expect(page.getByRole('listitem', { name: 'exported' })).not.toContainText('password remembered')
})

test('two windows: an edit shows in the other, and a stale edit is refused, not lost', async ({ skiff }) => {
  const page = skiff.page
  await page.getByRole('button', { name: 'New profile' }).click()
  const dialog = profileDialog(page)
  await dialog.getByRole('textbox', { name: 'Name' }).fill('shared')
  await dialog.getByRole('textbox', { name: 'Host' }).fill('shared.invalid')
  await dialog.getByRole('textbox', { name: 'User' }).fill('one')
  await dialog.getByRole('button', { name: 'Save' }).click()

  const other = await page.context().newPage()
  await other.goto(page.url())
  const otherHosts = other.getByRole('list', { name: 'Saved hosts' })
  await expect(otherHosts.getByRole('listitem', { name: 'shared' })).toContainText('one@shared.invalid')

  // Both open the editor on revision 1; the first window saves first.
  await other.getByRole('button', { name: 'Edit shared' }).click()
  await page.getByRole('button', { name: 'Edit shared' }).click()
  await dialog.getByRole('textbox', { name: 'User' }).fill('two')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(otherHosts.getByRole('listitem', { name: 'shared' })).toContainText('two@shared.invalid')

  const otherDialog = profileDialog(other)
  await otherDialog.getByRole('textbox', { name: 'Port' }).fill('2022')
  await otherDialog.getByRole('button', { name: 'Save' }).click()
  await expect(otherDialog.getByRole('alert')).toContainText('changed in another window')
  await expect(page.getByRole('listitem', { name: 'shared' })).toContainText('two@shared.invalid')
  await other.close()
})

test('dragging a profile onto a folder files it there', async ({ skiff }) => {
  const page = skiff.page
  const dialog = profileDialog(page)
  for (const [name, folder] of [['in-work', 'Work'], ['loose', '']] as const) {
    await page.getByRole('button', { name: 'New profile' }).click()
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: 'Host' }).fill(`${name}.invalid`)
    await dialog.getByRole('textbox', { name: 'User' }).fill('u')
    await dialog.getByRole('textbox', { name: 'Folder', exact: true }).fill(folder)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toHaveCount(0)
  }
  const work = page.getByRole('group', { name: 'Work' })
  await expect(work.getByRole('listitem')).toHaveCount(1)
  await page.getByRole('listitem', { name: 'loose' }).dragTo(work)
  await expect(work.getByRole('listitem')).toHaveCount(2)
  await expect(work.getByRole('listitem', { name: 'loose' })).toBeVisible()
})

test('the keyboard walks the saved hosts; Enter connects, F2 edits', async ({ skiff, sshd }) => {
  const page = skiff.page
  const dialog = profileDialog(page)
  for (const [name, port] of [['first', 2201], ['second', sshd.port]] as const) {
    await page.getByRole('button', { name: 'New profile' }).click()
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: 'Host' }).fill(sshd.host)
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(port))
    await dialog.getByRole('textbox', { name: 'User' }).fill(sshd.username)
    await dialog.getByRole('combobox', { name: 'Login with' }).selectOption('key')
    await dialog.getByRole('textbox', { name: 'Private key file' }).fill(sshd.clientKeyPath)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toHaveCount(0)
  }
  const first = page.getByRole('listitem', { name: 'first' })
  const second = page.getByRole('listitem', { name: 'second' })
  await first.focus()
  await page.keyboard.press('ArrowDown')
  await expect(second).toBeFocused()
  await page.keyboard.press('F2')
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('second')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await second.focus()
  await page.keyboard.press('Enter')
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
})

test('a profile that remembers no password asks for it when it connects, as ssh does', async ({ skiff }) => {
  const server = await startSsh2Server({ password: 'open sesame', folders: { '/home/test': [{ name: 'welcome.txt', size: 5 }] } })
  try {
    const page = skiff.page
    await page.getByRole('button', { name: 'New profile' }).click()
    const dialog = profileDialog(page)
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Asks')
    await dialog.getByRole('textbox', { name: 'Host' }).fill(server.host)
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(server.port))
    await dialog.getByRole('textbox', { name: 'User' }).fill(server.username)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('list', { name: 'Saved hosts' }).getByRole('listitem', { name: 'Asks' }).dblclick()
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    const asked = page.getByRole('dialog', { name: 'Password' })
    await asked.getByLabel(`Password for test@${server.host}:${server.port}:`).fill('open sesame')
    await asked.getByRole('button', { name: 'OK' }).click()
    await expect(skiff.remote.row('welcome.txt')).toBeVisible()
    await expect(skiff.alert()).toHaveCount(0)
  } finally {
    await server.close()
  }
})
