import fs from 'node:fs'
import path from 'node:path'
import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { button, H5_DIR, signIn, startApp, visible, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'

/**
 * 扫码登录管理后台 in Debian's Chromium against a real local server: the console shows a QR code,
 * the code is read back from the canvas's pixels (jsQR, as a phone's scanner would), its link is
 * opened in the H5 app as a staff member (H5 has no scanner: the link opens the page), who
 * confirms; the console then shows 工单 signed in as that person. The app's page is checked with
 * axe and for 44 px targets. Builds: `H5_DIR` (the app) and `ADMIN_DIR` (the console; default:
 * `admin` beside the H5 build).
 */
const ADMIN_DIR = path.resolve(process.env.ADMIN_DIR ?? path.join(path.dirname(H5_DIR), 'admin'))

let app: TestApp
const problems: string[] = []

beforeAll(async () => {
  if (!fs.existsSync(path.join(ADMIN_DIR, 'index.html'))) throw new Error(`no console build in ${ADMIN_DIR}: run \`npm run build:admin\` first`)
  app = await startApp()
  // the app's cloud serves the H5 build; the console is served beside it from ADMIN_DIR
  await app.cloud.close()
  const { startCloud } = await import('../helpers/cloud')
  app = { ...app, cloud: await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR }) }
}, 60000)
afterAll(async () => {
  await app?.browser.close()
  await app?.cloud.close()
})

async function openConsole(): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  await page.goto(`${app.cloud.url}/admin/`)
  return page
}

/** The link inside the console's QR code, read from the canvas's pixels. */
async function readQr(page: Page): Promise<string> {
  const canvas = page.getByRole('img', { name: '登录二维码' })
  await page.locator('canvas[data-link="ready"]').waitFor()
  const { width, height, pixels } = await canvas.evaluate((c: HTMLCanvasElement) => {
    const image = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
    return { width: image.width, height: image.height, pixels: Array.from(image.data) }
  })
  const found = jsQR(new Uint8ClampedArray(pixels), width, height)
  if (!found) throw new Error('no QR code on the sign-in screen')
  return found.data
}

it('the console shows a QR code; a staff member opens its link in the app and confirms; the console is signed in as them', async () => {
  const console_ = await openConsole()
  await console_.getByText(/二维码 \d+ 秒后过期/).waitFor()
  const link = await readQr(console_)
  expect(link).toMatch(new RegExp(`^${app.cloud.url.replace(/[.]/g, '\\.')}/#/sub-user/console-login/index\\?id=[a-z0-9]+&code=[A-Za-z0-9_-]{22,}$`))

  // 我的 offers it to staff
  const phone = await signIn(app, 'demo-staff')
  await expect(visible(phone, '.ui-cell').filter({ hasText: '扫码登录管理后台' }).count()).resolves.toBe(1)
  await phone.goto(link)
  await visible(phone, '.console-login').getByText('确认登录管理后台？').waitFor()
  await visible(phone, '.console-login').getByText(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 请求登录/).waitFor()

  expect(await seriousViolations(phone)).toEqual([])
  const confirm = button(visible(phone, '.console-login'), '确认登录')
  const box = (await confirm.boundingBox())!
  expect(box.height).toBeGreaterThanOrEqual(44)
  expect(box.width).toBeGreaterThanOrEqual(44)
  await confirm.click()
  await visible(phone, '.console-login').getByText('已登录，可回到电脑上操作').waitFor()
  expect(await seriousViolations(phone)).toEqual([])

  // the console's poll (every 2 s) takes the session: the menu, 李伟 and the 工单 page
  await console_.getByRole('navigation', { name: '主菜单' }).waitFor()
  await console_.locator('.console-user').filter({ hasText: '李伟' }).waitFor()
  await console_.getByRole('menuitem', { name: '工单' }).click()
  await console_.getByRole('heading', { name: '工单', level: 1 }).waitFor()
  expect(problems.splice(0)).toEqual([])

  // the same link again: used
  await phone.reload()
  await visible(phone, '.console-login').getByText(/已使用/).waitFor()
})

it('a resident sees no 扫码登录 in 我的, and the page refuses them', async () => {
  const phone = await signIn(app, 'demo-resident')
  await expect(visible(phone, '.ui-cell').filter({ hasText: '扫码登录管理后台' }).count()).resolves.toBe(0)
  const console_ = await openConsole()
  const link = await readQr(console_)
  await phone.goto(link)
  await visible(phone, '.console-login').getByText(/仅供文明办和各单位工作人员使用/).waitFor()
  expect(await seriousViolations(phone)).toEqual([])
  expect(problems.splice(0)).toEqual([])
})
