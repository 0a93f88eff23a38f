import { describe, expect, it } from 'vitest'
import { entryTypeOf, permissionString, targetTypeOf } from './file-mode'

describe('file modes', () => {
  it('tells the entry type from st_mode', () => {
    expect(entryTypeOf(0o100644)).toBe('file')
    expect(entryTypeOf(0o040755)).toBe('directory')
    expect(entryTypeOf(0o120777)).toBe('symlink')
    expect(entryTypeOf(0o020666)).toBe('other')
    expect(entryTypeOf(0)).toBe('other')
    expect(targetTypeOf(0o120777)).toBe('other')
  })

  it('writes permissions like ls, setuid, setgid and sticky included', () => {
    expect(permissionString(0o100755)).toBe('rwxr-xr-x')
    expect(permissionString(0o100640)).toBe('rw-r-----')
    expect(permissionString(0o104755)).toBe('rwsr-xr-x')
    expect(permissionString(0o104644)).toBe('rwSr--r--')
    expect(permissionString(0o102755)).toBe('rwxr-sr-x')
    expect(permissionString(0o102745)).toBe('rwxr-Sr-x')
    expect(permissionString(0o041777)).toBe('rwxrwxrwt')
    expect(permissionString(0o041776)).toBe('rwxrwxrwT')
    expect(permissionString(0)).toBe('---------')
  })
})
