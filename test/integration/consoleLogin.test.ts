import http from 'node:http'
import type net from 'node:net'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { sweepConsoleLogins } from '../../cloud/core/user/consoleLogin'

/**
 * 扫码登录管理后台 (issue 14) over HTTP: the console's one-time request, confirmed in the app by a
 * staff member or admin, polled by the console for that person's token pair, once. Runs on both
 * stores (the cloudbase project runs it again with STORE=cloudbase).
 */
type Request = { id: string; code: string; expiresAt: string; expiresIn: number; demoLogin: boolean }

const newRequest = async (cloud: TestCloud): Promise<Request> => {
  const answer = await cloud.post<Request>('/api/console/requests', {})
  if (!answer.body.ok) throw new Error(JSON.stringify(answer.body))
  return answer.body.data
}
const poll = (cloud: TestCloud, r: Pick<Request, 'id' | 'code'>) => cloud.post(`/api/console/requests/${r.id}`, { code: r.code })
/** The same code with its last character changed (still of the code's shape). */
const wrong = (code: string) => code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A')

describe('in demo mode', () => {
  let cloud: TestCloud
  let now = new Date('2026-11-24T02:00:00Z')
  let staff: string
  let admin: string
  let resident: string
  beforeAll(async () => {
    cloud = await startCloud({ clock: () => now })
    staff = await cloud.login('demo-staff')
    admin = await cloud.login('demo-admin')
    resident = await cloud.login('demo-resident')
  })
  afterAll(() => cloud.close())

  it('a request has a 128-bit code, lives two minutes and stores only a hash of the code', async () => {
    const r = await newRequest(cloud)
    expect(r.id).toMatch(/^[a-z0-9]{8,32}$/)
    expect(Buffer.from(r.code, 'base64url').length).toBeGreaterThanOrEqual(16)
    expect(r.expiresIn).toBe(120)
    expect(Date.parse(r.expiresAt) - now.getTime()).toBe(120_000)
    expect(r.demoLogin).toBe(true)
    const stored = await cloud.store.consoleLogins.get(r.id)
    expect(stored).toMatchObject({ failures: 0, confirmedBy: null, claimedAt: null })
    expect(JSON.stringify(stored)).not.toContain(r.code)
    const other = await newRequest(cloud)
    expect(other.id).not.toBe(r.id)
    expect(other.code).not.toBe(r.code)
    // a body with fields is refused
    expect(await cloud.post('/api/console/requests', { openid: 'demo-admin' })).toMatchObject({ status: 400 })
  })

  it('staff confirm with the code; the console gets the token pair once, and it works for console actions', async () => {
    const r = await newRequest(cloud)
    expect(await poll(cloud, r)).toMatchObject({ status: 200, body: { ok: true, data: { status: 'pending' } } })
    const seen = await cloud.ok(staff, 'user', 'consoleLoginRequest', { id: r.id, code: r.code })
    expect(seen).toMatchObject({ id: r.id, confirmed: false, expiresAt: expect.stringMatching(/\+08:00$/) })
    expect(await cloud.ok(staff, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ id: r.id, confirmed: true })

    const first = await poll(cloud, r)
    expect(first.body).toMatchObject({ ok: true, data: { status: 'confirmed', expiresIn: expect.any(Number), user: { openid: 'demo-staff', role: 'staff' } } })
    const data = (first.body as { data: { token: string; refreshToken: string } }).data
    const queue = await cloud.call(data.token, 'report', 'queue', {})
    expect(queue.status).toBe(200)
    expect(await cloud.ok(data.token, 'user', 'me')).toMatchObject({ openid: 'demo-staff' })
    // the refresh token is a real one too
    expect((await cloud.post('/api/refresh', { refreshToken: data.refreshToken })).status).toBe(200)

    // a second poll gets nothing
    const second = await poll(cloud, r)
    expect(second).toMatchObject({ status: 409, body: { ok: false, error: { code: 'CONFLICT' } } })
    expect(JSON.stringify(second.body)).not.toContain('token')
    // nor can it be confirmed again
    expect(await cloud.call(admin, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: expect.stringMatching(/已使用/) } } })

    // the sign-in is in the operation log, by name
    const log = await cloud.ok(admin, 'user', 'operationLog', {})
    expect(log.items[0]).toMatchObject({ action: 'console.signIn', actorName: expect.stringMatching(/^李伟/), target: expect.stringMatching(/^user:李伟/) })
    expect(JSON.stringify(log.items[0])).not.toContain('demo-staff')
  })

  it('a confirmed request is taken by the poll that comes first, and only by it', async () => {
    const r = await newRequest(cloud)
    await cloud.ok(admin, 'user', 'confirmConsoleLogin', r && { id: r.id, code: r.code })
    const answers = await Promise.all([poll(cloud, r), poll(cloud, r), poll(cloud, r)])
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(2)
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ data: { user: { openid: 'demo-admin', role: 'admin' } } })
  })

  it('residents cannot confirm: FORBIDDEN, and the request stays open', async () => {
    const r = await newRequest(cloud)
    expect(await cloud.call(resident, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    expect(await cloud.call(resident, 'user', 'consoleLoginRequest', { id: r.id, code: r.code })).toMatchObject({ status: 403 })
    expect(await cloud.call(undefined, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ status: 401 })
    expect(await poll(cloud, r)).toMatchObject({ status: 200, body: { data: { status: 'pending' } } })
  })

  it('a wrong code is INVALID_INPUT; after five the request is dead, for the right code too', async () => {
    const r = await newRequest(cloud)
    for (let i = 0; i < 5; i++) {
      expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: r.id, code: wrong(r.code) })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', field: 'code' } } })
    }
    expect((await cloud.store.consoleLogins.get(r.id))?.failures).toBe(5)
    expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: expect.stringMatching(/失效/) } } })
    expect(await poll(cloud, r)).toMatchObject({ status: 409 })

    // wrong codes on the console's poll count as well
    const s = await newRequest(cloud)
    for (let i = 0; i < 5; i++) expect(await poll(cloud, { id: s.id, code: wrong(s.code) })).toMatchObject({ status: 400 })
    expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: s.id, code: s.code })).toMatchObject({ status: 409 })
    // codes of the wrong shape and unknown requests
    expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: s.id, code: 'short' })).toMatchObject({ status: 400 })
    expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: 'abcdefghijk', code: s.code })).toMatchObject({ status: 404 })
    expect(await cloud.post('/api/console/requests/abcdefghijk', { code: s.code })).toMatchObject({ status: 404 })
    expect(await cloud.post(`/api/console/requests/${s.id}`, { code: s.code, openid: 'x' })).toMatchObject({ status: 400 })
  })

  it('an expired request cannot be confirmed or polled (CONFLICT); a confirmation must be taken within a minute', async () => {
    const r = await newRequest(cloud)
    now = new Date(now.getTime() + 121_000)
    expect(await cloud.call(staff, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: expect.stringMatching(/过期/) } } })
    expect(await cloud.call(staff, 'user', 'consoleLoginRequest', { id: r.id, code: r.code })).toMatchObject({ status: 409 })
    expect(await poll(cloud, r)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } })

    const s = await newRequest(cloud)
    await cloud.ok(staff, 'user', 'confirmConsoleLogin', { id: s.id, code: s.code })
    now = new Date(now.getTime() + 61_000)
    expect(await poll(cloud, s)).toMatchObject({ status: 409 })
  })

  it('the sweep deletes requests older than a day, used or not, and keeps the newer ones and the log', async () => {
    const used = await newRequest(cloud)
    await cloud.ok(staff, 'user', 'confirmConsoleLogin', { id: used.id, code: used.code })
    expect(await poll(cloud, used)).toMatchObject({ status: 200 })
    const unused = await newRequest(cloud)
    now = new Date(now.getTime() + 23 * 3600_000)
    const fresh = await newRequest(cloud)
    expect(await sweepConsoleLogins(cloud.deps)).toBe(0)
    now = new Date(now.getTime() + 3600_000 + 1000)
    const removed = await sweepConsoleLogins(cloud.deps)
    expect(removed).toBeGreaterThanOrEqual(2) // and those of the tests before
    expect(await cloud.store.consoleLogins.get(used.id)).toBeNull()
    expect(await cloud.store.consoleLogins.get(unused.id)).toBeNull()
    expect(await cloud.store.consoleLogins.get(fresh.id)).not.toBeNull()
    // a swept request is gone: its QR answers NOT_FOUND
    expect(await poll(cloud, unused)).toMatchObject({ status: 404 })
    expect((await cloud.ok(admin, 'user', 'operationLog', {})).items.some((op: { action: string; after: { request?: string } }) => op.action === 'console.signIn' && op.after.request === used.id)).toBe(true)
    expect(await sweepConsoleLogins(cloud.deps)).toBe(0)
  })

  it('request creation is limited per address like sign-ins', async () => {
    const limited = await startCloud({ loginsPerMinute: 3 })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await limited.post('/api/console/requests', {})).status)
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
      expect(statuses.slice(3)).toEqual([429, 429])
    } finally {
      await limited.close()
    }
  })
})

describe('without demo mode (the real way into the console)', () => {
  let cloud: TestCloud
  let wechat: http.Server
  beforeAll(async () => {
    // a stand-in for WeChat's code2Session: "admin-code" is the district's first admin, "staff-code" a unit's staff member
    wechat = http.createServer((req, res) => {
      const code = new URL(req.url ?? '', 'http://x').searchParams.get('js_code')
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(code === 'admin-code' ? { openid: 'district-admin' } : code === 'staff-code' ? { openid: 'unit-staff-1' } : code === 'resident-code' ? { openid: 'resident-1' } : { errcode: 40029 }))
    })
    await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r))
    const apiBase = `http://127.0.0.1:${(wechat.address() as net.AddressInfo).port}`
    cloud = await startCloud({ demo: false, wechatLogin: { appId: 'wx-app', secret: 'wx-secret', apiBase }, admins: ['district-admin'] })
  })
  afterAll(async () => {
    await cloud.close()
    wechat.close()
  })

  const appSignIn = async (code: string) => {
    const answer = await cloud.post<{ token: string }>('/api/login/wechat', { code })
    if (!answer.body.ok) throw new Error(JSON.stringify(answer.body))
    return answer.body.data.token
  }

  it('an admin and a staff member the admin named sign the console in by confirming in the app', async () => {
    expect((await cloud.post('/api/login', { openid: 'district-admin' })).status).toBe(404)
    const admin = await appSignIn('admin-code')
    const r = await newRequest(cloud)
    expect(r.demoLogin).toBe(false)
    await cloud.ok(admin, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })
    const signedIn = await poll(cloud, r)
    expect(signedIn.body).toMatchObject({ ok: true, data: { status: 'confirmed', user: { openid: 'district-admin', role: 'admin' } } })
    const consoleToken = (signedIn.body as { data: { token: string } }).data.token

    // the admin names a staff member from the console, who then signs in the same way
    const resident = await appSignIn('resident-code')
    const s0 = await newRequest(cloud)
    expect((await cloud.call(resident, 'user', 'confirmConsoleLogin', { id: s0.id, code: s0.code })).status).toBe(403)
    const staffApp = await appSignIn('staff-code')
    await cloud.ok(consoleToken, 'user', 'setRole', { openid: 'unit-staff-1', role: 'staff', unitId: 'unit-chengguan' })
    const s = await newRequest(cloud)
    await cloud.ok(staffApp, 'user', 'confirmConsoleLogin', { id: s.id, code: s.code })
    const staffConsole = await poll(cloud, s)
    expect(staffConsole.body).toMatchObject({ ok: true, data: { user: { openid: 'unit-staff-1', role: 'staff', unitId: 'unit-chengguan' } } })
    expect((await cloud.call((staffConsole.body as { data: { token: string } }).data.token, 'report', 'queue', {})).status).toBe(200)
    expect((await poll(cloud, s)).status).toBe(409)
  })
})
