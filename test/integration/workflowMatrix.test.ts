import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 21's authorization matrix: every action of the 数字城管 workflow called by every kind of
 * user — anonymous, the case's reporter, another resident, the village's 网格员 (a resident), staff
 * of the case's unit (城管), staff of another unit (交警), a dispatcher (文明办 staff) and an admin —
 * each on fresh data, each answer's HTTP status checked against the table. Both stores.
 */
const WHO = ['anon', 'reporter', 'resident', 'grid', 'unit', 'otherUnit', 'dispatcher', 'admin'] as const
type Who = (typeof WHO)[number]

let cloud: TestCloud
const tokens = {} as Record<Who, string | undefined>
let n = 0
beforeAll(async () => {
  cloud = await startCloud({ config: { reportsPerMinute: 10_000, reportsPerDay: 10_000 } })
  const admin = await cloud.login('demo-admin')
  tokens.admin = admin
  tokens.unit = await cloud.login('demo-staff')
  tokens.reporter = await cloud.login('wm-reporter')
  tokens.resident = await cloud.login('wm-resident')
  tokens.grid = await cloud.login('wm-grid')
  tokens.otherUnit = await cloud.login('wm-jiaojing')
  tokens.dispatcher = await cloud.login('wm-wenming')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'wm-jiaojing', role: 'staff', unitId: 'unit-jiaojing' })
  await cloud.ok(admin, 'user', 'setRole', { openid: 'wm-wenming', role: 'staff', unitId: 'unit-wenming' })
  await cloud.ok(admin, 'user', 'setGrid', { userId: (await cloud.store.users.get('wm-grid'))!.userId, villageIds: ['py-01'] })
  await cloud.ok(admin, 'report', 'putCategory', { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true })
})
afterAll(() => cloud.close())

const HERE = { latitude: 35.7612, longitude: 115.03 } // 幸福村 (py-01)
const caseOf = async (status: 'submitted' | 'accepted' = 'submitted', category = 'zhandao') => {
  const r = await cloud.ok(tokens.reporter, 'report', 'create', { clientId: `wm-case-${++n}`, category, description: '菜市场门口的问题需要处理', photos: [], location: HERE })
  if (status === 'accepted') await cloud.ok(tokens.unit, 'report', 'accept', { id: r.id })
  return r.id as string
}
const verifying = async () => {
  const id = await caseOf('accepted', 'tiezhang')
  await cloud.ok(tokens.unit, 'report', 'resolve', { id, note: '已清除', photos: [await cloud.photoOf(tokens.unit!)] })
  return id
}
const extending = async () => {
  const id = await caseOf('accepted')
  await cloud.ok(tokens.unit, 'report', 'requestExtension', { id, hours: 24, reason: '需要联合执法' })
  return id
}

const row = (anon: number, reporter: number, resident: number, grid: number, unit: number, otherUnit: number, dispatcher: number, admin: number): Record<Who, number> =>
  ({ anon, reporter, resident, grid, unit, otherUnit, dispatcher, admin })

const TABLE: [string, string, (who: Who) => Promise<Record<string, unknown>>, Record<Who, number>][] = [
  ['report', 'return', async () => ({ id: await caseOf('accepted'), reason: '不属于本单位职责' }), row(401, 403, 403, 403, 200, 403, 403, 403)],
  ['report', 'transfer', async () => ({ id: await caseOf(), unitId: 'unit-jiaojing' }), row(401, 403, 403, 403, 403, 403, 200, 200)],
  ['report', 'requestExtension', async () => ({ id: await caseOf('accepted'), hours: 24, reason: '需要联合执法' }), row(401, 403, 403, 403, 200, 403, 403, 403)],
  ['report', 'decideExtension', async () => ({ id: await extending(), approve: true }), row(401, 403, 403, 403, 403, 403, 200, 200)],
  ['report', 'verify', async () => ({ id: await verifying(), passed: true, note: '现场已清理干净' }), row(401, 403, 403, 200, 403, 403, 200, 200)],
  ['report', 'urge', async () => ({ id: await caseOf(), note: '请尽快办理' }), row(401, 403, 403, 403, 403, 403, 200, 200)],
  // the unit's staff member here is the demo's 城管 member, a named 测评员: their queue is the 整改 cases they found (issue 26)
  ['report', 'verifyQueue', async () => ({}), row(401, 403, 403, 200, 200, 403, 200, 200)],
  ['report', 'create', async () => ({ clientId: `wm-desk-${++n}`, category: 'zhandao', description: '市民来电：门口占道经营', photos: [], location: HERE, onBehalf: { channel: 'phone' } }), row(401, 403, 403, 403, 200, 200, 200, 200)],
  ['ranking', 'unitBoard', async () => ({ period: '2026-12' }), row(401, 403, 403, 403, 200, 200, 200, 200)]
]

it.each(TABLE.map((r) => [`${r[0]}.${r[1]}`, r] as const))('%s answers each kind of user as the table says', async (_name, [fn, action, payload, expected]) => {
  const got = {} as Record<Who, number>
  for (const who of WHO) got[who] = (await cloud.call(tokens[who], fn, action, await payload(who))).status
  expect(got).toEqual(expected)
})
