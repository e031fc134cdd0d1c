import { startCloud, type TestCloud } from '../helpers/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud.close())

describe('login and identity', () => {
  it('a new openid becomes a resident with a default nickname', async () => {
    const answer = await cloud.post('/api/login', { openid: 'new-user-0001' })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ ok: true, data: { user: { openid: 'new-user-0001', role: 'resident', nickname: '居民0001', points: 0 } } })
  })

  it('the seeded demo identities keep their roles', async () => {
    const staff = await cloud.ok(await cloud.login('demo-staff'), 'user', 'me')
    expect(staff).toMatchObject({ role: 'staff', unitId: 'unit-chengguan' })
    const admin = await cloud.ok(await cloud.login('demo-admin'), 'user', 'login')
    expect(admin.role).toBe('admin')
  })

  it.each([
    ['missing token', undefined],
    ['forged token', 'eyJzdWIiOiJkZW1vLWFkbWluIiwiZXhwIjo5OTk5OTk5OTk5OTk5fQ.AAAA'],
    ['garbage', 'not-a-token']
  ])('%s answers UNAUTHENTICATED', async (_name, token) => {
    const answer = await cloud.call(token, 'user', 'me')
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('an expired token answers UNAUTHENTICATED', async () => {
    let now = new Date('2026-01-01T00:00:00Z')
    const timed = await startCloud({ clock: () => now, tokenTtl: { access: 2 * 3600, refresh: 30 * 86400 } })
    try {
      const token = await timed.login('demo-resident')
      expect((await timed.call(token, 'user', 'me')).status).toBe(200)
      now = new Date('2026-03-01T00:00:00Z')
      expect((await timed.call(token, 'user', 'me')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    } finally {
      await timed.close()
    }
  })

  it.each([
    [{}, 'openid'],
    [{ openid: '' }, 'openid'],
    [{ openid: 'has space' }, 'openid'],
    [{ openid: 'x'.repeat(65) }, 'openid'],
    [{ openid: 'ok', role: 'admin' }, undefined]
  ])('login with %j is INVALID_INPUT', async (body, field) => {
    const answer = await cloud.post('/api/login', body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!answer.body.ok && field) expect(answer.body.error.field).toBe(field)
  })
})

describe('user.updateProfile', () => {
  it('changes nickname and home village and keeps them', async () => {
    const token = await cloud.login('profile-user')
    const updated = await cloud.ok(token, 'user', 'updateProfile', { nickname: '  老张  ', villageId: 'yb-01' })
    expect(updated).toMatchObject({ nickname: '老张', villageId: 'yb-01' })
    expect(await cloud.ok(token, 'user', 'me')).toMatchObject({ nickname: '老张', villageId: 'yb-01' })
  })

  it.each([
    [{ nickname: '' }, 'nickname'],
    [{ nickname: '很'.repeat(21) }, 'nickname'],
    [{ nickname: 42 }, 'nickname'],
    [{ villageId: 'nowhere' }, 'villageId'],
    [{ villageId: 'town-puyang' }, 'villageId'],
    [{ role: 'admin' }, 'role'],
    [{ points: 1000 }, 'points']
  ])('%j is rejected with a Chinese message and changes nothing', async (data, field) => {
    const token = await cloud.login('profile-bad')
    const before = await cloud.ok(token, 'user', 'me')
    const answer = await cloud.call(token, 'user', 'updateProfile', data)
    expect(answer.status).toBe(400)
    expect(answer.body.ok).toBe(false)
    if (!answer.body.ok) {
      expect(answer.body.error).toMatchObject({ code: 'INVALID_INPUT', field })
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await cloud.ok(token, 'user', 'me')).toEqual(before)
  })

  it('a nickname that fails the content check is CONTENT_REJECTED', async () => {
    const token = await cloud.login('profile-rude')
    const answer = await cloud.call(token, 'user', 'updateProfile', { nickname: '赌博大王' })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', field: 'nickname' } })
    expect((await cloud.ok(token, 'user', 'me')).nickname).toBe('居民rude')
  })
})

describe('user.setRole', () => {
  it('an admin makes a resident staff of a unit', async () => {
    await cloud.login('future-staff')
    const admin = await cloud.login('demo-admin')
    const user = await cloud.ok(admin, 'user', 'setRole', { openid: 'future-staff', role: 'staff', unitId: 'unit-zhujian' })
    expect(user).toMatchObject({ role: 'staff', unitId: 'unit-zhujian' })
  })

  it('residents and staff may not set roles', async () => {
    for (const who of ['demo-resident', 'demo-staff']) {
      const answer = await cloud.call(await cloud.login(who), 'user', 'setRole', { openid: who, role: 'admin' })
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect((await cloud.ok(await cloud.login('demo-resident'), 'user', 'me')).role).toBe('resident')
  })

  it('staff needs an existing unit; unknown users are NOT_FOUND; an admin cannot demote themself', async () => {
    const admin = await cloud.login('demo-admin')
    await cloud.login('staff-candidate')
    expect((await cloud.call(admin, 'user', 'setRole', { openid: 'staff-candidate', role: 'staff' })).body)
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId' } })
    expect((await cloud.call(admin, 'user', 'setRole', { openid: 'staff-candidate', role: 'staff', unitId: 'unit-nope' })).body)
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId' } })
    expect((await cloud.call(admin, 'user', 'setRole', { openid: 'ghost', role: 'staff', unitId: 'unit-zhujian' })).status).toBe(404)
    expect((await cloud.call(admin, 'user', 'setRole', { openid: 'demo-admin', role: 'resident' })).status).toBe(409)
  })
})

describe('the envelope', () => {
  it('unknown functions, unknown actions and prototype keys are INVALID_INPUT, never 500', async () => {
    const token = await cloud.login('demo-resident')
    for (const [fn, action] of [['nope', 'me'], ['user', 'nope'], ['user', '__proto__'], ['user', 'constructor'], ['__proto__', 'me'], ['user', 'toString']]) {
      const answer = await cloud.call(token, fn!, action!)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('malformed JSON, non-object bodies and extra top-level fields are INVALID_INPUT', async () => {
    const token = await cloud.login('demo-resident')
    for (const body of ['{"action":', '[]', '"me"', '{"action":"me","data":{},"extra":1}', '{"__proto__":{"x":1},"action":"me"}', '{"action":"me","data":[]}']) {
      const answer = await cloud.post('/api/user', body, token, true)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('healthz answers 200 and names the store the server runs on', async () => {
    const res = await fetch(`${cloud.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, store: process.env.STORE === 'cloudbase' ? 'cloudbase' : 'sqlite' })
  })
})

describe('ranking.regions', () => {
  it('lists the seeded district: at least 3 towns and 30 villages, towns first', async () => {
    const regions = await cloud.ok<{ id: string; name: string; level: string; parentId: string | null }[]>(await cloud.login('demo-resident'), 'ranking', 'regions')
    const towns = regions.filter((r) => r.level === 'town')
    const villages = regions.filter((r) => r.level === 'village')
    expect(towns.map((t) => t.name)).toEqual(expect.arrayContaining(['濮阳镇', '滨湖街道', '应滨街道']))
    expect(villages.length).toBeGreaterThanOrEqual(30)
    expect(villages.filter((v) => v.parentId === 'town-puyang')).toHaveLength(18)
    expect(villages.map((v) => v.name)).toEqual(expect.arrayContaining(['幸福村', '闫口村', '薛庄社区', '闫庄村']))
    expect(regions.findIndex((r) => r.level === 'village')).toBe(towns.length)
  })
})

describe('user.units', () => {
  it('lists the responsible units, district departments and town offices', async () => {
    const units = await cloud.ok<{ id: string; name: string; townId: string | null }[]>(await cloud.login('demo-resident'), 'user', 'units')
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['城管执法局', '住建局', '交警大队', '供电公司', '濮阳镇人民政府', '滨湖街道办事处']))
    expect(units.find((u) => u.name === '应滨街道办事处')?.townId).toBe('town-yingbin')
  })
})

describe('长辈模式', () => {
  it('is off for a new user, remembered once switched on, and only booleans are accepted', async () => {
    const token = await cloud.login('elder-user')
    expect((await cloud.ok(token, 'user', 'me')).elderMode).toBe(false)
    expect((await cloud.ok(token, 'user', 'updateProfile', { elderMode: true })).elderMode).toBe(true)
    expect((await cloud.ok(await cloud.login('elder-user'), 'user', 'login')).elderMode).toBe(true)
    expect((await cloud.call(token, 'user', 'updateProfile', { elderMode: 'yes' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'elderMode' } })
    expect((await cloud.ok(await cloud.login('other-user'), 'user', 'me')).elderMode).toBe(false)
  })
})
