import { useShallow } from 'zustand/react/shallow'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { fileCommands, type FileCommand } from './file-keys'

/** A pane's buttons for the common file commands; each acts on the selection (or the focused row), like its key. */
export function PaneActions({ paneKey, side }: { readonly paneKey: PaneKey; readonly side: string }) {
  const { hasFolder, hasChoice } = usePanesStore(
    useShallow((state) => {
      const pane = state.panes[paneKey]
      const cursorRow = pane ? pane.rows[pane.selection.cursor] : undefined
      return { hasFolder: Boolean(pane?.listing), hasChoice: Boolean(pane && (pane.selection.selected.size > 0 || cursorRow)) }
    }),
  )
  const button = (command: FileCommand, glyph: string, needsChoice: boolean) => (
    <button
      type="button"
      title={`${command.label.replace('…', '')} (${command.shortcut})`}
      disabled={!hasFolder || (needsChoice && !hasChoice)}
      onClick={(event) => {
        // The grid takes focus first, so a dialog gives it back there and the keys go on working.
        event.currentTarget.closest('.pane')?.querySelector<HTMLElement>('[role="grid"]')?.focus()
        command.run(paneKey)
      }}
    >
      <span className="glyph" aria-hidden="true">
        {glyph}
      </span>{' '}
      {command.label.replace('…', '')}
    </button>
  )
  return (
    <div className="pane-actions" role="toolbar" aria-label={`${side} file commands`}>
      {button(fileCommands.newFolder, '+', false)}
      {button(fileCommands.rename, '✎', true)}
      {button(fileCommands.delete, '✕', true)}
      {button(fileCommands.properties, '⚙', true)}
      {button(fileCommands.find, '⌕', false)}
    </div>
  )
}
