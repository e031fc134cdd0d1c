// Makes a fresh clone runnable: installs dependencies from the lock file when they are missing or
// older than the lock, and (with --h5) builds the H5 app when dist/h5 is missing or older than the
// sources (with --admin, the district console in dist/admin likewise). Uses only Node's own modules, so it runs before anything is installed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function newest(dir) {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : mtime(full))
  }
  return latest
}

function run(args, env = {}) {
  console.log(`[civic] npm ${args.join(' ')}`)
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

export function ensureDependencies() {
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'))
  if (!installed || installed < mtime(path.join(root, 'package-lock.json'))) run(['ci', '--no-audit', '--no-fund'])
}

export function ensureH5Build() {
  const built = mtime(path.join(root, 'dist', 'h5', 'index.html'))
  const sources = Math.max(...['src', 'types', 'config'].map((d) => newest(path.join(root, d))), mtime(path.join(root, 'package-lock.json')))
  if (!built || built < sources) run(['run', 'build:h5'])
}

/** The district console (admin/ → dist/admin, served at /admin/) when it is missing or older than its sources. */
export function ensureAdminBuild() {
  const built = mtime(path.join(root, 'dist', 'admin', 'index.html'))
  const sources = Math.max(...['admin', 'types'].map((d) => newest(path.join(root, d))), mtime(path.join(root, 'package-lock.json')))
  if (!built || built < sources) run(['run', 'build:admin'])
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  ensureDependencies()
  if (process.argv.includes('--h5')) ensureH5Build()
  if (process.argv.includes('--admin')) ensureAdminBuild()
}
