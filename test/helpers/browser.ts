import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { startCloud, type TestCloud } from './cloud'
import type { Config } from '../../cloud/core/config'
import { PRIVACY_POLICY_VERSION, PRIVACY_STORAGE_KEY } from '../../src/privacy'

export const H5_DIR = path.resolve(process.env.H5_DIR ?? 'dist/h5')

/** Debian's Chromium, headless, with no network chatter; playwright gives it a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`no H5 build in ${H5_DIR}: run \`npm run build:h5\` first (npm test does)`)
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
  })
}

/**
 * A real local cloud serving the H5 build, and a browser pointed at it (`demoActivity`: with the demo
 * district's cases and drives, as `npm start` seeds them; `config`: the cloud's, e.g.
 * `localMediaCheckDelayMs` to keep new cases pending the image check; `clock`: the cloud's, to file
 * cases in the past).
 */
export async function startApp(opts: { demoActivity?: boolean; config?: Partial<Config>; adminDir?: string; clock?: () => Date } = {}) {
  const cloud = await startCloud({ h5Dir: H5_DIR, demoActivity: opts.demoActivity, config: opts.config, adminDir: opts.adminDir, clock: opts.clock })
  const browser = await launchBrowser()
  /**
   * A page in a fresh browser profile. The current privacy policy counts as accepted unless
   * `privacyAccepted: false` (then the H5 policy modal shows first, as for a new user).
   */
  const newPage = async (opts: { privacyAccepted?: boolean } = {}): Promise<Page> => {
    // A device zone other than the district's (+08:00): pages must show district times regardless.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'UTC' })
    if (opts.privacyAccepted ?? true) await context.addInitScript(acceptPrivacyPolicy, { key: PRIVACY_STORAGE_KEY, version: PRIVACY_POLICY_VERSION })
    const page = await context.newPage()
    page.setDefaultTimeout(30000) // a limit against hangs: a full reload of the H5 app took over 10 s at load 17 (issue 24)
    // Unhandled rejections with a plain object (Taro API failures: `{ errMsg }`) reach `pageerror` as "Object": log their content.
    await page.addInitScript(() => window.addEventListener('unhandledrejection', (e) => console.error('[unhandled]', JSON.stringify(e.reason))))
    page.on('console', (m) => m.type() === 'error' && m.text().startsWith('[unhandled]') && console.error('[browser]', m.text()))
    page.on('pageerror', (error) => console.error('[browser]', error.message))
    return page
  }
  return {
    cloud,
    browser,
    newPage,
    close: async () => {
      await browser.close()
      await cloud.close()
    }
  }
}

export type TestApp = Awaited<ReturnType<typeof startApp>>

/**
 * Runs in the page before the app: the policy version as accepted, in the format Taro H5's
 * `setStorageSync` writes and `getStorageSync` reads (localStorage, JSON `{ data }`).
 */
function acceptPrivacyPolicy({ key, version }: { key: string; version: string }): void {
  localStorage.setItem(key, JSON.stringify({ data: version }))
}

/**
 * Waits until no Taro H5 toast is on screen: Taro's toast is a fixed `.taro__toast` that fades out
 * and is then set to `display: none` (a fading toast is no page's text for axe).
 */
export async function toastGone(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((e) => getComputedStyle(e).display === 'none'))
}

/** Elements of the page the user sees: Taro keeps hidden tab pages (and their copies of shared parts) in the DOM. */
export function visible(page: Page, selector: string): Locator {
  return page.locator(selector).filter({ visible: true })
}

/** A NutUI button by its text (Taro's H5 buttons are custom elements without a button role). */
export function button(scope: Page | Locator, name: string): Locator {
  return scope.locator('.nut-button, .ui-btn', { hasText: name })
}

/** A NutUI cell by its text; click the cell itself (its title lets clicks through to it). */
export function cell(scope: Page | Locator, text: string): Locator {
  return scope.locator('.nut-cell, .ui-cell', { hasText: text })
}

/** Opens the app and signs in with one of the buttons of the sign-in page or a free openid. */
export async function signIn(app: TestApp, openid: string): Promise<Page> {
  const page = await app.newPage()
  await page.goto(app.cloud.url)
  await page.getByText('选择身份进入').waitFor()
  const demo: Record<string, string> = { 'demo-resident': '居民', 'demo-staff': '网格员 / 城管执法局', 'demo-admin': '管理员' }
  if (demo[openid]) {
    await button(page.locator('.ui-cell', { hasText: demo[openid] }), '进入').click()
  } else {
    await page.locator('.signin__openid input').fill(openid)
    await button(page, '登录').click()
  }
  await page.locator('.me__nickname').waitFor()
  return page
}

/** Clicks a tab of the tab bar by its text. */
export async function openTab(page: Page, text: '随手拍' | '志愿' | '排行' | '我的'): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(text, { exact: true }).click()
}

export type { TestCloud }

/** Polls a condition (e.g. a server-side effect of a click) until it holds or times out. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Sets a Taro picker (H5: the weui wheel of `taro-picker-core`) to the given item of each column
 * ("2026年", "11月", "26日"; "09", "30") by dragging the column as a finger would, then 确定.
 * `field` is the element around the picker (e.g. `.drive-create__date`).
 */
export async function pickWheel(page: Page, field: Locator, values: string[]): Promise<void> {
  await field.locator('.picker-field').click()
  // the sheet is drawn at the end of the document (one per picker; the open one is visible)
  const sheet = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await sheet.locator('.weui-picker__action').last().waitFor()
  await page.waitForTimeout(350) // the sheet slides up
  for (const [i, value] of values.entries()) {
    const column = sheet.locator('taro-picker-group').nth(i)
    for (let attempt = 0; attempt < 40; attempt++) {
      const delta = await column.evaluate((col, text) => {
        const indicator = col.querySelector('.weui-picker__indicator')!.getBoundingClientRect()
        const middle = indicator.top + indicator.height / 2
        const items = Array.from(col.querySelectorAll('.weui-picker__item')).filter((e) => e.textContent === text)
        if (!items.length) throw new Error(`no item «${text}» in the picker column`)
        const nearest = items.map((e) => { const r = e.getBoundingClientRect(); return middle - (r.top + r.height / 2) }).sort((a, b) => Math.abs(a) - Math.abs(b))[0]!
        return nearest
      }, value)
      if (Math.abs(delta) < 8) break
      const box = (await column.locator('.weui-picker__indicator').boundingBox())!
      const x = box.x + box.width / 2
      const y = box.y + box.height / 2
      const step = Math.max(-90, Math.min(90, delta))
      await page.mouse.move(x, y)
      await page.mouse.down()
      await page.mouse.move(x, y + step, { steps: 6 })
      await page.mouse.up()
      await page.waitForTimeout(400) // the column settles on a row
    }
  }
  await sheet.locator('.weui-picker__action').last().click()
  await page.waitForTimeout(350)
}

/** A district date (YYYY-MM-DD) as the date picker's three columns. */
export const dateColumns = (date: string): string[] => [`${date.slice(0, 4)}年`, `${date.slice(5, 7)}月`, `${date.slice(8, 10)}日`]

/** Types a point into the report form, opening its coordinates fallback first (locating is what the form offers). */
export async function fillPoint(page: Page, latitude: string, longitude: string): Promise<void> {
  const manual = button(page.locator('.report-create'), '定位不了？手动填写坐标')
  if (await manual.count()) await manual.click()
  await visible(page, '.report-create__lat input').fill(latitude)
  await visible(page, '.report-create__lng input').fill(longitude)
}
