import { describe, expect, it } from 'vitest'
import { navigationKeyFor } from './nav-keys'

const press = (key: string, modifiers: { alt?: boolean; ctrl?: boolean; shift?: boolean } = {}) => ({
  key,
  altKey: modifiers.alt ?? false,
  ctrlKey: modifiers.ctrl ?? false,
  shiftKey: modifiers.shift ?? false,
  metaKey: false,
})

describe('navigation keys', () => {
  it('Alt+Left and Alt+Right step back and forward; plain arrows are the cursor’s', () => {
    expect(navigationKeyFor(press('ArrowLeft', { alt: true }))).toBe('back')
    expect(navigationKeyFor(press('ArrowRight', { alt: true }))).toBe('forward')
    expect(navigationKeyFor(press('ArrowLeft'))).toBeNull()
  })

  it('Ctrl+B bookmarks and Ctrl+Alt+F filters, whatever the letter’s case', () => {
    expect(navigationKeyFor(press('b', { ctrl: true }))).toBe('bookmark')
    expect(navigationKeyFor(press('F', { ctrl: true, alt: true }))).toBe('filter')
    expect(navigationKeyFor(press('b', { ctrl: true, shift: true }))).toBeNull()
    expect(navigationKeyFor(press('f', { ctrl: true }))).toBeNull()
  })

  it('Ctrl+Alt+B turns synchronized browsing on or off; Ctrl+B alone still bookmarks', () => {
    expect(navigationKeyFor(press('b', { ctrl: true, alt: true }))).toBe('synced-browsing')
    expect(navigationKeyFor(press('B', { ctrl: true, alt: true }))).toBe('synced-browsing')
  })
})
