/** Joins a folder and one child name with the file system's separator, without doubling it at a root. */
export function joinPath(folder: string, name: string, separator: '/' | '\\'): string {
  return folder.endsWith(separator) ? folder + name : folder + separator + name
}

/** The last segment of a path (`/a/b` → `b`); the path itself at a root. */
export function baseName(path: string, separator: '/' | '\\'): string {
  const trimmed = path.length > 1 && path.endsWith(separator) ? path.slice(0, -1) : path
  const cut = trimmed.lastIndexOf(separator)
  return cut >= 0 && cut < trimmed.length - 1 ? trimmed.slice(cut + 1) : trimmed
}
