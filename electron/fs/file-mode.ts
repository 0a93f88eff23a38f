import type { EntryType } from '../../shared/models/fs'

// st_mode bits as POSIX defines them; SFTP carries the same numbers.
const typeMask = 0o170000
const directoryBits = 0o040000
const regularFileBits = 0o100000
const symlinkBits = 0o120000
const setUidBit = 0o4000
const setGidBit = 0o2000
const stickyBit = 0o1000

/** What an st_mode says an entry is; 'other' for devices, sockets, FIFOs and an unknown (0) mode. */
export function entryTypeOf(mode: number): EntryType {
  switch (mode & typeMask) {
    case regularFileBits:
      return 'file'
    case directoryBits:
      return 'directory'
    case symlinkBits:
      return 'symlink'
    default:
      return 'other'
  }
}

/** One `rwx` triple; `special` replaces the x with its letter (lower case when x is also set), as `ls` does. */
function triple(bits: number, special: 's' | 't' | undefined): string {
  const read = bits & 4 ? 'r' : '-'
  const write = bits & 2 ? 'w' : '-'
  const isExecutable = (bits & 1) !== 0
  let execute = isExecutable ? 'x' : '-'
  if (special) execute = isExecutable ? special : special.toUpperCase()
  return read + write + execute
}

/** The nine permission characters of `ls -l` (`rwsr-xr-t`, …) for an st_mode. */
export function permissionString(mode: number): string {
  return (
    triple((mode >> 6) & 7, mode & setUidBit ? 's' : undefined) +
    triple((mode >> 3) & 7, mode & setGidBit ? 's' : undefined) +
    triple(mode & 7, mode & stickyBit ? 't' : undefined)
  )
}

/** What a followed link resolves to: like {@link entryTypeOf}, never 'symlink' (stat follows links). */
export function targetTypeOf(mode: number): Exclude<EntryType, 'symlink'> {
  const type = entryTypeOf(mode)
  return type === 'symlink' ? 'other' : type
}
