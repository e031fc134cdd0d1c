import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * No openid leaves the server except to its owner: every read and list action, called by each
 * kind of user around cases and drives that other people made, is searched for any openid but the
 * caller's own. (One leaked openid was enough to sign in as that person on the local server.)
 */
let cloud: TestCloud
const OPENIDS = { reporter: 'secret-reporter-a1', supporter: 'secret-supporter-b2', volunteer: 'secret-volunteer-c3', waiting: 'secret-waiting-d4' }
const ALL = [...Object.values(OPENIDS), 'demo-staff', 'demo-admin', 'other-unit-staff']
let tokens: Record<string, string>
let caseId: string
let driveId: string

beforeAll(async () => {
  cloud = await startCloud()
  tokens = Object.fromEntries(await Promise.all(ALL.map(async (o) => [o, await cloud.login(o)] as const)))
  await cloud.ok(tokens['demo-admin'], 'user', 'setRole', { openid: 'other-unit-staff', role: 'staff', unitId: 'unit-zhujian' })
  const filed = await cloud.ok(tokens[OPENIDS.reporter], 'report', 'create', { clientId: 'identity-case-1', category: 'tiezhang', description: '路口电线杆上小广告贴得很严重', photos: [], location: { latitude: 35.7612, longitude: 115.03 } })
  caseId = filed.id
  await cloud.ok(tokens[OPENIDS.supporter], 'report', 'support', { id: caseId })
  await cloud.ok(tokens['demo-staff'], 'report', 'accept', { id: caseId })
  const start = new Date(Date.now() + 86400_000)
  const drive = await cloud.ok(tokens['demo-staff'], 'volunteer', 'create', { title: '身份测试清理', description: '', villageId: 'py-01', address: '幸福村', startAt: start.toISOString(), endAt: new Date(start.getTime() + 7200_000).toISOString(), capacity: 1, reportIds: [caseId] })
  driveId = drive.id
  await cloud.ok(tokens[OPENIDS.volunteer], 'volunteer', 'signup', { activityId: driveId })
  await cloud.ok(tokens[OPENIDS.waiting], 'volunteer', 'signup', { activityId: driveId })
})
afterAll(() => cloud.close())

const READS: [string, string, unknown][] = [
  ['report', 'get', {}], ['report', 'mine', {}], ['report', 'nearby', { latitude: 35.7612, longitude: 115.03, radius: 500 }], ['report', 'queue', {}],
  ['volunteer', 'list', {}], ['volunteer', 'get', {}], ['volunteer', 'roster', {}], ['volunteer', 'exportRoster', {}], ['volunteer', 'mine', {}],
  ['volunteer', 'leaderboard', {}], ['user', 'messages', {}], ['user', 'me', {}]
]

it.each(ALL)('answers to %s carry no openid but its own', async (viewer) => {
  const leaked: string[] = []
  for (const [fn, action, base] of READS) {
    const data = action === 'get' ? { id: fn === 'report' ? caseId : driveId } : action === 'roster' || action === 'exportRoster' ? { activityId: driveId } : base
    const answer = await cloud.call(tokens[viewer], fn, action, data)
    const text = JSON.stringify(answer.body)
    for (const other of ALL) if (other !== viewer && text.includes(other)) leaked.push(`${fn}.${action} → ${other}`)
  }
  expect(leaked).toEqual([])
})

it('the reporter’s name reaches the unit that handles the case, not another unit', async () => {
  expect((await cloud.ok(tokens['demo-staff'], 'report', 'get', { id: caseId })).reporter).toMatchObject({ nickname: expect.any(String) })
  expect((await cloud.ok(tokens['other-unit-staff'], 'report', 'get', { id: caseId })).reporter).toBeNull()
  expect((await cloud.ok(tokens['demo-admin'], 'report', 'get', { id: caseId })).reporter).not.toBeNull()
  expect((await cloud.ok(tokens[OPENIDS.supporter], 'report', 'get', { id: caseId })).reporter).toBeNull()
})

it('booleans say what the caller may do instead of an identity to compare', async () => {
  expect(await cloud.ok(tokens[OPENIDS.reporter], 'report', 'get', { id: caseId })).toMatchObject({ isMine: true })
  expect(await cloud.ok(tokens[OPENIDS.supporter], 'report', 'get', { id: caseId })).toMatchObject({ isMine: false })
  expect(await cloud.ok(tokens['demo-staff'], 'volunteer', 'get', { id: driveId })).toMatchObject({ isMine: true, mayManage: true })
  expect(await cloud.ok(tokens['demo-admin'], 'volunteer', 'get', { id: driveId })).toMatchObject({ isMine: false, mayManage: true })
  const seen = await cloud.ok(tokens[OPENIDS.volunteer], 'volunteer', 'get', { id: driveId })
  expect(seen).toMatchObject({ isMine: false, mayManage: false, mySignup: { status: 'confirmed' } })
  expect(seen.checkinCode).toBeUndefined()
  expect((await cloud.ok(tokens['demo-staff'], 'volunteer', 'roster', { activityId: driveId })).items.map((s: { nickname: string }) => s.nickname)).toHaveLength(2)
})
