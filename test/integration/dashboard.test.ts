import { startCloud, type TestCloud } from '../helpers/cloud'
import type { Dashboard } from '../../types/report'
import type { StoredReport } from '../../cloud/core/report/ports'
import { REGIONS } from '../../cloud/seed/demo'

/**
 * report.dashboard (issue 14): the figures are checked against the cases actually stored — known
 * cases filed, accepted, resolved and left overdue on known days (a fixed clock), and every figure
 * recomputed here from the store's own cases and timelines by the definitions of types/report.ts.
 */
let now = new Date('2026-11-03T10:00:00+08:00')
const at = (iso: string) => (now = new Date(iso))
let cloud: TestCloud
let reporter: string
let staff: string
let zhujian: string
let resident: string
let admin: string
let seq = 0
const ids: Record<string, string> = {}

const XINGFU = { latitude: 35.7612, longitude: 115.03 } // 幸福村 py-01
const YANKOU = { latitude: 35.76, longitude: 115.042 } // 闫口村 py-02
const file = async (category: string, location = XINGFU) =>
  (await cloud.ok(reporter, 'report', 'create', { clientId: `dashboard-${++seq}`, category, description: '仪表盘测试上报的问题', photos: [], location })).id as string

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  reporter = await cloud.login('dash-reporter')
  resident = await cloud.login('dash-resident')
  staff = await cloud.login('demo-staff') // 城管执法局
  admin = await cloud.login('demo-admin')
  zhujian = await cloud.login('dash-zhujian')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'dash-zhujian', role: 'staff', unitId: 'unit-zhujian' })
  const photo = await cloud.photoOf(staff)

  at('2026-10-28T10:00:00+08:00')
  ids.october = await file('zhandao') // before the month: outside this month's range
  at('2026-11-03T10:00:00+08:00')
  ids.a = await file('zhandao') // accepted and resolved on time, rated 5
  at('2026-11-03T11:00:00+08:00')
  await cloud.ok(staff, 'report', 'accept', { id: ids.a })
  at('2026-11-04T09:00:00+08:00')
  await cloud.ok(staff, 'report', 'resolve', { id: ids.a, note: '已清理', photos: [photo] })
  await cloud.ok(reporter, 'report', 'rate', { id: ids.a, score: 5 })
  at('2026-11-05T10:00:00+08:00')
  ids.b = await file('zhandao', YANKOU) // accepted the next day, resolved late
  at('2026-11-06T10:00:00+08:00')
  await cloud.ok(staff, 'report', 'accept', { id: ids.b })
  at('2026-11-10T10:00:00+08:00')
  await cloud.ok(staff, 'report', 'resolve', { id: ids.b, note: '已清理', photos: [photo] })
  at('2026-11-12T10:00:00+08:00')
  ids.c = await file('weidang') // 住建局's, left open: overdue now
  at('2026-11-13T10:00:00+08:00')
  ids.e = await file('zhandao') // rejected
  await cloud.ok(staff, 'report', 'reject', { id: ids.e, reason: '不属于本单位职责' })
  at('2026-11-19T20:00:00+08:00')
  ids.d = await file('zhandao') // open, not yet due
  ids.praise = (await cloud.ok(reporter, 'report', 'create', { clientId: `dashboard-${++seq}`, category: 'dianzan', description: '保洁阿姨每天把巷子扫得很干净', photos: [], location: XINGFU })).id
  // a drive held in 幸福村 on 11-10 with 90 credited minutes
  const start = new Date('2026-11-10T09:00:00+08:00')
  await cloud.store.volunteer.insertActivity({
    id: 'dash-drive', title: '仪表盘清理', description: '', villageId: 'py-01', address: '幸福村', startAt: start, endAt: new Date(start.getTime() + 7200_000), capacity: 10,
    confirmedCount: 1, waitlistCount: 0, waitlistSeq: 0, signupDeadline: start, cancelled: false, cancelReason: null, organizerOpenid: 'demo-staff',
    checkinSecret: 'dash-secret', reportIds: [], latitude: null, longitude: null, createdAt: start
  })
  await cloud.store.volunteer.putSignup({ activityId: 'dash-drive', openid: 'dash-resident', status: 'completed', seq: 0, signedUpAt: start, checkInAt: start, checkOutAt: new Date(start.getTime() + 5400_000), minutes: 90 })
  at('2026-11-20T09:00:00+08:00')
}, 90_000)
afterAll(() => cloud.close())

// ---- the figures recomputed from the store ----
const localDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
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
async function expected(from: string, to: string, unitId: string | null) {
  const cases = (await storedProblems()).filter((r) => unitId === null || r.unitId === unitId)
  const timelines = await cloud.store.reports.timelines(cases.map((r) => r.id))
  const inRange = (d: Date | null) => d !== null && localDate(d) >= from && localDate(d) <= to
  const open = (r: StoredReport) => ['submitted', 'accepted', 'reopened'].includes(r.status)
  const done = (r: StoredReport) => ['resolved', 'closed'].includes(r.status)
  const day = new Map<string, { received: number; accepted: number; resolved: number; overdue: number }>()
  const bump = (d: Date, k: 'received' | 'accepted' | 'resolved' | 'overdue') => {
    const key = localDate(d)
    const row = day.get(key) ?? { received: 0, accepted: 0, resolved: 0, overdue: 0 }
    row[k]++
    day.set(key, row)
  }
  const filed = cases.filter((r) => inRange(r.createdAt))
  for (const r of filed) bump(r.createdAt, 'received')
  for (const r of cases) {
    for (const e of timelines.get(r.id)!) if (e.action === 'accept' && inRange(e.at)) bump(e.at, 'accepted')
    if (done(r) && inRange(r.resolvedAt)) bump(r.resolvedAt!, 'resolved')
    if (inRange(r.dueAt) && r.status !== 'rejected' && ((open(r) && r.dueAt < now) || (r.resolvedAt !== null && r.resolvedAt > r.dueAt))) bump(r.dueAt, 'overdue')
  }
  const count = (key: (r: StoredReport) => string | null) => {
    const m = new Map<string | null, number>()
    for (const r of filed) m.set(key(r), (m.get(key(r)) ?? 0) + 1)
    return m
  }
  return { day, filed, byCategory: count((r) => r.category), byVillage: count((r) => r.villageId), byUnit: count((r) => r.unitId), overdueNow: cases.filter((r) => open(r) && r.dueAt < now).map((r) => r.id) }
}

async function check(d: Dashboard, unitId: string | null) {
  const e = await expected(d.from, d.to, unitId)
  for (const row of d.byDay) expect([row.date, row.received, row.accepted, row.resolved, row.overdue]).toEqual([row.date, ...Object.values(e.day.get(row.date) ?? { received: 0, accepted: 0, resolved: 0, overdue: 0 })])
  expect(d.totals.received).toBe(e.filed.length)
  expect(Object.fromEntries(d.byCategory.map((c) => [c.code, c.count]))).toEqual(Object.fromEntries(e.byCategory))
  expect(Object.fromEntries(d.byVillage.filter((v) => v.count).map((v) => [v.villageId, v.count]))).toEqual(Object.fromEntries(e.byVillage))
  expect(Object.fromEntries(d.units.filter((u) => u.received).map((u) => [u.unitId, u.received]))).toEqual(Object.fromEntries(e.byUnit))
  expect(d.totals.overdueNow).toBe(e.overdueNow.length)
  expect(d.overdue.map((o) => o.id).sort()).toEqual([...e.overdueNow].sort())
  return e
}

describe('report.dashboard', () => {
  it('answers this month for an admin: the district, day by day, as stored', async () => {
    const d = await cloud.ok<Dashboard>(admin, 'report', 'dashboard', {})
    expect([d.from, d.to, d.scope]).toEqual(['2026-11-01', '2026-11-20', { kind: 'district' }])
    expect(d.byDay).toHaveLength(20)
    await check(d, null)
    // the known cases, by hand: 5 problems filed in November (not the praise, not October's)
    expect(d.totals).toMatchObject({ received: 5, accepted: 2, resolved: 2, ratingAverage: 5, onTimeRate: 50 })
    const day = (date: string) => d.byDay.find((x) => x.date === date)!
    expect(day('2026-11-03')).toEqual({ date: '2026-11-03', received: 1, accepted: 1, resolved: 0, overdue: 0 })
    expect(day('2026-11-04').resolved).toBe(1)
    expect(day('2026-11-06').accepted).toBe(1)
    expect(day('2026-11-10').resolved).toBe(1)
    expect(d.totals.overdue).toBeGreaterThanOrEqual(2) // b resolved late, c still open
    expect(d.byCategory[0]).toEqual({ code: 'zhandao', name: '占道经营', count: 4 })
    expect(d.byVillage.find((v) => v.villageId === 'py-02')!.count).toBe(1)
    expect(d.byVillage.find((v) => v.villageId === 'py-01')).toMatchObject({ name: '幸福村', count: 4, drives: 1, volunteerHours: 1.5 })
    const chengguan = d.units.find((u) => u.unitId === 'unit-chengguan')!
    expect(chengguan).toMatchObject({ name: '城管执法局', received: 4, resolved: 2, resolvedOnTime: 1, onTimeRate: 50, ratingAverage: 5, ratingCount: 1, overdueOpen: 0 })
    expect(d.units.find((u) => u.unitId === 'unit-zhujian')).toMatchObject({ received: 1, resolved: 0, onTimeRate: null, overdueOpen: 1 })
    expect(d.units.find((u) => u.unitId === 'unit-gongdian')).toMatchObject({ received: 0 }) // every unit is in the table
    // October's open case and c are overdue now, the longest overdue first
    expect(d.overdue).toEqual([expect.objectContaining({ id: ids.october, unitName: '城管执法局' }), expect.objectContaining({ id: ids.c, categoryName: '工地围挡不规范', villageName: '幸福村', unitName: '住建局' })])
    expect(d.overdue[0]!.overdueHours).toBeGreaterThan(0)
  })

  it('answers a chosen range (October included) and keeps days without cases as zeros', async () => {
    const d = await cloud.ok<Dashboard>(admin, 'report', 'dashboard', { from: '2026-10-25', to: '2026-11-05' })
    expect(d.byDay.map((x) => x.date)).toEqual(Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 9, 25 + i)).toISOString().slice(0, 10)))
    await check(d, null)
    expect(d.totals.received).toBe(3) // october, a, b
    expect(d.byDay.find((x) => x.date === '2026-10-30')).toEqual({ date: '2026-10-30', received: 0, accepted: 0, resolved: 0, overdue: 0 })
  })

  it('shows staff their own unit only', async () => {
    const own = await cloud.ok<Dashboard>(staff, 'report', 'dashboard', {})
    expect(own.scope).toEqual({ kind: 'unit', unitId: 'unit-chengguan', name: '城管执法局' })
    await check(own, 'unit-chengguan')
    expect(own.units.map((u) => u.unitId)).toEqual(['unit-chengguan'])
    expect(own.totals.received).toBe(4)
    expect(own.overdue.map((o) => o.id)).toEqual([ids.october]) // 住建局's overdue case is not theirs
    const other = await cloud.ok<Dashboard>(zhujian, 'report', 'dashboard', {})
    expect(other.scope).toMatchObject({ kind: 'unit', unitId: 'unit-zhujian' })
    await check(other, 'unit-zhujian')
    expect(other.totals).toMatchObject({ received: 1, accepted: 0, resolved: 0 })
    expect(other.byCategory.map((c) => c.code)).toEqual(['weidang'])
    expect(other.units.map((u) => u.unitId)).toEqual(['unit-zhujian'])
    expect(JSON.stringify(other)).not.toContain('占道经营') // nothing of 城管's cases
    expect(other.overdue.map((o) => o.id)).toEqual([ids.c])
  })

  it('refuses residents and anonymous callers', async () => {
    expect((await cloud.call(resident, 'report', 'dashboard', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.call(undefined, 'report', 'dashboard', {})).status).toBe(401)
  })

  it.each([
    [{ from: '2026-11-10', to: '2026-11-01' }, 'from', '开始日期不能晚于结束日期'],
    [{ from: '2025-01-01', to: '2026-11-01' }, 'to', '时间范围最长 366 天'],
    [{ from: '2026-02-30' }, 'from', '开始日期不是有效的日期'],
    [{ from: '2026/11/01' }, 'from', '开始日期格式应为 YYYY-MM-DD'],
    [{ from: 20261101 }, 'from', '开始日期必须是日期'],
    [{ to: '2026-11-05', unit: 'x' }, undefined, undefined]
  ])('answers INVALID_INPUT for %j and changes nothing', async (data, field, message) => {
    const answer = await cloud.call(admin, 'report', 'dashboard', data)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', ...(field ? { field } : {}), ...(message ? { message: expect.stringContaining(message) } : {}) } })
    if (!answer.body.ok) expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('shows the drives of every village, not the first 20 (CloudBase answers 20 groups of an aggregation without a limit)', async () => {
    // a drive with 30 credited minutes in each of the demo's 36 villages, in September
    const villages = REGIONS.filter((r) => r.level === 'village')
    expect(villages).toHaveLength(36)
    for (const [i, v] of villages.entries()) {
      const start = new Date(Date.parse('2026-09-10T09:00:00+08:00') + i * 3600_000)
      const id = `dash-all-${i}`
      await cloud.store.volunteer.insertActivity({
        id, title: '各村清理', description: '', villageId: v.id, address: v.name, startAt: start, endAt: new Date(start.getTime() + 3600_000), capacity: 5,
        confirmedCount: 1, waitlistCount: 0, waitlistSeq: 0, signupDeadline: start, cancelled: false, cancelReason: null, organizerOpenid: 'demo-staff',
        checkinSecret: 'dash-secret', reportIds: [], latitude: null, longitude: null, createdAt: start
      })
      await cloud.store.volunteer.putSignup({ activityId: id, openid: 'dash-resident', status: 'completed', seq: 0, signedUpAt: start, checkInAt: start, checkOutAt: new Date(start.getTime() + 1800_000), minutes: 30 })
    }
    const d = await cloud.ok<Dashboard>(admin, 'report', 'dashboard', { from: '2026-09-01', to: '2026-09-30' })
    expect(d.byVillage).toHaveLength(36)
    expect(d.byVillage.filter((v) => v.drives === 1 && v.volunteerHours === 0.5).map((v) => v.villageId).sort()).toEqual(villages.map((v) => v.id).sort())
  })

  it('answers a range of exactly 366 days', async () => {
    const d = await cloud.ok<Dashboard>(admin, 'report', 'dashboard', { from: '2025-11-20', to: '2026-11-20' })
    expect(d.byDay).toHaveLength(366)
    await check(d, null)
    expect(d.totals.received).toBe(6)
  })
})
