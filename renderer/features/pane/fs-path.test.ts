import { describe, expect, it } from 'vitest'
import { baseName, joinPath } from './fs-path'

describe('fs paths', () => {
  it('joins without doubling the separator at a root', () => {
    expect(joinPath('/home/alice', 'docs', '/')).toBe('/home/alice/docs')
    expect(joinPath('/', 'etc', '/')).toBe('/etc')
    expect(joinPath('C:\\', 'Users', '\\')).toBe('C:\\Users')
    expect(joinPath('C:\\Users', 'me', '\\')).toBe('C:\\Users\\me')
  })

  it('takes the last segment', () => {
    expect(baseName('/home/alice/docs', '/')).toBe('docs')
    expect(baseName('/home/alice/', '/')).toBe('alice')
    expect(baseName('/', '/')).toBe('/')
    expect(baseName('C:\\Users\\me', '\\')).toBe('me')
  })
})
