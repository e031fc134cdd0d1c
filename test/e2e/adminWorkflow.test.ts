import type { Browser, Page } from 'playwright-core'
import { H5_DIR, launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, expectAccessible, requireConsoleBuild, tableRow as row, signInConsole } from '../helpers/console'

/**
 * Issue 21 in the console's case drawer, in Debian's Chromium against a real local server: 城管's
 * clerk sends a misrouted case back (退回) and asks for more time (申请延期); the 文明办 (an admin)
 * transfers the returned case (转办), approves the request (延期审批), checks a fix on site (核查:
 * failed → 返工 → passed) and urges a unit (督办). Each step is clicked in the drawer, which offers
 * exactly what the case model allows, and checked on the server.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
let staff: string
let resident: string
const problems: string[] = []
const ids: Record<string, string> = {}
let n = 0

const file = async (category: string, description: string) =>
  (await cloud.ok(resident, 'report', 'create', { clientId: `wf-e2e-${++n}`, category, description, photos: [], location: { latitude: 35.7612, longitude: 115.0291, address: '幸福村菜市场东门' } })).id as string

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR, config: { reportsPerMinute: 100, reportsPerDay: 100 } })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  resident = await cloud.login('wf-e2e-resident')
  await cloud.ok(admin, 'report', 'putCategory', { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true })
  ids.misrouted = await file('zhandao', '流程测试：路口一辆轿车违停占道')
  ids.slow = await file('zhandao', '流程测试：早市摊贩长期占道经营')
  ids.posters = await file('tiezhang', '流程测试：电线杆上贴满小广告')
  ids.urged = await file('zhandao', '流程测试：夜市烧烤摊占用人行道')
  for (const id of [ids.slow!, ids.posters!]) await cloud.ok(staff, 'report', 'accept', { id })
  await cloud.ok(staff, 'report', 'resolve', { id: ids.posters, note: '已清除小广告', photos: [await cloud.photoOf(staff)] })
}, 90000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  const seen = problems.splice(0)
  expect(seen).toEqual([])
})

const signIn = (button: string): Promise<Page> => signInConsole(browser, cloud.url, problems, button, { menu: '工单' })

/** Opens the drawer of the case whose description is `text`, found with the search box. */
async function openCase(page: Page, text: string) {
  await page.getByLabel('搜索', { exact: true }).fill(text)
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await row(page, text).getByRole('button', { name: /^查看工单/ }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.locator('.case-detail__description', { hasText: text }).waitFor()
  return drawer
}

const closeDrawer = async (page: Page) => {
  await page.locator('.ant-drawer-close').click()
  await page.locator('.ant-drawer-content').waitFor({ state: 'detached' })
}

it('城管 returns a misrouted case and asks for more time on another; the drawer offers only what the model allows', async () => {
  const page = await signIn('以网格员 / 城管执法局身份进入')
  let drawer = await openCase(page, '流程测试：路口一辆轿车违停占道')
  // 城管 may not 转办, 督办 or 核查: the drawer does not offer them
  expect(await drawer.locator('.case-action--transfer, .case-action--urge, .case-action--verify, .case-action--decide').count()).toBe(0)
  await drawer.getByLabel('退回理由').fill('属于机动车违停，应由交警处理')
  await drawer.getByRole('button', { name: '退回' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定退回' }).click()
  await drawer.getByText('已退回文明办，等待重新派遣。').waitFor()
  expect(await cloud.ok(admin, 'report', 'get', { id: ids.misrouted })).toMatchObject({ status: 'returned', unitId: 'unit-wenming' })
  await closeDrawer(page)

  drawer = await openCase(page, '流程测试：早市摊贩长期占道经营')
  await drawer.locator('.case-action--extension').getByText('48 小时').click()
  await drawer.getByLabel('延期理由（文明办审批）').fill('摊主拒不配合，需要联合执法')
  await drawer.getByRole('button', { name: '申请延期' }).click()
  await drawer.locator('.case-detail__extensions', { hasText: '48 小时（待审批）' }).waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.slow })).workflow.extensions).toMatchObject([{ hours: 48, decision: null }])
  await expectAccessible(page, 'case drawer, extension requested')
  await page.context().close()
}, 90000)

it('the 文明办 transfers the returned case, decides the extension, checks a fix on site and urges a unit', async () => {
  const page = await signIn('以管理员身份进入')
  // 转办
  let drawer = await openCase(page, '流程测试：路口一辆轿车违停占道')
  await drawer.getByText('属于机动车违停，应由交警处理').waitFor() // the return's reason, for staff
  await chooseOption(page, drawer.locator('.ant-select', { has: page.locator('#transfer-unit') }), '交警大队')
  await drawer.getByRole('button', { name: '转办' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定转办' }).click()
  await drawer.getByText('转办至交警大队').waitFor()
  expect(await cloud.ok(admin, 'report', 'get', { id: ids.misrouted })).toMatchObject({ status: 'submitted', unitId: 'unit-jiaojing' })
  await closeDrawer(page)

  // 延期审批
  const due = Date.parse((await cloud.ok(admin, 'report', 'get', { id: ids.slow })).dueAt)
  drawer = await openCase(page, '流程测试：早市摊贩长期占道经营')
  await drawer.getByText('城管执法局申请延期 48 小时：摊主拒不配合，需要联合执法').waitFor()
  await drawer.getByRole('button', { name: '同意延期' }).click()
  await drawer.locator('.case-detail__extensions', { hasText: '48 小时（已同意）' }).waitFor()
  expect(Date.parse((await cloud.ok(admin, 'report', 'get', { id: ids.slow })).dueAt)).toBe(due + 48 * 3600_000)
  await closeDrawer(page)

  // 核查: failed, 返工, passed
  drawer = await openCase(page, '流程测试：电线杆上贴满小广告')
  await drawer.getByText('未通过，返工').click()
  await drawer.getByLabel('核查意见').fill('背面还有残留')
  await drawer.getByRole('button', { name: '提交核查结果' }).click()
  await drawer.getByText('核查返工').waitFor()
  expect(await cloud.ok(admin, 'report', 'get', { id: ids.posters })).toMatchObject({ status: 'accepted', workflow: { reworks: 1 } })
  await closeDrawer(page)
  await cloud.ok(staff, 'report', 'resolve', { id: ids.posters, note: '残留已全部清除', photos: [await cloud.photoOf(staff)] })
  drawer = await openCase(page, '流程测试：电线杆上贴满小广告')
  await drawer.getByText('核查通过', { exact: true }).click()
  await drawer.getByLabel('核查意见').fill('现场已清理干净')
  await drawer.getByRole('button', { name: '提交核查结果' }).click()
  await drawer.getByText('此工单已办结，无需办理。').waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.posters })).status).toBe('resolved')
  await closeDrawer(page)

  // 督办
  drawer = await openCase(page, '流程测试：夜市烧烤摊占用人行道')
  await drawer.getByLabel('督办意见（通知责任单位）').fill('群众反映强烈，请今日内办结')
  await drawer.getByRole('button', { name: '督办' }).click()
  await drawer.locator('.case-detail__urges', { hasText: '1' }).waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.urged })).workflow.urges).toBe(1)
  const told = (await cloud.ok(staff, 'user', 'messages', {})).items as { kind: string; link: string }[]
  expect(told.some((m) => m.kind === 'report.urged' && m.link.endsWith(ids.urged!))).toBe(true)
  await expectAccessible(page, 'case drawer, urged')
  await page.context().close()
}, 120000)

it('the desk files a case for a caller (代为登记): routed like any case, the caller shown to staff only', async () => {
  const page = await signIn('以管理员身份进入')
  await page.getByRole('button', { name: '代为登记' }).click()
  const dialog = page.getByRole('dialog', { name: '代为登记（电话 / 来访）' })
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#desk-category') }), '占道经营')
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#desk-village') }), '幸福村')
  await dialog.getByLabel('详细地址（选填）').fill('幸福村菜市场北门')
  await dialog.getByLabel('问题描述（至少 5 个字）').fill('流程测试：市民来电反映北门有摊贩占道')
  await dialog.getByLabel(/^来电（来访）人姓名/).fill('张先生')
  await dialog.getByLabel(/^联系电话/).fill('13800001234')
  await expectAccessible(page, 'desk filing dialog')
  await dialog.getByRole('button', { name: '登记' }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.locator('.case-detail__caller', { hasText: '张先生，13800001234' }).waitFor()
  const { items } = await cloud.ok(admin, 'report', 'queue', { source: 'phone' })
  const filed = items.find((c: { description: string }) => c.description === '流程测试：市民来电反映北门有摊贩占道')
  expect(filed).toMatchObject({ source: 'phone', unitId: 'unit-chengguan', status: 'submitted' })
  expect(JSON.stringify(await cloud.ok(resident, 'report', 'get', { id: filed.id }))).not.toContain('13800001234')
  await page.context().close()
}, 90000)
