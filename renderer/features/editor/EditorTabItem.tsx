import { memo } from 'react'
import { useEditorsStore, type EditorTab } from '../../stores/editors-store'

/** An editor's or viewer's tab: the file's name, a dot while unsaved, and its close button beside it (a tab may not hold buttons). */
export const EditorTabItem = memo(function EditorTabItem({ tab, color, isActive }: { readonly tab: EditorTab; readonly color: string; readonly isActive: boolean }) {
  const { show, requestClose } = useEditorsStore.getState()
  return (
    <div className={`session-tab editor-tab color-${color}${isActive ? ' is-active' : ''}${tab.isDirty ? ' is-dirty' : ''}`}>
      <div
        role="tab"
        aria-label={tab.isDirty ? `${tab.name} (unsaved changes)` : tab.name}
        aria-selected={isActive}
        tabIndex={isActive ? 0 : -1}
        data-tab-key={tab.editorId}
        title={tab.isDirty ? `${tab.title} (unsaved changes)` : tab.title}
        onClick={() => show(tab.editorId)}
      >
        <span className="glyph" aria-hidden="true">
          {tab.isReadOnly ? 'view' : 'edit'}
        </span>
        <span className="tab-title">{tab.name}</span>
        {tab.isDirty && (
          <span className="dirty-dot" aria-hidden="true">
            ●
          </span>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={`Close ${tab.name}`} title="Close (Ctrl+Shift+W)" onClick={() => requestClose(tab.editorId)}>
        ×
      </button>
    </div>
  )
})
