import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, skipElectronWithoutBinary, test } from './fixtures/test'
import { keepScreenshot } from './fixtures/screenshots'

skipElectronWithoutBinary()

const unicodeName = 'Grüße — 日本語 ✓.txt'

test('connects with a key, trusts the host key, browses and goes Up', async ({ skiff, skiffHost, sshd }) => {
  const folder = join(sshd.homeDir, `browse-${test.info().testId}`)
  await mkdir(join(folder, 'docs'), { recursive: true })
  await writeFile(join(folder, unicodeName), 'hello')
  await writeFile(join(folder, 'docs', 'inside.md'), '# inside')

  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await expect(skiff.hostKeyDialog).toContainText('ssh-ed25519')
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust and save')

  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  await skiff.remote.goTo(folder)
  await expect(skiff.remote.row(unicodeName)).toBeVisible()
  await skiff.remote.open('docs')
  await expect(skiff.remote.path).toHaveValue(join(folder, 'docs'))
  await expect(skiff.remote.row('inside.md')).toBeVisible()
  await skiff.remote.up()
  await expect(skiff.remote.path).toHaveValue(folder)
  await expect(skiff.remote.row(unicodeName)).toBeVisible()

  const knownHosts = await readFile(join(skiffHost.dataDir, 'known_hosts'), 'utf8')
  expect(knownHosts).toContain(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}`)

  // A second connection to the same server asks nothing.
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await expect(skiff.page.getByRole('tab')).toHaveCount(2)
  await expect(skiff.hostKeyDialog).toBeHidden()
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
})

test('a changed host key is refused; a reinstalled server\'s new key can be trusted after a confirmation that shows both', async ({ skiff, skiffHost, sshd }) => {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust and save')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  const oldFingerprint = sshd.hostKeyFingerprint
  const oldLine = sshd.hostKeyLine

  await sshd.rotateHostKey()
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.clientKeyPath })
  await expect(skiff.hostKeyChanged).toBeVisible()
  await expect(skiff.hostKeyChanged).toContainText(sshd.hostKeyFingerprint)
  await expect(skiff.hostKeyChanged).toContainText(oldFingerprint)
  await expect(skiff.hostKeyChanged).toContainText('man-in-the-middle')
  // Refusing is the default.
  await expect(skiff.hostKeyChanged.getByRole('button', { name: 'Close' })).toBeFocused()
  await keepScreenshot(skiff.page, 'host-key-changed')
  await expect(skiff.hostKeyDialog).toBeHidden()
  await expect(skiff.page.getByRole('tab')).toHaveCount(1)

  await skiff.hostKeyChanged.getByRole('button', { name: 'Remove old key and trust the new one…' }).click()
  const confirm = skiff.page.getByRole('alertdialog', { name: 'Trust the new host key?' })
  await expect(confirm).toContainText(oldFingerprint)
  await expect(confirm).toContainText(sshd.hostKeyFingerprint)
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await keepScreenshot(skiff.page, 'host-key-replace')
  await confirm.getByRole('button', { name: 'Trust the new key' }).click()
  await expect(skiff.page.getByRole('tab')).toHaveCount(2)
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
  const knownHosts = await readFile(join(skiffHost.dataDir, 'known_hosts'), 'utf8')
  expect(knownHosts).toContain(sshd.hostKeyLine)
  expect(knownHosts).not.toContain(oldLine)
})

test('a wrong password says Authentication failed', async ({ skiff, sshd }) => {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, password: 'not-the-password' })
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.alert()).toContainText('Authentication failed')
  // No stack trace: no `file:line:column` frames, no error class names.
  await expect(skiff.alert()).not.toContainText(/:\d+:\d+\)|node:internal|\w+Error\b/)
})

test('the local pane lists the home folder', async ({ skiff, skiffHost }) => {
  await writeFile(join(skiffHost.homeDir, 'notes from home.txt'), 'local')
  await mkdir(join(skiffHost.homeDir, 'Projects'))
  await skiff.local.refresh()
  await expect(skiff.local.row('notes from home.txt')).toBeVisible()
  await expect(skiff.local.row('Projects')).toBeVisible()
  await expect(skiff.local.path).toHaveValue(skiffHost.homeDir)
})
