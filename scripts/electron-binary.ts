// Finds the Electron executable without `require('electron')`, which from plain Node would
// try to download a missing binary. Reads the package's path.txt and dist/ instead.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const electronPackage = join(__dirname, '..', 'node_modules', 'electron')

/** Why the Electron shell cannot run here, in one line. */
export const electronMissing = 'Electron binary not installed (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1)'

/** The Electron executable's path, or null when the binary was never installed. */
export function findElectronBinary(): string | null {
  const pathFile = join(electronPackage, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
