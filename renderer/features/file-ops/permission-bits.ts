// The permission model of the dialog `Properties`: the low 12 bits of st_mode, each on, off,
// or mixed when the selected entries disagree. Pure, so it is tested without React.

/** A checkbox's state: every entry has the bit, none has it, or some have it. */
export type BitState = 'on' | 'off' | 'mixed'

/** One of the 12 permission bits, by what it means. */
export type BitName =
  | 'ownerRead'
  | 'ownerWrite'
  | 'ownerExecute'
  | 'groupRead'
  | 'groupWrite'
  | 'groupExecute'
  | 'othersRead'
  | 'othersWrite'
  | 'othersExecute'
  | 'setUid'
  | 'setGid'
  | 'sticky'

export interface PermissionBit {
  readonly name: BitName
  /** The bit's value in st_mode, e.g. 0o400 for owner read. */
  readonly bit: number
  /** The checkbox's accessible name. */
  readonly label: string
}

/** The 12 bits in display order: read/write/execute for owner, group and others, then the special bits. */
export const permissionBits: readonly PermissionBit[] = [
  { name: 'ownerRead', bit: 0o400, label: 'Owner read' },
  { name: 'ownerWrite', bit: 0o200, label: 'Owner write' },
  { name: 'ownerExecute', bit: 0o100, label: 'Owner execute' },
  { name: 'groupRead', bit: 0o040, label: 'Group read' },
  { name: 'groupWrite', bit: 0o020, label: 'Group write' },
  { name: 'groupExecute', bit: 0o010, label: 'Group execute' },
  { name: 'othersRead', bit: 0o004, label: 'Others read' },
  { name: 'othersWrite', bit: 0o002, label: 'Others write' },
  { name: 'othersExecute', bit: 0o001, label: 'Others execute' },
  { name: 'setUid', bit: 0o4000, label: 'Set UID' },
  { name: 'setGid', bit: 0o2000, label: 'Set GID' },
  { name: 'sticky', bit: 0o1000, label: 'Sticky' },
]

/** The state of every bit. */
export type BitStates = Readonly<Record<BitName, BitState>>

function statesBy(stateOf: (bit: PermissionBit) => BitState): BitStates {
  return Object.fromEntries(permissionBits.map((bit) => [bit.name, stateOf(bit)])) as Record<BitName, BitState>
}

/**
 * The bits of one or several entries' modes. A bit is mixed when the entries disagree, and
 * every bit is mixed for no entries at all: nothing is known, so nothing should be changed.
 */
export function permissionStates(modes: readonly number[]): BitStates {
  return statesBy(({ bit }) => {
    if (modes.length === 0) return 'mixed'
    const onCount = modes.filter((mode) => (mode & bit) !== 0).length
    return onCount === modes.length ? 'on' : onCount === 0 ? 'off' : 'mixed'
  })
}

/** True when at least one bit is mixed. */
export function hasMixed(states: BitStates): boolean {
  return permissionBits.some(({ name }) => states[name] === 'mixed')
}

/** True when both have every bit in the same state. */
export function isSameStates(a: BitStates, b: BitStates): boolean {
  return permissionBits.every(({ name }) => a[name] === b[name])
}

/** Four octal digits such as `0644` or `4755`; null when any bit is mixed, as no number says that. */
export function octalOf(states: BitStates): string | null {
  if (hasMixed(states)) return null
  const mode = permissionBits.reduce((sum, { name, bit }) => (states[name] === 'on' ? sum | bit : sum), 0)
  return mode.toString(8).padStart(4, '0')
}

/** The bits that 3 or 4 octal digits spell (`644`, `0644`, `4755`); null for any other text. */
export function statesFromOctal(text: string): BitStates | null {
  const digits = text.trim()
  if (!/^[0-7]{3,4}$/.test(digits)) return null
  return permissionStates([Number.parseInt(digits, 8)])
}

/** What to do to each entry: bits to turn on, bits to turn off. A mixed bit is in neither, so each entry keeps its own. */
export function changeOf(states: BitStates): { readonly set: number; readonly clear: number } {
  let set = 0
  let clear = 0
  for (const { name, bit } of permissionBits) {
    if (states[name] === 'on') set |= bit
    else if (states[name] === 'off') clear |= bit
  }
  return { set, clear }
}

interface Triad {
  readonly read: BitName
  readonly write: BitName
  readonly execute: BitName
  /** The special bit `ls` folds into this triad's execute column, and the letter it shows. */
  readonly special: BitName
  readonly letter: 's' | 't'
}

const triads: readonly Triad[] = [
  { read: 'ownerRead', write: 'ownerWrite', execute: 'ownerExecute', special: 'setUid', letter: 's' },
  { read: 'groupRead', write: 'groupWrite', execute: 'groupExecute', special: 'setGid', letter: 's' },
  { read: 'othersRead', write: 'othersWrite', execute: 'othersExecute', special: 'sticky', letter: 't' },
]

function plainChar(state: BitState, letter: string): string {
  return state === 'mixed' ? '?' : state === 'on' ? letter : '-'
}

// As ls shows it: `s`/`t` with execute, `S`/`T` without; `?` when either of the two is mixed.
function executeChar(execute: BitState, special: BitState, letter: 's' | 't'): string {
  if (execute === 'mixed' || special === 'mixed') return '?'
  if (special === 'off') return execute === 'on' ? 'x' : '-'
  return execute === 'on' ? letter : letter.toUpperCase()
}

/** `rwxr-xr-x` style, nine characters, with `s`/`S`/`t`/`T` as ls shows them and `?` for a mixed bit. */
export function symbolicOf(states: BitStates): string {
  return triads
    .map((triad) => plainChar(states[triad.read], 'r') + plainChar(states[triad.write], 'w') + executeChar(states[triad.execute], states[triad.special], triad.letter))
    .join('')
}

/**
 * The state after a click. A bit that was mixed when the dialog opened cycles
 * mixed → on → off → mixed, so "leave each entry as it is" can be chosen again; any other bit
 * just toggles.
 */
export function nextState(current: BitState, initial: BitState): BitState {
  if (current === 'mixed') return 'on'
  if (current === 'on') return 'off'
  return initial === 'mixed' ? 'mixed' : 'on'
}
