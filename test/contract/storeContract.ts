import type { Store } from '../../cloud/core/ports'
import type { User } from '../../types/user'
import { defaultConfig } from '../../cloud/core/config'
import type { Ctx } from '../../cloud/core/context'
import { cancelSignup, signup } from '../../cloud/core/volunteer/cases'

const user = (openid: string, over: Partial<User> = {}): User => ({
  openid, nickname: `用户${openid}`, role: 'resident', unitId: null, villageId: null, points: 0, volunteerMinutes: 0, elderMode: false, ...over
})

/** The behaviours every adapter of the store port must show. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>) {
  describe(`store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(() => store.close())

    it('inserts a user once; a second insert answers the stored one unchanged', async () => {
      expect(await store.users.insertIfAbsent(user('u1', { nickname: '甲' }))).toMatchObject({ openid: 'u1', nickname: '甲' })
      expect(await store.users.insertIfAbsent(user('u1', { nickname: '乙' }))).toMatchObject({ nickname: '甲' })
      expect(await store.users.get('nobody')).toBeNull()
    })

    it('updates profile fields and adds to totals', async () => {
      await store.users.insertIfAbsent(user('u2'))
      expect(await store.users.update('u2', { nickname: '新名字', villageId: 'py-01', elderMode: true })).toMatchObject({ nickname: '新名字', villageId: 'py-01', elderMode: true, role: 'resident' })
      await store.users.addTotals('u2', { points: 5 })
      expect(await store.users.addTotals('u2', { points: 3, volunteerMinutes: 90 })).toMatchObject({ points: 8, volunteerMinutes: 90 })
    })

    it('lists users by role', async () => {
      await store.users.insertIfAbsent(user('s2', { role: 'staff', unitId: 'x' }))
      await store.users.insertIfAbsent(user('s1', { role: 'staff', unitId: 'x' }))
      await store.users.insertIfAbsent(user('r1'))
      expect((await store.users.listByRole('staff')).map((u) => u.openid)).toEqual(['s1', 's2'])
    })

    it('keeps reference data in the order it was first put, and replaces by id', async () => {
      await store.directory.putRegion({ id: 't1', name: '一镇', level: 'town', parentId: null })
      await store.directory.putRegion({ id: 'v2', name: '二村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v1', name: '一村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v2', name: '二村（改）', level: 'village', parentId: 't1' })
      expect((await store.directory.listRegions()).map((r) => r.name)).toEqual(['一镇', '二村（改）', '一村'])
      expect(await store.directory.getRegion('v1')).toEqual({ id: 'v1', name: '一村', level: 'village', parentId: 't1' })
      expect(await store.directory.getRegion('none')).toBeNull()
      await store.directory.putUnit({ id: 'u', name: '城管', townId: null })
      expect(await store.directory.getUnit('u')).toEqual({ id: 'u', name: '城管', townId: null })
      await store.directory.putCategory({ code: 'b', name: '乙', group: 'G', unitId: 'u', slaHours: 24, kind: 'problem' })
      await store.directory.putCategory({ code: 'a', name: '甲', group: 'G', unitId: 'u', slaHours: 48, kind: 'praise' })
      expect((await store.directory.listCategories()).map((c) => c.code)).toEqual(['b', 'a'])
      await store.directory.putResponsibility('v1', 'G', 'u')
      expect(await store.directory.getResponsibility('v1', 'G')).toBe('u')
      expect(await store.directory.getResponsibility('v2', 'G')).toBeNull()
    })

    it('counts 50 concurrent additions exactly', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => store.counters.add('c', 1)))
      expect(await store.counters.get('c')).toBe(50)
      expect(new Set(results).size).toBe(50)
      expect(await store.counters.get('never')).toBe(0)
    })

    it('a transaction commits all of its writes or, when it throws, none', async () => {
      await store.users.insertIfAbsent(user('t1'))
      await expect(
        store.transaction(async (tx) => {
          await tx.users.addTotals('t1', { points: 10 })
          await tx.counters.add('tx', 1)
          throw new Error('boom')
        })
      ).rejects.toThrow('boom')
      expect((await store.users.get('t1'))!.points).toBe(0)
      expect(await store.counters.get('tx')).toBe(0)
      const seen = await store.transaction(async (tx) => {
        await tx.users.addTotals('t1', { points: 10 })
        await tx.counters.add('tx', 2)
        return (await tx.users.get('t1'))!.points // a read inside sees the transaction's own write
      })
      expect(seen).toBe(10)
      expect((await store.users.get('t1'))!.points).toBe(10)
      expect(await store.counters.get('tx')).toBe(2)
    })

    it('concurrent transactions do not lose updates', async () => {
      await store.users.insertIfAbsent(user('race'))
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.transaction(async (tx) => {
            const u = (await tx.users.get('race'))!
            await tx.users.update('race', { nickname: `n${u.points + 1}` })
            await tx.users.addTotals('race', { points: 1 })
          })
        )
      )
      expect(await store.users.get('race')).toMatchObject({ points: 20, nickname: 'n20' })
    })

    it('keeps every evaluation submission, the current one per village and month, ranks and stars', async () => {
      const scores = { environment: 80, order: 80, publicAds: 80, civility: 80, volunteering: 80 }
      const e = (villageId: string, period: string, total: number, at: number) => ({ villageId, period, kind: 'major' as const, scores, total, submittedAt: new Date(at), submittedBy: 'staff' })
      await store.transaction((tx) => tx.ranking.saveEvaluation(e('v1', '2026-10', 80, 1000)))
      await store.ranking.saveEvaluation(e('v1', '2026-10', 85, 2000))
      await store.ranking.saveEvaluation(e('v2', '2026-10', 90, 3000))
      await store.ranking.saveEvaluation(e('v1', '2026-09', 70, 4000))
      expect((await store.ranking.totalsOf('2026-10')).sort((a, b) => a.villageId.localeCompare(b.villageId))).toEqual([{ villageId: 'v1', total: 85 }, { villageId: 'v2', total: 90 }])
      await store.ranking.setRanks('2026-10', [{ villageId: 'v2', rank: 1 }, { villageId: 'v1', rank: 2 }])
      expect((await store.ranking.currentOf('2026-10')).find((c) => c.villageId === 'v1')).toMatchObject({ total: 85, rank: 2 })
      expect((await store.ranking.villageHistory('v1', 12)).map((h) => [h.period, h.total])).toEqual([['2026-10', 85], ['2026-09', 70]])
      expect((await store.ranking.submissions('v1', '2026-10')).map((s) => s.total)).toEqual([85, 80])
      expect(await store.ranking.periods()).toEqual(['2026-10', '2026-09'])
      await store.ranking.setStar('v1', 'branch', true, 'admin', new Date())
      await store.ranking.setStar('v1', 'ecology', true, 'admin', new Date())
      await store.ranking.setStar('v1', 'branch', false, 'admin', new Date())
      expect(await store.ranking.starsOf('v1')).toEqual(['ecology'])
      expect((await store.ranking.allStars()).get('v1')).toEqual(['ecology'])
    })

    it('volunteer signups keep the counters on the activity exact under concurrency, with an ordered waitlist and promotion', async () => {
      const now = new Date('2026-11-24T08:00:00+08:00')
      const ctxOf = async (openid: string): Promise<Ctx> => ({
        store, config: defaultConfig, clock: () => now, contentCheck: { isAcceptable: async () => true }, push: { send: async () => undefined }, log: () => undefined,
        user: await store.users.insertIfAbsent(user(openid))
      })
      await store.volunteer.insertActivity({
        id: 'drive1', title: '清理', description: '', villageId: 'v1', address: '村口', startAt: new Date('2026-11-25T09:00:00+08:00'), endAt: new Date('2026-11-25T11:00:00+08:00'),
        capacity: 3, confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, signupDeadline: new Date('2026-11-25T09:00:00+08:00'), cancelled: false, cancelReason: null,
        organizerOpenid: 'org', checkinCode: '123456', reportIds: [], createdAt: now
      })
      const ctxs = await Promise.all(Array.from({ length: 10 }, (_, i) => ctxOf(`vol${i}`)))
      const answers = await Promise.all(ctxs.map((c) => signup(c, 'drive1')))
      expect(answers.filter((s) => s.status === 'confirmed')).toHaveLength(3)
      expect(answers.filter((s) => s.status === 'waitlisted').map((s) => s.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(await store.volunteer.getActivity('drive1')).toMatchObject({ confirmedCount: 3, waitlistCount: 7 })
      const firstWaiting = answers.find((s) => s.position === 1)!
      const confirmed = answers.find((s) => s.status === 'confirmed')!
      await cancelSignup(ctxs.find((c) => c.user.openid === confirmed.openid)!, 'drive1')
      expect(await store.volunteer.getSignup('drive1', firstWaiting.openid)).toMatchObject({ status: 'confirmed' })
      expect(await store.volunteer.getActivity('drive1')).toMatchObject({ confirmedCount: 3, waitlistCount: 6 })
      expect((await store.volunteer.firstWaitlisted('drive1'))!.seq).toBeGreaterThan(0)
      expect((await store.volunteer.signupsOf('drive1')).filter((s) => s.status === 'waitlisted')).toHaveLength(6)
      expect((await store.messages.list(firstWaiting.openid, undefined, 5)).items[0]).toMatchObject({ kind: 'volunteer.promoted' })
    })

    it('stores messages, lists them newest first in pages and counts the unread', async () => {
      for (let i = 0; i < 5; i++) {
        await store.messages.insert({ id: `m${i}`, openid: 'reader', kind: 'k', title: `t${i}`, body: 'b', link: null, createdAt: new Date(1_700_000_000_000 + i * 1000) })
      }
      await store.messages.insert({ id: 'other', openid: 'someone', kind: 'k', title: 'x', body: 'b', link: null, createdAt: new Date() })
      const first = await store.messages.list('reader', undefined, 3)
      expect(first.items.map((m) => m.id)).toEqual(['m4', 'm3', 'm2'])
      const second = await store.messages.list('reader', first.nextCursor ?? undefined, 3)
      expect(second.items.map((m) => m.id)).toEqual(['m1', 'm0'])
      expect(second.nextCursor).toBeNull()
      expect(await store.messages.unreadCount('reader')).toBe(5)
      expect(await store.messages.markRead('reader', ['m1', 'other'])).toBe(4)
      expect(await store.messages.markRead('reader', null)).toBe(0)
      expect(await store.messages.unreadCount('someone')).toBe(1)
    })
  })
}
