import { useEffect } from 'react'
import { cycleTabs } from '../features/sessions/SessionTabs'
import { useSessionsStore } from '../stores/sessions-store'
import { useTerminalsStore } from '../stores/terminals-store'
import { useEditorsStore } from '../stores/editors-store'

/**
 * Window-wide keys, taken in the capture phase so a focused terminal does not swallow them:
 * Ctrl+Shift+T opens a terminal on the active session, Ctrl+Shift+W closes the terminal or editor shown
 * (asking while its shell runs or its text is unsaved), Ctrl+Tab and Ctrl+Shift+Tab cycle the tabs.
 */
export function useAppShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.metaKey) return
      const key = event.key.toLowerCase()
      if (event.key === 'Tab') cycleTabs(event.shiftKey ? -1 : 1)
      else if (event.shiftKey && key === 't') openOnActiveSession()
      else if (event.shiftKey && key === 'w') closeShownTab()
      else return
      event.preventDefault()
      event.stopPropagation()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [])
}

function openOnActiveSession(): void {
  const { sessions, activeId } = useSessionsStore.getState()
  const session = sessions.find((s) => s.sessionId === activeId)
  if (session?.state === 'connected') void useTerminalsStore.getState().open(session.sessionId)
}

function closeShownTab(): void {
  const { activeEditorId, requestClose: closeEditor } = useEditorsStore.getState()
  if (activeEditorId) return closeEditor(activeEditorId)
  const { activeTerminalId, requestClose } = useTerminalsStore.getState()
  if (activeTerminalId) void requestClose(activeTerminalId)
}
