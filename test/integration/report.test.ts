import { startCloud, type TestCloud } from '../helpers/cloud'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { cameraJpeg } from '../helpers/images'
import { thumbOf } from '../../types/photos'
import { sweepDeadlines } from '../../cloud/core/report/cases'

let now = new Date('2026-11-20T09:00:00+08:00')
let cloud: TestCloud
let resident: string
let staff: string
let admin: string

beforeAll(async () => {
  // Limits high enough for the journey's many cases; the rate-limit test starts its own cloud.
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  resident = await cloud.login('demo-resident')
  staff = await cloud.login('demo-staff')
  admin = await cloud.login('demo-admin')
})
afterAll(() => cloud.close())

let seq = 0
const here = { latitude: 35.7612, longitude: 115.0291, address: '幸福村村委会东侧' }
const draft = (over: Record<string, unknown> = {}) => ({
  clientId: `client-${Date.now()}-${++seq}`,
  category: 'zhandao',
  description: '路口有摊贩占道经营，影响通行',
  photos: [] as string[],
  location: here,
  ...over
})
const tick = (ms: number) => (now = new Date(now.getTime() + ms))
/** Files a case one second after the previous one. */
const file = async (token: string, over: Record<string, unknown> = {}) => {
  tick(1000)
  return cloud.ok(token, 'report', 'create', draft({ photos: [await cloud.photoOf(token)], ...over }))
}

describe('where a problem is: report.locate and the case\'s village', () => {
  it('answers the village and town of a point and the villages near it', async () => {
    const at = await cloud.ok(resident, 'report', 'locate', { latitude: 35.7612, longitude: 115.03 })
    expect(at.village).toMatchObject({ id: 'py-01', name: '幸福村', townId: 'town-puyang', townName: '濮阳镇', inside: true })
    expect(at.choices[0]).toMatchObject({ id: 'py-01' })
    expect(at.choices.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['py-02', 'py-07']))
    expect(at.choices.every((c: { distance: number }) => c.distance <= 2000)).toBe(true)
  })

  it('files the case in the village where the problem is, not the reporter\'s home village', async () => {
    const user = await cloud.login('locate-visitor')
    await cloud.ok(user, 'user', 'updateProfile', { villageId: 'py-01' })
    const r = await file(user, { location: { latitude: 35.7, longitude: 115 } })
    expect(r.villageId).toBe('bh-03')
    // a user with no home village gets the problem's village too, with its 分包 unit
    const homeless = await cloud.login('locate-homeless')
    const heap = await file(homeless, { category: 'luandui', location: { latitude: 35.74, longitude: 115.042 } })
    expect(heap).toMatchObject({ villageId: 'yb-02', unitId: 'unit-town-yingbin' })
  })

  it('lets the reporter correct the village to one near the point, not anywhere', async () => {
    const fixed = await file(resident, { location: { latitude: 35.7612, longitude: 115.03 }, villageId: 'py-02' })
    expect(fixed.villageId).toBe('py-02')
    const before = (await cloud.ok(resident, 'report', 'mine', { limit: 50 })).items.length
    const far = await cloud.call(resident, 'report', 'create', draft({ location: { latitude: 35.7612, longitude: 115.03 }, villageId: 'bh-08' }))
    expect(far.status).toBe(400)
    expect(far.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'villageId', message: expect.stringContaining('太远') } })
    expect((await cloud.ok(resident, 'report', 'mine', { limit: 50 })).items.length).toBe(before)
  })

  it('refuses a problem outside the district with a clear error, filing nothing', async () => {
    const away = await cloud.call(resident, 'report', 'locate', { latitude: 39.9, longitude: 116.4 })
    expect(away.status).toBe(400)
    expect(away.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'location', message: expect.stringContaining('不在本区') } })
    const before = (await cloud.ok(resident, 'report', 'mine', { limit: 50 })).items.length
    const filed = await cloud.call(resident, 'report', 'create', draft({ location: { latitude: 39.9, longitude: 116.4 } }))
    expect(filed.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'location' } })
    expect((await cloud.ok(resident, 'report', 'mine', { limit: 50 })).items.length).toBe(before)
  })
})

describe('ranking.importGeography', () => {
  const square = (s: number, w: number, size = 0.01) => ({ type: 'Polygon', coordinates: [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]] })

  it('is for admins only', async () => {
    const input = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'yb-10' }, geometry: square(35.9, 115.2) }] }
    expect((await cloud.call(staff, 'ranking', 'importGeography', input)).status).toBe(403)
    expect((await cloud.call(resident, 'ranking', 'importGeography', input)).status).toBe(403)
  })

  it('checks every feature before storing any', async () => {
    const before = await cloud.ok(resident, 'ranking', 'regions')
    const bad = await cloud.call(admin, 'ranking', 'importGeography', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'yb-10' }, geometry: square(35.9, 115.2) },
        { type: 'Feature', properties: { id: 'nowhere' }, geometry: square(35.95, 115.2) }
      ]
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'features.1.properties.id' } })
    const open = await cloud.call(admin, 'ranking', 'importGeography', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'yb-10' }, geometry: { type: 'Polygon', coordinates: [[[115.2, 35.9], [115.21, 35.9], [115.21, 35.91], [115.2, 35.92]]] } }]
    })
    expect(open.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'features.0.geometry' } })
    expect(await cloud.ok(resident, 'ranking', 'regions')).toEqual(before)
  })

  it('stores boundaries and centers that regions answer and locate follows', async () => {
    // 安居社区 (yb-10) moves to a new place north-east of the district
    const done = await cloud.ok(admin, 'ranking', 'importGeography', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'yb-10' }, geometry: square(35.9, 115.2) }] })
    expect(done).toEqual({ updated: 1 })
    const regions = await cloud.ok(resident, 'ranking', 'regions')
    expect(regions.find((r: { id: string }) => r.id === 'yb-10')).toMatchObject({ center: { latitude: 35.905, longitude: 115.205 }, boundary: square(35.9, 115.2) })
    expect((await cloud.ok(resident, 'report', 'locate', { latitude: 35.905, longitude: 115.205 })).village).toMatchObject({ id: 'yb-10', name: '安居社区', inside: true })
    const r = await file(resident, { location: { latitude: 35.901, longitude: 115.201 } })
    expect(r.villageId).toBe('yb-10')
  })
})

describe('report.create', () => {
  it('files a case with the deadline from the category SLA and the unit from the category', async () => {
    const r = await file(resident)
    expect(r).toMatchObject({ status: 'submitted', category: 'zhandao', categoryName: '占道经营', unitId: 'unit-chengguan', villageId: 'py-01', supportCount: 0, rating: null, anonymous: false })
    expect(Date.parse(r.dueAt) - Date.parse(r.createdAt)).toBe(24 * 3600_000)
    expect(r.createdAt).toMatch(/\+08:00$/)
    expect(r.reporter).toEqual({ nickname: '王秀兰' })
    expect(r.isMine).toBe(true)
    expect(r.timeline).toEqual([expect.objectContaining({ action: 'submitted', status: 'submitted', actorRole: 'resident' })])
  })

  it('sends a town-office category to the town of the problem\'s village (分包 responsibility)', async () => {
    // the reporter lives in 幸福村 (濮阳镇); the problem is in 应滨社区 (yb-02) of 应滨街道
    const r = await file(resident, { category: 'beijie', location: { latitude: 35.74, longitude: 115.042 } })
    expect(r).toMatchObject({ unitId: 'unit-town-yingbin', villageId: 'yb-02' })
  })

  it('ten simultaneous submits with one client id make one case', async () => {
    const token = await cloud.login('double-tapper')
    const d = draft()
    const answers = await Promise.all(Array.from({ length: 10 }, () => cloud.call(token, 'report', 'create', d)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(new Set(answers.map((a) => (a.body.ok ? a.body.data.id : null))).size).toBe(1)
    expect((await cloud.ok(token, 'report', 'mine', {})).items).toHaveLength(1)
  })

  it('limits a user to 5 reports a minute and 20 a day, and a retry of a filed case still answers it', async () => {
    const limited = await startCloud({ clock: () => now })
    const cloud = limited
    const token = await cloud.login('busy-reporter')
    const first = await cloud.ok(token, 'report', 'create', draft({ clientId: 'busy-first-1' }))
    for (let i = 0; i < 4; i++) await cloud.ok(token, 'report', 'create', draft())
    const sixth = await cloud.call(token, 'report', 'create', draft())
    expect(sixth.status).toBe(429)
    expect(sixth.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await cloud.ok(token, 'report', 'create', draft({ clientId: 'busy-first-1' }))).id).toBe(first.id)
    for (let i = 0; i < 3; i++) {
      tick(61_000)
      for (let k = 0; k < 5; k++) await cloud.ok(token, 'report', 'create', draft())
    }
    tick(61_000)
    const twentyFirst = await cloud.call(token, 'report', 'create', draft())
    expect(twentyFirst.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await cloud.ok(token, 'report', 'mine', { limit: 50 })).items).toHaveLength(20)
    await limited.close()
  })

  it('a text that fails the content check is CONTENT_REJECTED and stores nothing', async () => {
    const token = await cloud.login('rude-reporter')
    const answer = await cloud.call(token, 'report', 'create', draft({ description: '这里有人组织赌博活动' }))
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', field: 'description' } })
    expect((await cloud.ok(token, 'report', 'mine', {})).items).toHaveLength(0)
  })

  it.each([
    ['clientId', { clientId: 'short' }],
    ['clientId', { clientId: 'x'.repeat(65) }],
    ['category', { category: 'nope' }],
    ['description', { description: '太短' }],
    ['description', { description: '长'.repeat(501) }],
    ['photos', { photos: Array(10).fill('0'.repeat(32) + '.jpg') }],
    ['photos.0', { photos: ['../../etc/passwd'] }],
    ['location.latitude', { location: { latitude: 91, longitude: 0 } }],
    ['location.longitude', { location: { latitude: 0, longitude: -181 } }],
    ['location', { location: { latitude: 0 } }],
    ['villageId', { villageId: 'town-puyang' }],
    ['anonymous', { anonymous: 'yes' }],
    ['extra', { extra: 1 }]
  ])('bad %s is INVALID_INPUT naming the field', async (field, over) => {
    const token = await cloud.login('bad-input-reporter')
    const answer = await cloud.call(token, 'report', 'create', draft(over))
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!answer.body.ok) expect(answer.body.error.field ?? '').toContain(field.split('.')[0])
    expect((await cloud.ok(token, 'report', 'mine', {})).items).toHaveLength(0)
  })
})

describe('visibility of the reporter', () => {
  it('is shown to the reporter and staff, hidden from others; anonymous hides it from staff too', async () => {
    const open = await file(resident)
    const anonymous = await file(resident, { anonymous: true })
    const other = await cloud.login('curious-neighbour')
    expect((await cloud.ok(other, 'report', 'get', { id: open.id })).reporter).toBeNull()
    expect((await cloud.ok(staff, 'report', 'get', { id: open.id })).reporter).toEqual({ nickname: '王秀兰' })
    expect((await cloud.ok(staff, 'report', 'get', { id: anonymous.id })).reporter).toBeNull()
    expect((await cloud.ok(admin, 'report', 'get', { id: anonymous.id })).reporter).toBeNull()
    expect((await cloud.ok(resident, 'report', 'get', { id: anonymous.id })).reporter).toEqual({ nickname: '王秀兰' })
    const near = await cloud.ok(resident, 'report', 'nearby', { ...here, address: undefined, radius: 250 })
    expect(near.items.length).toBeGreaterThan(0)
    expect(near.items.every((r: { reporter: unknown }) => r.reporter === null)).toBe(true)
    expect((await cloud.call(other, 'report', 'get', { id: 'missing' })).status).toBe(404)
  })
})

describe('nearby and 我也遇到', () => {
  it('finds open cases of the category within the radius, nearest first, and supports once per user', async () => {
    const token = await cloud.login('nearby-reporter')
    const far = await file(token, { category: 'feixian', location: { latitude: here.latitude + 0.01, longitude: here.longitude } })
    const close = await file(token, { category: 'feixian', location: { latitude: here.latitude + 0.001, longitude: here.longitude } })
    const found = await cloud.ok(resident, 'report', 'nearby', { latitude: here.latitude, longitude: here.longitude, radius: 250, category: 'feixian' })
    expect(found.items.map((r: { id: string }) => r.id)).toEqual([close.id])
    expect(found.items[0].distance).toBeGreaterThan(100)
    expect(found.items[0].distance).toBeLessThan(120)
    const wide = await cloud.ok(resident, 'report', 'nearby', { latitude: here.latitude, longitude: here.longitude, radius: 2000, category: 'feixian' })
    expect(wide.items.map((r: { id: string }) => r.id)).toEqual([close.id, far.id])
    // the public form never names the reporter, but tells the caller which cases are their own
    expect(found.items[0]).toMatchObject({ reporter: null, isMine: false })
    const own = await cloud.ok(token, 'report', 'nearby', { latitude: here.latitude, longitude: here.longitude, radius: 250, category: 'feixian' })
    expect(own.items[0]).toMatchObject({ id: close.id, reporter: null, isMine: true })

    expect((await cloud.ok(resident, 'report', 'support', { id: close.id })).supportCount).toBe(1)
    expect((await cloud.ok(resident, 'report', 'support', { id: close.id })).supportCount).toBe(1)
    expect((await cloud.call(token, 'report', 'support', { id: close.id })).status).toBe(409)
    for (const bad of [{ radius: 0 }, { radius: 5001 }, { radius: 2.5 }, { latitude: 100 }]) {
      expect((await cloud.call(resident, 'report', 'nearby', { latitude: 1, longitude: 1, radius: 10, ...bad })).status).toBe(400)
    }
  })
})

describe('handling a case', () => {
  it('accept → resolve → rate, with timeline, messages and points', async () => {
    const before = (await cloud.ok(resident, 'user', 'me')).points
    const unreadBefore = (await cloud.ok(resident, 'user', 'unreadCount')).count
    const r = await file(resident)
    const queue = await cloud.ok(staff, 'report', 'queue', { status: 'submitted', limit: 5 })
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id)

    expect((await cloud.call(staff, 'report', 'resolve', { id: r.id, note: '已处理', photos: [await cloud.photoOf(staff)] })).status).toBe(409)
    const accepted = await cloud.ok(staff, 'report', 'accept', { id: r.id })
    expect(accepted.status).toBe('accepted')
    expect((await cloud.ok(resident, 'user', 'me')).points).toBe(before + 5)
    expect((await cloud.call(staff, 'report', 'accept', { id: r.id })).status).toBe(409)
    tick(60_000)
    expect((await cloud.call(staff, 'report', 'resolve', { id: r.id, note: '已处理', photos: [] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos' } })
    const resolved = await cloud.ok(staff, 'report', 'resolve', { id: r.id, note: '摊贩已劝离，路口恢复畅通', photos: [await cloud.photoOf(staff)] })
    expect(resolved).toMatchObject({ status: 'resolved', reply: '摊贩已劝离，路口恢复畅通', afterPhotos: [await cloud.photoOf(staff)] })
    expect(resolved.resolvedAt).not.toBeNull()

    expect((await cloud.call(staff, 'report', 'rate', { id: r.id, score: 5 })).status).toBe(403)
    expect((await cloud.call(resident, 'report', 'rate', { id: r.id, score: 6 })).status).toBe(400)
    const rated = await cloud.ok(resident, 'report', 'rate', { id: r.id, score: 5, comment: '处理很及时' })
    expect(rated).toMatchObject({ status: 'closed', rating: { score: 5, comment: '处理很及时' } })
    expect(rated.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'accept', 'resolve', 'rate'])
    expect((await cloud.call(resident, 'report', 'rate', { id: r.id, score: 4 })).status).toBe(409)

    const messages = await cloud.ok(resident, 'user', 'messages', {})
    expect(messages.items.slice(0, 2).map((m: { kind: string }) => m.kind)).toEqual(['report.resolved', 'report.accepted'])
    expect((await cloud.ok(resident, 'user', 'unreadCount')).count).toBe(unreadBefore + 2)
  })

  it('reject with a reason; reopen a resolved case; dispatch to another unit', async () => {
    const a = await file(resident)
    expect((await cloud.call(staff, 'report', 'reject', { id: a.id, reason: '' })).status).toBe(400)
    expect(await cloud.ok(staff, 'report', 'reject', { id: a.id, reason: '不属于城管职责' })).toMatchObject({ status: 'rejected' })

    const b = await file(resident)
    await cloud.ok(staff, 'report', 'accept', { id: b.id })
    await cloud.ok(staff, 'report', 'resolve', { id: b.id, note: '已处理完毕', photos: [await cloud.photoOf(staff)] })
    const other = await cloud.login('not-the-reporter')
    expect((await cloud.call(other, 'report', 'reopen', { id: b.id, reason: '还没处理好' })).status).toBe(403)
    const reopened = await cloud.ok(resident, 'report', 'reopen', { id: b.id, reason: '摊贩又回来了' })
    expect(reopened).toMatchObject({ status: 'reopened' })
    expect((await cloud.store.reports.get(b.id))!.deadlineFrom).toEqual(now) // the new deadline counts from the reopening
    expect(await cloud.ok(staff, 'report', 'resolve', { id: b.id, note: '再次劝离并登记', photos: [await cloud.photoOf(staff)] })).toMatchObject({ status: 'resolved' })

    const c = await file(resident)
    expect((await cloud.call(staff, 'report', 'accept', { id: c.id, unitId: 'unit-nope' })).status).toBe(400)
    const moved = await cloud.ok(staff, 'report', 'accept', { id: c.id, unitId: 'unit-zhujian' })
    expect(moved).toMatchObject({ status: 'accepted', unitId: 'unit-zhujian' })
    // now it belongs to 住建局: 城管 staff may no longer act on it, its staff and admins may
    expect((await cloud.call(staff, 'report', 'resolve', { id: c.id, note: '已处理', photos: [await cloud.photoOf(staff)] })).status).toBe(403)
    const zhujian = await cloud.login('zhujian-staff')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'zhujian-staff', role: 'staff', unitId: 'unit-zhujian' })
    expect((await cloud.ok(zhujian, 'report', 'queue', {})).items.map((x: { id: string }) => x.id)).toContain(c.id)
    expect((await cloud.ok(staff, 'report', 'queue', { limit: 50 })).items.map((x: { id: string }) => x.id)).not.toContain(c.id)
    expect(await cloud.ok(zhujian, 'report', 'resolve', { id: c.id, note: '已处理', photos: [await cloud.photoOf(zhujian)] })).toMatchObject({ status: 'resolved' })
  })

  it('residents may not use staff actions', async () => {
    const r = await file(resident)
    for (const [action, data] of [['queue', {}], ['accept', { id: r.id }], ['reject', { id: r.id, reason: '理由理由' }], ['resolve', { id: r.id, note: '说明', photos: [await cloud.photoOf(resident)] }]] as const) {
      const answer = await cloud.call(resident, 'report', action, data)
      expect(answer.status).toBe(403)
    }
    expect((await cloud.ok(resident, 'report', 'get', { id: r.id })).status).toBe('submitted')
  })

  it('the queue pages newest first and filters overdue cases', async () => {
    const page1 = await cloud.ok(admin, 'report', 'queue', { limit: 3 })
    const page2 = await cloud.ok(admin, 'report', 'queue', { limit: 3, cursor: page1.nextCursor })
    const ids = [...page1.items, ...page2.items].map((x: { id: string }) => x.id)
    expect(new Set(ids).size).toBe(6)
    const times = [...page1.items, ...page2.items].map((x: { createdAt: string }) => Date.parse(x.createdAt))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    // the overdue filter on a queue that has both: one case past its 24 h deadline, one not yet
    const late = await file(resident)
    tick(25 * 3600_000)
    const fresh = await file(resident)
    const overdue = (await cloud.ok(admin, 'report', 'queue', { overdue: true, limit: 50 })).items
    const overdueIds = overdue.map((x: { id: string }) => x.id)
    expect(overdueIds).toContain(late.id)
    expect(overdueIds).not.toContain(fresh.id)
    expect(overdue.every((x: { overdue: boolean }) => x.overdue)).toBe(true)
    const all = (await cloud.ok(admin, 'report', 'queue', { limit: 50 })).items.map((x: { id: string }) => x.id)
    expect(all).toEqual(expect.arrayContaining([late.id, fresh.id]))
    // 待办: open cases by deadline — the overdue one before the fresh one, deadlines never decreasing
    const todo = (await cloud.ok(staff, 'report', 'queue', { urgent: true, limit: 50 })).items as { id: string; dueAt: string; status: string }[]
    expect(todo.findIndex((x) => x.id === late.id)).toBeLessThan(todo.findIndex((x) => x.id === fresh.id))
    expect(todo.map((x) => Date.parse(x.dueAt))).toEqual(todo.map((x) => Date.parse(x.dueAt)).sort((a, b) => a - b))
    expect(todo.every((x) => ['submitted', 'accepted', 'reopened'].includes(x.status))).toBe(true)
    // the chips' counts are the server's, whatever their size
    const counts = await cloud.ok(staff, 'report', 'queueCounts')
    const open = todo.length
    expect((counts.byStatus.submitted ?? 0) + (counts.byStatus.accepted ?? 0) + (counts.byStatus.reopened ?? 0)).toBe(open)
    expect(counts.overdue).toBe(todo.filter((x) => Date.parse(x.dueAt) < now.getTime()).length)
    expect(counts.overdue).toBeGreaterThan(0)
  })
})

describe('限时办结 in working days', () => {
  it('with the district calendar, a 24 h case filed on Friday at 17:00 is due on Monday at 17:00, and is not overdue over the weekend', async () => {
    let at = new Date('2026-12-04T17:00:00+08:00')
    const own = await startCloud({ clock: () => at, config: { workCalendar: { skipWeekends: true, holidays: [], workdays: [] } } })
    try {
      const who = await own.login('calendar-resident')
      const r = await own.ok(who, 'report', 'create', { clientId: 'calendar-case-1', category: 'zhandao', description: '周五傍晚路口占道经营', photos: [], location: here })
      expect(r.dueAt).toBe('2026-12-07T17:00:00.000+08:00')
      at = new Date('2026-12-06T20:00:00+08:00') // Sunday evening: more than 24 h later, still in time
      await sweepDeadlines(own.deps)
      expect(await own.ok(who, 'report', 'get', { id: r.id })).toMatchObject({ overdue: false, dueState: 'ok' })
      // the deadline chip (issue 24): 即将超期 in the last quarter of the time allowed, 超期 from the deadline
      at = new Date('2026-12-07T12:00:00+08:00')
      expect(await own.ok(who, 'report', 'get', { id: r.id })).toMatchObject({ overdue: false, dueState: 'soon' })
      at = new Date('2026-12-07T17:00:01+08:00')
      await sweepDeadlines(own.deps)
      expect(await own.ok(who, 'report', 'get', { id: r.id })).toMatchObject({ overdue: true, dueState: 'overdue' })
    } finally {
      await own.close()
    }
  })
})

describe('the right people are told, once, naming the case', () => {
  const inbox = async (token: string) => (await cloud.ok(token, 'user', 'messages', { limit: 50 })).items as { kind: string; title: string; body: string; link: string | null }[]
  const about = <T extends { link: string | null }>(items: T[], id: string) => items.filter((m) => m.link?.endsWith(`id=${id}`))

  it('the unit\'s staff when a case is filed, dispatched to them or reopened; the reporter when accepted and resolved', async () => {
    const jiaojing = await cloud.login('told-jiaojing')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'told-jiaojing', role: 'staff', unitId: 'unit-jiaojing' })
    const r = await file(resident)
    expect(about(await inbox(staff), r.id)).toEqual([expect.objectContaining({ kind: 'report.filed', title: '新工单待受理', body: '占道经营 · 幸福村村委会东侧', link: `/sub-report/handle/index?id=${r.id}` })])
    expect(about(await inbox(jiaojing), r.id)).toEqual([])
    // 城管 dispatches it to 交警大队: their staff are told, 城管 is not told again
    tick(1000)
    await cloud.ok(staff, 'report', 'accept', { id: r.id, unitId: 'unit-jiaojing' })
    expect(about(await inbox(jiaojing), r.id)).toEqual([expect.objectContaining({ kind: 'report.dispatched', title: '李伟（城管）派来一件工单', body: '占道经营 · 幸福村村委会东侧' })])
    expect(about(await inbox(staff), r.id)).toHaveLength(1)
    expect(about(await inbox(resident), r.id)).toEqual([expect.objectContaining({ kind: 'report.accepted', body: expect.stringMatching(/^占道经营 · 幸福村村委会东侧：/) })])
    tick(1000)
    await cloud.ok(jiaojing, 'report', 'resolve', { id: r.id, note: '已劝离', photos: [await cloud.photoOf(jiaojing)] })
    expect(about(await inbox(resident), r.id).map((m) => m.kind)).toEqual(['report.resolved', 'report.accepted'])
    tick(1000)
    await cloud.ok(resident, 'report', 'reopen', { id: r.id, reason: '摊贩又回来了' })
    expect(about(await inbox(jiaojing), r.id)).toEqual([
      expect.objectContaining({ kind: 'report.reopened', title: '工单被重新打开', body: '占道经营 · 幸福村村委会东侧：摊贩又回来了' }),
      expect.objectContaining({ kind: 'report.dispatched' })
    ])
    // a retried submit tells nobody again
    const again = draft()
    await cloud.ok(resident, 'report', 'create', { ...again, photos: [await cloud.photoOf(resident)] })
    const before = (await inbox(staff)).length
    await cloud.ok(resident, 'report', 'create', { ...again, photos: [await cloud.photoOf(resident)] })
    expect((await inbox(staff)).length).toBe(before)
  })
})

describe('文明点赞 is not a problem', () => {
  it('has no deadline, never becomes overdue and is not in any unit\'s problem queue', async () => {
    const p = await file(resident, { category: 'dianzan', description: '张大爷每天清扫楼道，给他点个赞' })
    expect(p).toMatchObject({ kind: 'praise', dueAt: null, overdue: false, status: 'submitted', unitId: 'unit-wenming' })
    const problem = await file(resident)
    expect(problem).toMatchObject({ kind: 'problem', dueAt: expect.stringMatching(/\+08:00$/) })
    tick(30 * 24 * 3600_000)
    await sweepDeadlines(cloud.deps)
    const later = await cloud.ok(admin, 'report', 'get', { id: p.id })
    expect(later).toMatchObject({ overdue: false, status: 'submitted' })
    expect(later.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted'])
    // the problem filed with it did become overdue: the sweep ran
    expect((await cloud.ok(admin, 'report', 'get', { id: problem.id })).timeline.map((e: { action: string }) => e.action)).toContain('overdue')
    const ids = async (input: Record<string, unknown>) => {
      const out: string[] = []
      let cursor: string | null | undefined
      do {
        const page = await cloud.ok(admin, 'report', 'queue', { ...input, limit: 50, ...(cursor ? { cursor } : {}) })
        out.push(...page.items.map((r: { id: string }) => r.id))
        cursor = page.nextCursor
      } while (cursor)
      return out
    }
    const problems = await ids({})
    expect(problems).toContain(problem.id)
    expect(problems).not.toContain(p.id)
    expect(await ids({ overdue: true })).not.toContain(p.id)
    expect(await ids({ kind: 'praise', status: 'submitted' })).toContain(p.id)
  })

  it('is approved or declined by the 文明办 only, never handled like a problem; approval gives points and goes on the wall', async () => {
    const neighbour = await cloud.login('praise-neighbour')
    const p = await file(neighbour, { category: 'dianzan', description: '志愿者李姐义务修好了小区长椅' })
    const other = await file(neighbour, { category: 'dianzan', description: '小区保安帮老人把菜提上楼' })
    const before = (await cloud.ok(neighbour, 'user', 'me')).points
    // staff of another unit may not review it; nobody handles it as a problem
    expect((await cloud.call(staff, 'report', 'review', { id: p.id, approve: true })).status).toBe(403)
    for (const [action, data] of [['accept', {}], ['reject', { reason: '不是问题' }], ['resolve', { note: '已处理', photos: [await cloud.photoOf(admin)] }]] as const) {
      const answer = await cloud.call(admin, 'report', action, { id: p.id, ...data })
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('文明点赞') } })
    }
    // not yet reviewed, it is nobody else's to see, so nobody's to support (the one view of a case)
    expect((await cloud.call(resident, 'report', 'support', { id: p.id })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // a problem is not reviewed
    const problem = await file(resident)
    expect((await cloud.call(admin, 'report', 'review', { id: problem.id, approve: true })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // declining needs a reason
    expect((await cloud.call(admin, 'report', 'review', { id: other.id, approve: false })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })

    const wenming = await cloud.login('wenming-staff')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'wenming-staff', role: 'staff', unitId: 'unit-wenming' })
    const approved = await cloud.ok(wenming, 'report', 'review', { id: p.id, approve: true })
    expect(approved).toMatchObject({ status: 'accepted', kind: 'praise' })
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'approve', status: 'accepted' })
    expect((await cloud.ok(neighbour, 'user', 'me')).points).toBe(before + 5)
    expect((await cloud.ok(neighbour, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'praise.approved', title: '您的文明点赞已上墙' })
    // on the wall it is everyone's to see, and still nobody's to support
    expect((await cloud.call(resident, 'report', 'support', { id: p.id })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '文明点赞不需要支持' } })
    const declined = await cloud.ok(admin, 'report', 'review', { id: other.id, approve: false, reason: '照片看不清' })
    expect(declined.status).toBe('rejected')
    expect((await cloud.ok(neighbour, 'user', 'me')).points).toBe(before + 5)
    expect((await cloud.call(admin, 'report', 'review', { id: p.id, approve: false, reason: '再想想' })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const wall = await cloud.ok(await cloud.login('wall-visitor'), 'report', 'praiseWall', {})
    const ids = wall.items.map((r: { id: string }) => r.id)
    expect(ids).toContain(p.id)
    expect(ids).not.toContain(other.id)
    const shown = wall.items.find((r: { id: string }) => r.id === p.id)
    expect(shown).toMatchObject({ villageName: '幸福村', reporter: null, isMine: false, description: '志愿者李姐义务修好了小区长椅' })
    expect(JSON.stringify(wall)).not.toContain('praise-neighbour')
  })
})

describe('deadlines', () => {
  it('超期 at the deadline messages the unit, 预警 at twice the time messages admins, resolved cases close after 7 days', async () => {
    const r = await file(resident, { category: 'tingche' })
    const resolvedCase = await file(resident)
    await cloud.ok(staff, 'report', 'accept', { id: resolvedCase.id })
    await cloud.ok(staff, 'report', 'resolve', { id: resolvedCase.id, note: '已处理', photos: [await cloud.photoOf(staff)] })
    const jiaojing = await cloud.login('jiaojing-staff')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'jiaojing-staff', role: 'staff', unitId: 'unit-jiaojing' })

    tick(23 * 3600_000)
    await sweepDeadlines(cloud.deps)
    expect((await cloud.ok(admin, 'report', 'get', { id: r.id })).overdue).toBe(false)
    tick(2 * 3600_000)
    await sweepDeadlines(cloud.deps)
    const overdue = await cloud.ok(admin, 'report', 'get', { id: r.id })
    expect(overdue.overdue).toBe(true)
    expect(overdue.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'overdue'])
    expect((await cloud.ok(jiaojing, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'report.overdue' })
    await sweepDeadlines(cloud.deps) // nothing new
    expect((await cloud.ok(admin, 'report', 'get', { id: r.id })).timeline).toHaveLength(2)

    tick(24 * 3600_000)
    await sweepDeadlines(cloud.deps)
    expect((await cloud.ok(admin, 'report', 'get', { id: r.id })).timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'overdue', 'warned'])
    expect((await cloud.ok(admin, 'user', 'messages', {})).items.map((m: { kind: string }) => m.kind)).toContain('report.warned')
    // 工作预警 reaches the unit's staff too, naming the case
    expect((await cloud.ok(jiaojing, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'report.warned', body: '车辆乱停乱放 · 幸福村村委会东侧' })

    tick(7 * 24 * 3600_000)
    await sweepDeadlines(cloud.deps)
    const closed = await cloud.ok(resident, 'report', 'get', { id: resolvedCase.id })
    expect(closed.status).toBe('closed')
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'closed', actorRole: 'system' })
  })

  // SQLite enforces it with triggers; on CloudBase the collection's permissions do (docs/deploy.md).
  const sqliteOnly = process.env.STORE === 'cloudbase' ? it.skip : it
  sqliteOnly('timeline events cannot be changed or removed, even through the database', async () => {
    const db = (cloud.store as unknown as { db: import('better-sqlite3').Database }).db
    expect(() => db.prepare("UPDATE report_events SET note = 'x'").run()).toThrow(/immutable/)
    expect(() => db.prepare('DELETE FROM report_events').run()).toThrow(/immutable/)
  })
})

describe('uploads', () => {
  it('are re-encoded upright with no EXIF (camera, GPS), stored with a thumbnail, and served back', async () => {
    const camera = await cameraJpeg()
    expect(camera.includes(Buffer.from('GPS-Leak-1'))).toBe(true)
    const id = await cloud.upload(resident, new Uint8Array(camera))
    expect(id).toMatch(/^[0-9a-f]{32}\.jpg$/)
    const res = await fetch(`${cloud.url}/files/${id}`)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    const stored = Buffer.from(await res.arrayBuffer())
    expect(stored.includes(Buffer.from('GPS-Leak-1'))).toBe(false)
    const meta = await sharp(stored).metadata()
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['jpeg', 48, 64, undefined, undefined])
    const thumb = await fetch(`${cloud.url}/files/${thumbOf(id)}`)
    expect(thumb.status).toBe(200)
    const t = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
    expect([t.format, t.width, t.height]).toEqual(['jpeg', 48, 64]) // never enlarged
  })

  it('a big photo is scaled down and its thumbnail is small', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#2a6' } }).jpeg().toBuffer()
    const id = await cloud.upload(resident, new Uint8Array(big))
    const photo = await sharp(Buffer.from(await (await fetch(`${cloud.url}/files/${id}`)).arrayBuffer())).metadata()
    expect([photo.width, photo.height]).toEqual([2048, 1536])
    const thumb = await sharp(Buffer.from(await (await fetch(`${cloud.url}/files/${thumbOf(id)}`)).arrayBuffer())).metadata()
    expect([thumb.width, thumb.height]).toEqual([360, 360])
  })

  it('what the image library cannot decode is refused with a clear error, and nothing is stored', async () => {
    const camera = await cameraJpeg()
    const before = fs.readdirSync(path.join(cloud.dataDir, 'files')).length
    for (const bytes of [camera.subarray(0, camera.length >> 1), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg at all')])]) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'broken.jpg')
      const res = await fetch(`${cloud.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${resident}` } })
      expect([res.status, await res.json()]).toEqual([400, { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/无法识别/), field: 'file' } }])
    }
    expect(fs.readdirSync(path.join(cloud.dataDir, 'files')).length).toBe(before)
  })
})

describe('village figures', () => {
  it('count exactly the problems received (上报), accepted (受理: filed and accepted, not rejected), resolved, on time, the ratings and the approved praise of a village in its month', async () => {
    // a cloud of its own, so that every case of the village is one of these
    let at = new Date('2026-10-31T20:00:00+08:00')
    const own = await startCloud({ clock: () => at, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
    try {
      const [who, chengguan, boss] = [await own.login('figures-resident'), await own.login('demo-staff'), await own.login('demo-admin')]
      const inPy05 = { latitude: 35.76, longitude: 115.078 } // 周庄村 (py-05)
      let n = 0
      const make = async (over: Record<string, unknown> = {}) => {
        at = new Date(at.getTime() + 60_000)
        return own.ok(who, 'report', 'create', { clientId: `figures-${++n}-xxxx`, category: 'zhandao', description: '路口有摊贩占道经营', photos: [], location: inPy05, ...over })
      }
      await make() // October: not in November's figures
      at = new Date('2026-11-02T09:00:00+08:00')
      const [onTime, late, open, taken, refused] = [await make(), await make(), await make(), await make(), await make()]
      await make({ location: { latitude: 35.76, longitude: 115.09 } }) // py-06, next door
      const praise = await make({ category: 'dianzan', description: '门口保洁员很负责，点赞' })
      await make({ category: 'dianzan', description: '还没审核的点赞一条' })
      for (const r of [onTime, late, taken]) await own.ok(chengguan, 'report', 'accept', { id: r.id })
      await own.ok(chengguan, 'report', 'reject', { id: refused.id, reason: '不属于本单位职责' })
      await own.ok(chengguan, 'report', 'resolve', { id: onTime.id, note: '已劝离', photos: [await own.photoOf(chengguan)] })
      at = new Date(at.getTime() + 30 * 3600_000) // past the 24 h deadline
      await own.ok(chengguan, 'report', 'resolve', { id: late.id, note: '已劝离', photos: [await own.photoOf(chengguan)] })
      await own.ok(who, 'report', 'rate', { id: onTime.id, score: 4 })
      await own.ok(boss, 'report', 'review', { id: praise.id, approve: true })
      void open
      const stats = await own.store.reports.villageStats('py-05', new Date('2026-11-01T00:00:00+08:00'), new Date('2026-12-01T00:00:00+08:00'))
      // filed 5; accepted 3 (two of them resolved since); the open one was never accepted, the refused one rejected
      expect(stats).toEqual({ received: 5, accepted: 3, resolved: 2, resolvedOnTime: 1, ratingSum: 4, ratingCount: 1, praised: 1 })
      const page = await own.ok(who, 'ranking', 'village', { villageId: 'py-05' })
      expect(page.live).toMatchObject({ period: '2026-11', received: 5, accepted: 3, resolved: 2, onTimeRate: 50, averageRating: 4, praised: 1 })
    } finally {
      await own.close()
    }
  }, 120000) // a cloud of its own (on CloudBase: the emulator too) and a dozen calls
})
