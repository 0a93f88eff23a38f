import { create } from 'zustand'
import type { FileVersion, OpenedFile, TextFormat } from '../../shared/models/editor'
import { type FsTarget, isSameTarget } from '../../shared/models/fs'
import type { SessionId } from '../../shared/models/ids'
import type { ErrorInfo } from '../../shared/models/errors'
import { rpc } from '../ipc/client'
import { editorDocuments } from '../features/editor/editor-documents'
import { sendSave } from '../features/editor/save-text'
import { sessionAddress } from '../features/sessions/session-label'
import { notifyFailure, settleNotice } from './notices-store'
import { useSessionsStore } from './sessions-store'
import { useTerminalsStore } from './terminals-store'
import { refreshFolder } from './panes-store'

/** What a tab shows: editable (or read-only) text, an image, or the first bytes of anything else. */
export type EditorContent =
  | { readonly kind: 'text'; readonly text: string; readonly format: TextFormat }
  | { readonly kind: 'image'; readonly mime: string; readonly base64: string }
  | { readonly kind: 'hex'; readonly head: string; readonly reason: 'binary' | 'not-utf8' }

/** Where a tab's save stands. */
export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  /** The connection is down: the text stays here and is saved once the session is back. */
  | { readonly kind: 'waiting'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }

/** One editor or viewer tab. */
export interface EditorTab {
  readonly editorId: string
  readonly target: FsTarget
  /** Where the file really is (links followed): saves go here. */
  readonly path: string
  readonly name: string
  /** The folder it is in: a pane showing it is listed again after a save. */
  readonly folder: string
  /** `user@host: /path`, or the local path. */
  readonly title: string
  readonly isReadOnly: boolean
  /** Set once for the tab; a reload replaces the editor's text, not this. */
  readonly content: EditorContent
  readonly version: FileVersion
  readonly isDirty: boolean
  readonly save: SaveState
  /** When it was last saved from this tab, ms since the epoch. */
  readonly savedAt?: number
}

/** What the person already agreed to for one save. */
export interface SaveChoices {
  /** Overwrite a file that changed on the server. */
  readonly isForced?: boolean
  /** Save although the file then belongs to the person, not its owner. */
  readonly isOwnerChangeAllowed?: boolean
}

/** A question the editor asks before it goes on. */
export type EditorQuestion =
  | { readonly kind: 'unsaved'; readonly editorId: string }
  | { readonly kind: 'changed'; readonly editorId: string; readonly message: string }
  | { readonly kind: 'owner'; readonly editorId: string; readonly message: string; readonly choices: SaveChoices }
  | { readonly kind: 'not-text'; readonly target: FsTarget; readonly path: string; readonly reason: 'binary' | 'not-utf8' }
  | { readonly kind: 'large'; readonly target: FsTarget; readonly path: string; readonly purpose: 'edit' | 'view'; readonly size: number }

interface EditorsStore {
  /** In opening order. */
  readonly editors: readonly EditorTab[]
  /** The editor shown; null when a terminal or the file browser is. */
  readonly activeEditorId: string | null
  readonly question: EditorQuestion | null
  /** F4 (edit) or F3 (view) on a file: opens it in a tab, or asks first (large, not text). */
  open(target: FsTarget, path: string, purpose: 'edit' | 'view', isLargeAllowed?: boolean): Promise<void>
  show(editorId: string | null): void
  /** Ctrl+S. A file changed on the server asks first unless `isForced`; a dropped connection waits for Reconnect. */
  save(editorId: string, choices?: SaveChoices): Promise<boolean>
  /** Reads the file again, in place of the editor's text. */
  reload(editorId: string): Promise<void>
  /** The tab's ×: asks when there are unsaved changes. */
  requestClose(editorId: string): void
  close(editorId: string): void
  /** The editor's text changed (or was saved back to clean). */
  markDirty(editorId: string, isDirty: boolean): void
  answer(question: EditorQuestion | null): void
  /** A session is back: saves that waited for it go now. */
  retryWaiting(sessionId: SessionId): void
  /** The session was closed (after the person agreed to lose what its editors held): its tabs go too. */
  dropSession(sessionId: SessionId): void
}

let nextEditorId = 1


function titleOf(target: FsTarget, path: string): string {
  if (target.kind === 'local') return path
  const session = useSessionsStore.getState().sessions.find((s) => s.sessionId === target.sessionId)
  return session ? `${sessionAddress(session)}: ${path}` : path
}

function contentOf(opened: Exclude<OpenedFile, { kind: 'too-large' }>): EditorContent {
  if (opened.kind === 'text') return { kind: 'text', text: opened.text, format: opened.format }
  if (opened.kind === 'image') return { kind: 'image', mime: opened.mime, base64: opened.base64 }
  return { kind: 'hex', head: opened.head, reason: opened.reason }
}

function isDown(target: FsTarget): boolean {
  if (target.kind === 'local') return false
  return useSessionsStore.getState().sessions.find((s) => s.sessionId === target.sessionId)?.state !== 'connected'
}

const waitingMessage = 'Not saved: the connection is down. Your text stays here and is saved once you Reconnect.'

/** Editor and viewer tabs (F4, F3). Their text lives in the editors (editor-documents), not here. */
export const useEditorsStore = create<EditorsStore>()((set, get) => {
  const update = (editorId: string, change: Partial<EditorTab>) =>
    set((state) => ({ editors: state.editors.map((tab) => (tab.editorId === editorId ? { ...tab, ...change } : tab)) }))
  const tabOf = (editorId: string) => get().editors.find((tab) => tab.editorId === editorId)

  const failSave = (tab: EditorTab, error: ErrorInfo, choices: SaveChoices): false => {
    if (error.code === 'CHANGED' && !choices.isForced) {
      update(tab.editorId, { save: { kind: 'idle' } })
      set({ question: { kind: 'changed', editorId: tab.editorId, message: error.message } })
    } else if (error.code === 'OWNER_CHANGE') {
      update(tab.editorId, { save: { kind: 'idle' } })
      set({ question: { kind: 'owner', editorId: tab.editorId, message: error.message, choices } })
    } else if (error.code === 'DISCONNECTED' || isDown(tab.target)) {
      update(tab.editorId, { save: { kind: 'waiting', message: waitingMessage } })
    } else {
      update(tab.editorId, { save: { kind: 'failed', message: `Not saved: ${error.message}` } })
    }
    return false
  }

  return {
    editors: [],
    activeEditorId: null,
    question: null,

    async open(target, path, purpose, isLargeAllowed) {
      const isReadOnly = purpose === 'view'
      const existing = get().editors.find((tab) => isSameTarget(tab.target, target) && tab.path === path && tab.isReadOnly === isReadOnly)
      if (existing) return get().show(existing.editorId)
      const reply = await rpc.request('editor.open', { target, path, purpose, ...(isLargeAllowed ? { isLargeAllowed } : {}) })
      if (!reply.ok) return notifyFailure(reply.error, 'editor')
      settleNotice('editor')
      const opened = reply.value
      if (opened.kind === 'too-large') return set({ question: { kind: 'large', target, path, purpose, size: opened.version.size } })
      if (opened.kind === 'binary' && purpose === 'edit') return set({ question: { kind: 'not-text', target, path: opened.path, reason: opened.reason } })
      // The link a person opened may lead to a file already open under its own name.
      const same = get().editors.find((tab) => isSameTarget(tab.target, target) && tab.path === opened.path && tab.isReadOnly === isReadOnly)
      if (same) return get().show(same.editorId)
      const tab: EditorTab = {
        editorId: `editor-${nextEditorId++}`,
        target,
        path: opened.path,
        name: opened.name,
        folder: opened.folder,
        title: titleOf(target, opened.path),
        isReadOnly,
        content: contentOf(opened),
        version: opened.version,
        isDirty: false,
        save: { kind: 'idle' },
      }
      set((state) => ({ editors: [...state.editors, tab] }))
      get().show(tab.editorId)
    },

    show(editorId) {
      set({ activeEditorId: editorId })
      const tab = editorId ? tabOf(editorId) : undefined
      if (!tab) return
      // One thing shows at a time: an editor hides the terminal and the file browser.
      if (useTerminalsStore.getState().activeTerminalId !== null) useTerminalsStore.setState({ activeTerminalId: null })
      if (tab.target.kind === 'remote') useSessionsStore.getState().activate(tab.target.sessionId)
    },

    async save(editorId, choices = {}) {
      const tab = tabOf(editorId)
      const document = editorDocuments.get(editorId)
      if (!tab || !document || tab.isReadOnly || tab.content.kind !== 'text' || tab.save.kind === 'saving') return false
      if (isDown(tab.target)) {
        update(editorId, { save: { kind: 'waiting', message: waitingMessage } })
        return false
      }
      const changesBefore = document.changes
      update(editorId, { save: { kind: 'saving' } })
      const reply = await sendSave({ target: tab.target, path: tab.path, text: document.text(), format: tab.content.format, expected: tab.version, ...choices })
      const now = tabOf(editorId)
      if (!now) return reply.ok
      if (!reply.ok) return failSave(now, reply.error, choices)
      // Typing during the save keeps the tab dirty: those edits are not on the server yet.
      update(editorId, { version: reply.value.version, isDirty: document.changes !== changesBefore, save: { kind: 'idle' }, savedAt: Date.now() })
      if (reply.value.ownerNote) notifyFailure({ code: 'PERMISSION_DENIED', message: reply.value.ownerNote })
      refreshFolder(now.target, now.folder)
      return true
    },

    async reload(editorId) {
      const tab = tabOf(editorId)
      if (!tab) return
      const reply = await rpc.request('editor.open', { target: tab.target, path: tab.path, purpose: tab.isReadOnly ? 'view' : 'edit', isLargeAllowed: true })
      if (!reply.ok) return notifyFailure(reply.error)
      const opened = reply.value
      if (opened.kind !== 'text' || tab.content.kind !== 'text') return notifyFailure({ code: 'UNSUPPORTED', message: `${tab.name} is no longer a text file; close its tab.` })
      editorDocuments.get(editorId)?.replace(opened.text)
      update(editorId, { version: opened.version, content: { ...tab.content, format: opened.format }, isDirty: false, save: { kind: 'idle' } })
    },

    requestClose(editorId) {
      const tab = tabOf(editorId)
      if (!tab) return
      if (tab.isDirty || tab.save.kind === 'waiting') set({ question: { kind: 'unsaved', editorId } })
      else get().close(editorId)
    },

    close(editorId) {
      set((state) => {
        const index = state.editors.findIndex((tab) => tab.editorId === editorId)
        const editors = state.editors.filter((tab) => tab.editorId !== editorId)
        const question = state.question && 'editorId' in state.question && state.question.editorId === editorId ? null : state.question
        if (state.activeEditorId !== editorId) return { editors, question }
        // The tab beside it of the same server shows next, else that server's file browser.
        const closed = state.editors[index]!
        const neighbour = [...editors.slice(index), ...editors.slice(0, index).reverse()].find((tab) => isSameTarget(tab.target, closed.target))
        return { editors, question, activeEditorId: neighbour?.editorId ?? null }
      })
    },

    markDirty(editorId, isDirty) {
      const tab = tabOf(editorId)
      if (tab && tab.isDirty !== isDirty) update(editorId, { isDirty })
    },

    answer(question) {
      set({ question })
    },

    dropSession(sessionId) {
      for (const tab of get().editors) if (tab.target.kind === 'remote' && tab.target.sessionId === sessionId) get().close(tab.editorId)
    },

    retryWaiting(sessionId) {
      for (const tab of get().editors) {
        if (tab.save.kind === 'waiting' && tab.target.kind === 'remote' && tab.target.sessionId === sessionId) void get().save(tab.editorId)
      }
    },
  }
})

// A terminal shown hides the editor; the session coming back saves what waited for it.
useTerminalsStore.subscribe((state, before) => {
  if (state.activeTerminalId !== null && before.activeTerminalId === null) useEditorsStore.setState({ activeEditorId: null })
})
useSessionsStore.subscribe((state, before) => {
  for (const session of state.sessions) {
    const was = before.sessions.find((s) => s.sessionId === session.sessionId)
    if (session.state === 'connected' && was && was.state !== 'connected') useEditorsStore.getState().retryWaiting(session.sessionId)
  }
})
