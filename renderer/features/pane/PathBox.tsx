import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'

interface PathBoxProps {
  readonly path: string
  /** Changes whenever a navigation settles, so a failed one restores the shown path. */
  readonly version: number
  readonly onNavigate: (path: string) => void
  /** Drawn at the box's right end, as part of it (the Recent folders drop-down). */
  readonly children?: ReactNode
}

/**
 * The editable `Path` box: Enter navigates, Escape restores. A settled navigation resets the
 * draft, unless the user has typed since: a listing landing mid-typing never eats their text.
 */
export function PathBox({ path, version, onNavigate, children }: PathBoxProps) {
  const [draft, setDraft] = useState(path)
  const [isEdited, setIsEdited] = useState(false)
  const [syncedVersion, setSyncedVersion] = useState(version)
  // Adjusting state while rendering (not in an effect) avoids a frame showing the stale draft.
  if (syncedVersion !== version) {
    setSyncedVersion(version)
    if (!isEdited) setDraft(path)
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const target = draft.trim()
    setIsEdited(false)
    if (target) onNavigate(target)
    else setDraft(path)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return
    setIsEdited(false)
    setDraft(path)
  }

  return (
    <form className="path-form" onSubmit={onSubmit}>
      <input
        className="path-box"
        aria-label="Path"
        value={draft}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setIsEdited(true)
          setDraft(event.target.value)
        }}
        onKeyDown={onKeyDown}
      />
      {children}
    </form>
  )
}
