import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 22: hot documents at a real latency, on the production adapter (the real wx-server-sdk
 * against the emulated CloudBase server at 20 ms a call; CloudBase's project only). Before, 30
 * people signing up at once for one drive at 20 ms got 18 refusals (a transaction on the drive's
 * document, conflicting, given up after 10 tries); now a place is taken by one conditional atomic
 * update of the drive and a support counted by one of the case, so every answer is a success and
 * the counts are exact.
 */
jest.setTimeout(120_000)

let cloud: TestCloud
const now = () => new Date()

beforeAll(async () => {
  // what these tests hold is every answer and every count under contention, not the time: on a starved
  // machine (load 15) the 20 ms calls queued past the local server's 30 s request limit, which reset them
  cloud = await startCloud({ store: 'cloudbase', requestTimeoutMs: 180_000 })
  if (!cloud.emulator) throw new Error('this suite runs on the CloudBase adapter only')
})
afterAll(() => cloud.close())

const tokensOf = (prefix: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => cloud.login(`${prefix}-${String(i).padStart(3, '0')}`)))
const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.ceil(ms.length * 0.99) - 1]!

/** Runs `race` with the emulator at 20 ms a call (the service's latency), back to 0 after, also when it throws. */
async function atLatency<T>(race: () => Promise<T>): Promise<T> {
  cloud.emulator!.latencyMs = 20
  try {
    return await race()
  } finally {
    cloud.emulator!.latencyMs = 0
  }
}

/** A resident (`tag`-reporter) files the 占道经营 case that the neighbours then press 我也遇到 on. */
async function fileCase(tag: string, description: string): Promise<{ reporter: string; filed: { id: string } }> {
  const reporter = await cloud.login(`${tag}-reporter`)
  const filed = await cloud.ok(reporter, 'report', 'create', { clientId: `${tag}-case`, category: 'zhandao', description, photos: [], location: { latitude: 35.7612, longitude: 115.03 } })
  return { reporter, filed }
}

it('200 people sign up at once for 50 places at 20 ms a call: all answered, 50 confirmed, 150 waitlisted in order; cancellations promote the first waitlisted once each', async () => {
  const staff = await cloud.login('demo-staff')
  const start = new Date(now().getTime() + 2 * 86400_000)
  const drive = await cloud.ok(staff, 'volunteer', 'create', {
    title: '全城大扫除', description: '', villageId: 'py-01', address: '幸福村广场', capacity: 50,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + 2 * 3600_000).toISOString()
  })
  const tokens = await tokensOf('hot-vol', 200)
  cloud.emulator!.latencyMs = 20
  cloud.emulator!.resetCalls()
  const times: number[] = []
  const answers = await Promise.all(tokens.map(async (t) => {
    const t0 = Date.now()
    const answer = await cloud.call(t, 'volunteer', 'signup', { activityId: drive.id })
    times.push(Date.now() - t0)
    return answer
  }))
  const calls = cloud.emulator!.callCount()
  console.log(`200 signups for 50 places at 20 ms: p99 ${p99(times)} ms, max ${Math.max(...times)} ms, ${calls} database calls`)
  expect(answers.filter((a) => !a.body.ok)).toEqual([])
  const signups = answers.map((a) => (a.body.ok ? a.body.data : null))
  expect(signups.filter((s) => s.status === 'confirmed')).toHaveLength(50)
  // everyone else on the waitlist, each at their own place: 1..150 as answered
  expect(signups.filter((s) => s.status === 'waitlisted').map((s) => s.position).sort((x, y) => x - y)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))

  cloud.emulator!.latencyMs = 0
  const stored = (await cloud.store.volunteer.getActivity(drive.id))!
  const roster = await cloud.store.volunteer.signupsOf(drive.id)
  expect(stored).toMatchObject({ confirmedCount: 50, waitlistCount: 150 })
  expect(roster.filter((s) => s.status === 'confirmed')).toHaveLength(50)
  const waiting = roster.filter((s) => s.status === 'waitlisted')
  expect(waiting).toHaveLength(150)
  // the waitlist's order is the order the answers gave
  const answeredPosition = new Map(signups.flatMap((s, i) => (s.status === 'waitlisted' ? [[`hot-vol-${String(i).padStart(3, '0')}`, s.position]] : [])))
  expect(waiting.map((s) => answeredPosition.get(s.openid))).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))

  // ten confirmed volunteers cancel at once: the first ten waitlisted get their places, each once
  const confirmedIdx = signups.flatMap((s, i) => (s.status === 'confirmed' ? [i] : [])).slice(0, 10)
  const cancels = await atLatency(() => Promise.all(confirmedIdx.map((i) => cloud.call(tokens[i]!, 'volunteer', 'cancel', { activityId: drive.id }))))
  expect(cancels.filter((a) => !a.body.ok)).toEqual([])
  const after = await cloud.store.volunteer.signupsOf(drive.id)
  const firstTen = waiting.slice(0, 10).map((s) => s.openid)
  expect(after.filter((s) => s.status === 'confirmed').map((s) => s.openid).sort()).toEqual(
    roster.filter((s) => s.status === 'confirmed').map((s) => s.openid).filter((o) => !confirmedIdx.map((i) => `hot-vol-${String(i).padStart(3, '0')}`).includes(o)).concat(firstTen).sort()
  )
  expect(after.filter((s) => s.status === 'waitlisted').map((s) => s.openid)).toEqual(waiting.slice(10).map((s) => s.openid))
  expect(await cloud.store.volunteer.getActivity(drive.id)).toMatchObject({ confirmedCount: 50, waitlistCount: 140 })
  const promotedMessages = cloud.emulator!.dump('messages').filter((m) => m.kind === 'volunteer.promoted' && String(m.link).includes(drive.id))
  expect(promotedMessages.map((m) => m.openid).sort()).toEqual([...firstTen].sort())
})

it('100 people press 我也遇到 on one case at once at 20 ms a call: all answered, counted exactly 100', async () => {
  const { reporter, filed } = await fileCase('hot', '菜市场门口占道经营，整条路都堵了')
  const tokens = await tokensOf('hot-neighbour', 100)
  cloud.emulator!.latencyMs = 20
  cloud.emulator!.resetCalls()
  const times: number[] = []
  const answers = await Promise.all(tokens.map(async (t) => {
    const t0 = Date.now()
    const answer = await cloud.call(t, 'report', 'support', { id: filed.id })
    times.push(Date.now() - t0)
    return answer
  }))
  const calls = cloud.emulator!.callCount()
  cloud.emulator!.latencyMs = 0
  console.log(`100 supports of one case at 20 ms: p99 ${p99(times)} ms, max ${Math.max(...times)} ms, ${calls} database calls`)
  expect(answers.filter((a) => !a.body.ok)).toEqual([])
  expect((await cloud.store.reports.get(filed.id))!.supportCount).toBe(100)
  expect(cloud.emulator!.dump('report_supports').filter((s) => s.reportId === filed.id)).toHaveLength(100)
  // pressed again by all of them: nothing more counted
  const again = await Promise.all(tokens.slice(0, 20).map((t) => cloud.call(t, 'report', 'support', { id: filed.id })))
  expect(again.filter((a) => !a.body.ok)).toEqual([])
  expect((await cloud.ok(reporter, 'report', 'get', { id: filed.id })).supportCount).toBe(100)
})

// 补充 (issues 22 and 24): each a record of its own, its place under the case's cap of 30 taken by one
// conditional atomic update of a counter, the case's timeline by one conditional atomic push after
// commit: no transaction touches the case, so twenty neighbours at once are all answered.
it('20 neighbours press 我也遇到 with their words on one case at once at 20 ms a call: all answered, every 补充 kept once', async () => {
  const { filed } = await fileCase('hot-sup', '菜市场北口占道经营，早上八点最堵')
  const tokens = await tokensOf('hot-sup-neighbour', 20)
  const answers = await atLatency(() => Promise.all(tokens.map((t, i) => cloud.call(t, 'report', 'support', { id: filed.id, clientId: `hot-sup-${i}`, note: `第 ${i + 1} 位邻居：摊位还在，路口过不去` }))))
  expect(answers.filter((a) => !a.body.ok)).toEqual([])
  const staff = await cloud.login('demo-staff')
  const seen = await cloud.ok(staff, 'report', 'get', { id: filed.id })
  expect(seen.supportCount).toBe(20)
  expect(seen.supplements.map((s: { note: string }) => s.note).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `第 ${i + 1} 位邻居：摊位还在，路口过不去`).sort())
  expect(seen.timeline.filter((e: { action: string }) => e.action === 'supplement')).toHaveLength(20)
  // all of them again at once (lost answers): all answered, nothing added
  const again = await atLatency(() => Promise.all(tokens.map((t, i) => cloud.call(t, 'report', 'support', { id: filed.id, clientId: `hot-sup-${i}`, note: `第 ${i + 1} 位邻居：摊位还在，路口过不去` }))))
  expect(again.filter((a) => !a.body.ok)).toEqual([])
  const after = await cloud.ok(staff, 'report', 'get', { id: filed.id })
  expect(after.supplements).toHaveLength(20)
  expect(after.timeline.filter((e: { action: string }) => e.action === 'supplement')).toHaveLength(20)
  expect(await cloud.store.counters.get(`supplements:${filed.id}`)).toBe(20)
})

it('40 neighbours give a 补充 to one case at once at 20 ms a call: exactly 30 kept, the rest refused in words', async () => {
  const { filed } = await fileCase('hot-cap', '菜市场南口占道经营，下午最堵')
  const tokens = await tokensOf('hot-cap-neighbour', 40)
  const answers = await atLatency(() => Promise.all(tokens.map((t, i) => cloud.call(t, 'report', 'support', { id: filed.id, clientId: `hot-cap-${i}`, note: `第 ${i + 1} 位：还在` }))))
  expect(answers.filter((a) => a.body.ok)).toHaveLength(30)
  expect(answers.filter((a) => !a.body.ok).map((a) => [a.status, (a.body as { error: { message: string } }).error.message])).toEqual(Array.from({ length: 10 }, () => [409, '该问题的补充已达 30 条，请直接联系处理人员']))
  const staff = await cloud.login('demo-staff')
  expect((await cloud.ok(staff, 'report', 'get', { id: filed.id })).supplements).toHaveLength(30)
  expect(cloud.emulator!.dump('report_supplements').filter((s) => s.reportId === filed.id)).toHaveLength(30)
  expect(await cloud.store.counters.get(`supplements:${filed.id}`)).toBe(30)
})
