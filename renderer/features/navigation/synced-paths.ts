/** Where synchronized browsing started: each pane's folder and its separator. */
export interface SyncedBase {
  readonly path: string
  readonly separator: string
}

/** The names from `base` down to `path`; null when `path` is not `base` or below it. */
export function namesBelow(base: SyncedBase, path: string): string[] | null {
  if (path === base.path) return []
  const prefix = base.path.endsWith(base.separator) ? base.path : base.path + base.separator
  if (!path.startsWith(prefix)) return null
  return path.slice(prefix.length).split(base.separator).filter((name) => name !== '')
}

/**
 * The folder of the other pane that matches `path` of this one: the same names below the other
 * base. Null when `path` left this pane's base (above it or elsewhere): there is nothing to match.
 */
export function matchingPath(from: SyncedBase, path: string, to: SyncedBase): string | null {
  const names = namesBelow(from, path)
  if (names === null) return null
  if (names.length === 0) return to.path
  const prefix = to.path.endsWith(to.separator) ? to.path : to.path + to.separator
  return prefix + names.join(to.separator)
}
