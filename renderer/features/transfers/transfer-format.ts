import type { JobKind } from '../../../shared/models/file-ops'
import type { TransferDirection, TransferInfo, TransferState } from '../../../shared/models/transfer'
import { formatSize } from '../file-grid/entry-format'

const stateWords: Readonly<Record<TransferState, string>> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** The status word a job shows: `Queued`, `Running`, `Paused`, `Done`, `Failed`, `Cancelled`. */
export function stateWord(state: TransferState): string {
  return stateWords[state]
}

const directionWords: Readonly<Record<TransferDirection, string>> = { upload: 'Upload', download: 'Download', local: 'Local copy', remote: 'Server copy', both: 'Both ways' }

const operationWords: Readonly<Record<Exclude<JobKind, 'copy'>, string>> = {
  sync: 'Synchronize',
  delete: 'Delete',
  trash: 'Move to trash',
  attributes: 'Permissions',
  size: 'Size of',
  duplicate: 'Duplicate',
  save: 'Save',
}

/** True for jobs that move bytes (a copy, a synchronization): they show bytes, speed and ETA, and can pause. */
export function isCopyKind(job: Pick<TransferInfo, 'kind'>): boolean {
  return job.kind === 'copy' || job.kind === 'sync'
}

/** What a file operation job does, as its title starts: `Delete`, `Permissions`, `Size of`; null for a copy. */
export function operationWord(job: Pick<TransferInfo, 'kind'>): string | null {
  return job.kind === 'copy' ? null : operationWords[job.kind]
}

/** How the Transfers list names a job: the file for a copy, `Delete site-old` for an operation. */
export function jobTitle(job: Pick<TransferInfo, 'kind' | 'name'>, name: string): string {
  const word = operationWord(job)
  return word ? `${word} ${name}` : name
}

/** `1,204 of 5,050 entries`; a finished size: `1.2 GiB in 1,204 files, 3 folders`. */
export function operationLine(job: Pick<TransferInfo, 'kind' | 'state' | 'filesDone' | 'filesTotal' | 'count'>): string {
  const entries = (n: number) => n.toLocaleString('en-US')
  if (job.kind === 'size' && job.state === 'done' && job.count) {
    const { bytes, files, folders } = job.count
    return `${formatSize(bytes)} in ${entries(files)} ${files === 1 ? 'file' : 'files'}, ${entries(folders)} ${folders === 1 ? 'folder' : 'folders'}`
  }
  if (job.kind === 'size') return job.filesDone > 0 ? `${entries(job.filesDone)} entries counted` : ''
  if (job.kind === 'save') return job.state === 'done' && job.count ? `${formatSize(job.count.bytes)} uploaded` : ''
  return job.filesTotal > 0 ? `${entries(job.filesDone)} of ${entries(job.filesTotal)} entries` : ''
}

/**
 * What a synchronization does, as its row says under the progress: `12 files, 2 folders to copy ·
 * 3 to delete on the server`; deletions done once they ran: `3 of 3 deleted on the server`.
 */
export function syncLine(job: Pick<TransferInfo, 'sync' | 'direction' | 'state' | 'filesSkipped'>): string {
  const facts = job.sync
  if (!facts) return ''
  const isDone = job.state === 'done'
  const files = isDone ? facts.files - job.filesSkipped : facts.files
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
  const copies = [...(files > 0 ? [count(files, 'file', 'files')] : []), ...(facts.folders > 0 ? [count(facts.folders, 'folder', 'folders')] : [])]
  const parts = copies.length > 0 ? [`${copies.join(', ')} ${isDone ? 'copied' : 'to copy'}`] : []
  const where = job.direction === 'download' ? 'on this computer' : 'on the server'
  if (facts.deletions > 0) {
    const isUnder = facts.deleted > 0 || isDone
    parts.push(isUnder ? `${facts.deleted.toLocaleString('en-US')} of ${facts.deletions.toLocaleString('en-US')} deleted ${where}` : `${facts.deletions.toLocaleString('en-US')} to delete ${where}, last`)
  }
  return parts.length > 0 ? parts.join(' · ') : 'nothing to do'
}

/** The note of a finished job that skipped files: a copy's were already there; a synchronization's changed after its preview. */
export function skippedText(job: Pick<TransferInfo, 'filesSkipped' | 'sync'>): string {
  const n = job.filesSkipped
  const files = `${n.toLocaleString('en-US')} ${n === 1 ? 'file was' : 'files were'}`
  return job.sync ? `${n.toLocaleString('en-US')} ${n === 1 ? 'file' : 'files'} left as ${n === 1 ? 'it was' : 'they were'}: changed after the preview, and skipped` : `${files} already there and skipped`
}

/** `Upload`, `Download`, … (and `Move` instead of a copy). */
export function directionWord(job: Pick<TransferInfo, 'direction' | 'isMove'>): string {
  const word = directionWords[job.direction]
  return job.isMove ? `${word} (move)` : word
}

/** `1:05`, `12:30`, `2:03:04`; empty when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return ''
  const s = Math.max(0, Math.round(seconds))
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}

/** `12.0 MiB of 100 MiB`, or just the done part until the total is known. */
export function formatBytesLine(job: Pick<TransferInfo, 'bytesDone' | 'bytesTotal'>): string {
  return job.bytesTotal > 0 ? `${formatSize(job.bytesDone)} of ${formatSize(job.bytesTotal)}` : formatSize(job.bytesDone)
}

/** Percent done, 0–100, whole numbers; 100 for an empty job that is done. */
export function percentOf(job: Pick<TransferInfo, 'bytesDone' | 'bytesTotal' | 'state' | 'kind' | 'filesDone' | 'filesTotal'>): number {
  if (!isCopyKind(job)) return job.state === 'done' ? 100 : job.filesTotal > 0 ? Math.min(100, Math.floor((job.filesDone / job.filesTotal) * 100)) : 0
  if (job.bytesTotal <= 0) return job.state === 'done' ? 100 : 0
  return Math.min(100, Math.floor((job.bytesDone / job.bytesTotal) * 100))
}

/** Items that failed in failed jobs: each reported problem, or the job itself when it names none. */
export function failedCount(jobs: readonly Pick<TransferInfo, 'state' | 'problemCount'>[]): number {
  return jobs.filter((job) => job.state === 'failed').reduce((sum, job) => sum + Math.max(1, job.problemCount), 0)
}

/** The queue's one-line summary: what runs, waits and is paused, overall percent, combined speed; and what failed or was cancelled. */
export function overallLine(jobs: readonly TransferInfo[]): string {
  const open = jobs.filter((job) => job.state === 'queued' || job.state === 'running' || job.state === 'paused')
  const failed = failedCount(jobs)
  const cancelled = jobs.filter((job) => job.state === 'cancelled').length
  const ended = [...(failed > 0 ? [`${failed.toLocaleString('en-US')} failed`] : []), ...(cancelled > 0 ? [`${cancelled} cancelled`] : [])]
  if (open.length === 0) {
    if (jobs.length === 0) return 'No transfers'
    return ended.length > 0 ? `Finished, ${ended.join(', ')}` : 'All transfers finished'
  }
  const done = open.reduce((sum, job) => sum + job.bytesDone, 0)
  const total = open.reduce((sum, job) => sum + job.bytesTotal, 0)
  const speed = open.reduce((sum, job) => sum + job.bytesPerSecond, 0)
  const count = (state: TransferInfo['state']) => open.filter((job) => job.state === state).length
  const states = [`${count('running')} running`, `${count('queued')} waiting`, ...(count('paused') > 0 ? [`${count('paused')} paused`] : [])]
  const parts = [states.join(', ')]
  if (total > 0) parts.push(`${Math.floor((done / total) * 100)}% of ${formatSize(total)}`)
  if (speed > 0) parts.push(`${formatSize(speed)}/s`)
  if (failed > 0) parts.push(`${failed.toLocaleString('en-US')} failed`)
  return parts.join(' · ')
}
