// Compiles the weapp build as WeChat DevTools does (miniprogram-ci, offline): catches a bad
// app.json, missing pages or components, broken WXML/WXSS and JS syntax that old clients reject.
// Usage: node scripts/check-weapp.mjs [dist/weapp]
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'

const require = createRequire(import.meta.url)
const ci = require('miniprogram-ci')
const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config')

const projectPath = path.resolve(process.argv[2] ?? 'dist/weapp')
if (!fs.existsSync(path.join(projectPath, 'app.json'))) {
  console.error(`check:weapp: no app.json in ${projectPath}; run npm run build:weapp first`)
  process.exit(1)
}
// A release build (CIVIC_RELEASE=1, docs/deploy.md) must carry the district's own 运营者 contact in
// its 隐私保护指引, not the demo's (whose e-mail is on the reserved example.cn domain).
if (process.env.CIVIC_RELEASE === '1') {
  const files = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []))
  const demo = files(projectPath).find((f) => fs.readFileSync(f, 'utf8').includes('privacy@wenming.example.cn'))
  if (demo) {
    console.error(`check:weapp: ${path.relative(projectPath, demo)} still has the demo's 运营者 contact: build with CIVIC_OPERATOR='{"name":…,"address":…,"phone":…,"email":…}'`)
    process.exit(1)
  }
}

// Compiling needs no upload key, but the Project wants one: a throwaway key stands in for it.
const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-weapp-')), 'private.key')
fs.writeFileSync(keyFile, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }))

try {
  const project = new ci.Project({
    privateKeyPath: keyFile,
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath,
    ignores: ['node_modules/**/*'],
    attr: async () => DefaultProjectAttr
  })
  const files = await ci.getCompiledResult({
    project,
    version: '0.0.0',
    setting: { es6: true, es7: true, minifyWXML: true, minifyWXSS: true, minifyJS: true, autoPrefixWXSS: true },
    onProgressUpdate: () => undefined
  })
  const names = Object.keys(files)
  const bytes = names.reduce((sum, name) => sum + Buffer.byteLength(files[name]), 0)
  console.log(`check:weapp: OK — WeChat compile of ${path.relative(process.cwd(), projectPath)}: ${names.length} files, ${(bytes / 1024).toFixed(0)} KB compiled`)
  process.exit(0)
} catch (error) {
  console.error('check:weapp: FAILED — the WeChat compiler rejected the build:')
  console.error(error?.message ?? error)
  process.exit(1)
}
