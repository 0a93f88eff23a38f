import { createHash } from 'node:crypto'
import type { HostKeyInfo } from '../../shared/models/session'

// Longest real names are certificate types such as `sk-ecdsa-sha2-nistp256-cert-v01@openssh.com`;
// anything far longer is not a key type but a corrupt length field.
const maxTypeLength = 64
const printableAscii = /^[\x21-\x7e]+$/

/**
 * The key type written inside an SSH public key blob (its first wire string), e.g.
 * `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`. An RSA key reads `ssh-rsa` even when the
 * server signs with `rsa-sha2-256/512`, which name signature algorithms, not key types.
 * Throws an Error when the blob is not a key: too short, a length past its end, a type that
 * is not printable ASCII, or nothing after the type.
 */
export function readHostKeyType(blob: Buffer): string {
  if (blob.length < 4) throw new Error(`Host key blob is too short (${blob.length} bytes).`)
  const length = blob.readUInt32BE(0)
  if (length === 0 || length > maxTypeLength || 4 + length > blob.length) {
    throw new Error(`Host key blob has an invalid key type length (${length}).`)
  }
  const type = blob.toString('latin1', 4, 4 + length)
  if (!printableAscii.test(type)) throw new Error('Host key blob has a key type that is not printable ASCII.')
  if (4 + length === blob.length) throw new Error(`Host key blob of type ${type} holds no key.`)
  return type
}

/**
 * `SHA256:` and the unpadded base64 of sha256(blob): the form `ssh-keygen -l` prints and
 * people compare against what the server's administrator publishes.
 */
export function hostKeyFingerprint(blob: Buffer): string {
  const digest = createHash('sha256').update(blob).digest('base64')
  return `SHA256:${digest.replace(/=+$/, '')}`
}

/**
 * The type and fingerprint of a host key, as shown to people. Throws an Error on a malformed
 * blob (see {@link readHostKeyType}).
 */
export function describeHostKey(blob: Buffer): HostKeyInfo {
  return { type: readHostKeyType(blob), fingerprint: hostKeyFingerprint(blob) }
}
