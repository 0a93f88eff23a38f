import type { FsTarget } from '../../../shared/models/fs'
import type { ProfileId } from '../../../shared/models/ids'
import type { HostProfile } from '../../../shared/models/profile'
import type { SessionInfo } from '../../../shared/models/session'
import type { Settings } from '../../../shared/models/settings'
import type { PaneKey } from '../../stores/pane-state'
import { usePanesStore } from '../../stores/panes-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { useSettingsStore } from '../../stores/settings-store'
import { serverKey } from './server-key'

/**
 * Where a pane's bookmarks are kept: the local pane's in the settings; a remote pane's with the
 * saved profile its session came from, else in the settings under its server (`user@host:port`).
 */
type BookmarkHome = { readonly kind: 'local' } | { readonly kind: 'profile'; readonly profileId: ProfileId } | { readonly kind: 'server'; readonly server: string }

const none: readonly string[] = []

function homeOf(target: FsTarget | undefined, session: SessionInfo | undefined, profiles: readonly HostProfile[]): BookmarkHome | null {
  if (target?.kind === 'local') return { kind: 'local' }
  if (!session) return null
  const profileId = session.profile?.profileId
  // A session whose profile was deleted meanwhile keeps its bookmarks under its server.
  return profileId && profiles.some((p) => p.profileId === profileId) ? { kind: 'profile', profileId } : { kind: 'server', server: serverKey(session) }
}

function bookmarksAt(home: BookmarkHome | null, bookmarks: Settings['bookmarks'], profiles: readonly HostProfile[]): readonly string[] {
  if (!home) return none
  if (home.kind === 'local') return bookmarks.local
  if (home.kind === 'server') return bookmarks.remote[home.server] ?? none
  return profiles.find((p) => p.profileId === home.profileId)?.bookmarks ?? none
}

function sessionOf(target: FsTarget | undefined, sessions: readonly SessionInfo[]): SessionInfo | undefined {
  return target?.kind === 'remote' ? sessions.find((s) => s.sessionId === target.sessionId) : undefined
}

function bookmarkHome(paneKey: PaneKey): BookmarkHome | null {
  const target = usePanesStore.getState().panes[paneKey]?.target
  return homeOf(target, sessionOf(target, useSessionsStore.getState().sessions), useProfilesStore.getState().profiles)
}

function bookmarksIn(home: BookmarkHome | null): readonly string[] {
  return bookmarksAt(home, useSettingsStore.getState().settings.bookmarks, useProfilesStore.getState().profiles)
}

function store(home: BookmarkHome, bookmarks: readonly string[]): void {
  if (home.kind === 'local') void useSettingsStore.getState().update({ bookmarks: { local: bookmarks } })
  else if (home.kind === 'server') void useSettingsStore.getState().update({ bookmarks: { remote: { [home.server]: bookmarks } } })
  else void useProfilesStore.getState().setBookmarks(home.profileId, bookmarks)
}

/** The pane's bookmarks, in the order they were added; follows every change, from any window. */
export function usePaneBookmarks(paneKey: PaneKey): readonly string[] {
  const target = usePanesStore((state) => state.panes[paneKey]?.target)
  const session = useSessionsStore((state) => sessionOf(target, state.sessions))
  const profiles = useProfilesStore((state) => state.profiles)
  const bookmarks = useSettingsStore((state) => state.settings.bookmarks)
  return bookmarksAt(homeOf(target, session, profiles), bookmarks, profiles)
}

/** Ctrl+B: bookmarks the folder the pane shows (once: a folder bookmarked already stays where it is). */
export function bookmarkFolder(paneKey: PaneKey): void {
  const folder = usePanesStore.getState().panes[paneKey]?.listing?.path
  const home = bookmarkHome(paneKey)
  if (!folder || !home) return
  const bookmarks = bookmarksIn(home)
  if (!bookmarks.includes(folder)) store(home, [...bookmarks, folder])
}

/** Removes one of the pane's bookmarks. */
export function removeBookmark(paneKey: PaneKey, folder: string): void {
  const home = bookmarkHome(paneKey)
  if (home) store(home, bookmarksIn(home).filter((each) => each !== folder))
}
