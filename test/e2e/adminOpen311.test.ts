import type { Browser, Page } from 'playwright-core'
import { launchBrowser, waitUntil } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, expectAccessible, requireConsoleBuild, signInConsole, tableRow as row } from '../helpers/console'

/**
 * 管理后台 → 外部系统接入 (Open311 partner keys, docs/open311.md) in Debian's Chromium against a real
 * local server: an admin makes a key (shown once), allows its status changes (允许办结工单, issue 27:
 * confirmed first) — after which the partner's FIXED resolves a case, before which it was a 403 —
 * withdraws it again, and revokes the key (confirmed). Every change is checked on the server.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
const problems: string[] = []

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ adminDir: ADMIN_DIR })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

const keyOf = async (partner: string) => (await cloud.ok(admin, 'open311', 'keys', {})).items.find((k: { partner: string }) => k.partner === partner)

/** A partner's request and its FIXED posted back, as FixMyStreet sends them (form-encoded). */
async function partnerPost(path: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cloud.url}/open311/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })
  return { status: res.status, body: await res.json() }
}

it('an admin makes a key, allows and withdraws its status changes, and revokes it', async () => {
  const page: Page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai', menu: '外部系统接入' })
  await page.getByRole('heading', { name: '外部系统接入' }).waitFor()

  // a key, shown once
  await page.getByLabel('接入方名称').fill('市民随手拍平台')
  await page.getByRole('button', { name: '生成密钥' }).click()
  const shown = page.locator('.ant-alert', { hasText: '「市民随手拍平台」的密钥' })
  await shown.waitFor()
  const apiKey = (await shown.locator('code').textContent())!.trim()
  expect(apiKey).toMatch(/^[\w-]+\.[\w-]{43}$/)
  const switchOf = row(page, '市民随手拍平台').getByRole('switch', { name: '允许「市民随手拍平台」办结工单' })
  await expect(switchOf.getAttribute('aria-checked')).resolves.toBe('false')
  await expectAccessible(page, '外部系统接入')

  // not allowed yet: the partner's FIXED is refused, nothing written
  const filed = await partnerPost('requests.json', { api_key: apiKey, service_code: 'zhandao', address_string: '幸福村菜市场东门', description: '菜市场东门流动摊贩占道经营' })
  expect(filed.status).toBe(200)
  const id = filed.body[0].service_request_id as string
  const fixed = () => partnerPost('servicerequestupdates.json', { api_key: apiKey, service_request_id: id, status: 'FIXED', description: '摊贩已劝离' })
  expect((await fixed()).status).toBe(403)

  // allowed, after a confirmation (cancelling changes nothing)
  await switchOf.click()
  await page.getByRole('button', { name: '取消' }).click()
  // the cancelled confirmation has gone before the switch is pressed again (a busy machine fades slowly)
  await page.locator('.ant-popover', { hasText: '允许「市民随手拍平台」办结工单？' }).waitFor({ state: 'hidden' })
  expect((await keyOf('市民随手拍平台')).statusChanges).toBe(false)
  await switchOf.click()
  await page.locator('.ant-popover', { hasText: '允许「市民随手拍平台」办结工单？' }).getByRole('button', { name: '允许' }).click()
  await page.getByText('已允许「市民随手拍平台」办结工单').waitFor()
  await waitUntil(async () => (await switchOf.getAttribute('aria-checked')) === 'true')
  expect((await keyOf('市民随手拍平台')).statusChanges).toBe(true)
  expect((await fixed()).status).toBe(200)
  expect((await cloud.ok(admin, 'report', 'get', { id })).status).toBe('resolved')
  await expectAccessible(page, '外部系统接入（已允许）')

  // withdrawn at once
  await switchOf.click()
  await page.getByText('「市民随手拍平台」不再能办结工单').waitFor()
  await waitUntil(async () => (await switchOf.getAttribute('aria-checked')) === 'false')
  expect((await keyOf('市民随手拍平台')).statusChanges).toBe(false)

  // revoked, after a confirmation: the switch goes, its posts are refused
  await row(page, '市民随手拍平台').getByRole('button', { name: '停用' }).click()
  await page.locator('.ant-popover', { hasText: '停用「市民随手拍平台」的密钥？' }).getByRole('button', { name: '停用' }).click()
  await row(page, '市民随手拍平台').getByText('已停用').waitFor()
  await expect(switchOf.count()).resolves.toBe(0)
  expect((await keyOf('市民随手拍平台')).revokedAt).not.toBeNull()
  expect((await fixed()).status).toBe(403)
  const log = (await cloud.ok(admin, 'user', 'operationLog', {})).items.map((o: { action: string }) => o.action)
  expect(log.slice(0, 4)).toEqual(['open311.revokeKey', 'open311.setStatusChanges', 'open311.setStatusChanges', 'open311.createKey'])
}, 60000)
