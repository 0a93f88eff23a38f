// Keys that tell whether two paths name the same folder, for loop checks only: they are compared,
// never used to open anything (paths for I/O are joined raw by joinChild, never normalised).
// A key is the path's segments after `.` and `..` are resolved lexically, joined by NUL, which no
// name holds. Windows paths compare case-insensitively, as NTFS does.

type Separator = '/' | '\\'

const windowsAbsolute = /^([\\/]|[A-Za-z]:)/

function segmentsOf(path: string, separator: Separator): string[] {
  const raw = separator === '\\' ? path.toLowerCase().split(/[\\/]/) : path.split('/')
  return raw.filter((segment) => segment !== '' && segment !== '.')
}

function resolveOnto(base: readonly string[], path: string, separator: Separator): string {
  const segments = [...base]
  for (const segment of segmentsOf(path, separator)) {
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  return '\0' + segments.join('\0')
}

/** The key of an absolute path (a root, or what realpath answered). */
export function pathKey(path: string, separator: Separator): string {
  return resolveOnto([], path, separator)
}

/** The key of the folder `name` inside the folder keyed `parentKey`. */
export function childKey(parentKey: string, name: string): string {
  return `${parentKey}\0${name}`
}

/**
 * The key of where a link in the folder keyed `parentKey` points, from its target as written
 * (absolute, or relative to that folder). Exact unless the target passes through other links;
 * those loops are caught one turn later, or by the depth limit.
 */
export function linkKey(parentKey: string, linkTarget: string, separator: Separator): string {
  const isAbsolute = separator === '\\' ? windowsAbsolute.test(linkTarget) : linkTarget.startsWith('/')
  const base = isAbsolute ? [] : parentKey.split('\0').filter((segment) => segment !== '')
  return resolveOnto(base, linkTarget, separator)
}
