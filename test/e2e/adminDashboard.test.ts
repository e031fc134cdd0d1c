import type { Browser, Page } from 'playwright-core'
import { H5_DIR, launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, requireConsoleBuild, expectAccessible, tableRow as row, signInConsole } from '../helpers/console'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * The console's 仪表盘 and 人员 (issue 14) in Debian's Chromium against a real local server: the
 * figures shown are checked against the cases the store holds, an overdue case opens in the case
 * drawer, and a role given on the 人员 page is checked on the server and in the operation log.
 */

let cloud: TestCloud
let browser: Browser
let adminToken: string
let resident: string
const problems: string[] = []
const location = { latitude: 35.7612, longitude: 115.0291, address: '幸福村菜市场东门' }
let filed = 0
async function file(token: string, category: string, description: string) {
  filed++
  return cloud.ok(token, 'report', 'create', { clientId: `dashboard-e2e-${filed}-${Date.now()}`, category, description, photos: [], location, villageId: 'py-01' })
}

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR })
  browser = await launchBrowser()
  adminToken = await cloud.login('demo-admin')
  resident = await cloud.login('dashboard-e2e-resident')
  await cloud.ok(resident, 'user', 'updateProfile', { nickname: '仪表盘测试居民', villageId: 'py-02', realName: '王小明' })
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  const seen = problems.splice(0)
  expect(seen).toEqual([])
})

const signIn = (button: string): Promise<Page> => signInConsole(browser, cloud.url, problems, button)

const shown = async (page: Page, testId: string) => (await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent())!.trim()

/** This month's problems as the store holds them (district time), of one unit or all. */
async function storedThisMonth(unitId: string | null): Promise<StoredReport[]> {
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
  const all: StoredReport[] = []
  let cursor: string | undefined
  do {
    const page = await cloud.store.reports.queue({ unitId, kind: 'problem' }, cursor, 50)
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return all.filter((r) => new Date(r.createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7) === month)
}

it('lands an admin on the dashboard, whose figures are the stored cases, and opens an overdue case in the drawer', async () => {
  await file(resident, 'zhandao', '仪表盘甲：菜市场东门流动摊贩占道经营')
  await file(resident, 'tingche', '仪表盘乙：幸福村口车辆乱停堵住路口')
  const late = await file(resident, 'weidang', '仪表盘丙：工地围挡倒塌无人处理')
  await cloud.store.reports.update(late.id, { dueAt: new Date(Date.now() - 3 * 3600_000) }) // past its deadline

  const page = await signIn('以管理员身份进入')
  await page.getByRole('heading', { name: '仪表盘', level: 1 }).waitFor()
  await page.getByTestId('dashboard-range').getByText(/^全区 · \d{4}-\d{2}-01 至/).waitFor()
  const stored = await storedThisMonth(null)
  expect(stored.length).toBeGreaterThanOrEqual(3)
  await page.getByTestId('total-received').getByText(String(stored.length), { exact: true }).waitFor()
  expect(await shown(page, 'total-received')).toBe(String(stored.length))
  const overdueNow = stored.filter((r) => ['submitted', 'accepted', 'reopened'].includes(r.status) && r.dueAt.getTime() < Date.now()).length
  expect(await shown(page, 'total-overdueNow')).toBe(String(overdueNow))
  // the league table has every unit, with 住建局's one case
  await row(page.getByTestId('league') as unknown as Page, '城管执法局').waitFor()
  const zhujian = stored.filter((r) => r.unitId === 'unit-zhujian').length
  await expect(row(page, '住建局').first().locator('td').nth(2).textContent()).resolves.toBe(String(zhujian))
  // charts are drawn (ECharts on canvas), the map from the villages' boundaries
  await page.getByTestId('chart-by-day').locator('canvas').waitFor()
  await page.getByTestId('chart-map').locator('canvas').waitFor()
  // daily counts are bars, the map names its villages (issue 24)
  expect(await page.getByTestId('chart-by-day').getAttribute('data-series')).toBe('bar,bar,bar,bar')
  expect(await page.getByTestId('chart-map').getAttribute('data-series')).toBe('map+label')
  await expectAccessible(page, 'dashboard')

  // the overdue list opens the case in the 工单 drawer
  await page.getByTestId('overdue-list').getByRole('button', { name: '工地围挡不规范' }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByText('仪表盘丙：工地围挡倒塌无人处理').waitFor()
  await page.keyboard.press('Escape')

  // a month without cases says so where its charts would be, not an empty frame
  await page.getByPlaceholder('开始日期').click()
  await page.getByPlaceholder('开始日期').fill('2025-01-01')
  await page.getByPlaceholder('开始日期').press('Enter')
  await page.getByPlaceholder('结束日期').fill('2025-01-31')
  await page.getByPlaceholder('结束日期').press('Enter')
  await page.getByTestId('dashboard-range').getByText(/2025-01-01 至 2025-01-31/).waitFor()
  await page.getByText('所选时间内没有上报').first().waitFor()
  expect(await page.getByTestId('chart-by-day').count()).toBe(0)
  await page.context().close()
}, 90000)

it('shows staff their own unit’s dashboard, and no 人员 page', async () => {
  const page = await signIn('以网格员 / 城管执法局身份进入')
  await page.getByTestId('dashboard-range').getByText(/^城管执法局（本单位的工单）/).waitFor()
  const stored = await storedThisMonth('unit-chengguan')
  await page.getByTestId('total-received').getByText(String(stored.length), { exact: true }).waitFor()
  expect(await page.getByRole('menuitem', { name: '人员' }).count()).toBe(0)
  expect(await row(page, '住建局').count()).toBe(0)
  await page.goto(`${cloud.url}/admin/#/people`)
  await page.getByText('仅管理员可以查看').waitFor()
  await page.context().close()
}, 60000)

it('finds a person on the 人员 page by real name and gives them a role and unit, checked on the server and in the log', async () => {
  const page = await signIn('以管理员身份进入')
  await page.getByRole('menuitem', { name: '人员' }).click()
  await page.getByRole('heading', { name: '人员', level: 1 }).waitFor()
  await page.getByLabel('按昵称、真实姓名或村居搜索').fill('小明')
  await page.getByRole('button', { name: '查询' }).click()
  const person = row(page, '仪表盘测试居民')
  await person.waitFor()
  await expect(person.textContent()).resolves.toContain('王*明') // the real name only masked
  expect(await page.content()).not.toContain('dashboard-e2e-resident') // no openid reaches the page
  await expectAccessible(page, 'people')

  await person.getByRole('button', { name: '设置 仪表盘测试居民 的角色' }).click()
  const dialog = page.getByRole('dialog')
  await chooseOption(page, page.locator('.ant-select', { has: page.locator('#setRole_role') }), '工作人员')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.getByText('工作人员必须指定所属单位').waitFor() // checked before anything is sent
  await chooseOption(page, page.locator('.ant-select', { has: page.locator('#setRole_unitId') }), '住建局')
  await dialog.getByText('测评员（可录入各村居的测评分）').click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await row(page, '仪表盘测试居民').filter({ hasText: '住建局' }).waitFor() // the table reloads after the dialog closes

  const me = await cloud.ok(resident, 'user', 'me')
  expect(me).toMatchObject({ role: 'staff', unitId: 'unit-zhujian', evaluator: true })
  const log = await cloud.ok(adminToken, 'user', 'operationLog', { target: 'user:仪表盘测试居民' })
  expect(log.items[0]).toMatchObject({ action: 'user.setRole', after: { role: 'staff', unitId: 'unit-zhujian', evaluator: true } })
  await page.context().close()
}, 90000)
