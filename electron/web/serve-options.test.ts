import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, parseServeArgs } from './serve-options'

describe('parseServeArgs', () => {
  it('defaults to any free port and the desktop app data directory', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, dataDir: defaultDataDir() })
  })

  it('reads --port N and --port=N', () => {
    expect(parseServeArgs(['--port', '0']).port).toBe(0)
    expect(parseServeArgs(['--port=8022']).port).toBe(8022)
    expect(parseServeArgs(['--port', '65535']).port).toBe(65535)
  })

  it('resolves --data-dir to an absolute path', () => {
    expect(parseServeArgs(['--data-dir', 'x']).dataDir).toBe(resolve('x'))
    expect(parseServeArgs(['--data-dir=x/y']).dataDir).toBe(join(process.cwd(), 'x', 'y'))
    expect(parseServeArgs(['--data-dir', '/srv/skiff']).dataDir).toBe(resolve('/srv/skiff'))
  })

  it('takes both flags together, in either order', () => {
    expect(parseServeArgs(['--data-dir', 'd', '--port', '9000'])).toEqual({ port: 9000, dataDir: resolve('d') })
  })

  it('keeps a data directory whose name holds an equals sign', () => {
    expect(parseServeArgs(['--data-dir=a=b']).dataDir).toBe(resolve('a=b'))
  })

  it.each(['70000', '65536', '-1', 'abc', '80.5', '1e3', ''])('refuses --port %j with a readable error', (value) => {
    expect(() => parseServeArgs(['--port', value])).toThrow(`--port must be 0–65535, not ${value}.`)
  })

  it('refuses a flag with no value', () => {
    expect(() => parseServeArgs(['--port'])).toThrow('--port needs a value.')
    expect(() => parseServeArgs(['--data-dir'])).toThrow('--data-dir needs a value.')
  })

  it('refuses an unknown flag and shows the usage', () => {
    expect(() => parseServeArgs(['--verbose', 'yes'])).toThrow(/^Unknown option --verbose\. Usage: serve \[--port N\] \[--data-dir DIR\]$/)
    expect(() => parseServeArgs(['--port', '1', '--port=2', '--dataDir=x'])).toThrow(/Unknown option --dataDir/)
  })

  it('names an unknown flag that has no value as unknown (--help, a bare 8022)', () => {
    expect(() => parseServeArgs(['--help'])).toThrow(/^Unknown option --help\. Usage/)
    expect(() => parseServeArgs(['8022'])).toThrow(/^Unknown option 8022\. Usage/)
  })
})
