import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** What `npm run serve -- …` was asked for. */
export interface ServeOptions {
  /** 0 picks any free port. */
  readonly port: number
  readonly dataDir: string
}

/** Where the desktop app keeps its data on this platform; browser mode uses the same place by default. */
export function defaultDataDir(): string {
  const home = homedir()
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Skiff')
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Skiff')
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Skiff')
}

/** Reads `--port N` and `--data-dir DIR` (also `--flag=value`); throws a readable Error on anything else. */
export function parseServeArgs(argv: readonly string[]): ServeOptions {
  let port = 0
  let dataDir = defaultDataDir()
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined]
    if (flag !== '--port' && flag !== '--data-dir') throw new Error(`Unknown option ${flag}. Usage: serve [--port N] [--data-dir DIR]`)
    const value = inline ?? argv[++i]
    if (value === undefined) throw new Error(`${flag} needs a value.`)
    if (flag === '--port') {
      port = Number(value)
      if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--port must be 0–65535, not ${value}.`)
    } else {
      dataDir = resolve(value)
    }
  }
  return { port, dataDir }
}
