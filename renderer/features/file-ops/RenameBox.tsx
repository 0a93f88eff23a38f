import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { PaneKey } from '../../stores/pane-state'
import { useFileOpsStore } from '../../stores/file-ops-store'
import { notifyFailure } from '../../stores/notices-store'
import { applyRename, extensionOf, nameProblemIn } from './file-commands'

interface RenameBoxProps {
  readonly paneKey: PaneKey
  readonly name: string
  readonly isFolder: boolean
  /** Offset of the row from the top of the rows, px. */
  readonly top: number
}

/**
 * F2: the textbox `Name` over the row being renamed, prefilled, the name without its extension
 * selected. Enter (or leaving it) applies, Escape cancels; a name that cannot be is refused
 * with the reason before anything is sent, and the box stays.
 */
export function RenameBox({ paneKey, name, isFolder, top }: RenameBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState(name)
  const isDone = useRef(false)
  const problem = value === name ? null : nameProblemIn(paneKey, value)
  const stop = () => {
    isDone.current = true
    useFileOpsStore.getState().setRenaming(null)
    // Back to the grid, for the next key.
    inputRef.current?.closest<HTMLElement>('[role="grid"]')?.focus()
  }

  useEffect(() => {
    const input = inputRef.current
    if (!input) return
    input.focus({ preventScroll: true })
    input.setSelectionRange(0, name.length - extensionOf(name, isFolder).length)
  }, [name, isFolder])

  const apply = async () => {
    if (isDone.current) return
    if (value === name) return stop()
    if (problem) return
    stop()
    const error = await applyRename(paneKey, name, value)
    if (error) notifyFailure(error)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The grid's keys (letters jump, F-keys act) stay out of the box.
    event.stopPropagation()
    if (event.key === 'Enter') {
      event.preventDefault()
      void apply()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      stop()
    }
  }
  return (
    <div className="rename-box" style={{ transform: `translateY(${top}px)` }}>
      <input
        ref={inputRef}
        aria-label="Name"
        value={value}
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${paneKey}-rename-problem` : undefined}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void apply()}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
        onMouseDown={(event) => event.stopPropagation()}
      />
      {problem && (
        <span id={`${paneKey}-rename-problem`} className="rename-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  )
}
