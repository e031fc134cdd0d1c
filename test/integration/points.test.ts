import { settleEnded } from '../../cloud/core/volunteer/cases'
import { earn, reverse, entryIdOf } from '../../cloud/core/points/ledger'
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
