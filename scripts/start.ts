// `npm start`: build, then open the Electron app; where its binary is missing, say so in one
// line and start browser mode instead (its URL is printed next).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildQuietly, root } from './build-quietly'
import { electronMissing, findElectronBinary } from './electron-binary'

buildQuietly()
const electron = findElectronBinary()
const args = electron ? [root, ...process.argv.slice(2)] : [join(root, 'out', 'main', 'serve.js'), ...process.argv.slice(2)]
if (!electron) console.log(`${electronMissing}; starting browser mode instead. Open the URL below.`)
const child = spawn(electron ?? process.execPath, args, { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
