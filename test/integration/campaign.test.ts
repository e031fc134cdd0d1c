import { weightedTotal } from '../../types/names'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 26, on both stores over HTTP: the 文明办 plans a 小测评, an evaluator walks two 点位 with
 * one shortfall, the 整改 case reaches the 点位's unit, the unit fixes it, the village's 网格员
 * re-checks it; closing the round enters the villages' scores from the deductions and the boards
 * follow; a case filed on a 包路段 goes to the 路段's unit; the 通报's findings show the deduction
 * with its photo. Bad input and strangers change nothing.
 */
let now = new Date('2027-01-12T09:00:00+08:00')
const PERIOD = '2027-01'
let cloud: TestCloud
let admin: string
let evaluator: string
let evaluatorId: string
let unitStaff: string
let grid: string
let resident: string
let other: string

// 周庄村 (py-05) and 西湍村 (py-06) of the demo district
const MARKET = { latitude: 35.7601, longitude: 115.0781 }
const ALLEY = { latitude: 35.7602, longitude: 115.0902 }

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  admin = await cloud.login('demo-admin')
  unitStaff = await cloud.login('demo-staff') // 城管执法局
  evaluator = await cloud.login('cp-eval')
  grid = await cloud.login('cp-grid')
  resident = await cloud.login('cp-resident')
  other = await cloud.login('cp-other')
  evaluatorId = (await cloud.ok(admin, 'user', 'setRole', { openid: 'cp-eval', role: 'staff', unitId: 'unit-wenming', evaluator: true })).userId
  await cloud.ok(admin, 'user', 'setRole', { openid: 'cp-other', role: 'staff', unitId: 'unit-zhujian' })
  const gridId = (await cloud.store.users.get('cp-grid'))!.userId
  await cloud.ok(admin, 'user', 'setGrid', { userId: gridId, villageIds: ['py-05'] })
})
afterAll(() => cloud.close())

describe('the 测评体系, 点位 and 路段 as data', () => {
  it('imports a sheet of the usual columns; a bad row is named and changes nothing', async () => {
    const before = (await cloud.ok(admin, 'ranking', 'campaignCatalog', {})).items
    expect(before.length).toBeGreaterThan(5) // the demo district's excerpt
    const bad = await cloud.call(admin, 'ranking', 'importCatalog', {
      rows: [
        { row: 2, project: '公共环境卫生', content: '农贸市场摊位', standard: '摊位整齐，无乱摆乱放', kinds: '农贸市场', deduction: '每处扣 0.5 分' },
        { row: 3, project: '公共秩序', content: '夜市秩序', standard: '夜市无占道经营', kinds: '夜市', deduction: 0.5 }
      ]
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.1.kinds' } })
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^第 3 行：点位类型「夜市」不存在/)
    expect((await cloud.ok(admin, 'ranking', 'campaignCatalog', {})).items).toEqual(before)
    const good = await cloud.ok(admin, 'ranking', 'importCatalog', {
      rows: [{ row: 2, id: 'cp-item-stalls', project: '公共环境卫生', content: '农贸市场摊位', standard: '摊位整齐，无乱摆乱放，每处扣 0.5 分', kinds: '农贸市场', deduction: '每处扣 0.5 分', cap: 1 }]
    })
    expect(good).toEqual({ created: 1, updated: 0 })
    const item = (await cloud.ok(admin, 'ranking', 'campaignCatalog', {})).items.find((i: { id: string }) => i.id === 'cp-item-stalls')
    expect(item).toMatchObject({ indicator: 'environment', kinds: ['market'], deduction: 0.5, cap: 1, active: true })
    // edited in the console
    const edited = await cloud.ok(admin, 'ranking', 'putCatalogItem', { ...item, deduction: 0.5, cap: 1, deadlineHours: 24 })
    expect(edited.deadlineHours).toBe(24)
    expect((await cloud.call(other, 'ranking', 'importCatalog', { rows: [{ project: '公共环境卫生', content: '内容内容', standard: '标准标准', kinds: '农贸市场', deduction: 1 }] })).status).toBe(403)
  })

  it('imports 点位 and 路段, checking villages, units and kinds', async () => {
    const bad = await cloud.call(admin, 'ranking', 'importSites', { rows: [{ row: 2, id: 'cp-x', name: '某点位', kind: '农贸市场', latitude: 35.76, longitude: 115.07, villageId: 'nowhere', unitId: 'unit-chengguan' }] })
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '第 2 行：村居「nowhere」不存在' } })
    expect(await cloud.ok(admin, 'ranking', 'importSites', {
      rows: [
        { row: 2, id: 'cp-market', name: '周庄村农贸市场', kind: '农贸市场', ...MARKET, villageId: 'py-05', unitId: 'unit-chengguan', address: '周庄村农贸市场' },
        { row: 3, id: 'cp-alley', name: '西湍村后街', kind: 'alley', ...ALLEY, villageId: 'py-06', unitId: 'unit-town-puyang' }
      ]
    })).toEqual({ created: 2, updated: 0 })
    const roads = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'cp-road', name: '建设路（周庄段）', unitId: 'unit-gongdian' }, geometry: { type: 'LineString', coordinates: [[115.073, 35.757], [115.083, 35.757]] } }] }
    expect(await cloud.ok(admin, 'ranking', 'importRoads', roads)).toEqual({ created: 1, updated: 0 })
    const places = await cloud.ok(unitStaff, 'ranking', 'campaignPlaces', {})
    expect(places.sites.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['cp-market', 'cp-alley']))
    expect(places.roads.find((r: { id: string }) => r.id === 'cp-road')).toMatchObject({ unitId: 'unit-gongdian', line: [[115.073, 35.757], [115.083, 35.757]] })
  })
})

describe('a 小测评 walked, fixed, re-checked and scored', () => {
  let shortfall: { caseId: string; deduction: number; photos: string[] }
  let photo: string

  it('the 文明办 plans the round; the month has one; only evaluators are given 点位', async () => {
    expect((await cloud.call(admin, 'ranking', 'planRound', { period: PERIOD, perVillage: 1, villageIds: ['py-05', 'py-06'], evaluators: [(await cloud.store.users.get('cp-resident'))!.userId] })).status).toBe(400)
    const round = await cloud.ok(admin, 'ranking', 'planRound', { period: PERIOD, perVillage: 1, villageIds: ['py-05', 'py-06'], evaluators: [evaluatorId] })
    expect(round).toMatchObject({ period: PERIOD, kind: 'minor', perVillage: 1, status: 'open' })
    expect(round.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual(['cp-alley', 'cp-market'])
    expect(round.sites.every((s: { evaluator: { userId: string } }) => s.evaluator.userId === evaluatorId)).toBe(true)
    expect((await cloud.call(admin, 'ranking', 'planRound', { period: PERIOD, evaluators: [evaluatorId] })).status).toBe(409)
    expect((await cloud.call(evaluator, 'ranking', 'planRound', { period: '2027-03', evaluators: [evaluatorId] })).status).toBe(403)
  })

  it('the evaluator lists their 点位 nearest first with the items that apply', async () => {
    expect((await cloud.call(resident, 'ranking', 'mySites', { period: PERIOD })).status).toBe(403)
    // user.me says who is an evaluator (the app's 我的测评点位 entry)
    expect((await cloud.ok(evaluator, 'user', 'me', {})).mayEvaluate).toBe(true)
    expect((await cloud.ok(resident, 'user', 'me', {})).mayEvaluate).toBe(false)
    const mine = await cloud.ok(evaluator, 'ranking', 'mySites', { period: PERIOD, location: { latitude: ALLEY.latitude, longitude: ALLEY.longitude - 0.0005 } })
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual(['cp-alley', 'cp-market'])
    expect(mine.items[0].distance).toBeLessThan(100)
    const market = mine.items[1]
    expect(market.items.map((i: { id: string }) => i.id)).toContain('cp-item-stalls')
    expect(market.items.every((i: { kinds: string[] }) => i.kinds.includes('market'))).toBe(true)
  })

  it('walks both 点位: one shortfall becomes a 整改 case of the 点位\'s unit; a retried submit files nothing twice', async () => {
    const mine = (await cloud.ok(evaluator, 'ranking', 'mySites', { period: PERIOD })).items
    const alley = mine.find((s: { id: string }) => s.id === 'cp-alley')
    const market = mine.find((s: { id: string }) => s.id === 'cp-market')
    const allPassed = (s: { items: { id: string }[] }) => s.items.map((i) => ({ itemId: i.id, passed: true }))
    // bad input first: an item missing, a shortfall without a photo, someone else's 点位
    expect((await cloud.call(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-0', answers: allPassed(alley).slice(1) })).body)
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'answers' } })
    expect((await cloud.call(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-0', answers: allPassed(alley).map((a: object, i: number) => (i ? a : { ...a, passed: false, count: 1 })) })).body)
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '不达标的项目须拍照' } })
    expect((await cloud.call(unitStaff, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-0', answers: allPassed(alley) })).status).toBe(403)
    expect((await cloud.call(resident, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-0', answers: allPassed(alley) })).status).toBe(403)

    expect((await cloud.ok(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-1', answers: allPassed(alley) })).findings).toEqual([])
    photo = await cloud.photoOf(evaluator)
    const answers = market.items.map((i: { id: string }) => (i.id === 'cp-item-stalls' ? { itemId: i.id, passed: false, count: 3, photos: [photo], note: '东门两处、北门一处摊位乱摆' } : { itemId: i.id, passed: true }))
    const first = await cloud.ok(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-market', clientKey: 'cp-market-key-1', answers })
    expect(first.findings).toHaveLength(1)
    shortfall = first.findings[0]
    expect(shortfall).toMatchObject({ siteId: 'cp-market', siteName: '周庄村农贸市场', villageId: 'py-05', unitId: 'unit-chengguan', unitName: '城管执法局', itemId: 'cp-item-stalls', count: 3, deduction: 1.5, photos: [photo] })
    // the retry (a poor network) answers the same, filing nothing again; another submit is refused
    expect(await cloud.ok(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-market', clientKey: 'cp-market-key-1', answers })).toEqual(first)
    expect((await cloud.call(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-market', clientKey: 'cp-market-key-2', answers })).status).toBe(409)

    const c = await cloud.ok(unitStaff, 'report', 'get', { id: shortfall.caseId })
    expect(c).toMatchObject({ unitId: 'unit-chengguan', villageId: 'py-05', source: 'inspection', status: 'submitted', categoryName: '创文测评整改', photos: [photo] })
    expect(c.description).toContain('摊位整齐，无乱摆乱放')
    // the deadline by the item: 24 hours
    expect(Date.parse(c.dueAt) - Date.parse(c.createdAt)).toBe(24 * 3600_000)
    const queue = await cloud.ok(unitStaff, 'report', 'queue', { source: 'inspection' })
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(shortfall.caseId)
    const told = (await cloud.ok(unitStaff, 'user', 'messages', {})).items
    expect(told.some((m: { kind: string; title: string }) => m.kind === 'report.filed' && m.title.includes('测评'))).toBe(true)
    const round = await cloud.ok(admin, 'ranking', 'round', { period: PERIOD })
    expect(round.sites.find((s: { siteId: string }) => s.siteId === 'cp-market')).toMatchObject({ inspected: true, shortfalls: 1 })
  })

  it('the unit fixes it; it waits for 复查: an evaluator sends it back once, the village\'s 网格员 passes it', async () => {
    await cloud.ok(unitStaff, 'report', 'accept', { id: shortfall.caseId })
    const fixed = await cloud.ok(unitStaff, 'report', 'resolve', { id: shortfall.caseId, note: '已清理摊位，划线规范经营', photos: [await cloud.photoOf(unitStaff)] })
    expect(fixed.status).toBe('verifying')
    expect((await cloud.call(other, 'report', 'verify', { id: shortfall.caseId, passed: true, note: '我来看看' })).status).toBe(403)
    // a named 测评员 of another unit (no dispatcher, no 网格员) may re-check a 测评's case
    const evaluator2 = await cloud.login('cp-eval2')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'cp-eval2', role: 'staff', unitId: 'unit-zhujian', evaluator: true })
    expect((await cloud.ok(evaluator2, 'report', 'verify', { id: shortfall.caseId, passed: false, note: '北门仍有一处摊位' })).status).toBe('accepted')
    expect((await cloud.ok(unitStaff, 'report', 'resolve', { id: shortfall.caseId, note: '北门摊位已清理', photos: [await cloud.photoOf(unitStaff)] })).status).toBe('verifying')
    const checked = await cloud.ok(grid, 'report', 'verify', { id: shortfall.caseId, passed: true, note: '现场复查已整改到位' })
    expect(checked.status).toBe('resolved')
  })

  it('closing the round scores the villages from the deductions; the board, the 飞虎榜/蜗牛榜 and the units\' board follow', async () => {
    expect((await cloud.call(resident, 'ranking', 'closeRound', { period: PERIOD })).status).toBe(403)
    const closed = await cloud.ok(evaluator, 'ranking', 'closeRound', { period: PERIOD })
    const weights = cloud.deps.config.evaluationKinds.minor
    const py05 = closed.scores.find((s: { villageId: string }) => s.villageId === 'py-05')
    // 3 × 0.5 = 1.5, capped at the item's 1
    expect(py05).toMatchObject({ scores: { environment: 99, order: 100 }, deducted: 1, total: weightedTotal({ environment: 99, order: 100 }, weights) })
    expect(closed.scores.find((s: { villageId: string }) => s.villageId === 'py-06')).toMatchObject({ scores: { environment: 100, order: 100 }, total: 100, deducted: 0 })
    const board = await cloud.ok(admin, 'ranking', 'board', { period: PERIOD })
    const row = (v: string) => board.rows.find((r: { villageId: string }) => r.villageId === v)
    expect(row('py-05').score).toBe(py05.total)
    expect(row('py-06').score).toBe(100)
    expect(row('py-06').rank).toBeLessThan(row('py-05').rank)
    expect((await cloud.ok(admin, 'ranking', 'monthScores', { period: PERIOD })).rows).toEqual(expect.arrayContaining([expect.objectContaining({ villageId: 'py-05', scores: { environment: 99, order: 100 } })]))
    const units = await cloud.ok(admin, 'ranking', 'unitBoard', { period: PERIOD })
    const chengguan = units.rows.find((r: { unitId: string }) => r.unitId === 'unit-chengguan')
    const town = units.rows.find((r: { unitId: string }) => r.unitId === 'unit-town-puyang')
    expect(chengguan.inspectionDeductions).toBe(1)
    expect(town.inspectionDeductions).toBe(0)
    expect(chengguan.score).toBeLessThanOrEqual(99)
    // the round is over: nothing more is inspected or closed
    expect((await cloud.call(evaluator, 'ranking', 'inspect', { period: PERIOD, siteId: 'cp-alley', clientKey: 'cp-alley-key-9', answers: [{ itemId: 'item-003', passed: true }] })).status).toBe(409)
    expect((await cloud.call(evaluator, 'ranking', 'closeRound', { period: PERIOD })).status).toBe(409)
    // a typed score still overrides, with its reason, logged
    expect((await cloud.call(admin, 'ranking', 'submitEvaluation', { villageId: 'py-06', period: PERIOD, scores: { environment: 98, order: 100 } })).body)
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
    await cloud.ok(admin, 'ranking', 'submitEvaluation', { villageId: 'py-06', period: PERIOD, scores: { environment: 98, order: 100 }, reason: '复核发现西湍村后街有暴露垃圾' })
    const log = (await cloud.ok(admin, 'user', 'operationLog', { target: `py-06:${PERIOD}` })).items
    expect(log.map((e: { action: string }) => e.action)).toEqual(['evaluation.replace', 'evaluation.fromRound'])
    expect(log[0].after).toMatchObject({ reason: '复核发现西湍村后街有暴露垃圾', scores: { environment: 98, order: 100 } })
    expect(log[0].before).toMatchObject({ scores: { environment: 100, order: 100 } })
    expect((await cloud.ok(admin, 'ranking', 'board', { period: PERIOD })).rows.find((r: { villageId: string }) => r.villageId === 'py-06').score).toBe(weightedTotal({ environment: 98, order: 100 }, weights))
  })

  it('the 通报\'s findings list the deduction with its photo, 点位 and unit; the export too', async () => {
    expect((await cloud.call(resident, 'ranking', 'findings', { period: PERIOD })).status).toBe(403)
    const f = await cloud.ok(admin, 'ranking', 'findings', { period: PERIOD })
    expect(f.items).toEqual([expect.objectContaining({ siteName: '周庄村农贸市场', villageName: '周庄村', unitName: '城管执法局', deduction: 1.5, photos: [photo], caseId: shortfall.caseId, evaluator: expect.any(String) })])
    const sheet = await cloud.ok(admin, 'ranking', 'exportFindings', { period: PERIOD })
    expect(sheet.filename).toBe('测评问题清单-2027-01.csv')
    expect(sheet.csv).toContain('周庄村农贸市场')
    expect(sheet.csv).toContain('城管执法局')
    expect(sheet.rows[1]).toEqual(expect.arrayContaining(['周庄村', '周庄村农贸市场', '城管执法局', 1.5]))
  })
})

describe('a 大测评', () => {
  it('takes every 点位 of its villages; 志愿服务, which no item of the 测评体系 counts against, is the live figures\' suggestion', async () => {
    now = new Date('2027-02-10T09:00:00+08:00')
    const round = await cloud.ok(admin, 'ranking', 'planRound', { period: '2027-02', perVillage: 1, villageIds: ['py-06'], evaluators: [evaluatorId] })
    expect(round).toMatchObject({ kind: 'major', perVillage: null })
    expect(round.sites.map((x: { siteId: string }) => x.siteId)).toEqual(['cp-alley'])
    const alley = (await cloud.ok(evaluator, 'ranking', 'mySites', { period: '2027-02' })).items[0]
    await cloud.ok(evaluator, 'ranking', 'inspect', { period: '2027-02', siteId: 'cp-alley', clientKey: 'cp-alley-feb-1', answers: alley.items.map((i: { id: string }) => ({ itemId: i.id, passed: true })) })
    const figures = await cloud.ok(admin, 'ranking', 'villageMonthFigures', { villageId: 'py-06', period: '2027-02' })
    const closed = await cloud.ok(evaluator, 'ranking', 'closeRound', { period: '2027-02' })
    expect(closed.scores).toEqual([expect.objectContaining({ villageId: 'py-06', scores: { environment: 100, order: 100, publicAds: 100, civility: 100, volunteering: figures.suggested.volunteering } })])
  })
})

describe('局委包路段', () => {
  it('a case filed within the distance of a 路段 goes to the 路段\'s unit; farther away, the village\'s routing', async () => {
    const file = (n: number, latitude: number, longitude: number) =>
      cloud.ok(resident, 'report', 'create', { clientId: `cp-road-case-${n}`, category: 'zhandao', description: '路边占道经营需要处理', photos: [], location: { latitude, longitude } })
    const onRoad = await file(1, 35.75712, 115.078) // ~13 m from 建设路
    const away = await file(2, 35.7601, 115.078) // ~340 m away
    expect(onRoad.unitId).toBe('unit-gongdian')
    expect(away.unitId).not.toBe('unit-gongdian')
    expect(onRoad.villageId).toBe(away.villageId)
  })
})
