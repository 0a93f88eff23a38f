import { describe, expect, it } from 'vitest'
import { childKey, linkKey, pathKey } from './folder-key'

describe('folder keys for loop checks', () => {
  it('gives one key to spellings of the same path', () => {
    expect(pathKey('/srv/a/', '/')).toBe(pathKey('/srv/./b/../a', '/'))
    expect(pathKey('C:\\Users\\Me', '\\')).toBe(pathKey('c:/users/me', '\\'))
    expect(pathKey('/srv/A', '/')).not.toBe(pathKey('/srv/a', '/'))
  })

  it('extends a key by a child name', () => {
    expect(childKey(pathKey('/srv', '/'), 'a')).toBe(pathKey('/srv/a', '/'))
  })

  it('resolves a link target against the folder holding the link', () => {
    const folder = pathKey('/srv/a', '/')
    expect(linkKey(folder, '.', '/')).toBe(folder)
    expect(linkKey(folder, '../a', '/')).toBe(folder)
    expect(linkKey(folder, '/srv/a', '/')).toBe(folder)
    expect(linkKey(folder, 'b', '/')).toBe(pathKey('/srv/a/b', '/'))
    expect(linkKey(pathKey('C:\\srv', '\\'), 'D:\\x', '\\')).toBe(pathKey('d:\\x', '\\'))
  })

  it('keeps names with NUL-free odd characters apart', () => {
    expect(childKey(pathKey('/', '/'), 'a b')).not.toBe(childKey(pathKey('/', '/'), 'a'))
  })
})
