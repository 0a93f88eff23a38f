import { create } from 'zustand'
import type { FsCapabilities } from '../../shared/models/fs'
import type { PaneKey } from './pane-state'

/** A search result to act on, by its full path and the folder it is in. */
export interface FoundPath {
  readonly path: string
  readonly folder: string
}

/** A file command's dialog waiting for the person; each names the pane it acts in. */
export type FileDialog =
  | { readonly kind: 'new-folder' | 'new-file'; readonly paneKey: PaneKey }
  | { readonly kind: 'new-link'; readonly paneKey: PaneKey; readonly pointsTo: string; readonly linkName: string }
  | { readonly kind: 'duplicate'; readonly paneKey: PaneKey; readonly name: string; readonly isFolder: boolean }
  | {
      readonly kind: 'delete'
      readonly paneKey: PaneKey
      readonly names: readonly string[]
      readonly isPermanent: boolean
      readonly capabilities: FsCapabilities
      /** Results of Find files (anywhere below the pane's folder) instead of entries of the pane's folder. */
      readonly found?: readonly FoundPath[]
    }
  | { readonly kind: 'properties'; readonly paneKey: PaneKey; readonly names: readonly string[]; readonly capabilities: FsCapabilities }
  | { readonly kind: 'replace'; readonly paneKey: PaneKey; readonly from: string; readonly to: string }

/** The row being renamed in place (F2). */
export interface Renaming {
  readonly paneKey: PaneKey
  readonly name: string
}

interface FileOpsStore {
  readonly dialog: FileDialog | null
  readonly renaming: Renaming | null
  /** The dialog a file command opened; null closes it. */
  show(dialog: FileDialog | null): void
  setRenaming(renaming: Renaming | null): void
}

/** Which file-command dialog is open, and which row is being renamed. */
export const useFileOpsStore = create<FileOpsStore>()((set) => ({
  dialog: null,
  renaming: null,
  show: (dialog) => set({ dialog }),
  setRenaming: (renaming) => set({ renaming }),
}))
