// Shared by the transfer tests: an SFTP connection to the sshd fixture, and files to copy.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { Client, type SFTPWrapper } from 'ssh2'
import { startSshd, type SshdHandle, type SshdOptions } from '../../e2e/fixtures/sshd'
import { ConnectionChannels } from '../ssh/connection-channels'
import type { ExecResult } from '../ssh/remote-exec'

/** An SFTP session on the fixture, its `closed` signal, and its end. */
export interface TestSftp {
  readonly sftp: SFTPWrapper
  readonly closed: AbortSignal
  /** Runs a command on the server, as a transfer's checksums do. */
  exec(command: string): Promise<ExecResult>
  /** The connection's channels, within the server's limit (the SFTP session above is one of them). */
  readonly channels: ConnectionChannels
  end(): void
}

/** Connects to `port` (the fixture's, or a proxy's) with the fixture's key, pinned to its host key. */
export async function openTestSftp(sshd: SshdHandle, port = sshd.port): Promise<TestSftp> {
  const client = new Client()
  const closed = new AbortController()
  const hostKey = Buffer.from(sshd.hostKeyLine.split(' ')[1] ?? '', 'base64')
  client.on('close', () => closed.abort('closed'))
  client.on('error', () => undefined)
  const privateKey = await readFile(sshd.clientKeyPath)
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject)
    client.connect({
      host: sshd.host,
      port,
      username: sshd.username,
      privateKey,
      hostVerifier: (key: Buffer) => key.equals(hostKey),
      keepaliveInterval: 500,
      keepaliveCountMax: 2,
    })
  })
  const channels = new ConnectionChannels(client, closed.signal)
  const sftp = await channels.sftp('interactive')
  return { sftp, closed: closed.signal, channels, exec: (command) => channels.exec(command, 'transfer'), end: () => client.end() }
}

/** Writes `size` pseudo-random bytes to `path`; returns their SHA-256. */
export async function writeRandomFile(path: string, size: number): Promise<string> {
  const data = randomBytes(size)
  await writeFile(path, data)
  return sha256(data)
}

/** SHA-256 of bytes, hex. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path))
}

/** What {@link useSshdFolder} holds for the tests of one describe block. */
export interface SshdFolder {
  readonly sshd: SshdHandle
  readonly session: TestSftp
  /** A fresh folder on the server, removed after the block. */
  readonly dir: string
}

/** A real sshd, an SFTP session to it and a folder of the block's own on it, for one describe block. */
export function useSshdFolder(label: string, options?: SshdOptions): SshdFolder {
  let sshd: SshdHandle | undefined
  let session: TestSftp | undefined
  let dir = ''
  beforeAll(async () => {
    sshd = await startSshd(options)
    session = await openTestSftp(sshd)
    dir = await mkdtemp(join(sshd.homeDir, `${label}-`))
  })
  afterAll(async () => {
    session?.end()
    if (dir) await rm(dir, { recursive: true, force: true })
    await sshd?.stop()
  })
  return {
    get sshd() {
      return sshd!
    },
    get session() {
      return session!
    },
    get dir() {
      return dir
    },
  }
}
