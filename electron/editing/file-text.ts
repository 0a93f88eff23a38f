import type { NotText, TextFormat } from '../../shared/models/editor'

const bom = Buffer.from([0xef, 0xbb, 0xbf])

/** What a file's bytes hold, for the editor: its text (with `\n` line ends) and how to write it back, or why it is not text. */
export type DecodedText = { readonly kind: 'text'; readonly text: string; readonly format: TextFormat } | { readonly kind: 'not-text'; readonly reason: NotText }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Reads `bytes` as UTF-8 text. A NUL byte anywhere makes it binary (no text file holds one);
 * bytes that are not UTF-8 make it `not-utf8` rather than being replaced, since a save would
 * then write the replacement characters over the original bytes.
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes.includes(0)) return { kind: 'not-text', reason: 'binary' }
  const hasBom = bytes.subarray(0, 3).equals(bom)
  let text: string
  try {
    text = strictUtf8.decode(hasBom ? bytes.subarray(3) : bytes)
  } catch {
    return { kind: 'not-text', reason: 'not-utf8' }
  }
  const eol = lineEndingOf(text)
  return { kind: 'text', text: eol === 'crlf' ? text.replaceAll('\r\n', '\n') : text, format: { eol, hasBom } }
}

/**
 * The line ending most lines of `text` end with; `lf` on a tie or with none. A file that mixes
 * them keeps its majority: on save every line ends that way, except lone `\r`s and, in an LF
 * file, `\r\n` lines, which stay as they are (the editor splits lines on `\n` only).
 */
function lineEndingOf(text: string): TextFormat['eol'] {
  let crlf = 0
  let lf = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++
    else lf++
  }
  return crlf > lf ? 'crlf' : 'lf'
}

/** The bytes of `text` (with `\n` line ends) in `format`: the inverse of {@link decodeText}. */
export function encodeText(text: string, format: TextFormat): Buffer {
  const body = Buffer.from(format.eol === 'crlf' ? text.replaceAll('\n', '\r\n') : text, 'utf8')
  return format.hasBom ? Buffer.concat([bom, body]) : body
}

// Image types the viewer shows, by their first bytes (never by name: a `.png` may hold anything).
const imageSignatures: readonly { readonly mime: string; readonly test: (head: Buffer) => boolean }[] = [
  { mime: 'image/png', test: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', test: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  { mime: 'image/gif', test: (head) => /^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1')) },
  { mime: 'image/webp', test: (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP' },
]

/**
 * The image type of a file, from its first bytes, or for SVG (which is text) from its name and
 * an `<svg` element near the start; null when it is not one the viewer draws. SVG is shown
 * through an `<img>`, where its scripts never run and it cannot reach the page.
 */
export function imageTypeOf(name: string, head: Buffer): string | null {
  const signed = imageSignatures.find((signature) => signature.test(head))
  if (signed) return signed.mime
  if (/\.svgz?$/i.test(name) && /<svg[\s>]/i.test(head.subarray(0, 4096).toString('utf8'))) return 'image/svg+xml'
  return null
}
