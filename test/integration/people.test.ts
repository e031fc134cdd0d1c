import { startCloud, type TestCloud } from '../helpers/cloud'
import type { Person } from '../../types/user'

/**
 * 人员 (issue 14): admins find users by nickname, real name, village or role and give or take a
 * role, unit and 测评员 by the opaque `userId` — no answer carries another person's openid, the
 * real name only masked — and every change is in the operation log; bad input changes nothing.
 */
let cloud: TestCloud
let admin: string
let staff: string
let resident: string
const OPENIDS = ['people-secret-zhang', 'people-secret-li', 'people-secret-wang']

beforeAll(async () => {
  cloud = await startCloud()
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  const [zhang, li, wang] = await Promise.all(OPENIDS.map((o) => cloud.login(o)))
  resident = zhang!
  await cloud.ok(zhang, 'user', 'updateProfile', { nickname: '张大爷', villageId: 'py-01', realName: '张建国' })
  await cloud.ok(li, 'user', 'updateProfile', { nickname: 'Lily_李', villageId: 'py-02' })
  await cloud.ok(wang, 'user', 'updateProfile', { nickname: '老王%', villageId: 'py-02' })
}, 60_000)
afterAll(() => cloud.close())

const search = (data: Record<string, unknown>) => cloud.ok<{ items: Person[]; nextCursor: string | null }>(admin, 'user', 'search', data)
const names = (p: { items: Person[] }) => p.items.map((x) => x.nickname).sort()

describe('user.search', () => {
  it('finds users by part of the nickname (case-insensitive), taking % and _ literally', async () => {
    expect(names(await search({ q: '大爷' }))).toEqual(['张大爷'])
    expect(names(await search({ q: 'lily' }))).toEqual(['Lily_李'])
    expect(names(await search({ q: '%' }))).toEqual(['老王%'])
    expect(names(await search({ q: 'y_' }))).toEqual(['Lily_李'])
  })

  it('finds users by real name, showing it only masked', async () => {
    const found = await search({ q: '建国' })
    expect(found.items).toEqual([expect.objectContaining({ nickname: '张大爷', realName: '张*国', role: 'resident', villageId: 'py-01', evaluator: false })])
    expect(JSON.stringify(found)).not.toContain('张建国')
  })

  it('finds users by village (its name or id) and by role', async () => {
    expect(names(await search({ q: '闫口' }))).toEqual(['Lily_李', '老王%'])
    expect(names(await search({ villageId: 'py-01', q: '张' }))).toEqual(['张大爷'])
    const admins = await search({ role: 'admin' })
    expect(admins.items.map((x) => x.nickname)).toContain('赵敏（文明办）')
    expect(admins.items.every((x) => x.role === 'admin')).toBe(true)
  })

  it('pages by userId without repeating anyone', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await search({ limit: 2, ...(cursor ? { cursor } : {}) })
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((x) => x.userId))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(5)
    expect([...seen].sort()).toEqual(seen)
  })

  it('answers no openid but the caller’s own', async () => {
    const text = JSON.stringify(await search({ limit: 50 }))
    for (const o of [...OPENIDS, 'demo-staff']) expect(text).not.toContain(o)
  })

  it('is for admins only, and refuses bad input with a Chinese message', async () => {
    expect((await cloud.call(staff, 'user', 'search', {})).status).toBe(403)
    expect((await cloud.call(resident, 'user', 'search', {})).status).toBe(403)
    for (const data of [{ q: '一'.repeat(21) }, { role: 'mayor' }, { limit: 51 }, { cursor: '../x' }, { openid: 'x' }]) {
      const answer = await cloud.call(admin, 'user', 'search', data)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
  })
})

describe('user.setRole by userId', () => {
  const find = async (q: string) => (await search({ q })).items[0]!

  it('gives a role and unit, names an evaluator and logs each change, answering no openid', async () => {
    const li = await find('Lily')
    const answer = await cloud.call(admin, 'user', 'setRole', { userId: li.userId, role: 'staff', unitId: 'unit-zhujian', evaluator: true })
    expect(answer.body).toMatchObject({ ok: true, data: { userId: li.userId, role: 'staff', unitId: 'unit-zhujian', evaluator: true } })
    expect(JSON.stringify(answer.body)).not.toContain('people-secret')
    expect(await find('Lily')).toMatchObject({ role: 'staff', unitId: 'unit-zhujian', evaluator: true })
    // the person now acts as staff of 住建局
    expect((await cloud.ok(await cloud.login('people-secret-li'), 'user', 'me')).role).toBe('staff')
    const log = await cloud.ok(admin, 'user', 'operationLog', { target: 'user:Lily_李' })
    expect(log.items[0]).toMatchObject({ action: 'user.setRole', actorName: '赵敏（文明办）', before: { role: 'resident', unitId: null, evaluator: false }, after: { role: 'staff', unitId: 'unit-zhujian', evaluator: true } })
    // and takes it away again
    await cloud.ok(admin, 'user', 'setRole', { userId: li.userId, role: 'resident', evaluator: false })
    expect(await find('Lily')).toMatchObject({ role: 'resident', unitId: null, evaluator: false })
    expect((await cloud.ok(admin, 'user', 'operationLog', { target: 'user:Lily_李' })).items).toHaveLength(2)
  })

  it('still takes an openid (../shared/API.md), answering the User with its handle', async () => {
    const data = await cloud.ok(admin, 'user', 'setRole', { openid: 'people-secret-wang', role: 'resident' })
    expect(data).toMatchObject({ openid: 'people-secret-wang', userId: expect.any(String), role: 'resident' })
  })

  it('refuses bad input and changes nothing', async () => {
    const zhang = await find('张大爷')
    const logBefore = (await cloud.ok(admin, 'user', 'operationLog', {})).items.length
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ userId: zhang.userId, role: 'staff' }, 'INVALID_INPUT', 'unitId'],
      [{ userId: zhang.userId, role: 'staff', unitId: 'unit-nowhere' }, 'INVALID_INPUT', 'unitId'],
      [{ role: 'staff', unitId: 'unit-zhujian' }, 'INVALID_INPUT', 'userId'],
      [{ userId: zhang.userId, openid: 'people-secret-zhang', role: 'resident' }, 'INVALID_INPUT', 'userId'],
      [{ userId: zhang.userId, role: 'king' }, 'INVALID_INPUT', 'role'],
      [{ userId: 'no-such-user', role: 'staff', unitId: 'unit-zhujian' }, 'NOT_FOUND', undefined]
    ]
    for (const [data, code, field] of cases) {
      const answer = await cloud.call(admin, 'user', 'setRole', data)
      expect(answer.body).toMatchObject({ ok: false, error: { code, ...(field ? { field } : {}), message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
    const me = (await search({ q: '建国' })).items[0]!
    expect(me).toMatchObject({ role: 'resident', unitId: null })
    expect((await cloud.ok(admin, 'user', 'operationLog', {})).items.length).toBe(logBefore)
  })

  it('is for admins only', async () => {
    const zhang = await find('张大爷')
    expect((await cloud.call(staff, 'user', 'setRole', { userId: zhang.userId, role: 'admin' })).status).toBe(403)
    expect((await cloud.call(resident, 'user', 'setRole', { userId: zhang.userId, role: 'admin' })).status).toBe(403)
  })
})

describe('user.setGrid (网格员)', () => {
  const find = async (q: string) => (await search({ q })).items[0]!

  it('names a person 网格员 of villages, keeping their role; search finds them by 网格员 and village; logged', async () => {
    const zhang = await find('张大爷')
    const answer = await cloud.call(admin, 'user', 'setGrid', { userId: zhang.userId, villageIds: ['py-02', 'py-01', 'py-02'] })
    expect(answer.body).toMatchObject({ ok: true, data: { userId: zhang.userId, role: 'resident', gridVillageIds: ['py-02', 'py-01'] } })
    expect(JSON.stringify(answer.body)).not.toContain('people-secret')
    expect(await find('张大爷')).toMatchObject({ role: 'resident', gridVillageIds: ['py-02', 'py-01'] })
    // the person sees it as their own, and gains no rights by it
    const own = await cloud.ok(resident, 'user', 'me')
    expect(own).toMatchObject({ role: 'resident', gridVillageIds: ['py-02', 'py-01'] })
    expect((await cloud.call(resident, 'report', 'queue', {})).status).toBe(403)

    const li = await find('Lily')
    await cloud.ok(admin, 'user', 'setRole', { userId: li.userId, role: 'staff', unitId: 'unit-zhujian' })
    await cloud.ok(admin, 'user', 'setGrid', { userId: li.userId, villageIds: ['py-01'] })
    expect(await find('Lily')).toMatchObject({ role: 'staff', unitId: 'unit-zhujian', gridVillageIds: ['py-01'] })

    expect(names(await search({ grid: true }))).toEqual(['Lily_李', '张大爷'])
    expect(names(await search({ gridVillageId: 'py-01' }))).toEqual(['Lily_李', '张大爷'])
    expect(names(await search({ gridVillageId: 'py-02' }))).toEqual(['张大爷'])
    expect(names(await search({ gridVillageId: 'py-02', role: 'staff' }))).toEqual([])
    expect(names(await search({ grid: true, q: '闫口' }))).toEqual(['Lily_李']) // her home village is 闫口村
    expect((await search({ q: '老王' })).items[0]).toMatchObject({ gridVillageIds: [] })

    const log = await cloud.ok(admin, 'user', 'operationLog', { target: 'user:张大爷' })
    expect(log.items[0]).toMatchObject({ action: 'user.setGrid', actorName: '赵敏（文明办）', before: { gridVillageIds: [] }, after: { gridVillageIds: ['py-02', 'py-01'] } })
    // the same list again changes nothing and logs nothing
    await cloud.ok(admin, 'user', 'setGrid', { userId: zhang.userId, villageIds: ['py-02', 'py-01'] })
    expect((await cloud.ok(admin, 'user', 'operationLog', { target: 'user:张大爷' })).items).toHaveLength(log.items.length)

    // an empty list: no longer a 网格员
    await cloud.ok(admin, 'user', 'setGrid', { userId: li.userId, villageIds: [] })
    await cloud.ok(admin, 'user', 'setRole', { userId: li.userId, role: 'resident' })
    expect(names(await search({ gridVillageId: 'py-01' }))).toEqual(['张大爷'])
    expect((await cloud.ok(admin, 'user', 'operationLog', { target: 'user:Lily_李' })).items[1]).toMatchObject({ action: 'user.setGrid', before: { gridVillageIds: ['py-01'] }, after: { gridVillageIds: [] } })
  })

  it('refuses towns, unknown villages, too many and bad input, and changes nothing', async () => {
    const wang = await find('老王')
    const logBefore = (await cloud.ok(admin, 'user', 'operationLog', {})).items.length
    const many = Array.from({ length: 21 }, (_, i) => `py-${String(i + 1).padStart(2, '0')}`)
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ userId: wang.userId, villageIds: ['py-01', 'town-puyang'] }, 'INVALID_INPUT', 'villageIds.1'],
      [{ userId: wang.userId, villageIds: ['py-99'] }, 'INVALID_INPUT', 'villageIds.0'],
      [{ userId: wang.userId, villageIds: many }, 'INVALID_INPUT', 'villageIds'],
      [{ userId: wang.userId, villageIds: 'py-01' }, 'INVALID_INPUT', 'villageIds'],
      [{ userId: wang.userId, villageIds: [''] }, 'INVALID_INPUT', 'villageIds.0'],
      [{ userId: wang.userId }, 'INVALID_INPUT', 'villageIds'],
      [{ villageIds: ['py-01'] }, 'INVALID_INPUT', 'userId'],
      [{ userId: wang.userId, villageIds: [], role: 'admin' }, 'INVALID_INPUT', 'role'],
      [{ userId: 'no-such-user', villageIds: ['py-01'] }, 'NOT_FOUND', undefined]
    ]
    for (const [data, code, field] of cases) {
      const answer = await cloud.call(admin, 'user', 'setGrid', data)
      expect(answer.body).toMatchObject({ ok: false, error: { code, ...(field ? { field } : {}), message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
    expect(await find('老王')).toMatchObject({ gridVillageIds: [] })
    expect((await cloud.ok(admin, 'user', 'operationLog', {})).items.length).toBe(logBefore)
    for (const data of [{ grid: 'yes' }, { gridVillageId: '' }]) {
      expect((await cloud.call(admin, 'user', 'search', data)).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('is for admins only', async () => {
    const wang = await find('老王')
    expect((await cloud.call(staff, 'user', 'setGrid', { userId: wang.userId, villageIds: ['py-01'] })).status).toBe(403)
    expect((await cloud.call(resident, 'user', 'setGrid', { userId: wang.userId, villageIds: ['py-01'] })).status).toBe(403)
    expect(await find('老王')).toMatchObject({ gridVillageIds: [] })
  })
})
