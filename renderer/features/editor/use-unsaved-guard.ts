import { useEffect } from 'react'
import { useEditorsStore } from '../../stores/editors-store'
import { useExternalEditsStore } from '../../stores/external-edits-store'

/** True while an editor holds unsaved text, or a file edited elsewhere has a save not yet on the server. */
function hasUnsaved(): boolean {
  const editors = useEditorsStore.getState().editors
  const edits = useExternalEditsStore.getState().edits
  return editors.some((tab) => tab.isDirty || tab.save.kind === 'waiting') || edits.some((edit) => edit.state !== 'watching')
}

/**
 * Asks before the page goes (a reload, closing the tab or window) while text would be lost:
 * the browser's own question in browser mode; in Electron the main process asks.
 */
export function useUnsavedGuard(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsaved()) return
      event.preventDefault()
      // Older engines still need this to ask.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])
}
