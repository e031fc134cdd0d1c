import { buildBoard, competitionRanks, honors, weightedTotal, boardCsv } from '../../cloud/core/ranking/rules'
import { kindOf, STAR_NAMES, type Region } from '../../types/ranking'

const W = { environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 }
const town = (id: string): Region => ({ id, name: `${id}镇`, level: 'town', parentId: null })
const village = (id: string, parentId: string): Region => ({ id, name: `${id}村`, level: 'village', parentId })

describe('ranking rules', () => {
  it('the total is the weighted mean rounded to 0.1', () => {
    expect(weightedTotal({ environment: 90, order: 80, publicAds: 70, civility: 60, volunteering: 100 }, W)).toBe(81)
    expect(weightedTotal({ environment: 88.8, order: 77.7, publicAds: 66.6, civility: 55.5, volunteering: 99.9 }, W)).toBe(78.8)
  })

  it('equal totals share a rank and the next rank skips (1, 2, 2, 4)', () => {
    const ranked = competitionRanks([{ id: 'a', total: 90 }, { id: 'b', total: 85 }, { id: 'c', total: 85 }, { id: 'd', total: 80 }])
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]])
  })

  it('odd months are 小测评 (minor), even months 大测评 (major)', () => {
    expect(kindOf('2026-01')).toBe('minor')
    expect(kindOf('2026-10')).toBe('major')
  })

  const villages = [village('a', 't1'), village('b', 't1'), village('c', 't2'), village('d', 't2'), village('e', 't2')]
  const towns = new Map([['t1', town('t1')], ['t2', town('t2')]])
  const current = competitionRanks([{ villageId: 'a', total: 80 }, { villageId: 'c', total: 90 }, { villageId: 'd', total: 85 }])
  const previous = competitionRanks([{ villageId: 'a', total: 95 }, { villageId: 'c', total: 70 }, { villageId: 'e', total: 75 }])

  it('lists ranked villages by rank with their previous rank, then the unevaluated without rank', () => {
    const rows = buildBoard({ villages, towns, current, previous, stars: new Map([['c', ['branch', 'industry']]]), wholeDistrict: true })
    expect(rows.map((r) => [r.villageId, r.rank, r.previousRank, r.score])).toEqual([
      ['c', 1, 3, 90], ['d', 2, null, 85], ['a', 3, 1, 80], ['b', null, null, null], ['e', null, 2, null]
    ])
    expect(rows[0]!.stars).toEqual(['industry', 'branch'])
    expect(rows[0]).toMatchObject({ townId: 't2', townName: 't2镇', villageName: 'c村' })
  })

  it('a town board ranks within the town, this month and last', () => {
    const rows = buildBoard({ villages: villages.filter((v) => v.parentId === 't2'), towns, current, previous, stars: new Map(), wholeDistrict: false })
    expect(rows.map((r) => [r.villageId, r.rank, r.previousRank])).toEqual([['c', 1, 2], ['d', 2, null], ['e', null, 1]])
  })

  it('飞虎榜 takes the best, 蜗牛榜 the worst (worst first), never unevaluated villages', () => {
    const rows = buildBoard({ villages, towns, current, previous, stars: new Map(), wholeDistrict: true })
    expect(honors(rows, 2)).toMatchObject({ feihu: [{ villageId: 'c' }, { villageId: 'd' }], woniu: [{ villageId: 'a' }, { villageId: 'd' }] })
  })

  it('exports the board as CSV with quoting and a BOM', () => {
    const rows = buildBoard({ villages, towns, current, previous, stars: new Map([['c', ['branch']]]), wholeDistrict: true })
    const csv = boardCsv(rows, STAR_NAMES)
    expect(csv.startsWith('\ufeff排名,村居,镇街,得分,上月排名,五星支部\r\n1,c村,t2镇,90,3,支部过硬\r\n')).toBe(true)
    expect(csv).toContain('未测评,b村,t1镇,,,')
  })
})
