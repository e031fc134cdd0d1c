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

    it('finds the staff of some units only (who is told of a unit\'s case), never residents or admins', async () => {
      await store.users.insertIfAbsent(user('s2', { role: 'staff', unitId: 'x' }))
      await store.users.insertIfAbsent(user('s1', { role: 'staff', unitId: 'x' }))
      await store.users.insertIfAbsent(user('s3', { role: 'staff', unitId: 'y' }))
      await store.users.insertIfAbsent(user('s4', { role: 'staff', unitId: 'z' }))
      await store.users.insertIfAbsent(user('a1', { role: 'admin', unitId: 'x' }))
      await store.users.insertIfAbsent(user('r1', { unitId: 'x' }))
      expect((await store.users.staffOf(['x'])).map((u) => u.openid)).toEqual(['s1', 's2'])
      expect((await store.users.staffOf(['x', 'y', 'x'])).map((u) => u.openid)).toEqual(['s1', 's2', 's3'])
      expect(await store.users.staffOf([])).toEqual([])
    })

    it('keeps a user\'s 网格 villages and finds the 网格员, of a village too', async () => {
      await store.users.insertIfAbsent(user('g1', { userId: 'uid-g1' }))
      await store.users.insertIfAbsent(user('g2', { userId: 'uid-g2', role: 'staff', unitId: 'x' }))
      await store.users.insertIfAbsent(user('g3', { userId: 'uid-g3' }))
      expect((await store.users.get('g1'))!.gridVillageIds).toBeUndefined()
      expect(await store.users.update('g1', { gridVillageIds: ['v2', 'v1'] })).toMatchObject({ gridVillageIds: ['v2', 'v1'], role: 'resident' })
      await store.transaction(async (tx) => void (await tx.users.update('g2', { gridVillageIds: ['v1'] })))
      const ids = async (filter: Parameters<typeof store.users.search>[0]) => (await store.users.search(filter, undefined, 10)).items.map((u) => u.openid)
      expect(await ids({ grid: true })).toEqual(['g1', 'g2'])
      expect(await ids({ gridVillageId: 'v1' })).toEqual(['g1', 'g2'])
      expect(await ids({ gridVillageId: 'v2', role: 'resident' })).toEqual(['g1'])
      expect(await ids({ gridVillageId: 'v3' })).toEqual([])
      expect((await store.users.search({ grid: true }, undefined, 1)).nextCursor).not.toBeNull()
      // an empty list: no longer a 网格员
      expect((await store.users.update('g1', { gridVillageIds: [] })).gridVillageIds).toBeUndefined()
      expect(await ids({ grid: true })).toEqual(['g2'])
      expect((await store.users.getByUserId('uid-g2'))!.gridVillageIds).toEqual(['v1'])
    })

    it('keeps a region\'s geography, and puts many regions in one call', async () => {
      const boundary = { type: 'Polygon' as const, coordinates: [[[115, 35], [115.01, 35], [115.01, 35.01], [115, 35.01], [115, 35]]] }
      await store.directory.putRegions([
        { id: 'g1', name: '甲村', level: 'village', parentId: null, center: { latitude: 35.005, longitude: 115.005 }, boundary },
        { id: 'g2', name: '乙村', level: 'village', parentId: null, center: { latitude: 35.5, longitude: 115.5 }, boundary: null }
      ])
      expect(await store.directory.getRegion('g1')).toEqual({ id: 'g1', name: '甲村', level: 'village', parentId: null, center: { latitude: 35.005, longitude: 115.005 }, boundary })
      await store.directory.putRegions([{ id: 'g2', name: '乙村', level: 'village', parentId: null, center: null, boundary: null }])
      expect((await store.directory.listRegions()).map((r) => [r.id, r.center])).toEqual([['g1', { latitude: 35.005, longitude: 115.005 }], ['g2', null]])
    })

    it('keeps reference data in the order it was first put, and replaces by id', async () => {
      await store.directory.putRegion({ id: 't1', name: '一镇', level: 'town', parentId: null })
      await store.directory.putRegion({ id: 'v2', name: '二村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v1', name: '一村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v2', name: '二村（改）', level: 'village', parentId: 't1' })
      expect((await store.directory.listRegions()).map((r) => r.name)).toEqual(['一镇', '二村（改）', '一村'])
      expect(await store.directory.getRegion('v1')).toEqual({ id: 'v1', name: '一村', level: 'village', parentId: 't1', center: null, boundary: null })
      expect(await store.directory.getRegion('none')).toBeNull()
      await store.directory.putUnit({ id: 'u', name: '城管', townId: null })
      expect(await store.directory.getUnit('u')).toEqual({ id: 'u', name: '城管', townId: null })
      await store.directory.putCategory({ code: 'b', name: '乙', group: 'G', unitId: 'u', slaHours: 24, kind: 'problem' })
      await store.directory.putCategory({ code: 'a', name: '甲', group: 'G', unitId: 'u', slaHours: 48, kind: 'praise' })
      expect((await store.directory.listCategories()).map((c) => c.code)).toEqual(['b', 'a'])
      await store.directory.putResponsibility('v1', 'G', 'u')
      expect(await store.directory.getResponsibility('v1', ['b', 'G'])).toBe('u')
      await store.directory.putUnit({ id: 'u2', name: '住建', townId: null })
      await store.directory.putResponsibility('v1', 'b', 'u2')
      expect(await store.directory.getResponsibility('v1', ['b', 'G'])).toBe('u2') // the category's own entry first
      expect(await store.directory.getResponsibility('v1', ['a', 'G'])).toBe('u')
      expect(await store.directory.getResponsibility('v2', ['b', 'G'])).toBeNull()
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
      await store.ranking.setRanks('2026-09', [{ villageId: 'v1', rank: 1 }])
      expect((await store.ranking.villageHistory('v1', 12)).map((h) => [h.period, h.total])).toEqual([['2026-10', 85], ['2026-09', 70]])
      expect((await store.ranking.submissions('v1', '2026-10')).map((s) => s.total)).toEqual([85, 80])
      expect(await store.ranking.periods()).toEqual(['2026-10', '2026-09'])
      await store.ranking.setStar('v1', 'branch', true, 'admin', new Date())
      await store.ranking.setStar('v1', 'ecology', true, 'admin', new Date())
      await store.ranking.setStar('v1', 'branch', false, 'admin', new Date())
      expect(await store.ranking.starsOf('v1')).toEqual(['ecology'])
      // The board's read model: every village in scope with both months' totals and ranks and its stars.
      await store.directory.putRegion({ id: 't1', name: '一镇', level: 'town', parentId: null })
      await store.directory.putRegion({ id: 't2', name: '二镇', level: 'town', parentId: null })
      await store.directory.putRegion({ id: 'v1', name: '一村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v2', name: '二村', level: 'village', parentId: 't1' })
      await store.directory.putRegion({ id: 'v3', name: '三村', level: 'village', parentId: 't2' })
      const byId = (rows: { villageId: string }[]) => [...rows].sort((a, b) => a.villageId.localeCompare(b.villageId))
      expect(byId(await store.ranking.boardOf('2026-10', '2026-09'))).toEqual([
        { villageId: 'v1', villageName: '一村', townId: 't1', townName: '一镇', total: 85, rank: 2, previousTotal: 70, previousRank: 1, stars: ['ecology'] },
        { villageId: 'v2', villageName: '二村', townId: 't1', townName: '一镇', total: 90, rank: 1, previousTotal: null, previousRank: null, stars: [] },
        { villageId: 'v3', villageName: '三村', townId: 't2', townName: '二镇', total: null, rank: null, previousTotal: null, previousRank: null, stars: [] }
      ])
      expect((await store.ranking.boardOf('2026-10', '2026-09', 't2')).map((r) => r.villageId)).toEqual(['v3'])
      // A resubmission is stored unranked (rank 0) until the month is ranked again.
      await store.ranking.saveEvaluation(e('v2', '2026-10', 60, 5000))
      expect((await store.ranking.boardOf('2026-10', '2026-09', 't1')).find((r) => r.villageId === 'v2')).toMatchObject({ total: 60, rank: 0 })
    })

    it('volunteer signups keep the counters on the activity exact under concurrency, with an ordered waitlist and promotion', async () => {
      const now = new Date('2026-11-24T08:00:00+08:00')
      const ctxOf = async (openid: string): Promise<Ctx> => ({
        store, config: defaultConfig, clock: () => now, contentCheck: { isAcceptable: async () => true }, push: { send: async () => 'sent' as const }, photos: { claim: async () => true, accept: async (id: string) => id, sweepUnused: async () => 0 }, mediaCheck: { submit: async () => undefined }, log: () => undefined,
        user: await store.users.insertIfAbsent(user(openid))
      })
      await store.volunteer.insertActivity({
        id: 'drive1', title: '清理', description: '', villageId: 'v1', address: '村口', startAt: new Date('2026-11-25T09:00:00+08:00'), endAt: new Date('2026-11-25T11:00:00+08:00'),
        capacity: 3, confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, signupDeadline: new Date('2026-11-25T09:00:00+08:00'), cancelled: false, cancelReason: null,
        organizerOpenid: 'org', checkinSecret: 'contract-secret', reportIds: [], latitude: 35.76, longitude: 115.03, createdAt: now
      })
      expect(await store.volunteer.getActivity('drive1')).toMatchObject({ latitude: 35.76, longitude: 115.03 })
      await store.volunteer.updateActivity('drive1', { latitude: null, longitude: null })
      expect(await store.volunteer.getActivity('drive1')).toMatchObject({ latitude: null, longitude: null })
      const ctxs = await Promise.all(Array.from({ length: 10 }, (_, i) => ctxOf(`vol${i}`)))
      const answers = await Promise.all(ctxs.map(async (c) => ({ ...(await signup(c, 'drive1')), openid: c.user.openid })))
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

    it('stores cases: idempotency key, append-only timeline, supports once, queries by user, unit, box, deadline and village', async () => {
      const base = new Date('2026-11-20T09:00:00+08:00').getTime()
      const report = (id: string, over: Record<string, unknown> = {}) => ({
        id, openid: 'rep', clientId: `c-${id}`, category: 'zhandao', description: '占道经营', photos: [], latitude: 35.7, longitude: 115, address: null,
        villageId: 'v1', status: 'submitted' as const, unitId: 'u1', anonymous: false, supportCount: 0, createdAt: new Date(base), dueAt: new Date(base + 3600_000),
        resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, ...over
      })
      await store.transaction(async (tx) => {
        await tx.reports.insert(report('r1'))
        expect((await tx.reports.findByClientId('rep', 'c-r1'))?.id).toBe('r1')
      })
      await store.reports.insert(report('r2', { createdAt: new Date(base + 1000), latitude: 36.5, unitId: 'u2' }))
      await store.reports.insert(report('r3', { createdAt: new Date(base + 2000), status: 'resolved', resolvedAt: new Date(base + 1800_000), rating: { score: 4, comment: null } }))
      expect(await store.reports.findByClientId('rep', 'nope')).toBeNull()
      await store.reports.appendEvent({ reportId: 'r1', at: new Date(base), action: 'submitted', status: 'submitted', note: null, actorRole: 'resident', actorOpenid: 'rep' })
      await store.reports.appendEvent({ reportId: 'r1', at: new Date(base + 5), action: 'accept', status: 'accepted', note: '派单', actorRole: 'staff', actorOpenid: 's' })
      const timelines = await store.reports.timelines(['r1', 'r2'])
      expect(timelines.get('r1')!.map((e) => e.action)).toEqual(['submitted', 'accept'])
      expect(timelines.get('r2')).toEqual([])
      expect(await store.reports.addSupport('r1', 'x', new Date())).toBe(true)
      expect(await store.reports.addSupport('r1', 'x', new Date())).toBe(false)
      await store.reports.update('r1', { status: 'accepted', reply: '已处理' })
      expect(await store.reports.get('r1')).toMatchObject({ supportCount: 1, status: 'accepted', reply: '已处理' })
      expect(await store.reports.createdTimesSince('rep', new Date(base + 500), 10)).toEqual([new Date(base + 2000), new Date(base + 1000)])
      expect(await store.reports.createdTimesSince('rep', new Date(0), 1)).toEqual([new Date(base + 2000)])
      const mine = await store.reports.listByUser('rep', undefined, 2)
      expect(mine.items.map((r) => r.id)).toEqual(['r3', 'r2'])
      expect((await store.reports.listByUser('rep', mine.nextCursor ?? undefined, 2)).items.map((r) => r.id)).toEqual(['r1'])
      expect((await store.reports.queue({ unitId: 'u1', status: 'accepted' }, undefined, 10)).items.map((r) => r.id)).toEqual(['r1'])
      expect((await store.reports.queue({ unitId: null, overdueAt: new Date(base + 7200_000) }, undefined, 10)).items.map((r) => r.id)).toEqual(['r2', 'r1'])
      expect((await store.reports.openInBox({ minLat: 35.6, maxLat: 35.8, minLng: 114.9, maxLng: 115.1 }, undefined, 10)).map((r) => r.id)).toEqual(['r1'])
      expect(await store.reports.openInBox({ minLat: 35.6, maxLat: 35.8, minLng: 114.9, maxLng: 115.1 }, 'feixian', 10)).toEqual([])
      expect((await store.reports.sweepCandidates(new Date(base + 7200_000), new Date(base + 3600_000), 10)).map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3'])
      expect(await store.reports.villageStats('v1', new Date(base), new Date(base + 86400_000))).toEqual({ received: 3, accepted: 2, resolved: 1, resolvedOnTime: 1, ratingSum: 4, ratingCount: 1, praised: 0 })

      // 文明点赞: never a sweep candidate, nor in the problem queue or the box; approved ones on the wall and in the figures
      await store.reports.insert(report('p1', { kind: 'praise', createdAt: new Date(base + 3000), unitId: 'u1' }))
      await store.reports.insert(report('p2', { kind: 'praise', createdAt: new Date(base + 4000), unitId: 'u1', status: 'accepted' }))
      expect(await store.reports.get('p1')).toMatchObject({ kind: 'praise' })
      expect(await store.reports.get('r1')).toMatchObject({ kind: 'problem' })
      expect((await store.reports.sweepCandidates(new Date(base + 7200_000), new Date(base + 3600_000), 10)).map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3'])
      expect((await store.reports.queue({ unitId: 'u1' }, undefined, 10)).items.map((r) => r.id)).toEqual(['r3', 'r1'])
      expect((await store.reports.queue({ unitId: 'u1', kind: 'praise' }, undefined, 10)).items.map((r) => r.id)).toEqual(['p2', 'p1'])
      expect((await store.reports.openInBox({ minLat: 35.6, maxLat: 35.8, minLng: 114.9, maxLng: 115.1 }, undefined, 10)).map((r) => r.id)).toEqual(['r1'])
      expect((await store.reports.praiseWall(undefined, 10)).items.map((r) => r.id)).toEqual(['p2'])

      // 待办: open problems by deadline, earliest first, in pages; and the counts behind the chips
      await store.reports.insert(report('r4', { createdAt: new Date(base + 5000), dueAt: new Date(base + 600_000), villageId: 'v4' }))
      const urgent = await store.reports.queue({ unitId: null, urgent: true }, undefined, 2)
      expect(urgent.items.map((r) => r.id)).toEqual(['r4', 'r1'])
      expect((await store.reports.queue({ unitId: null, urgent: true }, urgent.nextCursor ?? undefined, 2)).items.map((r) => r.id)).toEqual(['r2'])
      expect((await store.reports.queue({ unitId: 'u2', urgent: true }, undefined, 10)).items.map((r) => r.id)).toEqual(['r2'])
      const later = new Date(base + 7200_000)
      expect(await store.reports.queueCounts(null, later)).toEqual({ byStatus: { accepted: 1, submitted: 2, resolved: 1 }, overdue: 3, praise: 1 })
      expect(await store.reports.queueCounts('u1', later)).toEqual({ byStatus: { accepted: 1, submitted: 1, resolved: 1 }, overdue: 2, praise: 1 })
      expect(await store.reports.queueCounts('u1', new Date(base))).toMatchObject({ overdue: 0 })
      expect(await store.reports.villageStats('v1', new Date(base), new Date(base + 86400_000))).toEqual({ received: 3, accepted: 2, resolved: 1, resolvedOnTime: 1, ratingSum: 4, ratingCount: 1, praised: 1 })
    })

    it('reads public problems by village, box, status and category, newest first in pages, and the district\'s figures', async () => {
      const base = new Date('2026-11-20T09:00:00+08:00').getTime()
      const report = (id: string, at: number, over: Record<string, unknown> = {}) => ({
        id, openid: 'rep', clientId: `c-${id}`, category: 'zhandao', description: '占道经营', photos: [], latitude: 35.7, longitude: 115, address: null,
        villageId: 'v1', status: 'submitted' as const, unitId: 'u1', anonymous: false, supportCount: 0, createdAt: new Date(base + at), dueAt: new Date(base + 3600_000),
        resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, ...over
      })
      await store.reports.insert(report('a', 1000))
      await store.reports.insert(report('b', 2000, { status: 'resolved', resolvedAt: new Date(base + 1800_000) }))
      await store.reports.insert(report('c', 3000, { status: 'rejected' }))
      await store.reports.insert(report('d', 4000, { kind: 'praise', status: 'accepted' }))
      await store.reports.insert(report('e', 5000, { villageId: 'v2', latitude: 36.5, category: 'luandui', status: 'closed', resolvedAt: new Date(base + 7200_000) }))
      await store.reports.insert(report('f', 6000, { status: 'accepted', latitude: 35.71 }))
      const all = ['submitted', 'accepted', 'reopened', 'resolved', 'closed'] as const
      const ids = (p: { items: { id: string }[] }) => p.items.map((r) => r.id)
      const first = await store.reports.publicCases({ statuses: all, villageId: 'v1' }, undefined, 2)
      expect(ids(first)).toEqual(['f', 'b'])
      expect(ids(await store.reports.publicCases({ statuses: all, villageId: 'v1' }, first.nextCursor ?? undefined, 2))).toEqual(['a'])
      expect(ids(await store.reports.publicCases({ statuses: ['resolved', 'closed'] }, undefined, 10))).toEqual(['e', 'b'])
      expect(ids(await store.reports.publicCases({ statuses: all, category: 'luandui' }, undefined, 10))).toEqual(['e'])
      const box = { minLat: 35.69, maxLat: 35.705, minLng: 114.99, maxLng: 115.01 }
      expect(ids(await store.reports.publicCases({ statuses: all, box }, undefined, 10))).toEqual(['b', 'a'])
      expect(ids(await store.reports.publicCases({ statuses: ['submitted'], box, villageId: 'v1' }, undefined, 10))).toEqual(['a'])
      expect(ids(await store.reports.publicCases({ statuses: all, box, villageId: 'v2' }, undefined, 10))).toEqual([])
      expect(ids(await store.reports.publicCases({ statuses: [] }, undefined, 10))).toEqual([])
      const day = [new Date(base), new Date(base + 86400_000)] as const
      expect(await store.reports.districtStats(...day)).toEqual({ received: 5, accepted: 3, resolved: 2, resolvedOnTime: 1, ratingSum: 0, ratingCount: 0, praised: 1 })
      expect(await store.reports.villageStats('v1', ...day)).toEqual({ received: 4, accepted: 2, resolved: 1, resolvedOnTime: 1, ratingSum: 0, ratingCount: 0, praised: 1 })
      expect(await store.reports.districtStats(new Date(base + 86400_000), new Date(base + 2 * 86400_000))).toEqual({ received: 0, accepted: 0, resolved: 0, resolvedOnTime: 0, ratingSum: 0, ratingCount: 0, praised: 0 })
    })

    it('keeps console sign-in requests by id and updates their fields, also inside a transaction', async () => {
      const at = new Date(1_700_000_000_000)
      await store.consoleLogins.insert({ id: 'req1', codeHash: 'ab'.repeat(32), createdAt: at, expiresAt: new Date(at.getTime() + 120_000), failures: 0, confirmedBy: null, confirmedAt: null, claimedAt: null })
      expect(await store.consoleLogins.get('nope')).toBeNull()
      expect(await store.consoleLogins.get('req1')).toEqual({ id: 'req1', codeHash: 'ab'.repeat(32), createdAt: at, expiresAt: new Date(at.getTime() + 120_000), failures: 0, confirmedBy: null, confirmedAt: null, claimedAt: null })
      await store.transaction(async (tx) => {
        const r = await tx.consoleLogins.get('req1')
        await tx.consoleLogins.update('req1', { failures: r!.failures + 1, confirmedBy: 'staff-1', confirmedAt: new Date(at.getTime() + 5000) })
      })
      await store.consoleLogins.update('req1', { claimedAt: new Date(at.getTime() + 7000) })
      expect(await store.consoleLogins.get('req1')).toMatchObject({ failures: 1, confirmedBy: 'staff-1', confirmedAt: new Date(at.getTime() + 5000), claimedAt: new Date(at.getTime() + 7000) })
    })

    it('removes the console sign-in requests made before a moment, and only those', async () => {
      const at = new Date(1_700_000_000_000)
      const request = (id: string, createdAt: Date) => ({ id, codeHash: 'cd'.repeat(32), createdAt, expiresAt: new Date(createdAt.getTime() + 120_000), failures: 0, confirmedBy: null, confirmedAt: null, claimedAt: null })
      await store.consoleLogins.insert(request('old1', new Date(at.getTime() - 3 * 86400_000)))
      await store.consoleLogins.insert({ ...request('old2', new Date(at.getTime() - 1)), confirmedBy: 'staff-1', confirmedAt: at, claimedAt: at })
      await store.consoleLogins.insert(request('now1', at))
      expect(await store.consoleLogins.removeOlderThan(at)).toBe(2)
      expect(await store.consoleLogins.get('old1')).toBeNull()
      expect(await store.consoleLogins.get('old2')).toBeNull()
      expect(await store.consoleLogins.get('now1')).not.toBeNull()
      expect(await store.consoleLogins.removeOlderThan(at)).toBe(0)
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
