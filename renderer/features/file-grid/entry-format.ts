import type { FsEntry } from '../../../shared/models/fs'

const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/** Human-readable size in binary units: `512 B`, `1.5 KiB`, `230 MiB`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  // One decimal while it still carries meaning; three digits are enough above that.
  const digits = value < 100 ? value.toFixed(1) : Math.round(value).toString()
  return `${digits} ${units[unit]}`
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** Local time as `YYYY-MM-DD HH:MM`; empty when the time is unknown (0). */
export function formatModified(mtimeMs: number): string {
  if (!mtimeMs) return ''
  const date = new Date(mtimeMs)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const S_IFMT = 0o170000
const typeCharsByMode: Readonly<Record<number, string>> = {
  0o140000: 's',
  0o120000: 'l',
  0o100000: '-',
  0o060000: 'b',
  0o040000: 'd',
  0o020000: 'c',
  0o010000: 'p',
}

function typeChar(entry: FsEntry): string {
  if (entry.type === 'directory') return 'd'
  if (entry.type === 'symlink') return 'l'
  if (entry.type === 'file') return '-'
  return typeCharsByMode[entry.mode & S_IFMT] ?? '?'
}

/** `drwxr-xr-x` style; empty when the file system told nothing. */
export function formatPermissions(entry: FsEntry): string {
  if (!entry.permissions) return ''
  return typeChar(entry) + entry.permissions
}

/** True for folders and for symlinks that resolve to one: both open on Enter and sort first. */
export function isFolderLike(entry: FsEntry): boolean {
  return entry.type === 'directory' || (entry.type === 'symlink' && entry.linkTargetType === 'directory')
}

/** True for dotfiles, which the hidden-files toggle hides. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.')
}
