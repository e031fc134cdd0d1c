import { startCloud, type TestCloud } from '../helpers/cloud'
import { REGIONS } from '../../cloud/seed/demo'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * The console's 工单 search (issue 14): `report.queue` with text, category, village, town, unit,
 * status, filing dates (district days), overdue and source — on both stores (the `cloudbase` jest
 * project runs this file again on the CloudBase adapter). Known cases are filed on known days with a
 * fixed clock; every answer is checked against the ids expected, and paging goes over several pages.
 */
let now = new Date('2026-11-02T10:00:00+08:00')
const at = (iso: string) => (now = new Date(iso))
let cloud: TestCloud
let resident: string
let staff: string
let townStaff: string
let admin: string
let seq = 0
const ids: Record<string, string> = {}
const paged: string[] = []

const centerOf = (villageId: string) => REGIONS.find((r) => r.id === villageId)!.center!
async function file(category: string, villageId: string, description: string, address?: string) {
  const c = centerOf(villageId)
  const r = await cloud.ok(resident, 'report', 'create', { clientId: `search-${++seq}`, category, description, photos: [], location: { latitude: c.latitude, longitude: c.longitude, ...(address ? { address } : {}) } })
  expect(r.villageId).toBe(villageId)
  return r.id as string
}
/** A case written to the store as an adapter would hold it (a partner's, or one stored before sources: `source` absent). */
async function stored(id: string, over: Partial<StoredReport>) {
  const c = centerOf('py-03')
  const r: StoredReport = {
    id, openid: 'search-partner', clientId: `stored-${id}`, category: 'zhandao', description: '', photos: [], latitude: c.latitude, longitude: c.longitude, address: null,
    villageId: 'py-03', status: 'submitted', unitId: 'unit-chengguan', anonymous: false, supportCount: 0, createdAt: now, dueAt: new Date(now.getTime() + 24 * 3600_000),
    resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, kind: 'problem', moderation: 'passed', hiddenPhotos: [], ...over
  }
  await cloud.store.reports.insert(r)
  await cloud.store.reports.appendEvent({ reportId: id, at: now, action: 'submitted', status: 'submitted', note: null, actorRole: 'resident', actorOpenid: r.openid })
  return id
}

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  resident = await cloud.login('search-resident')
  staff = await cloud.login('demo-staff') // 城管执法局
  admin = await cloud.login('demo-admin')
  townStaff = await cloud.login('search-town-staff')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'search-town-staff', role: 'staff', unitId: 'unit-town-puyang' })

  at('2026-11-02T10:00:00+08:00')
  ids.a = await file('zhandao', 'py-01', '菜市场门口流动摊贩占道经营', '幸福村菜市场东门')
  at('2026-11-03T09:00:00+08:00')
  ids.b = await file('tingche', 'py-02', '村口车辆乱停，占用100%_车道')
  at('2026-11-05T09:00:00+08:00')
  ids.c = await file('zhandao', 'bh-02', '湖滨路口摊贩占道经营', '湖滨路(北)*段')
  at('2026-11-06T09:00:00+08:00')
  ids.e = await stored('search-open311', { description: '热线转来的占道经营', source: 'open311:测试热线' })
  at('2026-11-07T09:00:00+08:00')
  ids.f = await stored('search-legacy', { description: '早年的占道经营记录', villageId: 'py-01' }) // no source: stored before sources
  // filed at 00:30 on the 11th in the district, which is still the 10th in UTC
  at('2026-11-11T00:30:00+08:00')
  ids.d = await file('zhandao', 'py-01', '夜市摊贩占道到凌晨')
  // 23 cases to page through, filed an hour apart on the 8th, and one like them in another town
  for (let i = 0; i < 23; i++) {
    at(`2026-11-08T${String(i).padStart(2, '0')}:10:00+08:00`)
    paged.unshift(await file('laji', 'py-04', `分页测试第${i}件垃圾满溢`))
  }
  ids.otherTown = await file('laji', 'bh-03', '分页测试：滨湖的垃圾满溢')
  at('2026-11-12T09:00:00+08:00')
  await cloud.ok(staff, 'report', 'accept', { id: ids.a })
  await cloud.ok(staff, 'report', 'reject', { id: ids.c, reason: '不属于本单位职责' })
  at('2026-11-20T09:00:00+08:00') // every open case is past its deadline now
}, 120_000)
afterAll(() => cloud.close())

/** Every case of the search, page after page (`limit` each). */
async function search(token: string, input: Record<string, unknown>, limit = 50): Promise<string[]> {
  const out: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await cloud.ok(token, 'report', 'queue', { ...input, limit, ...(cursor ? { cursor } : {}) })
    out.push(...page.items.map((r: { id: string }) => r.id))
    cursor = page.nextCursor ?? undefined
    expect(++pages).toBeLessThan(50)
  } while (cursor)
  return out
}
const sorted = (list: string[]) => [...list].sort()

it('finds a part of the description or of the address, taking % _ and regular-expression characters literally', async () => {
  expect(sorted(await search(admin, { q: '占道' }))).toEqual(sorted([ids.a!, ids.c!, ids.d!, ids.e!, ids.f!]))
  expect(await search(admin, { q: '菜市场东门' })).toEqual([ids.a]) // the address only
  expect(await search(admin, { q: '  东门 ' })).toEqual([ids.a]) // trimmed
  expect(await search(admin, { q: '100%_' })).toEqual([ids.b])
  expect(await search(admin, { q: '%' })).toEqual([ids.b])
  expect(await search(admin, { q: '_' })).toEqual([ids.b])
  expect(await search(admin, { q: '路(北)*' })).toEqual([ids.c])
  expect(await search(admin, { q: '.*' })).toEqual([])
  expect(await search(admin, { q: '' })).toHaveLength(30) // blank: no text filter
})

it('filters by category, village, town, unit and status', async () => {
  expect(await search(admin, { category: 'tingche' })).toEqual([ids.b])
  expect(sorted(await search(admin, { villageId: 'py-01' }))).toEqual(sorted([ids.a!, ids.d!, ids.f!]))
  expect(sorted(await search(admin, { townId: 'town-binhu' }))).toEqual(sorted([ids.c!, ids.otherTown!]))
  expect(await search(admin, { townId: 'town-binhu', villageId: 'py-01' })).toEqual([]) // the village is not in the town
  expect(await search(admin, { townId: 'town-puyang', villageId: 'py-02' })).toEqual([ids.b])
  expect(await search(admin, { unitId: 'unit-jiaojing' })).toEqual([ids.b])
  expect(await search(admin, { status: 'accepted', q: '占道' })).toEqual([ids.a])
  expect(await search(admin, { category: 'zhandao', status: 'rejected' })).toEqual([ids.c])
})

it('filters by filing day on the district clock, both days included', async () => {
  expect(sorted(await search(admin, { from: '2026-11-02', to: '2026-11-03' }))).toEqual(sorted([ids.a!, ids.b!]))
  expect(await search(admin, { from: '2026-11-10', to: '2026-11-10' })).toEqual([]) // 00:30 on the 11th is not the 10th here
  expect(await search(admin, { from: '2026-11-11', to: '2026-11-11' })).toEqual([ids.d])
  expect(await search(admin, { from: '2026-11-09', category: 'zhandao' })).toEqual([ids.d])
  expect(sorted(await search(admin, { to: '2026-11-03' }))).toEqual(sorted([ids.a!, ids.b!]))
})

it('filters by overdue and by source (cases stored before sources are the app’s)', async () => {
  // c was rejected: not open, so not overdue
  expect(sorted(await search(admin, { q: '占道', overdue: true }))).toEqual(sorted([ids.a!, ids.d!, ids.e!, ids.f!]))
  expect(await search(admin, { source: 'open311:测试热线' })).toEqual([ids.e])
  expect(await search(admin, { source: 'open311:别的系统' })).toEqual([])
  const app = await search(admin, { source: 'app', category: 'zhandao' })
  expect(sorted(app)).toEqual(sorted([ids.a!, ids.c!, ids.d!, ids.f!]))
  expect(await search(staff, { source: 'open311:测试热线', q: '热线' })).toEqual([ids.e])
})

it('keeps staff to their own unit: another unit is FORBIDDEN, their own is theirs only', async () => {
  const refused = await cloud.call(staff, 'report', 'queue', { unitId: 'unit-jiaojing' })
  expect(refused.status).toBe(403)
  expect(refused.body).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看本单位的工单' } })
  const own = await search(staff, { unitId: 'unit-chengguan', q: '占道' })
  expect(sorted(own)).toEqual(sorted([ids.a!, ids.c!, ids.d!, ids.e!, ids.f!]))
  // without a unit, staff still see only their own: 交警's case is not found by its text
  expect(await search(staff, { q: '100%_' })).toEqual([])
  // an admin may ask for any unit
  expect(await search(admin, { unitId: 'unit-town-puyang', q: '分页' })).toHaveLength(23)
})

it('refuses bad input with its field and Chinese message', async () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ q: '占'.repeat(51) }, 'q', '搜索词最多 50 个字'],
    [{ q: 5 }, 'q', '搜索词必须是文字'],
    [{ from: '2026-11-05', to: '2026-11-01' }, 'from', '开始日期不能晚于结束日期'],
    [{ from: '2025-11-01', to: '2026-11-02' }, 'to', '时间范围最长 366 天'],
    [{ from: '2026-02-30' }, 'from', '开始日期不是有效的日期'],
    [{ to: '2026/11/01' }, 'to', '结束日期格式应为 YYYY-MM-DD'],
    [{ source: 'wechat' }, 'source', '来源应为 app、phone、visit、inspection（测评整改）或 open311:接入方名称'],
    [{ source: 'open311:' }, 'source', '来源应为 app、phone、visit、inspection（测评整改）或 open311:接入方名称'],
    [{ category: 'nope' }, 'category', '问题类别不存在'],
    [{ villageId: 'town-puyang' }, 'villageId', '村居不存在'],
    [{ townId: 'py-01' }, 'townId', '镇街不存在'],
    [{ unitId: 'unit-nope' }, 'unitId', '单位不存在'],
    [{ kind: 'problem', colour: 'red' }, '', '']
  ]
  for (const [input, field, message] of cases) {
    const answer = await cloud.call(admin, 'report', 'queue', input)
    expect({ input, status: answer.status, code: answer.body.ok ? null : answer.body.error.code }).toEqual({ input, status: 400, code: 'INVALID_INPUT' })
    // the schema's messages name the field first (`q：…`), the use case's are the sentence alone
    if (!answer.body.ok && message) expect({ input, field: answer.body.error.field, message: answer.body.error.message.replace(/^[\w.]+：/, '') }).toEqual({ input, field, message })
  }
  // a range of exactly 366 days is accepted
  expect((await cloud.call(admin, 'report', 'queue', { from: '2025-11-02', to: '2026-11-02' })).status).toBe(200)
})

it('pages across several pages with filters, newest first, for admins and for staff', async () => {
  const filter = { category: 'laji', townId: 'town-puyang', q: '分页', from: '2026-11-08', to: '2026-11-08' }
  const first = await cloud.ok(admin, 'report', 'queue', { ...filter, limit: 5 })
  expect(first.items).toHaveLength(5)
  expect(first.nextCursor).toEqual(expect.any(String))
  const all = await search(admin, filter, 5)
  expect(all).toEqual(paged) // 5 pages, newest first, no case twice, none from another town
  // the town office's staff (unit-town-puyang: the 分包 of 垃圾 in 濮阳镇) page their own with a filter
  expect(await search(townStaff, { q: '垃圾满溢', villageId: 'py-04' }, 4)).toEqual(paged)
  // 待办 (by deadline, earliest first) keeps its order and its paging under a filter
  const urgent = await search(townStaff, { urgent: true, q: '分页' }, 6)
  expect(urgent).toEqual([...paged].reverse())
})
