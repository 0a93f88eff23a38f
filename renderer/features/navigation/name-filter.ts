import type { FsEntry } from '../../../shared/models/fs'

function maskPattern(mask: string): RegExp {
  const source = Array.from(mask, (char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')
  return new RegExp(`^${source}$`, 'iu')
}

/**
 * Whether a name passes a pane's filter text: with `*` or `?` it is a mask matched against the
 * whole name (`*.log`, `report-??.csv`), else a piece the name contains. Both ignore case.
 * Null when the text filters nothing (empty or spaces).
 */
export function nameMatcher(text: string): ((name: string) => boolean) | null {
  const wanted = text.trim()
  if (!wanted) return null
  if (/[*?]/.test(wanted)) {
    const pattern = maskPattern(wanted)
    return (name) => pattern.test(name)
  }
  const piece = wanted.toLowerCase()
  return (name) => name.toLowerCase().includes(piece)
}

/** The rows that pass the filter, in their order; the same array when nothing is filtered. */
export function filterRows(rows: readonly FsEntry[], text: string): readonly FsEntry[] {
  const matches = nameMatcher(text)
  return matches ? rows.filter((row) => matches(row.name)) : rows
}
