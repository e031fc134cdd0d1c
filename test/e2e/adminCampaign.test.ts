import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, expectAccessible, requireConsoleBuild, signInConsole, tableRow } from '../helpers/console'

/**
 * 创文测评 in the console (issue 26) in Debian's Chromium against a real local server: the
 * 测评体系 imported from a CSV and one item edited, 点位 from a CSV and a 路段 from GeoJSON, the
 * month's round planned, an evaluator's shortfall (over HTTP, as the mini-program will send it)
 * listed with its photo and exported, the round closed, and the 月度通报 listing the deduction
 * with its photo. Every change is checked on the server.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
let evaluator: string
const problems: string[] = []
// the month on the district's clock, as the console's month field starts
const PERIOD = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ adminDir: ADMIN_DIR })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
  evaluator = await cloud.login('demo-staff') // 李伟（城管）, an evaluator in the demo
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`)

it('admins import the 测评体系, 点位 and 路段, plan the round, see the findings with their photos, export them, close the round; the 通报 lists them', async () => {
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai', acceptDownloads: true, menu: '创文测评' })
  await page.getByRole('heading', { name: '创文测评' }).waitFor()

  // the 测评体系 from a sheet of the usual columns, then one item edited
  await page.getByRole('tab', { name: '测评体系' }).click()
  await page.locator('input[type=file]').setInputFiles({
    name: '测评体系.csv', mimeType: 'text/csv',
    buffer: csv([['测评项目', '测评内容', '测评标准', '点位类型', '扣分', '编号'], ['公共环境卫生', '菜场摊位秩序', '摊位整齐，无乱摆乱放', '农贸市场', '每处扣 0.5 分', 'e2e-item']])
  })
  await page.getByRole('status').getByText('导入成功：新增 1 项，更新 0 项').waitFor()
  await tableRow(page, '菜场摊位秩序').waitFor()
  await page.getByRole('button', { name: '修改：菜场摊位秩序' }).click()
  await page.locator('#item_cap').fill('1')
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  expect((await cloud.ok(admin, 'ranking', 'campaignCatalog', {})).items.find((i: { id: string }) => i.id === 'e2e-item')).toMatchObject({ indicator: 'environment', kinds: ['market'], deduction: 0.5, cap: 1 })
  await expectAccessible(page, '测评体系')

  // 点位 from a CSV (villages and units by name), a 路段 from GeoJSON
  await page.getByRole('tab', { name: '点位与路段' }).click()
  await page.locator('.ant-tabs-tabpane-active input[type=file][accept=".csv,.xlsx"]').setInputFiles({
    name: '点位.csv', mimeType: 'text/csv',
    buffer: csv([['编号', '名称', '点位类型', '纬度', '经度', '村居', '责任单位', '地址'], ['e2e-market', '周庄村农贸市场', '农贸市场', '35.7601', '115.0781', '周庄村', '城管执法局', '周庄村农贸市场']])
  })
  await page.getByRole('status').getByText('点位导入成功：新增 1 个，更新 0 个').waitFor()
  await page.locator('.ant-tabs-tabpane-active input[type=file][accept=".json,.geojson"]').setInputFiles({
    name: '路段.geojson', mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'e2e-road', name: '建设路（周庄段）', unitId: 'unit-gongdian' }, geometry: { type: 'LineString', coordinates: [[115.073, 35.757], [115.083, 35.757]] } }] }))
  })
  await page.getByRole('status').getByText('路段导入成功：新增 1 条，更新 0 条').waitFor()
  await tableRow(page, '周庄村农贸市场').waitFor()
  await tableRow(page, '建设路（周庄段）').waitFor()
  expect((await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.find((s: { id: string }) => s.id === 'e2e-market')).toMatchObject({ villageId: 'py-05', unitId: 'unit-chengguan', kind: 'market' })
  await expectAccessible(page, '点位与路段')

  // the month's round: 周庄村's 点位, to 城管's evaluator
  await page.getByRole('tab', { name: '测评安排' }).click()
  // multiple selects keep their list open after a pick: closed before the next one
  await chooseOption(page, page.locator('.ant-select', { has: page.locator('#plan_evaluators') }), '李伟（城管）')
  await page.keyboard.press('Escape')
  const villages = page.locator('.ant-select', { has: page.locator('#plan_villageIds') })
  await villages.click()
  await page.keyboard.type('周庄')
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="周庄村"]').click()
  await villages.locator('.ant-select-selection-item[title="周庄村"]').waitFor()
  await page.keyboard.press('Escape')
  await page.locator('#plan_perVillage').fill('5')
  await page.getByRole('button', { name: '安排测评' }).click()
  await tableRow(page, '周庄村农贸市场').getByText('未测评').waitFor()
  const round = await cloud.ok(admin, 'ranking', 'round', { period: PERIOD })
  expect(round.sites.map((s: { siteId: string }) => s.siteId)).toEqual(['e2e-market'])

  // the evaluator walks it (the mini-program's call): one shortfall with its photo
  const mine = (await cloud.ok(evaluator, 'ranking', 'mySites', { period: PERIOD })).items[0]
  const photo = await cloud.photoOf(evaluator)
  await cloud.ok(evaluator, 'ranking', 'inspect', {
    period: PERIOD, siteId: 'e2e-market', clientKey: 'e2e-market-1',
    answers: mine.items.map((i: { id: string }) => (i.id === 'e2e-item' ? { itemId: i.id, passed: false, count: 2, photos: [photo], note: '东门摊位乱摆' } : { itemId: i.id, passed: true }))
  })
  await page.reload()
  await page.getByRole('tab', { name: '测评安排' }).waitFor()
  await tableRow(page, '周庄村农贸市场').getByText('1 项不达标').waitFor()
  const findings = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '测评标准' }) })
  await findings.getByRole('img', { name: '周庄村农贸市场 问题照片 1' }).waitFor()
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出问题清单（Excel）' }).click()])
  expect(sheet.suggestedFilename()).toBe(`测评问题清单-${PERIOD}.xlsx`)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await sheet.path())!)
  const rowsOf = (n: number) => (book.worksheets[0]!.getRow(n).values as unknown[]).slice(1)
  expect(rowsOf(1).slice(0, 5)).toEqual(['月份', '村居', '点位', '点位类型', '责任单位'])
  expect(rowsOf(2).slice(1, 3)).toEqual(['周庄村', '周庄村农贸市场'])
  const [csvSheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()])
  expect(csvSheet.suggestedFilename()).toBe(`测评问题清单-${PERIOD}.csv`)
  await expectAccessible(page, '测评安排')

  // closed: the village is scored from the deduction
  // it asks first: 取消 changes nothing
  await page.getByRole('button', { name: '结束测评并计分' }).click()
  let ask = page.getByRole('dialog').filter({ hasText: '的测评并计分？' })
  await ask.getByRole('button', { name: '取消' }).click()
  await ask.waitFor({ state: 'hidden' })
  expect((await cloud.ok(admin, 'ranking', 'round', { period: PERIOD })).status).toBe('open')
  await page.getByRole('button', { name: '结束测评并计分' }).click()
  ask = page.getByRole('dialog').filter({ hasText: '的测评并计分？' })
  await ask.getByRole('button', { name: '结束并计分' }).click()
  await page.locator('.ant-tag', { hasText: '已结束' }).waitFor()
  const board = await cloud.ok(admin, 'ranking', 'board', { period: PERIOD })
  expect(board.rows.find((r: { villageId: string }) => r.villageId === 'py-05').score).not.toBeNull()

  // the 月度通报 lists the deduction with its photo, 点位 and unit
  await page.goto(`${cloud.url}/admin/#/bulletin/${PERIOD}`)
  const section = page.locator('.bulletin-findings')
  await section.getByRole('img', { name: '周庄村农贸市场 问题照片 1' }).waitFor()
  await tableRow(page, '摊位整齐，无乱摆乱放').getByText('城管执法局').waitFor()
  expect(await tableRow(page, '摊位整齐，无乱摆乱放').textContent()).toContain('周庄村农贸市场')
})
