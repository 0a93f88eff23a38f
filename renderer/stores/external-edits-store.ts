import { create } from 'zustand'
import type { ExternalEdit } from '../../shared/models/editor'
import type { FsTarget } from '../../shared/models/fs'
import { rpc } from '../ipc/client'
import { notifyFailure, settleNotice } from './notices-store'
import { useSettingsStore } from './settings-store'

/** A file `Edit with…` is about to open: the dialog asking for the program. */
export interface EditWithQuestion {
  readonly target: FsTarget
  readonly paths: readonly string[]
}

interface ExternalEditsStore {
  /** Files being edited with other programs, in the order they were opened. */
  readonly edits: readonly ExternalEdit[]
  readonly asking: EditWithQuestion | null
  /** An edit whose last save is not on the server, which the person asked to stop: the confirmation shown. */
  readonly stopping: string | null
  ask(question: EditWithQuestion | null): void
  /** Opens the files with `command` (the setting's when absent); false when the program did not start. */
  start(target: FsTarget, paths: readonly string[], command?: string): Promise<boolean>
  /** `Stop editing`: at once when every save is on the server, else after a confirmation. */
  requestStop(editId: string | null): void
  stop(editId: string): Promise<void>
  overwrite(editId: string): Promise<void>
  /** After a reload: the files still being edited. */
  load(): Promise<void>
  /** The host reported a change (`editing.changed`). */
  upsert(edit: ExternalEdit): void
  remove(editId: string): void
}

/** Files edited with other programs (`Edit with…`); the host watches them and uploads each save. */
export const useExternalEditsStore = create<ExternalEditsStore>()((set, get) => ({
  edits: [],
  asking: null,
  stopping: null,
  ask(question) {
    set({ asking: question })
  },
  requestStop(editId) {
    const edit = editId ? get().edits.find((e) => e.editId === editId) : undefined
    if (edit && edit.state === 'watching') return void get().stop(edit.editId)
    set({ stopping: edit ? edit.editId : null })
  },
  async start(target, paths, command) {
    const program = command ?? useSettingsStore.getState().settings.editing.externalCommand
    for (const path of paths) {
      const reply = await rpc.request('editing.start', { target, path, command: program })
      if (!reply.ok) {
        notifyFailure(reply.error, 'edit-with')
        return false
      }
      settleNotice('edit-with')
      if (reply.value) get().upsert(reply.value)
    }
    return true
  },
  async stop(editId) {
    set({ stopping: null })
    const reply = await rpc.request('editing.stop', { editId })
    if (!reply.ok) return notifyFailure(reply.error)
    useExternalEditsStore.getState().remove(editId)
  },
  async overwrite(editId) {
    const reply = await rpc.request('editing.overwrite', { editId })
    if (!reply.ok) notifyFailure(reply.error)
  },
  async load() {
    const reply = await rpc.request('editing.list', {})
    if (reply.ok) set({ edits: reply.value })
  },
  upsert(edit) {
    set((state) => {
      const index = state.edits.findIndex((e) => e.editId === edit.editId)
      if (index === -1) return { edits: [...state.edits, edit] }
      return { edits: state.edits.map((e, i) => (i === index ? edit : e)) }
    })
  },
  remove(editId) {
    set((state) => ({ edits: state.edits.filter((e) => e.editId !== editId) }))
  },
}))
