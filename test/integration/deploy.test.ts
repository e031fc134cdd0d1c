/**
 * `npm run deploy` (scripts/deploy.ts) through the real `@cloudbase/manager-node` against a local
 * stand-in of the management API (test/helpers/cloudbaseManager.ts): the plan of a fresh and of a
 * half-deployed environment, applying it, and a second run that changes nothing.
 */
import '../helpers/privateTmp' // first: the packer's temporary folder is fixed when it loads
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../scripts/deploy'
import { FUNCTIONS, RUNTIME, CODE_HASH_VARIABLE } from '../../scripts/deploy/declaration'
import { codeHash } from '../../scripts/deploy/plan'
import { MAX_INDEXES, SCHEMA } from '../../cloud/store/cloudbase/schema'
import { installManagerStandIn, ManagerStandIn } from '../helpers/cloudbaseManager'

let dir: string
let env: Record<string, string | undefined>
let standIn: ManagerStandIn
let uninstall: () => void

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-deploy-'))
  for (const f of FUNCTIONS) {
    fs.mkdirSync(path.join(dir, 'functions', f.name), { recursive: true })
    fs.writeFileSync(path.join(dir, 'functions', f.name, 'index.js'), `exports.main = async () => ${JSON.stringify(f.name)}\n`)
    fs.writeFileSync(path.join(dir, 'functions', f.name, 'package.json'), JSON.stringify({ name: f.name, main: 'index.js' }))
  }
  fs.mkdirSync(path.join(dir, 'console', 'assets'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'console', 'index.html'), '<!doctype html><title>console</title>')
  fs.writeFileSync(path.join(dir, 'console', 'assets', 'app.js'), 'console.log(1)')
  env = { CLOUDBASE_ENV_ID: 'civic-test-env', TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test-key', FUNCTIONS_DIR: path.join(dir, 'functions'), CONSOLE_DIR: path.join(dir, 'console') }
  standIn = new ManagerStandIn('civic-test-env')
  uninstall = installManagerStandIn(standIn)
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  uninstall()
  jest.restoreAllMocks()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function deploy(args: string[] = [], environment = env) {
  const lines: string[] = []
  const code = await main(args, environment, (l) => lines.push(l))
  return { code, lines, text: lines.join('\n').replace(/ {2,}/g, ' ') }
}

it('--dry-run without a key prints the whole plan and calls nothing', async () => {
  const { code, text } = await deploy(['--dry-run'], { FUNCTIONS_DIR: env.FUNCTIONS_DIR, CONSOLE_DIR: env.CONSOLE_DIR })
  expect(code).toBe(0)
  expect(standIn.calls).toEqual([])
  for (const c of SCHEMA) expect(text).toContain(`collection.create ${c.name}: create, permission ADMINONLY`)
  expect(text).toContain(`function.create report: ${RUNTIME}, 512 MB, 20 s`)
  expect(text).toContain('trigger.create sla: timer every10minutes 0 */10 * * * * *')
  expect(text).toContain('http.create open311: HTTP access /open311 → open311')
  expect(text).toContain('http.create consoleLogin: HTTP access /console-login → consoleLogin')
  expect(text).toContain('hosting.upload admin/index.html: new')
  // without --dry-run and without a key nothing happens
  expect((await deploy([], { FUNCTIONS_DIR: env.FUNCTIONS_DIR })).code).toBe(2)
})

it('deploys a fresh environment as declared, and a second run changes nothing', async () => {
  const first = await deploy()
  expect(first.code).toBe(0)
  // collections with their permission and every declared index
  expect([...standIn.collections.keys()].sort()).toEqual(SCHEMA.map((c) => c.name).sort())
  for (const c of SCHEMA) {
    expect(standIn.permissions.get(c.name)).toBe('ADMINONLY')
    const indexes = standIn.collections.get(c.name)!
    expect(indexes.length).toBe(c.indexes.length + 1)
    expect(indexes.length).toBeLessThanOrEqual(MAX_INDEXES)
    for (const i of c.indexes) {
      expect(indexes).toContainEqual(expect.objectContaining({ Keys: i.fields.map(([Name, d]) => ({ Name, Direction: String(d) })), Unique: Boolean(i.unique) }))
    }
  }
  expect(standIn.collections.get('users')).toContainEqual(expect.objectContaining({ Keys: [{ Name: 'userId', Direction: '1' }], Unique: true }))
  // functions: runtime, memory, timeout, cloud-installed dependencies, the bundle's hash
  for (const f of FUNCTIONS) {
    const fn = standIn.functions.get(f.name)!
    expect(fn).toMatchObject({ Runtime: 'Nodejs20.19', MemorySize: f.memory, Timeout: f.timeout, Handler: 'index.main', InstallDependency: 'TRUE' })
    expect(fn.Variables).toContainEqual({ Key: CODE_HASH_VARIABLE, Value: codeHash(path.join(dir, 'functions', f.name)) })
  }
  expect(standIn.functions.get('sla')!.Triggers).toEqual([{ TriggerName: 'every10minutes', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) }])
  expect(standIn.apis).toEqual(expect.arrayContaining([{ Path: '/open311', Name: 'open311', Type: 1 }, { Path: '/console-login', Name: 'consoleLogin', Type: 1 }]))
  expect([...standIn.files.keys()].sort()).toEqual(['admin/assets/app.js', 'admin/index.html'])
  expect(first.text).toContain('done collection.create reports')
  expect(first.text).toContain('done function.create sla')

  const before = standIn.mutations().length
  const second = await deploy()
  expect(second.text).toContain('nothing to change: the environment is as declared')
  expect(standIn.mutations().slice(before)).toEqual([])
}, 60000)

it('completes a half-deployed environment, keeps what it does not declare and the operator\'s variables', async () => {
  // by hand, as docs/deploy.md had it done: a few collections, some indexes (one not declared)
  standIn.handle('tcb', 'CreateTable', { TableName: 'reports' })
  standIn.handle('tcb', 'CreateTable', { TableName: 'users' })
  standIn.handle('tcb', 'CreateTable', { TableName: 'contract_reports' })
  standIn.handle('tcb', 'ModifyResourcePermission', { Resource: 'reports', Permission: 'ADMINONLY' })
  standIn.handle('tcb', 'UpdateTable', {
    TableName: 'reports', CreateIndexes: [
      { IndexName: 'openid_createdAt', MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'openid', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }] } },
      { IndexName: 'status_latitude', MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'status', Direction: '1' }, { Name: 'latitude', Direction: '1' }] } }
    ]
  })
  standIn.handle('scf', 'CreateFunction', {
    FunctionName: 'user', Runtime: RUNTIME, MemorySize: 128, Timeout: 3, Handler: 'index.main', InstallDependency: 'TRUE', Code: { ZipFile: 'old' },
    Environment: { Variables: [{ Key: 'SUBSCRIBE_TEMPLATES', Value: '{"report":"t1"}' }] }
  })
  standIn.handle('scf', 'CreateFunction', { FunctionName: 'ranking', Runtime: 'Nodejs18.15', MemorySize: 256, Timeout: 20, Handler: 'index.main', InstallDependency: 'TRUE', Code: { ZipFile: 'old' } })
  standIn.handle('scf', 'CreateFunction', { FunctionName: 'sla', Runtime: 'Nodejs18.15', MemorySize: 256, Timeout: 60, Handler: 'index.main', InstallDependency: 'TRUE', Code: { ZipFile: 'old' } })
  standIn.handle('scf', 'BatchCreateTrigger', { FunctionName: 'sla', Triggers: JSON.stringify([{ TriggerName: 'every10minutes', Type: 'timer', TriggerDesc: '0 */10 * * * * *' }]) })
  standIn.handle('tcb', 'CreateCloudBaseGWAPI', { Path: '/open311', Name: 'open311', Type: 1 })
  standIn.files.set('admin/index.html', 'stale')
  standIn.files.set('admin/assets/old.js', 'gone')
  standIn.calls.length = 0

  const plan = await deploy(['--dry-run'])
  expect(standIn.mutations()).toEqual([])
  expect(plan.text).toContain('collection.create messages')
  expect(plan.text).not.toContain('collection.create reports')
  expect(plan.text).toContain('collection.permission users: permission PRIVATE → ADMINONLY')
  expect(plan.text).not.toContain('index.create reports: openid_1_createdAt_-1')
  expect(plan.text).toContain('index.create reports: status_1_createdAt_-1')
  expect(plan.text).toContain('- index.drop reports: status_latitude (not declared) (only with --prune)')
  expect(plan.text).toContain('function.code user')
  expect(plan.text).toContain('function.config user: 128 MB, 3 s → 256 MB, 20 s')
  expect(plan.text).toContain('- function.runtime ranking: runtime Nodejs18.15 → Nodejs20.19')
  expect(plan.text).not.toContain('http.create open311')
  expect(plan.text).not.toContain('trigger.create sla') // its timer is there, on the old runtime
  expect(plan.text).toContain('hosting.upload admin/index.html: changed')
  expect(plan.text).toContain('- hosting.delete admin/assets/old.js')
  expect(plan.text).not.toContain('contract_reports')

  await deploy()
  expect(standIn.collections.get('reports')!.map((i) => i.Name)).toContain('status_latitude') // nothing dropped without --prune
  expect(standIn.collections.has('contract_reports')).toBe(true)
  expect(standIn.permissions.get('users')).toBe('ADMINONLY')
  const user = standIn.functions.get('user')!
  expect(user).toMatchObject({ MemorySize: 256, Timeout: 20 })
  expect(user.Variables).toEqual(expect.arrayContaining([{ Key: 'SUBSCRIBE_TEMPLATES', Value: '{"report":"t1"}' }, { Key: CODE_HASH_VARIABLE, Value: codeHash(path.join(dir, 'functions', 'user')) }]))
  expect(standIn.functions.get('ranking')!.Runtime).toBe('Nodejs18.15') // a new runtime needs --prune
  expect(standIn.files.has('admin/assets/old.js')).toBe(true)

  const before = standIn.mutations().length
  const again = await deploy()
  expect(standIn.mutations().slice(before)).toEqual([])
  expect(again.text).not.toContain('+ ')

  // --prune (confirmed with --yes): drops the undeclared index and file, recreates ranking on Node 20
  await deploy(['--prune', '--yes'])
  expect(standIn.collections.get('reports')!.map((i) => i.Name)).not.toContain('status_latitude')
  expect(standIn.functions.get('ranking')!.Runtime).toBe(RUNTIME)
  expect(standIn.functions.get('sla')).toMatchObject({ Runtime: RUNTIME, Triggers: [{ TriggerName: 'every10minutes', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) }] })
  expect(standIn.files.has('admin/assets/old.js')).toBe(false)
  const afterPrune = standIn.mutations().length
  expect((await deploy(['--prune', '--yes'])).text).toContain('nothing to change')
  expect(standIn.mutations().slice(afterPrune)).toEqual([])
}, 60000)
