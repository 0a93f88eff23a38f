import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { applySelection, emptySelection, initialSelection, remapSelection, selectedEntries } from './grid-selection'

const rows = ['a', 'b', 'c', 'd', 'e'].map((name): FsEntry => ({ name, type: 'file', size: 0, mtimeMs: 0, mode: 0, permissions: '' }))
const selectedNames = (state: { selected: ReadonlySet<string> }) => [...state.selected].sort()

describe('grid selection', () => {
  it('a click selects one row and moves the cursor there', () => {
    const state = applySelection(rows, emptySelection, { kind: 'click', index: 2, isToggle: false, isRange: false })
    expect(state.cursor).toBe(2)
    expect(selectedNames(state)).toEqual(['c'])
  })

  it('Ctrl+click toggles, Shift+click selects a range from the anchor', () => {
    let state = applySelection(rows, emptySelection, { kind: 'click', index: 1, isToggle: false, isRange: false })
    state = applySelection(rows, state, { kind: 'click', index: 3, isToggle: true, isRange: false })
    expect(selectedNames(state)).toEqual(['b', 'd'])
    state = applySelection(rows, state, { kind: 'click', index: 3, isToggle: true, isRange: false })
    expect(selectedNames(state)).toEqual(['b'])
    state = applySelection(rows, state, { kind: 'click', index: 0, isToggle: false, isRange: true })
    expect(selectedNames(state)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('plain moves select the cursor row; Shift+moves extend from the anchor', () => {
    let state = applySelection(rows, emptySelection, { kind: 'move', to: 1, isExtending: false })
    expect(selectedNames(state)).toEqual(['b'])
    state = applySelection(rows, state, { kind: 'move', to: 3, isExtending: true })
    expect(selectedNames(state)).toEqual(['b', 'c', 'd'])
    state = applySelection(rows, state, { kind: 'move', to: 99, isExtending: false })
    expect(state.cursor).toBe(4)
  })

  it('selects all and nothing', () => {
    const all = applySelection(rows, emptySelection, { kind: 'all' })
    expect(all.selected.size).toBe(5)
    expect(applySelection(rows, all, { kind: 'none' }).selected.size).toBe(0)
  })

  it('follows names across a re-sort and forgets vanished ones', () => {
    const state = { cursor: 1, anchor: 1, selected: new Set(['b', 'e']) }
    const reordered = [rows[4]!, rows[3]!, rows[1]!, rows[0]!]
    const remapped = remapSelection(rows, reordered, state)
    expect(remapped.cursor).toBe(2)
    expect(selectedNames(remapped)).toEqual(['b', 'e'])
    expect(selectedNames(remapSelection(rows, rows.slice(0, 2), state))).toEqual(['b'])
  })

  it('starts a new folder on the folder we came from', () => {
    expect(initialSelection(rows, 'd').cursor).toBe(3)
    expect(initialSelection(rows).selected.size).toBe(0)
    expect(initialSelection([]).cursor).toBe(-1)
  })

  it('gives the selection in row order, else the cursor row', () => {
    expect(selectedEntries(rows, { cursor: 0, anchor: 0, selected: new Set(['d', 'b']) }).map((e) => e.name)).toEqual(['b', 'd'])
    expect(selectedEntries(rows, { cursor: 2, anchor: 2, selected: new Set() }).map((e) => e.name)).toEqual(['c'])
  })
})
