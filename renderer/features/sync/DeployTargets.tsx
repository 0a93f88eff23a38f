import { useMemo, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ProfileId, SessionId } from '../../../shared/models/ids'
import { leftOutIds, uncheckedPathsOf, useDeployStore, type DeployTarget } from '../../stores/deploy-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { displayName } from '../file-grid/display-name'
import { useSyncStore } from '../../stores/sync-store'
import { checkedTallies, talliesText } from './sync-format'

/**
 * `Also to…`: more saved hosts the same upload synchronization is previewed and run on, in
 * parallel. Only for Upload: one local folder is the same source for every server, while
 * downloads from several servers into one folder would overwrite each other.
 */
export function DeployPicker({ sessionId, isUpload }: { readonly sessionId: SessionId; readonly isUpload: boolean }) {
  const [isOpen, setOpen] = useState(false)
  const profiles = useProfilesStore((state) => state.profiles)
  const ownProfile = useSessionsStore((state) => state.sessions.find((session) => session.sessionId === sessionId)?.profile?.profileId)
  const chosen = useDeployStore((state) => state.chosen)
  const others = profiles.filter((profile) => profile.profileId !== ownProfile)
  const names = chosen.flatMap((id) => others.filter((profile) => profile.profileId === id).map((profile) => profile.name))
  const toggle = (profileId: ProfileId, isOn: boolean) => {
    const next = isOn ? [...chosen, profileId] : chosen.filter((id) => id !== profileId)
    useDeployStore.getState().setChosen(next)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !isOpen) return
    event.stopPropagation()
    setOpen(false)
  }
  const hint = !isUpload ? 'Only an upload goes to several servers' : others.length === 0 ? 'Save more hosts to deploy to them' : 'The same synchronization on more saved hosts, in parallel'
  return (
    <div className="deploy-picker" onKeyDown={onKeyDown}>
      <button type="button" aria-expanded={isOpen} disabled={!isUpload || others.length === 0} title={hint} onClick={() => setOpen(!isOpen)}>
        Also to…
      </button>
      <span className="deploy-chosen">{isUpload && names.length > 0 ? `and ${names.join(', ')}` : hint}</span>
      {isOpen && isUpload && (
        <div className="deploy-choices" role="group" aria-label="Also to">
          {others.map((profile) => (
            <label key={profile.profileId} className="toggle">
              <input type="checkbox" checked={chosen.includes(profile.profileId)} onChange={(event) => toggle(profile.profileId, event.target.checked)} />
              {`${profile.name} (${profile.username}@${profile.host}:${profile.port})`}
            </label>
          ))}
          <button type="button" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      )}
    </div>
  )
}

function targetLine(target: DeployTarget, leftOut: ReadonlySet<number>): string {
  switch (target.state) {
    case 'connecting':
      return 'connecting…'
    case 'previewing':
      return `comparing… ${target.rows.length.toLocaleString('en-US')} actions so far`
    case 'ready':
      return target.ended ? talliesText(checkedTallies(target.rows, leftOut), target.ended.entriesCompared) : ''
    case 'failed':
      return `not synchronized: ${target.error?.message ?? 'it failed'}`
    default:
      return 'started'
  }
}

// A deletion is what a person must see before it happens, server by server.
const shownDeletes = 50

/** Each more server's preview under the first one's: its tallies, or why it cannot take part, and what it would delete. */
export function DeployStatus() {
  const targets = useDeployStore(useShallow((state) => state.targets))
  const { rows, unchecked } = useSyncStore(useShallow((state) => ({ rows: state.rows, unchecked: state.unchecked })))
  const uncheckedPaths = useMemo(() => uncheckedPathsOf(rows, unchecked), [rows, unchecked])
  if (targets.length === 0) return null
  return (
    <ul className="deploy-status" aria-label="Also to servers">
      {targets.map((target) => {
        const leftOut = leftOutIds(target.rows, uncheckedPaths)
        const deletes = target.rows.filter((row) => row.action === 'delete' && !leftOut.has(row.id))
        return (
          <li key={target.profileId} className={`deploy-target state-${target.state}`}>
            <span className="deploy-target-name">{target.name}</span> <span>{targetLine(target, leftOut)}</span>
            {target.state === 'ready' && deletes.length > 0 && (
              <details>
                <summary>{`What ${target.name} deletes`}</summary>
                <ul>
                  {deletes.slice(0, shownDeletes).map((row) => (
                    <li key={row.id}>{displayName(row.path)}</li>
                  ))}
                  {deletes.length > shownDeletes && <li>{`and ${(deletes.length - shownDeletes).toLocaleString('en-US')} more`}</li>}
                </ul>
              </details>
            )}
          </li>
        )
      })}
    </ul>
  )
}
