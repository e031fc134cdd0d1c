import type { UnitBoard, UnitBoardRow } from '../../../types/ranking'
import type { Ctx } from '../context'
import type { DashboardFigures } from '../report/ports'
import { monthBounds } from '../time'
import { competitionRanks, honorLists } from './rules'
import { unitDeductions } from '../campaign/rules'

/**
 * The units' board (issue 21): each month the 文明办 ranks the responsible units (局委) on their
 * work, beside the villages' board. Every figure comes from the cases and their timelines, read in
 * a fixed number of calls whatever the district's history: one GROUP BY / aggregation for the
 * month's cases per unit, one for the month's 退回, 返工 and 督办 per unit, and the units.
 */

/** What each step costs a unit's score: a case sent back, a fix that failed 核查, a 督办 received. */
export const UNIT_DEDUCTIONS = { return: 2, verifyFail: 3, urge: 5 } as const
const STEPS = Object.keys(UNIT_DEDUCTIONS) as (keyof typeof UNIT_DEDUCTIONS)[]

export const UNIT_FORMULA =
  '得分 = 按期办结率 × 60% + 群众满意度（平均星级 ÷ 5）× 40%（尚无评价时按期办结率计满分权重），' +
  `每退回 1 件扣 ${UNIT_DEDUCTIONS.return} 分，每件核查返工扣 ${UNIT_DEDUCTIONS.verifyFail} 分，每次督办扣 ${UNIT_DEDUCTIONS.urge} 分，最低 0 分；` +
  '再减去本月测评在其点位、路段发现问题的扣分（每项按上限封顶）；' +
  '本月既无工单也无退回、返工、督办和测评扣分的单位不参与排名。'

const round1 = (x: number) => Math.round(x * 10) / 10

/** The rows of the board, scored and ranked (pure: the figures in, the board out). */
export function unitRows(units: { id: string; name: string; active?: boolean }[], figures: DashboardFigures['byUnit'], steps: { unitId: string; action: string; n: number }[], inspection: Map<string, number> = new Map()): UnitBoardRow[] {
  const byUnit = new Map(figures.map((f) => [f.unitId, f]))
  const stepsOf = (unitId: string, action: string) => steps.filter((s) => s.unitId === unitId && s.action === action).reduce((n, s) => n + s.n, 0)
  const rows = units
    .filter((u) => u.active !== false || byUnit.has(u.id))
    .map((u): UnitBoardRow => {
      const f = byUnit.get(u.id)
      const received = f?.received ?? 0
      const resolved = f?.resolved ?? 0
      const resolvedOnTime = f?.resolvedOnTime ?? 0
      const onTimeRate = resolved ? round1((resolvedOnTime / resolved) * 100) : null
      const ratingAverage = f?.ratingCount ? round1(f.ratingSum / f.ratingCount) : null
      const [returns, reworks, urges] = STEPS.map((a) => stepsOf(u.id, a)) as [number, number, number]
      const inspectionDeductions = inspection.get(u.id) ?? 0
      const worked = received > 0 || returns + reworks + urges > 0
      const active = worked || inspectionDeductions > 0
      // nothing resolved yet counts as not on time: a unit that sits on its cases does not lead;
      // a unit with no case but the 测评's shortfalls starts from full marks
      const base = !worked ? 100 : ratingAverage === null ? onTimeRate ?? 0 : (onTimeRate ?? 0) * 0.6 + (ratingAverage / 5) * 100 * 0.4
      const deducted = returns * UNIT_DEDUCTIONS.return + reworks * UNIT_DEDUCTIONS.verifyFail + urges * UNIT_DEDUCTIONS.urge + inspectionDeductions
      return {
        unitId: u.id, name: u.name, received, resolved, resolvedOnTime, onTimeRate, ratingAverage, ratingCount: f?.ratingCount ?? 0,
        returns, reworks, urges, inspectionDeductions, overdueOpen: f?.overdueOpen ?? 0, score: active ? Math.max(0, round1(base - deducted)) : null, rank: null
      }
    })
  // ties share a rank (1, 1, 3): the villages' board's rule
  const scored = competitionRanks(rows.filter((r) => r.score !== null).sort((a, b) => a.name.localeCompare(b.name, 'zh')).map((r) => ({ ...r, total: r.score! })))
    .map(({ total, ...r }) => (void total, r))
  return [...scored, ...rows.filter((r) => r.score === null).sort((a, b) => a.name.localeCompare(b.name, 'zh'))]
}

export async function unitBoard(ctx: Ctx, period: string): Promise<UnitBoard> {
  const { from, to } = monthBounds(period, ctx.config)
  const [units, figures, steps, inspections] = await Promise.all([
    ctx.store.directory.listUnits(),
    ctx.store.reports.unitFigures(from, to, ctx.clock()),
    ctx.store.reports.unitSteps(STEPS, from, to),
    ctx.store.campaign.inspectionsOf(period)
  ])
  const rows = unitRows(units, figures, steps, unitDeductions(inspections))
  return { period, rows, ...unitHonors(rows, ctx.config.honorsSize), formula: UNIT_FORMULA }
}

/** 飞虎榜 and 蜗牛榜 of the scored units, by the villages' rule (rules.ts honorLists). */
export const unitHonors = (rows: UnitBoardRow[], size: number): { feihu: UnitBoardRow[]; woniu: UnitBoardRow[] } => honorLists(rows, (r) => r.score, size)
