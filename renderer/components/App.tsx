import { Pane } from '../features/pane/Pane'
import { PromptDialogs } from '../features/prompts/PromptDialogs'
import { QuickConnect } from '../features/quick-connect/QuickConnect'
import { SessionTabs } from '../features/sessions/SessionTabs'
import { StatusBar } from '../features/sessions/StatusBar'
import { remotePaneKey } from '../stores/pane-state'
import { useSessionsStore } from '../stores/sessions-store'
import { NoticeBar } from './NoticeBar'
import { FileExistsDialog } from '../features/transfers/FileExistsDialog'
import { TransfersPanel } from '../features/transfers/TransfersPanel'

/** The window, top to bottom: quick connect, session tabs, alerts, the two panes, the transfer queue, the status bar. */
export function App() {
  const activeId = useSessionsStore((state) => state.activeId)
  return (
    <div className="app">
      <header className="top-bar">
        <QuickConnect />
        <SessionTabs />
      </header>
      <NoticeBar />
      <main className="panes">
        <Pane side="Local" paneKey="local" />
        <Pane side="Remote" paneKey={activeId ? remotePaneKey(activeId) : null} />
      </main>
      <TransfersPanel />
      <StatusBar />
      <PromptDialogs />
      <FileExistsDialog />
    </div>
  )
}
