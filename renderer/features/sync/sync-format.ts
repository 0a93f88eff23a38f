import type { KeepUpToDateStatus } from '../../../shared/models/keep-up-to-date'
import type { SyncAction, SyncPreviewEnded, SyncRow } from '../../../shared/models/sync'
import { formatSize } from '../file-grid/entry-format'

const actionWords: Readonly<Record<SyncAction, string>> = {
  upload: 'Upload',
  download: 'Download',
  replace: 'Replace',
  delete: 'Delete',
  conflict: 'Conflict',
  problem: 'Problem',
}

/** The word of a row's Action column: `Upload`, `Replace on server`, `Delete here`. */
export function actionText(row: Pick<SyncRow, 'action' | 'side'>): string {
  if (row.action === 'replace' || row.action === 'delete') return `${actionWords[row.action]} ${row.side === 'remote' ? 'on server' : 'here'}`
  return actionWords[row.action]
}

/** The line above the preview: `3 uploads (1.2 MiB) · 1 replace (4 KiB) · 2 deletes · 1 problem`, or that nothing differs. */
export function talliesText(ended: SyncPreviewEnded): string {
  const parts: string[] = []
  const plural: Readonly<Record<SyncAction, [string, string]>> = {
    upload: ['upload', 'uploads'],
    download: ['download', 'downloads'],
    replace: ['replace', 'replaces'],
    delete: ['delete', 'deletes'],
    conflict: ['conflict', 'conflicts'],
    problem: ['problem', 'problems'],
  }
  for (const action of Object.keys(plural) as SyncAction[]) {
    const { count, bytes } = ended.tallies[action]
    if (count === 0) continue
    const words = plural[action]
    const size = bytes > 0 ? ` (${formatSize(bytes)})` : ''
    parts.push(`${count.toLocaleString('en-US')} ${count === 1 ? words[0] : words[1]}${size}`)
  }
  const compared = `${ended.entriesCompared.toLocaleString('en-US')} entries compared`
  return parts.length === 0 ? `Nothing to do: the folders are in sync (${compared}).` : `${parts.join(' · ')} — ${compared}`
}

const stateWords: Readonly<Record<KeepUpToDateStatus['state'], string>> = {
  watching: 'Watching',
  uploading: 'Uploading',
  offline: 'Waiting for the connection ·',
  failed: 'The last upload failed ·',
  stopped: 'Stopped',
}

/** `~/site` for a folder in the home folder. */
function shortFolder(folder: string, home: string | undefined): string {
  if (!home || home === '/') return folder
  if (folder === home) return '~'
  return folder.startsWith(home) && '/\\'.includes(folder[home.length] ?? 'x') ? '~' + folder.slice(home.length) : folder
}

/** `Watching ~/site → /var/www · last: uploaded css/site.css · 12 uploaded, 1 deleted`. */
export function keepStatusText(status: KeepUpToDateStatus, home?: string): string {
  const parts = [`${stateWords[status.state]} ${shortFolder(status.localFolder, home)} → ${status.remoteFolder}`]
  if (status.message && status.state !== 'watching') parts.push(status.message)
  if (status.lastAction) parts.push(`last: ${status.lastAction}`)
  const counts = `${status.uploaded.toLocaleString('en-US')} uploaded, ${status.deleted.toLocaleString('en-US')} deleted`
  parts.push(status.pending > 0 ? `${counts}, ${status.pending.toLocaleString('en-US')} waiting` : counts)
  return parts.join(' · ')
}
