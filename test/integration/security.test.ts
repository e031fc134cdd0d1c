import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { spawn } from 'node:child_process'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { freePort } from '../helpers/process'

/** Issue 12: sign-in paths, host names, headers, timeouts, file modes. */
jest.setTimeout(60_000)

describe('without demo mode', () => {
  let cloud: TestCloud
  let wechat: http.Server
  let wechatUrl: string
  beforeAll(async () => {
    // a stand-in for WeChat's code2Session: code "good-code" is the user wx-user-1
    wechat = http.createServer((req, res) => {
      const q = new URL(req.url ?? '', 'http://x').searchParams
      res.setHeader('content-type', 'application/json')
      if (q.get('appid') !== 'wx-app' || q.get('secret') !== 'wx-secret') return res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }))
      res.end(JSON.stringify(q.get('js_code') === 'good-code' ? { openid: 'wx-user-1', session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' }))
    })
    await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r))
    wechatUrl = `http://127.0.0.1:${(wechat.address() as net.AddressInfo).port}`
    cloud = await startCloud({ demo: false, wechatLogin: { appId: 'wx-app', secret: 'wx-secret', apiBase: wechatUrl }, admins: ['district-admin'] })
  })
  afterAll(async () => {
    await cloud.close()
    wechat.close()
  })

  it('there is no open login and no demo identity', async () => {
    const answer = await cloud.post('/api/login', { openid: 'demo-admin' })
    expect(answer).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } })
    expect(await cloud.store.users.get('demo-admin')).toBeNull()
    expect(await cloud.store.users.get('demo-resident')).toBeNull()
    // the district's reference data is there, its people are not
    expect((await cloud.store.directory.listRegions()).length).toBeGreaterThan(30)
  })

  it('people sign in with a WeChat login code (code2Session); a bad code signs nobody in', async () => {
    const good = await cloud.post<{ token: string; user: { openid: string; role: string } }>('/api/login/wechat', { code: 'good-code' })
    expect(good.body).toMatchObject({ ok: true, data: { user: { openid: 'wx-user-1', role: 'resident' } } })
    const token = (good.body as { data: { token: string } }).data.token
    expect(await cloud.ok(token, 'user', 'me')).toMatchObject({ openid: 'wx-user-1' })
    expect(await cloud.post('/api/login/wechat', { code: 'stolen-code' })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
    expect(await cloud.post('/api/login/wechat', { code: '../x' })).toMatchObject({ status: 400 })
    expect(await cloud.post('/api/login/wechat', { code: 'good-code', openid: 'demo-admin' })).toMatchObject({ status: 400 })
  })

  it('the first admin comes from CIVIC_ADMINS', async () => {
    expect(await cloud.store.users.get('district-admin')).toMatchObject({ role: 'admin' })
  })
})

describe('the server answers only to its own names', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startCloud({ allowedHosts: ['civic.example.gov.cn'] })
  })
  afterAll(() => cloud.close())

  const withHost = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const { port } = new URL(cloud.url)
      const req = http.request({ host: '127.0.0.1', port, path: '/healthz', headers: { host } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })

  it('a page that re-points its own domain at 127.0.0.1 (DNS rebinding) is refused', async () => {
    expect(await withHost('attacker.example')).toBe(403)
    expect(await withHost('127.0.0.1.attacker.example:8787')).toBe(403)
    expect(await withHost(`127.0.0.1:${new URL(cloud.url).port}`)).toBe(200)
    expect(await withHost('localhost')).toBe(200)
    expect(await withHost('civic.example.gov.cn')).toBe(200)
  })
})

it('demo mode refuses to start on an address other than loopback', async () => {
  const root = path.resolve(__dirname, '..', '..')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-demo-host-'))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'cloud', 'server', 'main.ts')], {
    cwd: root, env: { ...process.env, CIVIC_DEMO: '1', HOST: '0.0.0.0', PORT: String(await freePort()), DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  expect(code).toBe(1)
  expect(stderr).toMatch(/演示模式/)
})

describe('headers, timeouts and files', () => {
  let cloud: TestCloud
  let h5Dir: string
  const inline = 'document.documentElement.style.fontSize="20px"'
  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-h5-'))
    fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><html><head><script>${inline}</script></head><body></body></html>`)
    cloud = await startCloud({ h5Dir, requestTimeoutMs: 1000, loginsPerMinute: 3 })
  })
  afterAll(() => cloud.close())

  it('the app and the API carry a CSP that forbids framing and foreign scripts, nosniff and no referrer', async () => {
    for (const route of ['/', '/healthz']) {
      const res = await fetch(`${cloud.url}${route}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain(`script-src 'self' 'sha256-${crypto.createHash('sha256').update(inline).digest('base64')}'`)
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    }
  })

  it('a connection that sends its request slowly is closed (slowloris)', async () => {
    const { port } = new URL(cloud.url)
    const socket = net.connect(Number(port), '127.0.0.1')
    socket.on('error', () => undefined) // the server hangs up while the drip still writes
    await new Promise((r) => socket.once('connect', r))
    socket.write('POST /api/user HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    const started = Date.now()
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200)
    await new Promise((r) => socket.once('close', r))
    clearInterval(drip)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('sign-in attempts are limited per address', async () => {
    for (let i = 0; i < 3; i++) expect((await cloud.post('/api/login', { openid: `limited-${i}` })).status).toBe(200)
    expect(await cloud.post('/api/login', { openid: 'limited-4' })).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
  })

  it('the data directory is 0700 and the database, secret and photos 0600', async () => {
    const mode = (p: string) => fs.statSync(p).mode & 0o777
    expect(mode(cloud.dataDir)).toBe(0o700)
    if (cloud.storeKind === 'sqlite') expect(mode(path.join(cloud.dataDir, 'civic.db'))).toBe(0o600)
    expect(mode(path.join(cloud.dataDir, 'token-secret'))).toBe(0o600)
    expect(mode(path.join(cloud.dataDir, 'files'))).toBe(0o700)
  })
})
