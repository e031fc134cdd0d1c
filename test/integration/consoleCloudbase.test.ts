import crypto from 'node:crypto'
import { decodeJwt, importSPKI, jwtVerify } from 'jose'
import type { WxServerSdk } from '../../cloud/wechat/root'
import { callerOf, createMain } from '../../cloud/wechat/root'
import { createConsoleLoginMain, type TicketSdk } from '../../cloud/wechat/consoleLogin'
import type { HttpAccessEvent } from '../../cloud/functions/open311/index'
import { seedDemo } from '../../cloud/seed/demo'
import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'
import { emulatedCloudBase } from '../../cloud/emulator/install'

/**
 * The console's production path on CloudBase (docs/console.md, "Production"), on the real
 * wx-server-sdk against the emulated database and the real @cloudbase/node-sdk:
 * - the HTTP function `consoleLogin` (a request, the poll, CORS for the console's origin only)
 *   answers a custom-login ticket for the confirming staff member's opaque userId;
 * - the function entries take a web caller of custom login (the CloudBase context's
 *   TCB_CUSTOM_USER_ID, as CloudBase sets it for the web SDK's calls) as that user, and only
 *   while they are staff or admin.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tcb = require('@cloudbase/node-sdk') as TicketSdk & { getCloudbaseContext(c?: unknown): Record<string, string> }

const ENV = 'civic-prod-7h2k9'
const ORIGIN = 'https://civic-prod-7h2k9.tcloudbaseapp.com'
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
const KEY = JSON.stringify({ private_key_id: 'console-key-1', private_key: privateKey, env_id: ENV })

const CONTEXT_VARS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_CONTEXT_KEYS', 'TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER', 'TCB_SOURCE']
afterEach(() => CONTEXT_VARS.forEach((k) => delete process.env[k]))

/** The mini-program's caller, as the function runtime sets it. */
function asWeChat(openid: string) {
  CONTEXT_VARS.forEach((k) => delete process.env[k])
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx-test' })
}
/** A web SDK caller signed in by custom login, as CloudBase sets its context. */
function asWeb(customUserId: string | null, anonymous = false) {
  CONTEXT_VARS.forEach((k) => delete process.env[k])
  Object.assign(process.env, {
    TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE',
    TCB_UUID: 'a3f7c2e9d1b84f6a',
    TCB_ISANONYMOUS_USER: String(anonymous),
    TCB_SOURCE: 'web'
  }, customUserId ? { TCB_CUSTOM_USER_ID: customUserId } : {})
}

async function runtime() {
  const { sdk: real } = emulatedCloudBase({ seed: 5 })
  // only openapi (WeChat's network service) is replaced, as in wechat-entry.test.ts
  const wx = Object.assign(Object.create(real as object) as WxServerSdk, {
    openapi: {
      security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) },
      subscribeMessage: { send: async () => undefined }
    }
  })
  await seedDemo(createCloudBaseStore(wx.database({ throwOnNotFound: false }) as Database))
  const user = createMain('user', () => wx)
  const report = createMain('report', () => wx)
  const login = createConsoleLoginMain(() => wx, () => tcb, { CONSOLE_LOGIN_KEY: KEY, CONSOLE_ORIGIN: `${ORIGIN}, https://console.example.gov.cn` })
  const http = async (path: string, body?: unknown, opts: { method?: string; origin?: string | null; raw?: string } = {}) => {
    const event: HttpAccessEvent = {
      path: `/console-login${path}`,
      httpMethod: opts.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(opts.origin === null ? {} : { Origin: opts.origin ?? ORIGIN }) },
      body: opts.raw ?? (body === undefined ? null : JSON.stringify(body)),
      isBase64Encoded: false
    }
    const answer = await login(event)
    return { ...answer, json: answer.body ? (JSON.parse(answer.body) as { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string; field?: string } }) : null }
  }
  return { user, report, http }
}

it('signs a staff member in by QR: request, poll, confirmation in the mini-program, a ticket for their userId, once', async () => {
  const { user, http } = await runtime()
  asWeChat('demo-staff')
  const me = await user({ action: 'me', data: {} })
  const userId = (me as { data: { userId: string } }).data.userId
  expect(userId).toMatch(/^[a-z0-9]{18,20}$/)

  // CORS: the console's origins only
  const preflight = await http('/requests', undefined, { method: 'OPTIONS' })
  expect(preflight.statusCode).toBe(204)
  expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN)
  expect((await http('/requests', undefined, { method: 'OPTIONS', origin: 'https://console.example.gov.cn' })).headers['access-control-allow-origin']).toBe('https://console.example.gov.cn')
  const foreign = await http('/requests', {}, { origin: 'https://evil.example.com' })
  expect(foreign.statusCode).toBe(403)
  expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
  expect(foreign.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该地址不能使用管理后台登录' } })

  // bad input, with its code and message
  expect((await http('/requests', { openid: 'demo-admin' })).json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } })
  expect((await http('/requests', undefined, { raw: '{not json' })).statusCode).toBe(400)
  expect((await http('/nothing', {})).statusCode).toBe(404)

  const created = await http('/requests', {})
  expect(created.statusCode).toBe(200)
  expect(created.headers['access-control-allow-origin']).toBe(ORIGIN)
  const { id, code } = created.json!.data as { id: string; code: string }
  expect(created.json!.data).toMatchObject({ expiresIn: 120, demoLogin: false })
  expect((await http(`/requests/${id}`, {})).json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code', message: '缺少登录码' } })
  expect((await http(`/requests/${id}`, { code })).json).toMatchObject({ ok: true, data: { status: 'pending' } })

  // a resident cannot confirm; the staff member can, in the mini-program
  asWeChat('demo-resident')
  expect(await user({ action: 'confirmConsoleLogin', data: { id, code } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  asWeChat('demo-staff')
  expect(await user({ action: 'confirmConsoleLogin', data: { id, code } })).toMatchObject({ ok: true, data: { confirmed: true } })

  const confirmed = await http(`/requests/${id}`, { code })
  expect(confirmed.json).toMatchObject({ ok: true, data: { status: 'confirmed', user: { role: 'staff', unitId: 'unit-chengguan' } } })
  const ticket = (confirmed.json!.data as { ticket: string }).ticket
  const [keyId, jwt] = ticket.split('/@@/')
  expect(keyId).toBe('console-key-1')
  const { payload } = await jwtVerify(jwt!, await importSPKI(publicKey, 'RS256'), { algorithms: ['RS256'] })
  expect(payload).toMatchObject({ uid: userId, env: ENV })
  expect(JSON.stringify(decodeJwt(jwt!))).not.toContain('demo-staff') // no openid in the ticket
  // once only
  expect((await http(`/requests/${id}`, { code })).json).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
})

it('takes a web caller of custom login as that user, and only while they may use the console', async () => {
  const { user, report } = await runtime()
  asWeChat('demo-resident')
  expect(await report({ action: 'create', data: { clientId: 'console-web-1', category: 'zhandao', description: '菜市场门口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } })).toMatchObject({ ok: true, data: { unitId: 'unit-chengguan' } })
  asWeChat('demo-staff')
  const staffId = ((await user({ action: 'me', data: {} })) as { data: { userId: string } }).data.userId

  asWeb(staffId)
  // the same reading as @cloudbase/node-sdk's own
  expect(tcb.getCloudbaseContext().TCB_CUSTOM_USER_ID).toBe(staffId)
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: true, data: { openid: 'demo-staff', role: 'staff' } })
  const queue = await report({ action: 'queue', data: {} })
  expect(queue).toMatchObject({ ok: true, data: { items: [{ description: '菜市场门口占道经营', unitId: 'unit-chengguan' }] } })
  // the newer runtime passes the context in the invocation's `environment`
  CONTEXT_VARS.forEach((k) => delete process.env[k])
  const environment = JSON.stringify({ TCB_CONTEXT_KEYS: 'TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER', TCB_CUSTOM_USER_ID: staffId, TCB_ISANONYMOUS_USER: 'false' })
  expect(await user({ action: 'me', data: {} }, { environment })).toMatchObject({ ok: true, data: { openid: 'demo-staff' } })

  // nobody: no caller at all, an anonymous web user, a handle nobody has
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  asWeb(staffId, true)
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  asWeb('nobodyhas4this0id9')
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新扫码登录管理后台' } })
  // a web caller never becomes a new resident
  expect(callerOf({ getWXContext: () => ({}) }, undefined)).toEqual({ consoleUserId: 'nobodyhas4this0id9' })

  // the role taken away: the console session stops at its next call
  asWeChat('demo-admin')
  expect(await user({ action: 'setRole', data: { openid: 'demo-staff', role: 'resident' } })).toMatchObject({ ok: true })
  asWeb(staffId)
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该账号不能使用管理后台' } })

  // the mini-program's OPENID wins over anything else in the context
  asWeb(staffId)
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'demo-resident' })
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: true, data: { openid: 'demo-resident' } })
})
