/** Where a navigation key moves the cursor, or null when the key is not a navigation key. */
export function cursorTarget(key: string, cursor: number, count: number, pageSize: number): number | null {
  if (count === 0) return null
  const from = cursor < 0 ? -1 : cursor
  switch (key) {
    case 'ArrowDown':
      return Math.min(from + 1, count - 1)
    case 'ArrowUp':
      return Math.max(from - 1, 0)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    case 'PageDown':
      return Math.min(Math.max(from, 0) + pageSize, count - 1)
    case 'PageUp':
      return Math.max(from - pageSize, 0)
    default:
      return null
  }
}
