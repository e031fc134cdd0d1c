import { deductionOf, distanceToLine, indicatorOf, nearestRoad, siteKindsOf, unitDeductions, villageScores } from '../../cloud/core/campaign/rules'
import type { StoredInspection } from '../../cloud/core/campaign/ports'

/** Issue 26's pure rules: a sheet's words to codes, the distance to a 路段, scores from deductions with caps. */

it('reads 点位类型, 测评项目 and 扣分 as a 文明办 writes them', () => {
  expect(siteKindsOf('农贸市场、背街小巷，road')).toEqual({ kinds: ['market', 'alley', 'road'], unknown: [] })
  expect(siteKindsOf('夜市 / 农贸市场')).toEqual({ kinds: ['market'], unknown: ['夜市'] })
  expect(siteKindsOf('全部').kinds).toHaveLength(10)
  expect(indicatorOf('公共环境卫生')).toBe('environment')
  expect(indicatorOf('城市环境卫生')).toBeNull()
  expect(deductionOf('每处扣 0.5 分')).toBe(0.5)
  expect(deductionOf(2)).toBe(2)
  expect(deductionOf('酌情扣分')).toBeNull()
})

it('measures metres from a point to a line, segment by segment', () => {
  const line: [number, number][] = [[115.073, 35.757], [115.083, 35.757]]
  // 0.0001° of latitude is about 11.1 m
  expect(distanceToLine({ latitude: 35.7571, longitude: 115.078 }, line)).toBeCloseTo(11.1, 0)
  // beyond the end: the distance to the end point
  const past = distanceToLine({ latitude: 35.757, longitude: 115.0831 }, line)
  expect(past).toBeGreaterThan(8)
  expect(past).toBeLessThan(10)
  const roads = [{ id: 'a', line, active: true }, { id: 'b', line: [[115.073, 35.7572], [115.083, 35.7572]] as [number, number][], active: false }]
  expect(nearestRoad({ latitude: 35.7572, longitude: 115.078 }, roads, 30)?.id).toBe('a')
  expect(nearestRoad({ latitude: 35.76, longitude: 115.078 }, roads, 30)).toBeNull()
})

const inspection = (villageId: string, unitId: string, answers: [string, 'environment' | 'order', number, number][]): StoredInspection => ({
  id: `${villageId}:${unitId}:${answers.length}`, period: '2027-01', siteId: 's', siteName: 's', kind: 'market', villageId, unitId, evaluator: 'e', clientKey: 'k', at: new Date(0),
  answers: answers.map(([itemId, indicator, deduction, cap]) => ({ itemId, indicator, standard: '', passed: deduction === 0, count: 1, deduction, cap, photos: [], note: null, caseId: null }))
})

it('scores a village: 100 minus the deductions per indicator, each item capped across its 点位', () => {
  const list = [inspection('v', 'u1', [['a', 'environment', 1.5, 2], ['b', 'order', 0, 4]]), inspection('v', 'u2', [['a', 'environment', 1.5, 2], ['c', 'order', 0.5, 4]])]
  expect(villageScores(list, { environment: 55, order: 45 })).toEqual({ scores: { environment: 98, order: 99.5 }, total: 98.7, deducted: 2.5 })
  expect(unitDeductions(list)).toEqual(new Map([['u1', 1.5], ['u2', 2]]))
})
