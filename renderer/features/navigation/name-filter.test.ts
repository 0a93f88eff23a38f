import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { filterRows, nameMatcher } from './name-filter'

const entry = (name: string): FsEntry => ({ name, type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: '' })
const names = (rows: readonly FsEntry[]) => rows.map((row) => row.name)

describe('pane filter', () => {
  const rows = ['Report-01.csv', 'report-2.csv', 'notes.txt', 'photo.JPG', 'a+b (1).txt'].map(entry)

  it('keeps names containing the text, ignoring case', () => {
    expect(names(filterRows(rows, 'REPORT'))).toEqual(['Report-01.csv', 'report-2.csv'])
    expect(names(filterRows(rows, 'jpg'))).toEqual(['photo.JPG'])
  })

  it('takes * and ? as a mask over the whole name', () => {
    expect(names(filterRows(rows, '*.txt'))).toEqual(['notes.txt', 'a+b (1).txt'])
    expect(names(filterRows(rows, 'report-??.csv'))).toEqual(['Report-01.csv'])
    expect(names(filterRows(rows, 'a+b (?)*'))).toEqual(['a+b (1).txt'])
  })

  it('filters nothing when the text is empty or spaces', () => {
    expect(filterRows(rows, '  ')).toBe(rows)
    expect(nameMatcher('')).toBeNull()
  })

  it('narrows 100,000 rows quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => entry(`file-${i}.dat`))
    const started = performance.now()
    expect(filterRows(many, '9999')).toHaveLength(19)
    expect(filterRows(many, '*-12345.*')).toHaveLength(1)
    expect(performance.now() - started).toBeLessThan(500)
  })
})
