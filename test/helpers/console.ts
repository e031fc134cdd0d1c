import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { H5_DIR } from './browser'
import { seriousViolations } from './axe'

/** The console build the browser tests serve: `ADMIN_DIR`, else `admin` beside the H5 build. */
export const ADMIN_DIR = path.resolve(process.env.ADMIN_DIR ?? path.join(path.dirname(H5_DIR), 'admin'))

export function requireConsoleBuild(): void {
  if (!fs.existsSync(path.join(ADMIN_DIR, 'index.html'))) throw new Error(`no console build in ${ADMIN_DIR}: run \`npm run build:admin\` first (npm test does)`)
}

/**
 * A desktop window on the console at `url`/admin/. Page errors, console errors, CSP refusals and
 * failed loads other than the API's (which answers refusals with 4xx on purpose) go into
 * `problems`, which the tests require to stay empty.
 */
export async function openConsole(browser: Browser, url: string, problems: string[], opts: { timezoneId?: string; acceptDownloads?: boolean; timeoutMs?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce', timezoneId: opts.timezoneId ?? 'UTC', acceptDownloads: opts.acceptDownloads ?? false })
  const page = await context.newPage()
  page.setDefaultTimeout(opts.timeoutMs ?? 30000)
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (m) => {
    if ((m.type() === 'error' && !m.text().startsWith('Failed to load resource')) || /Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) problems.push(`${r.status()} ${r.url()}`)
  })
  await page.goto(`${url}/admin/`)
  return page
}

/** Opens the console and signs in with a demo identity's button (「以管理员身份进入」…), then opens the menu item `menu` if named. */
export async function signInConsole(browser: Browser, url: string, problems: string[], button: string, opts: Parameters<typeof openConsole>[3] & { menu?: string } = {}): Promise<Page> {
  const page = await openConsole(browser, url, problems, { timeoutMs: 30000, ...opts })
  await page.getByRole('button', { name: button }).click()
  await page.getByRole('navigation', { name: '主菜单' }).waitFor()
  if (opts.menu) await page.getByRole('menuitem', { name: opts.menu }).click()
  return page
}

/**
 * Picks `option` (its title) in an Ant Design Select and waits until the select shows it. The
 * dropdown opens with an animation; a click that lands while it is still moving can be lost, so
 * the pick is tried again until the selection is visible.
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const chosen = select.locator(`.ant-select-selection-item[title="${option}"]`)
  for (let attempt = 1; ; attempt++) {
    const open = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`)
    if (!(await open.isVisible())) await select.click()
    try {
      await open.click({ timeout: 3000 })
      await chosen.waitFor({ timeout: 2000 })
      return
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}

/**
 * No serious axe violation on the console page, once antd's fades have settled (colours mid-transition
 * are not the ones the user reads). Endless animations are loading spinners, never a fade: antd can
 * leave one turning inside a button's loading icon whose leave motion ended at zero width and opacity.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity))
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] })
}

/** The rows of the page's antd tables, or the one holding `text`. */
export const tableRows = (page: Page): Locator => page.locator('.ant-table-tbody tr.ant-table-row')
export const tableRow = (page: Page, text: string): Locator => page.locator('.ant-table-tbody tr.ant-table-row', { hasText: text })
