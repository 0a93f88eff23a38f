import { describe, expect, it } from 'vitest'
import type { EntryType } from '../../../shared/models/fs'
import { isResumable, resolveConflict, type ConflictChoice, type ConflictFacts } from './conflict'

const noon = Date.UTC(2024, 5, 1, 12)
const choices: ConflictChoice[] = ['overwrite', 'skip', 'rename', 'resume', 'overwrite-if-newer']

function facts(source: Partial<ConflictFacts['source']>, target: Partial<ConflictFacts['target']> = {}): ConflictFacts {
  return {
    source: { size: 1000, mtimeMs: noon, ...source },
    target: { size: 1000, mtimeMs: noon, type: 'file' as EntryType, ...target },
  }
}

const keepBoth = () => 'report (1).pdf'
const noKeepBoth = () => {
  throw new Error('keepBoth must not be asked')
}

describe('resolving a conflict', () => {
  it('writes, skips or renames as chosen', () => {
    expect(resolveConflict(facts({}), 'overwrite', noKeepBoth)).toEqual({ kind: 'write' })
    expect(resolveConflict(facts({}), 'skip', noKeepBoth)).toMatchObject({ kind: 'skip', reason: expect.any(String) })
    expect(resolveConflict(facts({}), 'rename', keepBoth)).toEqual({ kind: 'write-as', name: 'report (1).pdf' })
  })

  it.each(choices)('refuses a file onto a folder whatever the choice (%s)', (choice) => {
    const result = resolveConflict(facts({}, { type: 'directory' }), choice, keepBoth)
    expect(result).toEqual({ kind: 'refuse', code: 'EXISTS', message: expect.stringContaining('is a folder') })
  })

  it.each(choices)('refuses a folder onto a file whatever the choice (%s)', (choice) => {
    const result = resolveConflict(facts({ type: 'directory' }, { type: 'file' }), choice, keepBoth)
    expect(result).toEqual({ kind: 'refuse', code: 'EXISTS', message: expect.stringContaining('is a file') })
  })

  it('refuses to replace a device or socket, and to copy a folder through a link', () => {
    expect(resolveConflict(facts({}, { type: 'other' }), 'overwrite', noKeepBoth)).toMatchObject({ kind: 'refuse', code: 'EXISTS' })
    expect(resolveConflict(facts({ type: 'directory' }, { type: 'symlink' }), 'overwrite', noKeepBoth)).toMatchObject({ kind: 'refuse' })
  })

  it('merges a folder into a folder unless renaming', () => {
    const folders = facts({ type: 'directory' }, { type: 'directory' })
    for (const choice of ['overwrite', 'skip', 'resume', 'overwrite-if-newer'] as const) {
      expect(resolveConflict(folders, choice, noKeepBoth), choice).toEqual({ kind: 'write' })
    }
    expect(resolveConflict(folders, 'rename', () => 'photos (1)')).toEqual({ kind: 'write-as', name: 'photos (1)' })
  })

  it('replaces a link at the target with the file (never writes through it)', () => {
    expect(resolveConflict(facts({}, { type: 'symlink', size: 7 }), 'overwrite', noKeepBoth)).toEqual({ kind: 'write' })
    expect(resolveConflict(facts({}, { type: 'symlink', size: 7 }), 'resume', noKeepBoth)).toEqual({ kind: 'write' })
  })
})

describe('resume', () => {
  it('appends to a shorter target from its end', () => {
    expect(resolveConflict(facts({ size: 1000 }, { size: 400 }), 'resume', noKeepBoth)).toEqual({ kind: 'resume', fromOffset: 400 })
    expect(resolveConflict(facts({ size: 1000 }, { size: 0 }), 'resume', noKeepBoth)).toEqual({ kind: 'resume', fromOffset: 0 })
  })

  it('skips a target of the same size as already complete', () => {
    expect(resolveConflict(facts({ size: 1000 }, { size: 1000 }), 'resume', noKeepBoth)).toEqual({ kind: 'skip', reason: 'The file is already complete.' })
  })

  it('overwrites a target larger than the source, as WinSCP does', () => {
    expect(resolveConflict(facts({ size: 1000 }, { size: 1500 }), 'resume', noKeepBoth)).toEqual({ kind: 'write' })
  })

  it('offers the Resume button only when there is something to append to', () => {
    expect(isResumable(facts({ size: 1000 }, { size: 400 }))).toBe(true)
    expect(isResumable(facts({ size: 1000 }, { size: 0 }))).toBe(false)
    expect(isResumable(facts({ size: 1000 }, { size: 1000 }))).toBe(false)
    expect(isResumable(facts({ size: 1000 }, { size: 1500 }))).toBe(false)
    expect(isResumable(facts({ size: 1000 }, { size: 400, type: 'symlink' }))).toBe(false)
    expect(isResumable(facts({ size: 1000 }, { size: 400, type: 'directory' }))).toBe(false)
  })
})

describe('overwrite if newer', () => {
  it('writes when the source is newer by more than a second', () => {
    expect(resolveConflict(facts({ mtimeMs: noon + 1_001 }), 'overwrite-if-newer', noKeepBoth)).toEqual({ kind: 'write' })
    expect(resolveConflict(facts({ mtimeMs: noon + 60_000 }), 'overwrite-if-newer', noKeepBoth)).toEqual({ kind: 'write' })
  })

  it('skips within a second (FAT and SFTP v3 round times) and when the target is newer', () => {
    expect(resolveConflict(facts({ mtimeMs: noon + 1_000 }), 'overwrite-if-newer', noKeepBoth)).toMatchObject({ kind: 'skip' })
    expect(resolveConflict(facts({ mtimeMs: noon + 999 }), 'overwrite-if-newer', noKeepBoth)).toMatchObject({ kind: 'skip' })
    expect(resolveConflict(facts({ mtimeMs: noon - 60_000 }), 'overwrite-if-newer', noKeepBoth)).toMatchObject({ kind: 'skip' })
  })

  it('skips when either time is unknown', () => {
    expect(resolveConflict(facts({ mtimeMs: noon }, { mtimeMs: 0 }), 'overwrite-if-newer', noKeepBoth)).toMatchObject({ kind: 'skip' })
    expect(resolveConflict(facts({ mtimeMs: 0 }), 'overwrite-if-newer', noKeepBoth)).toMatchObject({ kind: 'skip' })
  })
})
