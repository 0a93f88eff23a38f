import { Pane } from '../features/pane/Pane'
import { PromptDialogs } from '../features/prompts/PromptDialogs'
import { QuickConnect } from '../features/quick-connect/QuickConnect'
import { SessionTabs } from '../features/sessions/SessionTabs'
import { StatusBar } from '../features/sessions/StatusBar'
import { remotePaneKey } from '../stores/pane-state'
import { useSessionsStore } from '../stores/sessions-store'
import { NoticeBar } from './NoticeBar'
import { FileExistsDialog } from '../features/transfers/FileExistsDialog'
import { UploadToServersDialog } from '../features/transfers/UploadToServersDialog'
import { MoveDialog } from '../features/transfers/MoveDialog'
import { FileDialogs } from '../features/file-ops/FileDialogs'
import { FindDialog } from '../features/find/FindDialog'
import { SyncDialog } from '../features/sync/SyncDialog'
import { KeepUpToDateDialog } from '../features/sync/KeepUpToDateDialog'
import { KeepUpToDateBar } from '../features/sync/KeepUpToDateBar'
import { CompareBar } from '../features/compare/CompareBar'
import { TransfersPanel } from '../features/transfers/TransfersPanel'
import { useShallow } from 'zustand/react/shallow'
import { useTerminalsStore } from '../stores/terminals-store'
import { TerminalView } from '../features/terminal/TerminalView'
import { CloseTerminalDialog } from '../features/terminal/CloseTerminalDialog'
import { CloseSessionDialog } from '../features/sessions/CloseSessionDialog'
import { useAppShortcuts } from './use-app-shortcuts'
import { SettingsButton } from '../features/settings/SettingsButton'
import { SyncedBrowsingToggle } from '../features/navigation/SyncedBrowsingToggle'
import { ProfileDialogs } from '../features/profiles/ProfileDialogs'
import { useEditorsStore } from '../stores/editors-store'
import { EditorPanel } from '../features/editor/EditorPanel'
import { useUnsavedGuard } from '../features/editor/use-unsaved-guard'
import { EditorDialogs } from '../features/editor/EditorDialogs'
import { EditingList, StopEditingDialog } from '../features/editor/EditingList'
import { EditWithDialog } from '../features/editor/EditWithDialog'

/** The window, top to bottom: quick connect, tabs, alerts, the two panes (or a terminal, or an editor), the watches and the transfer queue, the status bar. */
export function App() {
  const activeId = useSessionsStore((state) => state.activeId)
  const { terminals, activeTerminalId } = useTerminalsStore(useShallow((state) => ({ terminals: state.terminals, activeTerminalId: state.activeTerminalId })))
  const { editors, activeEditorId } = useEditorsStore(useShallow((state) => ({ editors: state.editors, activeEditorId: state.activeEditorId })))
  useAppShortcuts()
  useUnsavedGuard()
  return (
    <div className="app">
      <header className="top-bar">
        <QuickConnect />
        <div className="top-row">
          <SessionTabs />
          <SyncedBrowsingToggle />
          <SettingsButton />
        </div>
      </header>
      <NoticeBar />
      <CompareBar isHidden={activeTerminalId !== null || activeEditorId !== null} />
      <main className="panes" hidden={activeTerminalId !== null || activeEditorId !== null}>
        <Pane side="Local" paneKey="local" />
        <Pane side="Remote" paneKey={activeId ? remotePaneKey(activeId) : null} />
      </main>
      {/* Every terminal stays mounted (its screen and scrollback live in xterm.js); only the active one shows. */}
      <div className="terminal-area" hidden={activeTerminalId === null}>
        {terminals.map((tab) => (
          <TerminalView key={tab.tabId} tab={tab} isActive={tab.terminalId === activeTerminalId} />
        ))}
      </div>
      <div className="terminal-area" hidden={activeEditorId === null}>
        {editors.map((tab) => (
          <EditorPanel key={tab.editorId} tab={tab} isActive={tab.editorId === activeEditorId} />
        ))}
      </div>
      <EditingList />
      <KeepUpToDateBar />
      <TransfersPanel />
      <StatusBar />
      <MoveDialog />
      {/* Before the file dialogs: a Delete asked from it is drawn over it. */}
      <FindDialog />
      <KeepUpToDateDialog />
      {/* After Keep up to date: its Synchronize first opens this one. */}
      <SyncDialog />
      <FileDialogs />
      <CloseTerminalDialog />
      <CloseSessionDialog />
      <ProfileDialogs />
      <EditorDialogs />
      <EditWithDialog />
      <StopEditingDialog />
      <UploadToServersDialog />
      {/* Last, so drawn over any dialog: a connect or a job asked from one waits for these answers. */}
      <FileExistsDialog />
      <PromptDialogs />
    </div>
  )
}
