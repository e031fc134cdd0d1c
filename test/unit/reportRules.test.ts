import { boxAround, deadlineState, distanceMeters, dueAt, dueState, mayHandle, mayseeReporter, startOfLocalDay } from '../../cloud/core/report/rules'

const created = new Date('2026-11-20T09:00:00+08:00')
const r = (status: 'submitted' | 'resolved' = 'submitted') => ({ status, createdAt: created, dueAt: dueAt(created, 24) })

describe('report rules', () => {
  it('a case is 超期 at its deadline and 预警 at twice the time allowed, only while open', () => {
    expect(deadlineState(r(), new Date('2026-11-21T08:59:00+08:00'))).toBe('ok')
    expect(deadlineState(r(), new Date('2026-11-21T09:00:00+08:00'))).toBe('overdue')
    expect(deadlineState(r(), new Date('2026-11-22T09:00:00+08:00'))).toBe('warned')
    expect(deadlineState(r('resolved'), new Date('2026-11-23T09:00:00+08:00'))).toBe('ok')
  })

  it('the deadline chip (issue 24): 即将超期 in the last quarter of the time allowed, then 超期 and 预警 as deadlineState says; nothing once closed', () => {
    expect(dueState(r(), new Date('2026-11-21T02:59:00+08:00'))).toBe('ok') // 6 h 1 min of 24 left
    expect(dueState(r(), new Date('2026-11-21T03:00:00+08:00'))).toBe('soon') // 6 h left
    expect(dueState(r(), new Date('2026-11-21T08:59:00+08:00'))).toBe('soon')
    expect(dueState(r(), new Date('2026-11-21T09:00:00+08:00'))).toBe('overdue')
    expect(dueState(r(), new Date('2026-11-22T09:00:00+08:00'))).toBe('warned')
    expect(dueState(r('resolved'), new Date('2026-11-21T08:00:00+08:00'))).toBe('ok')
    // a reopened case counts its quarter from the reopening
    const reopened = { status: 'reopened' as const, createdAt: new Date('2026-11-01T09:00:00+08:00'), deadlineFrom: created, dueAt: dueAt(created, 24) }
    expect(dueState(reopened, new Date('2026-11-21T02:00:00+08:00'))).toBe('ok')
    expect(dueState(reopened, new Date('2026-11-21T04:00:00+08:00'))).toBe('soon')
  })

  it('a reopened case is warned at twice its time allowed from the reopening, not from the filing', () => {
    const filed = new Date('2026-11-01T09:00:00+08:00')
    const reopened = new Date('2026-11-11T09:00:00+08:00') // day 10 of a 24-hour case
    const c = { status: 'reopened' as const, createdAt: filed, deadlineFrom: reopened, dueAt: dueAt(reopened, 24) }
    expect(deadlineState(c, new Date('2026-11-12T08:59:00+08:00'))).toBe('ok')
    expect(deadlineState(c, new Date('2026-11-12T09:00:00+08:00'))).toBe('overdue')
    expect(deadlineState(c, new Date('2026-11-13T09:00:00+08:00'))).toBe('warned')
  })

  it('the reporter is shown to the reporter, and unless anonymous to the unit’s staff and admins; never to other residents or units', () => {
    const open = { openid: 'a', anonymous: false, unitId: 'u1' }
    const hidden = { openid: 'a', anonymous: true, unitId: 'u1' }
    expect(mayseeReporter(open, { openid: 'a', role: 'resident', unitId: null })).toBe(true)
    expect(mayseeReporter(open, { openid: 'b', role: 'resident', unitId: null })).toBe(false)
    expect(mayseeReporter(open, { openid: 's', role: 'staff', unitId: 'u1' })).toBe(true)
    expect(mayseeReporter(open, { openid: 't', role: 'staff', unitId: 'u2' })).toBe(false)
    expect(mayseeReporter(open, { openid: 'm', role: 'admin', unitId: null })).toBe(true)
    expect(mayseeReporter(hidden, { openid: 's', role: 'admin', unitId: null })).toBe(false)
    expect(mayseeReporter(hidden, { openid: 'a', role: 'resident', unitId: null })).toBe(true)
    expect(mayseeReporter(open, null)).toBe(false)
  })

  it('staff handle their own unit’s cases; admins every case', () => {
    expect(mayHandle({ unitId: 'u1' }, { role: 'staff', unitId: 'u1' })).toBe(true)
    expect(mayHandle({ unitId: 'u1' }, { role: 'staff', unitId: 'u2' })).toBe(false)
    expect(mayHandle({ unitId: 'u1' }, { role: 'admin', unitId: null })).toBe(true)
    expect(mayHandle({ unitId: 'u1' }, { role: 'resident', unitId: 'u1' })).toBe(false)
  })

  it('distances and the search box agree: every point within the radius is inside the box', () => {
    const p = { latitude: 35.76, longitude: 115.03 }
    expect(distanceMeters(p, { latitude: 35.76 + 0.001, longitude: 115.03 })).toBeCloseTo(111.2, 0)
    const box = boxAround(p, 250)
    for (let deg = 0; deg < 360; deg += 15) {
      const rad = (deg * Math.PI) / 180
      const q = { latitude: p.latitude + (249 / 111_195) * Math.cos(rad), longitude: p.longitude + ((249 / 111_195) * Math.sin(rad)) / Math.cos((p.latitude * Math.PI) / 180) }
      expect(distanceMeters(p, q)).toBeLessThanOrEqual(250)
      expect(q.latitude >= box.minLat && q.latitude <= box.maxLat && q.longitude >= box.minLng && q.longitude <= box.maxLng).toBe(true)
    }
  })

  it('the reporting day starts at midnight in the district (UTC+8)', () => {
    expect(startOfLocalDay(new Date('2026-11-20T23:30:00+08:00'), 480).toISOString()).toBe('2026-11-19T16:00:00.000Z')
    expect(startOfLocalDay(new Date('2026-11-21T00:10:00+08:00'), 480).toISOString()).toBe('2026-11-20T16:00:00.000Z')
  })
})

describe('dueAt with the district calendar (限时办结 in working days)', () => {
  const cal = { skipWeekends: true, holidays: ['2027-01-01'], workdays: ['2026-12-26'] }
  const at = (s: string) => new Date(s)
  it('counts calendar hours without a calendar', () => {
    expect(dueAt(at('2026-12-04T17:00:00+08:00'), 24)).toEqual(at('2026-12-05T17:00:00+08:00'))
  })
  it('skips the weekend: filed on Friday at 17:00, a 24 h case is due on Monday at 17:00', () => {
    expect(dueAt(at('2026-12-04T17:00:00+08:00'), 24, cal, 480)).toEqual(at('2026-12-07T17:00:00+08:00'))
  })
  it('filed on Saturday, counts from Monday 00:00; a 72 h case spans into the next week', () => {
    expect(dueAt(at('2026-12-05T10:00:00+08:00'), 24, cal, 480)).toEqual(at('2026-12-08T00:00:00+08:00'))
    expect(dueAt(at('2026-12-03T09:00:00+08:00'), 72, cal, 480)).toEqual(at('2026-12-08T09:00:00+08:00'))
  })
  it('skips holidays and works on make-up Saturdays (调休)', () => {
    // New Year's Day 2027 is a Friday holiday: Thursday 12:00 + 24 h → Monday 12:00
    expect(dueAt(at('2026-12-31T12:00:00+08:00'), 24, cal, 480)).toEqual(at('2027-01-04T12:00:00+08:00'))
    // 2026-12-26 is a working Saturday: Friday 20:00 + 24 h → Saturday 20:00
    expect(dueAt(at('2026-12-25T20:00:00+08:00'), 24, cal, 480)).toEqual(at('2026-12-26T20:00:00+08:00'))
  })
  it('uses the district\'s days, not the server\'s: Friday 23:30 in Beijing is still Friday', () => {
    expect(dueAt(at('2026-12-04T23:30:00+08:00'), 1, cal, 480)).toEqual(at('2026-12-07T00:30:00+08:00'))
  })
})
