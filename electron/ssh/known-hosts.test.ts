import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkHostKey, formatKnownHostsLine, KnownHostsStore, parseKnownHosts } from './known-hosts'

const run = promisify(execFile)

interface TestKey {
  readonly type: string
  readonly base64: string
  readonly blob: Buffer
}

let dir: string
let edA: TestKey
let edB: TestKey
let rsaA: TestKey
let rsaB: TestKey
let ecdsa: TestKey

/** A fresh key pair made by OpenSSH, read back from its .pub file (`type base64 comment`). */
async function keygen(name: string, type: string): Promise<TestKey> {
  const path = join(dir, name)
  await run('ssh-keygen', ['-t', type, '-N', '', '-C', name, '-q', '-f', path])
  const [wireType = '', base64 = ''] = (await readFile(`${path}.pub`, 'utf8')).split(' ')
  return { type: wireType, base64, blob: Buffer.from(base64, 'base64') }
}

function line(hosts: string, key: TestKey, marker = ''): string {
  return `${marker ? `${marker} ` : ''}${hosts} ${key.type} ${key.base64}`
}

function check(lines: readonly string[], host: string, port: number, key: TestKey) {
  return checkHostKey(parseKnownHosts(lines.join('\n')), host, port, key.blob)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skiff-known-hosts-'))
  ;[edA, edB, rsaA, rsaB, ecdsa] = await Promise.all([
    keygen('ed_a', 'ed25519'),
    keygen('ed_b', 'ed25519'),
    keygen('rsa_a', 'rsa'),
    keygen('rsa_b', 'rsa'),
    keygen('ecdsa', 'ecdsa'),
  ])
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('checkHostKey', () => {
  it('knows a plain host on port 22 only', () => {
    const file = [line('example.com', edA)]
    expect(check(file, 'example.com', 22, edA)).toEqual({ status: 'known' })
    expect(check(file, 'example.com', 2222, edA)).toEqual({ status: 'unknown' })
    expect(check(file, 'example.org', 22, edA)).toEqual({ status: 'unknown' })
  })

  it('knows a [host]:port entry on that port only', () => {
    const file = [line('[example.com]:2222', edA)]
    expect(check(file, 'example.com', 2222, edA)).toEqual({ status: 'known' })
    expect(check(file, 'example.com', 22, edA)).toEqual({ status: 'unknown' })
    expect(check(file, 'example.com', 22222, edA)).toEqual({ status: 'unknown' })
  })

  it('matches comma lists and * and ? wildcards', () => {
    const file = [line('alpha,*.example.com,node?.lan,[*.test]:2222', edA)]
    const matching = [['alpha', 22], ['a.example.com', 22], ['a.b.example.com', 22], ['node1.lan', 22], ['x.test', 2222]] as const
    for (const [host, port] of matching) {
      expect(check(file, host, port, edA), host).toEqual({ status: 'known' })
    }
    for (const [host, port] of [['example.com', 22], ['node12.lan', 22], ['x.test', 22], ['alphabet', 22]] as const) {
      expect(check(file, host, port, edA), host).toEqual({ status: 'unknown' })
    }
  })

  it('excludes a host that a negated pattern matches, wherever the negation stands', () => {
    const file = [line('*.example.com,!bad.example.com', edA), line('!worse.example.com,*.example.com', edA)]
    expect(check(file, 'good.example.com', 22, edA)).toEqual({ status: 'known' })
    expect(check(file, 'bad.example.com', 22, edA)).toEqual({ status: 'known' })
    expect(check([file[0] ?? ''], 'bad.example.com', 22, edA)).toEqual({ status: 'unknown' })
    expect(check([file[1] ?? ''], 'worse.example.com', 22, edA)).toEqual({ status: 'unknown' })
    expect(check([line('!only.example.com', edA)], 'other.example.com', 22, edA)).toEqual({ status: 'unknown' })
  })

  it('matches host names whatever their case', () => {
    expect(check([line('Example.COM', edA)], 'example.com', 22, edA)).toEqual({ status: 'known' })
    expect(check([line('[*.Example.com]:2222', edA)], 'WWW.EXAMPLE.COM', 2222, edA)).toEqual({ status: 'known' })
  })

  it('reads entries hashed by ssh-keygen -H', async () => {
    const path = join(dir, 'hashed_known_hosts')
    const plain = [line('Example.COM,192.0.2.7', edA), line('[example.org]:2222', edB), line('*.wild.example', rsaA)]
    await writeFile(path, `${plain.join('\n')}\n`)
    await run('ssh-keygen', ['-H', '-f', path])
    const hashed = await readFile(path, 'utf8')
    expect(hashed.match(/^\|1\|/gm)).toHaveLength(3)
    expect(hashed).not.toContain('example.org')

    const entries = parseKnownHosts(hashed)
    expect(entries).toHaveLength(4)
    expect(checkHostKey(entries, 'example.com', 22, edA.blob)).toEqual({ status: 'known' })
    expect(checkHostKey(entries, 'EXAMPLE.com', 22, edA.blob)).toEqual({ status: 'known' })
    expect(checkHostKey(entries, '192.0.2.7', 22, edA.blob)).toEqual({ status: 'known' })
    expect(checkHostKey(entries, 'example.org', 2222, edB.blob)).toEqual({ status: 'known' })
    expect(checkHostKey(entries, 'example.org', 22, edB.blob)).toEqual({ status: 'unknown' })
    expect(checkHostKey(entries, 'example.com', 22, edB.blob)).toMatchObject({ status: 'changed', knownTypes: ['ssh-ed25519'] })
  })

  it('refuses a @revoked key even where another line knows it, whatever hosts the revocation names', () => {
    expect(check([line('example.com', edA), line('*', edA, '@revoked')], 'example.com', 22, edA)).toEqual({ status: 'revoked' })
    expect(check([line('other.host', edA, '@revoked')], 'example.com', 2222, edA)).toEqual({ status: 'revoked' })
    expect(check([line('example.com', edA), line('*', edB, '@revoked')], 'example.com', 22, edA)).toEqual({ status: 'known' })
  })

  it('ignores @cert-authority lines', () => {
    expect(check([line('*.example.com', edA, '@cert-authority')], 'a.example.com', 22, edA)).toEqual({ status: 'unknown' })
  })

  it('reports a changed key when the host has keys of its type and none matches', () => {
    expect(check([line('example.com', edA)], 'example.com', 22, edB)).toMatchObject({ status: 'changed', knownTypes: ['ssh-ed25519'] })
    const mixed = [line('example.com', rsaA), line('example.com', edA)]
    expect(check(mixed, 'example.com', 22, rsaB)).toMatchObject({ status: 'changed', knownTypes: ['ssh-rsa', 'ssh-ed25519'] })
  })

  it('reports other-type when the host is only known by keys of other types', () => {
    const file = [line('example.com', rsaA), line('example.com', ecdsa), line('example.org', edA)]
    expect(check(file, 'example.com', 22, edA)).toEqual({ status: 'other-type', knownTypes: ['ssh-rsa', 'ecdsa-sha2-nistp256'] })
  })

  it('compares RSA keys by the type in the blob, not the rsa-sha2 name on the line', () => {
    const file = [`example.com rsa-sha2-512 ${rsaA.base64}`]
    expect(check(file, 'example.com', 22, rsaA)).toEqual({ status: 'known' })
    expect(check(file, 'example.com', 22, rsaB)).toMatchObject({ status: 'changed', knownTypes: ['ssh-rsa'] })
  })

  it('skips comments, blank and malformed lines without losing the good ones', () => {
    const text = [
      '# a comment',
      '',
      '   \t',
      'garbage',
      'example.com ssh-ed25519',
      'example.com ssh-ed25519 !!!not-base64',
      'example.com ssh-ed25519 AAAA',
      `example.com ssh-rsa ${edB.base64}`,
      `@bogus example.com ssh-ed25519 ${edB.base64}`,
      `|1|c2hvcnQ=|c2hvcnQ= ssh-ed25519 ${edB.base64}`,
      'example.com 2048 65537 1234567890',
      `\texample.com\tssh-ed25519\t${edA.base64}  the comment\r`,
    ].join('\n')
    const entries = parseKnownHosts(text)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ marker: null, keyType: 'ssh-ed25519', comment: 'the comment' })
    expect(checkHostKey(entries, 'example.com', 22, edB.blob)).toMatchObject({ status: 'changed', knownTypes: ['ssh-ed25519'] })
  })
})

describe('formatKnownHostsLine', () => {
  it('writes host on port 22 and [host]:port elsewhere', () => {
    expect(formatKnownHostsLine('Example.com', 22, edA.blob)).toBe(`example.com ssh-ed25519 ${edA.base64}`)
    expect(formatKnownHostsLine('::1', 2222, rsaA.blob)).toBe(`[::1]:2222 ssh-rsa ${rsaA.base64}`)
  })

  it('refuses host names that would become patterns, markers or extra fields', () => {
    for (const host of ['', '*', 'a?', '!a', 'a,b', 'a b', 'evil\nexample.com', '[a]:22', '@revoked', '|1|x']) {
      expect(() => formatKnownHostsLine(host, 22, edA.blob), host).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }))
    }
    expect(() => formatKnownHostsLine('a', 0, edA.blob)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }))
  })
})

describe('KnownHostsStore', () => {
  let base: string
  let skiffFile: string
  let userFile: string

  beforeAll(async () => {
    base = await mkdtemp(join(dir, 'store-'))
  })

  async function freshStore(onUnreadable?: (path: string) => void, extraPaths: string[] = []) {
    const root = await mkdtemp(join(base, 'case-'))
    skiffFile = join(root, 'data', 'skiff', 'known_hosts')
    userFile = join(root, 'user_known_hosts')
    return new KnownHostsStore({ readOnlyPaths: [...extraPaths, userFile], writablePath: skiffFile, onUnreadable })
  }

  it('treats missing files as empty and reads the files afresh on every check', async () => {
    const store = await freshStore()
    expect(await store.check('example.com', 22, edA.blob)).toEqual({ status: 'unknown' })
    await writeFile(userFile, `${line('example.com', edA)}\n`)
    expect(await store.check('example.com', 22, edA.blob)).toEqual({ status: 'known' })
    await writeFile(userFile, `${line('*', edA, '@revoked')}\n`)
    expect(await store.check('example.com', 22, edA.blob)).toEqual({ status: 'revoked' })
  })

  it('trusts by appending a line that OpenSSH finds, in a private folder and file', async () => {
    const store = await freshStore()
    await store.trust('127.0.0.1', 2222, edA.blob)

    expect(await readFile(skiffFile, 'utf8')).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${edA.base64}\n`)
    expect((await stat(join(skiffFile, '..'))).mode & 0o777).toBe(0o700)
    expect((await stat(skiffFile)).mode & 0o777).toBe(0o600)
    const { stdout } = await run('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', skiffFile])
    expect(stdout).toContain(`[127.0.0.1]:2222 ssh-ed25519 ${edA.base64}`)
    await expect(run('ssh-keygen', ['-F', '[127.0.0.1]:2223', '-f', skiffFile])).rejects.toMatchObject({ code: 1 })
    expect(await store.check('127.0.0.1', 2222, edA.blob)).toEqual({ status: 'known' })
    await expect(stat(userFile)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('ends unterminated content with a newline first, and does not save a key twice', async () => {
    const store = await freshStore()
    await mkdir(join(skiffFile, '..'), { recursive: true })
    await writeFile(skiffFile, line('example.com', edA))
    await store.trust('example.org', 22, edB.blob)
    await store.trust('example.org', 22, edB.blob)

    expect(await readFile(skiffFile, 'utf8')).toBe(`${line('example.com', edA)}\n${line('example.org', edB)}\n`)
  })

  it('writes whole lines when many trusts run at once', async () => {
    const store = await freshStore()
    await mkdir(join(skiffFile, '..'), { recursive: true })
    await writeFile(skiffFile, line('example.com', edA))
    const keys = [edA, edB, rsaA, rsaB, ecdsa]
    const trusts = Array.from({ length: 40 }, (_, i) => {
      return { host: `host-${i}.example`, port: i % 2 ? 22 : 2200 + i, key: keys[i % keys.length] ?? edA }
    })
    await Promise.all(trusts.map(({ host, port, key }) => store.trust(host, port, key.blob)))

    const lines = (await readFile(skiffFile, 'utf8')).split('\n')
    expect(lines.pop()).toBe('')
    const expected = trusts.map(({ host, port, key }) => formatKnownHostsLine(host, port, key.blob))
    expect(lines.sort()).toEqual([line('example.com', edA), ...expected].sort())
    for (const { host, port, key } of trusts) expect(await store.check(host, port, key.blob)).toEqual({ status: 'known' })
  })

  it('skips an unreadable file and still counts the others', async () => {
    const unreadable: string[] = []
    const folder = await mkdtemp(join(base, 'not-a-file-'))
    const store = await freshStore((path) => unreadable.push(path), [folder])
    await writeFile(userFile, `${line('example.com', edA)}\n`)

    expect(await store.check('example.com', 22, edB.blob)).toMatchObject({ status: 'changed', knownTypes: ['ssh-ed25519'] })
    expect(unreadable).toEqual([folder])
  })

  it('replaces a changed key: the old key of that type goes from Skiff\'s file, others and other hosts stay, the new one is known', async () => {
    const store = await freshStore()
    await mkdir(join(skiffFile, '..'), { recursive: true })
    const keep = ['# my note', line('example.com', rsaA), line('example.org', edA), line('example.com', edA, '@revoked')]
    await writeFile(skiffFile, [line('example.com', edA), ...keep].join('\n') + '\n')
    expect(await store.check('example.com', 22, edB.blob)).toMatchObject({ status: 'changed', knownKeys: [edA.blob] })
    await store.replace('example.com', 22, edB.blob)
    expect(await readFile(skiffFile, 'utf8')).toBe([...keep, line('example.com', edB)].join('\n') + '\n')
    expect(await store.check('example.com', 22, edB.blob)).toEqual({ status: 'known' })
    // A key in the read-only file stays there; the new one in Skiff's file is enough.
    await writeFile(userFile, `${line('example.net', edA)}\n`)
    await store.replace('example.net', 22, edB.blob)
    expect(await readFile(userFile, 'utf8')).toBe(`${line('example.net', edA)}\n`)
    expect(await store.check('example.net', 22, edB.blob)).toEqual({ status: 'known' })
  })
})
