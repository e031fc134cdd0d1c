/**
 * A local stand-in of the Tencent Cloud API that `@cloudbase/manager-node` (the deploy script's
 * SDK) calls: it answers, in the shapes the SDK reads, the actions of the database
 * (`ListTables`, `DescribeTable`, `CreateTable`, `UpdateTable`), permissions, functions (SCF
 * `GetFunction`, `CreateFunction`, `UpdateFunctionCode`, `UpdateFunctionConfiguration`,
 * `BatchCreateTrigger` …), HTTP access (`CreateCloudBaseGWAPI`, `DescribeCloudBaseGWAPI`) and static
 * hosting (`DescribeStaticStore`, and COS's `getBucket`/`uploadFiles` for the files), and records
 * every call. It is plugged in below the SDK: at the module function every signed API request goes
 * through (`utils/http-request` `fetch`) and at the storage service's COS client (`getCos`), so the
 * deploy script runs the SDK unchanged.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'

interface Fn {
  Runtime: string
  MemorySize: number
  Timeout: number
  Handler: string
  InstallDependency: string
  Variables: { Key: string; Value: string }[]
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[]
  codeSha: string
}

export interface Call {
  service: string
  action: string
  params: Record<string, unknown>
}

const READS = /^(Describe|Get|List)|^cos\.getBucket$/

class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

export class ManagerStandIn {
  readonly calls: Call[] = []
  readonly collections = new Map<string, { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]>()
  readonly permissions = new Map<string, string>()
  readonly functions = new Map<string, Fn>()
  readonly apis: { Path: string; Name: string; Type: number }[] = []
  readonly files = new Map<string, string>()
  hostingOnline = true

  constructor(readonly envId = 'civic-test-env') {}

  /** Calls that change something (everything but Describe/Get/List and listing files). */
  mutations(): Call[] {
    return this.calls.filter((c) => !READS.test(c.action))
  }

  handle(service: string, action: string, p: Record<string, unknown>): Record<string, unknown> {
    this.calls.push({ service, action, params: p })
    const key = `${service}:${action}`
    switch (key) {
      case 'tcb:DescribeEnvInfo':
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: this.envId, Alias: 'civic', Status: 'NORMAL', Region: 'ap-shanghai', Source: 'miniapp',
              Databases: [{ InstanceId: 'tnt-civic', Region: 'ap-shanghai', Status: 'RUNNING' }],
              Storages: [{ Region: 'ap-shanghai', Bucket: `6369-${this.envId}-1250000000`, CdnDomain: '', AppId: '1250000000' }],
              Functions: [{ Namespace: this.envId, Region: 'ap-shanghai' }],
              LogServices: [], StaticStorages: []
            },
            UserInfo: { AppId: '1250000000' }
          }
        }
      case 'tcb:ListTables': {
        const names = [...this.collections.keys()]
        const offset = Number(p.MgoOffset ?? 0)
        const limit = Number(p.MgoLimit ?? 100)
        const page = names.slice(offset, offset + limit)
        return { Tables: page.length ? page.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: this.collections.get(TableName)!.length, IndexSize: 0 })) : null, Pager: { Offset: offset, Limit: limit, Total: names.length } }
      }
      case 'tcb:DescribeTable': {
        const indexes = this.collections.get(String(p.TableName))
        if (!indexes) throw new ApiError('ResourceNotFound.TableNotExist', `table ${String(p.TableName)} does not exist`)
        return { Indexes: indexes.map((i) => ({ ...i, Size: 0, Accesses: { Ops: 0, Since: '' } })), IndexNum: indexes.length }
      }
      case 'tcb:CreateTable': {
        const name = String(p.TableName)
        if (this.collections.has(name)) throw new ApiError('ResourceInUse', `table ${name} exists`)
        this.collections.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }])
        return {}
      }
      case 'tcb:UpdateTable': {
        const indexes = this.collections.get(String(p.TableName))
        if (!indexes) throw new ApiError('ResourceNotFound.TableNotExist', 'no such table')
        for (const d of (p.DropIndexes ?? []) as { IndexName: string }[]) {
          const at = indexes.findIndex((i) => i.Name === d.IndexName)
          if (at < 0) throw new ApiError('ResourceNotFound.Index', `index ${d.IndexName} does not exist`)
          indexes.splice(at, 1)
        }
        for (const c of (p.CreateIndexes ?? []) as { IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: string }[] } }[]) {
          if (indexes.some((i) => i.Name === c.IndexName)) throw new ApiError('ResourceInUse.Index', `index ${c.IndexName} exists`)
          indexes.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique })
        }
        if (indexes.length > 20) throw new ApiError('LimitExceeded.IndexCount', 'at most 20 indexes a table')
        return {}
      }
      case 'tcb:DescribeResourcePermission': {
        const names = (p.Resources as string[] | undefined) ?? [...this.collections.keys()]
        const list = names.filter((n) => this.collections.has(n)).map((Resource) => ({ ResourceType: 'collection', Resource, Permission: this.permissions.get(Resource) ?? 'PRIVATE' }))
        return { Data: { TotalCount: list.length, PermissionList: list } }
      }
      case 'tcb:ModifyResourcePermission':
        if (!this.collections.has(String(p.Resource))) throw new ApiError('ResourceNotFound', 'no such collection')
        this.permissions.set(String(p.Resource), String(p.Permission))
        return { Success: true }
      case 'tcb:CreateCloudBaseGWAPI':
        if (this.apis.some((a) => a.Path === p.Path)) throw new ApiError('InvalidParameter.APICreated', 'path exists')
        this.apis.push({ Path: String(p.Path), Name: String(p.Name), Type: Number(p.Type) })
        return { APIId: `api-${this.apis.length}` }
      case 'tcb:DescribeCloudBaseGWAPI': {
        const set = this.apis.filter((a) => (p.Path === undefined || a.Path === p.Path) && (p.Name === undefined || a.Name === p.Name))
        return { APISet: set, Total: set.length }
      }
      case 'tcb:DescribeStaticStore':
        return { Data: this.hostingOnline ? [{ EnvId: this.envId, Status: 'online', Bucket: `static-${this.envId}-1250000000`, Regoin: 'ap-shanghai', CdnDomain: `${this.envId}.tcloudbaseapp.com` }] : [] }
      case 'scf:GetFunction': {
        const f = this.functions.get(String(p.FunctionName))
        if (!f) throw new ApiError('ResourceNotFound.Function', `未找到指定的Function，请创建后再试。 ${String(p.FunctionName)}`)
        return {
          FunctionName: p.FunctionName, Namespace: p.Namespace, Status: 'Active', Runtime: f.Runtime, MemorySize: f.MemorySize, Timeout: f.Timeout, Handler: f.Handler,
          Environment: { Variables: f.Variables }, Triggers: f.Triggers, VpcConfig: { VpcId: '', SubnetId: '' }, InstallDependency: f.InstallDependency
        }
      }
      case 'scf:CreateFunction': {
        const name = String(p.FunctionName)
        if (this.functions.has(name)) throw new ApiError('ResourceInUse.FunctionName', 'function exists')
        const code = p.Code as { ZipFile?: string }
        if (!code?.ZipFile) throw new ApiError('InvalidParameterValue.Code', 'no code')
        this.functions.set(name, {
          Runtime: String(p.Runtime), MemorySize: Number(p.MemorySize ?? 256), Timeout: Number(p.Timeout ?? 3), Handler: String(p.Handler), InstallDependency: String(p.InstallDependency),
          Variables: ((p.Environment as { Variables?: Fn['Variables'] } | undefined)?.Variables) ?? [], Triggers: [], codeSha: sha(code.ZipFile)
        })
        return {}
      }
      case 'scf:UpdateFunctionCode': {
        const f = this.fn(p)
        const code = p.Code as { ZipFile?: string }
        if (!code?.ZipFile) throw new ApiError('InvalidParameterValue.Code', 'no code')
        f.codeSha = sha(code.ZipFile)
        return {}
      }
      case 'scf:UpdateFunctionConfiguration': {
        const f = this.fn(p)
        if (p.MemorySize !== undefined) f.MemorySize = Number(p.MemorySize)
        if (p.Timeout !== undefined) f.Timeout = Number(p.Timeout)
        const vars = (p.Environment as { Variables?: Fn['Variables'] } | undefined)?.Variables
        if (vars) f.Variables = vars
        return {}
      }
      case 'scf:BatchCreateTrigger': {
        const f = this.fn(p)
        for (const t of JSON.parse(String(p.Triggers)) as { TriggerName: string; Type: string; TriggerDesc: string }[]) {
          if (f.Triggers.some((x) => x.TriggerName === t.TriggerName)) throw new ApiError('ResourceInUse.Trigger', 'trigger exists')
          // SCF answers a timer's description as JSON
          f.Triggers.push({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) })
        }
        return {}
      }
      case 'scf:DeleteTrigger': {
        const f = this.fn(p)
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== p.TriggerName)
        return {}
      }
      case 'scf:DeleteFunction':
        this.functions.delete(String(p.FunctionName))
        return {}
      default:
        throw new ApiError('UnsupportedOperation', `the stand-in does not answer ${key}`)
    }
  }

  private fn(p: Record<string, unknown>): Fn {
    const f = this.functions.get(String(p.FunctionName))
    if (!f) throw new ApiError('ResourceNotFound.Function', 'no such function')
    return f
  }

  /** The COS client the SDK's storage service uses for static hosting. */
  cos() {
    const self = this
    return {
      getBucket(params: { Prefix?: string }, cb: (err: unknown, res?: unknown) => void) {
        self.calls.push({ service: 'cos', action: 'cos.getBucket', params })
        const Contents = [...self.files].filter(([k]) => k.startsWith(params.Prefix ?? '')).map(([Key, md5]) => ({ Key, ETag: `"${md5}"`, Size: '1' }))
        cb(null, { Contents, IsTruncated: 'false' })
      },
      uploadFiles(params: { files: { Key: string; FilePath: string }[]; onFileFinish?: (err: unknown, res: unknown, file: unknown) => void }, cb: (err: unknown, res?: unknown) => void) {
        self.calls.push({ service: 'cos', action: 'cos.uploadFiles', params: { keys: params.files.map((f) => f.Key) } })
        for (const f of params.files) {
          self.files.set(f.Key.replace(/^\//, ''), crypto.createHash('md5').update(fs.readFileSync(f.FilePath)).digest('hex'))
          params.onFileFinish?.(null, {}, f)
        }
        cb(null, { files: params.files.map((f) => ({ options: f, data: {} })) })
      },
      putObject(params: { Key: string; Body?: Buffer; FilePath?: string }, cb: (err: unknown, res?: unknown) => void) {
        self.calls.push({ service: 'cos', action: 'cos.putObject', params: { Key: params.Key } })
        const body = params.Body ?? (params.FilePath ? fs.readFileSync(params.FilePath) : Buffer.alloc(0))
        self.files.set(params.Key.replace(/^\//, ''), crypto.createHash('md5').update(body).digest('hex'))
        cb(null, {})
      },
      deleteObject(params: { Key: string }, cb: (err: unknown, res?: unknown) => void) {
        self.calls.push({ service: 'cos', action: 'cos.deleteObject', params: { Key: params.Key } })
        self.files.delete(params.Key.replace(/^\//, ''))
        cb(null, {})
      }
    }
  }
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

/**
 * Plugs the stand-in under `@cloudbase/manager-node`; answers a function that unplugs it.
 * Every request must be signed (the SDK's TC3 `Authorization` header is checked for presence).
 */
export function installManagerStandIn(standIn: ManagerStandIn): () => void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const http = require('@cloudbase/manager-node/lib/utils/http-request') as { fetch: (url: string, config: { headers: Record<string, string>; body?: string }) => Promise<unknown> }
  const { StorageService } = require('@cloudbase/manager-node/lib/storage') as { StorageService: { prototype: { getCos: () => unknown } } }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const fetch = http.fetch
  const getCos = StorageService.prototype.getCos
  http.fetch = async (url, config) => {
    const service = new URL(url).hostname.split('.')[0]!
    const action = config.headers['X-TC-Action']!
    const RequestId = crypto.randomUUID()
    if (!/^TC3-HMAC-SHA256 Credential=/.test(config.headers.Authorization ?? '')) return { Response: { Error: { Code: 'AuthFailure', Message: 'unsigned' }, RequestId } }
    try {
      return { Response: { ...standIn.handle(service, action, JSON.parse(config.body ?? '{}')), RequestId } }
    } catch (error) {
      if (error instanceof ApiError) return { Response: { Error: { Code: error.code, Message: error.message }, RequestId } }
      throw error
    }
  }
  StorageService.prototype.getCos = () => standIn.cos()
  return () => {
    http.fetch = fetch
    StorageService.prototype.getCos = getCos
  }
}
