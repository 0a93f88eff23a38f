// What a terminal lets server output do: it is untrusted, so links and clipboard writes pass
// these checks first.

// OSC 52 writes bigger than this are dropped (a hostile server could flood the clipboard).
const clipboardWriteCap = 1024 * 1024

/** True for the only link kinds a terminal may open. */
export function isOpenableLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** Reads an OSC 52 request: a write yields its text; a read (`?`), a bad or a too large one yields null. */
export function clipboardWriteOf(data: string): string | null {
  const payload = data.slice(data.indexOf(';') + 1)
  if (data.indexOf(';') < 0 || payload === '?' || payload.length > (clipboardWriteCap * 4) / 3 + 4) return null
  try {
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
