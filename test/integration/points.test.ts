import { settleEnded } from '../../cloud/core/volunteer/cases'
import { earn, reverse, entryIdOf, expirePoints } from '../../cloud/core/points/ledger'
import { villageMonthFigures } from '../../cloud/core/ranking/cases'
import type { Deps } from '../../cloud/core/context'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 28, on both stores: one 积分 ledger. Each cause earns once, with its entry written in the
 * cause's transaction; a cause undone is a reversal entry; caps hold what goes beyond; and after a
 * randomized run of earning and reversal, concurrent, every balance is its ledger's sum.
 */
let now = new Date('2026-12-07T09:00:00+08:00')
let cloud: TestCloud
let admin: string
let chengguan: string
let wenming: string
let n = 0
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  admin = await cloud.login('demo-admin')
  chengguan = await cloud.login('demo-staff')
  wenming = await cloud.login('pt-wenming')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'pt-wenming', role: 'staff', unitId: 'unit-wenming' })
})
afterAll(() => cloud.close())

const HERE = { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }
const file = (token: string, category: string) =>
  cloud.ok(token, 'report', 'create', { clientId: `pt-case-${++n}`, category, description: '菜市场门口的问题需要处理', photos: [], location: HERE })
const mine = (token: string) => cloud.ok(token, 'points', 'mine', {})
const ledgerSum = (openid: string) => cloud.store.points.sumOf(openid)
const balance = async (openid: string) => (await cloud.store.users.get(openid))!.points

describe('earning from each cause, and its reversal', () => {
  it('an accepted report earns its points once; rejected after a reopening, they go back by a reversal entry', async () => {
    const resident = await cloud.login('pt-r1')
    const r = await file(resident, 'zhandao')
    await cloud.ok(chengguan, 'report', 'accept', { id: r.id })
    // a retried acceptance is refused by the model, and the entry is the case's: still once
    expect((await cloud.call(chengguan, 'report', 'accept', { id: r.id })).status).toBe(409)
    const earned = await mine(resident)
    expect(earned.balance).toBe(5)
    expect(earned.items).toEqual([expect.objectContaining({ amount: 5, kind: 'report', ref: `report:${r.id}`, reason: '上报的问题被受理' })])

    await cloud.ok(chengguan, 'report', 'resolve', { id: r.id, note: '已清理', photos: [await cloud.photoOf(chengguan)] })
    await cloud.ok(resident, 'report', 'reopen', { id: r.id, reason: '根本没有清理' })
    await cloud.ok(chengguan, 'report', 'reject', { id: r.id, reason: '经核实不属实' })
    const after = await mine(resident)
    expect(after.balance).toBe(0)
    expect(after.items.map((e: { amount: number; kind: string }) => [e.kind, e.amount])).toEqual([['reversal', -5], ['report', 5]])
    const told = (await cloud.ok(resident, 'user', 'messages', {})).items.find((m: { kind: string }) => m.kind === 'report.rejected')
    expect(told.body).toContain('此前获得的积分已扣回')
    expect(await ledgerSum('pt-r1')).toBe(0)
    expect(await balance('pt-r1')).toBe(0)
  })

  it('a case rejected before it was ever accepted takes nothing back', async () => {
    const resident = await cloud.login('pt-r2')
    const r = await file(resident, 'zhandao')
    await cloud.ok(chengguan, 'report', 'reject', { id: r.id, reason: '重复上报' })
    expect(await mine(resident)).toEqual({ balance: 0, items: [], nextCursor: null })
  })

  it('an approved 文明点赞 earns the praise rate; a declined one nothing', async () => {
    const resident = await cloud.login('pt-r3')
    const good = await file(resident, 'dianzan')
    const bad = await file(resident, 'dianzan')
    await cloud.ok(wenming, 'report', 'review', { id: good.id, approve: true })
    await cloud.ok(wenming, 'report', 'review', { id: bad.id, approve: false, reason: '照片与内容不符' })
    const got = await mine(resident)
    expect(got.balance).toBe(cloud.deps.config.points.perApprovedPraise)
    expect(got.items).toEqual([expect.objectContaining({ kind: 'praise', amount: cloud.deps.config.points.perApprovedPraise, ref: `report:${good.id}`, reason: '文明点赞上墙' })])
  })

  it('credited volunteer hours earn per hour, at check-out or when the sweep credits them, once', async () => {
    now = new Date('2026-12-08T07:00:00+08:00')
    const start = new Date('2026-12-08T08:00:00+08:00')
    const a = await cloud.ok(chengguan, 'volunteer', 'create', {
      title: '菜市场集中清理', description: '', villageId: 'py-01', address: '幸福村菜市场', capacity: 5,
      startAt: start.toISOString(), endAt: new Date(start.getTime() + 2 * 3600_000).toISOString()
    })
    const out = await cloud.login('pt-v1')
    const stay = await cloud.login('pt-v2')
    for (const t of [out, stay]) await cloud.ok(t, 'volunteer', 'signup', { activityId: a.id })
    const code = async () => (await cloud.ok(chengguan, 'volunteer', 'get', { id: a.id })).checkinCode as string
    now = new Date('2026-12-08T08:00:00+08:00')
    for (const t of [out, stay]) await cloud.ok(t, 'volunteer', 'checkIn', { activityId: a.id, code: await code() })
    now = new Date('2026-12-08T09:30:00+08:00')
    await cloud.ok(out, 'volunteer', 'checkOut', { activityId: a.id, code: await code() })
    // 90 minutes at 2 an hour
    expect(await mine(out)).toMatchObject({ balance: 3, items: [{ kind: 'volunteer', amount: 3, ref: `activity:${a.id}`, reason: '志愿服务「菜市场集中清理」1.5 小时' }] })
    now = new Date('2026-12-08T10:30:00+08:00')
    expect(await settleEnded(cloud.deps)).toBe(1)
    expect(await settleEnded(cloud.deps)).toBe(0)
    expect(await mine(stay)).toMatchObject({ balance: 4, items: [{ kind: 'volunteer', amount: 4 }] })
  })
})

describe('the ledger itself', () => {
  const deps = (points: Partial<Deps['config']['points']> = {}): Pick<Deps, 'config' | 'clock'> => ({ clock: () => now, config: { ...cloud.deps.config, points: { ...cloud.deps.config.points, ...points } } })
  const award = (openid: string, ref: string, amount: number, d = deps()) =>
    cloud.store.transaction((tx) => earn(d, tx, { openid, kind: 'award', ref, amount, reason: '文明户', by: null }))

  it('a cause is entered once however often it is carried out; a reversal once too', async () => {
    await cloud.login('pt-once')
    const [first, second] = await Promise.all([award('pt-once', 'award:a1', 50), award('pt-once', 'award:a1', 50)])
    expect([first, second].filter(Boolean)).toHaveLength(1)
    expect(await balance('pt-once')).toBe(50)
    const id = entryIdOf('award', 'award:a1', 'pt-once')
    await Promise.all([1, 2].map(() => cloud.store.transaction((tx) => reverse(deps(), tx, id, '评选撤销', null)).catch(() => null)))
    expect(await balance('pt-once')).toBe(0)
    expect((await cloud.store.points.list('pt-once', undefined, 10)).items.map((e) => e.amount)).toEqual([-50, 50])
  })

  it('the village page counts participation this month: who earned there and how many (not what was spent or reversed)', async () => {
    const live = async () => cloud.ok(admin, 'points', 'village', { villageId: 'py-02' })
    const before = await live()
    for (const p of ['pt-vil-1', 'pt-vil-2']) await cloud.ok(await cloud.login(p), 'user', 'updateProfile', { villageId: 'py-02' })
    await award('pt-vil-1', 'award:v1', 10)
    await award('pt-vil-1', 'award:v2', 5)
    await award('pt-vil-2', 'award:v3', 7)
    await cloud.store.transaction((tx) => reverse(deps(), tx, entryIdOf('award', 'award:v3', 'pt-vil-2'), '撤销', null))
    expect(await live()).toMatchObject({ period: '2026-12', earners: before.earners + 2, pointsEarned: before.pointsEarned + 22 })
    expect((await cloud.call(admin, 'points', 'village', { villageId: 'town-puyang' })).status).toBe(404)
  })

  it('points per household: the village\'s points this month over the households it named (issue 26); none named: null', async () => {
    const before = await cloud.ok(admin, 'points', 'village', { villageId: 'py-02' })
    expect(before).toMatchObject({ households: 0, pointsPerHousehold: null })
    const rows = Array.from({ length: 7 }, (_, i) => ({ head: `住户${i}`, door: `${i + 1}号` }))
    await cloud.ok(admin, 'ranking', 'importHouseholds', { villageId: 'py-02', rows })
    const after = await cloud.ok(admin, 'points', 'village', { villageId: 'py-02' })
    expect(after).toMatchObject({ households: 7, pointsPerHousehold: Math.round((after.pointsEarned / 7) * 10) / 10 })
    expect(after.pointsEarned).toBeGreaterThan(0)
  })

  it('participation as a configured ranking indicator: the evaluator sees the figures and the suggested score', async () => {
    const me = (await cloud.store.users.get('demo-admin'))!
    const formula = { indicator: 'civility' as const, base: 60, perEarner: 5, perPoint: 0.1, cap: 100 }
    const ctx = { ...cloud.deps, user: me, config: { ...cloud.deps.config, participationIndicator: formula } }
    const f = await villageMonthFigures(ctx, 'py-02', '2026-12')
    const { earners, pointsEarned } = await cloud.ok(admin, 'points', 'village', { villageId: 'py-02' })
    expect(f).toMatchObject({ earners, pointsEarned, suggestedParticipation: { indicator: 'civility', score: Math.round(Math.min(100, 60 + 5 * earners + 0.1 * pointsEarned) * 10) / 10, formula } })
    // not configured (the default): the figures, no suggestion; a month that does not measure it (小测评): none
    expect(await villageMonthFigures({ ...ctx, config: cloud.deps.config }, 'py-02', '2026-12')).toMatchObject({ earners, suggestedParticipation: null })
    expect((await villageMonthFigures(ctx, 'py-02', '2026-11')).suggestedParticipation).toBeNull()
  })

  it('households holding a 文明户 award count in the village\'s figures and, configured, in the suggested score', async () => {
    const me = (await cloud.store.users.get('demo-admin'))!
    const homes = await cloud.ok(admin, 'ranking', 'households', { villageId: 'py-02' })
    const five = ['院内美', '屋内美', '厨厕美', '庭院美', '身心美']
    for (const h of homes.slice(0, 2)) await cloud.ok(admin, 'ranking', 'rateHousehold', { villageId: 'py-02', kind: 'wumei', year: '2026', householdId: h.id, stars: five })
    await cloud.ok(admin, 'ranking', 'publishHouseholdAwards', { villageId: 'py-02', kind: 'wumei', year: '2026' })
    const formula = { indicator: 'civility' as const, base: 60, perEarner: 0, perPoint: 0, perAwardedHousehold: 2, cap: 100 }
    const f = await villageMonthFigures({ ...cloud.deps, user: me, config: { ...cloud.deps.config, participationIndicator: formula } }, 'py-02', '2026-12')
    expect(f).toMatchObject({ households: 7, awardedHouseholds: 2, pointsPerHousehold: Math.round((f.pointsEarned / 7) * 10) / 10, suggestedParticipation: { score: 64 } })
    await cloud.ok(admin, 'ranking', 'withdrawHouseholdAward', { villageId: 'py-02', kind: 'wumei', year: '2026', householdId: homes[0].id, reason: '不再符合' })
    expect((await villageMonthFigures({ ...cloud.deps, user: me }, 'py-02', '2026-12')).awardedHouseholds).toBe(1)
  })

  it('daily and monthly caps: what goes beyond is entered as 0 with the reason', async () => {
    await cloud.login('pt-cap')
    const capped = deps({ dailyCap: 8, monthlyCap: 12 })
    expect((await award('pt-cap', 'award:c1', 5, capped))!.amount).toBe(5)
    expect(await award('pt-cap', 'award:c2', 5, capped)).toMatchObject({ amount: 3, reason: '文明户（已达每日积分上限，计 3 分）' })
    expect(await award('pt-cap', 'award:c3', 5, capped)).toMatchObject({ amount: 0, reason: '文明户（已达每日积分上限）' })
    now = new Date(now.getTime() + 86400_000)
    expect(await award('pt-cap', 'award:c4', 5, capped)).toMatchObject({ amount: 4, reason: '文明户（已达每月积分上限，计 4 分）' })
    expect(await balance('pt-cap')).toBe(12)
    // a 0 entry has nothing to reverse
    expect(await cloud.store.transaction((tx) => reverse(deps(), tx, entryIdOf('award', 'award:c3', 'pt-cap'), '撤销', null))).toBeNull()
  })

  it('with caps on, the acceptance message states what was entered', async () => {
    const rules = cloud.deps.config.points
    const kept = { ...rules }
    Object.assign(rules, { dailyCap: 7 })
    try {
      const resident = await cloud.login('pt-capmsg')
      for (let i = 0; i < 3; i++) await cloud.ok(chengguan, 'report', 'accept', { id: (await file(resident, 'zhandao')).id })
      const bodies = (await cloud.ok(resident, 'user', 'messages', {})).items.filter((m: { kind: string }) => m.kind === 'report.accepted').map((m: { body: string }) => m.body.replace(/^.*：/, ''))
      expect(bodies.sort()).toEqual([
        '感谢参与创建文明城市（已达每日积分上限，本次未获得积分）',
        '感谢参与创建文明城市，获得 2 积分（已达每日积分上限，按上限计）',
        '感谢参与创建文明城市，获得 5 积分'
      ].sort())
      expect((await mine(resident)).balance).toBe(7)
    } finally {
      Object.assign(rules, kept)
    }
  })

  it('after a randomized run of earning and reversal, at once, every balance is its ledger\'s sum', async () => {
    let seed = 28
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const people = Array.from({ length: 6 }, (_, i) => `pt-rand-${i}`)
    for (const p of people) await cloud.login(p)
    const entries: string[] = []
    for (let round = 0; round < 6; round++) {
      const ops = Array.from({ length: 12 }, () => {
        const who = people[Math.floor(rnd() * people.length)]!
        if (entries.length && rnd() < 0.3) {
          const id = entries[Math.floor(rnd() * entries.length)]!
          return cloud.store.transaction((tx) => reverse(deps(), tx, id, '撤销', null))
        }
        const ref = `award:r${Math.floor(rnd() * 20)}` // repeats: the same cause twice
        entries.push(entryIdOf('award', ref, who))
        return award(who, ref, 1 + Math.floor(rnd() * 30))
      })
      await Promise.all(ops)
    }
    for (const p of people) expect(await ledgerSum(p)).toBe(await balance(p))
    expect((await Promise.all(people.map(balance))).some((b) => b !== 0)).toBe(true)
  })
})

describe('the 积分超市', () => {
  let keeper: string
  let keeper2: string
  let soap: { id: string }
  let rice: { id: string }
  let oil: { id: string }
  const userIdOf = async (openid: string) => (await cloud.store.users.get(openid))!.userId!
  const give = (openid: string, ref: string, amount: number) =>
    cloud.store.transaction((tx) => earn({ clock: () => now, config: cloud.deps.config }, tx, { openid, kind: 'award', ref, amount, reason: '文明户', by: null }))
  const code = async (token: string) => (await cloud.ok(token, 'points', 'code', {})).code as string
  const redeem = (token: string, data: Record<string, unknown>) => cloud.call(token, 'points', 'redeem', { shopId: 'py-01', clientId: `pt-submit-${++n}`, ...data })

  beforeAll(async () => {
    keeper = await cloud.login('pt-keeper')
    keeper2 = await cloud.login('pt-keeper2')
    expect((await cloud.call(keeper, 'points', 'setShopkeeper', { userId: await userIdOf('pt-keeper'), shopIds: ['py-01'] })).status).toBe(403)
    expect(await cloud.ok(admin, 'points', 'setShopkeeper', { userId: await userIdOf('pt-keeper'), shopIds: ['py-01'] })).toEqual({ userId: await userIdOf('pt-keeper'), shopIds: ['py-01'] })
    await cloud.ok(admin, 'points', 'setShopkeeper', { userId: await userIdOf('pt-keeper2'), shopIds: ['py-02'] })
    expect((await cloud.call(admin, 'points', 'setShopkeeper', { userId: await userIdOf('pt-keeper2'), shopIds: ['nowhere'] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'shopIds.0' } })
    expect(await cloud.ok(keeper, 'user', 'me', {})).toMatchObject({ shopIds: ['py-01'] })
    soap = await cloud.ok(admin, 'points', 'putGoods', { shopId: 'py-01', name: '香皂', price: 10, stock: 3 })
    rice = await cloud.ok(keeper, 'points', 'putGoods', { shopId: 'py-01', name: '大米 5 斤', price: 30, stock: 10 })
    oil = await cloud.ok(keeper2, 'points', 'putGoods', { shopId: 'py-02', name: '食用油', price: 5, stock: 100 })
    // a shopkeeper keeps their own shop only; residents none
    expect((await cloud.call(keeper2, 'points', 'putGoods', { shopId: 'py-01', name: '毛巾', price: 5, stock: 1 })).status).toBe(403)
    expect((await cloud.call(chengguan, 'points', 'putGoods', { shopId: 'py-01', name: '毛巾', price: 5, stock: 1 })).status).toBe(403)
    expect((await cloud.call(admin, 'points', 'putGoods', { shopId: 'py-01', name: '毛巾', price: 0, stock: 1 })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'price' } })
  })

  it('a resident shows a code, the shopkeeper scans it and redeems: balance, stock and ledger change once, even when the submit is retried', async () => {
    const resident = await cloud.login('pt-buyer')
    await give('pt-buyer', 'award:buy-1', 40)
    expect((await cloud.ok(resident, 'points', 'goods', { shopId: 'py-01' })).map((g: { name: string; stock: number }) => [g.name, g.stock]).sort()).toEqual([['大米 5 斤', 10], ['香皂', 3]])
    const shown = await cloud.ok(resident, 'points', 'code', {})
    expect(shown.code).toMatch(/^\d{12}$/)
    expect(Date.parse(shown.expiresAt) - now.getTime()).toBe(120_000)
    // only a shopkeeper of the shop may look at it
    expect((await cloud.call(keeper2, 'points', 'lookupCode', { shopId: 'py-01', code: shown.code })).status).toBe(403)
    expect(await cloud.ok(keeper, 'points', 'lookupCode', { shopId: 'py-01', code: shown.code })).toMatchObject({ balance: 40 })

    const submit = { clientId: 'pt-receipt-1', code: shown.code, items: [{ goodsId: soap.id, quantity: 2 }] }
    const [first, retried] = await Promise.all([redeem(keeper, submit), redeem(keeper, submit)])
    const again = await redeem(keeper, submit)
    for (const a of [first, retried, again]) expect(a.body).toMatchObject({ ok: true, data: { total: 20, items: [{ name: '香皂', price: 10, quantity: 2 }], shopName: expect.any(String) } })
    const receipts = [first, retried, again].map((a) => (a.body as { data: { id: string; balanceAfter?: number } }).data)
    expect(new Set(receipts.map((r) => r.id)).size).toBe(1)
    expect(receipts.filter((r) => r.balanceAfter === 20)).toHaveLength(1)
    expect(await cloud.ok(resident, 'points', 'mine', {})).toMatchObject({ balance: 20, items: [{ kind: 'redemption', amount: -20, reason: expect.stringContaining('香皂×2') }, { kind: 'award', amount: 40 }] })
    expect((await cloud.ok(keeper, 'points', 'goods', { shopId: 'py-01' })).find((g: { id: string }) => g.id === soap.id)).toMatchObject({ name: '香皂', stock: 1 })
    const listed = await cloud.ok(keeper, 'points', 'redemptions', { shopId: 'py-01' })
    expect(listed.items.map((r: { id: string; total: number; customer: string }) => [r.id, r.total])).toEqual([[receipts[0]!.id, 20]])
    expect((await cloud.call(resident, 'points', 'redemptions', { shopId: 'py-01' })).status).toBe(403)
    // a month's redemptions (district time), and the shop's shopkeepers (admins)
    expect((await cloud.ok(admin, 'points', 'redemptions', { shopId: 'py-01', month: '2026-12' })).items).toHaveLength(1)
    expect((await cloud.ok(admin, 'points', 'redemptions', { shopId: 'py-01', month: '2026-11' })).items).toHaveLength(0)
    expect((await cloud.ok(admin, 'points', 'shopkeepers', { shopId: 'py-01' })).map((p: { userId: string }) => p.userId)).toEqual([await userIdOf('pt-keeper')])
    expect((await cloud.call(keeper, 'points', 'shopkeepers', { shopId: 'py-01' })).status).toBe(403)
    // the code is spent: a new submit with it is refused
    expect((await redeem(keeper, { code: shown.code, items: [{ goodsId: soap.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该兑换码已使用，请居民刷新后重新出示' } })
    expect(await ledgerSum('pt-buyer')).toBe(20)
  })

  it('refused with the reason when short of points, out of stock, for goods of another shop, with an expired code; nothing changes', async () => {
    const resident = await cloud.login('pt-short')
    await give('pt-short', 'award:short-1', 25)
    const c = await code(resident)
    expect((await redeem(keeper, { code: c, items: [{ goodsId: rice.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '积分不足：需要 30 分，余额 25 分' } })
    expect((await redeem(keeper, { code: c, items: [{ goodsId: soap.id, quantity: 2 }] })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '「香皂」库存不足，仅剩 1 件' } })
    expect((await redeem(keeper, { code: c, items: [{ goodsId: oil.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '所选商品已下架，请刷新商品列表' } })
    expect((await redeem(keeper, { code: '000000000000', items: [{ goodsId: soap.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '兑换码无效或已过期，请居民刷新后重新出示' } })
    expect((await redeem(keeper, { code: c, items: [] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'items' } })
    // the last soap goes; then it is 已兑完
    expect((await redeem(keeper, { code: c, items: [{ goodsId: soap.id, quantity: 1 }] })).body).toMatchObject({ ok: true, data: { total: 10, balanceAfter: 15 } })
    expect((await redeem(keeper, { code: await code(resident), items: [{ goodsId: soap.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { message: '「香皂」已兑完' } })
    const late = await code(resident)
    now = new Date(now.getTime() + 121_000)
    expect((await redeem(keeper, { code: late, items: [{ goodsId: rice.id, quantity: 0 }] })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await redeem(keeper, { code: late, items: [{ goodsId: rice.id, quantity: 1 }] })).body).toMatchObject({ ok: false, error: { message: '兑换码无效或已过期，请居民刷新后重新出示' } })
    expect(await cloud.ok(resident, 'points', 'mine', {})).toMatchObject({ balance: 15 })
    expect(await ledgerSum('pt-short')).toBe(15)
    // taken off the shelf: the shelf no longer shows it; the shopkeeper still does
    await cloud.ok(keeper, 'points', 'putGoods', { id: soap.id, shopId: 'py-01', name: '香皂', price: 10, stock: 0, active: false })
    expect((await cloud.ok(resident, 'points', 'goods', { shopId: 'py-01' })).map((g: { name: string }) => g.name)).toEqual(['大米 5 斤'])
    expect((await cloud.ok(keeper, 'points', 'goods', { shopId: 'py-01', includeInactive: true })).map((g: { name: string }) => g.name).sort()).toEqual(['大米 5 斤', '香皂'])
  })

  it('账号注销: the ledger and the redemptions stay under an alias, the redemption named 已注销用户; the codes go', async () => {
    const leaver = await cloud.login('pt-leaver')
    await give('pt-leaver', 'award:leave-1', 30)
    const c = await code(leaver)
    await cloud.ok(keeper, 'points', 'putGoods', { id: rice.id, shopId: 'py-01', name: '大米 5 斤', price: 30, stock: 10 })
    const receipt = (await redeem(keeper, { code: c, items: [{ goodsId: rice.id, quantity: 1 }] })).body as { ok: true; data: { id: string } }
    await code(leaver) // one left unused
    expect(await cloud.ok(leaver, 'user', 'deleteAccount', { confirm: '注销' })).toEqual({ deleted: true })
    expect((await cloud.store.points.list('pt-leaver', undefined, 10)).items).toEqual([])
    const kept = (await cloud.store.shop.getRedemption(receipt.data.id))!
    expect(kept).toMatchObject({ customer: '已注销用户', total: 30 })
    expect(kept.openid).toMatch(/^deleted-/)
    expect((await cloud.store.points.list(kept.openid, undefined, 10)).items.map((e) => e.amount)).toEqual([-30, 30])
  })

  it('a queue at the shop: the same customer twice at once never overspends; two shops at once both serve', async () => {
    const a = await cloud.login('pt-queue-a')
    const b = await cloud.login('pt-queue-b')
    await give('pt-queue-a', 'award:q-a', 30)
    await give('pt-queue-b', 'award:q-b', 30)
    await cloud.ok(keeper, 'points', 'putGoods', { id: rice.id, shopId: 'py-01', name: '大米 5 斤', price: 20, stock: 10 })
    const [c1, c2, cb] = [await code(a), await code(a), await code(b)]
    if (cloud.emulator) cloud.emulator.latencyMs = 20
    const answers = await Promise.all([
      redeem(keeper, { code: c1, items: [{ goodsId: rice.id, quantity: 1 }] }),
      redeem(keeper, { code: c2, items: [{ goodsId: rice.id, quantity: 1 }] }),
      cloud.call(keeper2, 'points', 'redeem', { shopId: 'py-02', clientId: `pt-submit-${++n}`, code: cb, items: [{ goodsId: oil.id, quantity: 2 }] })
    ])
    if (cloud.emulator) cloud.emulator.latencyMs = 0
    const [x, y, other] = answers.map((r) => r.body)
    expect([x, y].filter((r) => r!.ok)).toHaveLength(1)
    expect([x, y].find((r) => !r!.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '积分不足：需要 20 分，余额 10 分' } })
    expect(other).toMatchObject({ ok: true, data: { total: 10, balanceAfter: 20 } })
    expect(await balance('pt-queue-a')).toBe(10)
    expect(await ledgerSum('pt-queue-a')).toBe(10)
    expect((await cloud.store.shop.getGoods(rice.id))!.stock).toBe(9)
    expect((await cloud.store.shop.getGoods(oil.id))!.stock).toBe(98)
  })

  it('after a randomized run of earning, spending and reversal, at once, every balance is its ledger\'s sum and no stock went below zero', async () => {
    let seed = 2828
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const people = Array.from({ length: 5 }, (_, i) => `pt-mix-${i}`)
    const tokens = await Promise.all(people.map((p) => cloud.login(p)))
    const cheap = await cloud.ok(keeper, 'points', 'putGoods', { shopId: 'py-01', name: '毛巾', price: 7, stock: 12 })
    const entries: string[] = []
    for (let round = 0; round < 5; round++) {
      const ops = await Promise.all(Array.from({ length: 8 }, async () => {
        const i = Math.floor(rnd() * people.length)
        const r = rnd()
        if (r < 0.4) {
          const ref = `award:m${Math.floor(rnd() * 30)}`
          entries.push(entryIdOf('award', ref, people[i]!))
          return () => give(people[i]!, ref, 1 + Math.floor(rnd() * 20))
        }
        if (r < 0.55 && entries.length) {
          const id = entries[Math.floor(rnd() * entries.length)]!
          return () => cloud.store.transaction((tx) => reverse({ clock: () => now }, tx, id, '撤销', null))
        }
        const c = await code(tokens[i]!)
        const quantity = 1 + Math.floor(rnd() * 2)
        return () => redeem(keeper, { code: c, items: [{ goodsId: cheap.id, quantity }] })
      }))
      await Promise.all(ops.map((op) => op()))
    }
    for (const p of people) expect(await ledgerSum(p)).toBe(await balance(p))
    const left = (await cloud.store.shop.getGoods(cheap.id))!.stock
    expect(left).toBeGreaterThanOrEqual(0)
    const sold = (await cloud.ok(keeper, 'points', 'redemptions', { shopId: 'py-01', limit: 50 })).items
      .filter((x: { items: { goodsId: string }[] }) => x.items[0]!.goodsId === cheap.id).reduce((s: number, x: { items: { quantity: number }[] }) => s + x.items[0]!.quantity, 0)
    expect(sold + left).toBe(12)
  })
})

describe('星级志愿者', () => {
  it('stars from credited hours on the leaderboard and the certificate, at the thresholds', async () => {
    const star = await cloud.login('pt-star')
    await cloud.ok(star, 'user', 'updateProfile', { realName: '王志愿' })
    // credited hours as the check-out leaves them: a completed signup and the total
    const served = async (id: string, minutes: number) => {
      const start = new Date(now.getTime() - 30 * 86400_000)
      await cloud.store.volunteer.insertActivity({
        id, title: '长期服务', description: '', villageId: 'py-01', address: '幸福村', startAt: start, endAt: new Date(start.getTime() + 3600_000), capacity: 10,
        confirmedCount: 1, waitlistCount: 0, waitlistSeq: 0, signupDeadline: start, cancelled: false, cancelReason: null, organizerOpenid: 'demo-staff',
        checkinSecret: 'pt-secret', reportIds: [], latitude: null, longitude: null, createdAt: start
      })
      await cloud.store.volunteer.putSignup({ activityId: id, openid: 'pt-star', status: 'completed', seq: 0, signedUpAt: start, checkInAt: start, checkOutAt: start, minutes })
      await cloud.store.users.addTotals('pt-star', { volunteerMinutes: minutes })
    }
    await served('pt-star-1', 300 * 60 - 1)
    const below = await cloud.ok(star, 'volunteer', 'leaderboard', { scope: 'all' })
    expect(below.me).toMatchObject({ minutes: 300 * 60 - 1, stars: 1 })
    expect(await cloud.ok(star, 'volunteer', 'certificate', {})).toMatchObject({ name: '王志愿', stars: 1 })
    await served('pt-star-2', 1)
    const at = await cloud.ok(star, 'volunteer', 'leaderboard', { scope: 'all' })
    expect(at.me).toMatchObject({ rank: 1, stars: 2 })
    expect(at.items[0]).toMatchObject({ nickname: expect.any(String), minutes: 300 * 60, stars: 2 })
    // the month's board (nothing served this month) still shows the stars of all the hours
    expect((await cloud.ok(star, 'volunteer', 'leaderboard', { scope: 'month' })).me).toMatchObject({ minutes: 0, stars: 2 })
    expect(await cloud.ok(star, 'volunteer', 'certificate', {})).toMatchObject({ hours: 300, stars: 2 })
  })
})

describe('expiry (config points.expiryMonths), by the sla timer', () => {
  it('what the balance still holds of points older than the months expires, oldest first, as entries; a read never writes; once', async () => {
    const d = (at: string) => ({ store: cloud.store, clock: () => new Date(at), config: { ...cloud.deps.config, points: { ...cloud.deps.config.points, expiryMonths: 1 } } })
    const resident = await cloud.login('pt-expire')
    const earnAt = (ref: string, amount: number, at: string) => cloud.store.transaction((tx) => earn(d(at), tx, { openid: 'pt-expire', kind: 'award', ref, amount, reason: '测试', by: null }, new Date(at)))
    await earnAt('award:e1', 10, '2027-01-05T10:00:00+08:00')
    await earnAt('award:e2', 6, '2027-01-15T10:00:00+08:00')
    // spent 8 (the oldest points first): 2 of e1 and all of e2 are left
    await cloud.store.transaction(async (tx) => {
      await tx.points.insert({ id: 'redemption:pt-expire-1', openid: 'pt-expire', amount: -8, kind: 'redemption', ref: 'redemption:pt-expire-1', reason: '兑换', at: new Date('2027-01-20T10:00:00+08:00'), by: null, villageId: null })
      await tx.users.addTotals('pt-expire', { points: -8 })
    })
    expect(await balance('pt-expire')).toBe(8)
    // not yet a month: nothing; a read at any time changes nothing
    expect(await expirePoints(d('2027-02-04T10:00:00+08:00'), 1000)).toBeGreaterThanOrEqual(0)
    expect(await balance('pt-expire')).toBe(8)
    now = new Date('2027-03-01T10:00:00+08:00')
    expect((await mine(resident)).balance).toBe(8)
    // e1 is over a month old: its 2 left expire
    await expirePoints(d('2027-02-06T10:00:00+08:00'), 1000)
    expect(await balance('pt-expire')).toBe(6)
    expect((await mine(resident)).items[0]).toMatchObject({ kind: 'expiry', amount: -2, reason: '2027-01-05 获得的积分已满 1 个月，过期 2 分' })
    // again: once
    await expirePoints(d('2027-02-06T10:00:00+08:00'), 1000)
    expect(await balance('pt-expire')).toBe(6)
    // e2 follows; then nothing is left
    await expirePoints(d('2027-02-16T10:00:00+08:00'), 1000)
    expect(await balance('pt-expire')).toBe(0)
    expect(await ledgerSum('pt-expire')).toBe(0)
    // a reversal of an expired entry takes back nothing more than what is left
    expect(await cloud.store.transaction((tx) => reverse(d('2027-02-17T10:00:00+08:00'), tx, entryIdOf('award', 'award:e2', 'pt-expire'), '撤销', null))).toBeNull()
    expect(await balance('pt-expire')).toBe(0)
    // not configured (the default): nothing
    expect(await expirePoints({ ...cloud.deps, clock: () => new Date('2030-01-01T00:00:00Z') })).toBe(0)
  })
})
