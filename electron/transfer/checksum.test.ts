import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { remoteChecksums } from './checksum'
import { sha256, useSshdFolder } from './transfer-test-kit'

describe('remoteChecksums against a real sshd', () => {
  const server = useSshdFolder('sums')

  it('checks many files with few commands, odd names and all, in order, and a missing one as null', async () => {
    const names = ['plain.txt', "it's.txt", 'new\nline.txt', 'back\\slash.txt', '$(touch pwned).txt', '-n', ...Array.from({ length: 100 }, (_, i) => `f${i}`)]
    for (const name of names) await writeFile(join(server.dir, name), `content of ${name}`)
    let commands = 0
    const checksum = remoteChecksums((command) => {
      commands++
      return server.session.exec(command)
    })
    const paths = [...names.map((name) => join(server.dir, name)), join(server.dir, 'missing')]
    const sums = await Promise.all(paths.map((path) => checksum(path)))
    expect(sums).toEqual([...names.map((name) => sha256(Buffer.from(`content of ${name}`))), null])
    expect(commands).toBeLessThanOrEqual(3)
    expect(existsSync(join(server.dir, 'pwned')) || existsSync(join(server.sshd.homeDir, 'pwned'))).toBe(false)
  })
})
