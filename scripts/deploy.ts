/**
 * `npm run deploy`: brings a CloudBase environment to what the code declares
 * (scripts/deploy/declaration.ts, cloud/store/cloudbase/schema.ts) through the vendor's management
 * SDK (`@cloudbase/manager-node`), and prints what it changed. docs/deploy.md.
 *
 *   CLOUDBASE_ENV_ID=<env> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> npm run deploy
 *   npm run deploy -- --dry-run          the plan (without a key: everything the declaration holds)
 *   npm run deploy -- --prune            also drops undeclared indexes and hosting files (asks first; --yes)
 *   npm run deploy -- --no-console       leaves static hosting alone
 *   npm run deploy -- --miniprogram      also uploads dist/weapp for review (miniprogram-ci;
 *                                        WEAPP_APPID, WEAPP_PRIVATE_KEY_PATH, WEAPP_VERSION, WEAPP_DESC)
 *
 * The key comes from the environment, never from the repository. Creating is always safe to
 * repeat: a second run changes nothing.
 */
import path from 'node:path'
import fs from 'node:fs'
import readline from 'node:readline/promises'
import { declaration } from './deploy/declaration'
import { apply, emptyState, plan, readState, type Change, type Manager } from './deploy/plan'

const root = path.resolve(__dirname, '..')

type Env = Record<string, string | undefined>

function show(changes: Change[], prune: boolean): string[] {
  if (!changes.length) return ['nothing to change: the environment is as declared']
  return changes.map((c) => `${c.manual ? '! ' : c.destructive && !prune ? '- ' : '+ '}${c.kind.padEnd(21)} ${c.target}: ${c.detail}${c.destructive && !prune ? ' (only with --prune)' : ''}`)
}

export async function main(argv: string[], env: Env = process.env, out: (line: string) => void = console.log): Promise<number> {
  const flag = (name: string) => argv.includes(name)
  const dryRun = flag('--dry-run')
  const prune = flag('--prune')
  const consoleDir = flag('--no-console') ? null : path.resolve(env.CONSOLE_DIR ?? path.join(root, 'dist', 'admin-prod'))
  const decl = declaration({ functionsRoot: path.resolve(env.FUNCTIONS_DIR ?? path.join(root, 'cloudfunctions')), consoleDir: consoleDir && fs.existsSync(consoleDir) ? consoleDir : null })
  if (consoleDir && !decl.consoleDir) out(`(no console build in ${consoleDir}: static hosting is left alone; see docs/deploy.md)`)
  const envId = env.CLOUDBASE_ENV_ID
  const secretId = env.TENCENTCLOUD_SECRETID
  const secretKey = env.TENCENTCLOUD_SECRETKEY
  if (!envId || !secretId || !secretKey) {
    if (!dryRun) {
      out('npm run deploy 需要 CLOUDBASE_ENV_ID、TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（环境变量，不要写进仓库）；不带密钥时可用 --dry-run 查看计划')
      return 2
    }
    out('plan for an empty environment (no key given: nothing was read):')
    for (const line of show(plan(decl, emptyState()), prune)) out(line)
    return 0
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (config: { envId: string; secretId: string; secretKey: string; token?: string; region?: string }) => Manager
  const app = new CloudBase({ envId, secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN, region: env.CLOUDBASE_REGION })
  const state = await readState(app, decl)
  const changes = plan(decl, state)
  out(`plan for ${envId}:`)
  for (const line of show(changes, prune)) out(line)
  if (dryRun || !changes.length) return 0
  if (prune && changes.some((c) => c.destructive) && !flag('--yes')) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout })
    const answer = await rl.question(`--prune drops ${changes.filter((c) => c.destructive).length} things listed above in ${envId}. Type the env id to go on: `)
    rl.close()
    if (answer.trim() !== envId) {
      out('not confirmed: nothing changed')
      return 1
    }
  }
  const done = await apply(app, decl, state, changes, { prune, log: (line) => out(`done ${line}`) })
  const manual = changes.filter((c) => c.manual)
  out(`${done.length} change(s) made${manual.length ? `; ${manual.length} to do by hand (marked !)` : ''}`)
  if (flag('--miniprogram')) await uploadMiniprogram(env, out)
  return 0
}

/** Uploads dist/weapp as a version for review (miniprogram-ci with the mini-program's upload key). */
async function uploadMiniprogram(env: Env, out: (line: string) => void): Promise<void> {
  const appid = env.WEAPP_APPID
  const privateKeyPath = env.WEAPP_PRIVATE_KEY_PATH
  if (!appid || !privateKeyPath) throw new Error('--miniprogram 需要 WEAPP_APPID 和 WEAPP_PRIVATE_KEY_PATH（小程序代码上传密钥，微信后台 → 开发管理 → 开发设置）')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci')
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: path.join(root, 'dist', 'weapp'), privateKeyPath, ignores: ['node_modules/**/*'] })
  const version = env.WEAPP_VERSION ?? (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
  await ci.upload({ project, version, desc: env.WEAPP_DESC ?? `文明家园 ${version}`, setting: { es6: true, minify: true } })
  out(`mini-program ${version} uploaded: submit it for review in the mini-program backend (版本管理)`)
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(`deploy failed: ${(error as Error).message}`)
    process.exit(1)
  })
}
