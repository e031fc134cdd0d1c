import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * 基础数据 and publishing (issue 14, parts 4 and 5) on the store of the jest project (sqlite,
 * cloudbase): units, categories, the 分包 routing grid, towns and villages imported from a file,
 * the calendar of working days and the months whose results residents see. Admins only (the
 * publishing: evaluators); bad input changes nothing and says why in Chinese; everything is logged.
 */
// a Friday 17:00, district time
let now = new Date('2026-11-20T17:00:00+08:00')
let cloud: TestCloud
let resident: string
let staff: string
let admin: string
let n = 0
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 100, reportsPerDay: 100 } })
  resident = await cloud.login('demo-resident')
  staff = await cloud.login('demo-staff')
  admin = await cloud.login('demo-admin')
})
afterAll(() => cloud.close())

const fileCase = (token: string, category: string, location = { latitude: 35.7612, longitude: 115.03 }) =>
  cloud.ok(token, 'report', 'create', { clientId: `ref-case-${++n}-${Date.now()}`, category, description: '基础数据测试上报', photos: [], location })
const logOf = async (target: string) => (await cloud.ok(admin, 'user', 'operationLog', { target })).items

describe('units', () => {
  it('admins create, edit and deactivate a unit; each change is logged', async () => {
    const unit = await cloud.ok(admin, 'user', 'putUnit', { id: 'unit-shuiwu', name: '水务局' })
    expect(unit).toEqual({ id: 'unit-shuiwu', name: '水务局', townId: null })
    expect(await cloud.ok(admin, 'user', 'putUnit', { id: 'unit-shuiwu', name: '水务集团', townId: 'town-binhu' })).toEqual({ id: 'unit-shuiwu', name: '水务集团', townId: 'town-binhu' })
    expect(await cloud.ok(admin, 'user', 'putUnit', { id: 'unit-shuiwu', name: '水务集团', active: false })).toEqual({ id: 'unit-shuiwu', name: '水务集团', townId: 'town-binhu', active: false })
    expect((await cloud.ok(resident, 'user', 'units')).find((u: { id: string }) => u.id === 'unit-shuiwu')).toMatchObject({ name: '水务集团', active: false })
    expect((await logOf('unit-shuiwu')).map((e: { action: string }) => e.action)).toEqual(['unit.update', 'unit.update', 'unit.create'])
    // a deactivated unit takes no new category
    const refused = await cloud.call(admin, 'report', 'putCategory', { code: 'shuiwu', name: '井盖缺失', group: '市政设施', kind: 'problem', slaHours: 24, unitId: 'unit-shuiwu' })
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId', message: expect.stringContaining('已停用') } })
  })

  it('a unit cases are still sent to cannot be deactivated', async () => {
    const answer = await cloud.call(admin, 'user', 'putUnit', { id: 'unit-chengguan', name: '城管执法局', active: false })
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/默认派往该单位/) } })
    expect((await cloud.ok(admin, 'user', 'units')).find((u: { id: string }) => u.id === 'unit-chengguan').active).toBeUndefined()
  })

  it('bad input and other roles change nothing', async () => {
    const before = await cloud.ok(admin, 'user', 'units')
    for (const token of [resident, staff]) expect((await cloud.call(token, 'user', 'putUnit', { id: 'unit-x1', name: '某单位' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.call(admin, 'user', 'putUnit', { id: 'Unit X', name: '某单位' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'id', message: expect.stringMatching(/单位编号/) } })
    expect((await cloud.call(admin, 'user', 'putUnit', { id: 'unit-x2', name: '某单位', townId: 'py-01' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'townId', message: '所属镇街不存在' } })
    expect((await cloud.call(admin, 'user', 'putUnit', { id: 'unit-x3', name: '住建局' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'name' } })
    expect(await cloud.ok(admin, 'user', 'units')).toEqual(before)
  })
})

describe('categories', () => {
  it('admins create and deactivate a category: residents are no longer offered it, and cannot file it', async () => {
    const category = { code: 'jinggai', name: '井盖缺失破损', group: '市政设施', kind: 'problem', slaHours: 48, unitId: 'unit-zhujian' }
    expect(await cloud.ok(admin, 'report', 'putCategory', category)).toEqual(category)
    expect((await cloud.ok(resident, 'report', 'categories')).map((c: { code: string }) => c.code)).toContain('jinggai')
    const filed = await fileCase(resident, 'jinggai')
    expect(filed).toMatchObject({ category: 'jinggai', unitId: 'unit-zhujian' })
    await cloud.ok(admin, 'report', 'putCategory', { ...category, slaHours: 72, active: false })
    expect((await cloud.ok(resident, 'report', 'categories')).map((c: { code: string }) => c.code)).not.toContain('jinggai')
    // a resident asking for the deactivated ones gets the active ones only
    expect((await cloud.ok(resident, 'report', 'categories', { includeInactive: true })).map((c: { code: string }) => c.code)).not.toContain('jinggai')
    expect((await cloud.ok(admin, 'report', 'categories', { includeInactive: true })).find((c: { code: string }) => c.code === 'jinggai')).toMatchObject({ slaHours: 72, active: false })
    const refused = await cloud.call(resident, 'report', 'create', { clientId: `ref-inactive-${Date.now()}`, category: 'jinggai', description: '井盖缺失很危险', photos: [], location: { latitude: 35.7612, longitude: 115.03 } })
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'category', message: expect.stringContaining('已停用') } })
    expect((await logOf('jinggai')).map((e: { action: string }) => e.action)).toEqual(['category.update', 'category.create'])
  })

  it('bad input and other roles change nothing', async () => {
    const before = await cloud.ok(admin, 'report', 'categories', { includeInactive: true })
    const good = { code: 'ludeng', name: '路灯不亮', group: '市政设施', kind: 'problem', slaHours: 48, unitId: 'unit-zhujian' }
    for (const token of [resident, staff]) expect((await cloud.call(token, 'report', 'putCategory', good)).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.call(admin, 'report', 'putCategory', { ...good, slaHours: 0 })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'slaHours', message: expect.stringContaining('办理时限至少 1 小时') } })
    expect((await cloud.call(admin, 'report', 'putCategory', { ...good, kind: 'other' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'kind' } })
    expect((await cloud.call(admin, 'report', 'putCategory', { ...good, unitId: 'unit-nowhere' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId', message: '责任单位不存在' } })
    expect(await cloud.ok(admin, 'report', 'categories', { includeInactive: true })).toEqual(before)
  })
})

describe('the 分包 routing grid', () => {
  it('a town cell routes its villages, a village cell wins over it, clearing falls back', async () => {
    // 占道经营 (市容秩序) defaults to 城管
    expect(await fileCase(resident, 'zhandao')).toMatchObject({ villageId: 'py-01', unitId: 'unit-chengguan' })
    const town = await cloud.ok(admin, 'report', 'setRouting', { scopeId: 'town-puyang', group: '市容秩序', unitId: 'unit-town-puyang' })
    expect(town.items).toContainEqual({ scopeId: 'town-puyang', key: '市容秩序', unitId: 'unit-town-puyang' })
    expect(await fileCase(resident, 'zhandao')).toMatchObject({ unitId: 'unit-town-puyang' })
    await cloud.ok(admin, 'report', 'setRouting', { scopeId: 'py-01', group: '市容秩序', unitId: 'unit-zhujian' })
    expect(await fileCase(resident, 'zhandao')).toMatchObject({ unitId: 'unit-zhujian' })
    await cloud.ok(admin, 'report', 'setRouting', { scopeId: 'py-01', group: '市容秩序', unitId: null })
    expect(await fileCase(resident, 'zhandao')).toMatchObject({ unitId: 'unit-town-puyang' })
    const cleared = await cloud.ok(admin, 'report', 'setRouting', { scopeId: 'town-puyang', group: '市容秩序', unitId: null })
    expect(cleared.items.filter((e: { key: string }) => e.key === '市容秩序')).toEqual([])
    expect(await fileCase(resident, 'zhandao')).toMatchObject({ unitId: 'unit-chengguan' })
    expect((await logOf('py-01:市容秩序')).map((e: { action: string; after: unknown }) => [e.action, e.after])).toEqual([['routing.set', null], ['routing.set', { unitId: 'unit-zhujian' }]])
  })

  it('a group cell replaces the seeded entries of its categories in that village', async () => {
    const before = (await cloud.ok(admin, 'report', 'routing')).items.filter((e: { scopeId: string }) => e.scopeId === 'py-02')
    expect(before.map((e: { key: string }) => e.key)).toEqual(expect.arrayContaining(['beijie', 'laji']))
    const after = await cloud.ok(admin, 'report', 'setRouting', { scopeId: 'py-02', group: '环境卫生', unitId: 'unit-chengguan' })
    const mine = after.items.filter((e: { scopeId: string }) => e.scopeId === 'py-02')
    expect(mine).toContainEqual({ scopeId: 'py-02', key: '环境卫生', unitId: 'unit-chengguan' })
    expect(mine.map((e: { key: string }) => e.key)).not.toContain('beijie')
  })

  it('bad cells and other roles change nothing', async () => {
    const before = await cloud.ok(admin, 'report', 'routing')
    for (const token of [resident, staff]) {
      expect((await cloud.call(token, 'report', 'setRouting', { scopeId: 'py-03', group: '市容秩序', unitId: 'unit-zhujian' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect((await cloud.call(token, 'report', 'routing')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect((await cloud.call(admin, 'report', 'setRouting', { scopeId: 'nowhere', group: '市容秩序', unitId: 'unit-zhujian' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scopeId', message: '镇街或村居不存在' } })
    expect((await cloud.call(admin, 'report', 'setRouting', { scopeId: 'py-03', group: '没有这组', unitId: 'unit-zhujian' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'group' } })
    expect((await cloud.call(admin, 'report', 'setRouting', { scopeId: 'py-03', group: '市容秩序', unitId: 'unit-shuiwu' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'unitId', message: expect.stringContaining('已停用') } })
    expect(await cloud.ok(admin, 'report', 'routing')).toEqual(before)
  })
})

describe('towns and villages from a file', () => {
  it('an import with one bad row changes nothing and names the row; a good one adds and renames', async () => {
    const before = await cloud.ok(admin, 'ranking', 'regions')
    const rows = [
      { row: 2, id: 'town-xinqu', name: '新区街道', level: 'town', parentId: null },
      { row: 3, id: 'xq-01', name: '新华社区', level: 'village', parentId: 'town-xinqu' },
      { row: 4, id: 'xq-02', name: '新民社区', level: 'village', parentId: 'town-nowhere' }
    ]
    const bad = await cloud.call(admin, 'ranking', 'importRegions', { rows })
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.2.parentId', message: '第 4 行：所属镇街「town-nowhere」不存在' } })
    const duplicate = await cloud.call(admin, 'ranking', 'importRegions', { rows: [rows[0], rows[1], { ...rows[1], row: 4 }] })
    expect(duplicate.body).toMatchObject({ ok: false, error: { message: '第 4 行：编号「xq-01」与第 3 行重复' } })
    const schema = await cloud.call(admin, 'ranking', 'importRegions', { rows: [rows[0], { ...rows[1], level: 'county' }] })
    expect(schema.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rows.1.level' } })
    expect(await cloud.ok(admin, 'ranking', 'regions')).toEqual(before)

    const good = await cloud.ok(admin, 'ranking', 'importRegions', { rows: [rows[0], rows[1], { ...rows[2], parentId: 'town-xinqu' }, { row: 5, id: 'py-01', name: '幸福村', level: 'village', parentId: 'town-puyang' }] })
    expect(good).toEqual({ created: 3, updated: 1 })
    const regions = await cloud.ok(resident, 'ranking', 'regions')
    expect(regions.find((r: { id: string }) => r.id === 'xq-02')).toMatchObject({ name: '新民社区', level: 'village', parentId: 'town-xinqu' })
    // an existing village keeps its geography
    expect(regions.find((r: { id: string }) => r.id === 'py-01').boundary).toEqual(before.find((r: { id: string }) => r.id === 'py-01').boundary)
    expect((await logOf('regions'))[0]).toMatchObject({ action: 'regions.import', after: { created: ['town-xinqu', 'xq-01', 'xq-02'], updated: ['py-01'] } })
  })

  it('only admins import', async () => {
    for (const token of [resident, staff]) expect((await cloud.call(token, 'ranking', 'importRegions', { rows: [{ id: 'town-x', name: '某街道', level: 'town' }] })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('the calendar of working days', () => {
  it('admins set it; new deadlines count working days only', async () => {
    expect(await cloud.ok(resident, 'report', 'calendar')).toEqual({ calendar: null })
    // a 24 h case on Friday 17:00 is due on Saturday 17:00 by calendar hours
    const before = await fileCase(resident, 'zhandao', { latitude: 35.7612, longitude: 115.03 })
    expect(Date.parse(before.dueAt)).toBe(Date.parse('2026-11-21T17:00:00+08:00'))
    const set = await cloud.ok(admin, 'report', 'setCalendar', { skipWeekends: true, holidays: ['2026-11-23'], workdays: [] })
    expect(set).toEqual({ calendar: { skipWeekends: true, holidays: ['2026-11-23'], workdays: [] } })
    expect(await cloud.ok(staff, 'report', 'calendar')).toEqual(set)
    // … and skipping the weekend and Monday's holiday, on Tuesday 17:00
    const after = await fileCase(resident, 'zhandao')
    expect(Date.parse(after.dueAt)).toBe(Date.parse('2026-11-24T17:00:00+08:00'))
    expect((await logOf('calendar'))[0]).toMatchObject({ action: 'calendar.set', before: null, after: set.calendar })
  })

  it('bad dates and other roles change nothing', async () => {
    const before = await cloud.ok(admin, 'report', 'calendar')
    for (const token of [resident, staff]) expect((await cloud.call(token, 'report', 'setCalendar', { skipWeekends: false, holidays: [], workdays: [] })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.call(admin, 'report', 'setCalendar', { skipWeekends: true, holidays: ['2026-13-01'], workdays: [] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'holidays.0', message: expect.stringContaining('日期格式应为 YYYY-MM-DD') } })
    expect((await cloud.call(admin, 'report', 'setCalendar', { skipWeekends: true, holidays: ['2026-11-28'], workdays: ['2026-11-28'] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'workdays' } })
    expect(await cloud.ok(admin, 'report', 'calendar')).toEqual(before)
  })
})

describe('publishing a month', () => {
  it('residents see a month only once an evaluator published it; staff at once', async () => {
    now = new Date('2026-11-24T10:00:00+08:00')
    // the seeded months are published
    const seeded = await cloud.ok(resident, 'ranking', 'periods')
    expect(seeded.periods[0]).toBe('2026-10')
    expect(seeded.published).toContain('2026-10')
    await cloud.ok(admin, 'ranking', 'submitEvaluation', { villageId: 'py-07', period: '2026-11', scores: { environment: 88, order: 92 } })
    expect((await cloud.ok(resident, 'ranking', 'periods')).periods[0]).toBe('2026-10')
    expect((await cloud.ok(staff, 'ranking', 'periods')).periods[0]).toBe('2026-11')
    expect((await cloud.ok(resident, 'ranking', 'village', { villageId: 'py-07' })).breakdown).toMatchObject({ period: '2026-10' })
    expect((await cloud.ok(staff, 'ranking', 'village', { villageId: 'py-07' })).breakdown).toMatchObject({ period: '2026-11' })
    const hidden = await cloud.ok(resident, 'ranking', 'honors', { period: '2026-11' })
    expect(hidden).toMatchObject({ feihu: [], woniu: [] })

    // demo-staff is a 测评员 named by the admin
    // one village of the district scored: refused until the evaluator says they saw it (issue 24)
    const villages = (await cloud.ok(admin, 'ranking', 'regions')).filter((r: { level: string }) => r.level === 'village').length
    const refused = await cloud.call(staff, 'ranking', 'publishPeriod', { period: '2026-11' })
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`还有 ${villages - 1} 个村居（共 ${villages} 个）未录入 2026-11 的测评分数`) } })
    expect((await cloud.ok(resident, 'ranking', 'periods')).published).not.toContain('2026-11')
    expect(await logOf('2026-11')).toEqual([])
    // the stored scores, for the evaluators' sheet
    expect(await cloud.ok(staff, 'ranking', 'monthScores', { period: '2026-11' })).toEqual({ period: '2026-11', rows: [{ villageId: 'py-07', scores: { environment: 88, order: 92 }, total: expect.any(Number) }] })
    expect((await cloud.call(resident, 'ranking', 'monthScores', { period: '2026-11' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.ok(staff, 'ranking', 'publishPeriod', { period: '2026-11', allowUnscored: true })).toEqual({ period: '2026-11', published: true, scored: 1, villages })
    expect((await cloud.ok(resident, 'ranking', 'periods')).periods[0]).toBe('2026-11')
    expect((await cloud.ok(resident, 'ranking', 'village', { villageId: 'py-07' })).breakdown).toMatchObject({ period: '2026-11', total: expect.any(Number) })
    expect((await cloud.ok(resident, 'ranking', 'board', { period: '2026-11' })).rows[0]).toMatchObject({ villageId: 'py-07', rank: 1 })
    expect((await logOf('2026-11')).map((e: { action: string }) => e.action)).toEqual(['period.publish'])

    // withdrawn: hidden again
    await cloud.ok(admin, 'ranking', 'publishPeriod', { period: '2026-11', published: false })
    expect((await cloud.ok(resident, 'ranking', 'board', { period: '2026-11' })).rows.every((r: { score: null }) => r.score === null)).toBe(true)
    await cloud.ok(admin, 'ranking', 'publishPeriod', { period: '2026-11', allowUnscored: true })
  })

  it('only evaluators publish; a month without scores or in the future cannot be', async () => {
    expect((await cloud.call(resident, 'ranking', 'publishPeriod', { period: '2026-10' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const zhujian = await cloud.login('ref-zhujian')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'ref-zhujian', role: 'staff', unitId: 'unit-zhujian' })
    expect((await cloud.call(zhujian, 'ranking', 'publishPeriod', { period: '2026-10' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有测评员可以发布测评结果' } })
    expect((await cloud.call(admin, 'ranking', 'publishPeriod', { period: '2024-06' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'period', message: '该月还没有测评分数，不能发布' } })
    expect((await cloud.call(admin, 'ranking', 'publishPeriod', { period: '2027-01' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'period' } })
    expect((await cloud.call(admin, 'ranking', 'publishPeriod', { period: '2026-13' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'period' } })
  })
})

describe('the operation log, filtered (issue 24)', () => {
  it('by person, by action and by district days; bad filters are refused', async () => {
    now = new Date('2026-11-25T23:30:00+08:00')
    await cloud.ok(admin, 'user', 'putUnit', { id: 'unit-oplog', name: '日志测试单位' })
    now = new Date('2026-11-26T00:30:00+08:00')
    await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-08', period: '2026-11', scores: { environment: 81, order: 82 } })
    await cloud.ok(admin, 'user', 'putUnit', { id: 'unit-oplog', name: '日志测试单位二' })

    const people = (await cloud.ok(admin, 'user', 'search', { limit: 50 })).items as { userId: string; nickname: string; role: string }[]
    const me = await cloud.ok(staff, 'user', 'me')
    const staffPerson = people.find((p) => p.nickname === me.nickname)!
    const byStaff = (await cloud.ok(admin, 'user', 'operationLog', { actorUserId: staffPerson.userId })).items as { action: string; actorName: string; target: string }[]
    expect(byStaff.length).toBeGreaterThan(0)
    expect(byStaff.every((e) => e.actorName === me.nickname)).toBe(true)
    expect(byStaff[0]).toMatchObject({ action: 'evaluation.submit', target: 'py-08:2026-11' })

    const created = (await cloud.ok(admin, 'user', 'operationLog', { action: 'unit.create' })).items as { action: string; target: string }[]
    expect(created.every((e) => e.action === 'unit.create')).toBe(true)
    expect(created.map((e) => e.target)).toContain('unit-oplog')

    // days are the district's: 23:30 on the 25th and 00:30 on the 26th fall on two days
    const on25 = (await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', from: '2026-11-25', to: '2026-11-25' })).items
    const on26 = (await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', from: '2026-11-26', to: '2026-11-26' })).items
    expect(on25.map((e: { action: string }) => e.action)).toEqual(['unit.create'])
    expect(on26.map((e: { action: string }) => e.action)).toEqual(['unit.update'])
    expect((await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', from: '2026-11-25' })).items).toHaveLength(2)
    expect((await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', to: '2026-11-24' })).items).toHaveLength(0)
    // paging keeps the filter
    const first = await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', from: '2026-11-25', limit: 1 })
    const second = await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-oplog', from: '2026-11-25', limit: 1, cursor: first.nextCursor })
    expect([first.items[0].action, second.items[0].action, second.nextCursor]).toEqual(['unit.update', 'unit.create', null])

    expect((await cloud.call(admin, 'user', 'operationLog', { action: 'unit.explode' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action', message: expect.stringContaining('没有这种操作') } })
    expect((await cloud.call(admin, 'user', 'operationLog', { from: '2026-11-26', to: '2026-11-25' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'to', message: expect.stringContaining('开始日期不能晚于结束日期') } })
    expect((await cloud.call(admin, 'user', 'operationLog', { from: '2026/11/26' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } })
    expect((await cloud.call(admin, 'user', 'operationLog', { actorUserId: 'nobody-like-this' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'actorUserId', message: expect.stringContaining('没有这个人') } })
    expect((await cloud.call(staff, 'user', 'operationLog', { action: 'unit.create' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
