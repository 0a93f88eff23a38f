import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { formatModified, formatPermissions, formatSize, isFolderLike } from './entry-format'

const entry = (over: Partial<FsEntry>): FsEntry => ({ name: 'x', type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: 'rw-r--r--', ...over })

describe('entry formatting', () => {
  it('formats sizes in binary units', () => {
    expect(formatSize(0)).toBe('0 B')
    expect(formatSize(1023)).toBe('1023 B')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MiB')
    expect(formatSize(250 * 1024 * 1024)).toBe('250 MiB')
    expect(formatSize(3 * 1024 ** 3)).toBe('3.0 GiB')
  })

  it('formats local times as YYYY-MM-DD HH:MM', () => {
    expect(formatModified(new Date(2024, 0, 5, 9, 7).getTime())).toBe('2024-01-05 09:07')
    expect(formatModified(0)).toBe('')
  })

  it('prefixes permissions with the type', () => {
    expect(formatPermissions(entry({ type: 'directory', permissions: 'rwxr-xr-x' }))).toBe('drwxr-xr-x')
    expect(formatPermissions(entry({ type: 'symlink', permissions: 'rwxrwxrwx' }))).toBe('lrwxrwxrwx')
    expect(formatPermissions(entry({ type: 'other', mode: 0o010644 }))).toBe('prw-r--r--')
    expect(formatPermissions(entry({ permissions: '' }))).toBe('')
  })

  it('treats links to folders as folders', () => {
    expect(isFolderLike(entry({ type: 'symlink', linkTargetType: 'directory' }))).toBe(true)
    expect(isFolderLike(entry({ type: 'symlink' }))).toBe(false)
  })
})
