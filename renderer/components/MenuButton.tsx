import { useCallback, useRef, useState, type ReactNode } from 'react'
import { ContextMenu, type MenuItem } from './ContextMenu'

interface MenuButtonProps {
  /** The button's accessible name, and the menu's. */
  readonly label: string
  readonly title: string
  readonly className?: string
  /** What the button shows; `label` when absent. */
  readonly children?: ReactNode
  /** The menu's items: it follows them while open (a removed bookmark goes). */
  readonly items: readonly MenuItem[]
  /** Where the focus goes while the menu is open and after it closes (a pane's grid); the button when absent. */
  readonly returnFocus?: (button: HTMLElement) => HTMLElement | null | undefined
}

/** A button that opens a menu under itself (a drop-down); a second press closes it. */
export function MenuButton({ label, title, className, children, items, returnFocus }: MenuButtonProps) {
  const buttonRef = useRef<HTMLButtonElement>(null)
  const [menu, setMenu] = useState<{ x: number; y: number; anchor: HTMLElement } | null>(null)
  const close = useCallback(() => setMenu(null), [])
  const toggle = () => {
    const button = buttonRef.current
    if (menu || !button) return setMenu(null)
    // The menu gives the focus back to what had it when it opened: the grid, so its keys go on working.
    returnFocus?.(button)?.focus({ preventScroll: true })
    const box = button.getBoundingClientRect()
    setMenu({ x: box.left, y: box.bottom + 2, anchor: button })
  }
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-label={children ? label : undefined}
        title={title}
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        onClick={toggle}
      >
        {children ?? label}
      </button>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={label} items={items} onClose={close} anchor={menu.anchor} />}
    </>
  )
}
