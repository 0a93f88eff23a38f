import { create } from 'zustand'
import type { ErrorInfo } from '../../shared/models/errors'
import type { ProfileId } from '../../shared/models/ids'
import type { HostProfile, ProfileFields, ProfileSaveRequest, SecretsState } from '../../shared/models/profile'
import type { ImportPreview } from '../../shared/models/profile-import'
import { rpc } from '../ipc/client'
import { notifyFailure } from './notices-store'
import { useSessionsStore } from './sessions-store'

/** What the `Host profile` dialog edits: a new profile (no profile) or an existing one. */
export interface ProfileEditor {
  readonly profile?: HostProfile
  /** Fields to start from (a new profile, or Save as profile after a quick connect). */
  readonly start: ProfileFields
  /** A secret typed elsewhere (the quick connect's password) to offer for remembering. */
  readonly startSecret?: string
  /** What the main process refused, shown in the dialog. */
  readonly error?: string
}

/** Something waiting for the master password: it runs again once the secrets are unlocked. */
type AfterUnlock = () => Promise<void>

interface ProfilesStore {
  readonly profiles: readonly HostProfile[]
  readonly secrets: SecretsState | null
  readonly filter: string
  readonly editor: ProfileEditor | null
  /** The profile a Delete asks about. */
  readonly deleting: HostProfile | null
  /** Set while the `Import hosts` dialog is open. */
  readonly isImporting: boolean
  /** What the import would do, once previewed. */
  readonly importPreview: ImportPreview | null
  readonly importError?: string
  /** Set while the `Master password` dialog is open. */
  readonly askingMaster: boolean
  readonly masterError?: string
  load(): Promise<void>
  setFilter(filter: string): void
  openEditor(editor: ProfileEditor): void
  closeEditor(): void
  save(request: ProfileSaveRequest): Promise<void>
  askDelete(profile: HostProfile | null): void
  remove(profileId: ProfileId): Promise<void>
  duplicate(profileId: ProfileId): Promise<void>
  /** Files a profile under another folder (a drag onto a folder). */
  move(profileId: ProfileId, folder: string): Promise<void>
  /** Replaces the remote folders bookmarked in the profile's sessions; shown at once, put back if refused. */
  setBookmarks(profileId: ProfileId, bookmarks: readonly string[]): Promise<void>
  connect(profile: HostProfile): Promise<void>
  /** The `Master password` dialog's answer: set (first use) or unlock, then the waiting action. */
  answerMaster(password: string): Promise<void>
  forgetMaster(): Promise<void>
  cancelMaster(): void
  /** Saves every profile (no secrets) as a JSON file the person downloads. */
  exportJson(): Promise<void>
  /** Adds the profiles of an exported file. */
  importJson(file: File): Promise<void>
  /** The OS file chooser for a key file (Electron); null when cancelled or unavailable. */
  chooseKeyFile(): Promise<string | null>
  openImport(isOpen: boolean): void
  previewImport(path: string): Promise<void>
  runImport(path: string, aliases: readonly string[]): Promise<void>
  replace(profiles: readonly HostProfile[]): void
  replaceSecrets(secrets: SecretsState): void
}

/** The empty fields of a new profile. */
export const blankProfile: ProfileFields = { name: '', host: '', port: 22, username: '', authMethod: 'password', folder: '', color: 'none' }

let afterUnlock: AfterUnlock | null = null

function needsUnlock(error: ErrorInfo): boolean {
  return error.code === 'INVALID_REQUEST' && /master password/i.test(error.message)
}

/** Saved hosts, as the main process keeps them; dialogs for editing, deleting and the master password. */
export const useProfilesStore = create<ProfilesStore>()((set, get) => {
  // Runs `work`; if the secrets must be unlocked first, asks, and runs it again after.
  const withSecrets = async (work: () => Promise<ErrorInfo | null>): Promise<void> => {
    const error = await work()
    if (!error) return
    if (needsUnlock(error)) {
      afterUnlock = async () => {
        const again = await work()
        if (again) notifyFailure(again)
      }
      set({ askingMaster: true, masterError: undefined })
      return
    }
    notifyFailure(error)
  }

  return {
    profiles: [],
    secrets: null,
    filter: '',
    editor: null,
    deleting: null,
    askingMaster: false,
    isImporting: false,
    importPreview: null,

    async load() {
      const [profiles, secrets] = await Promise.all([rpc.request('profiles.list', {}), rpc.request('secrets.state', {})])
      if (profiles.ok) set({ profiles: profiles.value })
      if (secrets.ok) set({ secrets: secrets.value })
    },
    setFilter(filter) {
      set({ filter })
    },
    openEditor(editor) {
      set({ editor })
    },
    closeEditor() {
      set({ editor: null })
    },
    async save(request) {
      const attempt = async (): Promise<ErrorInfo | null> => {
        const reply = await rpc.request('profiles.save', request)
        if (reply.ok) {
          set({ editor: null })
          return null
        }
        // Field problems belong in the dialog, beside the fields.
        if (!needsUnlock(reply.error) && get().editor) {
          set((state) => ({ editor: state.editor ? { ...state.editor, error: reply.error.message } : null }))
          return null
        }
        return reply.error
      }
      await withSecrets(attempt)
    },
    askDelete(profile) {
      set({ deleting: profile })
    },
    async remove(profileId) {
      set({ deleting: null })
      const reply = await rpc.request('profiles.delete', { profileId })
      if (!reply.ok) notifyFailure(reply.error)
    },
    async duplicate(profileId) {
      const reply = await rpc.request('profiles.duplicate', { profileId })
      if (!reply.ok) notifyFailure(reply.error)
    },
    async move(profileId, folder) {
      const reply = await rpc.request('profiles.move', { profileId, folder })
      if (!reply.ok) notifyFailure(reply.error)
    },
    async setBookmarks(profileId, bookmarks) {
      const withBookmarks = (list: readonly string[] | undefined) => (profile: HostProfile) => (profile.profileId === profileId ? { ...profile, bookmarks: list } : profile)
      const before = get().profiles.find((p) => p.profileId === profileId)?.bookmarks
      set((state) => ({ profiles: state.profiles.map(withBookmarks(bookmarks)) }))
      const reply = await rpc.request('profiles.setBookmarks', { profileId, bookmarks })
      if (reply.ok) return
      set((state) => ({ profiles: state.profiles.map(withBookmarks(before)) }))
      notifyFailure(reply.error)
    },
    async connect(profile) {
      await withSecrets(async () => {
        const error = await useSessionsStore.getState().connectProfile(profile)
        return error && needsUnlock(error) ? error : null
      })
    },
    async answerMaster(password) {
      const secrets = get().secrets
      const reply = await rpc.request(secrets?.isSet ? 'secrets.unlock' : 'secrets.setMaster', { password })
      if (!reply.ok) {
        set({ masterError: reply.error.message })
        return
      }
      set({ secrets: reply.value, askingMaster: false, masterError: undefined })
      const waiting = afterUnlock
      afterUnlock = null
      await waiting?.()
    },
    async forgetMaster() {
      const reply = await rpc.request('secrets.reset', {})
      if (!reply.ok) return notifyFailure(reply.error)
      set({ secrets: reply.value, masterError: undefined })
    },
    cancelMaster() {
      afterUnlock = null
      set({ askingMaster: false, masterError: undefined })
    },
    async exportJson() {
      const reply = await rpc.request('profiles.exportJson', {})
      if (!reply.ok) return notifyFailure(reply.error)
      const url = URL.createObjectURL(new Blob([reply.value.text], { type: 'application/json' }))
      const link = Object.assign(document.createElement('a'), { href: url, download: 'skiff-profiles.json' })
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    },
    async importJson(file) {
      const reply = await rpc.request('profiles.importJson', { text: await file.text() })
      if (!reply.ok) notifyFailure(reply.error)
    },
    async chooseKeyFile() {
      const reply = await rpc.request('app.chooseFile', { purpose: 'private-key' })
      if (reply.ok) return reply.value.path
      notifyFailure(reply.error)
      return null
    },
    openImport(isOpen) {
      set({ isImporting: isOpen, importPreview: null, importError: undefined })
    },
    async previewImport(path) {
      const reply = await rpc.request('profiles.importPreview', path.trim() ? { path: path.trim() } : {})
      if (reply.ok) set({ importPreview: reply.value, importError: undefined })
      else set({ importPreview: null, importError: reply.error.message })
    },
    async runImport(path, aliases) {
      const reply = await rpc.request('profiles.importConfig', { ...(path.trim() ? { path: path.trim() } : {}), aliases })
      if (reply.ok) set({ isImporting: false, importPreview: null, importError: undefined })
      else set({ importError: reply.error.message })
    },
    replace(profiles) {
      set({ profiles })
    },
    replaceSecrets(secrets) {
      set({ secrets })
    },
  }
})
