import { expect, test } from './fixtures/test'
import { startSsh2Server, verificationCode } from './fixtures/ssh2-server'
import { freePort } from './fixtures/sshd'
import { keepScreenshot } from './fixtures/screenshots'

// Ways of logging in that the test sshd (no PAM) cannot offer come from an ssh2 server fixture.

test('keyboard-interactive questions are asked in a dialog and answered there', async ({ skiff }) => {
  const server = await startSsh2Server({
    keyboardInteractive: verificationCode('123456'),
    folders: { '/home/test': [{ name: 'inbox.txt', size: 12 }] },
  })
  try {
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    const question = skiff.page.getByRole('dialog').filter({ hasText: 'Verification code' })
    await expect(question).toBeVisible()
    await question.getByLabel('Verification code').fill('123456')
    await question.getByRole('button', { name: 'OK' }).click()
    await expect(skiff.remote.path).toHaveValue('/home/test')
    await expect(skiff.remote.row('inbox.txt')).toBeVisible()
    expect(server.logins).toBe(1)
  } finally {
    await server.close()
  }
})

test('a wrong one-time code fails with Authentication failed', async ({ skiff }) => {
  const server = await startSsh2Server({ keyboardInteractive: verificationCode('123456') })
  try {
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    const question = skiff.page.getByRole('dialog').filter({ hasText: 'Verification code' })
    await question.getByLabel('Verification code').fill('000000')
    await question.getByRole('button', { name: 'OK' }).click()
    await expect(skiff.alert()).toContainText('Authentication failed')
    expect(server.logins).toBe(0)
  } finally {
    await server.close()
  }
})

test('a password logs in', async ({ skiff }) => {
  const server = await startSsh2Server({ password: 'open sesame' })
  try {
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username, password: 'open sesame' })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    await expect(skiff.remote.path).toHaveValue('/home/test')
    await expect(skiff.statusBar()).toContainText(`Connected · test@${server.host}:${server.port}`)
  } finally {
    await server.close()
  }
})

test('with neither password nor key, a server that takes passwords gets one asked for, as ssh does, and a wrong one is asked again', async ({ skiff }) => {
  const server = await startSsh2Server({ password: 'open sesame' })
  try {
    await skiff.quickConnect({ host: server.host, port: server.port, user: server.username })
    await skiff.trustHostKey(server.hostKeyFingerprint, 'Trust once')
    const asked = skiff.page.getByRole('dialog', { name: 'Password' })
    await asked.getByLabel(`Password for test@${server.host}:${server.port}:`).fill('wrong')
    await asked.getByRole('button', { name: 'OK' }).click()
    await expect(asked).toContainText('That password was not accepted.')
    await keepScreenshot(skiff.page, 'password-asked')
    await asked.getByLabel(/Password for/).fill('open sesame')
    await asked.getByRole('button', { name: 'OK' }).click()
    await expect(skiff.remote.path).toHaveValue('/home/test')
    await expect(skiff.alert()).toHaveCount(0)
  } finally {
    await server.close()
  }
})

test('an encrypted key asks for its passphrase, and a wrong one says so', async ({ skiff, sshd }) => {
  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.encryptedClientKeyPath })
  const passphrase = skiff.page.getByRole('dialog', { name: 'Key passphrase' })
  await passphrase.getByLabel(/Passphrase for/).fill('not the passphrase')
  await passphrase.getByRole('button', { name: 'OK' }).click()
  await expect(skiff.alert()).toContainText('passphrase')
  await expect(skiff.alert()).toContainText('is wrong')

  await skiff.quickConnect({ host: sshd.host, port: sshd.port, user: sshd.username, keyFile: sshd.encryptedClientKeyPath })
  await passphrase.getByLabel(/Passphrase for/).fill(sshd.clientKeyPassphrase)
  await passphrase.getByRole('button', { name: 'OK' }).click()
  await skiff.trustHostKey(sshd.hostKeyFingerprint, 'Trust once')
  await expect(skiff.remote.path).toHaveValue(sshd.homeDir)
})

test('a refused port says so in plain words', async ({ skiff, sshd }) => {
  const port = await freePort()
  await skiff.quickConnect({ host: sshd.host, port, user: sshd.username, password: 'x' })
  await expect(skiff.alert()).toContainText(`Connection refused by ${sshd.username}@127.0.0.1:${port}`)
})
