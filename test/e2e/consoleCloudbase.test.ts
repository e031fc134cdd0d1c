import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page, Route } from 'playwright-core'
import { launchBrowser, waitUntil } from '../helpers/browser'
import { webGateway, type WebGateway } from '../helpers/cloudbaseWeb'
import { seriousViolations } from '../helpers/axe'
import type { WxServerSdk } from '../../cloud/wechat/root'
import { createMain } from '../../cloud/wechat/root'
import { createConsoleLoginMain, type TicketSdk } from '../../cloud/wechat/consoleLogin'
import type { HttpAccessEvent } from '../../cloud/functions/open311/index'
import { seedDemo } from '../../cloud/seed/demo'
import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'
import { emulatedCloudBase } from '../../cloud/emulator/install'

/**
 * The console's production build (VITE_CLOUDBASE_ENV; `npm run build:admin:cloudbase` writes
 * dist/admin-cloudbase, `ADMIN_CLOUDBASE_DIR` points elsewhere) in Debian's Chromium, served as
 * CloudBase static hosting would serve it, on the real `@cloudbase/js-sdk`: 扫码登录 through the
 * HTTP function `consoleLogin`, the mini-program's confirmation through the `user` function, the
 * ticket redeemed by the SDK's `signInWithCustomTicket` (the gateway stand-in checks it against the
 * environment's key), then 工单 through `callFunction` — the functions on the real wx-server-sdk
 * and the emulated database, the caller taken from the CloudBase context of a custom-login user.
 */
const ENV = 'civic-e2e-env'
const SITE = `https://${ENV}.tcloudbaseapp.com`
const LOGIN = `https://${ENV}.service.tcloudbase.com/console-login`
const DIR = path.resolve(process.env.ADMIN_CLOUDBASE_DIR ?? 'dist/admin-cloudbase')

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tcb = require('@cloudbase/node-sdk') as TicketSdk
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })

let browser: Browser
let gateway: WebGateway
let login: ReturnType<typeof createConsoleLoginMain>
let user: ReturnType<typeof createMain>
let report: ReturnType<typeof createMain>
const problems: string[] = []
const requests: { id: string; code: string }[] = []

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' }

/** Static hosting: the build's files under /admin/. */
async function hosting(route: Route) {
  const url = new URL(route.request().url())
  const rel = url.pathname.replace(/^\/admin\/?/, '') || 'index.html'
  const file = path.join(DIR, rel)
  if (!file.startsWith(DIR) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return route.fulfill({ status: 404, body: 'not found' })
  return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) })
}

/** HTTP access to `consoleLogin`: the browser's request as the function's event, its answer back. */
async function httpAccess(route: Route) {
  const r = route.request()
  const url = new URL(r.url())
  const event: HttpAccessEvent = { path: url.pathname, httpMethod: r.method(), headers: r.headers(), body: r.postData() ?? null, isBase64Encoded: false }
  const answer = await login(event)
  if (r.method() === 'POST' && /\/requests$/.test(url.pathname) && answer.statusCode === 200) {
    const data = JSON.parse(answer.body).data as { id: string; code: string }
    requests.push({ id: data.id, code: data.code })
  }
  return route.fulfill({ status: answer.statusCode, headers: answer.headers, body: answer.body })
}

/** The mini-program's caller, as the function runtime sets it, for one call. */
async function asWeChat<T>(openid: string, run: () => Promise<T>): Promise<T> {
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx-test' })
  try {
    return await run()
  } finally {
    delete process.env.WX_CONTEXT_KEYS
    delete process.env.WX_OPENID
    delete process.env.WX_APPID
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIR, 'index.html'))) throw new Error(`no CloudBase build of the console in ${DIR}: run \`npm run build:admin:cloudbase\` first (npm test does)`)
  const { sdk: real } = emulatedCloudBase({ seed: 11 })
  const wx = Object.assign(Object.create(real as object) as WxServerSdk, {
    openapi: { security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) }, subscribeMessage: { send: async () => undefined } }
  })
  await seedDemo(createCloudBaseStore(wx.database({ throwOnNotFound: false }) as Database))
  user = createMain('user', () => wx)
  report = createMain('report', () => wx)
  login = createConsoleLoginMain(() => wx, () => tcb, { CONSOLE_LOGIN_KEY: JSON.stringify({ private_key_id: 'e2e-key', private_key: privateKey, env_id: ENV }), CONSOLE_ORIGIN: SITE })
  gateway = webGateway({ env: ENV, region: 'ap-shanghai', publicKey, functions: { user, report, ranking: createMain('ranking', () => wx), volunteer: createMain('volunteer', () => wx) } })
  // a case for the staff member's unit, filed in the mini-program
  await asWeChat('demo-resident', () => report({ action: 'create', data: { clientId: 'tcb-console-1', category: 'zhandao', description: '云开发控制台：桥头占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } }))
  browser = await launchBrowser()
}, 60000)
afterAll(async () => {
  await browser?.close()
})

async function openConsole(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  if (process.env.DEBUG_TCB) {
    page.on('console', (m) => console.log('console:', m.type(), m.text()))
    page.on('request', (r) => console.log('request:', r.method(), r.url()))
    page.on('requestfailed', (r) => console.log('failed:', r.url(), r.failure()?.errorText))
  }
  await gateway.install(page)
  await page.route(`${SITE}/**`, hosting)
  await page.route(`${LOGIN}/**`, httpAccess)
  await page.goto(`${SITE}/admin/`)
  return page
}

it('signs in by QR through the HTTP function, redeems the ticket with the web SDK and works the cases through callFunction', async () => {
  const page = await openConsole()
  await page.getByRole('heading', { name: '微信扫码登录' }).waitFor()
  await page.locator('canvas[data-link="ready"]').waitFor()
  expect(await page.getByText('演示身份').count()).toBe(0) // production: no demo identities
  const { id, code } = requests.at(-1)!

  // the staff member confirms in the mini-program
  const confirmed = await asWeChat('demo-staff', () => user({ action: 'confirmConsoleLogin', data: { id, code } }))
  expect(confirmed).toMatchObject({ ok: true })

  await page.getByRole('navigation', { name: '主菜单' }).waitFor({ timeout: 20000 })
  await page.getByText('李伟').first().waitFor()
  expect(gateway.signedIn).toHaveLength(1)
  expect(gateway.signedIn[0]).toMatch(/^[a-z0-9]{18,20}$/)

  await page.getByRole('menuitem', { name: '工单' }).click()
  await page.getByText('云开发控制台：桥头占道经营').first().waitFor()
  expect(gateway.seen).toContain('POST /v1/functions/report')
  expect((await seriousViolations(page)).map((v) => v.id)).toEqual([])

  // 受理 in the drawer is a write through callFunction, as the signed-in staff member
  await page.getByRole('button', { name: '查看工单：云开发控制台：桥头占道经营' }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByRole('button', { name: '受理' }).click()
  await drawer.getByText('此工单已受理').or(drawer.getByRole('heading', { name: '办结' })).first().waitFor()
  const stored = await asWeChat('demo-staff', () => report({ action: 'queue', data: { status: 'accepted' } }))
  expect(stored).toMatchObject({ ok: true, data: { items: [{ description: '云开发控制台：桥头占道经营', status: 'accepted' }] } })
  // the timeline names the staff member's role, as for a mini-program action
  await drawer.getByText(/已受理/).first().waitFor()
  await page.keyboard.press('Escape')

  // a reload keeps the session (the SDK's sessionStorage); 退出 ends it
  await page.reload()
  await page.getByRole('navigation', { name: '主菜单' }).waitFor()
  await page.getByRole('button', { name: '退出' }).click()
  await page.getByRole('heading', { name: '微信扫码登录' }).waitFor()
  // the console signs out of the SDK without waiting for it: the revoke follows the page, and the reload waits for it
  await waitUntil(async () => gateway.seen.includes('POST /auth/v1/revoke'), 15000)
  await page.reload()
  await page.getByRole('heading', { name: '微信扫码登录' }).waitFor() // the session is gone

  expect(gateway.unknown).toEqual([])
  expect(problems).toEqual([])
  await page.context().close()
}, 90000)
