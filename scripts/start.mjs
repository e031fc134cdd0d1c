// `npm start`: install what is needed, build the H5 app if it is missing or stale, then start the
// local cloud (SQLite in DATA_DIR, demo district seeded on first start) serving it on HOST:PORT.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureDependencies, ensureH5Build } from './ensure.mjs'

ensureDependencies()
ensureH5Build()
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
// Demo mode: the demo district, the demo identities and their open login (loopback only).
const server = spawn(tsx, [path.join(root, 'cloud', 'server', 'main.ts')], { cwd: root, stdio: 'inherit', env: { CIVIC_DEMO: '1', ...process.env } })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
