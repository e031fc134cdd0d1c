import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, expectAccessible, requireConsoleBuild, signInConsole, tableRow } from '../helpers/console'

/**
 * The campaign's map in the console (issue 26) in Debian's Chromium at 1440×900 against a real
 * local server: an admin imports 点位 from GeoJSON (a point and a polygon), draws a polygon 点位 and a 路段 by clicking on the map over 焦庄村's
 * outline, saves each in its form, sees them listed, edits the 点位 (picked on the map), and 停用s
 * the 路段 after a confirmation. Every change is checked on the server, and so is its use: a
 * resident's case inside the polygon goes to the 点位's unit, one beside the 路段 to its unit.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
let resident: string
const problems: string[] = []

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ adminDir: ADMIN_DIR })
  browser = await launchBrowser()
  admin = await cloud.login('demo-admin')
  resident = await cloud.login('cmap-resident')
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

/** Clicks the map at a longitude and latitude, from the bounds it says it shows. */
async function clickAt(page: Page, [lng, lat]: [number, number]) {
  const map = page.getByTestId('places-map')
  const [w, s, e, n] = (await map.getAttribute('data-bounds'))!.split(',').map(Number) as [number, number, number, number]
  const box = (await map.boundingBox())!
  const before = Number(await map.getAttribute('data-draft'))
  await map.click({ position: { x: ((lng - w) / (e - w)) * box.width, y: ((n - lat) / (n - s)) * box.height } })
  return before
}

async function clickVertex(page: Page, p: [number, number]) {
  const before = await clickAt(page, p)
  await page.locator(`[data-testid=places-map][data-draft="${before + 1}"]`).waitFor()
}

it('draws a polygon 点位 and a 路段 on the map, saves, lists and edits them; cases inside and beside them go to their units', async () => {
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai', menu: '创文测评' })
  await page.getByRole('heading', { name: '创文测评' }).waitFor()
  await page.getByRole('tab', { name: '点位与路段' }).click()
  const map = page.getByTestId('places-map')
  await map.waitFor()
  // 点位 from a GeoJSON file: a Point and a Polygon feature (villages and units by name)
  await page.locator('.ant-tabs-tabpane-active input[type=file][accept=".geojson"]').setInputFiles({
    name: '点位.geojson', mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'geo-ads', name: '焦庄村公益广告牌', kind: '公益广告点', village: '焦庄村', unit: '城管执法局' }, geometry: { type: 'Point', coordinates: [115.0705, 35.7642] } },
      { type: 'Feature', properties: { id: 'geo-school', name: '焦庄小学周边', kind: '学校周边', village: '焦庄村', unit: '城管执法局' }, geometry: { type: 'Polygon', coordinates: [[[115.0685, 35.7560], [115.0700, 35.7560], [115.0700, 35.7570], [115.0685, 35.7570], [115.0685, 35.7560]]] } }
    ] }))
  })
  await page.getByRole('status').getByText('点位导入成功：新增 2 个，更新 0 个').waitFor()
  await tableRow(page, '焦庄小学周边').getByText('范围（4 个顶点）').waitFor()
  await tableRow(page, '焦庄村公益广告牌').getByText('35.7642, 115.0705').waitFor()
  // 焦庄村 (py-04) fills the map: 115.060–115.072 E, 35.755–35.765 N
  await page.getByRole('combobox', { name: '显示范围' }).fill('焦庄')
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '焦庄村' }).click()
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=places-map]')?.getAttribute('data-bounds')?.split(',')[1]) > 35.75)
  await expectAccessible(page, '点位与路段的地图')

  // a polygon: four corners clicked, then 完成
  await page.getByRole('button', { name: '画点位（多边形）' }).click()
  await page.getByRole('status').getByText('依次点击多边形的顶点').waitFor()
  for (const p of [[115.062, 35.758], [115.066, 35.758], [115.066, 35.761], [115.062, 35.761]] as [number, number][]) await clickVertex(page, p)
  await page.getByRole('button', { name: '完成' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText('新增点位').waitFor()
  await dialog.getByTestId('place-geometry').getByText('多边形，4 个顶点').waitFor()
  await page.locator('#place_id').fill('map-market')
  await page.locator('#place_name').fill('焦庄村农贸市场')
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#place_kind') }), '农贸市场')
  // the village is guessed from where it was drawn
  await dialog.locator('.ant-select', { has: page.locator('#place_villageId') }).locator('.ant-select-selection-item[title="焦庄村"]').waitFor()
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#place_unitId') }), '供电公司')
  await expectAccessible(page, '新增点位')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await tableRow(page, '焦庄村农贸市场').getByText('范围（4 个顶点）').waitFor()
  const market = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.find((s: { id: string }) => s.id === 'map-market')
  expect(market).toMatchObject({ kind: 'market', villageId: 'py-04', unitId: 'unit-gongdian', active: true })
  expect(market.polygon[0]).toHaveLength(5)
  expect(market.polygon[0][0]).toEqual(market.polygon[0][4])
  for (const [i, [x, y]] of ([[115.062, 35.758], [115.066, 35.758], [115.066, 35.761], [115.062, 35.761]] as const).entries()) {
    expect(Math.abs(market.polygon[0][i][0] - x)).toBeLessThan(0.0001)
    expect(Math.abs(market.polygon[0][i][1] - y)).toBeLessThan(0.0001)
  }

  // a 路段: two points, then 完成
  await page.getByRole('button', { name: '画路段' }).click()
  for (const p of [[115.062, 35.763], [115.07, 35.763]] as [number, number][]) await clickVertex(page, p)
  await page.getByRole('button', { name: '完成' }).click()
  await dialog.getByText('新增路段').waitFor()
  await page.locator('#place_id').fill('map-road')
  await page.locator('#place_name').fill('焦庄路')
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#place_unitId') }), '住建局')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await tableRow(page, '焦庄路').waitFor()
  const road = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).roads.find((r: { id: string }) => r.id === 'map-road')
  expect(road).toMatchObject({ name: '焦庄路', unitId: 'unit-zhujian', active: true })
  expect(road.line).toHaveLength(2)

  // cases: inside the polygon → the 点位's unit; beside the 路段 → its unit
  const file = (n: number, latitude: number, longitude: number) =>
    cloud.ok(resident, 'report', 'create', { clientId: `cmap-case-${n}`, category: 'zhandao', description: '这里有占道经营需要处理', photos: [], location: { latitude, longitude } })
  expect((await file(1, 35.7595, 115.064)).unitId).toBe('unit-gongdian')
  expect((await file(2, 35.76305, 115.066)).unitId).toBe('unit-zhujian')

  // the 点位 picked on the map (its centre), edited in its form
  await clickAt(page, [115.064, 35.7595])
  await dialog.getByText('编辑点位').waitFor()
  await page.locator('#place_name').fill('焦庄村综合农贸市场')
  await chooseOption(page, dialog.locator('.ant-select', { has: page.locator('#place_unitId') }), '城管执法局')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await tableRow(page, '焦庄村综合农贸市场').waitFor()
  expect((await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.find((s: { id: string }) => s.id === 'geo-school')).toMatchObject({ kind: 'school', villageId: 'py-04', unitId: 'unit-chengguan', location: { longitude: 115.06925, latitude: 35.7565 } })
  expect((await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.find((s: { id: string }) => s.id === 'map-market')).toMatchObject({ name: '焦庄村综合农贸市场', unitId: 'unit-chengguan', polygon: market.polygon })

  // the 路段 停用 from its row, after a confirmation
  await page.getByRole('button', { name: '编辑路段：焦庄路' }).click()
  await dialog.getByText('编辑路段').waitFor()
  await dialog.getByRole('button', { name: '停用' }).click()
  const confirm = page.getByRole('dialog', { name: '停用路段「焦庄路」？' })
  await confirm.waitFor()
  await confirm.getByRole('button', { name: '停用' }).click()
  await tableRow(page, '焦庄路').getByText('停用').waitFor()
  expect((await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).roads.find((r: { id: string }) => r.id === 'map-road')).toMatchObject({ active: false })
  expect((await file(3, 35.76305, 115.0661)).unitId).not.toBe('unit-zhujian')
  await expectAccessible(page, '点位与路段（编辑后）')
}, 120000)
