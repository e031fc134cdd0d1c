/**
 * The deploy plan: what an environment holds (read through CloudBase's management SDK,
 * `@cloudbase/manager-node`), what the declaration wants, the difference as a list of changes,
 * and applying them. Nothing is dropped unless `prune` is given (the CLI asks for a confirmation).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { indexName, MAX_INDEXES, type IndexDecl } from '../../cloud/store/cloudbase/schema'
import { CODE_HASH_VARIABLE, RUNTIME, type Declaration, type FunctionDecl } from './declaration'

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The part of `@cloudbase/manager-node`'s CloudBase object used here. */
export interface Manager {
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: { CollectionName: string }[]; Pager?: { Total: number } }>
    describeCollection(name: string): Promise<{ Indexes?: { Name: string; Keys?: { Name?: string; Direction?: string }[]; Unique?: boolean }[] }>
    createCollection(name: string): Promise<unknown>
    updateCollection(name: string, info: { CreateIndexes?: unknown[]; DropIndexes?: { IndexName: string }[] }): Promise<unknown>
  }
  permission: {
    describeResourcePermission(options: { resourceType: 'collection'; resources?: string[] }): Promise<any>
    modifyResourcePermission(options: { resourceType: 'collection'; resource: string; permission: string }): Promise<unknown>
  }
  functions: {
    getFunctionDetail(name: string): Promise<any>
    createFunction(param: any): Promise<unknown>
    updateFunctionCode(param: any): Promise<unknown>
    updateFunctionConfig(func: any): Promise<unknown>
    createFunctionTriggers(name: string, triggers: { name: string; type: 'timer'; config: string }[]): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
    deleteFunction(name: string): Promise<unknown>
  }
  access: {
    getAccessList(options?: { name?: string; path?: string }): Promise<{ APISet?: { Path: string; Name: string; Type?: number }[] }>
    createAccess(options: { name: string; path: string }): Promise<unknown>
  }
  hosting: {
    getInfo(): Promise<{ Status: string }[] | undefined>
    listFiles(): Promise<{ Key: string; ETag?: string; Size?: string | number }[]>
    uploadFiles(options: { files: { localPath: string; cloudPath: string }[] }): Promise<unknown>
    deleteFiles(options: { cloudPath: string; isDir: boolean }): Promise<unknown>
  }
  currentEnvironment(): { lazyInit(): Promise<unknown> }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type ChangeKind =
  | 'collection.create' | 'collection.permission' | 'index.create' | 'index.drop' | 'index.overLimit'
  | 'function.create' | 'function.code' | 'function.config' | 'function.runtime' | 'trigger.create' | 'trigger.replace'
  | 'http.create' | 'http.conflict' | 'hosting.enable' | 'hosting.upload' | 'hosting.delete'

export interface Change {
  kind: ChangeKind
  /** Collection, function, path or file. */
  target: string
  detail: string
  /** Drops something: applied only with `prune`. */
  destructive?: boolean
  /** Cannot be applied by the script (shown, never done). */
  manual?: boolean
}

/** What an environment holds, as far as the declaration is concerned. */
export interface State {
  collections: Set<string>
  indexes: Map<string, { name: string; key: string; unique: boolean }[]>
  permissions: Map<string, string>
  functions: Map<string, { runtime: string; memory: number; timeout: number; variables: Record<string, string>; triggers: { name: string; type: string; desc: string }[] } | null>
  http: { path: string; name: string }[]
  hosting: { online: boolean; files: Map<string, string> }
}

/** An index's identity: its fields and directions (names of hand-made indexes differ). */
const keyOf = (fields: [string, number][]) => fields.map(([f, d]) => `${f}:${d}`).join(',')

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

const md5 = (file: string) => crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex')

/** sha256 of a built function's files (names and contents). */
export function codeHash(dir: string): string {
  const h = crypto.createHash('sha256')
  for (const f of files(dir).map((f) => path.relative(dir, f)).sort()) h.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0')
  return h.digest('hex')
}

function isNotFound(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return /ResourceNotFound/i.test(`${e?.code ?? ''} ${e?.message ?? ''}`)
}

export async function readState(app: Manager, decl: Declaration): Promise<State> {
  await app.currentEnvironment().lazyInit()
  const collections = new Set<string>()
  for (let offset = 0; ; offset += 100) {
    const page = await app.database.listCollections({ MgoLimit: 100, MgoOffset: offset })
    for (const c of page.Collections ?? []) collections.add(c.CollectionName)
    if ((page.Collections ?? []).length < 100) break
  }
  const indexes = new Map<string, { name: string; key: string; unique: boolean }[]>()
  for (const c of decl.collections) {
    if (!collections.has(c.name)) continue
    const { Indexes = [] } = await app.database.describeCollection(c.name)
    indexes.set(c.name, Indexes.filter((i) => i.Name !== '_id_').map((i) => ({
      name: i.Name, unique: Boolean(i.Unique), key: keyOf((i.Keys ?? []).map((k) => [String(k.Name), Number(k.Direction ?? 1)]))
    })))
  }
  const permissions = new Map<string, string>()
  const existing = decl.collections.filter((c) => collections.has(c.name)).map((c) => c.name)
  if (existing.length) {
    const res = await app.permission.describeResourcePermission({ resourceType: 'collection', resources: existing })
    for (const p of (res?.Data?.PermissionList ?? res?.PermissionList ?? []) as { Resource?: string; Permission?: string }[]) if (p.Resource) permissions.set(p.Resource, String(p.Permission))
  }
  const functions: State['functions'] = new Map()
  for (const f of decl.functions) {
    try {
      const d = await app.functions.getFunctionDetail(f.name)
      functions.set(f.name, {
        runtime: String(d.Runtime), memory: Number(d.MemorySize), timeout: Number(d.Timeout),
        variables: Object.fromEntries(((d.Environment?.Variables ?? []) as { Key: string; Value: string }[]).map((v) => [v.Key, v.Value])),
        triggers: ((d.Triggers ?? []) as { TriggerName: string; Type: string; TriggerDesc: string }[]).map((t) => ({ name: t.TriggerName, type: t.Type, desc: t.TriggerDesc }))
      })
    } catch (error) {
      if (!isNotFound(error)) throw error
      functions.set(f.name, null)
    }
  }
  const http: State['http'] = []
  for (const f of decl.functions.filter((f) => f.httpPath)) {
    const { APISet = [] } = await app.access.getAccessList({ path: f.httpPath })
    http.push(...APISet.map((a) => ({ path: a.Path, name: a.Name })))
  }
  const hosting = { online: false, files: new Map<string, string>() }
  if (decl.consoleDir) {
    const info = await app.hosting.getInfo()
    hosting.online = Boolean(info?.length && info[0]!.Status === 'online')
    if (hosting.online) {
      for (const f of await app.hosting.listFiles()) {
        if (f.Key.startsWith(`${decl.hostingPath}/`)) hosting.files.set(f.Key, String(f.ETag ?? '').replace(/"/g, ''))
      }
    }
  }
  return { collections, indexes, permissions, functions, http, hosting }
}

/** The state of an empty environment (the plan of `--dry-run` without a key). */
export function emptyState(): State {
  return { collections: new Set(), indexes: new Map(), permissions: new Map(), functions: new Map(), http: [], hosting: { online: true, files: new Map() } }
}

function describeIndex(i: IndexDecl): string {
  return `${i.fields.map(([f, d]) => (d < 0 ? `${f} (desc)` : f)).join(' + ')}${i.unique ? ' unique' : ''}`
}

export function plan(decl: Declaration, state: State): Change[] {
  const changes: Change[] = []
  for (const c of decl.collections) {
    const exists = state.collections.has(c.name)
    if (!exists) changes.push({ kind: 'collection.create', target: c.name, detail: `create, permission ${c.permission}` })
    else if (state.permissions.get(c.name) !== c.permission) changes.push({ kind: 'collection.permission', target: c.name, detail: `permission ${state.permissions.get(c.name) ?? '?'} → ${c.permission}` })
    const have = state.indexes.get(c.name) ?? []
    const want = new Set(c.indexes.map((i) => keyOf(i.fields)))
    for (const i of c.indexes) {
      const found = have.find((h) => h.key === keyOf(i.fields))
      if (!found || found.unique !== Boolean(i.unique)) changes.push({ kind: 'index.create', target: c.name, detail: `${indexName(i)}: ${describeIndex(i)}` })
    }
    const extra = have.filter((h) => !want.has(h.key))
    for (const h of extra) changes.push({ kind: 'index.drop', target: c.name, detail: `${h.name} (not declared)`, destructive: true })
    const created = changes.filter((ch) => ch.kind === 'index.create' && ch.target === c.name).length
    const total = have.length + created + 1
    if (total > MAX_INDEXES) changes.push({ kind: 'index.overLimit', target: c.name, detail: `${total} indexes with _id, CloudBase allows ${MAX_INDEXES}: drop the undeclared ones (--prune)`, manual: extra.length === 0 })
  }
  for (const f of decl.functions) {
    const dir = path.join(decl.functionsRoot, f.name)
    const hash = fs.existsSync(dir) ? codeHash(dir) : '(not built)'
    const have = state.functions.get(f.name)
    if (!have) {
      changes.push({ kind: 'function.create', target: f.name, detail: `${RUNTIME}, ${f.memory} MB, ${f.timeout} s` })
    } else {
      if (have.runtime !== RUNTIME) changes.push({ kind: 'function.runtime', target: f.name, detail: `runtime ${have.runtime} → ${RUNTIME}: only a new function takes it (delete and create: --prune)`, destructive: true })
      else if (have.variables[CODE_HASH_VARIABLE] !== hash) changes.push({ kind: 'function.code', target: f.name, detail: `bundle ${hash.slice(0, 12)}` })
      if (have.runtime === RUNTIME && (have.memory !== f.memory || have.timeout !== f.timeout)) changes.push({ kind: 'function.config', target: f.name, detail: `${have.memory} MB, ${have.timeout} s → ${f.memory} MB, ${f.timeout} s` })
    }
    if (f.timer) {
      const t = (have?.triggers ?? []).find((t) => t.name === f.timer!.name)
      if (!t) changes.push({ kind: 'trigger.create', target: f.name, detail: `timer ${f.timer.name} ${f.timer.cron}` })
      else if (t.type !== 'timer' || cronOf(t.desc) !== f.timer.cron) changes.push({ kind: 'trigger.replace', target: f.name, detail: `timer ${f.timer.name} ${t.desc} → ${f.timer.cron}` })
    }
    if (f.httpPath) {
      const route = state.http.find((a) => a.path === f.httpPath)
      if (!route) changes.push({ kind: 'http.create', target: f.name, detail: `HTTP access ${f.httpPath} → ${f.name}` })
      else if (route.name !== f.name) changes.push({ kind: 'http.conflict', target: f.name, detail: `${f.httpPath} already goes to ${route.name}: change it in the console`, manual: true })
    }
  }
  if (decl.consoleDir) {
    if (!state.hosting.online) changes.push({ kind: 'hosting.enable', target: decl.hostingPath, detail: 'static hosting is not online: enable it (云开发控制台 → 静态网站托管), then deploy again', manual: true })
    else {
      const local = new Map(files(decl.consoleDir).map((f) => [`${decl.hostingPath}/${path.relative(decl.consoleDir!, f).split(path.sep).join('/')}`, f]))
      for (const [key, file] of local) if (state.hosting.files.get(key) !== md5(file)) changes.push({ kind: 'hosting.upload', target: key, detail: state.hosting.files.has(key) ? 'changed' : 'new' })
      for (const key of state.hosting.files.keys()) if (!local.has(key)) changes.push({ kind: 'hosting.delete', target: key, detail: 'not in the build', destructive: true })
    }
  }
  return changes
}

/** A timer's cron: SCF answers its description as JSON (`{"cron":"…"}`), takes it plain. */
function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: string }
    return parsed && typeof parsed === 'object' && parsed.cron ? parsed.cron : desc
  } catch {
    return desc
  }
}

function funcConfig(f: FunctionDecl, hash: string, variables: Record<string, string>) {
  return {
    name: f.name, runtime: RUNTIME, memorySize: f.memory, timeout: f.timeout, handler: 'index.main', installDependency: true,
    // the operator's variables (SUBSCRIBE_TEMPLATES, CONSOLE_LOGIN_KEY …) are kept: the SDK replaces them all
    envVariables: { ...variables, [CODE_HASH_VARIABLE]: hash }
  }
}

/** Applies the changes (the destructive ones only with `prune`); answers what was done. */
export async function apply(app: Manager, decl: Declaration, state: State, changes: Change[], opts: { prune?: boolean; log?: (line: string) => void } = {}): Promise<Change[]> {
  const log = opts.log ?? (() => undefined)
  const done: Change[] = []
  const doing = (c: Change) => {
    done.push(c)
    log(`${c.kind.padEnd(21)} ${c.target}: ${c.detail}`)
  }
  const todo = changes.filter((c) => !c.manual && (!c.destructive || opts.prune))
  for (const c of decl.collections) {
    const mine = todo.filter((ch) => ch.target === c.name)
    for (const ch of mine.filter((ch) => ch.kind === 'collection.create')) {
      await app.database.createCollection(c.name)
      doing(ch)
    }
    if (mine.some((ch) => ch.kind === 'collection.create' || ch.kind === 'collection.permission')) {
      await app.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: c.permission })
      for (const ch of mine.filter((ch) => ch.kind === 'collection.permission')) doing(ch)
    }
    const drops = mine.filter((ch) => ch.kind === 'index.drop')
    if (drops.length) {
      await app.database.updateCollection(c.name, { DropIndexes: drops.map((d) => ({ IndexName: d.detail.split(' ')[0]! })) })
      drops.forEach(doing)
    }
    const creates = mine.filter((ch) => ch.kind === 'index.create')
    if (creates.length) {
      const names = new Set(creates.map((ch) => ch.detail.split(':')[0]))
      const indexes = c.indexes.filter((i) => names.has(indexName(i)))
      await app.database.updateCollection(c.name, {
        CreateIndexes: indexes.map((i) => ({ IndexName: indexName(i), MgoKeySchema: { MgoIsUnique: Boolean(i.unique), MgoIndexKeys: i.fields.map(([f, d]) => ({ Name: f, Direction: String(d) })) } }))
      })
      creates.forEach(doing)
    }
  }
  await Promise.all(decl.functions.map(async (f) => {
    const mine = todo.filter((ch) => ch.target === f.name)
    if (!mine.length) return
    const dir = path.join(decl.functionsRoot, f.name)
    if (mine.some((ch) => ch.kind.startsWith('function.')) && !fs.existsSync(path.join(dir, 'index.js'))) throw new Error(`${dir}/index.js 不存在：先运行 npm run build:cloud`)
    const have = state.functions.get(f.name)
    const hash = fs.existsSync(dir) ? codeHash(dir) : ''
    const variables = have?.variables ?? {}
    const runtime = mine.find((ch) => ch.kind === 'function.runtime')
    if (runtime) await app.functions.deleteFunction(f.name)
    const create = mine.find((ch) => ch.kind === 'function.create') ?? runtime
    if (create) {
      await app.functions.createFunction({ func: funcConfig(f, hash, variables), functionRootPath: decl.functionsRoot, deployMode: 'zip' })
      doing(create)
    } else {
      const code = mine.find((ch) => ch.kind === 'function.code')
      if (code) {
        await app.functions.updateFunctionCode({ func: funcConfig(f, hash, variables), functionRootPath: decl.functionsRoot, deployMode: 'zip' })
        doing(code)
      }
      const config = mine.find((ch) => ch.kind === 'function.config')
      if (code || config) {
        await app.functions.updateFunctionConfig(funcConfig(f, hash, variables))
        if (config) doing(config)
      }
    }
    // a function made anew (on another runtime) has lost its timer: it is made again with it
    if (runtime && f.timer && !mine.some((ch) => ch.kind.startsWith('trigger.'))) {
      await app.functions.createFunctionTriggers(f.name, [{ name: f.timer.name, type: 'timer', config: f.timer.cron }])
      doing({ kind: 'trigger.create', target: f.name, detail: `timer ${f.timer.name} ${f.timer.cron}` })
    }
    for (const t of mine.filter((ch) => ch.kind === 'trigger.create' || ch.kind === 'trigger.replace')) {
      if (runtime && t.kind === 'trigger.replace') {
        await app.functions.createFunctionTriggers(f.name, [{ name: f.timer!.name, type: 'timer', config: f.timer!.cron }])
        doing(t)
        continue
      }
      if (t.kind === 'trigger.replace') await app.functions.deleteFunctionTrigger(f.name, f.timer!.name)
      await app.functions.createFunctionTriggers(f.name, [{ name: f.timer!.name, type: 'timer', config: f.timer!.cron }])
      doing(t)
    }
    for (const h of mine.filter((ch) => ch.kind === 'http.create')) {
      await app.access.createAccess({ name: f.name, path: f.httpPath! })
      doing(h)
    }
  }))
  if (decl.consoleDir) {
    const uploads = todo.filter((c) => c.kind === 'hosting.upload')
    if (uploads.length) {
      await app.hosting.uploadFiles({ files: uploads.map((c) => ({ localPath: path.join(decl.consoleDir!, c.target.slice(decl.hostingPath.length + 1)), cloudPath: c.target })) })
      uploads.forEach(doing)
    }
    for (const c of todo.filter((c) => c.kind === 'hosting.delete')) {
      const res = (await app.hosting.deleteFiles({ cloudPath: c.target, isDir: false })) as { Error?: unknown[] } | undefined
      if (res?.Error?.length) throw new Error(`deleting ${c.target} failed: ${String((res.Error[0] as Error)?.message ?? res.Error[0])}`)
      doing(c)
    }
  }
  return done
}
