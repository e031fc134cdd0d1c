import { startCloud, type TestCloud } from '../helpers/cloud'

/** 个人信息保护法: a resident sees what the district holds about them and can delete the account. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud.close())

it('my data lists the profile, cases, signups and messages; 账号注销 keeps the record without the person', async () => {
  const me = await cloud.login('leaving-resident')
  const neighbour = await cloud.login('staying-neighbour')
  const staff = await cloud.login('demo-staff')
  await cloud.ok(me, 'user', 'updateProfile', { nickname: '要走的人', villageId: 'py-01' })
  const mine = await cloud.ok(me, 'report', 'create', { clientId: 'leaving-case-1', category: 'zhandao', description: '路口占道经营很久了', photos: [await cloud.photoOf(me)], location: { latitude: 35.7612, longitude: 115.03 } })
  const theirs = await cloud.ok(neighbour, 'report', 'create', { clientId: 'staying-case-1', category: 'zhandao', description: '门口乱堆杂物没人管', photos: [], location: { latitude: 35.7613, longitude: 115.0301 } })
  await cloud.ok(me, 'report', 'support', { id: theirs.id })
  await cloud.ok(staff, 'report', 'accept', { id: mine.id })
  const start = new Date(Date.now() + 86400_000)
  const drive = await cloud.ok(staff, 'volunteer', 'create', { title: '注销测试清理', description: '', villageId: 'py-01', address: '幸福村', capacity: 1, startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() })
  await cloud.ok(neighbour, 'volunteer', 'signup', { activityId: drive.id })
  expect(await cloud.ok(me, 'volunteer', 'signup', { activityId: drive.id })).toMatchObject({ status: 'waitlisted', position: 1 })

  const held = await cloud.ok(me, 'user', 'myData')
  expect(held.user).toMatchObject({ openid: 'leaving-resident', nickname: '要走的人', villageId: 'py-01', points: 5 })
  expect(held.reports).toEqual([expect.objectContaining({ id: mine.id, description: '路口占道经营很久了', status: 'accepted' })])
  expect(held.signups).toEqual([expect.objectContaining({ activityId: drive.id, title: '注销测试清理', status: 'waitlisted' })])
  expect(held.messages).toBe(1) // 您的上报已受理

  expect((await cloud.call(me, 'user', 'deleteAccount', { confirm: '好的' })).status).toBe(400)
  expect((await cloud.call(staff, 'user', 'deleteAccount', { confirm: '注销' })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await cloud.ok(me, 'user', 'deleteAccount', { confirm: '注销' })).toEqual({ deleted: true })

  // the record stays: the case, its support, the waitlist place — but no longer anybody's
  const seen = await cloud.ok(staff, 'report', 'get', { id: mine.id })
  expect(seen).toMatchObject({ status: 'accepted', description: '路口占道经营很久了', reporter: null })
  expect((await cloud.ok(neighbour, 'report', 'get', { id: theirs.id })).supportCount).toBe(1)
  const roster = await cloud.ok(staff, 'volunteer', 'roster', { activityId: drive.id })
  expect(roster.items.map((s: { nickname: string; status: string }) => [s.nickname, s.status])).toEqual([[expect.any(String), 'confirmed'], ['已注销用户', 'waitlisted']])
  expect(JSON.stringify(roster)).not.toContain('要走的人')
  // the operation log records the deletion and what stayed, never who it was
  const admin = await cloud.login('demo-admin')
  const logged = (await cloud.ok(admin, 'user', 'operationLog', { limit: 50 })).items.filter((e: { action: string }) => e.action === 'user.delete')
  expect(logged).toEqual([expect.objectContaining({ actorName: '本人（已注销）', target: expect.stringMatching(/^deleted-/), before: null, after: { cases: 1, signups: 1 } })])
  expect(JSON.stringify(logged)).not.toMatch(/leaving-resident|要走的人/)
  // the person is gone: nothing of theirs answers to their openid, and signing in again starts afresh
  expect(await cloud.store.users.get('leaving-resident')).toBeNull()
  expect((await cloud.store.reports.listByUser('leaving-resident', undefined, 10)).items).toEqual([])
  expect(await cloud.store.volunteer.getSignup(drive.id, 'leaving-resident')).toBeNull()
  expect((await cloud.store.messages.list('leaving-resident', undefined, 10)).items).toEqual([])
  const again = await cloud.ok(me, 'user', 'myData')
  expect(again).toMatchObject({ user: { nickname: expect.not.stringMatching('要走的人'), points: 0 }, reports: [], signups: [], messages: 0 })
  // the waitlist still promotes the anonymous place when the confirmed volunteer leaves
  await cloud.ok(neighbour, 'volunteer', 'cancel', { activityId: drive.id })
  expect((await cloud.ok(staff, 'volunteer', 'get', { id: drive.id })).confirmedCount).toBe(1)
})
