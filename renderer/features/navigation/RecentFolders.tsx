import type { MenuItem } from '../../components/ContextMenu'
import { MenuButton } from '../../components/MenuButton'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { recentFolders } from './nav-history'
import { paneGridOf } from './pane-focus'

/** The Path box's drop-down: the folders this pane visited lately, newest first; picking one goes there. */
export function RecentFolders({ paneKey }: { readonly paneKey: PaneKey }) {
  const history = usePanesStore((state) => state.panes[paneKey]?.history)
  const folders = history ? recentFolders(history) : []
  const items: MenuItem[] =
    folders.length > 0
      ? folders.map((folder) => ({ label: folder, isPath: true, onSelect: () => void usePanesStore.getState().navigate(paneKey, folder) }))
      : [{ label: 'No other folders visited yet', isDisabled: true, onSelect: () => undefined }]
  return (
    <MenuButton label="Recent folders" title="Recent folders" className="path-history" items={items} returnFocus={paneGridOf}>
      <span className="glyph" aria-hidden="true">▾</span>
    </MenuButton>
  )
}
