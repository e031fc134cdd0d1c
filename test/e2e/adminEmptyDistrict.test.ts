import type { Browser, Page } from 'playwright-core'
import { H5_DIR, launchBrowser, waitUntil } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, openConsole, requireConsoleBuild, expectAccessible, tableRow as row } from '../helpers/console'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * Issue 14's "Done when": a district goes from an EMPTY data directory to a running campaign with
 * only the console. The real local server starts without any seed — the one thing present is the
 * first admin (`admins`, as CIVIC_ADMINS) — and in Debian's Chromium the admin, through the console
 * only, imports towns and villages (CSV on 基础数据 → 镇街村居) and their boundaries (GeoJSON on
 * 村居地理), creates units and categories, sets a cell of the routing table, and names a staff
 * member, an evaluator and a 网格员 on 人员 (people appear by signing in once: here through the
 * API, as residents). Residents then file cases through the API; each goes to the village its
 * point lies in and to the unit the routing table names, and the dashboard's figures are the
 * stored cases. The console build is `ADMIN_DIR`.
 */

let cloud: TestCloud
let browser: Browser
let admin: string
const problems: string[] = []
const ADMIN = 'district-admin-1'

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR, seed: false, admins: [ADMIN] })
  browser = await launchBrowser()
  admin = await cloud.login(ADMIN)
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

const selectOf = (page: Page, id: string) => page.locator('.ant-select', { has: page.locator(`#${id}`) })
const shown = async (page: Page, testId: string) => (await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent())!.trim()

/** A square boundary (GeoJSON: longitude, latitude) of 0.01° from its south-west corner. */
const square = (lng: number, lat: number) => [[[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.01], [lng, lat]]]
const VILLAGES = [
  { id: 'dc-01', name: '东风社区', town: 'town-dongcheng', corner: [114.30, 30.50] as const },
  { id: 'dc-02', name: '红星社区', town: 'town-dongcheng', corner: [114.31, 30.50] as const },
  { id: 'xh-01', name: '柳湾村', town: 'town-xihu', corner: [114.40, 30.50] as const }
]
/** A point inside a village's square. */
const inside = (v: (typeof VILLAGES)[number]) => ({ latitude: v.corner[1] + 0.005, longitude: v.corner[0] + 0.005 })

it('an empty district gets its villages, units, routing and people from the console, and its first cases show on the dashboard', async () => {
  // nothing but the first admin
  expect(await cloud.ok(admin, 'ranking', 'regions')).toEqual([])
  expect(await cloud.ok(admin, 'user', 'units')).toEqual([])
  expect(await cloud.ok(admin, 'report', 'categories', { includeInactive: true })).toEqual([])
  expect((await cloud.ok(admin, 'user', 'search', {})).items.map((p: { role: string }) => p.role)).toEqual(['admin'])

  const page = await openConsole(browser, cloud.url, problems, { timezoneId: 'Asia/Shanghai', timeoutMs: 15000 })
  await page.locator('#signin-openid').fill(ADMIN)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.getByRole('navigation', { name: '主菜单' }).waitFor()
  await page.getByRole('heading', { name: '仪表盘', level: 1 }).waitFor()

  // 1. towns and villages from a CSV (UTF-8 with BOM, as Excel saves it)
  await page.getByRole('menuitem', { name: '基础数据' }).click()
  await page.getByRole('heading', { name: '基础数据' }).waitFor()
  await page.getByRole('tab', { name: '镇街村居' }).click()
  const csv = '\ufeff编号,名称,级别,上级编号\r\ntown-dongcheng,东城街道,镇街,\r\ntown-xihu,西湖镇,镇街,\r\n' + VILLAGES.map((v) => `${v.id},${v.name},村居,${v.town}`).join('\r\n') + '\r\n'
  await page.locator('input[type=file]').setInputFiles({ name: '镇街村居.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByText('预览：共 5 行，将新增 5 个、更新 0 个').waitFor()
  await page.getByRole('button', { name: '导入', exact: true }).click()
  await page.getByText('导入成功：新增 5 个，更新 0 个').waitFor()
  const regions = await cloud.ok(admin, 'ranking', 'regions')
  expect(regions.map((r: { id: string; level: string; parentId: string | null }) => [r.id, r.level, r.parentId]).sort()).toEqual([
    ['dc-01', 'village', 'town-dongcheng'], ['dc-02', 'village', 'town-dongcheng'], ['town-dongcheng', 'town', null], ['town-xihu', 'town', null], ['xh-01', 'village', 'town-xihu']
  ])

  // 2. units: a district department and a town's office
  await page.getByRole('tab', { name: '责任单位' }).click()
  const dialog = page.getByRole('dialog')
  await page.getByRole('button', { name: '新建单位' }).click()
  await page.locator('#unit_id').fill('unit-chengguan')
  await page.locator('#unit_name').fill('城管执法局')
  await dialog.getByRole('button', { name: '保存' }).click()
  await row(page, '城管执法局').waitFor()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: '新建单位' }).click()
  await page.locator('#unit_id').fill('unit-dongcheng')
  await page.locator('#unit_name').fill('东城街道办事处')
  await chooseOption(page, selectOf(page, 'unit_townId'), '东城街道')
  await dialog.getByRole('button', { name: '保存' }).click()
  await row(page, '东城街道办事处').waitFor()
  await dialog.waitFor({ state: 'hidden' })
  expect(await cloud.ok(admin, 'user', 'units')).toEqual([
    { id: 'unit-chengguan', name: '城管执法局', townId: null },
    { id: 'unit-dongcheng', name: '东城街道办事处', townId: 'town-dongcheng' }
  ])

  // 3. categories, both sent to 城管 by default
  await page.getByRole('tab', { name: '问题类别' }).click()
  for (const [code, name, group] of [['zhandao', '占道经营', '市容秩序'], ['luandui', '乱堆乱放', '环境卫生']] as const) {
    await page.getByRole('button', { name: '新建类别' }).click()
    await page.locator('#category_code').fill(code)
    await page.locator('#category_name').fill(name)
    await page.locator('#category_group').fill(group)
    await chooseOption(page, selectOf(page, 'category_unitId'), '城管执法局')
    await dialog.getByRole('button', { name: '保存' }).click()
    await row(page, name).waitFor()
    await dialog.waitFor({ state: 'hidden' })
  }
  const categories = await cloud.ok(admin, 'report', 'categories')
  expect(categories.map((c: { code: string; group: string; unitId: string }) => [c.code, c.group, c.unitId])).toEqual([['zhandao', '市容秩序', 'unit-chengguan'], ['luandui', '环境卫生', 'unit-chengguan']])

  // 4. the routing table: 东城街道's 市容秩序 goes to its own office
  await page.getByRole('tab', { name: '分包表' }).click()
  await chooseOption(page, page.locator('.ant-select', { has: page.getByRole('combobox', { name: '东城街道 · 市容秩序' }) }), '东城街道办事处')
  await waitUntil(async () => (await cloud.ok(admin, 'report', 'routing')).items.some((e: { scopeId: string; key: string; unitId: string }) => e.scopeId === 'town-dongcheng' && e.key === '市容秩序' && e.unitId === 'unit-dongcheng'))

  // 5. the villages' boundaries (GeoJSON on 村居地理)
  await page.getByRole('menuitem', { name: '村居地理' }).click()
  await row(page, '东风社区').waitFor()
  const geojson = { type: 'FeatureCollection', features: VILLAGES.map((v) => ({ type: 'Feature', properties: { id: v.id, name: v.name }, geometry: { type: 'Polygon', coordinates: square(v.corner[0], v.corner[1]) } })) }
  await page.locator('input[type=file]').setInputFiles({ name: 'villages.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) })
  const preview = page.locator('.geo-preview')
  await preview.getByText('东风社区（dc-01）').waitFor()
  await preview.getByRole('button', { name: '导入' }).click()
  await page.getByText('导入成功：更新了 3 个区域的地理信息').waitFor()
  const located = await cloud.ok(admin, 'report', 'locate', inside(VILLAGES[1]!))
  expect(located.village).toMatchObject({ id: 'dc-02', townName: '东城街道', inside: true })

  // 6. people: they exist once they signed in (as residents), then get their roles on 人员
  const sign = async (openid: string, nickname: string, villageId: string) => {
    const token = await cloud.login(openid)
    await cloud.ok(token, 'user', 'updateProfile', { nickname, villageId })
    return token
  }
  const staff = await sign('empty-staff', '李干事', 'dc-01')
  const evaluator = await sign('empty-evaluator', '周测评', 'dc-02')
  const grid = await sign('empty-grid', '陈网格', 'dc-01')
  const residents = await Promise.all(['empty-resident-1', 'empty-resident-2', 'empty-resident-3'].map((o, i) => sign(o, `居民${i + 1}`, VILLAGES[i]!.id)))

  await page.getByRole('menuitem', { name: '人员' }).click()
  await page.getByRole('heading', { name: '人员', level: 1 }).waitFor()
  const find = async (nickname: string) => {
    await page.getByLabel('按昵称、真实姓名或村居搜索').fill(nickname)
    await page.getByRole('button', { name: '查询' }).click()
    await row(page, nickname).waitFor()
    await waitUntil(async () => (await page.locator('.ant-table-tbody tr.ant-table-row').count()) === 1)
    return row(page, nickname)
  }
  // a staff member of 东城街道办事处
  await (await find('李干事')).getByRole('button', { name: '设置 李干事 的角色' }).click()
  await chooseOption(page, selectOf(page, 'setRole_role'), '工作人员')
  await chooseOption(page, selectOf(page, 'setRole_unitId'), '东城街道办事处')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await row(page, '李干事').filter({ hasText: '东城街道办事处' }).waitFor() // the table reloads after the dialog closes
  // an evaluator (测评员), who stays a resident
  await (await find('周测评')).getByRole('button', { name: '设置 周测评 的角色' }).click()
  // the dialog opens filled with the person's stored values: tick the box once it shows them, and
  // see it ticked before saving (on a busy machine a click could land before the form was filled)
  await dialog.getByRole('heading', { name: '设置「周测评」' }).or(dialog.getByText('设置「周测评」')).first().waitFor()
  const box = dialog.getByRole('checkbox', { name: '测评员（可录入各村居的测评分）' })
  await waitUntil(async () => {
    if (!(await box.isChecked())) await box.check({ timeout: 2000 }).catch(() => undefined)
    return box.isChecked()
  })
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await waitUntil(async () => (await cloud.ok(evaluator, 'user', 'me')).evaluator === true)
  // a 网格员 of two villages, who keeps their role
  await (await find('陈网格')).getByRole('button', { name: '设置 陈网格 的网格村居' }).click()
  await dialog.getByText('网格员负责所选村居的日常巡查').waitFor()
  await expectAccessible(page, 'people: 网格 dialog')
  await chooseOption(page, selectOf(page, 'setGrid_villageIds'), '东风社区')
  await chooseOption(page, selectOf(page, 'setGrid_villageIds'), '红星社区')
  // a multiple select stays open after a pick: a click beside it closes it
  await dialog.getByText('网格员负责所选村居的日常巡查').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' })
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await row(page, '陈网格').filter({ hasText: /东风社区.*红星社区/ }).waitFor()
  // 红星社区's 网格员, listed by the filter
  await page.getByLabel('按昵称、真实姓名或村居搜索').fill('')
  await chooseOption(page, selectOf(page, 'peopleSearch_gridVillageId'), '红星社区')
  await page.getByRole('button', { name: '查询' }).click()
  await waitUntil(async () => (await page.locator('.ant-table-tbody tr.ant-table-row').count()) === 1)
  await row(page, '陈网格').waitFor()
  await expectAccessible(page, 'people: a village\'s 网格员')

  expect(await cloud.ok(staff, 'user', 'me')).toMatchObject({ role: 'staff', unitId: 'unit-dongcheng' })
  expect(await cloud.ok(evaluator, 'user', 'me')).toMatchObject({ role: 'resident', evaluator: true })
  expect(await cloud.ok(grid, 'user', 'me')).toMatchObject({ role: 'resident', gridVillageIds: ['dc-01', 'dc-02'] })
  const log = (await cloud.ok(admin, 'user', 'operationLog', { limit: 50 })).items as { action: string; target: string; after: unknown }[]
  expect(log.filter((op) => op.target.startsWith('user:')).map((op) => [op.action, op.target])).toEqual([
    ['user.setGrid', 'user:陈网格'], ['user.setRole', 'user:周测评'], ['user.setRole', 'user:李干事']
  ])
  expect(log.map((op) => op.action)).toEqual(expect.arrayContaining(['regions.import', 'unit.create', 'category.create', 'routing.set', 'geography.import']))

  // 7. residents file cases through the API, each with a photo; the staff member accepts theirs
  const fileCase = async (token: string, n: number, category: string, v: (typeof VILLAGES)[number], description: string) =>
    cloud.ok(token, 'report', 'create', { clientId: `empty-district-${n}`, category, description, photos: [await cloud.photoOf(token)], location: inside(v) })
  const a = await fileCase(residents[0]!, 1, 'zhandao', VILLAGES[0]!, '东风社区路口有摊贩占道经营')
  const b = await fileCase(residents[1]!, 2, 'luandui', VILLAGES[1]!, '红星社区楼道堆满杂物')
  const c = await fileCase(residents[2]!, 3, 'zhandao', VILLAGES[2]!, '柳湾村村口流动摊贩占道')
  // where each went: the village its point lies in; 东城街道's 市容秩序 to its office (the routing
  // cell), the rest to the category's unit
  expect([a, b, c].map((r: { villageId: string; unitId: string }) => [r.villageId, r.unitId])).toEqual([['dc-01', 'unit-dongcheng'], ['dc-02', 'unit-chengguan'], ['xh-01', 'unit-chengguan']])
  await cloud.ok(staff, 'report', 'accept', { id: a.id })
  expect((await cloud.call(staff, 'report', 'accept', { id: b.id })).status).toBe(403) // not their unit's

  // 8. the dashboard shows them: its figures are the stored cases
  // (the district started empty: these three are all the cases it has)
  const stored = (await Promise.all([a, b, c].map((r: { id: string }) => cloud.store.reports.get(r.id)))).filter((r): r is StoredReport => r !== null)
  expect(stored).toHaveLength(3)
  await page.getByRole('menuitem', { name: '仪表盘' }).click()
  await page.getByRole('heading', { name: '仪表盘', level: 1 }).waitFor()
  await page.getByTestId('total-received').getByText(String(stored.length), { exact: true }).waitFor()
  expect(await shown(page, 'total-accepted')).toBe(String(stored.filter((r) => r.status === 'accepted').length))
  expect(await shown(page, 'total-resolved')).toBe('0')
  const league = page.getByTestId('league')
  const received = async (unit: string) => (await league.locator('tr.ant-table-row', { hasText: unit }).locator('td').nth(2).textContent())!.trim()
  expect(await received('东城街道办事处')).toBe(String(stored.filter((r) => r.unitId === 'unit-dongcheng').length))
  expect(await received('城管执法局')).toBe(String(stored.filter((r) => r.unitId === 'unit-chengguan').length))
  const villages = page.getByTestId('villages')
  for (const v of VILLAGES) {
    const count = (await villages.locator('tr.ant-table-row', { hasText: v.name }).locator('td').nth(1).textContent())!.trim()
    expect([v.name, count]).toEqual([v.name, String(stored.filter((r) => r.villageId === v.id).length)])
  }
  // the map is drawn from the imported boundaries
  await page.getByTestId('chart-map').locator('canvas').waitFor()

  // 9. a case's drawer names its village's 网格员 (whom the 文明办 may call), or says there is none
  await page.getByRole('menuitem', { name: '工单' }).click()
  await page.getByRole('button', { name: `查看工单：${a.description.slice(0, 20)}` }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.locator('.case-detail__grid', { hasText: '陈网格' }).waitFor()
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: `查看工单：${c.description.slice(0, 20)}` }).click()
  await drawer.locator('.case-detail__grid', { hasText: '该村居还没有网格员' }).waitFor()
  await page.context().close()
}, 180000)
