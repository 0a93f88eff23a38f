import { describe, expect, it } from 'vitest'
import { bytesOfBase64, hexLines } from './hex-lines'

describe('hexLines', () => {
  it('shows sixteen bytes a line with their offset and printable characters, as hexdump -C does', () => {
    const bytes = new TextEncoder().encode('PNG\r\n\u001a\nhello, world!!')
    expect(hexLines(bytes)).toEqual([
      '00000000  50 4e 47 0d 0a 1a 0a 68  65 6c 6c 6f 2c 20 77 6f  |PNG....hello, wo|',
      '00000010  72 6c 64 21 21                                    |rld!!|',
    ])
  })

  it('reads base64 back to the bytes', () => {
    expect([...bytesOfBase64('AAH/')]).toEqual([0, 1, 255])
  })
})
