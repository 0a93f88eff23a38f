import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { TreeCount } from '../../../shared/models/file-ops'
import type { FsEntry } from '../../../shared/models/fs'
import { Dialog } from '../../components/Dialog'
import { displayName } from '../file-grid/display-name'
import { formatModified, formatSize } from '../file-grid/entry-format'
import { PermissionGrid } from './PermissionGrid'
import { changeOf, hasMixed, isSameStates, nextState, octalOf, permissionStates, statesFromOctal, type BitName } from './permission-bits'
import './file-ops.css'

/** What OK asks for: only what the user changed. */
export interface PropertiesChange {
  /** Absent when no checkbox ended up different from how the dialog opened. */
  readonly permissions?: { readonly set: number; readonly clear: number }
  /** Absent when unchanged or left empty. */
  readonly owner?: string
  readonly group?: string
  readonly isRecursive: boolean
  /** Only ever true together with isRecursive, as its checkbox is enabled only then. */
  readonly isAddFolderExecute: boolean
}

/** The state of the folder-size calculation the caller runs as a job; `count` covers the whole selection. */
export interface PropertiesSize {
  readonly state: 'idle' | 'running' | 'done' | 'failed'
  readonly count?: TreeCount
  readonly message?: string
}

export interface PropertiesDialogProps {
  /** The selected entries (1 or more). Read once when the dialog opens: key it by the selection. */
  readonly entries: readonly FsEntry[]
  /** The folder they are in, shown as Location. */
  readonly location: string
  readonly canChown: boolean
  readonly size: PropertiesSize
  readonly onCalculate: () => void
  readonly onCancelCalculate: () => void
  /** OK with something changed; OK with nothing changed calls onClose instead. */
  readonly onApply: (change: PropertiesChange) => void
  readonly onClose: () => void
  /** Why the last OK was refused (an unknown owner), shown in the dialog, which stays open. */
  readonly problem?: string | null
}

// What the main process accepts as a user or group: a POSIX name or a number.
const ownerPattern = /^[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,63}\$?$/

const counted = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** `512 bytes`, or `1.2 MiB (1,234,567 bytes)`. */
function bytesText(bytes: number): string {
  const exact = counted(bytes, 'byte', 'bytes')
  return bytes < 1024 ? exact : `${formatSize(bytes)} (${exact})`
}

/** `1,204 files, 3 folders`, naming only the kinds there are. */
function countsText({ files, folders, links, others }: Omit<TreeCount, 'bytes'>): string {
  const parts = [
    files > 0 && counted(files, 'file', 'files'),
    folders > 0 && counted(folders, 'folder', 'folders'),
    links > 0 && counted(links, 'link', 'links'),
    others > 0 && counted(others, 'special file', 'special files'),
  ].filter((part) => part !== false)
  return parts.length > 0 ? parts.join(', ') : 'Empty'
}

function typeText(entries: readonly FsEntry[]): string {
  const [entry] = entries
  if (entries.length === 1 && entry) {
    if (entry.type === 'file') return 'File'
    if (entry.type === 'directory') return 'Folder'
    if (entry.type === 'other') return 'Special file'
    if (entry.linkTargetType === undefined) return 'Link (dangling)'
    return entry.linkTargetType === 'directory' ? 'Link to a folder' : 'Link to a file'
  }
  const of = (type: FsEntry['type']) => entries.filter((each) => each.type === type).length
  return countsText({ files: of('file'), folders: of('directory'), links: of('symlink'), others: of('other') })
}

/** The value every entry has, or null when they disagree. */
function common(values: readonly (string | undefined)[]): string | undefined | null {
  return values.every((value) => value === values[0]) ? values[0] : null
}

/** A typed owner or group, when it differs from what the entries had; empty means "leave it". */
function changedName(text: string, initial: string | undefined | null): string | undefined {
  const name = text.trim()
  return name !== '' && name !== (initial ?? '') ? name : undefined
}

interface SizeValueProps extends Pick<PropertiesDialogProps, 'entries' | 'size' | 'onCalculate' | 'onCancelCalculate'> {
  readonly hasFolder: boolean
}

function SizeValue({ entries, hasFolder, size, onCalculate, onCancelCalculate }: SizeValueProps) {
  if (!hasFolder) return bytesText(entries.reduce((sum, entry) => sum + entry.size, 0))
  const calculate = (
    <button type="button" onClick={onCalculate}>
      Calculate
    </button>
  )
  if (size.state === 'running') {
    return (
      <span className="properties-size">
        <span className="spinner" aria-hidden="true" />
        Calculating…
        <button type="button" onClick={onCancelCalculate}>
          Stop
        </button>
      </span>
    )
  }
  if (size.state === 'done' && size.count) {
    return (
      <span className="properties-size">
        {bytesText(size.count.bytes)}
        <span className="muted">{countsText(size.count)}</span>
      </span>
    )
  }
  if (size.state === 'failed') {
    return (
      <span className="properties-size">
        <span className="properties-failed">{size.message ?? 'The size could not be calculated.'}</span>
        {calculate}
      </span>
    )
  }
  return calculate
}

/** The dialog `Properties` (F9): what the selection is, its owner and group, and its permissions to change. */
export function PropertiesDialog({ entries, location, canChown, size, onCalculate, onCancelCalculate, onApply, onClose, problem = null }: PropertiesDialogProps) {
  const hintId = useId()
  const recursiveNoteId = useId()
  // Entries whose file system told no permissions count as unknown, not as 0000.
  const [initial] = useState(() => permissionStates(entries.filter((entry) => entry.permissions !== '').map((entry) => entry.mode)))
  const [initialOwner] = useState(() => common(entries.map((entry) => entry.owner)))
  const [initialGroup] = useState(() => common(entries.map((entry) => entry.group)))
  const [states, setStates] = useState(initial)
  const [octal, setOctal] = useState(() => octalOf(initial) ?? '')
  const [owner, setOwner] = useState(initialOwner ?? '')
  const [group, setGroup] = useState(initialGroup ?? '')
  const [isRecursive, setRecursive] = useState(false)
  const [isAddFolderExecute, setAddFolderExecute] = useState(true)

  const [single] = entries
  const isSingle = entries.length === 1 && single !== undefined
  const hasFolder = entries.some((entry) => entry.type === 'directory')
  // A link's own mode means nothing, and changing it would change what it points to.
  const isAllLinks = entries.every((entry) => entry.type === 'symlink')
  const ownerProblem = [owner, group].some((text) => text !== '' && !ownerPattern.test(text)) ? 'An owner or group is a name (letters, digits, . _ -) or a number.' : null
  // An empty box stands for the mixed bits it cannot spell; any other text must be octal.
  const isOctalValid = octal.trim() === '' ? hasMixed(states) : statesFromOctal(octal) !== null

  const onToggle = (name: BitName) => {
    const next = { ...states, [name]: nextState(states[name], initial[name]) }
    setStates(next)
    setOctal(octalOf(next) ?? '')
  }
  const onOctalChange = (text: string) => {
    setOctal(text)
    const typed = text.trim() === '' && hasMixed(initial) ? initial : statesFromOctal(text)
    if (typed) setStates(typed)
  }
  const onOctalBlur = () => {
    if (isOctalValid) setOctal(octalOf(states) ?? '')
  }
  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!isOctalValid || ownerProblem) return
    const isDeep = hasFolder && isRecursive
    const newOwner = canChown ? changedName(owner, initialOwner) : undefined
    const newGroup = canChown ? changedName(group, initialGroup) : undefined
    const isPermissionsChanged = !isAllLinks && !isSameStates(states, initial)
    if (!isPermissionsChanged && newOwner === undefined && newGroup === undefined) return onClose()
    onApply({
      ...(isPermissionsChanged && { permissions: changeOf(states) }),
      ...(newOwner !== undefined && { owner: newOwner }),
      ...(newGroup !== undefined && { group: newGroup }),
      isRecursive: isDeep,
      isAddFolderExecute: isDeep && isAddFolderExecute,
    })
  }

  const facts: readonly (readonly [string, ReactNode])[] = [
    ['Name', isSingle ? displayName(single.name) : `${entries.length.toLocaleString('en-US')} items`],
    ['Location', location],
    ['Type', typeText(entries)],
    ['Size', <SizeValue key="size" entries={entries} hasFolder={hasFolder} size={size} onCalculate={onCalculate} onCancelCalculate={onCancelCalculate} />],
    ...(isSingle && single.mtimeMs > 0 ? [['Modified', formatModified(single.mtimeMs)] as const] : []),
    ...(isSingle && single.type === 'symlink' ? [['Link target', single.linkTarget ?? ''] as const] : []),
  ]

  return (
    <Dialog
      title="Properties"
      onCancel={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" data-autofocus disabled={!isOctalValid || ownerProblem !== null} onClick={() => onSubmit()}>
            OK
          </button>
        </>
      }
    >
      <form className="profile-form properties-form" onSubmit={onSubmit}>
        <dl className="properties-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd aria-live={term === 'Size' ? 'polite' : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
        <div className="form-grid">
          <label className="field">
            <span>Owner</span>
            <input value={owner} placeholder={initialOwner === null ? '(mixed)' : undefined} readOnly={!canChown} spellCheck={false} aria-describedby={hintId} onChange={(event) => setOwner(event.target.value)} />
          </label>
          <label className="field">
            <span>Group</span>
            <input value={group} placeholder={initialGroup === null ? '(mixed)' : undefined} readOnly={!canChown} spellCheck={false} aria-describedby={hintId} onChange={(event) => setGroup(event.target.value)} />
          </label>
        </div>
        <p id={hintId} className="properties-note">
          {canChown ? 'A name or a number (uid, gid) is accepted.' : 'This file system cannot change owners.'}
        </p>
        {(ownerProblem ?? problem) && (
          <p className="form-error" role="alert">
            {ownerProblem ?? problem}
          </p>
        )}
        <PermissionGrid states={states} octal={octal} isOctalValid={isOctalValid} onToggle={onToggle} onOctalChange={onOctalChange} onOctalBlur={onOctalBlur} isDisabled={isAllLinks} />
        {isAllLinks && <p className="properties-note">A link has no permissions of its own, and Skiff never changes what it points to: open the target to change its permissions.</p>}
        {hasFolder && (
          <div className="properties-recursive">
            <label className="toggle">
              <input type="checkbox" checked={isRecursive} onChange={(event) => setRecursive(event.target.checked)} />
              Apply to subfolders
            </label>
            <label className="toggle">
              <input type="checkbox" checked={isAddFolderExecute} disabled={!isRecursive} aria-describedby={recursiveNoteId} onChange={(event) => setAddFolderExecute(event.target.checked)} />
              Add X to folders
            </label>
            <p id={recursiveNoteId} className="properties-note">
              Folders get x wherever they get r, so they stay enterable.
            </p>
          </div>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}
