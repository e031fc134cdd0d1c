import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { H5_DIR, launchBrowser, waitUntil } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, openConsole, requireConsoleBuild, expectAccessible, tableRow as row } from '../helpers/console'
import { tinyJpeg } from '../helpers/images'
import { caseNumber } from '../../types/names'

/**
 * The district console (管理后台, admin/ built into dist/admin) in Debian's Chromium against a real
 * local server, which serves it at /admin/ beside the H5 build. Every assertion about a change is
 * checked on the server too.
 */

let cloud: TestCloud
let browser: Browser
let adminToken: string
let resident: string
/** Console errors and CSP refusals of every page: a strict CSP that blocks the console must fail the tests. */
const problems: string[] = []

const location = { latitude: 35.7612, longitude: 115.0291, address: '幸福村菜市场东门' }
let filed = 0
async function file(token: string, category: string, description: string) {
  filed++
  return cloud.ok(token, 'report', 'create', { clientId: `console-e2e-${filed}-${Date.now()}`, category, description, photos: [await cloud.photoOf(token)], location, villageId: 'py-01' })
}

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR, admins: ['console-admin-2'] })
  browser = await launchBrowser()
  adminToken = await cloud.login('demo-admin')
  resident = await cloud.login('demo-resident')
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  const seen = problems.splice(0)
  expect(seen).toEqual([])
})

/** A desktop browser window on the console, in a zone other than the district's. */
async function consolePage(): Promise<Page> {
  const page = await openConsole(browser, cloud.url, problems, { acceptDownloads: true })
  return page
}

const DEMO_BUTTONS: Record<string, string> = { 'demo-admin': '以管理员身份进入', 'demo-staff': '以网格员 / 城管执法局身份进入', 'demo-resident': '以居民身份进入' }

async function signIn(openid: string): Promise<Page> {
  const page = await consolePage()
  const demo = DEMO_BUTTONS[openid]
  if (demo) await page.getByRole('button', { name: demo }).click()
  else {
    await page.getByLabel('其他身份（openid）').fill(openid)
    await page.getByRole('button', { name: '登录', exact: true }).click()
  }
  await page.getByRole('navigation', { name: '主菜单' }).waitFor()
  // the console lands on 仪表盘 (test/e2e/adminDashboard.test.ts); these tests start on 工单
  await page.getByRole('menuitem', { name: '工单' }).click()
  return page
}


/** Picks an option of the antd Select whose input has this id. */
const choose = (page: Page, inputId: string, option: string) => chooseOption(page, page.locator('.ant-select', { has: page.locator(`#${inputId}`) }), option)

it('is served at /admin/ under the strict CSP: no inline script, only files of its origin', async () => {
  const res = await fetch(`${cloud.url}/admin/`)
  expect(res.status).toBe(200)
  const csp = res.headers.get('content-security-policy')!
  const scriptSrc = csp.split(';').find((d) => d.startsWith('script-src'))!
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/)
  const html = await res.text()
  expect(html).toContain('<div id="root"></div>')
  expect(html.match(/<script\b[^>]*>/g)!.every((tag) => /\ssrc="\/admin\/assets\/[\w.-]+\.js"/.test(tag))).toBe(true)
  expect((await fetch(`${cloud.url}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/')
})

it('refuses a resident with a clear message and lets nobody in without staff or admin role', async () => {
  const page = await consolePage()
  await page.getByText('演示身份').waitFor()
  await expectAccessible(page, 'sign-in')
  await page.getByRole('button', { name: '以居民身份进入' }).click()
  await page.getByRole('alert').filter({ hasText: '居民账号不能使用管理后台' }).waitFor()
  expect(await page.getByRole('navigation', { name: '主菜单' }).count()).toBe(0)
  expect(await page.evaluate(() => sessionStorage.getItem('civic.admin.tokens'))).toBeNull()
  await expectAccessible(page, 'sign-in, resident refused')
  await page.context().close()
})

it('lists the cases that exist, filters them, and an admin accepts (dispatching), rejects with a bad reason, and resolves one in the drawer', async () => {
  const a = await file(resident, 'zhandao', '管理后台甲：菜市场东门流动摊贩占道经营')
  const b = await file(resident, 'tingche', '管理后台乙：幸福村口车辆乱停堵住路口')
  const p = await file(resident, 'dianzan', '管理后台丙：志愿者清扫菜市场门口，点赞')
  await cloud.ok(adminToken, 'report', 'accept', { id: b.id })

  const page = await signIn('demo-admin')
  await row(page, a.description).waitFor()
  await row(page, b.description).waitFor()
  expect(await row(page, p.description).count()).toBe(0) // praise is reviewed on its own tab
  await expect(row(page, a.description).locator('.ant-tag').first().textContent()).resolves.toBe('已提交')
  await expectAccessible(page, 'cases')

  // status filter: only the accepted case
  await choose(page, 'cases-status', '已受理')
  await row(page, a.description).waitFor({ state: 'detached' })
  await row(page, b.description).waitFor()
  await choose(page, 'cases-status', '全部状态')
  await row(page, a.description).waitFor()
  // 超期: neither is past its deadline
  await page.getByRole('checkbox', { name: '只看超期' }).check()
  await page.getByText('没有符合条件的工单').waitFor()
  expect(await row(page, b.description).count()).toBe(0)
  await page.getByRole('checkbox', { name: '只看超期' }).uncheck()

  // the drawer: photo, reporter, deadline, timeline
  await page.getByRole('button', { name: `查看工单：${a.description.slice(0, 20)}` }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.locator('.case-detail__description', { hasText: a.description }).waitFor()
  await drawer.getByText('王秀兰').waitFor()
  // 占道经营: 24 hours, shown on the district's clock although the browser is in UTC
  const due = new Date(Date.parse(a.dueAt) + 8 * 3_600_000).toISOString()
  await expect(drawer.locator('.case-detail__deadline').textContent()).resolves.toMatch(new RegExp(`^${due.slice(0, 10)} ${due.slice(11, 16)}（剩余约 2[34] 小时）$`))
  await drawer.getByText('已提交 · 居民').waitFor()
  const photo = drawer.locator('img[alt="现场照片 1"]')
  expect(await photo.getAttribute('src')).toBe(`/files/${a.photos[0]}`)
  await waitUntil(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
  await expectAccessible(page, 'case drawer')

  // the server's message for a reason too short
  await drawer.getByLabel('驳回理由').fill('无')
  await drawer.getByRole('button', { name: '驳回' }).click()
  // 驳回 asks first (issue 24)
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '确定驳回' }).click()
  await drawer.getByRole('alert').filter({ hasText: '驳回理由至少 2 个字' }).waitFor()
  expect((await cloud.ok(adminToken, 'report', 'get', { id: a.id })).status).toBe('submitted')

  // 受理, dispatched to 住建局
  // the drawer is titled with the case number; the button says what it will do (issue 24)
  await expect(page.locator('.ant-drawer-title').textContent()).resolves.toBe(`工单 ${caseNumber(a)}`)
  await drawer.getByRole('button', { name: '受理（本单位办理）' }).waitFor()
  await choose(page, 'accept-unit', '住建局')
  await drawer.getByRole('button', { name: '受理并派单至住建局' }).click()
  await drawer.getByText('派单至住建局').waitFor()
  await expect(cloud.ok(adminToken, 'report', 'get', { id: a.id })).resolves.toMatchObject({ status: 'accepted', unitId: 'unit-zhujian' })

  // 办结 with a reply and an after photo uploaded from the browser
  await drawer.getByLabel('办理说明（回复上报人）').fill('住建局已清理占道摊位，恢复通行')
  await drawer.locator('input[type=file]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(tinyJpeg()) })
  await drawer.locator('.ant-upload-list-item-done').waitFor()
  await drawer.getByRole('button', { name: '办结' }).click()
  await drawer.getByText('此工单已办结，无需办理。').waitFor()
  const resolved = await cloud.ok(adminToken, 'report', 'get', { id: a.id })
  expect(resolved).toMatchObject({ status: 'resolved', reply: '住建局已清理占道摊位，恢复通行' })
  expect(resolved.afterPhotos).toHaveLength(1)
  await drawer.locator('img[alt="整改后照片 1"]').waitFor()
  // the table behind follows
  await page.getByRole('button', { name: /关闭|Close/ }).click()
  await expect(row(page, a.description).locator('.ant-tag').first().textContent()).resolves.toBe('已办结')
  await page.context().close()
}, 60000)

it('reviews a 文明点赞 on the 点赞审核 tab', async () => {
  const p = await file(resident, 'dianzan', '管理后台丁：邻居主动帮老人搬运菜品，点赞')
  const problem = await file(resident, 'laji', '管理后台戊：垃圾桶满溢无人清运')
  const page = await signIn('demo-admin')
  await row(page, problem.description).waitFor()
  await page.locator('.ant-segmented-item', { hasText: '点赞审核' }).click()
  await row(page, p.description).waitFor()
  expect(await row(page, problem.description).count()).toBe(0)
  await row(page, p.description).getByRole('button', { name: /^查看工单/ }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByText('无期限（文明点赞）').waitFor()
  await drawer.getByRole('button', { name: '通过', exact: true }).click()
  await drawer.getByText('审核通过 · 管理员').waitFor()
  expect((await cloud.ok(adminToken, 'report', 'get', { id: p.id })).status).toBe('accepted')
  const wall = await cloud.ok(resident, 'report', 'praiseWall', {})
  expect(wall.items.map((r: { id: string }) => r.id)).toContain(p.id)
  await page.context().close()
}, 60000)

it('shows staff their own unit only, and no admin pages', async () => {
  const other = await cloud.login('console-resident-2')
  const own = await file(other, 'zhandao', '管理后台己：城管辖区内占道摆摊')
  const elsewhere = await file(other, 'tingche', '管理后台庚：交警辖区车辆乱停')
  const page = await signIn('demo-staff')
  await page.getByText('本单位（城管执法局）的工单。').waitFor()
  await row(page, own.description).waitFor()
  expect(await row(page, elsewhere.description).count()).toBe(0)
  expect(await page.getByRole('menuitem', { name: '操作日志' }).count()).toBe(0)
  await page.goto(`${cloud.url}/admin/#/log`)
  await page.getByText('仅管理员可以查看').waitFor()
  await page.context().close()
}, 60000)

it('shows the operation log with an entry made here, filters by target, and exports CSV with formulas neutralised', async () => {
  await cloud.ok(adminToken, 'ranking', 'setStar', { villageId: 'py-03', star: 'branch', awarded: true })
  // an admin whose name would be a formula in a spreadsheet
  const sly = await cloud.login('console-admin-2')
  await cloud.ok(sly, 'user', 'updateProfile', { nickname: '=HYPERLINK("x")' })
  await cloud.ok(sly, 'ranking', 'setStar', { villageId: 'py-04', star: 'ecology', awarded: true })

  const page = await signIn('demo-admin')
  await page.getByRole('menuitem', { name: '操作日志' }).click()
  const entry = row(page, '叶营村（py-03）')
  await entry.waitFor()
  // the action in words only (issue 24)
  await expect(entry.locator('td').nth(2).textContent()).resolves.toBe('授予星级')
  await expect(entry.textContent()).resolves.toContain('赵敏（文明办）')
  await expect(entry.locator('td').nth(4).textContent()).resolves.toBe('星级：（无）')
  await expect(entry.locator('td').nth(5).textContent()).resolves.toBe('星级：支部过硬')
  await row(page, '焦庄村（py-04）').waitFor()
  await expectAccessible(page, 'operation log')

  await page.getByLabel('对象').fill('py-03')
  await page.getByRole('button', { name: '查询' }).click()
  await row(page, '焦庄村（py-04）').waitFor({ state: 'detached' })
  await entry.waitFor()

  await page.getByRole('button', { name: '全部' }).click()
  await row(page, '焦庄村（py-04）').waitFor()
  // by person: the entries of 赵敏 only
  await chooseOption(page, page.locator('.ant-select', { has: page.getByRole('combobox', { name: '操作人' }) }), '赵敏（文明办）')
  await page.getByRole('button', { name: '查询' }).click()
  await row(page, '焦庄村（py-04）').waitFor({ state: 'detached' })
  await entry.waitFor()
  // by action: nobody withdrew a star
  await chooseOption(page, page.locator('.ant-select', { has: page.getByRole('combobox', { name: '操作', exact: true }) }), '撤销星级')
  await page.getByRole('button', { name: '查询' }).click()
  await page.getByText('没有符合条件的操作记录').waitFor()
  await page.getByRole('button', { name: '全部' }).click()
  await row(page, '焦庄村（py-04）').waitFor()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 CSV' }).click()
  const csv = fs.readFileSync((await (await download).path())!, 'utf8')
  expect(csv.startsWith('\ufeff时间,操作人,操作,对象,修改前,修改后\r\n')).toBe(true)
  expect(csv).toContain(',赵敏（文明办）,授予星级,叶营村（py-03）,星级：（无）,星级：支部过硬\r\n')
  expect(csv).toContain(`,"'=HYPERLINK(""x"")",授予星级,焦庄村（py-04）,`)
  expect(csv).not.toMatch(/(^|,)"?=/m)
  await page.context().close()
}, 60000)

it('imports geography: an unknown region id shows the server error and changes nothing, a valid file moves a village center', async () => {
  const before = await cloud.ok(adminToken, 'ranking', 'regions', {})
  const py02 = before.find((r: { id: string }) => r.id === 'py-02')
  const square = [[[115.037, 35.756], [115.047, 35.756], [115.047, 35.764], [115.037, 35.764], [115.037, 35.756]]]
  const feature = (id: string, center?: { latitude: number; longitude: number }) => ({ type: 'Feature', properties: { id, name: '测试', ...(center ? { center } : {}) }, geometry: { type: 'Polygon', coordinates: square } })

  const page = await signIn('demo-admin')
  await page.getByRole('menuitem', { name: '村居地理' }).click()
  await row(page, '闫口村').waitFor()
  await expect(row(page, '闫口村').locator('.region-center').textContent()).resolves.toBe(`${py02.center.latitude.toFixed(6)}, ${py02.center.longitude.toFixed(6)}`)
  await expectAccessible(page, 'geography')

  // one unknown id: the preview names it, the server refuses the whole file
  const bad = { type: 'FeatureCollection', name: 'export', features: [feature('py-02', { latitude: 35.7601, longitude: 115.0421 }), feature('zz-99')] }
  await page.locator('input[type=file]').setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) })
  const preview = page.locator('.geo-preview')
  await preview.getByText('闫口村（py-02）').waitFor()
  await preview.locator('.ant-tag', { hasText: 'zz-99' }).waitFor()
  await expectAccessible(page, 'geography preview')
  await preview.getByRole('button', { name: '导入' }).click()
  await page.getByRole('alert').filter({ hasText: '导入失败，未做任何修改：第 2 个区域的编号「zz-99」不是本区的镇街或村居' }).waitFor()
  expect(await cloud.ok(adminToken, 'ranking', 'regions', {})).toEqual(before)

  // a valid file: py-02's center moves, on the server and in the table
  const good = { type: 'FeatureCollection', features: [feature('py-02', { latitude: 35.7601, longitude: 115.0421 })] }
  await page.locator('input[type=file]').setInputFiles({ name: 'good.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(good)) })
  await preview.getByText('闫口村（py-02）').waitFor()
  await expect(preview.textContent()).resolves.not.toContain('zz-99')
  await preview.getByRole('button', { name: '导入' }).click()
  await page.getByText('导入成功：更新了 1 个区域的地理信息').waitFor()
  const after = await cloud.ok(adminToken, 'ranking', 'regions', {})
  expect(after.find((r: { id: string }) => r.id === 'py-02')).toMatchObject({ center: { latitude: 35.7601, longitude: 115.0421 }, boundary: { type: 'Polygon', coordinates: square } })
  await expect(row(page, '闫口村').locator('.region-center').textContent()).resolves.toBe('35.760100, 115.042100')
  await page.context().close()
}, 60000)
