import { useEffect, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react'
import type { ProfileId } from '../../../shared/models/ids'
import { useShallow } from 'zustand/react/shallow'
import type { HostProfile } from '../../../shared/models/profile'
import { blankProfile, useProfilesStore } from '../../stores/profiles-store'

/** Profiles grouped by folder ('' first), each group in list order (recent first). */
export function groupByFolder(profiles: readonly HostProfile[], filter: string): [string, HostProfile[]][] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const matches = (profile: HostProfile) => {
    const text = `${profile.name} ${profile.username}@${profile.host}:${profile.port} ${profile.folder} ${profile.notes ?? ''}`.toLowerCase()
    return words.every((word) => text.includes(word))
  }
  const groups = new Map<string, HostProfile[]>()
  for (const profile of profiles.filter(matches)) groups.set(profile.folder, [...(groups.get(profile.folder) ?? []), profile])
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
}

// What a dragged profile carries: its id, under a type only Skiff's own lists accept.
const profileDragType = 'application/x-skiff-profile'

/** A folder group that takes dropped profiles. */
function FolderGroup({ folder, children }: { readonly folder: string; readonly children: ReactNode }) {
  const [isOver, setIsOver] = useState(false)
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(profileDragType)
  return (
    <div
      role="group"
      aria-label={folder || 'Ungrouped'}
      className={`profile-group${isOver ? ' is-drop-target' : ''}`}
      onDragOver={(event) => {
        if (!accepts(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
        setIsOver(true)
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={(event) => {
        setIsOver(false)
        const profileId = event.dataTransfer.getData(profileDragType)
        if (!profileId) return
        event.preventDefault()
        void useProfilesStore.getState().move(profileId as ProfileId, folder)
      }}
    >
      <div className="profile-folder">{folder || 'Ungrouped'}</div>
      {children}
    </div>
  )
}

function ProfileItem({ profile }: { readonly profile: HostProfile }) {
  const store = useProfilesStore.getState()
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return
    if (event.key === 'Enter') void store.connect(profile)
    else if (event.key === 'Delete') store.askDelete(profile)
    else if (event.key === 'F2') store.openEditor({ profile, start: profile })
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      // Arrows walk the profiles in list order, across folders.
      event.preventDefault()
      const items = Array.from(event.currentTarget.closest('[role="list"]')?.querySelectorAll<HTMLElement>('[role="listitem"]') ?? [])
      items[items.indexOf(event.currentTarget) + (event.key === 'ArrowDown' ? 1 : -1)]?.focus()
    }
  }
  return (
    <div
      role="listitem"
      aria-label={profile.name}
      tabIndex={0}
      draggable
      className={`profile-item color-${profile.color}`}
      onDoubleClick={() => void store.connect(profile)}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData(profileDragType, profile.profileId)
        event.dataTransfer.effectAllowed = 'move'
      }}
    >
      <span className="profile-color" aria-hidden="true" />
      <span className="profile-text">
        <span className="profile-name">{profile.name}</span>
        <span className="profile-address muted">
          {profile.username}@{profile.host}
          {profile.port === 22 ? '' : `:${profile.port}`}
          {profile.hasSecret ? ' · password remembered' : ''}
        </span>
      </span>
      <span className="profile-actions">
        <button type="button" className="primary" onClick={() => void store.connect(profile)}>
          Connect
        </button>
        <button type="button" aria-label={`Edit ${profile.name}`} onClick={() => store.openEditor({ profile, start: profile })}>
          Edit
        </button>
        <button type="button" aria-label={`Duplicate ${profile.name}`} onClick={() => void store.duplicate(profile.profileId)}>
          Duplicate
        </button>
        <button type="button" aria-label={`Delete ${profile.name}`} onClick={() => store.askDelete(profile)}>
          Delete
        </button>
      </span>
    </div>
  )
}

/** The start screen: saved hosts by folder, a filter, and New profile. */
export function SavedHosts() {
  const { profiles, filter } = useProfilesStore(useShallow((state) => ({ profiles: state.profiles, filter: state.filter })))
  useEffect(() => {
    void useProfilesStore.getState().load()
  }, [])
  const groups = groupByFolder(profiles, filter)
  // The top level takes drops too, even when every profile sits in a folder.
  if (groups.length > 0 && !groups.some(([folder]) => folder === '')) groups.unshift(['', []])
  return (
    <div className="saved-hosts">
      <div className="saved-hosts-bar">
        <h2>Saved hosts</h2>
        <input aria-label="Filter hosts" placeholder="Filter" value={filter} onChange={(event) => useProfilesStore.getState().setFilter(event.target.value)} />
        <button type="button" onClick={() => useProfilesStore.getState().openImport(true)}>
          Import from ssh config
        </button>
        <label className="button-like">
          Import JSON
          <input
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              if (file) void useProfilesStore.getState().importJson(file)
            }}
          />
        </label>
        <button type="button" disabled={profiles.length === 0} onClick={() => void useProfilesStore.getState().exportJson()}>
          Export JSON
        </button>
        <button type="button" onClick={() => useProfilesStore.getState().openEditor({ start: blankProfile })}>
          New profile
        </button>
      </div>
      {profiles.length === 0 ? (
        <p className="muted">No saved hosts yet. New profile keeps a host, its user and (if you like) its password; or connect with the bar above and save it as a profile.</p>
      ) : (
        <div role="list" aria-label="Saved hosts" className="profile-list">
          {groups.map(([folder, members]) => (
            <FolderGroup key={folder} folder={folder}>
              {members.map((profile) => (
                <ProfileItem key={profile.profileId} profile={profile} />
              ))}
            </FolderGroup>
          ))}
          {groups.length === 0 && <p className="muted">No saved host matches the filter.</p>}
        </div>
      )}
    </div>
  )
}
