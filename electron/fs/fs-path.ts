/**
 * The last name of a path and the folder it is in; the root stays the root (`/`, `C:\`).
 * Trailing separators are ignored. POSIX paths (every server) split at `/` only, since `\` is a
 * legal character in a name there; Windows paths at either.
 */
export function splitPath(path: string, separator: '/' | '\\'): { folder: string; name: string } {
  const trailing = separator === '\\' ? /[\\/]+$/ : /\/+$/
  const trimmed = path.length > 1 ? path.replace(trailing, '') : path
  const cut = separator === '\\' ? Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) : trimmed.lastIndexOf('/')
  const isRoot = cut <= 0 || (separator === '\\' && trimmed[cut - 1] === ':')
  return { folder: isRoot ? trimmed.slice(0, cut + 1) : trimmed.slice(0, cut), name: trimmed.slice(cut + 1) || trimmed }
}
