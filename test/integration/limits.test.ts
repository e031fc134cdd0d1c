import { startCloud, type TestCloud } from '../helpers/cloud'
import { tinyJpeg } from '../helpers/images'

/** Issue 12: every write a user can repeat has a limit; photos are the caller's own uploads. */
let cloud: TestCloud
let now = new Date('2026-11-24T08:00:00+08:00')

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { supportsPerDay: 2, signupsPerDay: 2, cancellationsPerDay: 1, scoreSubmissionsPerMonth: 2, uploadBytesPerDay: 3000 } })
})
afterAll(() => cloud.close())

const file = async (token: string, n: number) =>
  cloud.ok(token, 'report', 'create', { clientId: `limit-case-${n}-xxxx`, category: 'zhandao', description: `占道经营第${n}处`, photos: [], location: { latitude: 35.76 + n / 1000, longitude: 115 } })

it('我也遇到: a few a day, then RATE_LIMITED and nothing counted; the next day again', async () => {
  const reporter = await cloud.login('limit-reporter')
  const supporter = await cloud.login('limit-supporter')
  const cases = await Promise.all([1, 2, 3].map((n) => file(reporter, n)))
  await cloud.ok(supporter, 'report', 'support', { id: cases[0].id })
  await cloud.ok(supporter, 'report', 'support', { id: cases[0].id }) // the same case again is no new support and is not counted
  await cloud.ok(supporter, 'report', 'support', { id: cases[1].id })
  expect((await cloud.call(supporter, 'report', 'support', { id: cases[2].id })).body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  expect((await cloud.ok(reporter, 'report', 'get', { id: cases[2].id })).supportCount).toBe(0)
  now = new Date(now.getTime() + 86400_000)
  expect(await cloud.ok(supporter, 'report', 'support', { id: cases[2].id })).toMatchObject({ supportCount: 1 })
})

it('signups and cancellations a day are limited', async () => {
  const staff = await cloud.login('demo-staff')
  const v = await cloud.login('limit-volunteer')
  const start = new Date(now.getTime() + 2 * 86400_000)
  const drives = await Promise.all([0, 1, 2].map((i) => cloud.ok(staff, 'volunteer', 'create', { title: `限次活动${i}`, description: '', villageId: 'py-01', address: '幸福村', capacity: 5, startAt: new Date(start.getTime() + i * 3600_000).toISOString(), endAt: new Date(start.getTime() + (i + 1) * 3600_000).toISOString() })))
  await cloud.ok(v, 'volunteer', 'signup', { activityId: drives[0].id })
  await cloud.ok(v, 'volunteer', 'signup', { activityId: drives[0].id }) // repeated: the existing signup, not counted
  await cloud.ok(v, 'volunteer', 'signup', { activityId: drives[1].id })
  expect((await cloud.call(v, 'volunteer', 'signup', { activityId: drives[2].id })).body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  expect((await cloud.ok(staff, 'volunteer', 'get', { id: drives[2].id })).confirmedCount).toBe(0)
  await cloud.ok(v, 'volunteer', 'cancel', { activityId: drives[0].id })
  expect((await cloud.call(v, 'volunteer', 'cancel', { activityId: drives[1].id })).body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  expect((await cloud.ok(v, 'volunteer', 'get', { id: drives[1].id })).mySignup).toMatchObject({ status: 'confirmed' })
})

it('a village’s month takes a few submissions, then no more', async () => {
  const staff = await cloud.login('demo-staff')
  const scores = { environment: 80, order: 80, publicAds: 80, civility: 80, volunteering: 80 }
  await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-03', period: '2026-10', scores })
  now = new Date(now.getTime() + 60_000)
  await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-03', period: '2026-10', scores: { ...scores, order: 90 } })
  expect((await cloud.call(staff, 'ranking', 'submitEvaluation', { villageId: 'py-03', period: '2026-10', scores: { ...scores, order: 10 } })).body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  expect((await cloud.ok(staff, 'ranking', 'evaluationHistory', { villageId: 'py-03', period: '2026-10' })).items.map((e: { total: number }) => e.total).slice(0, 2)).toEqual([82.5, 80]) // the third refused
})

it('photos: only one’s own uploads, and a limit of bytes a day; unused uploads go after a day', async () => {
  const owner = await cloud.login('photo-owner')
  const thief = await cloud.login('photo-thief')
  const mine = await cloud.upload(owner, tinyJpeg())
  const draft = (photos: string[], n: number) => ({ clientId: `photo-case-${n}-xxxx`, category: 'zhandao', description: '占道经营有照片', photos, location: { latitude: 35.7, longitude: 115 } })
  for (const photos of [[mine], ['../civic.db'], [`${'0'.repeat(32)}.jpg`]]) {
    expect((await cloud.call(thief, 'report', 'create', draft(photos, 1))).status).toBe(400)
  }
  expect(await cloud.ok(owner, 'report', 'create', draft([mine], 2))).toMatchObject({ photos: [mine] })
  // the allowance: 3,000 bytes in 24 hours
  const big = tinyJpeg()
  let uploaded = 0
  let refused: { status: number; body: unknown } | null = null
  for (let i = 0; i < 200 && !refused; i++) {
    const form = new FormData()
    form.append('file', new Blob([big], { type: 'image/jpeg' }), 'p.jpg')
    const res = await fetch(`${cloud.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${thief}` } })
    if (res.status === 200) uploaded += big.length
    else refused = { status: res.status, body: await res.json() }
  }
  expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
  expect(uploaded).toBeLessThanOrEqual(3000)
  // a day later the thief's photos, which no case took up, are removed; the owner's used one stays
  now = new Date(now.getTime() + 25 * 3600_000)
  expect(await cloud.files.sweepUnused()).toBeGreaterThan(0)
  expect((await fetch(`${cloud.url}/files/${mine}`)).status).toBe(200)
})
