// File systems limit names in bytes (255 on ext4, APFS, NTFS in UTF-16 units); Skiff counts UTF-8 bytes.

/** Length of `text` in UTF-8 bytes (a lone surrogate counts as the 3 bytes of U+FFFD, as it would be written). */
export function utf8Length(text: string): number {
  // Counted without encoding: a walk asks this of every name.
  return Buffer.byteLength(text, 'utf8')
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between code points (never inside a surrogate pair). */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0
  let end = 0
  for (const codePoint of text) {
    const size = utf8Length(codePoint)
    if (bytes + size > maxBytes) break
    bytes += size
    end += codePoint.length
  }
  return text.slice(0, end)
}
