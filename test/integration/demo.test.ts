import { startCloud, type TestCloud } from '../helpers/cloud'

/** What `npm start` shows on a fresh data directory: the district with demo cases and drives. */
const now = new Date('2026-11-24T15:00:00+08:00')
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, demoActivity: true })
})
afterAll(() => cloud.close())

it('seeds open cases around the market, one cluster already linked to a cleanup drive', async () => {
  const resident = await cloud.login('demo-resident')
  const { items } = await cloud.ok(resident, 'report', 'nearby', { latitude: 35.7612, longitude: 115.03, radius: 300 })
  expect(items.map((r: { categoryName: string }) => r.categoryName).sort()).toEqual(['乱堆杂物', '占道经营', '背街小巷卫生', '飞线充电'].sort())
  const mine = await cloud.ok(resident, 'report', 'mine', {})
  expect(mine.items).toHaveLength(1)
  expect(mine.items[0]).toMatchObject({ status: 'submitted', categoryName: '占道经营' })

  const drives = await cloud.ok(resident, 'volunteer', 'list', {})
  expect(drives.items.map((d: { title: string; status: string }) => [d.title, d.status])).toEqual([
    ['菜市场后巷集中清理', 'open'],
    ['村口宣传栏公益广告更新', 'full'],
    ['幸福村背街小巷周末大扫除', 'finished']
  ])
  const cleanup = drives.items[0]
  expect(cleanup).toMatchObject({ confirmedCount: 3, reportIds: expect.any(Array) })
  expect(cleanup.reportIds).toHaveLength(2)
  expect(cleanup.location).not.toBeNull()
  expect(drives.items[1]).toMatchObject({ confirmedCount: 2, waitlistCount: 1 })
  for (const id of cleanup.reportIds) {
    expect((await cloud.ok(resident, 'report', 'get', { id })).timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'accept', 'drive'])
  }
})

it('credits the finished drive: leaderboard, my drives and the certificate have figures', async () => {
  const volunteer = await cloud.login('demo-vol-5')
  const board = await cloud.ok(volunteer, 'volunteer', 'leaderboard', { scope: 'all' })
  expect(board.items).toHaveLength(5)
  // four checked out between 10:30 and 10:45 after checking in from 08:50 (capped at 120 min from the 09:00 start… of a 2-hour drive)
  expect(board.items.every((i: { minutes: number }) => i.minutes > 90 && i.minutes <= 120)).toBe(true)
  // the fifth never checked out: credited until the end, capped to the duration
  expect(board.me).toMatchObject({ minutes: 120 })
  const cert = await cloud.ok(volunteer, 'volunteer', 'certificate', {})
  expect(cert).toMatchObject({ name: '孙浩', hours: 2, drives: 1 })
  const mine = await cloud.ok(volunteer, 'volunteer', 'mine', {})
  expect(mine.items.map((s: { status: string }) => s.status).sort()).toEqual(['completed', 'waitlisted'])
})

it('shows the whole cleanup loop once: the finished drive cleared its cluster, with before and after, counted on the village page', async () => {
  const resident = await cloud.login('demo-resident')
  const past = (await cloud.ok(resident, 'volunteer', 'list', {})).items.find((d: { title: string }) => d.title === '幸福村背街小巷周末大扫除')
  expect(past.reportIds).toHaveLength(2)
  expect(past.outcomes.map((o: { fixed: boolean; resolvedByDrive: boolean }) => [o.fixed, o.resolvedByDrive])).toEqual([[true, true], [true, true]])
  const { items } = await cloud.ok(resident, 'volunteer', 'driveCases', { activityId: past.id })
  for (const c of items) {
    expect(c).toMatchObject({ status: 'resolved', photos: [expect.any(String)], afterPhotos: [expect.any(String)] })
    expect(c.timeline.at(-1).note).toContain('幸福村背街小巷周末大扫除')
    expect(c.timeline.at(-1).note).toContain('5 名志愿者')
  }
  expect((await cloud.ok(resident, 'user', 'messages', {})).items.some((m: { kind: string }) => m.kind === 'report.fixedByDrive')).toBe(true)
  const village = await cloud.ok(resident, 'ranking', 'village', { villageId: 'py-01' })
  expect(village.live).toMatchObject({ drives: 1, fixedByVolunteers: 2 })
  expect(village.live.volunteerHours).toBeGreaterThan(8)
})

it('is seeded once: a restart on the same data directory adds nothing', async () => {
  const again = await startCloud({ clock: () => now, demoActivity: true, dataDir: cloud.dataDir })
  try {
    const token = await again.login('demo-resident')
    expect((await again.ok(token, 'volunteer', 'list', {})).items).toHaveLength(3)
  } finally {
    await again.close()
  }
})
