import { startCloud, type TestCloud } from '../helpers/cloud'
import { sweepDeadlines } from '../../cloud/core/report/cases'
import { summaryMoment } from '../../cloud/core/notices/weekly'

/**
 * Issue 25, following: a resident follows villages (关注村居, 消息设置) and gets ONE weekly summary of
 * each — new and fixed public cases, drives coming up — sent by the deadline sweep (the `sla`
 * timer) from the configured weekday and hour, once a week per follower however often the sweep
 * runs, with no reporter and no address. Runs on both stores.
 */
let cloud: TestCloud
let now = Date.now()
beforeAll(async () => {
  cloud = await startCloud({ clock: () => new Date(now), config: { reportsPerDay: 100, reportsPerMinute: 100, weeklySummary: { weekday: 1, hour: 9 } } })
})
afterAll(() => cloud.close())

const DAY = 86400_000
const HOUR = 3600_000
/** District midnight (+08:00) of the next Monday at least a week away. */
const nextMonday = () => {
  let d = Math.floor((now + 8 * HOUR) / DAY) + 7
  while ((d + 4) % 7 !== 1) d++
  return d * DAY - 8 * HOUR
}
const weekly = async (token: string) => (await cloud.ok(token, 'user', 'messages', { limit: 50 })).items.filter((m: { kind: string }) => m.kind === 'village.weekly')

it('summaryMoment: the configured weekday and hour of this week, or of the last one before it comes', () => {
  const monday = Date.parse('2026-12-07T00:00:00+08:00')
  const at = { weekday: 1, hour: 9 }
  expect(summaryMoment(new Date(monday + 10 * HOUR), at, 480).toISOString()).toBe(new Date(monday + 9 * HOUR).toISOString())
  expect(summaryMoment(new Date(monday + 8 * HOUR), at, 480).toISOString()).toBe(new Date(monday - 7 * DAY + 9 * HOUR).toISOString())
  expect(summaryMoment(new Date(monday + 3 * DAY), { weekday: 7, hour: 20 }, 480).toISOString()).toBe(new Date(monday - DAY + 20 * HOUR).toISOString())
})

it('a resident follows villages in 消息设置: unknown villages refused, and stops following', async () => {
  const token = await cloud.login('follow-settings')
  expect(await cloud.ok(token, 'user', 'noticeSettings')).toMatchObject({ villages: [] })
  expect((await cloud.ok(token, 'user', 'followVillage', { villageId: 'py-02', follow: true })).villages).toEqual([{ id: 'py-02', name: expect.any(String) }])
  // again: still one
  await cloud.ok(token, 'user', 'followVillage', { villageId: 'py-02', follow: true })
  expect((await cloud.ok(token, 'user', 'followVillage', { villageId: 'py-01', follow: true })).villages.map((v: { id: string }) => v.id)).toEqual(['py-01', 'py-02'])
  for (const [data, code] of [
    [{ villageId: 'py-nope', follow: true }, 'NOT_FOUND'],
    [{ villageId: '', follow: true }, 'INVALID_INPUT'],
    [{ villageId: 'py-01', follow: 'yes' }, 'INVALID_INPUT']
  ] as const) {
    expect((await cloud.call(token, 'user', 'followVillage', data)).body).toMatchObject({ ok: false, error: { code } })
  }
  expect((await cloud.ok(token, 'user', 'followVillage', { villageId: 'py-02', follow: false })).villages.map((v: { id: string }) => v.id)).toEqual(['py-01'])
})

it('followers get one weekly summary per village from the configured hour, once a week however often the sweep runs; no reporter, no address', async () => {
  const staff = await cloud.login('demo-staff')
  const [a, b, c] = [await cloud.login('follow-a'), await cloud.login('follow-b'), await cloud.login('follow-c')]
  await cloud.ok(a, 'user', 'followVillage', { villageId: 'py-01', follow: true })
  await cloud.ok(a, 'user', 'followVillage', { villageId: 'py-02', follow: true })
  await cloud.ok(b, 'user', 'followVillage', { villageId: 'py-01', follow: true })
  const monday = nextMonday()
  now = monday + 7 * HOUR // Monday 07:00, before the hour
  const reporter = await cloud.login('follow-reporter')
  await cloud.ok(reporter, 'user', 'updateProfile', { nickname: '赵六' })
  await cloud.ok(reporter, 'report', 'create', {
    clientId: 'follow-case-1', category: 'zhandao', description: '路口占道经营', photos: [], villageId: 'py-01', anonymous: true,
    location: { latitude: 35.7612, longitude: 115.03, address: '幸福路 18 号张三家门口' }
  })
  const at = (days: number, h: number) => new Date(monday + days * DAY + h * HOUR).toISOString()
  await cloud.ok(staff, 'volunteer', 'create', { title: '幸福村周三大扫除', description: '带手套', villageId: 'py-01', address: '村委会', startAt: at(2, 9), endAt: at(2, 11), capacity: 5 })
  await sweepDeadlines(cloud.deps)
  expect(await weekly(a)).toEqual([])

  now = monday + 9.5 * HOUR
  await Promise.all([sweepDeadlines(cloud.deps), sweepDeadlines(cloud.deps)])
  now += 60_000
  await sweepDeadlines(cloud.deps)
  const toA = await weekly(a)
  expect(toA).toHaveLength(2)
  const [toB] = await weekly(b)
  expect(await weekly(b)).toHaveLength(1)
  expect(await weekly(c)).toEqual([])
  expect(toB).toMatchObject({ title: expect.stringMatching(/一周动态$/), link: '/sub-ranking/village/index?id=py-01' })
  expect(toB.body).toMatch(/^近一周新增问题 [1-9]\d* 件，办结 \d+ 件；近期活动：.*\d\d-\d\d 09:00 幸福村周三大扫除/)
  expect(toA.map((m: { body: string }) => m.body)).toContain(toB.body)
  for (const m of [...toA, toB]) expect(JSON.stringify(m)).not.toMatch(/赵六|幸福路|张三/)

  // later that week: nothing more; the next week again, but not to one who stopped following
  now += 2 * DAY
  await sweepDeadlines(cloud.deps)
  expect(await weekly(a)).toHaveLength(2)
  await cloud.ok(b, 'user', 'followVillage', { villageId: 'py-01', follow: false })
  now = monday + 7 * DAY + 9.5 * HOUR
  await sweepDeadlines(cloud.deps)
  expect(await weekly(a)).toHaveLength(4)
  expect(await weekly(b)).toHaveLength(1)
})
