import { describe, expect, it } from 'vitest'
import type { TransferInfo } from '../../../shared/models/transfer'
import { jobTitle, operationLine, formatBytesLine, formatEta, overallLine, percentOf, skippedText, syncLine } from './transfer-format'

const job = (over: Partial<TransferInfo>): TransferInfo =>
  ({ state: 'running', bytesDone: 0, bytesTotal: 0, bytesPerSecond: 0, ...over }) as TransferInfo

describe('transfer formatting', () => {
  it('formats ETAs as clock times', () => {
    expect(formatEta(null)).toBe('')
    expect(formatEta(65)).toBe('1:05')
    expect(formatEta(7384)).toBe('2:03:04')
  })

  it('shows bytes and percent, an empty finished job at 100%', () => {
    expect(formatBytesLine({ bytesDone: 1024 * 1024, bytesTotal: 4 * 1024 * 1024 })).toBe('1.0 MiB of 4.0 MiB')
    const copy = { kind: 'copy', filesDone: 0, filesTotal: 0 } as const
    expect(percentOf({ ...copy, bytesDone: 1, bytesTotal: 3, state: 'running' })).toBe(33)
    expect(percentOf({ ...copy, bytesDone: 0, bytesTotal: 0, state: 'done' })).toBe(100)
  })

  it('names an operation by what it does and counts its entries', () => {
    expect(jobTitle({ kind: 'delete', name: 'site-old' }, 'site-old')).toBe('Delete site-old')
    expect(jobTitle({ kind: 'copy', name: 'site-old' }, 'site-old')).toBe('site-old')
    expect(operationLine({ kind: 'delete', state: 'running', filesDone: 1204, filesTotal: 5050 })).toBe('1,204 of 5,050 entries')
    expect(percentOf({ kind: 'delete', state: 'running', filesDone: 50, filesTotal: 200, bytesDone: 0, bytesTotal: 0 })).toBe(25)
    expect(operationLine({ kind: 'size', state: 'done', filesDone: 3, filesTotal: 3, count: { bytes: 2048, files: 2, folders: 1, links: 0, others: 0 } })).toBe('2.0 KiB in 2 files, 1 folder')
  })

  it('sums the open jobs in the overall line', () => {
    const jobs = [job({ bytesDone: 50, bytesTotal: 100, bytesPerSecond: 2048 }), job({ state: 'queued', bytesTotal: 100 }), job({ state: 'done', bytesDone: 7, bytesTotal: 7 })]
    expect(overallLine(jobs)).toBe('1 running, 1 waiting · 25% of 200 B · 2.0 KiB/s')
    expect(overallLine([])).toBe('No transfers')
  })

  it('says when something failed, also once everything has finished', () => {
    const failed = job({ state: 'failed', problemCount: 12 })
    expect(overallLine([job({ state: 'done' }), failed])).toBe('Finished, 12 failed')
    expect(overallLine([job({ state: 'done' }), job({ state: 'failed', problemCount: 0 })])).toBe('Finished, 1 failed')
    expect(overallLine([job({ state: 'done' }), job({ state: 'done' })])).toBe('All transfers finished')
    expect(overallLine([job({ state: 'done' }), job({ state: 'cancelled' }), failed])).toBe('Finished, 12 failed, 1 cancelled')
    expect(overallLine([job({ state: 'paused', bytesDone: 1, bytesTotal: 4 })])).toBe('0 running, 0 waiting, 1 paused · 25% of 4 B')
    expect(overallLine([job({ bytesDone: 1, bytesTotal: 2 }), failed])).toBe('1 running, 0 waiting · 50% of 2 B · 12 failed')
  })

  it('says what a synchronization copies and deletes, the deletions last, and what it skipped', () => {
    const sync = { files: 3, folders: 1, deletions: 2, deleted: 0 }
    expect(syncLine({ sync, direction: 'upload', state: 'running', filesSkipped: 0 })).toBe('3 files, 1 folder to copy · 2 to delete on the server, last')
    expect(syncLine({ sync: { ...sync, deleted: 1 }, direction: 'download', state: 'running', filesSkipped: 0 })).toBe('3 files, 1 folder to copy · 1 of 2 deleted on this computer')
    expect(syncLine({ sync: { ...sync, deleted: 2 }, direction: 'upload', state: 'done', filesSkipped: 1 })).toBe('2 files, 1 folder copied · 2 of 2 deleted on the server')
    expect(syncLine({ sync: { files: 0, folders: 0, deletions: 0, deleted: 0 }, direction: 'upload', state: 'done', filesSkipped: 0 })).toBe('nothing to do')
    expect(skippedText({ filesSkipped: 2, sync })).toBe('2 files left as they were: changed after the preview, and skipped')
    expect(skippedText({ filesSkipped: 1 })).toBe('1 file was already there and skipped')
  })
})
