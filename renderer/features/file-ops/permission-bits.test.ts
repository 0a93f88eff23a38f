import { describe, expect, it } from 'vitest'
import { changeOf, hasMixed, nextState, octalOf, permissionBits, permissionStates, statesFromOctal, symbolicOf } from './permission-bits'

// Type bits ride along in st_mode; the model must look at the low 12 only.
const file = (permissions: number) => 0o100000 | permissions
const folder = (permissions: number) => 0o040000 | permissions

describe('permission bits', () => {
  it('lists the 12 bits in display order with their labels', () => {
    expect(permissionBits.map((bit) => bit.label)).toEqual([
      'Owner read',
      'Owner write',
      'Owner execute',
      'Group read',
      'Group write',
      'Group execute',
      'Others read',
      'Others write',
      'Others execute',
      'Set UID',
      'Set GID',
      'Sticky',
    ])
    expect(permissionBits.reduce((sum, { bit }) => sum | bit, 0)).toBe(0o7777)
  })

  it('reads one entry as on and off bits', () => {
    const states = permissionStates([file(0o644)])
    expect(states.ownerRead).toBe('on')
    expect(states.ownerWrite).toBe('on')
    expect(states.ownerExecute).toBe('off')
    expect(states.groupWrite).toBe('off')
    expect(states.setUid).toBe('off')
    expect(hasMixed(states)).toBe(false)
    expect(octalOf(states)).toBe('0644')
    expect(symbolicOf(states)).toBe('rw-r--r--')
  })

  it('marks a bit mixed where several entries disagree', () => {
    const states = permissionStates([file(0o644), folder(0o755), file(0o600)])
    expect(states.ownerRead).toBe('on')
    expect(states.ownerWrite).toBe('on')
    expect(states.ownerExecute).toBe('mixed')
    expect(states.groupRead).toBe('mixed')
    expect(states.groupWrite).toBe('off')
    expect(states.sticky).toBe('off')
    expect(hasMixed(states)).toBe(true)
    expect(octalOf(states)).toBeNull()
    expect(symbolicOf(states)).toBe('rw??-??-?')
  })

  it('knows nothing, and so claims nothing, for no entries', () => {
    expect(Object.values(permissionStates([]))).toEqual(Array(12).fill('mixed'))
  })

  it('shows the special bits as ls does', () => {
    expect(symbolicOf(statesFromOctal('4755')!)).toBe('rwsr-xr-x')
    expect(symbolicOf(statesFromOctal('4644')!)).toBe('rwSr--r--')
    expect(symbolicOf(statesFromOctal('2775')!)).toBe('rwxrwsr-x')
    expect(symbolicOf(statesFromOctal('2764')!)).toBe('rwxrwSr--')
    expect(symbolicOf(statesFromOctal('1777')!)).toBe('rwxrwxrwt')
    expect(symbolicOf(statesFromOctal('1776')!)).toBe('rwxrwxrwT')
    expect(symbolicOf(permissionStates([0o4755, 0o755]))).toBe('rw?r-xr-x')
  })

  it('round-trips octal text through the checkboxes', () => {
    for (const text of ['0000', '0644', '0755', '0777', '4755', '2750', '1777', '7777']) {
      expect(octalOf(statesFromOctal(text)!)).toBe(text)
    }
    expect(octalOf(statesFromOctal('644')!)).toBe('0644')
    expect(octalOf(statesFromOctal(' 755 ')!)).toBe('0755')
  })

  it('refuses text that is not 3 or 4 octal digits', () => {
    for (const text of ['', '64', '06444', '0648', '9', 'rwx', '0o644', '-644', '6 44', '0x1ff']) {
      expect(statesFromOctal(text)).toBeNull()
    }
  })

  it('turns states into bits to set and bits to clear', () => {
    expect(changeOf(statesFromOctal('0644')!)).toEqual({ set: 0o644, clear: 0o7133 })
    expect(changeOf(statesFromOctal('4755')!)).toEqual({ set: 0o4755, clear: 0o3022 })
  })

  it('leaves mixed bits out of both masks, so each entry keeps its own', () => {
    const change = changeOf(permissionStates([file(0o644), file(0o755)]))
    expect(change).toEqual({ set: 0o644, clear: 0o7022 })
    expect(change.set & change.clear).toBe(0)
    expect((change.set | change.clear) & 0o111).toBe(0)
  })

  it('cycles a bit that opened mixed back to mixed, and toggles any other', () => {
    expect(nextState('mixed', 'mixed')).toBe('on')
    expect(nextState('on', 'mixed')).toBe('off')
    expect(nextState('off', 'mixed')).toBe('mixed')
    expect(nextState('on', 'on')).toBe('off')
    expect(nextState('off', 'on')).toBe('on')
    expect(nextState('off', 'off')).toBe('on')
  })
})
