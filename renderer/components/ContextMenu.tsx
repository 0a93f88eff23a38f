import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'

export interface MenuItem {
  readonly label: string
  /** Shown at the right: the key that does the same (`F5`). */
  readonly shortcut?: string
  readonly onSelect: () => void
  /** The label is a path: cut at its start when too long, so the folder's own name stays in view. */
  readonly isPath?: boolean
  /** Shown greyed, doing nothing (an empty list saying why). */
  readonly isDisabled?: boolean
  /** A second item on the same line, `×`, that removes this one (a bookmark); `label` is its accessible name. */
  readonly remove?: { readonly label: string; readonly onSelect: () => void }
}

interface ContextMenuProps {
  /** Where it opens, in viewport pixels: the pointer, or the focused row for the keyboard. */
  readonly x: number
  readonly y: number
  readonly label: string
  readonly items: readonly MenuItem[]
  readonly onClose: () => void
  /** The button that opened it: a press there is that button's (it closes the menu), not a click elsewhere. */
  readonly anchor?: Element | null
}

// React passes a portal's events up to the component that rendered it (a grid): they stop here.
function stopHere(event: { preventDefault(): void; stopPropagation(): void }): void {
  event.preventDefault()
  event.stopPropagation()
}

// Kept this far from the window's edges when it would not fit where it opens.
const edgeMargin = 4

/**
 * A right-click menu, drawn over everything at the point it opens (moved in from the window's
 * edges when it would not fit), focus on its first item without scrolling anything under it;
 * arrows move, Enter picks, Escape, Tab or a click elsewhere closes.
 */
export function ContextMenu({ x, y, label, items, onClose, anchor }: ContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState<{ left: number; top: number; maxHeight?: number }>({ left: x, top: y })

  useLayoutEffect(() => {
    const menu = menuRef.current
    if (!menu) return
    const { width, height } = menu.getBoundingClientRect()
    const left = Math.max(edgeMargin, Math.min(x, window.innerWidth - width - edgeMargin))
    // Below the pointer; above it where it does not fit below; where it fits neither, on the roomier
    // side, scrolling, so it still starts (or ends) at the pointer instead of covering it.
    const below = window.innerHeight - y - edgeMargin
    const above = y - edgeMargin
    if (height <= below) setPlace({ left, top: y })
    else if (height <= above) setPlace({ left, top: y - height })
    else if (below >= above) setPlace({ left, top: y, maxHeight: below })
    else setPlace({ left, top: edgeMargin, maxHeight: above })
  }, [x, y])

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true })
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !anchor?.contains(target)) onClose()
    }
    const onBlur = () => onClose()
    window.addEventListener('pointerdown', onPointer, true)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('pointerdown', onPointer, true)
      window.removeEventListener('blur', onBlur)
      previous?.focus?.({ preventScroll: true })
    }
  }, [onClose, anchor])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation()
    const entries = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])
    const at = entries.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      entries[(at + step + entries.length) % entries.length]?.focus({ preventScroll: true })
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      entries[event.key === 'Home' ? 0 : entries.length - 1]?.focus({ preventScroll: true })
    }
  }

  return createPortal(
    <div ref={menuRef} className="context-menu" role="menu" aria-label={label} tabIndex={-1} style={place} onKeyDown={onKeyDown} onContextMenu={stopHere}>
      {items.map((item) => {
        const entry = (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.isDisabled || undefined}
            // A long label (a path) ends in an ellipsis: hovering shows all of it.
            title={item.label.length > 40 ? item.label : undefined}
            onClick={() => {
              if (item.isDisabled) return
              onClose()
              item.onSelect()
            }}
          >
            {item.isPath ? (
              <span className="menu-label is-path">
                <bdi>{item.label}</bdi>
              </span>
            ) : (
              <span className="menu-label">{item.label}</span>
            )}
            {item.shortcut && <kbd className="menu-shortcut">{item.shortcut}</kbd>}
          </button>
        )
        if (!item.remove) return entry
        const { remove } = item
        return (
          <div key={item.label} role="none" className="menu-line">
            {entry}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-remove"
              aria-label={remove.label}
              title={remove.label}
              onClick={() => {
                // The line goes away: the menu keeps the focus, so its keys go on working.
                menuRef.current?.focus({ preventScroll: true })
                remove.onSelect()
              }}
            >
              ×
            </button>
          </div>
        )
      })}
    </div>,
    document.body,
  )
}
