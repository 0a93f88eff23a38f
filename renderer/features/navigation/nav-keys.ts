/** The keys of a key event, as nav-keys compares them. */
interface KeyPress {
  readonly key: string
  readonly shiftKey: boolean
  readonly altKey: boolean
  readonly ctrlKey: boolean
  readonly metaKey: boolean
}

/** What a navigation key asks of the pane whose grid has focus. */
export type NavigationKey = 'back' | 'forward' | 'bookmark' | 'filter' | 'synced-browsing'

/**
 * WinSCP's and the browsers' navigation keys: Alt+Left and Alt+Right step through the pane's
 * history, Ctrl+B bookmarks its folder, Ctrl+Alt+F goes to its Filter box, Ctrl+Alt+B turns
 * synchronized browsing on or off (WinSCP's). Null for any other key.
 */
export function navigationKeyFor(press: KeyPress): NavigationKey | null {
  if (press.metaKey || press.shiftKey) return null
  const key = press.key.toLowerCase()
  if (press.altKey && !press.ctrlKey && press.key === 'ArrowLeft') return 'back'
  if (press.altKey && !press.ctrlKey && press.key === 'ArrowRight') return 'forward'
  if (press.ctrlKey && !press.altKey && key === 'b') return 'bookmark'
  if (press.ctrlKey && press.altKey && key === 'f') return 'filter'
  if (press.ctrlKey && press.altKey && key === 'b') return 'synced-browsing'
  return null
}
