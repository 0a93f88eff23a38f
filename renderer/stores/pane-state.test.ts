import { describe, expect, it } from 'vitest'
import type { DirListing, FsEntry } from '../../shared/models/fs'
import { applySelection } from '../features/file-grid/grid-selection'
import { createPane, withFilter, withListing, withSelection, withView, type PaneState } from './pane-state'

const entry = (name: string): FsEntry => ({ name, type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: '' })
const listing = (path: string, names: readonly string[]): DirListing => ({ path, parentPath: '/', separator: '/', entries: names.map(entry) })
const names = (pane: PaneState) => pane.rows.map((row) => row.name)
const selected = (pane: PaneState) => [...pane.selection.selected].sort()
const selectAll = (pane: PaneState) => withSelection(pane, applySelection(pane.rows, pane.selection, { kind: 'all' }))

describe('a pane’s filter', () => {
  const shown = withListing(createPane({ kind: 'local' }, '/data', 'local'), listing('/data', ['a1.txt', 'a2.log', 'b7.txt', 'c7.txt']))

  it('hides the rows that do not pass, and deselects them', () => {
    const filtered = withFilter(selectAll(shown), '*7.txt')
    expect(names(filtered)).toEqual(['b7.txt', 'c7.txt'])
    expect(selected(filtered)).toEqual(['b7.txt', 'c7.txt'])
    expect(filtered.sorted).toHaveLength(4)
  })

  it('narrows from the selection it started with while it is typed, not from the last keystroke', () => {
    let pane = selectAll(shown)
    for (const text of ['*', '*7', '*7.', '*7.txt']) pane = withFilter(pane, text)
    expect(selected(pane)).toEqual(['b7.txt', 'c7.txt'])
  })

  it('a selection made while filtered is what remains once the filter is cleared', () => {
    let pane = withFilter(selectAll(shown), 'a')
    pane = withSelection(pane, applySelection(pane.rows, pane.selection, { kind: 'click', index: 0, isToggle: false, isRange: false }))
    pane = withFilter(pane, '')
    expect(names(pane)).toHaveLength(4)
    expect(selected(pane)).toEqual(['a1.txt'])
  })

  it('stays through a refresh and clears when the folder changes', () => {
    const filtered = withFilter(shown, 'a')
    expect(names(withListing(filtered, listing('/data', ['a1.txt', 'a3.txt', 'b7.txt'])))).toEqual(['a1.txt', 'a3.txt'])
    const elsewhere = withListing(filtered, listing('/other', ['a1.txt', 'zz']))
    expect(elsewhere.filter).toBe('')
    expect(names(elsewhere)).toEqual(['a1.txt', 'zz'])
  })

  it('answers a keystroke on 100,000 rows without sorting them again', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `file-${i}.dat`)
    const sortStarted = performance.now()
    let pane = selectAll(withListing(createPane({ kind: 'local' }, '/big', 'local'), listing('/big', many)))
    const listingTime = performance.now() - sortStarted
    const started = performance.now()
    for (const text of ['f', 'fi', 'file-9', 'file-99', 'file-999', 'file-9999']) pane = withFilter(pane, text)
    const perKeystroke = (performance.now() - started) / 6
    expect(pane.rows).toHaveLength(11)
    expect(pane.selection.selected.size).toBe(11)
    // Timed against the sort the listing needed, on the same machine: a keystroke costs a fraction of it.
    expect(perKeystroke).toBeLessThan(listingTime / 2)
  })
})

describe('names excluded from a pane (Hide identical)', () => {
  const shown = withListing(createPane({ kind: 'local' }, '/data', 'local'), listing('/data', ['.env', 'a1.txt', 'a2.log', 'b7.txt']))
  const hiding = (pane: PaneState, excluded: readonly string[]) => withView(pane, pane.sort, pane.showHidden, new Set(excluded))

  it('takes them out of the rows and the selection, with hidden files and the filter on top', () => {
    const pane = hiding(selectAll(shown), ['a1.txt'])
    expect(names(pane)).toEqual(['.env', 'a2.log', 'b7.txt'])
    expect(selected(pane)).toEqual(['.env', 'a2.log', 'b7.txt'])
    expect(names(withFilter(pane, 'a'))).toEqual(['a2.log'])
    expect(names(withFilter(withView(pane, pane.sort, false), '*.*'))).toEqual(['a2.log', 'b7.txt'])
  })

  it('keeps them out through a refresh, and shows everything in another folder', () => {
    const pane = hiding(shown, ['a1.txt'])
    expect(names(withListing(pane, listing('/data', ['a1.txt', 'a3.txt'])))).toEqual(['a3.txt'])
    expect(names(withListing(pane, listing('/other', ['a1.txt'])))).toEqual(['a1.txt'])
  })

  it('shows them again once the set is empty', () => {
    expect(names(hiding(hiding(shown, ['a1.txt']), []))).toEqual(['.env', 'a1.txt', 'a2.log', 'b7.txt'])
  })
})
