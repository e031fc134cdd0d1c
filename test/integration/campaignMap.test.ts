import { startCloud, type TestCloud } from '../helpers/cloud'
import { centroidOf, distanceToSite, polygonProblem, ringProblem, siteAt } from '../../cloud/core/campaign/shapes'

/**
 * Issue 26, on both stores over HTTP: 点位 drawn as polygons (imported or drawn in the console's
 * map), checked (closed, not crossing itself, within the district), and used: a resident's case
 * inside a 点位's polygon goes to the 点位's unit; 点位 and 路段 edited one at a time
 * (`ranking.putSite`, `ranking.putRoad`), 停用 and logged.
 */
let now = new Date('2027-01-12T09:00:00+08:00')
let cloud: TestCloud
let admin: string
let resident: string

// inside 焦庄村 (py-04) of the demo district: 115.060–115.072 E, 35.755–35.765 N
const MARKET: [number, number][][] = [[[115.062, 35.758], [115.066, 35.758], [115.066, 35.761], [115.062, 35.761], [115.062, 35.758]]]
const ROAD: [number, number][] = [[115.062, 35.763], [115.070, 35.763]]

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  admin = await cloud.login('demo-admin')
  resident = await cloud.login('cm-resident')
})
afterAll(() => cloud.close())

// a case a minute and a half apart: the resident's per-minute limit never interferes
const file = (n: number, latitude: number, longitude: number) =>
  (now = new Date(now.getTime() + 90_000), cloud.ok(resident, 'report', 'create', { clientId: `cm-case-${n}`, category: 'zhandao', description: '这里有占道经营需要处理', photos: [], location: { latitude, longitude } }))

describe('the shapes (pure rules)', () => {
  it('a ring must be closed, have three corners and an area, and not cross itself', () => {
    expect(ringProblem(MARKET[0]!)).toBeNull()
    expect(ringProblem([[0, 0], [1, 0], [1, 1], [0, 1]])).toMatch(/未闭合/)
    expect(ringProblem([[0, 0], [1, 0], [0, 0]] as [number, number][])).toMatch(/至少 3 个顶点/)
    expect(ringProblem([[0, 0], [1, 0], [2, 0], [0, 0]])).toMatch(/面积为零|自相交/)
    expect(ringProblem([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toMatch(/自相交/) // a bow tie
    expect(ringProblem([[0, 0], [2, 0], [2, 2], [1, 2], [1, 0], [0, 1], [0, 0]] as [number, number][])).toMatch(/自相交/)
    expect(polygonProblem([MARKET[0]!, [[115.07, 35.7], [115.071, 35.7], [115.071, 35.701], [115.07, 35.7]]])).toMatch(/内环不在外环之内/)
  })

  it('a polygon\'s centre, and the distance to a 点位: 0 inside, else to its nearest edge', () => {
    expect(centroidOf(MARKET)).toEqual({ longitude: 115.064, latitude: 35.7595 })
    const site = { location: centroidOf(MARKET), polygon: MARKET, active: true }
    expect(distanceToSite({ latitude: 35.759, longitude: 115.063 }, site)).toBe(0)
    // 0.001° of latitude north of the top edge: about 111 m, wherever the centre is
    expect(distanceToSite({ latitude: 35.762, longitude: 115.064 }, site)).toBeGreaterThan(105)
    expect(distanceToSite({ latitude: 35.762, longitude: 115.064 }, site)).toBeLessThan(116)
    const point = { location: { latitude: 35.7595, longitude: 115.064 }, polygon: null, active: true }
    expect(siteAt({ latitude: 35.759, longitude: 115.063 }, [point, site], 0)).toBe(site)
    expect(siteAt({ latitude: 35.75951, longitude: 115.064 }, [point], 0)).toBeNull()
    expect(siteAt({ latitude: 35.75951, longitude: 115.064 }, [point], 20)).toBe(point)
    expect(siteAt({ latitude: 35.759, longitude: 115.063 }, [{ ...site, active: false }], 20)).toBeNull()
    // a market inside a park: the market's
    const park = { location: centroidOf(MARKET), polygon: [[[115.06, 35.755], [115.07, 35.755], [115.07, 35.765], [115.06, 35.765], [115.06, 35.755]]] as [number, number][][], active: true }
    expect(siteAt({ latitude: 35.759, longitude: 115.063 }, [park, site], 0)).toBe(site)
    expect(siteAt({ latitude: 35.759, longitude: 115.063 }, [site, park], 0)).toBe(site)
    expect(siteAt({ latitude: 35.756, longitude: 115.069 }, [site, park], 0)).toBe(park)
  })
})

describe('polygon 点位', () => {
  it('imports a polygon 点位 (its point the centre); a ring crossing itself or leaving the district is named and changes nothing', async () => {
    const before = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites
    const bow = await cloud.call(admin, 'ranking', 'importSites', {
      rows: [{ row: 2, id: 'cm-bow', name: '交叉的市场', kind: '农贸市场', polygon: [[[115.062, 35.758], [115.066, 35.761], [115.066, 35.758], [115.062, 35.761], [115.062, 35.758]]], villageId: 'py-04', unitId: 'unit-gongdian' }]
    })
    expect(bow.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.0.polygon', message: '第 2 行：多边形的边自相交' } })
    const far = await cloud.call(admin, 'ranking', 'importSites', {
      rows: [{ row: 3, id: 'cm-far', name: '区外的市场', kind: '农贸市场', polygon: [[[116.062, 35.758], [116.066, 35.758], [116.066, 35.761], [116.062, 35.758]]], villageId: 'py-04', unitId: 'unit-gongdian' }]
    })
    expect(far.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.0.polygon', message: '第 3 行：多边形第 1 个顶点不在本区的村居范围内' } })
    const open = await cloud.call(admin, 'ranking', 'importSites', {
      rows: [{ row: 4, id: 'cm-open', name: '没闭合的市场', kind: '农贸市场', polygon: [MARKET[0]!.slice(0, 4)], villageId: 'py-04', unitId: 'unit-gongdian' }]
    })
    expect(open.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '第 4 行：多边形未闭合：最后一个点应与第一个点相同' } })
    const none = await cloud.call(admin, 'ranking', 'importSites', { rows: [{ row: 5, id: 'cm-none', name: '没有位置', kind: '农贸市场', villageId: 'py-04', unitId: 'unit-gongdian' }] })
    expect(none.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.0.latitude' } })
    expect((await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites).toEqual(before)

    expect(await cloud.ok(admin, 'ranking', 'importSites', {
      rows: [{ row: 2, id: 'cm-market', name: '焦庄村农贸市场', kind: '农贸市场', polygon: MARKET, villageId: 'py-04', unitId: 'unit-gongdian' }]
    })).toEqual({ created: 1, updated: 0 })
    const stored = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.find((s: { id: string }) => s.id === 'cm-market')
    expect(stored).toMatchObject({ polygon: MARKET, location: { longitude: 115.064, latitude: 35.7595 }, kind: 'market', active: true })
  })

  it('a resident\'s case inside the polygon goes to the 点位\'s unit; outside it, the village\'s routing', async () => {
    const inside = await file(1, 35.7592, 115.0645)
    const outside = await file(2, 35.7625, 115.0645)
    expect(inside.unitId).toBe('unit-gongdian')
    expect(outside.unitId).not.toBe('unit-gongdian')
    expect(inside.villageId).toBe('py-04')
  })
})

describe('editing one 点位 or 路段 (the console\'s map)', () => {
  it('draws a 路段 and edits it; a case near it goes to its unit; 停用, it no longer does', async () => {
    const bad = await cloud.call(admin, 'ranking', 'putRoad', { id: 'cm-road', name: '焦庄路', unitId: 'unit-nowhere', line: ROAD })
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId', message: '责任单位「unit-nowhere」不存在' } })
    const short = await cloud.call(admin, 'ranking', 'putRoad', { id: 'cm-road', name: '焦庄路', unitId: 'unit-zhujian', line: [ROAD[0]] })
    expect(short.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await cloud.ok(admin, 'ranking', 'putRoad', { id: 'cm-road', name: '焦庄路', unitId: 'unit-zhujian', line: ROAD })).toEqual({ id: 'cm-road', name: '焦庄路', unitId: 'unit-zhujian', line: ROAD, active: true })
    expect((await file(3, 35.76312, 115.066)).unitId).toBe('unit-zhujian') // ~13 m from it
    await cloud.ok(admin, 'ranking', 'putRoad', { id: 'cm-road', name: '焦庄路', unitId: 'unit-chengguan', line: ROAD })
    expect((await file(4, 35.76312, 115.066)).unitId).toBe('unit-chengguan')
    await cloud.ok(admin, 'ranking', 'putRoad', { id: 'cm-road', name: '焦庄路', unitId: 'unit-gongdian', line: ROAD, active: false })
    expect((await file(5, 35.76312, 115.066)).unitId).not.toBe('unit-gongdian')
    const roads = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).roads.filter((r: { id: string }) => r.id === 'cm-road')
    expect(roads).toEqual([{ id: 'cm-road', name: '焦庄路', unitId: 'unit-gongdian', line: ROAD, active: false }])
  })

  it('adds a point 点位, redraws it as a polygon, checks it like the import, 停用s it; each change logged', async () => {
    const bad = await cloud.call(admin, 'ranking', 'putSite', { id: 'cm-park', name: '焦庄村广场', kind: 'park', villageId: 'py-04', unitId: 'unit-town-puyang' })
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'location', message: '请填写经纬度，或画出点位的范围（多边形）' } })
    const wrongRoad = await cloud.call(admin, 'ranking', 'putSite', { id: 'cm-park', name: '焦庄村广场', kind: 'park', location: { latitude: 35.7565, longitude: 115.0685 }, villageId: 'py-04', unitId: 'unit-town-puyang', roadId: 'no-road' })
    expect(wrongRoad.body).toMatchObject({ ok: false, error: { field: 'roadId', message: '路段「no-road」不存在' } })
    const point = await cloud.ok(admin, 'ranking', 'putSite', { id: 'cm-park', name: '焦庄村广场', kind: 'park', location: { latitude: 35.7565, longitude: 115.0685 }, villageId: 'py-04', unitId: 'unit-town-puyang' })
    expect(point).toMatchObject({ id: 'cm-park', polygon: null, location: { latitude: 35.7565, longitude: 115.0685 }, address: null, roadId: null, active: true })
    // a point 点位 attracts nothing at the default distance (0: only polygons)
    expect((await file(6, 35.7565, 115.0685)).unitId).not.toBe('unit-town-puyang')

    const square: [number, number][][] = [[[115.068, 35.756], [115.069, 35.756], [115.069, 35.757], [115.068, 35.757], [115.068, 35.756]]]
    const crossing = await cloud.call(admin, 'ranking', 'putSite', { ...point, polygon: [[square[0]![0]!, square[0]![2]!, square[0]![1]!, square[0]![3]!, square[0]![0]!]] })
    expect(crossing.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'polygon', message: '多边形的边自相交' } })
    const drawn = await cloud.ok(admin, 'ranking', 'putSite', { id: 'cm-park', name: '焦庄村文化广场', kind: 'park', polygon: square, location: { latitude: 1, longitude: 1 }, villageId: 'py-04', unitId: 'unit-town-puyang', address: '焦庄村南' })
    expect(drawn).toMatchObject({ name: '焦庄村文化广场', polygon: square, location: { latitude: 35.7565, longitude: 115.0685 }, address: '焦庄村南' })
    expect((await file(7, 35.7562, 115.0682)).unitId).toBe('unit-town-puyang')

    await cloud.ok(admin, 'ranking', 'putSite', { ...drawn, active: false })
    expect((await file(8, 35.7562, 115.0683)).unitId).not.toBe('unit-town-puyang')
    const sites = (await cloud.ok(admin, 'ranking', 'campaignPlaces', {})).sites.filter((s: { id: string }) => s.id === 'cm-park')
    expect(sites).toEqual([{ ...drawn, active: false }])

    const log = await cloud.ok(admin, 'user', 'operationLog', { action: 'campaign.site', target: 'cm-park' })
    expect(log.items).toHaveLength(3)
    expect(log.items[0]).toMatchObject({ action: 'campaign.site', target: 'cm-park', before: { active: true, name: '焦庄村文化广场' }, after: { active: false } })
  })
})

describe('walking to a polygon 点位, and the evaluator\'s 复查 queue', () => {
  it('the walk measures to the polygon\'s nearest edge; the 整改 case found there waits in its evaluator\'s 复查 queue, not another\'s', async () => {
    const evaluator = await cloud.login('cm-eval')
    const handle = (await cloud.ok(admin, 'user', 'setRole', { openid: 'cm-eval', role: 'staff', unitId: 'unit-zhujian', evaluator: true })).userId
    const another = await cloud.login('cm-eval2')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'cm-eval2', role: 'staff', unitId: 'unit-zhujian', evaluator: true })
    const fixer = await cloud.login('cm-gongdian')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'cm-gongdian', role: 'staff', unitId: 'unit-gongdian' })
    await cloud.ok(admin, 'ranking', 'planRound', { period: '2027-01', villageIds: ['py-04'], perVillage: 50, evaluators: [handle] })

    const inside = (await cloud.ok(evaluator, 'ranking', 'mySites', { period: '2027-01', location: { latitude: 35.7592, longitude: 115.0645 } })).items
    const market = inside.find((s: { id: string }) => s.id === 'cm-market')
    expect(market).toMatchObject({ distance: 0, polygon: MARKET })
    expect(inside[0].id).toBe('cm-market') // nearest first: the one we stand in
    const north = (await cloud.ok(evaluator, 'ranking', 'mySites', { period: '2027-01', location: { latitude: 35.762, longitude: 115.064 } })).items.find((s: { id: string }) => s.id === 'cm-market')
    expect(north.distance).toBeGreaterThanOrEqual(105) // to the north edge (35.761), not to the centre (~278 m)
    expect(north.distance).toBeLessThanOrEqual(116)

    const photo = await cloud.photoOf(evaluator)
    const answers = market.items.map((i: { id: string }, n: number) => (n === 0 ? { itemId: i.id, passed: false, count: 1, photos: [photo], note: '市场东侧垃圾未清' } : { itemId: i.id, passed: true }))
    const { findings } = await cloud.ok(evaluator, 'ranking', 'inspect', { period: '2027-01', siteId: 'cm-market', clientKey: 'cm-market-key-1', answers })
    expect(findings).toHaveLength(1)
    const caseId = findings[0].caseId
    const filed = await cloud.ok(fixer, 'report', 'get', { id: caseId })
    // the case is placed at the polygon's centre, for the 点位's unit
    expect(filed).toMatchObject({ unitId: 'unit-gongdian', source: 'inspection', location: { latitude: 35.7595, longitude: 115.064 } })

    expect((await cloud.ok(evaluator, 'report', 'verifyQueue', {})).items).toEqual([])
    await cloud.ok(fixer, 'report', 'accept', { id: caseId })
    expect((await cloud.ok(fixer, 'report', 'resolve', { id: caseId, note: '已清理干净', photos: [await cloud.photoOf(fixer)] })).status).toBe('verifying')
    expect((await cloud.ok(evaluator, 'report', 'verifyQueue', {})).items.map((r: { id: string }) => r.id)).toEqual([caseId])
    expect((await cloud.ok(another, 'report', 'verifyQueue', {})).items).toEqual([])
    expect((await cloud.call(resident, 'report', 'verifyQueue', {})).status).toBe(403)
    // re-checked from the queue: gone from it
    expect((await cloud.ok(evaluator, 'report', 'verify', { id: caseId, passed: true, note: '复查已整改到位' })).status).toBe('resolved')
    expect((await cloud.ok(evaluator, 'report', 'verifyQueue', {})).items).toEqual([])
  })
})
