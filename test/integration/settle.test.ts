import { startCloud, type TestCloud } from '../helpers/cloud'
import { settleEnded } from '../../cloud/core/volunteer/cases'

/**
 * Reads only read (issue 22, item 2): volunteers still checked in when their drive ended are
 * credited by the sweep (`settleEnded`, the `sla` timer), never by a read. Until the sweep ran, the
 * drive, its roster, 我的志愿, the leaderboard and the certificate answer them as credited without
 * writing, and on CloudBase the leaderboard's calls do not grow with them.
 */
let now = new Date('2026-11-24T08:00:00+08:00')
let cloud: TestCloud
let staff: string
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  staff = await cloud.login('demo-staff')
})
afterAll(() => cloud.close())

const setNow = (iso: string) => (now = new Date(iso))
const day = (d: number, h: number, m = 0) => `2026-11-${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`

/** A 2-hour drive on day `d` with `n` volunteers who check in (the first at 09:00, the rest at 09:30) and never check out. */
async function driveNeverCheckedOut(d: number, prefix: string, n: number) {
  setNow(day(d - 1, 8))
  const a = await cloud.ok(staff, 'volunteer', 'create', { title: `清理 ${prefix}`, description: '带手套', villageId: 'py-01', address: '幸福村村委会', startAt: day(d, 9), endAt: day(d, 11), capacity: n })
  const tokens = await Promise.all(Array.from({ length: n }, (_, i) => cloud.login(`${prefix}-${i}`)))
  for (const t of tokens) await cloud.ok(t, 'volunteer', 'signup', { activityId: a.id })
  for (const [i, t] of tokens.entries()) {
    setNow(day(d, 9, i === 0 ? 0 : 30))
    const code = (await cloud.ok(staff, 'volunteer', 'get', { id: a.id })).checkinCode as string
    expect(await cloud.ok(t, 'volunteer', 'checkIn', { activityId: a.id, code })).toMatchObject({ status: 'checkedIn' })
  }
  return { id: a.id as string, tokens }
}

/** Database calls of one action on CloudBase (null on SQLite), and the writes among them. */
async function counted<T>(fn: () => Promise<T>): Promise<{ answer: T; calls: number | null; writes: number | null }> {
  const emulator = cloud.emulator
  emulator?.resetCalls()
  const answer = await fn()
  if (!emulator) return { answer, calls: null, writes: null }
  const writes = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.startTransaction', 'database.commitTransaction']
    .reduce((n, api) => n + (emulator.calls.get(api) ?? 0), 0)
  return { answer, calls: emulator.callCount(), writes }
}

it('reads answer unsettled volunteers as credited and write nothing; the leaderboard\'s calls stay fixed; the sweep settles them', async () => {
  const first = await driveNeverCheckedOut(25, 'st-a', 3)
  setNow(day(25, 12)) // the drive ended an hour ago; no sweep has run
  const reader = first.tokens[1]!

  const small = await counted(() => cloud.ok(reader, 'volunteer', 'leaderboard', { scope: 'all' }))
  // 09:00 → 11:00 is 120 minutes; 09:30 → 11:00 is 90
  expect(small.answer.items.map((r: { rank: number; minutes: number }) => [r.rank, r.minutes])).toEqual([[1, 120], [2, 90], [2, 90]])
  expect(small.answer.me).toEqual({ rank: 2, minutes: 90, stars: 0 })
  expect((await cloud.ok(reader, 'volunteer', 'leaderboard', { scope: 'month' })).me).toEqual({ rank: 2, minutes: 90, stars: 0 })

  // thirty more who never checked out, of a later drive: the board changes, its cost does not
  const second = await driveNeverCheckedOut(26, 'st-b', 30)
  setNow(day(26, 12))
  const big = await counted(() => cloud.ok(reader, 'volunteer', 'leaderboard', { scope: 'all' }))
  // the first of each drive: 120 + (none), the rest 90; st-b-0 has 120, like st-a-0
  expect(big.answer.items).toHaveLength(20)
  expect(big.answer.items.slice(0, 3).map((r: { rank: number; minutes: number }) => [r.rank, r.minutes])).toEqual([[1, 120], [1, 120], [3, 90]])
  expect(big.answer.me).toEqual({ rank: 3, minutes: 90, stars: 0 })
  if (cloud.emulator) {
    expect(big.writes).toBe(0)
    expect(small.writes).toBe(0)
    expect(big.calls).toBe(small.calls)
    expect(big.calls).toBeLessThanOrEqual(6)
  }

  // the drive, the roster, 我的志愿 and the certificate answer them credited, and write nothing
  const volunteer = second.tokens[5]!
  await cloud.ok(volunteer, 'user', 'updateProfile', { realName: '欧阳明月' })
  const got = await counted(() => cloud.ok(volunteer, 'volunteer', 'get', { id: second.id }))
  expect(got.answer.mySignup).toMatchObject({ status: 'completed', minutes: 90, checkOutAt: null })
  const roster = await counted(() => cloud.ok(staff, 'volunteer', 'roster', { activityId: second.id }))
  expect(roster.answer.items).toHaveLength(30)
  expect(roster.answer.items.every((s: { status: string; minutes: number }) => s.status === 'completed' && (s.minutes === 90 || s.minutes === 120))).toBe(true)
  const mine = await counted(() => cloud.ok(volunteer, 'volunteer', 'mine', {}))
  expect(mine.answer.items[0]).toMatchObject({ status: 'completed', minutes: 90, activity: { id: second.id, status: 'finished' } })
  const cert = await counted(() => cloud.ok(volunteer, 'volunteer', 'certificate'))
  expect(cert.answer).toMatchObject({ name: '欧阳明月', hours: 1.5, drives: 1 })
  // the village's hours count them too: 120 + 90 + 90 and 120 + 29 × 90 minutes
  const figures = await counted(() => cloud.ok(volunteer, 'report', 'figures', { villageId: 'py-01' }))
  expect(figures.answer.village).toMatchObject({ drives: 2, volunteerHours: 50.5 })
  for (const r of [got, roster, mine, figures]) if (r.writes !== null) expect(r.writes).toBe(0)
  // the certificate stores the certificate (one write) and nothing else
  if (cert.writes !== null) expect(cert.writes).toBe(1)
  expect(await cloud.store.volunteer.getSignup(second.id, 'st-b-5')).toMatchObject({ status: 'checkedIn', minutes: 0 })
  expect(await cloud.store.volunteer.getSignup(first.id, 'st-a-1')).toMatchObject({ status: 'checkedIn', minutes: 0 })
  expect((await cloud.ok(volunteer, 'user', 'me')).volunteerMinutes).toBe(0)

  // the sweep credits all 33, once
  expect(await settleEnded(cloud.deps)).toBe(33)
  expect(await settleEnded(cloud.deps)).toBe(0)
  expect(await cloud.store.volunteer.getSignup(second.id, 'st-b-5')).toMatchObject({ status: 'completed', minutes: 90 })
  expect((await cloud.ok(volunteer, 'user', 'me')).volunteerMinutes).toBe(90)
  // and every answer is what it was before
  expect(await cloud.ok(reader, 'volunteer', 'leaderboard', { scope: 'all' })).toEqual(big.answer)
  expect((await cloud.ok(volunteer, 'volunteer', 'get', { id: second.id })).mySignup).toEqual(got.answer.mySignup)
  expect(await cloud.ok(staff, 'volunteer', 'roster', { activityId: second.id })).toEqual(roster.answer)
  expect((await cloud.ok(volunteer, 'volunteer', 'certificate')).number).toBe(cert.answer.number)
  expect((await cloud.ok(volunteer, 'report', 'figures', { villageId: 'py-01' })).village).toEqual(figures.answer.village)
})

it('the leaderboard ranks the caller among volunteers whose unsettled minutes lift them above', async () => {
  // st-c-0 credited (checks out) 60 minutes; st-c-1 and st-c-2 never check out and end with 120 and 90
  setNow(day(27, 8))
  const a = await cloud.ok(staff, 'volunteer', 'create', { title: '清理 c', description: '带手套', villageId: 'py-01', address: '幸福村村委会', startAt: day(28, 9), endAt: day(28, 11), capacity: 3 })
  const [c0, c1, c2] = await Promise.all([0, 1, 2].map((i) => cloud.login(`st-c-${i}`)))
  for (const t of [c0, c1, c2]) await cloud.ok(t!, 'volunteer', 'signup', { activityId: a.id })
  const codeAt = async (iso: string) => {
    setNow(iso)
    return (await cloud.ok(staff, 'volunteer', 'get', { id: a.id })).checkinCode as string
  }
  await cloud.ok(c0!, 'volunteer', 'checkIn', { activityId: a.id, code: await codeAt(day(28, 9)) })
  await cloud.ok(c1!, 'volunteer', 'checkIn', { activityId: a.id, code: await codeAt(day(28, 9)) })
  await cloud.ok(c2!, 'volunteer', 'checkIn', { activityId: a.id, code: await codeAt(day(28, 9, 30)) })
  expect(await cloud.ok(c0!, 'volunteer', 'checkOut', { activityId: a.id, code: await codeAt(day(28, 10)) })).toMatchObject({ status: 'completed', minutes: 60 })
  setNow(day(28, 11, 5))
  // this month: st-c-1 120, st-c-2 90 (both unsettled) above st-c-0's stored 60, beside the 33 of the first test
  const board = await cloud.ok(c0!, 'volunteer', 'leaderboard', { scope: 'month' })
  expect(board.me).toEqual({ rank: 36, minutes: 60, stars: 0 })
  const settled = await settleEnded(cloud.deps)
  expect(settled).toBe(2)
  expect((await cloud.ok(c0!, 'volunteer', 'leaderboard', { scope: 'month' })).me).toEqual({ rank: 36, minutes: 60, stars: 0 })
})
