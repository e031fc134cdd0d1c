import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 13's public views: report.feed, report.map, report.figures and the public form of
 * report.get. What a neighbour sees is checked field by field: never the reporter or an openid,
 * no rating comment, no address of an anonymous case.
 */
let now = new Date('2026-11-20T09:00:00+08:00')
let cloud: TestCloud
let reporter: string
let neighbour: string
let staff: string
let visitor: string

const market = { latitude: 35.7612, longitude: 115.03 }
const ids: Record<string, string> = {}
let seq = 0
const tick = (ms = 1000) => (now = new Date(now.getTime() + ms))

const file = async (token: string, over: Record<string, unknown>) => {
  tick()
  return cloud.ok(token, 'report', 'create', {
    clientId: `public-${++seq}`, category: 'zhandao', description: '路口有摊贩占道经营，影响通行', photos: [await cloud.photoOf(token)], location: { ...market }, ...over
  })
}

let before: { village: { received: number; accepted: number; resolved: number; onTimeRate: number | null }; district: { received: number; accepted: number; resolved: number } }

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  reporter = await cloud.login('public-reporter')
  neighbour = await cloud.login('public-neighbour')
  visitor = await cloud.login('public-visitor') // no home village
  staff = await cloud.login('demo-staff')
  await cloud.ok(reporter, 'user', 'updateProfile', { nickname: '报案的张三', villageId: 'py-01' })
  await cloud.ok(neighbour, 'user', 'updateProfile', { villageId: 'py-01' })
  before = await cloud.ok(neighbour, 'report', 'figures', {})

  ids.anonymous = (await file(reporter, { anonymous: true, location: { ...market, address: '幸福村3号楼张三家门口' }, description: '楼下门口有人长期占道摆摊' })).id
  ids.named = (await file(reporter, { location: { latitude: 35.7616, longitude: 115.0305, address: '幸福村菜市场东门' } })).id
  ids.resolved = (await file(reporter, { anonymous: true, location: { latitude: 35.7609, longitude: 115.0297, address: '幸福村张三家后院' }, description: '菜市场西口堆放杂物' })).id
  await cloud.ok(staff, 'report', 'accept', { id: ids.resolved })
  tick()
  await cloud.ok(staff, 'report', 'resolve', { id: ids.resolved, note: '已清理干净', photos: [await cloud.photoOf(staff)] })
  tick()
  await cloud.ok(reporter, 'report', 'rate', { id: ids.resolved, score: 4, comment: '张三很满意，电话13800000000' })
  ids.rejected = (await file(reporter, { description: '这一条会被驳回的上报' })).id
  await cloud.ok(staff, 'report', 'reject', { id: ids.rejected, reason: '不属于本单位职责' })
  ids.praise = (await file(reporter, { category: 'dianzan', description: '保洁阿姨每天把巷子扫得很干净' })).id
  // a case in another village, 2.5 km away: not in 幸福村's feed nor within 2 km
  ids.far = (await file(neighbour, { location: { latitude: 35.7612, longitude: 115.0577 }, description: '远处村子的占道经营' })).id
}, 60000)
afterAll(() => cloud.close())

const KEYS = [
  'afterPhotos', 'anonymous', 'category', 'categoryName', 'createdAt', 'description', 'distance', 'dueAt', 'dueState', 'hidden', 'hiddenPhotos', 'id', 'isMine', 'kind', 'location',
  'moderation', 'overdue', 'photos', 'rating', 'reply', 'reporter', 'resolvedAt', 'status', 'supportCount', 'timeline', 'unitId', 'villageId'
]

describe('report.feed', () => {
  it('answers the village\'s public problems newest first, field by field in public form', async () => {
    const page = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', latitude: market.latitude, longitude: market.longitude })
    const mine = page.items.map((r: { id: string }) => r.id).filter((id: string) => Object.values(ids).includes(id))
    expect(mine).toEqual([ids.resolved, ids.named, ids.anonymous]) // no praise, no rejected case, not the other village's
    const byId = new Map(page.items.map((r: { id: string }) => [r.id, r]))
    const anonymous = byId.get(ids.anonymous) as Record<string, any>
    // the feed names each case's village (its place in words when the public form has no address)
    expect(Object.keys(anonymous).sort()).toEqual([...KEYS, 'villageName'].sort())
    expect(anonymous).toMatchObject({
      villageName: '幸福村', category: 'zhandao', categoryName: '占道经营', description: '楼下门口有人长期占道摆摊', villageId: 'py-01', status: 'submitted', anonymous: true,
      kind: 'problem', reporter: null, isMine: false, rating: null, reply: null, afterPhotos: [], supportCount: 0, resolvedAt: null, distance: 0,
      moderation: 'passed', hidden: null, hiddenPhotos: [],
      location: { latitude: market.latitude, longitude: market.longitude, address: null }
    })
    expect(anonymous.photos).toHaveLength(1)
    expect(anonymous.timeline).toEqual([{ at: expect.any(String), action: 'submitted', status: 'submitted', note: null, actorRole: 'resident' }])
    const named = byId.get(ids.named) as Record<string, any>
    expect(named).toMatchObject({ reporter: null, anonymous: false, location: { address: '幸福村菜市场东门' } })
    expect(named.distance).toBeGreaterThan(30)
    expect(named.distance).toBeLessThan(80)
    const resolved = byId.get(ids.resolved) as Record<string, any>
    expect(resolved).toMatchObject({ status: 'closed', reporter: null, rating: { score: 4, comment: null }, reply: '已清理干净', location: { address: null } })
    expect(resolved.afterPhotos).toHaveLength(1)
    expect(resolved.photos).toHaveLength(1)
    expect(resolved.timeline.map((e: { action: string; note: string | null }) => [e.action, e.note])).toEqual([
      ['submitted', null], ['accept', null], ['resolve', '已清理干净'], ['rate', '4 星']
    ])
    // nothing personal anywhere in the answer
    const text = JSON.stringify(page)
    for (const secret of ['public-reporter', '报案的张三', '13800000000', '很满意', '3号楼张三家', '张三家后院', 'openid']) expect(text).not.toContain(secret)

    // the reporter's own cases carry 「我的」 (isMine, as view.ts decides), in the same public form: no openid, no name
    const theirs = await cloud.ok(reporter, 'report', 'feed', { scope: 'village', latitude: market.latitude, longitude: market.longitude })
    const own = theirs.items.filter((r: { id: string }) => Object.values(ids).includes(r.id))
    expect(own.map((r: { id: string; isMine: boolean }) => [r.id, r.isMine])).toEqual([[ids.resolved, true], [ids.named, true], [ids.anonymous, true]])
    expect(page.items.some((r: { isMine: boolean }) => r.isMine)).toBe(false)
    expect(JSON.stringify(theirs)).not.toMatch(/public-reporter|报案的张三|openid/)
  })

  it('defaults to the caller\'s home village, filters by status and category, and pages', async () => {
    const all = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village' })
    expect(all.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([ids.anonymous, ids.named, ids.resolved]))
    expect(all.items.every((r: { villageId: string; kind: string; distance?: number }) => r.villageId === 'py-01' && r.kind === 'problem' && r.distance === undefined)).toBe(true)
    const open = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', status: 'open' })
    expect(open.items.map((r: { id: string }) => r.id)).toEqual([ids.named, ids.anonymous])
    const done = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', status: 'resolved' })
    expect(done.items.map((r: { id: string }) => r.id)).toEqual([ids.resolved])
    expect((await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', category: 'feixian' })).items).toEqual([])
    const first = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', limit: 2 })
    expect(first.items).toHaveLength(2)
    const second = await cloud.ok(neighbour, 'report', 'feed', { scope: 'village', limit: 2, cursor: first.nextCursor })
    expect(second.items.map((r: { id: string }) => r.id)).toEqual([ids.anonymous])
    // the reporter learns which are their own, still in public form
    const own = await cloud.ok(reporter, 'report', 'feed', { scope: 'village' })
    expect(own.items.find((r: { id: string }) => r.id === ids.resolved)).toMatchObject({ isMine: true, reporter: null, rating: { comment: null } })
  })

  it('nearby: within 2 km of the point whatever the village, with distances', async () => {
    const near = await cloud.ok(visitor, 'report', 'feed', { scope: 'nearby', latitude: market.latitude, longitude: market.longitude })
    const got = near.items.map((r: { id: string }) => r.id)
    expect(got).toEqual(expect.arrayContaining([ids.anonymous, ids.named, ids.resolved]))
    expect(got).not.toContain(ids.far)
    expect(got).not.toContain(ids.praise)
    expect(got).not.toContain(ids.rejected)
    expect(near.items.every((r: { distance: number }) => r.distance >= 0 && r.distance <= 2000)).toBe(true)
    const there = await cloud.ok(visitor, 'report', 'feed', { scope: 'nearby', latitude: 35.7612, longitude: 115.0577 })
    expect(there.items.map((r: { id: string }) => r.id)).toEqual([ids.far])
  })

  it('refuses what it cannot answer with a field and a Chinese message', async () => {
    const homeless = await cloud.call(visitor, 'report', 'feed', { scope: 'village' })
    expect(homeless.status).toBe(400)
    expect(homeless.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scope', message: expect.stringContaining('村居') } })
    const noPoint = await cloud.call(neighbour, 'report', 'feed', { scope: 'nearby' })
    expect(noPoint.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'latitude' } })
    const half = await cloud.call(neighbour, 'report', 'feed', { scope: 'village', latitude: 35.7 })
    expect(half.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'latitude' } })
    const away = await cloud.call(neighbour, 'report', 'feed', { scope: 'village', latitude: 39.9, longitude: 116.4 })
    expect(away.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'location' } })
  })
})

describe('report.get', () => {
  it('answers a neighbour the public form and the reporter and staff the whole case', async () => {
    const pub = await cloud.ok(neighbour, 'report', 'get', { id: ids.resolved })
    // a signed-in neighbour also learns what they may do (我也遇到 while it is open): `actions`
    expect(Object.keys(pub).sort()).toEqual([...KEYS.filter((k) => k !== 'distance'), 'actions'].sort())
    expect(pub).toMatchObject({ reporter: null, isMine: false, rating: { score: 4, comment: null }, location: { address: null } })
    expect(JSON.stringify(pub)).not.toMatch(/13800000000|张三|public-reporter/)
    const own = await cloud.ok(reporter, 'report', 'get', { id: ids.resolved })
    expect(own).toMatchObject({ reporter: { nickname: '报案的张三' }, isMine: true, rating: { score: 4, comment: '张三很满意，电话13800000000' }, location: { address: '幸福村张三家后院' } })
    const handled = await cloud.ok(staff, 'report', 'get', { id: ids.resolved })
    expect(handled).toMatchObject({ reporter: null, rating: { comment: '张三很满意，电话13800000000' }, location: { address: '幸福村张三家后院' } }) // anonymous: staff see no name
  })
})

describe('report.map', () => {
  const box = { south: 35.70, west: 114.97, north: 35.82, east: 115.09 }
  it('answers each public case in the box as a marker at street zoom, and clusters when zoomed out', async () => {
    const street = await cloud.ok(neighbour, 'report', 'map', { ...box, zoom: 20 })
    expect(Object.keys(street).sort()).toEqual(['clusters', 'markers'])
    const marker = street.markers.find((m: { id: string }) => m.id === ids.named)
    expect(marker).toEqual({ id: ids.named, latitude: 35.7616, longitude: 115.0305, status: 'submitted', category: 'zhandao' })
    expect(Object.keys(street.markers[0]).sort()).toEqual(['category', 'id', 'latitude', 'longitude', 'status'])
    const markerIds = street.markers.map((m: { id: string }) => m.id)
    expect(markerIds).toEqual(expect.arrayContaining([ids.anonymous, ids.named, ids.resolved, ids.far]))
    expect(markerIds).not.toContain(ids.praise)
    expect(markerIds).not.toContain(ids.rejected)
    const total = street.markers.length + street.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0)
    const town = await cloud.ok(neighbour, 'report', 'map', { ...box, zoom: 11 })
    expect(town.clusters.length).toBeGreaterThan(0)
    expect(town.clusters[0]).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number), count: expect.any(Number) })
    expect(town.markers.length + town.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(total)
    expect(JSON.stringify(town) + JSON.stringify(street)).not.toMatch(/public-reporter|张三|openid/)
    // a box elsewhere holds none of them
    const empty = await cloud.ok(neighbour, 'report', 'map', { south: 35.5, west: 114.5, north: 35.51, east: 114.51, zoom: 15 })
    expect(empty).toEqual({ clusters: [], markers: [] })
    const inverted = await cloud.call(neighbour, 'report', 'map', { ...box, south: 36, zoom: 12 })
    expect(inverted.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'south' } })
  })
})

describe('report.figures', () => {
  it('counts this month in the village and the district: 上报, 受理, 办结, 按期率', async () => {
    const after = await cloud.ok(neighbour, 'report', 'figures', {})
    expect(after.period).toBe('2026-11')
    // four problems filed (上报) in 幸福村 (praise never counts), one of them accepted (受理: the rejected one is not) and resolved on time; one more problem elsewhere
    expect(after.village).toMatchObject({ id: 'py-01', name: '幸福村', received: before.village.received + 4, accepted: before.village.accepted + 1, resolved: before.village.resolved + 1 })
    expect(after.village.onTimeRate).toBe(100)
    expect(after.district).toMatchObject({ received: before.district.received + 5, accepted: before.district.accepted + 1, resolved: before.district.resolved + 1 })
    const other = await cloud.ok(visitor, 'report', 'figures', { villageId: (await cloud.ok(neighbour, 'report', 'get', { id: ids.far })).villageId })
    expect(other.village).toMatchObject({ received: 1, accepted: 0, resolved: 0, onTimeRate: null })
    expect((await cloud.ok(visitor, 'report', 'figures', {})).village).toBeNull()
    expect((await cloud.call(visitor, 'report', 'figures', { villageId: 'nowhere' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
