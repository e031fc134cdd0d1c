import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 26, item 6, on both stores: 十星级文明户 and 五美庭院 as the villages hold them. The
 * committee (admins, the 文明办, the village's 网格员) imports the village's households, rates
 * them, publishes the list once; the village page shows it with the 户主's surname and 门牌 only;
 * a withdrawal is an entry, the award stays in the record; the figures count it.
 */
let cloud: TestCloud
let admin: string
let wenming: string
let grid: string
let otherGrid: string
let resident: string
let chengguan: string
const now = new Date('2026-12-07T09:00:00+08:00')
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  admin = await cloud.login('demo-admin')
  wenming = await cloud.login('hh-wenming')
  grid = await cloud.login('hh-grid')
  otherGrid = await cloud.login('hh-grid-2')
  resident = await cloud.login('hh-resident')
  chengguan = await cloud.login('hh-chengguan')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'hh-chengguan', role: 'staff', unitId: 'unit-chengguan' })
  await cloud.ok(admin, 'user', 'setRole', { openid: 'hh-wenming', role: 'staff', unitId: 'unit-wenming' })
  await cloud.ok(admin, 'user', 'setGrid', { userId: (await cloud.store.users.get('hh-grid'))!.userId, villageIds: ['py-03'] })
  await cloud.ok(admin, 'user', 'setGrid', { userId: (await cloud.store.users.get('hh-grid-2'))!.userId, villageIds: ['py-04'] })
})
afterAll(() => cloud.close())

const SHIXING = ['爱国守法星', '诚信友善星', '勤劳致富星', '孝老爱亲星', '移风易俗星', '卫生洁净星', '绿化美化星', '平安和谐星', '热心公益星', '教育文明星']
const WUMEI = ['院内美', '屋内美', '厨厕美', '庭院美', '身心美']

describe('households as the village names them', () => {
  it('the committee imports households: new 门牌 added, known ones renamed; a bad row changes nothing; others may not', async () => {
    const rows = [{ row: 2, head: '张建国', door: '1组12号' }, { row: 3, head: '李秀英', door: '1组13号' }, { row: 4, head: '王五', door: '2组1号' }]
    expect(await cloud.ok(grid, 'ranking', 'importHouseholds', { villageId: 'py-03', rows })).toEqual({ created: 3, updated: 0, households: 3 })
    // again, with one renamed (full-width digits and spaces are the same 门牌) and one new
    expect(await cloud.ok(wenming, 'ranking', 'importHouseholds', { villageId: 'py-03', rows: [{ head: '张建华', door: '1组 １２号' }, { head: '赵六', door: '3组7号' }] }))
      .toEqual({ created: 1, updated: 1, households: 4 })
    const dup = await cloud.call(grid, 'ranking', 'importHouseholds', { villageId: 'py-03', rows: [{ row: 2, head: '甲', door: '9号' }, { row: 5, head: '乙', door: '9号' }] })
    expect(dup.status).toBe(400)
    expect((dup.body as { error: { message: string } }).error.message).toBe('第 5 行：门牌「9号」与第 2 行重复')
    const bad = await cloud.call(grid, 'ranking', 'importHouseholds', { villageId: 'py-03', rows: [{ head: '', door: '9号' }] })
    expect(bad.status).toBe(400)
    // another village's 网格员, a resident, staff of another unit: refused
    for (const t of [otherGrid, resident, chengguan]) expect((await cloud.call(t, 'ranking', 'importHouseholds', { villageId: 'py-03', rows })).status).toBe(403)
    expect((await cloud.call(resident, 'ranking', 'households', { villageId: 'py-03' })).status).toBe(403)
    const list = await cloud.ok(grid, 'ranking', 'households', { villageId: 'py-03' })
    expect(list.map((h: { head: string; door: string }) => `${h.head}/${h.door}`)).toEqual(['张建华/1组 １２号', '李秀英/1组13号', '王五/2组1号', '赵六/3组7号'])
    // no account anywhere: a household is 户主 and 门牌
    expect(Object.keys(list[0]).sort()).toEqual(['door', 'head', 'id', 'villageId'])
    const logged = (await cloud.ok(admin, 'user', 'operationLog', { action: 'households.import' })).items
    expect(logged).toHaveLength(2)
  })
})

describe('rating, publishing, withdrawing', () => {
  const ids = async () => Object.fromEntries((await cloud.ok(grid, 'ranking', 'households', { villageId: 'py-03' })).map((h: { head: string; id: string }) => [h.head, h.id]))

  it('rates on the kind\'s stars, publishes once with confirmation of what qualifies, shows the list masked, withdraws by an entry', async () => {
    const h = await ids()
    const rate = (t: string, householdId: string, kind: string, stars: string[]) => cloud.call(t, 'ranking', 'rateHousehold', { villageId: 'py-03', householdId, kind, year: '2026', stars })
    expect((await rate(grid, h['张建华'], 'shixing', SHIXING)).status).toBe(200)
    expect((await rate(grid, h['李秀英'], 'shixing', SHIXING.slice(0, 7))).status).toBe(200)
    expect((await rate(grid, h['王五'], 'wumei', WUMEI.slice(0, 4))).status).toBe(200) // not all five: not listed
    expect((await rate(grid, h['赵六'], 'wumei', WUMEI)).status).toBe(200)
    const wrongStar = await rate(grid, h['王五'], 'shixing', ['院内美'])
    expect([wrongStar.status, (wrongStar.body as { error: { message: string } }).error.message]).toEqual([400, '「院内美」不是十星级文明户的星'])
    expect((await rate(grid, 'hh-none', 'shixing', [])).status).toBe(404)
    expect((await rate(grid, h['王五'], 'nope', [])).status).toBe(400)
    expect((await rate(otherGrid, h['王五'], 'shixing', [])).status).toBe(403)

    const draft = await cloud.ok(grid, 'ranking', 'householdRatings', { villageId: 'py-03', kind: 'shixing', year: '2026' })
    expect(draft.published).toBeNull()
    expect(draft.rows.find((r: { head: string }) => r.head === '李秀英').stars).toHaveLength(7)
    // nothing shows before publishing
    expect((await cloud.ok(resident, 'ranking', 'villageHouseholds', { villageId: 'py-03' })).lists).toEqual([])

    expect(await cloud.ok(grid, 'ranking', 'publishHouseholdAwards', { villageId: 'py-03', kind: 'shixing', year: '2026' })).toMatchObject({ awarded: 2 })
    expect(await cloud.ok(wenming, 'ranking', 'publishHouseholdAwards', { villageId: 'py-03', kind: 'wumei', year: '2026' })).toMatchObject({ awarded: 1 })
    expect((await cloud.call(grid, 'ranking', 'publishHouseholdAwards', { villageId: 'py-03', kind: 'shixing', year: '2026' })).status).toBe(409)
    // an empty list is not published
    expect((await cloud.call(grid, 'ranking', 'publishHouseholdAwards', { villageId: 'py-03', kind: 'shixing', year: '2025' })).status).toBe(409)
    // after publishing, the list is not edited
    const late = await rate(grid, h['王五'], 'shixing', SHIXING)
    expect(late.status).toBe(409)

    const page = await cloud.ok(resident, 'ranking', 'villageHouseholds', { villageId: 'py-03' })
    expect(page).toMatchObject({ villageId: 'py-03', households: 4, awarded: 3 })
    expect(page.lists.map((l: { name: string; year: string; items: unknown[] }) => [l.name, l.year, l.items])).toEqual([
      ['十星级文明户', '2026', [{ label: '张** 家 · 1组 １２号', stars: SHIXING }, { label: '李** 家 · 1组13号', stars: SHIXING.slice(0, 7) }]],
      ['五美庭院', '2026', [{ label: '赵* 家 · 3组7号', stars: WUMEI }]]
    ])
    expect(JSON.stringify(page)).not.toMatch(/建华|秀英|赵六/)

    // withdrawal: an entry with its reason; the award leaves the page and the figures, stays in the committee's record
    const withdraw = (t: string, householdId: string) => cloud.call(t, 'ranking', 'withdrawHouseholdAward', { villageId: 'py-03', kind: 'shixing', year: '2026', householdId, reason: '家庭成员违法建房，经村民代表会议撤销' })
    expect((await withdraw(resident, h['李秀英'])).status).toBe(403)
    expect((await withdraw(grid, h['王五'])).status).toBe(404)
    expect((await withdraw(grid, h['李秀英'])).status).toBe(200)
    expect((await withdraw(grid, h['李秀英'])).status).toBe(409)
    const after = await cloud.ok(resident, 'ranking', 'villageHouseholds', { villageId: 'py-03' })
    expect(after.awarded).toBe(2)
    expect(after.lists[0].items.map((i: { label: string }) => i.label)).toEqual(['张** 家 · 1组 １２号'])
    const record = await cloud.ok(admin, 'ranking', 'householdRatings', { villageId: 'py-03', kind: 'shixing', year: '2026' })
    expect(record.published).toMatchObject({ awarded: 2 })
    expect(record.rows.find((r: { head: string }) => r.head === '李秀英').award).toMatchObject({ stars: SHIXING.slice(0, 7), withdrawn: { reason: '家庭成员违法建房，经村民代表会议撤销' } })
    const actions = (await cloud.ok(admin, 'user', 'operationLog', { limit: 50 })).items.map((e: { action: string }) => e.action)
    expect(actions.filter((a: string) => a.startsWith('households.'))).toEqual(expect.arrayContaining(['households.publish', 'households.withdraw']))
  })

  it('at once: two members rating different households both count; two publishing the same list publish it once', async () => {
    await cloud.ok(admin, 'ranking', 'importHouseholds', { villageId: 'py-04', rows: Array.from({ length: 6 }, (_, i) => ({ head: `住户${i}`, door: `${i + 1}号` })) })
    const homes: { id: string }[] = await cloud.ok(otherGrid, 'ranking', 'households', { villageId: 'py-04' })
    const answers = await Promise.all(homes.map((h, i) => cloud.call(i % 2 ? otherGrid : wenming, 'ranking', 'rateHousehold', { villageId: 'py-04', kind: 'wumei', year: '2026', householdId: h.id, stars: WUMEI })))
    expect(answers.map((a) => a.status)).toEqual(homes.map(() => 200))
    const draft = await cloud.ok(admin, 'ranking', 'householdRatings', { villageId: 'py-04', kind: 'wumei', year: '2026' })
    expect(draft.rows.every((r: { stars: string[] }) => r.stars.length === 5)).toBe(true)
    const publish = (t: string) => cloud.call(t, 'ranking', 'publishHouseholdAwards', { villageId: 'py-04', kind: 'wumei', year: '2026' })
    const both = await Promise.all([publish(otherGrid), publish(wenming)])
    expect(both.map((a) => a.status).sort()).toEqual([200, 409])
    expect((await cloud.ok(resident, 'ranking', 'villageHouseholds', { villageId: 'py-04' })).lists[0].items).toHaveLength(6)
  })

  it('the village page of a village without households or lists; an unknown village', async () => {
    expect(await cloud.ok(resident, 'ranking', 'villageHouseholds', { villageId: 'py-05' })).toEqual({ villageId: 'py-05', households: 0, awarded: 0, lists: [] })
    expect((await cloud.call(resident, 'ranking', 'villageHouseholds', { villageId: 'nowhere' })).status).toBe(404)
    expect((await cloud.ok(resident, 'ranking', 'householdAwardKinds', {})).map((k: { name: string }) => k.name)).toEqual(['十星级文明户', '五美庭院'])
  })
})
