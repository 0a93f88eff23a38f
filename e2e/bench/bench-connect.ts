// How the benchmarks' Skiff sides connect: ssh2 with a key, accepting only the sshd's own host key.
import { Client, type CipherAlgorithm } from 'ssh2'
import { tuneClientSocket } from '../../electron/ssh/coalesced-writes'

/** The sshd (or the latency proxy in front of it) to reach, and its one trusted host key. */
export interface PinnedServer {
  readonly host: string
  readonly port: number
  readonly username: string
  /** `ssh-ed25519 AAAA…`: the only host key accepted. */
  readonly hostKeyLine: string
}

/** Connects; `cipher` forces one (to match OpenSSH's tools), `onCipher` hears the one negotiated. */
export function connectPinned(server: PinnedServer, privateKey: Buffer, how: { readonly cipher?: CipherAlgorithm; readonly onCipher?: (cipher: string) => void } = {}): Promise<Client> {
  const pinned = Buffer.from(server.hostKeyLine.split(' ')[1] ?? '', 'base64')
  const client = new Client()
  return new Promise((resolve, reject) => {
    if (how.onCipher) client.on('handshake', (negotiated) => how.onCipher?.(negotiated.cs.cipher))
    client.once('ready', () => resolve(client))
    client.once('error', reject)
    client.connect({
      host: server.host,
      port: server.port,
      username: server.username,
      privateKey,
      hostVerifier: (key: Buffer) => key.equals(pinned),
      readyTimeout: 30_000,
      ...(how.cipher ? { algorithms: { cipher: [how.cipher] } } : {}),
    })
    // As the app's connections are.
    tuneClientSocket(client)
  })
}
