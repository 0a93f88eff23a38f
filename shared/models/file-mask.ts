/**
 * WinSCP's file mask language, the subset Find files speaks (https://winscp.net/eng/docs/file_mask):
 *
 * - `*` any characters, `?` one character, `[abc]` / `[a-z]` one of a set; matching ignores case.
 *   `*.*` matches every name (dot or not), `*.` the names without a dot.
 * - Several masks separated by `;` or `,` (doubled, `;;` / `,,`, the character itself); spaces around
 *   each are ignored. `include|exclude`: a name matches when it matches an include mask (or there is
 *   none) and no exclude mask.
 * - A mask ending in `/` is a folder mask: `node_modules/` in the exclude part leaves those folders out
 *   (nothing inside them is searched); in the include part only files inside such a folder (at any depth
 *   below it) are found. Folder masks never match files, file masks never match folders.
 * - A mask holding a `/` elsewhere is a path mask: `*\/public_html/*.bak`, the part before the last `/`
 *   matched against the file's folder (there `*` spans `/` too), the rest against its name.
 * - Size and time conditions after a mask (or alone, for any name): `>1M`, `<100K`, `>=1G`, `<=0` (bytes;
 *   units K, M, G of 1024); `>2026-01-01`, `<2026-01-01 08:30[:15]` (local time); `>7D` modified within the
 *   last 7 days, `<7D` before that (units Y, D, H, N minutes, S seconds; a trailing `S` rounds down to the
 *   start of the unit: `>0DS` since midnight); `today` and `yesterday` stand for `0DS` and `1DS`. `<<` and
 *   `>>` are a literal `<` and `>`.
 */

/** A bound on size (bytes) or modification time (milliseconds since the epoch). */
export interface MaskCondition {
  readonly on: 'size' | 'mtime'
  readonly op: '>' | '<' | '>=' | '<='
  readonly value: number
}

/** One mask of a list, compiled. */
export interface NameMask {
  /** As typed, trimmed (for messages). */
  readonly text: string
  readonly isFolder: boolean
  /** Matched against the folder path (with `/`) for a path mask; absent for a plain name mask. */
  readonly folderPattern?: RegExp
  readonly namePattern: RegExp
  /** The name part as written (`*.log` of `*\/logs/*.log>1K`), for a pre-filter that must match at least as much. */
  readonly nameGlob: string
  readonly conditions: readonly MaskCondition[]
}

/** The masks of one side of `|`. */
export interface MaskList {
  readonly files: readonly NameMask[]
  readonly folders: readonly NameMask[]
}

/** A parsed file mask (see the module comment). */
export interface FileMask {
  readonly include: MaskList
  readonly exclude: MaskList
}

/** What the matcher needs of a file. `folder` is its folder's path, with `/` or `\\`. */
export interface MaskedFile {
  readonly name: string
  readonly folder: string
  readonly size: number
  readonly mtimeMs: number
}

/** A parse: the mask, or what is wrong with the text, said for a person. */
export type MaskParse = { readonly ok: true; readonly mask: FileMask } | { readonly ok: false; readonly message: string }

class MaskError extends Error {}

const sizeUnits: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }

/** Splits at single `separators`, a doubled one standing for the character itself. */
function splitEscaped(text: string, separators: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (!separators.includes(char)) current += char
    else if (text[i + 1] === char) {
      current += char
      i++
    } else {
      parts.push(current)
      current = ''
    }
  }
  parts.push(current)
  return parts
}

/** Splits `*.log>1K<1M` into the name part and each condition's text (`>1K`, `<1M`), `<<`/`>>` kept literal. */
function splitConditions(mask: string): { name: string; conditions: string[] } {
  let name = ''
  let i = 0
  for (; i < mask.length; i++) {
    const char = mask[i]!
    if (char !== '<' && char !== '>') name += char
    else if (mask[i + 1] === char) {
      name += char
      i++
    } else break
  }
  const conditions: string[] = []
  while (i < mask.length) {
    const start = i
    i += mask[i + 1] === '=' ? 2 : 1
    while (i < mask.length && mask[i] !== '<' && mask[i] !== '>') i++
    conditions.push(mask.slice(start, i))
  }
  return { name, conditions }
}

/** The moment `count` units before `now`, rounded down to the start of the unit when `isRounded`. */
function before(now: number, count: number, unit: string, isRounded: boolean): number {
  const date = new Date(now)
  if (unit === 'Y') date.setFullYear(date.getFullYear() - count)
  else if (unit === 'D') date.setDate(date.getDate() - count)
  else date.setTime(now - count * { H: 3_600_000, N: 60_000, S: 1000 }[unit as 'H' | 'N' | 'S'])
  if (!isRounded) return date.getTime()
  if (unit === 'Y') date.setMonth(0, 1)
  if (unit === 'Y' || unit === 'D') date.setHours(0, 0, 0, 0)
  else if (unit === 'H') date.setMinutes(0, 0, 0)
  else if (unit === 'N') date.setSeconds(0, 0)
  else date.setMilliseconds(0)
  return date.getTime()
}

function localDate(match: RegExpMatchArray, text: string): number {
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number]
  const date = new Date(year, month - 1, day, hour, minute, second)
  const isReal = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60 && second < 60
  if (!isReal) throw new MaskError(`"${text}" is not a real date or time.`)
  return date.getTime()
}

function parseCondition(text: string, now: number): MaskCondition {
  const op = (text[1] === '=' ? text.slice(0, 2) : text[0]) as MaskCondition['op']
  const value = text.slice(op.length).trim()
  const upper = value.toUpperCase()
  if (upper === 'TODAY' || upper === 'YESTERDAY') return { on: 'mtime', op, value: before(now, upper === 'TODAY' ? 0 : 1, 'D', true) }
  const size = /^(\d+)([KMG]?)$/.exec(upper)
  if (size) return { on: 'size', op, value: Number(size[1]) * sizeUnits[size[2]!]! }
  const interval = /^(\d+)([YDHNS])(S?)$/.exec(upper)
  if (interval) return { on: 'mtime', op, value: before(now, Number(interval[1]), interval[2]!, interval[3] === 'S') }
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value)
  if (date) return { on: 'mtime', op, value: localDate(date, value) }
  if (value === '') throw new MaskError(`"${text}" needs a size or a time after ${op}.`)
  throw new MaskError(`"${text}": after ${op} comes a size (100, 10K, 1M, 2G), a date (2026-01-31, 2026-01-31 08:30) or an age (7D, 12H, 30N, 1Y).`)
}

/** A glob as a RegExp source: `*` spans `/` only when `isPath`. */
function globSource(glob: string, isPath: boolean, whole: string): string {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!
    if (char === '*') source += isPath ? '[^]*' : '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const close = glob.indexOf(']', i + 2)
      if (close < 0) throw new MaskError(`"${whole}" opens a set with [ that is never closed with ].`)
      const set = glob.slice(i + 1, close).replace(/[\\\]^]/g, '\\$&')
      source += `[${set}]`
      i = close
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&')
  }
  return source
}

function nameRegExp(glob: string, whole: string): RegExp {
  if (glob === '*.*' || glob === '') return /^[^]*$/u
  if (glob === '*.') return /^[^.]*$/u
  return new RegExp(`^${globSource(glob, false, whole)}$`, 'iu')
}

function parseMask(raw: string, now: number): NameMask | null {
  const text = raw.trim()
  if (text === '') return null
  const { name, conditions } = splitConditions(text)
  const isFolder = name.endsWith('/')
  const pattern = (isFolder ? name.slice(0, -1) : name).trim()
  if (isFolder && conditions.length > 0) throw new MaskError(`"${text}": size and time conditions apply to files, not to a folder mask.`)
  if (isFolder && pattern === '') throw new MaskError(`"${text}": a folder mask needs a name before the /, like node_modules/ or */.`)
  const cut = pattern.lastIndexOf('/')
  const folderGlob = cut >= 0 ? pattern.slice(0, cut) : undefined
  const nameGlob = cut >= 0 ? pattern.slice(cut + 1) : pattern
  const namePattern = nameRegExp(nameGlob, text)
  const folderPattern = folderGlob === undefined ? undefined : new RegExp(`^${globSource(folderGlob, true, text)}$`, 'iu')
  return { text, isFolder, namePattern, nameGlob, ...(folderPattern ? { folderPattern } : {}), conditions: conditions.map((condition) => parseCondition(condition, now)) }
}

function parseList(text: string, now: number): MaskList {
  const masks = splitEscaped(text, ';,').flatMap((part) => parseMask(part, now) ?? [])
  return { files: masks.filter((mask) => !mask.isFolder), folders: masks.filter((mask) => mask.isFolder) }
}

/**
 * Parses a file mask; relative times (`>7D`) count back from `now`. Never throws: a mask that cannot
 * be parsed gives the reason. An empty text matches every file.
 */
export function parseFileMask(text: string, now: number = Date.now()): MaskParse {
  try {
    const sides = splitEscaped(text, '|')
    if (sides.length > 2) return { ok: false, message: 'Only one | may separate the include masks from the exclude masks.' }
    return { ok: true, mask: { include: parseList(sides[0]!, now), exclude: parseList(sides[1] ?? '', now) } }
  } catch (error) {
    if (error instanceof MaskError) return { ok: false, message: error.message }
    // The one way a compiled pattern fails: a range written high to low.
    if (error instanceof SyntaxError) return { ok: false, message: 'A [set] in the mask is not valid: a range goes from low to high, like [a-z].' }
    throw error
  }
}

function meets(condition: MaskCondition, file: MaskedFile): boolean {
  const actual = condition.on === 'size' ? file.size : file.mtimeMs
  switch (condition.op) {
    case '>':
      return actual > condition.value
    case '<':
      return actual < condition.value
    case '>=':
      return actual >= condition.value
    case '<=':
      return actual <= condition.value
  }
}

/** A folder path as the masks see it: `/` between names, no trailing one (but `/` itself). */
function maskPath(path: string): string {
  const slashed = path.replace(/\\/g, '/')
  return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed
}

function nameMatches(mask: NameMask, name: string, folder: string): boolean {
  return mask.namePattern.test(name) && (!mask.folderPattern || mask.folderPattern.test(maskPath(folder)))
}

function fileMatches(mask: NameMask, file: MaskedFile): boolean {
  return nameMatches(mask, file.name, file.folder) && mask.conditions.every((condition) => meets(condition, file))
}

/** True when the file passes the file masks (its folders are judged by {@link folderVerdict}). */
export function matchesFileMasks(mask: FileMask, file: MaskedFile): boolean {
  const { include, exclude } = mask
  if (include.files.length > 0 && !include.files.some((each) => fileMatches(each, file))) return false
  return !exclude.files.some((each) => fileMatches(each, file))
}

/** What the masks make of a folder inside the search: left out, or searched with its files found or not. */
export type FolderVerdict = 'excluded' | 'included' | 'searched'

/**
 * Judges the folder `name` in `parent` (a path): `excluded` when an exclude folder mask matches it
 * (nothing inside is searched); else `included` when its parent was, when there are no include folder
 * masks, or when one matches it; else `searched` (entered, for included folders deeper down, but its
 * own files are not found).
 */
export function folderVerdict(mask: FileMask, name: string, parent: string, parentVerdict: FolderVerdict): FolderVerdict {
  if (mask.exclude.folders.some((each) => nameMatches(each, name, parent))) return 'excluded'
  if (parentVerdict === 'included' || mask.include.folders.some((each) => nameMatches(each, name, parent))) return 'included'
  return 'searched'
}

/** The verdict of the folder the search starts in: its files are found unless include folder masks say otherwise. */
export function rootVerdict(mask: FileMask): FolderVerdict {
  return mask.include.folders.length === 0 ? 'included' : 'searched'
}
