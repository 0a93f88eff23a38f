import { describe, expect, it } from 'vitest'
import { folderVerdict, matchesFileMasks, parseFileMask, rootVerdict, type FileMask, type FolderVerdict, type MaskedFile } from './file-mask'

// 2026-03-15 12:00 local time: every relative time below counts back from here.
const now = new Date(2026, 2, 15, 12, 0, 0).getTime()
const dayMs = 86_400_000

function mask(text: string): FileMask {
  const parsed = parseFileMask(text, now)
  if (!parsed.ok) throw new Error(`expected "${text}" to parse: ${parsed.message}`)
  return parsed.mask
}

function problem(text: string): string {
  const parsed = parseFileMask(text, now)
  if (parsed.ok) throw new Error(`expected "${text}" to be refused`)
  return parsed.message
}

const file = (name: string, more: Partial<MaskedFile> = {}): MaskedFile => ({ name, folder: '/srv/site', size: 100, mtimeMs: now - dayMs, ...more })
const matches = (text: string, name: string, more: Partial<MaskedFile> = {}) => matchesFileMasks(mask(text), file(name, more))

/** The verdict of each folder on a path below the search folder `/r`. */
function verdicts(text: string, path: readonly string[]): FolderVerdict[] {
  const parsed = mask(text)
  let verdict = rootVerdict(parsed)
  let parent = '/r'
  return path.map((name) => {
    verdict = verdict === 'excluded' ? 'excluded' : folderVerdict(parsed, name, parent, verdict)
    parent = `${parent}/${name}`
    return verdict
  })
}

describe('wildcards', () => {
  it('matches * and ? and ignores case', () => {
    expect(matches('*.log', 'app.log')).toBe(true)
    expect(matches('*.log', 'APP.LOG')).toBe(true)
    expect(matches('*.log', 'app.log.1')).toBe(false)
    expect(matches('photo????.jpg', 'photo0042.jpg')).toBe(true)
    expect(matches('photo????.jpg', 'photo042.jpg')).toBe(false)
  })

  it('takes any character in a name literally, newlines and regex characters included', () => {
    expect(matches('*.log', 'odd\nname.log')).toBe(true)
    expect(matches('a+b (1).txt', 'a+b (1).txt')).toBe(true)
    expect(matches('a+b (1).txt', 'aab (1).txt')).toBe(false)
    expect(matches('Grüße*', 'grüße.log')).toBe(true)
    expect(matches('?.txt', 'ü.txt')).toBe(true)
  })

  it('reads sets and ranges, and [*] as a literal star', () => {
    expect(matches('index_[abc].html', 'index_b.html')).toBe(true)
    expect(matches('index_[abc].html', 'index_d.html')).toBe(false)
    expect(matches('v[0-9].txt', 'v7.txt')).toBe(true)
    expect(matches('star[*]', 'star*')).toBe(true)
    expect(matches('star[*]', 'stars')).toBe(false)
  })

  it('keeps WinSCP exceptions: *.* is every name, *. the names without a dot', () => {
    expect(matches('*.*', 'Makefile')).toBe(true)
    expect(matches('*.', 'Makefile')).toBe(true)
    expect(matches('*.', 'notes.txt')).toBe(false)
  })

  it('matches everything when empty', () => {
    expect(matches('', 'anything')).toBe(true)
    expect(matches('  ', 'anything')).toBe(true)
  })
})

describe('lists, include and exclude', () => {
  it('separates masks by ; or , with spaces around them', () => {
    for (const text of ['*.log;*.txt', '*.log, *.txt', ' *.log ;  *.txt ']) {
      expect(matches(text, 'a.txt')).toBe(true)
      expect(matches(text, 'a.log')).toBe(true)
      expect(matches(text, 'a.bin')).toBe(false)
    }
  })

  it('reads a doubled separator as the character itself', () => {
    expect(matches('with;;semicolon', 'with;semicolon')).toBe(true)
    expect(matches('with,,comma', 'with,comma')).toBe(true)
    expect(matches('with,,comma', 'with')).toBe(false)
  })

  it('excludes after |, with or without an include part', () => {
    expect(matches('*.log|old*', 'app.log')).toBe(true)
    expect(matches('*.log|old*', 'old-app.log')).toBe(false)
    expect(matches('|*.bak', 'notes.txt')).toBe(true)
    expect(matches('|*.bak', 'notes.bak')).toBe(false)
    expect(matches('*.log|', 'a.log')).toBe(true)
  })

  it('refuses a second |', () => {
    expect(problem('*.log|a|b')).toMatch(/Only one \|/)
  })
})

describe('folder masks', () => {
  it('never match files, and file masks never judge folders', () => {
    expect(matches('node_modules/', 'node_modules')).toBe(true)
    expect(verdicts('*.log', ['logs', 'x.log'])).toEqual(['included', 'included'])
  })

  it('leave excluded folders out, with everything below them', () => {
    expect(verdicts('*.js|node_modules/', ['src'])).toEqual(['included'])
    expect(verdicts('*.js|node_modules/', ['node_modules', 'lib'])).toEqual(['excluded', 'excluded'])
    expect(verdicts('|*/', ['any'])).toEqual(['excluded'])
  })

  it('limit the files found to included folders, at any depth below them', () => {
    expect(rootVerdict(mask('logs/'))).toBe('searched')
    expect(verdicts('*.log;logs/', ['app', 'logs', 'old'])).toEqual(['searched', 'included', 'included'])
    expect(verdicts('logs/|*/logs/tmp/', ['logs', 'tmp'])).toEqual(['included', 'excluded'])
    // A path mask is matched against the whole path: a relative one never matches.
    expect(verdicts('logs/|logs/tmp/', ['logs', 'tmp'])).toEqual(['included', 'included'])
  })

  it('refuse conditions and empty names', () => {
    expect(problem('logs/>1M')).toMatch(/apply to files/)
    expect(problem('/')).toMatch(/needs a name/)
  })
})

describe('path masks', () => {
  it('match the folder part against the whole folder path, * spanning /', () => {
    expect(matches('*/public_html/*.bak', 'index.bak', { folder: '/home/martin/public_html' })).toBe(true)
    expect(matches('*/public_html/*.bak', 'index.bak', { folder: '/home/martin/www' })).toBe(false)
    expect(matches('/home/martin/*.txt', 'a.txt', { folder: '/home/martin' })).toBe(true)
    expect(matches('/home/martin/*.txt', 'a.txt', { folder: '/home/martin/sub' })).toBe(false)
    expect(matches('/home/martin*/*.txt', 'a.txt', { folder: '/home/martin/sub' })).toBe(true)
  })

  it('read a Windows folder with forward slashes', () => {
    expect(matches('*/public_html/*.bak', 'a.bak', { folder: 'D:\\Documents\\public_html' })).toBe(true)
  })
})

describe('size conditions', () => {
  it('compare bytes, with K, M and G of 1024', () => {
    expect(matches('>1K', 'a', { size: 1025 })).toBe(true)
    expect(matches('>1K', 'a', { size: 1024 })).toBe(false)
    expect(matches('>=1K', 'a', { size: 1024 })).toBe(true)
    expect(matches('<100K', 'a', { size: 100 * 1024 - 1 })).toBe(true)
    expect(matches('<=100K', 'a', { size: 100 * 1024 })).toBe(true)
    expect(matches('>1M', 'a', { size: 1024 ** 2 + 1 })).toBe(true)
    expect(matches('>=1G', 'a', { size: 1024 ** 3 })).toBe(true)
    expect(matches('>1k', 'a', { size: 2000 })).toBe(true)
    expect(matches('<100', 'a', { size: 99 })).toBe(true)
  })

  it('bind to their own mask, and several bind together', () => {
    expect(matches('*.bin>1M;*.txt', 'small.bin', { size: 10 })).toBe(false)
    expect(matches('*.bin>1M;*.txt', 'small.txt', { size: 10 })).toBe(true)
    expect(matches('>1K<1M', 'a', { size: 5000 })).toBe(true)
    expect(matches('>1K<1M', 'a', { size: 2 * 1024 ** 2 })).toBe(false)
    expect(matches('*.log|>1M', 'huge.log', { size: 2 * 1024 ** 2 })).toBe(false)
  })
})

describe('time conditions', () => {
  it('read an age: > within it, < before it', () => {
    expect(matches('>7D', 'a', { mtimeMs: now - 6 * dayMs })).toBe(true)
    expect(matches('>7D', 'a', { mtimeMs: now - 8 * dayMs })).toBe(false)
    expect(matches('<7D', 'a', { mtimeMs: now - 8 * dayMs })).toBe(true)
    expect(matches('>2H', 'a', { mtimeMs: now - 3_600_000 })).toBe(true)
    expect(matches('>30N', 'a', { mtimeMs: now - 31 * 60_000 })).toBe(false)
    expect(matches('>90S', 'a', { mtimeMs: now - 60_000 })).toBe(true)
    expect(matches('*.doc>1Y', 'a.doc', { mtimeMs: new Date(2025, 2, 16).getTime() })).toBe(true)
    expect(matches('*.doc>1Y', 'a.doc', { mtimeMs: new Date(2025, 2, 14).getTime() })).toBe(false)
  })

  it('round down to the start of the unit with S, and know today and yesterday', () => {
    const midnight = new Date(2026, 2, 15).getTime()
    expect(matches('>0DS', 'a', { mtimeMs: midnight + 1 })).toBe(true)
    expect(matches('>today', 'a', { mtimeMs: midnight - 1 })).toBe(false)
    expect(matches('>=yesterday', 'a', { mtimeMs: midnight - dayMs })).toBe(true)
    expect(matches('>0HS', 'a', { mtimeMs: new Date(2026, 2, 15, 11, 59).getTime() })).toBe(false)
  })

  it('read a date, and a date with a time, in local time', () => {
    expect(matches('>2026-01-01', 'a', { mtimeMs: new Date(2026, 0, 1, 0, 0, 1).getTime() })).toBe(true)
    expect(matches('>2026-01-01', 'a', { mtimeMs: new Date(2025, 11, 31, 23, 59).getTime() })).toBe(false)
    expect(matches('*.doc<2026-02-28 08:54:21', 'a.doc', { mtimeMs: new Date(2026, 1, 28, 8, 54, 20).getTime() })).toBe(true)
    expect(matches('*.doc<2026-02-28 08:54', 'a.doc', { mtimeMs: new Date(2026, 1, 28, 8, 54, 1).getTime() })).toBe(false)
  })

  it('refuse dates that are not', () => {
    expect(problem('>2026-02-30')).toMatch(/not a real date/)
    expect(problem('>2026-01-01 25:00')).toMatch(/not a real date/)
  })
})

describe('operators and mistakes', () => {
  it('read << and >> as literal characters of a name', () => {
    expect(matches('a<<b', 'a<b')).toBe(true)
    expect(matches('a>>b*', 'a>b.txt')).toBe(true)
  })

  it('say what follows an operator when it is not a size or a time', () => {
    expect(problem('>')).toMatch(/needs a size or a time/)
    expect(problem('*.log>big')).toMatch(/comes a size/)
    expect(problem('>1X')).toMatch(/comes a size/)
  })

  it('say when a set is not closed or not a range', () => {
    expect(problem('index_[abc.html')).toMatch(/never closed/)
    expect(problem('[z-a]')).toMatch(/low to high/)
  })
})
