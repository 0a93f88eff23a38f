/** One run of a file name as shown: plain text, or a visible escape for an unsafe character. */
export interface NamePart {
  readonly text: string
  readonly isEscape: boolean
}

const namedEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

// C0/C1 controls and DEL, bidi overrides/isolates/marks, line/paragraph separators, BOM:
// characters that could break a row or make a name read as something it is not.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const unsafeSource = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/.source
// Two instances: `test` on a global regex would leave lastIndex behind for the next caller.
const unsafeChar = new RegExp(unsafeSource)
const unsafeChars = new RegExp(unsafeSource, 'g')

function escapeChar(char: string): string {
  const named = namedEscapes[char]
  if (named) return named
  const code = char.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** True when the name holds nothing that needs escaping (the common, fast case). */
export function isPlainName(name: string): boolean {
  return !unsafeChar.test(name)
}

/** Splits a raw name into plain runs and escapes, so control characters are shown, never interpreted. */
export function nameParts(name: string): readonly NamePart[] {
  if (isPlainName(name)) return [{ text: name, isEscape: false }]
  const parts: NamePart[] = []
  let last = 0
  for (const match of name.matchAll(unsafeChars)) {
    if (match.index > last) parts.push({ text: name.slice(last, match.index), isEscape: false })
    parts.push({ text: escapeChar(match[0]), isEscape: true })
    last = match.index + 1
  }
  if (last < name.length) parts.push({ text: name.slice(last), isEscape: false })
  return parts
}

/** The name as one safe display string (for titles of dialogs, alerts and tests). */
export function displayName(name: string): string {
  return nameParts(name)
    .map((part) => part.text)
    .join('')
}
