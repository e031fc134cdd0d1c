// `npm run build:cloud`: bundles each cloud function (cloud/functions/<name>/index.ts) with esbuild
// into cloudfunctions/<name>/ with its own package.json (wx-server-sdk, @cloudbase/node-sdk — custom
// login: the console's tickets and callers — and sharp — a native module — not bundled but installed
// by WeChat's "云端安装依赖") and config.json (the openapi permissions
// it calls), ready to upload. The functions need the Node.js 18.17+ runtime (sharp's floor).
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const out = path.join(root, 'cloudfunctions')
const functions = fs.readdirSync(path.join(root, 'cloud', 'functions')).filter((f) => fs.existsSync(path.join(root, 'cloud', 'functions', f, 'index.ts')))
const config = (name) => ({
  permissions: { openapi: ['security.msgSecCheck', 'security.mediaCheckAsync', 'subscribeMessage.send'] },
  ...(name === 'sla' ? { triggers: [{ name: 'every10minutes', type: 'timer', config: '0 */10 * * * * *' }] } : {})
})

fs.rmSync(out, { recursive: true, force: true })
for (const name of functions) {
  const dir = path.join(out, name)
  await build({
    entryPoints: [path.join(root, 'cloud', 'functions', name, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    external: ['wx-server-sdk', '@cloudbase/node-sdk', 'sharp'],
    legalComments: 'none',
    minify: true,
    logLevel: 'warning'
  })
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': pkg.devDependencies['wx-server-sdk'], '@cloudbase/node-sdk': pkg.devDependencies['@cloudbase/node-sdk'], sharp: pkg.dependencies.sharp } }, null, 2) + '\n')
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config(name), null, 2) + '\n')
  console.log(`build:cloud: ${name} → ${path.relative(root, dir)}/index.js (${(fs.statSync(path.join(dir, 'index.js')).size / 1024).toFixed(0)} KB)`)
}
