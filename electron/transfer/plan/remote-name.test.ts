import { describe, expect, it } from 'vitest'
import { isSkiffError } from '../../../shared/models/errors'
import { joinChild, nameProblem, quotedName } from './remote-name'

const hostileNames = ['../evil', '/etc/x', 'a/b', 'a\\b', 'bad\0nul', '', '.', '..', 'C:evil', 'c:\\x', '\\\\server\\share', 'x'.repeat(256), 'é'.repeat(150)]

describe('names from a server', () => {
  it.each(hostileNames)('refuses %j', (name) => {
    expect(nameProblem(name)).toEqual(expect.any(String))
  })

  it('says why in words', () => {
    expect(nameProblem('')).toBe('the name is empty')
    expect(nameProblem('..')).toBe('the name is ".."')
    expect(nameProblem('../evil')).toBe('the name contains "/"')
    expect(nameProblem('/etc/x')).toBe('the name starts like an absolute path')
    expect(nameProblem('a\\b')).toBe('the name contains "\\"')
    expect(nameProblem('bad\0nul')).toBe('the name contains a NUL character')
    expect(nameProblem('x'.repeat(300))).toBe('the name is longer than 255 bytes')
  })

  it('allows spaces, unicode, dots inside, newlines and control characters', () => {
    for (const name of ['my file.txt', 'résumé.pdf', '日本語', '😀', '...', '.bashrc', 'a..b', 'line\nbreak', 'Icon\r', 'tab\there', 'x'.repeat(255), '😀'.repeat(63)]) {
      expect(nameProblem(name), name).toBeNull()
    }
  })

  it('counts the 255-byte limit in UTF-8 bytes', () => {
    expect(nameProblem('é'.repeat(127) + 'x')).toBeNull()
    expect(nameProblem('é'.repeat(128))).not.toBeNull()
  })
})

describe('joining a child name', () => {
  it('joins without normalising', () => {
    expect(joinChild('/home/me', 'a b', '/')).toBe('/home/me/a b')
    expect(joinChild('/', 'etc', '/')).toBe('/etc')
    expect(joinChild('/srv/../x', 'f', '/')).toBe('/srv/../x/f')
    expect(joinChild('C:\\Users', 'me', '\\')).toBe('C:\\Users\\me')
    expect(joinChild('C:\\', 'me', '\\')).toBe('C:\\me')
  })

  it.each(hostileNames)('throws INVALID_REQUEST for %j', (name) => {
    let caught: unknown
    try {
      joinChild('/home/me', name, '/')
    } catch (error) {
      caught = error
    }
    expect(isSkiffError(caught) && caught.code).toBe('INVALID_REQUEST')
  })

  it('shows a refused name escaped and short', () => {
    expect(quotedName('a\nb')).toBe('"a\\nb"')
    expect(quotedName('x'.repeat(300)).length).toBeLessThanOrEqual(80)
  })
})
