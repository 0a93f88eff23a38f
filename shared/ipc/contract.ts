import type { AppInfo } from '../models/app'
import type { CompareProgress, FolderComparison, FolderCompareRequest } from '../models/compare'
import type { ExternalEdit, ExternalEditRequest, OpenFileRequest, OpenedFile, SaveFileRequest, SavedFile } from '../models/editor'
import type { AttributesRequest, DeleteRequest, DuplicateRequest, TreeCount } from '../models/file-ops'
import type { FindEnded, FindProgress, FindRequest } from '../models/find'
import type { DirListing, FsCapabilities, FsEntry, FsTarget } from '../models/fs'
import type { FindId, ProfileId, PromptId, SessionId, SyncPreviewId, TerminalId, TransferId, WatchId } from '../models/ids'
import type { KeepUpToDateRequest, KeepUpToDateStatus } from '../models/keep-up-to-date'
import type { SyncPreviewEnded, SyncPreviewRows, SyncRequest, SyncStartRequest } from '../models/sync'
import type { HostProfile, ProfileSaveRequest, SecretsState } from '../models/profile'
import type { ImportPreview } from '../models/profile-import'
import type { ConnectRequest, Prompt, PromptAnswer, SessionInfo } from '../models/session'
import type { ConflictChoice, TransferConflict, TransferInfo, TransferRequest } from '../models/transfer'
import type { Settings, SettingsPatch } from '../models/settings'
import type { AttachedTerminal, TerminalEnded, TerminalInfo, TerminalOpenRequest } from '../models/terminal'

/**
 * Every request the renderer can make of the main process: `'domain.verb'` to a function
 * of one plain argument object returning one plain value. Failures travel as error data
 * (see {@link ../models/errors.ts}), never as thrown exceptions across the boundary.
 */
export interface Requests {
  /** Host facts: mode, platform, data directory, local home. */
  'app.info': (req: Record<string, never>) => AppInfo
  /** The OS's file chooser (Electron); UNSUPPORTED in browser mode. A cancel is `path: null`. */
  'app.chooseFile': (req: { purpose: 'private-key' }) => { path: string | null }
  /**
   * Open a session. Resolves once authenticated and the SFTP channel is open. While it runs
   * the main process may emit `session.prompt` to the caller (host key, keyboard-interactive).
   * Cancellable: aborting tears the half-open connection down.
   */
  'session.connect': (req: ConnectRequest) => SessionInfo
  /** Answer a `session.prompt`. An unknown or already answered prompt is NOT_FOUND. */
  'session.answer': (req: { promptId: PromptId; answer: PromptAnswer }) => null
  /** Re-open a dropped session with the credentials it was opened with (kept in main memory only). */
  'session.reconnect': (req: { sessionId: SessionId }) => SessionInfo
  /** Close a session and forget its credentials. Closing a closed session succeeds. */
  'session.disconnect': (req: { sessionId: SessionId }) => null
  /**
   * `Host key changed` → `Remove old key and trust the new one`, after the person compared the
   * fingerprints: the key this server offered in its refused connection (that very one, by its
   * fingerprint) replaces the trusted key of its type in Skiff's known_hosts.
   */
  'session.replaceHostKey': (req: { host: string; port: number; fingerprint: string }) => null
  /** All sessions this process holds, in opening order. */
  'session.list': (req: Record<string, never>) => readonly SessionInfo[]
  /** List a directory (every entry but `.` and `..`). Cancellable. */
  'fs.list': (req: { target: FsTarget; path: string }) => DirListing
  /** lstat one path; the entry's name is the path's last segment. */
  'fs.stat': (req: { target: FsTarget; path: string }) => FsEntry
  /** Canonical absolute form of a path (follows symlinks, resolves `..`). */
  'fs.realpath': (req: { target: FsTarget; path: string }) => { path: string }
  /** The home directory of the target's user. */
  'fs.home': (req: { target: FsTarget }) => { path: string }
  /**
   * Renames or moves an entry within one file system (F2, a drag onto a folder in the same pane).
   * A taken name is EXISTS unless `isReplace`, which replaces it atomically where the file system
   * can and otherwise keeps the old entry until the new one is in place.
   */
  'fs.rename': (req: { target: FsTarget; from: string; to: string; isReplace?: boolean }) => null
  /** What this file system can do (links, owners, server-side copy, trash). */
  'fs.capabilities': (req: { target: FsTarget }) => FsCapabilities
  /** Creates a folder (F7); EXISTS when anything has that name. */
  'fs.mkdir': (req: { target: FsTarget; path: string }) => null
  /** Creates an empty file (Shift+F4); EXISTS when anything has that name. */
  'fs.createFile': (req: { target: FsTarget; path: string }) => null
  /** Creates a symlink at `path` pointing to `linkTarget`, as written (Alt+F6). */
  'fs.symlink': (req: { target: FsTarget; path: string; linkTarget: string }) => null
  /** Counts what the selection holds (the `Delete` dialog's question). Cancellable; links are counted, never entered. */
  'fs.count': (req: { target: FsTarget; paths: readonly string[] }) => TreeCount
  /** Deletes the selection as a job in the Transfers list (`Delete name`); links go, never what they point to. */
  'fs.delete': (req: DeleteRequest) => { transferId: TransferId }
  /** Changes permissions and/or owner as a job (`Permissions name`). */
  'fs.setAttributes': (req: AttributesRequest) => { transferId: TransferId }
  /** Adds up what the selection holds, as a job (`Size of name`); its result is the job's `count`. */
  'fs.folderSize': (req: { target: FsTarget; paths: readonly string[] }) => { transferId: TransferId }
  /** Copies one entry within its folder under a new name, as a job; on the server where it can. */
  'fs.duplicate': (req: DuplicateRequest) => { transferId: TransferId }
  /** Reads a file for the editor (F4) or the viewer (F3): text, an image, a binary's first bytes, or "too large, ask first". Cancellable. */
  'editor.open': (req: OpenFileRequest) => OpenedFile
  /** Sends a piece of a large save's text ahead (one message is capped); `editor.save` with the returned id ends it. */
  'editor.stage': (req: { stageId?: string; text: string }) => { stageId: string }
  /** Saves text to a file through a part file renamed into place; CHANGED when the file changed since it was read. */
  'editor.save': (req: SaveFileRequest) => SavedFile
  /**
   * `Edit with…`: copies a remote file to a private temp folder, starts the program on it and uploads
   * each save; a local file is opened where it is (null). Rejects with the reason the program did not start.
   */
  'editing.start': (req: ExternalEditRequest) => ExternalEdit | null
  /** The files being edited with other programs. */
  'editing.list': (req: Record<string, never>) => readonly ExternalEdit[]
  /** `Stop editing`: the watch ends and the temp copy is removed. */
  'editing.stop': (req: { editId: string }) => null
  /** After `changed`: uploads the temp copy over the server's once. */
  'editing.overwrite': (req: { editId: string }) => null
  /**
   * Starts a search (Alt+F7, `Find files`); answers at once with its id (INVALID_REQUEST when the mask
   * cannot be parsed). Files found arrive as `find.found` to the caller alone, then one `find.ended`.
   * On a server with a POSIX shell it runs `find` there; else it walks over SFTP.
   */
  'find.start': (req: FindRequest) => { findId: FindId }
  /** Stops a search (`Stop`, or its dialog closed); `find.ended` says `cancelled`. Stopping an ended one succeeds. */
  'find.stop': (req: { findId: FindId }) => null
  /**
   * Compares the two folders and plans a synchronization, changing nothing. Cancellable by
   * `sync.discard`. The rows arrive as `sync.previewRows` to the caller alone, then one
   * `sync.previewEnded`; the preview is kept in the main process for `sync.start`.
   */
  'sync.preview': (req: SyncRequest) => { previewId: SyncPreviewId }
  /**
   * Runs a finished preview's checked rows, and the conflicts resolved (two-way only), as one job in
   * Transfers (deletes last, only if every copy succeeded); resolutions on a one-way preview are INVALID_REQUEST.
   */
  'sync.start': (req: SyncStartRequest) => { transferId: TransferId }
  /** Stops a preview that is running and forgets it; forgetting one already gone succeeds. */
  'sync.discard': (req: { previewId: SyncPreviewId }) => null
  /**
   * Compare folders with Subfolders or Checksum: reads both folders (whole trees when deep, links
   * never followed) and says how each entry of their top level stands; `compare.progress` events
   * report the reading meanwhile. Cancellable by the signal; NOT_FOUND when a folder is gone.
   */
  'compare.folders': (req: FolderCompareRequest) => FolderComparison
  /**
   * `Keep up to date`: watches the local folder and uploads each quiet batch of changes as one
   * job. Status arrives as `sync.watchChanged` to the caller alone; the watch ends with
   * `sync.watchStop` or when that client goes. NOT_FOUND when the local folder is not there.
   */
  'sync.watchStart': (req: KeepUpToDateRequest) => KeepUpToDateStatus
  /** Stops a watch; changes not yet queued are dropped, a job already queued runs on. Stopping one gone succeeds. */
  'sync.watchStop': (req: { watchId: WatchId }) => null
  /** Queues one job for the selection; it runs in the main process and reports through `transfer.changed`. */
  'transfer.enqueue': (req: TransferRequest) => { transferIds: readonly TransferId[] }
  /** Every job the queue holds, in queue order. */
  'transfer.list': (req: Record<string, never>) => readonly TransferInfo[]
  /** Stops a job where it is; partial files stay, to resume from. */
  'transfer.pause': (req: { transferId: TransferId }) => null
  /** Resumes a paused job (from its partial files). */
  'transfer.resume': (req: { transferId: TransferId }) => null
  /**
   * Cancels a job (running, queued, paused or failed): the file in flight keeps its old version
   * (or none) under the real name, and the part files the job wrote are removed.
   */
  'transfer.cancel': (req: { transferId: TransferId }) => null
  /** Runs a failed or cancelled job again: what is already in place is not copied again. */
  'transfer.retry': (req: { transferId: TransferId }) => null
  /** Retries every failed job. */
  'transfer.retryFailed': (req: Record<string, never>) => null
  /** Cancels every job not yet finished. */
  'transfer.cancelAll': (req: Record<string, never>) => null
  /** Forgets the jobs that are done or cancelled; failed jobs stay, to be retried or cancelled. */
  'transfer.clearFinished': (req: Record<string, never>) => null
  /** Answers a `transfer.conflict`. With `isApplyToAll` the rest of that job takes the same choice. */
  'transfer.resolveConflict': (req: { conflictId: string; choice: ConflictChoice; isApplyToAll: boolean }) => null
  /**
   * Browser mode's drop from the OS file manager: opens a staging file for one dropped file
   * (the page has its bytes, not a path), then `upload.write` pieces, then `upload.finish`.
   */
  'upload.begin': (req: { name: string; size: number; mtimeMs: number }) => { uploadId: string }
  /** One piece of a dropped file, base64, at most 1 MiB decoded. */
  'upload.write': (req: { uploadId: string; offset: number; data: string }) => null
  /** The dropped file arrived whole: queue its move into `folder` of `to`. */
  'upload.finish': (req: { uploadId: string; to: FsTarget; folder: string }) => { transferIds: readonly TransferId[] }
  /** Gives up a dropped file (the page was closed, reading it failed). */
  'upload.discard': (req: { uploadId: string }) => null
  /** The person's settings. */
  'settings.get': (req: Record<string, never>) => Settings
  /** Changes some settings and saves them; returns all of them. */
  'settings.update': (req: SettingsPatch) => Settings
  /**
   * Opens a shell on the session's connection (a new channel: no second login), with a PTY of
   * `cols` × `rows`, TERM=xterm-256color. Its output reaches the caller alone as `terminal.data`.
   */
  'terminal.open': (req: TerminalOpenRequest) => TerminalInfo
  /**
   * The terminals this client may show: its own, and those whose page went away (a reload)
   * less than a minute ago, still running on the server.
   */
  'terminal.list': (req: Record<string, never>) => readonly TerminalInfo[]
  /** Takes over a listed terminal: its output and its end now reach this client; EXISTS when another window shows it. */
  'terminal.attach': (req: { terminalId: TerminalId }) => AttachedTerminal
  /** Keystrokes and pastes, as typed. */
  'terminal.input': (req: { terminalId: TerminalId; data: string }) => null
  /** The tab changed size: the PTY follows (the server's `stty size` changes). */
  'terminal.resize': (req: { terminalId: TerminalId; cols: number; rows: number }) => null
  /**
   * Flow control: the screen has drawn `chars` more characters of output. Output stops (the SSH
   * channel is paused) while too much is sent but not yet acknowledged.
   */
  'terminal.ack': (req: { terminalId: TerminalId; chars: number }) => null
  /** Closes the terminal (its shell gets a hang-up). Closing a closed one succeeds. */
  'terminal.close': (req: { terminalId: TerminalId }) => null
  /** Types `cd -- '<path>'` and Enter into the terminal (quoted for a POSIX shell). */
  'terminal.cd': (req: { terminalId: TerminalId; path: string }) => null
  /** The folder the terminal's shell is in now; UNSUPPORTED where the server cannot say. */
  'terminal.folder': (req: { terminalId: TerminalId }) => { path: string }
  /** Whether a program runs in the terminal (not just its shell at a prompt); null when unknown. */
  'terminal.isBusy': (req: { terminalId: TerminalId }) => { isBusy: boolean | null }
  /** Every saved host profile, recently used first. */
  'profiles.list': (req: Record<string, never>) => readonly HostProfile[]
  /**
   * Creates or changes a profile (a change names the revision it was edited from: an older one
   * is EXISTS). A remembered secret needs the secrets unlocked (see `secrets.*`).
   */
  'profiles.save': (req: ProfileSaveRequest) => HostProfile
  'profiles.delete': (req: { profileId: ProfileId }) => null
  /** A copy named `<name> (copy)`, without the remembered secret. */
  'profiles.duplicate': (req: { profileId: ProfileId }) => HostProfile
  /** Files a profile under another folder ('' is the top level). */
  'profiles.move': (req: { profileId: ProfileId; folder: string }) => HostProfile
  /** Replaces the remote folders bookmarked in a profile's sessions (its revision stays); broadcast as `profiles.changed`. */
  'profiles.setBookmarks': (req: { profileId: ProfileId; bookmarks: readonly string[] }) => HostProfile
  /**
   * Connects with a profile, using its remembered secret (or `secret`, typed now). Prompts as
   * `session.connect` does. The remote pane opens in the profile's remote folder, if it has one.
   */
  'profiles.connect': (req: { profileId: ProfileId; secret?: string }) => SessionInfo
  /** Reads an OpenSSH client config (`~/.ssh/config` when no path): what an import would create, update or skip. */
  'profiles.importPreview': (req: { path?: string }) => ImportPreview
  /** Imports the chosen hosts of the config, as the preview showed them. */
  'profiles.importConfig': (req: { path?: string; aliases: readonly string[] }) => { created: number; updated: number }
  /** Every profile as JSON, without any secret. */
  'profiles.exportJson': (req: Record<string, never>) => { text: string }
  /** Adds the profiles of such an export; names already taken are skipped. */
  'profiles.importJson': (req: { text: string }) => { created: number; skipped: number }
  /** How secrets are sealed here, and whether they can be read now. */
  'secrets.state': (req: Record<string, never>) => SecretsState
  /** Sets the master password (first use). */
  'secrets.setMaster': (req: { password: string }) => SecretsState
  /** Unlocks the secrets for this run; a wrong password is BAD_PASSPHRASE. */
  'secrets.unlock': (req: { password: string }) => SecretsState
  /** Forgot the master password: every remembered secret is dropped; profiles stay. */
  'secrets.reset': (req: Record<string, never>) => SecretsState
}

/** Events the main process pushes to the renderer. */
export interface Events {
  /** A question only a person can answer; reply with `session.answer`. Sent to the requesting client only. */
  'session.prompt': Prompt
  /** A prompt was settled elsewhere (answered, timed out, its connect cancelled): close its dialog. */
  'session.promptClosed': { promptId: PromptId }
  /** A session changed: connected, dropped (with a reason), reconnected. Broadcast to every client. */
  'session.changed': SessionInfo
  /** A session was closed and forgotten. Broadcast. */
  'session.closed': { sessionId: SessionId }
  /** A job changed (state, progress at most ~10 times a second). Broadcast. */
  'transfer.changed': TransferInfo
  /** Jobs were forgotten (cleared). Broadcast. */
  'transfer.removed': { transferIds: readonly TransferId[] }
  /** A target name is taken: ask the person (`File exists`). Broadcast; the first answer counts. */
  'transfer.conflict': TransferConflict
  /** A conflict was answered or withdrawn: close its dialog. Broadcast. */
  'transfer.conflictClosed': { conflictId: string }
  /** Settings changed (in this window or another). Broadcast. */
  'settings.changed': Settings
  /** Output of a terminal, batched (about every 16 ms or 64 KiB). To the client that opened it. */
  'terminal.data': { terminalId: TerminalId; data: string }
  /** A terminal's shell ended or its connection dropped; no more data follows. */
  'terminal.ended': TerminalEnded
  /** Files a search found, batched (at most ~10 reports a second). To the client that started it. */
  'find.found': FindProgress
  /** A search ended (done, failed, stopped). To the client that started it. */
  'find.ended': FindEnded
  /** Rows of a synchronization preview, in path order, batched. To the client that asked. */
  'sync.previewRows': SyncPreviewRows
  /** A preview ended: its totals per action, or why it failed. To the client that asked. */
  'sync.previewEnded': SyncPreviewEnded
  /** How far a `compare.folders` has read. To the client that asked. */
  'compare.progress': CompareProgress
  /** A `Keep up to date` watch changed state, did something, or stopped. To the client that started it. */
  'sync.watchChanged': KeepUpToDateStatus
  /** The profiles changed (in this window or another). Broadcast. */
  'profiles.changed': { profiles: readonly HostProfile[] }
  /** Secrets were unlocked, set or reset. Broadcast. */
  'secrets.changed': SecretsState
  /** A file edited with another program changed state (uploading, uploaded, changed on the server). Broadcast. */
  'editing.changed': ExternalEdit
  /** A file is no longer being edited with another program. Broadcast. */
  'editing.removed': { editId: string }
}

/** Exhaustive at compile time: adding a request without listing it here is a type error. */
export const requestChannels = {
  'app.info': true,
  'app.chooseFile': true,
  'session.connect': true,
  'session.answer': true,
  'session.reconnect': true,
  'session.disconnect': true,
  'session.replaceHostKey': true,
  'session.list': true,
  'fs.list': true,
  'fs.stat': true,
  'fs.realpath': true,
  'fs.home': true,
  'fs.rename': true,
  'fs.capabilities': true,
  'fs.mkdir': true,
  'fs.createFile': true,
  'fs.symlink': true,
  'fs.count': true,
  'fs.delete': true,
  'fs.setAttributes': true,
  'fs.folderSize': true,
  'fs.duplicate': true,
  'editor.open': true,
  'editor.stage': true,
  'editor.save': true,
  'editing.start': true,
  'editing.list': true,
  'editing.stop': true,
  'editing.overwrite': true,
  'find.start': true,
  'find.stop': true,
  'sync.preview': true,
  'sync.start': true,
  'sync.discard': true,
  'compare.folders': true,
  'sync.watchStart': true,
  'sync.watchStop': true,
  'transfer.enqueue': true,
  'transfer.list': true,
  'transfer.pause': true,
  'transfer.resume': true,
  'transfer.cancel': true,
  'transfer.retry': true,
  'transfer.retryFailed': true,
  'transfer.cancelAll': true,
  'transfer.clearFinished': true,
  'transfer.resolveConflict': true,
  'upload.begin': true,
  'upload.write': true,
  'upload.finish': true,
  'upload.discard': true,
  'settings.get': true,
  'settings.update': true,
  'terminal.open': true,
  'terminal.list': true,
  'terminal.attach': true,
  'terminal.input': true,
  'terminal.resize': true,
  'terminal.ack': true,
  'terminal.close': true,
  'terminal.cd': true,
  'terminal.folder': true,
  'terminal.isBusy': true,
  'profiles.list': true,
  'profiles.save': true,
  'profiles.delete': true,
  'profiles.duplicate': true,
  'profiles.move': true,
  'profiles.setBookmarks': true,
  'profiles.connect': true,
  'profiles.importPreview': true,
  'profiles.importConfig': true,
  'profiles.exportJson': true,
  'profiles.importJson': true,
  'secrets.state': true,
  'secrets.setMaster': true,
  'secrets.unlock': true,
  'secrets.reset': true,
} as const satisfies Record<keyof Requests, true>

/** Exhaustive list of event channels. */
export const eventChannels = {
  'session.prompt': true,
  'session.promptClosed': true,
  'session.changed': true,
  'session.closed': true,
  'transfer.changed': true,
  'transfer.removed': true,
  'transfer.conflict': true,
  'transfer.conflictClosed': true,
  'settings.changed': true,
  'terminal.data': true,
  'terminal.ended': true,
  'find.found': true,
  'find.ended': true,
  'sync.previewRows': true,
  'sync.previewEnded': true,
  'compare.progress': true,
  'sync.watchChanged': true,
  'profiles.changed': true,
  'secrets.changed': true,
  'editing.changed': true,
  'editing.removed': true,
} as const satisfies Record<keyof Events, true>

/** A request channel name. */
export type Channel = keyof Requests
/** The argument object of a request channel. */
export type Req<K extends Channel> = Parameters<Requests[K]>[0]
/** The success value of a request channel. */
export type Res<K extends Channel> = ReturnType<Requests[K]>
/** An event channel name. */
export type EventChannel = keyof Events

/** True when `name` is a declared request channel (guards untrusted input). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requestChannels, name)
}
