import { startCloud, type TestCloud } from '../helpers/cloud'
import { sweepDeadlines } from '../../cloud/core/report/cases'
import { summaryMoment } from '../../cloud/core/notices/weekly'
import { weeklySummaryOf } from '../../cloud/wechat/root'

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

it('WEEKLY_SUMMARY names a weekday and an hour, anything else none', () => {
  expect(weeklySummaryOf('1@9')).toEqual({ weekday: 1, hour: 9 })
  expect(weeklySummaryOf(' 7@23 ')).toEqual({ weekday: 7, hour: 23 })
  for (const bad of [undefined, '', '0@9', '8@9', '1@24', 'monday', '1:9']) expect(weeklySummaryOf(bad)).toBeNull()
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

it('an area’s followers hear a public case in it accepted and fixed: once per case and step, in its categories only, in public form', async () => {
  const staff = await cloud.login('demo-staff')
  const [x, y, z, s] = [await cloud.login('area-x'), await cloud.login('area-y'), await cloud.login('area-z'), await cloud.login('area-s')]
  const market = { latitude: 35.7612, longitude: 115.03 }
  // x twice (overlapping circles), y for another category, z a small circle beside it, s also presses 我也遇到
  const first = await cloud.ok(x, 'user', 'followArea', { ...market, radius: 500, categories: [] })
  expect(first.areas).toEqual([{ id: expect.any(String), ...market, radius: 500, categories: [] }])
  await cloud.ok(x, 'user', 'followArea', { latitude: 35.765, longitude: 115.035, radius: 2000, categories: ['zhandao'] })
  await cloud.ok(y, 'user', 'followArea', { ...market, radius: 800, categories: ['luandui'] })
  await cloud.ok(z, 'user', 'followArea', { latitude: 35.7605, longitude: 115.0291, radius: 100, categories: [] })
  await cloud.ok(s, 'user', 'followArea', { ...market, radius: 300, categories: ['zhandao'] })
  for (const [data, code] of [
    [{ ...market, radius: 2500, categories: [] }, 'INVALID_INPUT'],
    [{ latitude: 40, longitude: 120, radius: 500, categories: [] }, 'INVALID_INPUT'],
    [{ ...market, radius: 500, categories: ['nope'] }, 'INVALID_INPUT']
  ] as const) {
    expect((await cloud.call(z, 'user', 'followArea', data)).body).toMatchObject({ ok: false, error: { code } })
  }
  expect((await cloud.call(z, 'user', 'unfollowArea', { id: first.areas[0].id })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

  const reporter = await cloud.login('area-reporter')
  await cloud.ok(reporter, 'user', 'updateProfile', { nickname: '孙八' })
  const c = await cloud.ok(reporter, 'report', 'create', {
    clientId: 'area-case-1', category: 'zhandao', description: '菜市场门口占道经营', photos: [], anonymous: true,
    location: { ...market, address: '幸福村东街 8 号王家门口' }
  })
  await cloud.ok(s, 'report', 'support', { id: c.id })
  const about = async (token: string) => (await cloud.ok(token, 'user', 'messages', { limit: 50 })).items.filter((m: { link: string }) => m.link === `/sub-report/detail/index?id=${c.id}`)
  // filed: nobody but staff hears yet
  expect(await about(x)).toEqual([])
  await cloud.ok(staff, 'report', 'accept', { id: c.id })
  await cloud.ok(staff, 'report', 'resolve', { id: c.id, note: '已劝离占道摊贩', photos: [await cloud.photoOf(staff)] })
  const toX = await about(x)
  expect(toX.map((m: { kind: string }) => m.kind).sort()).toEqual(['area.accepted', 'area.resolved'])
  expect(toX.find((m: { kind: string }) => m.kind === 'area.resolved')).toMatchObject({ title: '您关注的区域有问题已解决', body: expect.stringContaining('已劝离占道摊贩') })
  expect(JSON.stringify(toX)).not.toMatch(/王家门口|孙八/)
  expect(await about(y)).toEqual([])
  expect(await about(z)).toEqual([])
  // a supporter in the area hears as a supporter, not twice
  expect((await about(s)).map((m: { kind: string }) => m.kind).sort()).toEqual(['report.followAccepted', 'report.followResolved'])
  // the reporter hears as the reporter
  expect((await about(reporter)).map((m: { kind: string }) => m.kind).sort()).toEqual(['report.accepted', 'report.resolved'])

  // stopped following: areas gone from 消息设置, nothing more
  for (const a of (await cloud.ok(x, 'user', 'noticeSettings')).areas) await cloud.ok(x, 'user', 'unfollowArea', { id: a.id })
  expect((await cloud.ok(x, 'user', 'noticeSettings')).areas).toEqual([])
  const d = await cloud.ok(reporter, 'report', 'create', { clientId: 'area-case-2', category: 'zhandao', description: '菜市场门口又有占道', photos: [], location: market })
  await cloud.ok(staff, 'report', 'accept', { id: d.id })
  expect((await cloud.ok(x, 'user', 'messages', { limit: 50 })).items.filter((m: { link: string }) => m.link.endsWith(d.id))).toEqual([])
})

it('账号注销 removes the villages and areas one followed', async () => {
  const me = await cloud.login('follow-leaving')
  await cloud.ok(me, 'user', 'followVillage', { villageId: 'py-01', follow: true })
  await cloud.ok(me, 'user', 'followArea', { latitude: 35.7612, longitude: 115.03, radius: 500, categories: [] })
  expect(await cloud.store.notices.villagesFollowed('follow-leaving')).toEqual(['py-01'])
  expect(await cloud.ok(me, 'user', 'deleteAccount', { confirm: '注销' })).toEqual({ deleted: true })
  expect(await cloud.store.notices.villagesFollowed('follow-leaving')).toEqual([])
  expect(await cloud.store.notices.areasOf('follow-leaving')).toEqual([])
  expect((await cloud.store.notices.areasInCell('715:2300', 100)).filter((a) => a.openid === 'follow-leaving')).toEqual([])
})
