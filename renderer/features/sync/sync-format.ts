import type { KeepUpToDateStatus } from '../../../shared/models/keep-up-to-date'
import type { SyncAction, SyncRow, SyncTally } from '../../../shared/models/sync'
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

const actions = Object.keys(actionWords) as SyncAction[]

/**
 * Count and bytes per action of the rows Start will do: unchecked rows (and problems, which never
 * run) are counted apart. Bytes are what a copy moves: the size on the side it copies from.
 */
export function checkedTallies(rows: readonly SyncRow[], unchecked: ReadonlySet<number>): Record<SyncAction, SyncTally> {
  const tallies = Object.fromEntries(actions.map((action) => [action, { count: 0, bytes: 0 }])) as Record<SyncAction, { count: number; bytes: number }>
  for (const row of rows) {
    if (unchecked.has(row.id) && row.action !== 'problem') continue
    const tally = tallies[row.action]
    tally.count++
    if (row.action === 'delete' || row.action === 'problem' || row.type !== 'file') continue
    tally.bytes += (row.side === 'remote' ? row.local?.size : row.remote?.size) ?? 0
  }
  return tallies
}

/** The line under the preview: `3 uploads (1.2 MiB) · 1 replace (4 KiB) · 2 deletes · 1 problem`, or that nothing differs. */
export function talliesText(tallies: Readonly<Record<SyncAction, SyncTally>>, entriesCompared: number): string {
  const parts: string[] = []
  const plural: Readonly<Record<SyncAction, [string, string]>> = {
    upload: ['upload', 'uploads'],
    download: ['download', 'downloads'],
    replace: ['replace', 'replaces'],
    delete: ['delete', 'deletes'],
    conflict: ['conflict', 'conflicts'],
    problem: ['problem', 'problems'],
  }
  for (const action of actions) {
    const { count, bytes } = tallies[action]
    if (count === 0) continue
    const words = plural[action]
    const size = bytes > 0 ? ` (${formatSize(bytes)})` : ''
    parts.push(`${count.toLocaleString('en-US')} ${count === 1 ? words[0] : words[1]}${size}`)
  }
  const compared = `${entriesCompared.toLocaleString('en-US')} entries compared`
  return parts.length === 0 ? `Nothing to do: the folders are in sync (${compared}).` : `${parts.join(' · ')} — ${compared}`
}

/** What settling a conflict row can do, as its choice shows it: keep this computer's version (upload it, or delete the server's), the server's, or neither yet. */
export function conflictChoices(row: Pick<SyncRow, 'local' | 'remote'>): readonly { readonly value: 'skip' | 'local' | 'remote'; readonly label: string; readonly title: string }[] {
  return [
    { value: 'skip', label: 'Skip', title: 'Leave both sides as they are; the next preview asks again' },
    { value: 'local', label: row.local ? 'Upload' : 'Delete on server', title: row.local ? "Keep this computer's version: it replaces the server's" : 'Keep it deleted, as on this computer: the server’s copy is deleted' },
    { value: 'remote', label: row.remote ? 'Download' : 'Delete here', title: row.remote ? "Keep the server's version: it replaces this computer's" : 'Keep it deleted, as on the server: this computer’s copy is deleted' },
  ]
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
