import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { parseFileMask } from '../../shared/models/file-mask'
import { findCommand, FindOutputParser, namePrefilter, type FindRecord } from './find-output'

const run = promisify(execFile)

function recordsOf(parser: FindOutputParser, chunks: readonly Buffer[]): FindRecord[] {
  return chunks.flatMap((chunk) => parser.push(chunk))
}

/** `bytes` cut into pieces of `size` bytes: records and UTF-8 characters split anywhere. */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

describe('FindOutputParser', () => {
  const output = Buffer.from(['skiff-find:gnu', 'f 1234 1767225600.1234567890 /srv/a b/app.log', 'l 7 1767225601 /srv/odd\nname.log', 'f 0 1767225602.5 /srv/Grüße.log', 'p 0 1 /srv/fifo', ''].join('\0'))

  it('reads type, size, time (whole seconds) and the path, whatever the path holds', () => {
    const parser = new FindOutputParser()
    expect(recordsOf(parser, [output])).toEqual([
      { path: '/srv/a b/app.log', type: 'file', size: 1234, mtimeMs: 1767225600_000 },
      { path: '/srv/odd\nname.log', type: 'symlink', size: 7, mtimeMs: 1767225601_000 },
      { path: '/srv/Grüße.log', type: 'file', size: 0, mtimeMs: 1767225602_000 },
      { path: '/srv/fifo', type: 'other', size: 0, mtimeMs: 1000 },
    ])
    expect(parser.format).toBe('gnu')
    expect(parser.hasPartialRecord).toBe(false)
  })

  it('gives the same records however the output is cut, inside a record or a character', () => {
    const whole = recordsOf(new FindOutputParser(), [output])
    for (const size of [1, 2, 3, 7, 64]) expect(recordsOf(new FindOutputParser(), pieces(output, size))).toEqual(whole)
  })

  it('holds a record cut off at the end', () => {
    const parser = new FindOutputParser()
    recordsOf(parser, [Buffer.from('skiff-find:gnu\0f 1 2 /srv/cut')])
    expect(parser.hasPartialRecord).toBe(true)
  })

  it('reads paths alone where find has no -printf', () => {
    const parser = new FindOutputParser()
    expect(recordsOf(parser, [Buffer.from('skiff-find:plain\0/srv/a.log\0/srv/b c.log\0')])).toEqual([{ path: '/srv/a.log' }, { path: '/srv/b c.log' }])
    expect(parser.format).toBe('plain')
  })

  it('says nothing before the script named its format', () => {
    const parser = new FindOutputParser()
    expect(recordsOf(parser, [Buffer.from('sh: find: not found\0')])).toEqual([])
    expect(parser.format).toBeNull()
  })
})

describe('findCommand', () => {
  let root = ''
  afterEach(() => rm(root, { recursive: true, force: true }))

  it("quotes the folder for the shell: spaces, quotes, $, backquotes, newlines and a leading - reach find as they are", async () => {
    root = await mkdtemp(join(tmpdir(), 'skiff-find-cmd-'))
    const folder = join(root, "-it's a $(touch pwned) `x` \"q\"\nline")
    await mkdir(folder)
    await writeFile(join(folder, 'a.log'), 'x')
    const { stdout } = await run('sh', ['-c', findCommand(folder)], { encoding: 'buffer' })
    const records = new FindOutputParser().push(stdout)
    expect(records.map((record) => record.path)).toEqual([join(folder, 'a.log')])
    await expect(run('ls', [join(root, 'pwned')])).rejects.toThrow()
  })

  it('refuses a relative folder, which could read as an option', () => {
    expect(() => findCommand('-delete')).toThrow(/absolute/)
  })
})

describe('namePrefilter', () => {
  const of = (text: string) => {
    const parsed = parseFileMask(text)
    if (!parsed.ok) throw new Error(parsed.message)
    return namePrefilter(parsed.mask)
  }

  it('narrows by plain ASCII names with *, once each', () => {
    expect(of('*.log;*.txt;*.log>1K')).toEqual(['*.log', '*.txt'])
    expect(of('*/logs/*.log|old*')).toEqual(['*.log'])
  })

  it('does not narrow where find could match less than Skiff: ?, sets, non-ASCII, every name, no include mask', () => {
    for (const text of ['?.log', 'v[0-9].txt', 'Grüße*', '*.*', '*', '*.', '', '>1K', '|*.bak', '*.log;*', 'logs/']) expect(of(text)).toBeNull()
  })
})
