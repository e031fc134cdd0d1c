import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * An emulated CloudBase cloud storage for the real wx-server-sdk. The SDK's `uploadFile`,
 * `downloadFile` and `deleteFile` speak HTTP: signed calls to the TCB API (`storage.getUploadMetadata`,
 * `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`) and then a PUT or GET of the object at
 * the COS address the API answered. The SDK sends its API calls to the URL of the runtime's
 * `TCB_CONTEXT_CNFG` when it is set, as inside a cloud function; `start()` sets it (and the
 * credentials the SDK signs with) to this server. Objects are kept in memory. What the server
 * checks: the TC3 signature header's key id, a one-time upload token per object, and that an object
 * exists for a download or deletion (each answered per file, as the API does).
 */
export class EmulatedStorage {
  readonly objects = new Map<string, Buffer>()
  /** Every API action and object request, in order (for tests counting storage calls). */
  readonly requests: string[] = []
  private server: http.Server | null = null
  private base = ''
  private readonly uploadTokens = new Map<string, string>()
  private readonly previousEnv: Record<string, string | undefined> = {}

  constructor(readonly envId = 'local-emulator', readonly bucket = '6c6f-local-emulator-1300000000', private readonly secretId = 'emulator-secret-id') {}

  fileIdOf(path: string): string {
    return `cloud://${this.envId}.${this.bucket}/${path}`
  }

  pathOf(fileId: string): string | null {
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : null
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => this.answer(req, Buffer.concat(chunks), res))
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    for (const [k, v] of Object.entries({ TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.base}/admin` }), TENCENTCLOUD_SECRETID: this.secretId, TENCENTCLOUD_SECRETKEY: 'emulator-secret-key' })) {
      this.previousEnv[k] = process.env[k]
      process.env[k] = v
    }
    return this
  }

  async stop(): Promise<void> {
    for (const [k, v] of Object.entries(this.previousEnv)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private answer(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base)
    if (url.pathname === '/admin' && req.method === 'POST') return this.api(req, body, res)
    const key = decodeURIComponent(url.pathname.replace(/^\/cos\//, ''))
    if (url.pathname.startsWith('/cos/') && req.method === 'PUT') {
      this.requests.push(`PUT ${key}`)
      if (!this.uploadTokens.has(key) || this.uploadTokens.get(key) !== req.headers['x-cos-security-token']) {
        res.statusCode = 403
        return void res.end(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message><Resource>/${key}</Resource><RequestId>emu</RequestId><TraceId>emu</TraceId></Error>`)
      }
      this.uploadTokens.delete(key)
      this.objects.set(key, body)
      return void res.end('')
    }
    if (url.pathname.startsWith('/cos/') && req.method === 'GET') {
      this.requests.push(`GET ${key}`)
      const object = this.objects.get(key)
      if (!object || !url.searchParams.get('sign')) {
        res.statusCode = 404
        return void res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>')
      }
      return void res.end(object)
    }
    res.statusCode = 404
    res.end()
  }

  private api(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const json = (data: unknown) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(data))
    }
    const requestId = crypto.randomBytes(8).toString('hex')
    if (!String(req.headers.authorization ?? '').includes(`Credential=${this.secretId}/`)) return json({ code: 'AUTH_FAILED', message: 'signature key id unknown', requestId })
    let params: Record<string, unknown>
    try {
      params = JSON.parse(body.toString('utf8')) as Record<string, unknown>
    } catch {
      return json({ code: 'INVALID_PARAM', message: 'body is not JSON', requestId })
    }
    const action = String(params.action)
    this.requests.push(action)
    if (action === 'storage.getUploadMetadata') {
      const path = String(params.path ?? '')
      if (!path || path.startsWith('/') || path.includes('..')) return json({ code: 'INVALID_PARAM', message: 'cloudPath is invalid', requestId })
      const token = crypto.randomBytes(12).toString('hex')
      this.uploadTokens.set(path, token)
      return json({ requestId, data: { url: `${this.base}/cos/${path}`, token, authorization: `q-sign-algorithm=sha1&q-ak=${this.secretId}`, fileId: this.fileIdOf(path), cosFileId: crypto.randomBytes(6).toString('hex') } })
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = (params.file_list as Array<{ fileid: string }> | undefined) ?? []
      return json({
        requestId,
        data: {
          download_list: list.map(({ fileid }) => {
            const path = this.pathOf(fileid)
            return path !== null && this.objects.has(path)
              ? { fileID: fileid, code: 'SUCCESS', tempFileURL: `${this.base}/cos/${path}?sign=${crypto.randomBytes(6).toString('hex')}` }
              : { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' }
          })
        }
      })
    }
    if (action === 'storage.batchDeleteFile') {
      const list = (params.fileid_list as string[] | undefined) ?? []
      return json({
        requestId,
        data: {
          delete_list: list.map((fileid) => {
            const path = this.pathOf(fileid)
            const existed = path !== null && this.objects.delete(path)
            return { fileID: fileid, code: existed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }
          })
        }
      })
    }
    json({ code: 'INVALID_ACTION', message: `unknown action ${action}`, requestId })
  }
}
