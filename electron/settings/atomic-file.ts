import { randomBytes } from 'node:crypto'
import { mkdir, open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes `text` to `path` so that a crash leaves either the old file or the new one, never a
 * mix: a temporary file in the same folder, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, path)
}

/**
 * Moves a file Skiff could not read to `<path>.corrupt-<time>`, so nothing replaces it unseen;
 * returns that name, for the report.
 */
export async function keepAside(path: string): Promise<string> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(path, aside).catch(() => undefined)
  return aside
}
