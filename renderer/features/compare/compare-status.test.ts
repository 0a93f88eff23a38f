import { describe, expect, it } from 'vitest'
import { deepStatus, readSoFar } from './compare-status'

const deep = { isDeep: true, isChecksum: false }
const both = { isDeep: true, isChecksum: true }

describe('what the compare bar says of the comparison inside folders', () => {
  it('says what it is comparing while it runs', () => {
    expect(deepStatus({ status: 'running', entriesRead: 0 }, deep)).toBe('Comparing subfolders…')
    expect(deepStatus({ status: 'running', entriesRead: 4_321 }, deep)).toBe('Comparing subfolders…')
    expect(readSoFar({ status: 'running', entriesRead: 4_321 })).toBe(' 4,321 entries read')
    expect(readSoFar({ status: 'running', entriesRead: 0 })).toBe('')
    expect(readSoFar({ status: 'done', entriesCompared: 9, unhashedPairs: 0 })).toBe('')
    expect(deepStatus({ status: 'running', entriesRead: 0 }, both)).toBe('Comparing subfolders and checksums…')
    expect(deepStatus({ status: 'running', entriesRead: 1 }, { isDeep: false, isChecksum: true })).toBe('Comparing checksums…')
    expect(deepStatus({ status: 'off' }, { isDeep: false, isChecksum: false })).toBe('')
  })

  it('counts what it compared, and says once what the server could not hash', () => {
    expect(deepStatus({ status: 'done', entriesCompared: 1, unhashedPairs: 0 }, deep)).toBe('1 entry compared')
    expect(deepStatus({ status: 'done', entriesCompared: 12_000, unhashedPairs: 3 }, both)).toBe('12,000 entries compared; no SHA-256 from the server for 3 pairs: compared by time and size')
  })

  it('says why it failed', () => {
    expect(deepStatus({ status: 'failed', message: 'Permission denied' }, both)).toBe('Subfolders and checksums not compared: Permission denied')
  })
})
