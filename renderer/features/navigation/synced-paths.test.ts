import { describe, expect, it } from 'vitest'
import { matchingPath, namesBelow } from './synced-paths'

const local = { path: '/home/me/site', separator: '/' }
const remote = { path: '/var/www', separator: '/' }
const windows = { path: 'C:\\Users\\me\\site', separator: '\\' }

describe('synchronized browsing paths', () => {
  it('matches a folder below one base with the same names below the other', () => {
    expect(matchingPath(local, '/home/me/site/css/img', remote)).toBe('/var/www/css/img')
    expect(matchingPath(remote, '/var/www/css', local)).toBe('/home/me/site/css')
    expect(matchingPath(local, '/home/me/site', remote)).toBe('/var/www')
  })

  it('carries names across separators, and a root base', () => {
    expect(matchingPath(windows, 'C:\\Users\\me\\site\\css', remote)).toBe('/var/www/css')
    expect(matchingPath(remote, '/var/www/a/b', windows)).toBe('C:\\Users\\me\\site\\a\\b')
    expect(matchingPath({ path: '/', separator: '/' }, '/etc/ssh', remote)).toBe('/var/www/etc/ssh')
  })

  it('has nothing to match above the base or beside it (a name that only starts the same)', () => {
    expect(matchingPath(local, '/home/me', remote)).toBeNull()
    expect(matchingPath(local, '/home/me/site-old', remote)).toBeNull()
    expect(namesBelow(local, '/home/me/site/a/b')).toEqual(['a', 'b'])
  })
})
