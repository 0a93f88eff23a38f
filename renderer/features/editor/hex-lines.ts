/**
 * Bytes as a hex dump, 16 to a line: offset, the bytes in hex (a gap after eight), and the
 * printable ASCII ones as characters (`.` for the rest), as `hexdump -C` shows them.
 */
export function hexLines(bytes: Uint8Array): string[] {
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16)
    let hex = ''
    let text = ''
    for (let i = 0; i < 16; i++) {
      const byte = row[i]
      hex += (byte === undefined ? '  ' : byte.toString(16).padStart(2, '0')) + (i === 7 ? '  ' : ' ')
      if (byte !== undefined) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} |${text}|`)
  }
  return lines
}

/** The bytes of base64 text. */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
