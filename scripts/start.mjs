// `npm start`: install what is needed, build the H5 app and the district console (dist/admin) if missing or stale, then start the
// local cloud (SQLite in DATA_DIR, demo district seeded on first start) serving it on HOST:PORT.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureAdminBuild, ensureDependencies, ensureH5Build } from './ensure.mjs'

ensureDependencies()
ensureH5Build()
ensureAdminBuild()
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
// Demo mode: the demo district, the demo identities and their open login (loopback only).
const server = spawn(tsx, [path.join(root, 'cloud', 'server', 'main.ts')], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { CIVIC_DEMO: '1', ...process.env } })
// The server's output passes through; once it listens, the district console's address follows.
let announced = false
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  const address = !announced && /已启动: (http\S+)/.exec(String(chunk))?.[1]
  if (address) {
    announced = true
    console.log(`[civic] 管理后台（文明办、各单位工作人员，电脑浏览器）: ${address}/admin/`)
  }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
