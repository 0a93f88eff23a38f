// `npm run serve -- --port N --data-dir DIR`: build, then run browser mode in this process's
// stdout, so its first line is the URL (token included).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildQuietly, root } from './build-quietly'

buildQuietly()
const child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
