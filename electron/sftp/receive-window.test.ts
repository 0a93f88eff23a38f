import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SFTPWrapper } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { copyFile } from '../transfer/copy-file'
import { createLocalFs } from '../local/local-fs'
import { createSftpFs } from './sftp-fs'
import { openTestSftp, sha256File, writeRandomFile, type TestSftp } from '../transfer/transfer-test-kit'
import { transferWindowBytes, widenReceiveWindow } from './receive-window'

const windowOf = (sftp: SFTPWrapper) => (sftp as unknown as { incoming: { window: number } }).incoming.window

describe('widenReceiveWindow', () => {
  let sshd: SshdHandle
  let session: TestSftp

  beforeAll(async () => {
    sshd = await startSshd()
    session = await openTestSftp(sshd)
  })
  afterAll(async () => {
    session?.end()
    await sshd?.stop()
  })

  it('keeps a wide window open through a download, and the bytes arrive intact', async () => {
    expect(widenReceiveWindow(session.sftp)).toBe(true)
    expect(windowOf(session.sftp)).toBe(transferWindowBytes)
    const dir = await mkdtemp(join(tmpdir(), 'skiff-window-'))
    try {
      const size = 40 * 1024 * 1024
      const hash = await writeRandomFile(join(sshd.homeDir, 'wide.bin'), size)
      const remote = createSftpFs(session.sftp, { closed: session.closed })
      const target = join(dir, 'wide.bin')
      await copyFile({ source: remote, sourcePath: join(sshd.homeDir, 'wide.bin'), target: createLocalFs(), targetPath: target, partPath: `${target}.part`, size, fromOffset: 0 })
      expect(await sha256File(target)).toBe(hash)
      // ssh2 alone would have let it sink to 1–2 MiB; the top-up keeps at least half open.
      expect(windowOf(session.sftp)).toBeGreaterThanOrEqual(transferWindowBytes / 2)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('leaves a channel alone when ssh2 internals are not there', () => {
    expect(widenReceiveWindow({} as SFTPWrapper)).toBe(false)
  })
})
