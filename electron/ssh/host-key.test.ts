import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeHostKey, readHostKeyType } from './host-key'

const run = promisify(execFile)

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skiff-host-key-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A fresh key made by OpenSSH: the path of its .pub file and the blob inside it. */
async function keygen(name: string, type: string): Promise<{ pubPath: string; blob: Buffer }> {
  const path = join(dir, name)
  await run('ssh-keygen', ['-t', type, '-N', '', '-C', 'test', '-q', '-f', path])
  const [, base64] = (await readFile(`${path}.pub`, 'utf8')).split(' ')
  return { pubPath: `${path}.pub`, blob: Buffer.from(base64 ?? '', 'base64') }
}

/** Builds an SSH wire string: uint32 length, then the bytes. */
function wireString(bytes: Buffer | string): Buffer {
  const body = Buffer.from(bytes)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  return Buffer.concat([length, body])
}

describe('describeHostKey', () => {
  it.each([
    ['ed25519', 'ssh-ed25519'],
    ['rsa', 'ssh-rsa'],
    ['ecdsa', 'ecdsa-sha2-nistp256'],
  ])('reads the %s key type and prints the fingerprint ssh-keygen -l prints', async (keygenType, wireType) => {
    const { pubPath, blob } = await keygen(`key_${keygenType}`, keygenType)
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubPath])
    const printed = stdout.split(' ')[1]

    expect(describeHostKey(blob)).toEqual({ type: wireType, fingerprint: printed })
    expect(printed).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })

  it('refuses blobs that are not keys', () => {
    const malformed = [
      Buffer.alloc(0),
      Buffer.from([0, 0, 0]),
      Buffer.from([0, 0, 0, 0, 1]),
      Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ssh-ed25519')]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]),
      wireString('ssh-ed25519'),
      Buffer.concat([wireString('ssh ed25519'), wireString(Buffer.alloc(32))]),
      Buffer.concat([wireString('ssh-ed25519\n'), wireString(Buffer.alloc(32))]),
    ]
    for (const blob of malformed) expect(() => describeHostKey(blob)).toThrow(Error)
  })

  it('reports ssh-rsa as the type of an RSA key, not a signature algorithm', () => {
    const blob = Buffer.concat([wireString('ssh-rsa'), wireString(Buffer.from([1, 0, 1])), wireString(Buffer.alloc(257, 7))])

    expect(readHostKeyType(blob)).toBe('ssh-rsa')
  })
})
