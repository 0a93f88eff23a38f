import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

interface DialogProps {
  readonly role?: 'dialog' | 'alertdialog'
  readonly title: string
  /** Escape, and whatever the caller wires to its Cancel/Close button. */
  readonly onCancel: () => void
  readonly children: ReactNode
  readonly actions: ReactNode
  /** Another class beside `dialog` (a wider one: `Find files`). */
  readonly className?: string
}

const focusableSelector = 'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])'

// Keeps Tab inside the dialog: aria-modal promises assistive tech that nothing else is reachable.
function trapTab(event: KeyboardEvent<HTMLDivElement>): void {
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(focusableSelector))
  const first = focusable[0]
  const last = focusable.at(-1)
  if (!first || !last) return
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * A modal dialog: labelled by its title, focus moved to the element marked `data-autofocus`
 * (the primary action) on open and given back on close, Escape cancels, Tab stays inside.
 */
export function Dialog({ role = 'dialog', title, onCancel, children, actions, className }: DialogProps) {
  const titleId = useId()
  const panelRef = useRef<HTMLDivElement>(null)

  // Escape still cancels when the focused control went away (a button replaced by its result) and focus fell to the page.
  const cancelRef = useRef(onCancel)
  useEffect(() => {
    cancelRef.current = onCancel
  })
  useEffect(() => {
    const onStrayKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || (document.activeElement && document.activeElement !== document.body)) return
      event.preventDefault()
      cancelRef.current()
    }
    window.addEventListener('keydown', onStrayKey)
    return () => window.removeEventListener('keydown', onStrayKey)
  }, [])

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const panel = panelRef.current
    const initial = panel?.querySelector<HTMLElement>('[data-autofocus]') ?? panel?.querySelector<HTMLElement>(focusableSelector)
    initial?.focus()
    return () => previous?.focus?.()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    } else if (event.key === 'Tab') {
      trapTab(event)
    }
  }

  return (
    <div className="dialog-backdrop">
      <div ref={panelRef} className={className ? `dialog ${className}` : 'dialog'} role={role} aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  )
}
