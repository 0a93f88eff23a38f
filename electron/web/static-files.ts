import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
}

/** One file to send, or null when there is none under the root. */
export interface StaticFile {
  readonly body: Buffer
  readonly contentType: string
}

/**
 * Reads a file of the built renderer by URL path. Paths that would leave `root` (`..`,
 * encoded slashes, NUL) find nothing; `/` is `index.html`.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const path = normalize(join(root, relative))
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  try {
    return { body: await readFile(path), contentType: contentTypes[extname(path)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
