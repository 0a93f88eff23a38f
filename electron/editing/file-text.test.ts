import { describe, expect, it } from 'vitest'
import { decodeText, encodeText, imageTypeOf } from './file-text'

const roundTrip = (bytes: Buffer) => {
  const decoded = decodeText(bytes)
  if (decoded.kind !== 'text') throw new Error('not text')
  return encodeText(decoded.text, decoded.format)
}

describe('decodeText', () => {
  it('reads UTF-8 with LF line ends as it is', () => {
    expect(decodeText(Buffer.from('héllo\nwörld\n'))).toEqual({ kind: 'text', text: 'héllo\nwörld\n', format: { eol: 'lf', hasBom: false } })
  })

  it('gives the editor \\n for a CRLF file and writes CRLF back', () => {
    const bytes = Buffer.from('one\r\ntwo\r\nthree')
    expect(decodeText(bytes)).toEqual({ kind: 'text', text: 'one\ntwo\nthree', format: { eol: 'crlf', hasBom: false } })
    expect(roundTrip(bytes).equals(bytes)).toBe(true)
  })

  it('keeps a byte order mark out of the text and puts it back on save', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb\r\n')])
    const decoded = decodeText(bytes)
    expect(decoded).toEqual({ kind: 'text', text: 'a\nb\n', format: { eol: 'crlf', hasBom: true } })
    expect(roundTrip(bytes).equals(bytes)).toBe(true)
  })

  it('keeps a stray \\r\\n in an LF file and a lone \\r byte for byte', () => {
    const bytes = Buffer.from('a\nb\r\nc\nd\re\n')
    expect(roundTrip(bytes).equals(bytes)).toBe(true)
  })

  it('refuses a file with a NUL byte as binary and one that is not UTF-8', () => {
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42]))).toEqual({ kind: 'not-text', reason: 'binary' })
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ kind: 'not-text', reason: 'not-utf8' })
  })

  it('reads an empty file as empty text', () => {
    expect(decodeText(Buffer.alloc(0))).toEqual({ kind: 'text', text: '', format: { eol: 'lf', hasBom: false } })
  })

  it('edits survive: a new line in a CRLF file gets CRLF', () => {
    expect(encodeText('one\ntwo\nnew\n', { eol: 'crlf', hasBom: false }).toString()).toBe('one\r\ntwo\r\nnew\r\n')
  })
})

describe('imageTypeOf', () => {
  it('knows images by their first bytes, not their names', () => {
    expect(imageTypeOf('x.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(imageTypeOf('x', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(imageTypeOf('x', Buffer.from('GIF89a...'))).toBe('image/gif')
    expect(imageTypeOf('x', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(imageTypeOf('photo.png', Buffer.from('not an image'))).toBeNull()
  })

  it('takes an SVG only by name and an svg element', () => {
    expect(imageTypeOf('logo.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe('image/svg+xml')
    expect(imageTypeOf('logo.txt', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull()
    expect(imageTypeOf('logo.svg', Buffer.from('plain text'))).toBeNull()
  })
})
