// Builds main, preload and renderer with electron-vite, its output on stderr so that stdout
// stays free for what the caller prints (browser mode's first stdout line is its URL).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** The repository root. */
export const root = join(__dirname, '..')

/** Runs the build; exits the process with the build's status if it fails. */
export function buildQuietly(): void {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
  if (result.status !== 0) {
    console.error('The build failed; see above.')
    process.exit(result.status ?? 1)
  }
}
