import { buildBoard, competitionRanks, honors, needsRanking, weightedTotal, boardCsv } from '../../cloud/core/ranking/rules'
import { unitHonors } from '../../cloud/core/ranking/units'
import type { BoardSource } from '../../cloud/core/ranking/ports'
import { monthBounds, nextPeriod } from '../../cloud/core/time'
import { kindOf, STAR_NAMES } from '../../types/ranking'

const W = { environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 }

/** A board source: village `id` of town t1/t2 with this month's and last month's total and district rank. */
const src = (id: string, town: string, now: [number, number] | null, before: [number, number] | null, stars: BoardSource['stars'] = []): BoardSource => ({
  villageId: id, villageName: `${id}村`, townId: town, townName: `${town}镇`,
  total: now?.[0] ?? null, rank: now?.[1] ?? null, previousTotal: before?.[0] ?? null, previousRank: before?.[1] ?? null, stars
})

// This month: c 90 (1), d 85 (2), a 80 (3); b and e not evaluated. Last month: a 95 (1), e 75 (2), c 70 (3).
const sources = [
  src('a', 't1', [80, 3], [95, 1]),
  src('b', 't1', null, null),
  src('c', 't2', [90, 1], [70, 3], ['branch', 'industry']),
  src('d', 't2', [85, 2], null),
  src('e', 't2', null, [75, 2])
]

describe('ranking rules', () => {
  it('the total is the weighted mean rounded to 0.1', () => {
    expect(weightedTotal({ environment: 90, order: 80, publicAds: 70, civility: 60, volunteering: 100 }, W)).toBe(81)
    expect(weightedTotal({ environment: 88.8, order: 77.7, publicAds: 66.6, civility: 55.5, volunteering: 99.9 }, W)).toBe(78.8)
    // half a tenth rounds up, exactly: 80.5·30 + 80·70 = 80.15 → 80.2; 60.5·10 + 60·90 = 60.05 → 60.1
    expect(weightedTotal({ environment: 80.5, order: 80, publicAds: 80, civility: 80, volunteering: 80 }, W)).toBe(80.2)
    expect(weightedTotal({ environment: 60, order: 60, publicAds: 60.5, civility: 60, volunteering: 60 }, W)).toBe(60.1)
    // weights that do not add up to 100 are still a mean
    expect(weightedTotal({ environment: 80, order: 60, publicAds: 0, civility: 0, volunteering: 0 }, { environment: 1, order: 1, publicAds: 0, civility: 0, volunteering: 0 })).toBe(70)
  })

  it('equal totals share a rank and the next rank skips (1, 2, 2, 4)', () => {
    const ranked = competitionRanks([{ id: 'a', total: 90 }, { id: 'b', total: 85 }, { id: 'c', total: 85 }, { id: 'd', total: 80 }])
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]])
    expect(competitionRanks([{ total: 70 }, { total: 70 }, { total: 70 }]).map((r) => r.rank)).toEqual([1, 1, 1])
    expect(competitionRanks([])).toEqual([])
  })

  it('odd months are 小测评 (minor), even months 大测评 (major)', () => {
    expect(kindOf('2026-01')).toBe('minor')
    expect(kindOf('2026-10')).toBe('major')
    expect(kindOf('2025-11')).toBe('minor')
  })

  it('lists ranked villages by rank with their previous rank, then the unevaluated by id and without rank', () => {
    const rows = buildBoard(sources, true)
    expect(rows.map((r) => [r.villageId, r.rank, r.previousRank, r.score])).toEqual([
      ['c', 1, 3, 90], ['d', 2, null, 85], ['a', 3, 1, 80], ['b', null, null, null], ['e', null, 2, null]
    ])
    expect(rows[0]!.stars).toEqual(['industry', 'branch'])
    expect(rows[0]).toMatchObject({ townId: 't2', townName: 't2镇', villageName: 'c村' })
  })

  it('shared ranks keep their order by village and leave the next rank out', () => {
    const rows = buildBoard([src('y', 't1', [88, 2], null), src('x', 't1', [88, 2], null), src('z', 't1', [80, 4], null), src('w', 't1', [90, 1], null)], true)
    expect(rows.map((r) => [r.villageId, r.rank])).toEqual([['w', 1], ['x', 2], ['y', 2], ['z', 4]])
  })

  it('a town board ranks within the town, this month and last, ignoring the district ranks', () => {
    const rows = buildBoard(sources.filter((s) => s.townId === 't2'), false)
    expect(rows.map((r) => [r.villageId, r.rank, r.previousRank])).toEqual([['c', 1, 2], ['d', 2, null], ['e', null, 1]])
    const tied = buildBoard([src('p', 't1', [80, 7], [60, 9]), src('q', 't1', [80, 8], [60, 10]), src('r', 't1', [70, 12], [90, 1])], false)
    expect(tied.map((r) => [r.villageId, r.rank, r.previousRank])).toEqual([['p', 1, 2], ['q', 1, 2], ['r', 3, 1]])
  })

  it('a replaced score that is not yet re-ranked (rank 0) is noticed, this month or last', () => {
    expect(needsRanking(sources, 'current')).toBe(false)
    expect(needsRanking([...sources, src('f', 't1', [77, 0], null)], 'current')).toBe(true)
    expect(needsRanking([...sources, src('f', 't1', null, [77, 0])], 'previous')).toBe(true)
    expect(needsRanking([...sources, src('f', 't1', null, [77, 0])], 'current')).toBe(false)
  })

  it('飞虎榜 takes the best, 蜗牛榜 the worst (worst first), never unevaluated villages', () => {
    const rows = buildBoard(sources, true)
    // three ranked villages: one each, so the middle one stands on neither (issue 24: never on both)
    expect(honors(rows, 2)).toMatchObject({ feihu: [{ villageId: 'c' }], woniu: [{ villageId: 'a' }] })
    expect(honors(rows, 5).feihu).toHaveLength(1)
  })

  it('飞虎榜/蜗牛榜 include every village tied with the last place of the list', () => {
    const row = (villageId: string, rank: number, score: number) => ({ villageId, rank, score }) as unknown as Parameters<typeof honors>[0][number]
    const tied = [row('a', 1, 100), row('b', 2, 90), row('c', 2, 90), row('d', 4, 80), row('e', 5, 70), row('f', 5, 70)]
    expect(honors(tied, 2).feihu.map((r) => r.villageId)).toEqual(['a', 'b', 'c'])
    expect(honors(tied, 1).woniu.map((r) => r.villageId)).toEqual(['f', 'e'])
    expect(honors(tied, 3).woniu.map((r) => r.villageId)).toEqual(['f', 'e', 'd'])
    // never more than half of the ranked villages on a list, so never one village on both
    expect(honors(tied, 10).feihu).toHaveLength(3)
    expect(honors([], 3)).toEqual({ feihu: [], woniu: [] })
  })

  it('a tied group that would reach both lists stands on neither; unranked villages never stand', () => {
    const row = (villageId: string, rank: number | null, score: number | null) => ({ villageId, rank, score }) as unknown as Parameters<typeof honors>[0][number]
    const middle = [row('a', 1, 95), row('b', 2, 80), row('c', 2, 80), row('d', 2, 80), row('e', 5, 60), row('x', null, null), row('y', null, null)]
    const { feihu, woniu } = honors(middle, 2)
    expect(feihu.map((r) => r.villageId)).toEqual(['a'])
    expect(woniu.map((r) => r.villageId)).toEqual(['e'])
    // 4 of 36 scored (the month published early): two on each list at most, none shared
    const early = [row('p', 1, 90), row('q', 2, 85), row('r', 3, 80), row('s', 4, 70), ...Array.from({ length: 32 }, (_, i) => row(`v${i}`, null, null))]
    const h = honors(early, 5)
    expect(h.feihu.map((r) => r.villageId)).toEqual(['p', 'q'])
    expect(h.woniu.map((r) => r.villageId)).toEqual(['s', 'r'])
  })

  it('exports the board as CSV with quoting and a BOM', () => {
    const rows = buildBoard([...sources, { ...src('g', 't1', null, null), villageName: '高,"新"村' }], true)
    const csv = boardCsv(rows, STAR_NAMES)
    expect(csv.startsWith('\ufeff排名,村居,镇街,得分,上月排名,五星支部\r\n1,c村,t2镇,90,3,产业兴旺、支部过硬\r\n')).toBe(true)
    expect(csv).toContain('未测评,b村,t1镇,,,')
    expect(csv).toContain('未测评,"高,""新""村",t1镇,,,')
  })

  it('a month runs from local midnight of its first day to that of the next, across the year end', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01')
    const { from, to } = monthBounds('2026-12', { utcOffsetMinutes: 480 })
    expect(from.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })
})

describe('the units\' 飞虎榜 and 蜗牛榜 (issue 21)', () => {
  const row = (unitId: string, score: number | null) => ({ unitId, name: unitId, received: 1, resolved: 0, resolvedOnTime: 0, onTimeRate: null, ratingAverage: null, ratingCount: 0, overdueOpen: 0, returns: 0, reworks: 0, urges: 0, inspectionDeductions: 0, score, rank: null })
  it('names the best and the worst, at most half the scored units each, never a unit on both', () => {
    const { feihu, woniu } = unitHonors([row('a', 90), row('b', 70), row('c', 80), row('d', 60), row('e', null)], 3)
    expect(feihu.map((r) => r.unitId)).toEqual(['a', 'c'])
    expect(woniu.map((r) => r.unitId)).toEqual(['d', 'b'])
  })
  it('names nobody when every unit scored the same (nothing resolved yet)', () => {
    expect(unitHonors([row('a', 0), row('b', 0), row('c', 0)], 3)).toEqual({ feihu: [], woniu: [] })
  })
  it('keeps a tie at the top off the 蜗牛榜', () => {
    const { feihu, woniu } = unitHonors([row('a', 80), row('b', 80), row('c', 50), row('d', 50)], 3)
    expect(feihu.map((r) => r.unitId).sort()).toEqual(['a', 'b'])
    expect(woniu.map((r) => r.unitId).sort()).toEqual(['c', 'd'])
  })
})
