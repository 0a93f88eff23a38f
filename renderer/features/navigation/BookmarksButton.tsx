import type { MenuItem } from '../../components/ContextMenu'
import { MenuButton } from '../../components/MenuButton'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { bookmarkFolder, removeBookmark, usePaneBookmarks } from './pane-bookmarks'
import { paneGridOf } from './pane-focus'

/** The pane's `Bookmarks` menu: each bookmark goes there (its × removes it), and the folder shown can be added. */
export function BookmarksButton({ paneKey }: { readonly paneKey: PaneKey }) {
  const bookmarks = usePaneBookmarks(paneKey)
  const folder = usePanesStore((state) => state.panes[paneKey]?.listing?.path)
  const items: MenuItem[] = bookmarks.map((bookmark) => ({
    label: bookmark,
    isPath: true,
    onSelect: () => void usePanesStore.getState().navigate(paneKey, bookmark),
    remove: { label: `Remove bookmark ${bookmark}`, onSelect: () => removeBookmark(paneKey, bookmark) },
  }))
  if (folder && !bookmarks.includes(folder)) items.push({ label: 'Bookmark this folder', shortcut: 'Ctrl+B', onSelect: () => bookmarkFolder(paneKey) })
  if (items.length === 0) items.push({ label: 'No bookmarks yet', isDisabled: true, onSelect: () => undefined })
  return (
    <MenuButton label="Bookmarks" title="Bookmarked folders (Ctrl+B adds the folder shown)" items={items} returnFocus={paneGridOf}>
      {/* Filled when the folder shown is bookmarked: Ctrl+B shows here that it took. */}
      <span className="glyph" aria-hidden="true">
        {folder && bookmarks.includes(folder) ? '★' : '☆'}
      </span>{' '}
      <span className="button-text">Bookmarks</span>
    </MenuButton>
  )
}
