import { createHmac } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SkiffError } from '../../shared/models/errors'
import { readHostKeyType } from './host-key'
import { writeFileAtomic } from '../settings/atomic-file'

/** How a known_hosts line names its hosts: a hashed name, or comma-separated patterns. */
export type KnownHostNames =
  | { readonly kind: 'hashed'; readonly salt: Buffer; readonly hash: Buffer }
  | { readonly kind: 'patterns'; readonly patterns: readonly HostPattern[] }

/** One pattern of a known_hosts host field, lowercased; `*` and `?` are wildcards. */
export interface HostPattern {
  readonly isNegated: boolean
  readonly glob: string
}

/** One well-formed line of a known_hosts file (`man sshd`, SSH_KNOWN_HOSTS FILE FORMAT). */
export interface KnownHostEntry {
  /** `@revoked` or `@cert-authority` before the hosts; null on a plain key line. */
  readonly marker: 'revoked' | 'cert-authority' | null
  readonly names: KnownHostNames
  /** The type inside the blob: `ssh-rsa` for every RSA key, whatever the line's type field says. */
  readonly keyType: string
  readonly blob: Buffer
  readonly comment: string
}

/**
 * What known_hosts says about the key a server offered. `changed`: the host has keys of
 * this type and none is this one (refuse). `other-type`: the host is only known by keys of
 * other types (ask, with a warning). `knownTypes` lists the host's key types.
 */
export type HostKeyCheck =
  | { readonly status: 'known' }
  | { readonly status: 'revoked' }
  | { readonly status: 'changed'; readonly knownTypes: readonly string[]; readonly knownKeys: readonly Buffer[] }
  | { readonly status: 'other-type'; readonly knownTypes: readonly string[] }
  | { readonly status: 'unknown' }

const markers: Readonly<Record<string, KnownHostEntry['marker']>> = {
  '@revoked': 'revoked',
  '@cert-authority': 'cert-authority',
}
const hashMagic = '|1|'
// OpenSSH's hashed names use HMAC-SHA1: a 20-byte salt and a 20-byte digest.
const sha1Length = 20
const base64 = /^[A-Za-z0-9+/]+={0,2}$/
// Signature algorithm names some tools write in the type field of an RSA key line.
const rsaTypeNames = new Set(['ssh-rsa', 'rsa-sha2-256', 'rsa-sha2-512'])

/** Every well-formed entry of a known_hosts text. Comments, blank and malformed lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const entry = parseLine(line)
    if (entry) entries.push(entry)
  }
  return entries
}

function parseLine(line: string): KnownHostEntry | null {
  const fields = line.split(/[ \t]+/)
  const marker = fields[0]?.startsWith('@') ? markers[fields.shift() ?? ''] : null
  if (marker === undefined) return null
  const [hostField, typeField, keyField, ...comment] = fields
  if (!hostField || !typeField || !keyField || !base64.test(keyField)) return null
  const names = parseHostNames(hostField)
  const blob = Buffer.from(keyField, 'base64')
  const keyType = keyTypeOrNull(blob)
  if (!names || !keyType) return null
  // OpenSSH refuses a line whose type field contradicts its key, so Skiff does too.
  const isTypeConsistent = typeField === keyType || (keyType === 'ssh-rsa' && rsaTypeNames.has(typeField))
  if (!isTypeConsistent) return null
  return { marker, names, keyType, blob, comment: comment.join(' ') }
}

function keyTypeOrNull(blob: Buffer): string | null {
  try {
    return readHostKeyType(blob)
  } catch {
    return null
  }
}

function parseHostNames(field: string): KnownHostNames | null {
  if (!field.startsWith(hashMagic)) {
    const patterns = field.split(',').map((pattern) => {
      const isNegated = pattern.startsWith('!')
      return { isNegated, glob: (isNegated ? pattern.slice(1) : pattern).toLowerCase() }
    })
    return { kind: 'patterns', patterns }
  }
  const parts = field.slice(hashMagic.length).split('|')
  if (parts.length !== 2 || !parts.every((part) => base64.test(part))) return null
  const [salt, hash] = parts.map((part) => Buffer.from(part, 'base64'))
  if (salt?.length !== sha1Length || hash?.length !== sha1Length) return null
  return { kind: 'hashed', salt, hash }
}

/** The name OpenSSH looks a server up by: `host` on port 22, `[host]:port` on any other. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase()
  return port === 22 ? name : `[${name}]:${port}`
}

function namesMatch(names: KnownHostNames, name: string): boolean {
  if (names.kind === 'hashed') return createHmac('sha1', names.salt).update(name).digest().equals(names.hash)
  let isMatched = false
  for (const pattern of names.patterns) {
    if (!globMatches(pattern.glob, name)) continue
    // A matching negation excludes the line, whatever else on it matches.
    if (pattern.isNegated) return false
    isMatched = true
  }
  return isMatched
}

// `*` is any run of characters, `?` exactly one; everything else, brackets included, is
// literal, so `[*.lan]:2222` matches any .lan host on port 2222 as in OpenSSH.
function globMatches(glob: string, text: string): boolean {
  let g = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < text.length) {
    if (glob[g] === '*') {
      starAt = g++
      starText = t
    } else if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g++
      t++
    } else if (starAt >= 0) {
      g = starAt + 1
      t = ++starText
    } else {
      return false
    }
  }
  while (glob[g] === '*') g++
  return g === glob.length
}

/**
 * Looks up the key a server at `host`:`port` offered. A `@revoked` line with this key wins
 * over everything, whatever hosts it names: a revoked key is refused everywhere. Throws an
 * Error when `blob` is not a key.
 */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, blob: Buffer): HostKeyCheck {
  const keyType = readHostKeyType(blob)
  if (entries.some((entry) => entry.marker === 'revoked' && entry.blob.equals(blob))) return { status: 'revoked' }
  const name = knownHostsName(host, port)
  // @cert-authority lines vouch for host certificates, which Skiff does not verify yet, so
  // they neither admit a key nor count as the host being known.
  const forHost = entries.filter((entry) => entry.marker === null && namesMatch(entry.names, name))
  if (forHost.some((entry) => entry.blob.equals(blob))) return { status: 'known' }
  if (forHost.length === 0) return { status: 'unknown' }
  const knownTypes = [...new Set(forHost.map((entry) => entry.keyType))]
  if (!knownTypes.includes(keyType)) return { status: 'other-type', knownTypes }
  return { status: 'changed', knownTypes, knownKeys: forHost.filter((entry) => entry.keyType === keyType).map((entry) => entry.blob) }
}

// Characters that would turn a host name into a pattern, a marker, a hashed name or a
// second field, e.g. a host `*` would trust the key for every server.
const unsafeHostCharacters = /[\s\p{Cc},*?![\]#|@\\]/u

/**
 * One known_hosts line, without its newline: `host keytype base64`, with `[host]:port` when
 * the port is not 22. Throws INVALID_REQUEST for a host or port that cannot be written
 * safely, and an Error when `blob` is not a key.
 */
export function formatKnownHostsLine(host: string, port: number, blob: Buffer): string {
  if (host === '' || unsafeHostCharacters.test(host)) {
    throw new SkiffError('INVALID_REQUEST', `${JSON.stringify(host)} is not a host name that can be saved in known_hosts.`)
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SkiffError('INVALID_REQUEST', `${port} is not a TCP port.`)
  }
  return `${knownHostsName(host, port)} ${readHostKeyType(blob)} ${blob.toString('base64')}`
}

/** Where a {@link KnownHostsStore} reads and writes. */
export interface KnownHostsFiles {
  /** Files that are read but never written, e.g. `~/.ssh/known_hosts`. */
  readonly readOnlyPaths: readonly string[]
  /** Skiff's own file in the data directory: read too, and where trusted keys are appended. */
  readonly writablePath: string
  /** Told of a file that exists but cannot be read; it is skipped and the others still count. */
  readonly onUnreadable?: (path: string, error: unknown) => void
}

/**
 * The host keys Skiff knows, in OpenSSH's known_hosts files. Every check reads the files
 * afresh, so edits made outside Skiff count at once; a missing file is simply empty.
 */
export class KnownHostsStore {
  // Appends run one after another, so each sees the newline the previous one wrote and
  // two trusts never interleave.
  private appending: Promise<void> = Promise.resolve()

  constructor(private readonly files: KnownHostsFiles) {}

  /** What the files say about `blob` offered by `host`:`port`. */
  async check(host: string, port: number, blob: Buffer): Promise<HostKeyCheck> {
    const paths = [...this.files.readOnlyPaths, this.files.writablePath]
    const texts = await Promise.all(paths.map((path) => this.readOrEmpty(path)))
    return checkHostKey(texts.flatMap(parseKnownHosts), host, port, blob)
  }

  /**
   * Appends `blob` for `host`:`port` to the writable file (folder 0700 and file 0600 when it
   * creates them), unless that file already holds it. Rejects with the fs error on failure.
   */
  async trust(host: string, port: number, blob: Buffer): Promise<void> {
    const line = formatKnownHostsLine(host, port, blob)
    const appended = this.appending.then(() => this.append(line, host, port, blob))
    this.appending = appended.catch(() => undefined)
    return appended
  }

  /**
   * The legitimate case of a changed key (a reinstalled server): takes the keys of `blob`'s type
   * for `host`:`port` out of Skiff's own file and trusts `blob` instead. Keys in the read-only
   * files (`~/.ssh/known_hosts`) stay where they are; the new key in Skiff's file is enough for
   * the host to be known, as with OpenSSH, which accepts a key that any file lists.
   */
  async replace(host: string, port: number, blob: Buffer): Promise<void> {
    const line = formatKnownHostsLine(host, port, blob)
    const replaced = this.appending.then(async () => {
      const path = this.files.writablePath
      const previous = await this.readOrEmpty(path)
      const name = knownHostsName(host, port)
      const keyType = readHostKeyType(blob)
      const kept = previous.split('\n').filter((raw) => {
        const entry = raw.trim() === '' || raw.trim().startsWith('#') ? null : parseLine(raw.trim())
        return !entry || entry.marker !== null || entry.keyType !== keyType || !namesMatch(entry.names, name)
      })
      const body = kept.join('\n').replace(/\n*$/, '')
      await writeFileAtomic(path, `${body === '' ? '' : `${body}\n`}${line}\n`)
    })
    this.appending = replaced.catch(() => undefined)
    return replaced
  }

  private async append(line: string, host: string, port: number, blob: Buffer): Promise<void> {
    const path = this.files.writablePath
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    const previous = await readFile(path, 'utf8').catch((error: unknown) => {
      if (isMissing(error)) return ''
      throw error
    })
    if (checkHostKey(parseKnownHosts(previous), host, port, blob).status === 'known') return
    const separator = previous === '' || previous.endsWith('\n') ? '' : '\n'
    await appendFile(path, `${separator}${line}\n`, { mode: 0o600 })
  }

  private async readOrEmpty(path: string): Promise<string> {
    try {
      return await readFile(path, 'utf8')
    } catch (error) {
      if (!isMissing(error)) this.files.onUnreadable?.(path, error)
      return ''
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
