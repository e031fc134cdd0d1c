import { kindOf } from '../../types/names'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { defaultConfig } from '../../cloud/core/config'
import type { Ctx, Deps } from '../../cloud/core/context'
import * as cases from '../../cloud/core/ranking/cases'
import { competitionRanks } from '../../cloud/core/ranking/rules'
import type { Scores } from '../../types/ranking'
import type { Store } from '../../cloud/core/ports'
import { emulatedStore } from '../helpers/cloudbase'

/** Ranking use cases on both stores: SQLite in memory, and CloudBase through the real SDK and the emulator. */
const STORES: [string, () => Store][] = [['SQLite', () => createSqliteStore(':memory:')], ['CloudBase', () => emulatedStore().store]]
const all = (n: number): Scores => ({ environment: n, order: n, publicAds: n, civility: n, volunteering: n })
let now = new Date('2026-11-24T10:00:00+08:00')
let deps: Deps
let ctx: Ctx

describe.each(STORES)('ranking use cases on %s', (_name, makeStore) => {
beforeEach(async () => {
  now = new Date('2026-11-24T10:00:00+08:00')
  const store = makeStore()
  await store.directory.putRegion({ id: 't1', name: '一镇', level: 'town', parentId: null })
  await store.directory.putRegion({ id: 't2', name: '二镇', level: 'town', parentId: null })
  for (let i = 1; i <= 30; i++) await store.directory.putRegion({ id: `v${String(i).padStart(2, '0')}`, name: `${i}号村`, level: 'village', parentId: i <= 10 ? 't1' : 't2' })
  deps = { store, config: defaultConfig, clock: () => now, contentCheck: { isAcceptable: async () => true }, push: { send: async () => 'sent' as const }, photos: { claim: async () => true, accept: async (id: string) => id, sweepUnused: async () => 0 }, mediaCheck: { submit: async () => undefined }, log: () => undefined }
  // a staff member reads the boards: residents see only published months (test/integration/reference.test.ts)
  ctx = { ...deps, user: { openid: 'reader', nickname: '读者', role: 'staff', unitId: null, villageId: 'v01', points: 0, volunteerMinutes: 0, elderMode: false } }
})
afterEach(() => deps.store.close())

/** A sheet of the month's kind: all five indicators in a 大测评 month, the 小测评's two in an odd one. */
const sheet = (period: string, n: number): Scores => (kindOf(period) === 'major' ? all(n) : { environment: n, order: n })
const submit = (villageId: string, period: string, n: number | Scores) => cases.submitEvaluation(deps, 'staff', { villageId, period, scores: typeof n === 'number' ? sheet(period, n) : n })
const ranks = async (period: string, townId?: string) => (await cases.board(ctx, period, townId)).rows.map((r) => [r.villageId, r.rank, r.previousRank])

describe('the month', () => {
  it('a resubmission replaces the score on the board and both stay in the history', async () => {
    await submit('v01', '2026-10', 90)
    await submit('v02', '2026-10', 80)
    now = new Date(now.getTime() + 60_000)
    await submit('v01', '2026-10', 70)
    expect((await ranks('2026-10')).slice(0, 2)).toEqual([['v02', 1, null], ['v01', 2, null]])
    const history = await cases.evaluationHistory(ctx, 'v01', '2026-10')
    expect(history.items.map((e) => e.total)).toEqual([70, 90])
    expect(history.items[0]!.submittedAt).toBe('2026-11-24T10:01:00.000+08:00')
  })

  it('villages without a score this month follow the ranked ones; last month gives the previous rank', async () => {
    await submit('v01', '2026-09', 80)
    await submit('v02', '2026-09', 90)
    await submit('v01', '2026-10', 95)
    const rows = await ranks('2026-10')
    expect(rows[0]).toEqual(['v01', 1, 2])
    expect(rows[1]).toEqual(['v02', null, 1])
    expect(rows.slice(1).every(([, rank]) => rank === null)).toBe(true)
    expect(rows).toHaveLength(30)
  })

  it('a town board ranks only its villages, with ties shared', async () => {
    await submit('v01', '2026-10', 70)
    await submit('v02', '2026-10', 70)
    await submit('v11', '2026-10', 99)
    await submit('v03', '2026-10', 60)
    expect((await ranks('2026-10', 't1')).slice(0, 3)).toEqual([['v01', 1, null], ['v02', 1, null], ['v03', 3, null]])
    expect((await ranks('2026-10')).slice(0, 4)).toEqual([['v11', 1, null], ['v01', 2, null], ['v02', 2, null], ['v03', 4, null]])
    await expect(cases.board(ctx, '2026-10', 'v01')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'townId' })
  })

  it('simultaneous submissions for one month leave the ranks of every stored total', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => submit(`v${String(i + 1).padStart(2, '0')}`, '2026-10', 50 + ((i * 7) % 13) * 3.5)))
    await Promise.all([submit('v05', '2026-10', 99.9), submit('v06', '2026-10', 10), submit('v07', '2026-10', 50)])
    const board = await cases.board(ctx, '2026-10')
    const expected = new Map(competitionRanks(board.rows.map((r) => ({ villageId: r.villageId, total: r.score! }))).map((r) => [r.villageId, r.rank]))
    expect(board.rows.map((r) => [r.villageId, r.rank])).toEqual(board.rows.map((r) => [r.villageId, expected.get(r.villageId)]))
    expect(board.rows[0]).toMatchObject({ villageId: 'v05', rank: 1 })
    expect(board.rows.at(-1)).toMatchObject({ villageId: 'v06', rank: 30 })
  })

  it('a month whose re-ranking never ran (a crash after the write) is ranked when the board is read', async () => {
    await submit('v01', '2026-10', 80)
    await deps.store.ranking.saveEvaluation({ villageId: 'v02', period: '2026-10', kind: 'major', scores: all(90), total: 90, submittedAt: now, submittedBy: 'staff' })
    await deps.store.ranking.saveEvaluation({ villageId: 'v03', period: '2026-09', kind: 'minor', scores: all(90), total: 90, submittedAt: now, submittedBy: 'staff' })
    expect((await ranks('2026-10')).slice(0, 3)).toEqual([['v02', 1, null], ['v01', 2, null], ['v03', null, 1]])
  })

  it('scores can be entered for this month but not the next; the kind follows the month', async () => {
    expect(await submit('v01', '2026-11', 80)).toMatchObject({ kind: 'minor', total: 80 })
    expect(await submit('v01', '2026-10', 80)).toMatchObject({ kind: 'major' })
    await expect(submit('v01', '2026-12', 80)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'period' })
    await expect(cases.board(ctx, '2026-12')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'period' })
  })

  it('stars are awarded once, withdrawn, and shown in their fixed order', async () => {
    ctx = { ...ctx, user: { ...ctx.user, role: 'admin' } }
    await cases.setStar(ctx, 'v01', 'branch', true)
    await cases.setStar(ctx, 'v01', 'branch', true)
    expect(await cases.setStar(ctx, 'v01', 'industry', true)).toEqual({ villageId: 'v01', stars: ['industry', 'branch'] })
    expect(await cases.setStar(ctx, 'v01', 'branch', false)).toEqual({ villageId: 'v01', stars: ['industry'] })
    expect((await cases.board(ctx, '2026-10')).rows.find((r) => r.villageId === 'v01')!.stars).toEqual(['industry'])
  })
})
})
