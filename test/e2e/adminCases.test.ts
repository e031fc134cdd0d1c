import fs from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { H5_DIR, launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, requireConsoleBuild, expectAccessible, tableRow as row, tableRows as rows, signInConsole } from '../helpers/console'
import { parseCsv } from '../../admin/src/sheets'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * The console's 工单 search, export and 公开管理 (issue 14, area 2) in Debian's Chromium against a
 * real local server: a search by text, category and filing dates shows exactly the stored cases that
 * match, its .xlsx and CSV are downloaded and read back (formula cells neutralised), and a photo
 * and the case are hidden in the drawer — each change checked on the server.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
let resident: string
let neighbour: string
/** The server's clock runs `shift` ms from the real one while cases are filed on known days. */
let shift = 0
const problems: string[] = []
const XINGFU = { latitude: 35.7612, longitude: 115.0291 } // 幸福村 py-01
const YANKOU = { latitude: 35.76, longitude: 115.042 } // 闫口村 py-02
const FORMULA = '=HYPERLINK("http://evil.example","导出测试：点我看占道")'
let filed = 0
const ids: Record<string, string> = {}

async function fileAt(iso: string, category: string, description: string, where: { latitude: number; longitude: number }, address?: string) {
  shift = Date.parse(iso) - Date.now()
  const r = await cloud.ok(resident, 'report', 'create', { clientId: `cases-e2e-${++filed}`, category, description, photos: [await cloud.photoOf(resident)], location: { ...where, ...(address ? { address } : {}) } })
  shift = 0
  return r.id as string
}

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR, clock: () => new Date(Date.now() + shift), config: { reportsPerMinute: 100, reportsPerDay: 100 } })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
  resident = await cloud.login('cases-e2e-resident')
  neighbour = await cloud.login('cases-e2e-neighbour')
  await cloud.ok(resident, 'user', 'updateProfile', { nickname: '导出测试居民' })
  ids.a = await fileAt('2026-11-05T10:00:00+08:00', 'zhandao', '导出测试：菜市场东门流动摊贩占道经营', XINGFU, '幸福村菜市场东门')
  // filed at 00:20 on the 6th in the district (still the 5th in UTC)
  ids.b = await fileAt('2026-11-06T00:20:00+08:00', 'zhandao', FORMULA, YANKOU)
  ids.late = await fileAt('2026-11-20T09:00:00+08:00', 'zhandao', '导出测试：月底的占道经营', XINGFU) // after the range
  ids.parking = await fileAt('2026-11-06T12:00:00+08:00', 'tingche', '导出测试：路口车辆乱停放', XINGFU) // another category
  ids.unrelated = await fileAt('2026-11-07T09:00:00+08:00', 'zhandao', '与这次搜索无关的占道经营', XINGFU) // other text
  ids.before = await fileAt('2026-10-31T23:50:00+08:00', 'zhandao', '导出测试：上个月底的占道经营', XINGFU) // before the range (15:50 UTC on the 31st)
  await cloud.ok(admin, 'report', 'accept', { id: ids.a })
}, 90000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  const seen = problems.splice(0)
  expect(seen).toEqual([])
})

const signIn = (button: string): Promise<Page> => signInConsole(browser, cloud.url, problems, button, { acceptDownloads: true, menu: '工单' })

const choose = (page: Page, inputId: string, option: string) => chooseOption(page, page.locator('.ant-select', { has: page.locator(`#${inputId}`) }), option)

// ---- what the store holds, by the definitions of the search ----
const districtDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
const districtMinute = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
async function storedProblems(): Promise<StoredReport[]> {
  const all: StoredReport[] = []
  let cursor: string | undefined
  do {
    const page = await cloud.store.reports.queue({ unitId: null, kind: 'problem' }, cursor, 50)
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return all
}
const numberOf = (r: StoredReport) => `${districtDay(r.createdAt).replace(/-/g, '')}-${r.id.slice(0, 6).toUpperCase()}`

it('searches by text, category and filing dates: the rows are the stored cases that match, exported as .xlsx and CSV with formulas neutralised', async () => {
  const page = await signIn('以管理员身份进入')
  await row(page, '与这次搜索无关的占道经营').waitFor()

  await page.getByLabel('搜索', { exact: true }).fill('导出测试')
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await row(page, '与这次搜索无关的占道经营').waitFor({ state: 'detached' })
  await choose(page, 'cases-category', '占道经营')
  await row(page, '导出测试：路口车辆乱停放').waitFor({ state: 'detached' })
  // 上报日期 1–6 November, typed into the range picker
  await page.getByPlaceholder('开始日期').click()
  await page.getByPlaceholder('开始日期').fill('2026-11-01')
  await page.getByPlaceholder('开始日期').press('Enter')
  await page.getByPlaceholder('结束日期').fill('2026-11-06')
  await page.getByPlaceholder('结束日期').press('Enter')
  await row(page, '导出测试：月底的占道经营').waitFor({ state: 'detached' })
  await row(page, '导出测试：上个月底的占道经营').waitFor({ state: 'detached' })

  // the stored cases that match, recomputed from the store
  const expected = (await storedProblems())
    .filter((r) => (r.description.includes('导出测试') || (r.address ?? '').includes('导出测试')) && r.category === 'zhandao')
    .filter((r) => districtDay(r.createdAt) >= '2026-11-01' && districtDay(r.createdAt) <= '2026-11-06')
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())
  expect(expected.map((r) => r.id)).toEqual([ids.b, ids.a])
  await expect(rows(page).count()).resolves.toBe(expected.length)
  const shown = await rows(page).evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.case-number')?.textContent, tr.querySelector('.case-description')?.textContent]))
  expect(shown).toEqual(expected.map((r) => [numberOf(r), r.description]))
  await expectAccessible(page, 'cases, searched')

  // .xlsx, built in the browser, read back with exceljs
  const xlsxDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const xlsx = await xlsxDownload
  expect(xlsx.suggestedFilename()).toMatch(/^工单-\d{8}\.xlsx$/)
  await page.getByRole('status').filter({ hasText: '已导出 2 条工单。' }).waitFor()
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await xlsx.path())!)
  const sheet = book.worksheets[0]!
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
  expect(sheet.rowCount).toBe(1 + expected.length)
  expect(values(1)).toEqual(['编号', '类别', '状态', '村居', '镇街', '地址', '描述', '补充信息', '责任单位', '上报时间', '办理时限', '是否超期', '办结时间', '评分', '来源', '上报人'])
  const [b, a] = expected as [StoredReport, StoredReport]
  expect(values(2)).toEqual([numberOf(b), '占道经营', '已提交', '闫口村', '濮阳镇', '', `'${FORMULA}`, '', '城管执法局', districtMinute(b.createdAt), districtMinute(b.dueAt), '是', '', '', '随手拍（小程序）', '导出测试居民'])
  expect(values(3)).toEqual([numberOf(a), '占道经营', '已受理', '幸福村', '濮阳镇', '幸福村菜市场东门', a.description, '', '城管执法局', '2026-11-05 10:00', districtMinute(a.dueAt), '是', '', '', '随手拍（小程序）', '导出测试居民'])
  sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)))

  // CSV of the same search
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 CSV' }).click()
  const csvFile = await csvDownload
  expect(csvFile.suggestedFilename()).toMatch(/^工单-\d{8}\.csv$/)
  const csv = fs.readFileSync((await csvFile.path())!, 'utf8')
  expect(csv.startsWith('\ufeff编号,类别,状态,村居,镇街,地址,描述,补充信息,责任单位,上报时间,办理时限,是否超期,办结时间,评分,来源,上报人\r\n')).toBe(true)
  expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""导出测试：点我看占道"")",`)
  expect(csv).not.toMatch(/(^|,)"?=/m)
  expect(parseCsv(csv).slice(1)).toEqual([values(2).map((v) => String(v ?? '')), values(3).map((v) => String(v ?? ''))])
  await page.context().close()
}, 90000)

it('hides a photo and the case in the drawer, with a reason the server checks, and shows the case again', async () => {
  const page = await signIn('以管理员身份进入')
  await page.getByLabel('搜索', { exact: true }).fill('菜市场东门流动摊贩')
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await row(page, '与这次搜索无关的占道经营').waitFor({ state: 'detached' })
  await row(page, '导出测试：菜市场东门流动摊贩占道经营').getByRole('button', { name: /^查看工单/ }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.locator('img[alt="现场照片 1"]').waitFor()
  const before = await cloud.ok(admin, 'report', 'get', { id: ids.a })
  expect(before.hiddenPhotos).toEqual([])
  // the neighbour (the public) sees the photo
  expect((await cloud.ok(neighbour, 'report', 'get', { id: ids.a })).photos).toEqual(before.photos)

  await drawer.getByRole('button', { name: '隐藏照片：现场照片 1' }).click()
  const modal = page.getByRole('dialog', { name: '隐藏照片：现场照片 1' })
  await modal.getByLabel(/^隐藏理由/).fill('脸')
  await modal.getByRole('button', { name: '确定隐藏' }).click()
  await modal.getByRole('alert').filter({ hasText: '隐藏理由至少 2 个字' }).waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.a })).hiddenPhotos).toEqual([]) // refused: nothing changed
  await modal.getByLabel(/^隐藏理由/).fill('拍到了路人面部')
  await modal.getByRole('button', { name: '确定隐藏' }).click()
  await drawer.locator('.case-photo__hidden').filter({ hasText: '已隐藏，不公开' }).waitFor()
  await drawer.getByText('拍到了路人面部').waitFor() // in the timeline
  const hidden = await cloud.ok(admin, 'report', 'get', { id: ids.a })
  expect(hidden.hiddenPhotos).toEqual([before.photos[0]])
  expect((await cloud.ok(neighbour, 'report', 'get', { id: ids.a })).photos).toEqual([])
  expect(await drawer.getByRole('button', { name: '隐藏照片：现场照片 1' }).count()).toBe(0)
  await expectAccessible(page, 'case drawer, photo hidden')

  // the whole case
  await drawer.getByRole('button', { name: '隐藏工单' }).click()
  const caseModal = page.getByRole('dialog', { name: '隐藏工单' })
  await caseModal.getByLabel(/^隐藏理由/).fill('涉及个人隐私')
  await caseModal.getByRole('button', { name: '确定隐藏' }).click()
  await drawer.locator('.case-detail__hidden', { hasText: '已隐藏：涉及个人隐私' }).waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.a })).hidden).toMatchObject({ reason: '涉及个人隐私' })
  expect((await cloud.call(neighbour, 'report', 'get', { id: ids.a })).status).toBe(404)
  await drawer.getByRole('button', { name: '取消隐藏' }).click()
  // making it public again asks first (issue 24)
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '恢复公开' }).click()
  await drawer.getByRole('button', { name: '隐藏工单' }).waitFor()
  expect((await cloud.ok(admin, 'report', 'get', { id: ids.a })).hidden).toBeNull()
  expect((await cloud.call(neighbour, 'report', 'get', { id: ids.a })).status).toBe(200)
  await page.context().close()
}, 90000)

it('offers staff no unit filter and searches only their unit’s cases', async () => {
  const page = await signIn('以网格员 / 城管执法局身份进入')
  await page.getByText('本单位（城管执法局）的工单。').waitFor()
  expect(await page.locator('#cases-unit').count()).toBe(0)
  await page.getByLabel('搜索', { exact: true }).fill('导出测试')
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await row(page, '导出测试：月底的占道经营').waitFor()
  // the search's answer replaces the list (the row above was in the unsearched list too): wait for its count
  const expected = (await storedProblems()).filter((r) => r.unitId === 'unit-chengguan' && r.description.includes('导出测试'))
  await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, expected.length)
  // 交警's case matches the text but is not this unit's
  expect(await row(page, '导出测试：路口车辆乱停放').count()).toBe(0)
  expect(await rows(page).count()).toBe(expected.length)
  await page.context().close()
}, 60000)

it('shows each case’s deadline chip as the server’s one rule says: 即将超期, 超期, 严重超期, none', async () => {
  // stored straight into the store at known points of their deadlines (24 hours allowed each)
  const now = Date.now()
  const at = (hours: number) => new Date(now + hours * 3600_000)
  const chipCases: Array<[string, number, string[]]> = [
    ['期限测试：还有四小时的占道经营', -20, ['即将超期']],
    ['期限测试：过了六小时的占道经营', -30, ['超期']],
    ['期限测试：过了两天的占道经营', -72, ['严重超期']],
    ['期限测试：刚上报的占道经营', -1, []]
  ]
  for (const [description, hours] of chipCases) {
    const id = `due${String(-hours).padStart(3, '0')}`
    const createdAt = at(hours)
    await cloud.store.reports.insert({
      id, openid: 'cases-e2e-due', clientId: `cases-e2e-${id}`, category: 'zhandao', description, photos: [], latitude: XINGFU.latitude, longitude: XINGFU.longitude, address: null,
      villageId: 'py-01', status: 'submitted', unitId: 'unit-chengguan', anonymous: false, supportCount: 0, createdAt, dueAt: new Date(createdAt.getTime() + 24 * 3600_000), resolvedAt: null,
      rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, kind: 'problem', moderation: 'passed', hiddenPhotos: [], uncheckedPhotos: [], hiddenAt: null, hiddenReason: null
    } as StoredReport)
    await cloud.store.reports.appendEvent({ reportId: id, at: createdAt, action: 'submitted', status: 'submitted', note: null, actorRole: 'resident', actorOpenid: 'cases-e2e-due' })
  }
  const page = await signIn('以管理员身份进入')
  await page.getByLabel('搜索', { exact: true }).fill('期限测试')
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 4)
  for (const [description, , chips] of chipCases) {
    expect({ description, chips: await row(page, description).locator('.case-due').allTextContents() }).toEqual({ description, chips })
  }
  // the drawer shows the same chip
  await row(page, '期限测试：还有四小时的占道经营').getByRole('button', { name: /^查看工单/ }).click()
  await page.locator('.ant-drawer .case-due', { hasText: '即将超期' }).waitFor()
  await expectAccessible(page, 'cases with deadline chips')
  await page.context().close()
}, 60000)
