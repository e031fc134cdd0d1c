import type { Browser, Page } from 'playwright-core'
import { launchBrowser, waitUntil } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, expectAccessible, requireConsoleBuild, signInConsole, tableRows as rows } from '../helpers/console'
import { caseNumber } from '../../types/names'
import { districtTime } from '../../admin/src/labels'
import type { Report } from '../../types/report'
import type { Operation } from '../../types/user'

/**
 * The console's tables as a government back office has them (issue 24, console 3), at 1440×900
 * in Debian's Chromium against a real local server (and, in the cloudbase project, the CloudBase
 * adapter): the 工单 table counts, pages and sorts as the server says (共 N 条 is the server's
 * count, page 2 is the server's page 2, 上报时间 ascending is the server's oldest-first list); no
 * 「没有…」 is shown while a table waits for its answer; 驳回 and 取消店员 ask first and 取消 changes
 * nothing; every menu page has its breadcrumb.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
const problems: string[] = []
const TEXT = '表格验收'
const N = 23
const MARKET = { latitude: 35.7612, longitude: 115.03 }

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ adminDir: ADMIN_DIR, config: { reportsPerMinute: 100, reportsPerDay: 100 } })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
  const resident = await cloud.login('tables-e2e-resident')
  for (let i = 1; i <= N; i++) {
    await cloud.ok(resident, 'report', 'create', { clientId: `tables-e2e-${i}`, category: 'zhandao', description: `${TEXT}第 ${i} 件：菜市场门口占道经营`, photos: [], location: MARKET })
  }
}, 120000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

type Page_<T> = { items: T[]; nextCursor: string | null; total?: number }
const queue = (data: Record<string, unknown>) => cloud.ok<Page_<Report>>(admin, 'report', 'queue', { q: TEXT, limit: 20, withTotal: true, ...data })
/** The case numbers of the 工单 table's rows, in order. */
const shownNumbers = (page: Page) => page.locator('.ant-table-tbody .case-number').allTextContents()
const sameList = async (page: Page, expected: string[]) => waitUntil(async () => JSON.stringify(await shownNumbers(page)) === JSON.stringify(expected))

/**
 * Holds the browser's first call of `fn`.`action` until `release` is called; `asked` resolves when
 * the call has been made (the table is then waiting for it).
 */
async function holdFirst(page: Page, fn: string, action: string) {
  let release!: () => void
  let reached!: () => void
  const held = new Promise<void>((r) => (release = r))
  const asked = new Promise<void>((r) => (reached = r))
  let once = false
  await page.route(`**/api/${fn}`, async (route) => {
    if (!once && (route.request().postData() ?? '').includes(`"action":"${action}"`)) {
      once = true
      reached()
      await held
    }
    await route.continue()
  })
  return { asked, release }
}

it('工单: no empty text while loading; 共 N 条, page 2 and 上报时间 sorting as the server answers', async () => {
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai' })
  const first = await holdFirst(page, 'report', 'queue')
  await page.getByRole('menuitem', { name: '工单' }).click()
  await first.asked
  // the answer is held: the spinner turns over the table and no 「没有符合条件的工单」 is shown under it
  await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor()
  expect(await page.getByText('没有符合条件的工单').count()).toBe(0)
  expect((await page.locator('.ant-table-placeholder').textContent())?.trim() ?? '').toBe('')
  first.release()
  await rows(page).first().waitFor()
  expect(await page.getByText('没有符合条件的工单').count()).toBe(0)

  // the search: 共 N 条 is the server's count; the rows are the server's first page, newest first
  const p1 = await queue({})
  expect(p1.total).toBe(N)
  await page.getByLabel('搜索', { exact: true }).fill(TEXT)
  await page.getByRole('button', { name: '查询' }).click()
  await page.getByTestId('table-total').filter({ hasText: `共 ${p1.total} 条` }).waitFor()
  await sameList(page, p1.items.map(caseNumber))
  await expect(page.getByTestId('table-page').textContent()).resolves.toBe('第 1 页 / 共 2 页')
  await expectAccessible(page, '工单 table')

  // page 2: the server's second page, none of the first
  const p2 = await queue({ cursor: p1.nextCursor })
  expect(p2.items).toHaveLength(N - 20)
  await page.getByRole('button', { name: '下一页' }).click()
  await sameList(page, p2.items.map(caseNumber))
  expect(p2.items.some((r) => p1.items.some((x) => x.id === r.id))).toBe(false)
  await expect(page.getByTestId('table-page').textContent()).resolves.toBe('第 2 页 / 共 2 页')
  await page.getByTestId('table-total').filter({ hasText: `共 ${N} 条` }).waitFor()

  // 上报时间 ascending: the server's oldest-first list from its first page (the whole search, not this page)
  const oldest = await queue({ order: 'oldest' })
  const header = page.locator('th', { hasText: '上报时间' })
  await expect(header.getAttribute('aria-sort')).resolves.toBe('descending')
  await header.click()
  await sameList(page, oldest.items.map(caseNumber))
  await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending')
  expect(oldest.items[0]!.description).toBe(`${TEXT}第 1 件：菜市场门口占道经营`)
  await expect(page.locator('.ant-table-tbody .case-description').first().textContent()).resolves.toBe(`${TEXT}第 1 件：菜市场门口占道经营`)
  await expect(page.getByTestId('table-page').textContent()).resolves.toBe('第 1 页 / 共 2 页')
  // and back to newest first
  await header.click()
  await sameList(page, p1.items.map(caseNumber))
  // the description is cut to one line, its whole text on hover
  const cell = page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td.ant-table-cell-ellipsis').first()
  await expect(cell.getAttribute('title')).resolves.toBe(p1.items[0]!.description)
  // a search that finds nothing says so once its answer has come, with the server's count
  await page.getByLabel('搜索', { exact: true }).fill('没有这样的工单甲乙丙')
  await page.getByRole('button', { name: '查询' }).click()
  await page.getByText('没有符合条件的工单').waitFor()
  await page.getByTestId('table-total').filter({ hasText: '共 0 条' }).waitFor()
  await page.context().close()
}, 120000)

it('人员 and 操作日志: 共 N 条 is the server\'s count; the log sorts by time on the server; no empty text while loading', async () => {
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai' })
  const people = await cloud.ok<Page_<unknown>>(admin, 'user', 'search', { withTotal: true, limit: 1 })
  const held = await holdFirst(page, 'user', 'search')
  await page.getByRole('menuitem', { name: '人员' }).click()
  await held.asked
  await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor()
  expect(await page.getByText('没有符合条件的用户').count()).toBe(0)
  held.release()
  await page.getByTestId('table-total').filter({ hasText: `共 ${people.total} 条` }).waitFor()
  expect(people.total).toBeGreaterThan(0)

  const log = await cloud.ok<Page_<Operation>>(admin, 'user', 'operationLog', { withTotal: true, limit: 20 })
  await page.getByRole('menuitem', { name: '操作日志' }).click()
  await page.getByTestId('table-total').filter({ hasText: `共 ${log.total} 条` }).waitFor()
  const times = () => page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allTextContents()
  await waitUntil(async () => JSON.stringify(await times()) === JSON.stringify(log.items.map((o) => districtTime(o.at))))
  const oldest = await cloud.ok<Page_<Operation>>(admin, 'user', 'operationLog', { order: 'oldest', limit: 20 })
  await page.locator('th', { hasText: '时间' }).click()
  await waitUntil(async () => JSON.stringify(await times()) === JSON.stringify(oldest.items.map((o) => districtTime(o.at))))
  await expect(page.locator('th', { hasText: '时间' }).getAttribute('aria-sort')).resolves.toBe('ascending')
  await page.context().close()
}, 90000)

it('驳回 and 取消店员 ask first; 取消 changes nothing', async () => {
  const { items: [target] } = await queue({ limit: 1 })
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai', menu: '工单' })
  await page.getByLabel('搜索', { exact: true }).fill(target!.description)
  await page.getByRole('button', { name: '查询' }).click()
  await page.getByTestId('table-total').filter({ hasText: '共 1 条' }).waitFor()
  await page.getByRole('button', { name: /^查看工单/ }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByLabel('驳回理由').fill('重复上报的工单')
  await drawer.getByRole('button', { name: '驳回' }).click()
  const ask = page.locator('.ant-popconfirm:not(.ant-popover-hidden)')
  await ask.getByText('确定驳回此工单？').waitFor()
  await ask.getByRole('button', { name: '取消' }).click()
  await ask.waitFor({ state: 'hidden' })
  expect((await cloud.ok<Report>(admin, 'report', 'get', { id: target!.id })).status).toBe('submitted')
  // asked again and confirmed: rejected
  await drawer.getByRole('button', { name: '驳回' }).click()
  await ask.getByRole('button', { name: '确定驳回' }).click()
  await waitUntil(async () => (await cloud.ok<Report>(admin, 'report', 'get', { id: target!.id })).status === 'rejected')
  await page.locator('.ant-drawer-close').click()
  await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' })

  // a shopkeeper of the page's first shop (the first village)
  const village = (await cloud.ok<{ id: string; level: string }[]>(admin, 'ranking', 'regions', {})).find((r) => r.level === 'village')!
  const keeper = await cloud.login('tables-e2e-keeper')
  await cloud.ok(keeper, 'user', 'updateProfile', { nickname: '表格店员' })
  const { userId } = await cloud.ok<{ userId: string }>(keeper, 'user', 'me', {})
  await cloud.ok(admin, 'points', 'setShopkeeper', { userId, shopIds: [village.id] })
  const keepers = async () => (await cloud.ok<{ nickname: string }[]>(admin, 'points', 'shopkeepers', { shopId: village.id })).map((p) => p.nickname)
  await page.getByRole('menuitem', { name: '积分超市' }).click()
  const tag = page.locator('.ant-tag', { hasText: '表格店员' })
  await tag.locator('.ant-tag-close-icon').click()
  const dialog = page.getByRole('dialog').filter({ hasText: '取消「表格店员」的店员？' })
  await dialog.waitFor()
  await dialog.getByRole('button', { name: '不取消' }).click()
  await dialog.waitFor({ state: 'hidden' })
  expect(await keepers()).toContain('表格店员')
  await tag.waitFor()
  // confirmed: no longer a shopkeeper
  await tag.locator('.ant-tag-close-icon').click()
  await dialog.getByRole('button', { name: '取消店员' }).click()
  await tag.waitFor({ state: 'detached' })
  expect(await keepers()).not.toContain('表格店员')
  await page.context().close()
}, 90000)

it('every menu page has its breadcrumb, 首页 leading to the dashboard', async () => {
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai' })
  const trails: [string, string][] = [
    ['仪表盘', '首页/仪表盘'],
    ['工单', '首页/工单管理/工单列表'],
    ['人员', '首页/系统管理/人员管理'],
    ['操作日志', '首页/系统管理/操作日志'],
    ['村居地理', '首页/基础数据/村居地理'],
    ['外部系统接入', '首页/系统管理/外部系统接入'],
    ['基础数据', '首页/基础数据/单位、类别与村居'],
    ['测评', '首页/测评管理/月度测评'],
    ['创文测评', '首页/测评管理/创文测评'],
    ['月度通报', '首页/测评管理/月度通报'],
    ['积分超市', '首页/积分管理/积分超市'],
    ['文明户评选', '首页/测评管理/文明户评选']
  ]
  // every item of the menu is listed here
  const menu = (await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem').allTextContents()).map((t) => t.trim())
  expect(menu).toEqual(trails.map(([item]) => item))
  const crumb = page.getByRole('navigation', { name: '当前位置' })
  for (const [item, trail] of trails) {
    await page.getByRole('menuitem', { name: item, exact: true }).click()
    await waitUntil(async () => (await crumb.textContent())?.replace(/\s/g, '') === trail)
  }
  await crumb.getByRole('link', { name: '首页' }).click()
  await waitUntil(async () => (await crumb.textContent())?.replace(/\s/g, '') === '首页/仪表盘')
  await page.getByRole('heading', { name: '仪表盘' }).waitFor()
  await page.context().close()
}, 90000)
