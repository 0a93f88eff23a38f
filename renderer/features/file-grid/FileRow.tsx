import { memo } from 'react'
import type { FsEntry } from '../../../shared/models/fs'
import { markText, type CompareMark } from '../compare/compare-marks'
import { nameParts } from './display-name'
import { formatModified, formatPermissions, formatSize, isFolderLike } from './entry-format'

interface FileRowProps {
  readonly id: string
  readonly entry: FsEntry
  readonly index: number
  /** Offset from the top of the rows, in px. */
  readonly top: number
  readonly isSelected: boolean
  readonly isCursor: boolean
  /** A folder row a drag is over: dropping copies into it. */
  readonly isDropTarget: boolean
  /** How the entry stands against the other pane's folder, while they are compared. */
  readonly compareMark?: CompareMark | undefined
}

function iconClass(entry: FsEntry): string {
  const isFolder = isFolderLike(entry)
  if (entry.type === 'symlink') return isFolder ? 'icon icon-folder icon-link' : 'icon icon-file icon-link'
  return isFolder ? 'icon icon-folder' : 'icon icon-file'
}

/** The name cell's text is exactly the name; control characters appear as marked escapes, never raw. */
export function NameText({ name }: { readonly name: string }) {
  const parts = nameParts(name)
  if (parts.length === 1 && !parts[0]!.isEscape) return <span className="name-text">{name}</span>
  return (
    <span className="name-text">
      {parts.map((part, i) => (part.isEscape ? <span key={i} className="name-escape">{part.text}</span> : part.text))}
    </span>
  )
}

/**
 * One entry. Memoized on plain props, and without handlers of its own (the grid delegates
 * clicks by `data-index`), so scrolling 100k rows allocates no closures per row.
 */
export const FileRow = memo(function FileRow({ id, entry, index, top, isSelected, isCursor, isDropTarget, compareMark }: FileRowProps) {
  const isFolder = isFolderLike(entry)
  const compareClass = compareMark ? ` compare-${compareMark.state}` : ''
  const className = `grid-row${isSelected ? ' is-selected' : ''}${isCursor ? ' is-cursor' : ''}${isDropTarget ? ' is-drop-target' : ''}${compareClass}`
  return (
    <div
      id={id}
      role="row"
      className={className}
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-index={index}
      draggable
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell-name" title={entry.linkTarget ? `${entry.name} → ${entry.linkTarget}` : entry.name}>
        <span className={iconClass(entry)} aria-hidden="true" />
        <NameText name={entry.name} />
      </div>
      <div role="gridcell" className="cell cell-size">
        {isFolder ? '' : formatSize(entry.size)}
      </div>
      <div role="gridcell" className="cell cell-modified">
        {formatModified(entry.mtimeMs)}
      </div>
      <div role="gridcell" className="cell cell-permissions">
        {formatPermissions(entry)}
      </div>
      {compareMark && (
        <div role="gridcell" className="cell cell-compare" title={markText(compareMark)}>
          {compareMark.counts ? (
            <>
              <span className="visually-hidden">{compareMark.word}: </span>
              {compareMark.counts}
            </>
          ) : (
            compareMark.word
          )}
        </div>
      )}
    </div>
  )
})
