// Browser mode: the same services as the desktop app, in plain Node, for a browser on this machine.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createServices } from '../services'
import { startBrowserHost } from './browser-host'
import { parseServeArgs } from './serve-options'
import packageJson from '../../package.json'

const { version } = packageJson

async function main(): Promise<void> {
  const options = parseServeArgs(process.argv.slice(2))
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const services = await createServices({ mode: 'browser', version, dataDir: options.dataDir })
  const host = await startBrowserHost(services, join(__dirname, '..', 'renderer'), options.port)
  // The first line on stdout is the URL: scripts and tests read it.
  process.stdout.write(`${host.url}\n`)
  console.error(`Skiff browser mode: data in ${options.dataDir}. Ctrl+C stops it.`)
  const stop = () => {
    services.dispose()
    void host.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
