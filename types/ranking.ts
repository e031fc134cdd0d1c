import { z } from 'zod'
import { action, id } from './common'
import type { DriveFigures } from './volunteer'
import type { DashboardUnit } from './report'
import { householdsContract } from './households'

export type RegionLevel = 'town' | 'village'

/**
 * A responsible unit's month on the unit board (`ranking.unitBoard`): the dashboard's league-table
 * figures of the month's problems now with the unit (受理, 办结, 按期, 评价, 超期未办), and the month's steps.
 */
export interface UnitBoardRow extends DashboardUnit {
  /** Steps in the month: cases the unit sent back (退回), fixes that failed 核查 (返工), 督办 it received. */
  returns: number
  reworks: number
  urges: number
  /** Points the month's 测评 deducted for shortfalls at the unit's 点位 and 路段 (issue 26; capped per item). */
  inspectionDeductions: number
  /** The month's score (0–100, one decimal); null: the unit had no case and no step this month. */
  score: number | null
  /** Competition rank among the scored units (1 = best); null when not scored. */
  rank: number | null
}

export interface UnitBoard {
  period: string
  rows: UnitBoardRow[]
  /** The best and the worst scored units (config.honorsSize each; never both). */
  feihu: UnitBoardRow[]
  woniu: UnitBoardRow[]
  /** How the score is computed, in words (the 月度通报 prints it). */
  formula: string
}

export interface GeoPoint {
  latitude: number
  longitude: number
}

/** A GeoJSON polygon or multipolygon, positions `[longitude, latitude]` in GCJ-02. */
export type Boundary =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface Region {
  id: string
  name: string
  level: RegionLevel
  parentId: string | null
  /** Geography (villages; towns may have it): the center point and, where known, the boundary. */
  center?: GeoPoint | null
  boundary?: Boundary | null
}

export { SCORE_KEYS, SCORE_NAMES, STARS, STAR_NAMES, KIND_NAMES, kindOf, weightedTotal, indicatorsOf, type ScoreKey, type Scores, type Star, type EvaluationKind } from './names'
import { STARS, type Scores, type ScoreKey, type Star, type EvaluationKind } from './names'

export interface Evaluation {
  villageId: string
  period: string
  kind: EvaluationKind
  scores: Scores
  total: number
  /** The scores the district's formulas suggested when it was entered (志愿服务, `config.volunteerIndicator`), kept beside the entered ones. */
  suggested?: Scores
}

/** The district's formula for the suggested 志愿服务 score (`config.volunteerIndicator`). */
export interface VolunteerIndicator {
  base: number
  perDrive: number
  perHour: number
  perFixedCase: number
  /** Points for an on-time rate of 100 % (scaled by the rate). */
  onTime: number
  cap: number
}

/**
 * The district's formula for a participation score (issue 28, `config.participationIndicator`):
 * base + perEarner × residents who earned 积分 in the village that month + perPoint × the points
 * they earned, capped, suggested for the indicator it names (e.g. 市民素质).
 */
export interface ParticipationIndicator {
  indicator: ScoreKey
  base: number
  perEarner: number
  perPoint: number
  /** Per household holding a current 文明户 award (issue 26: the latest published list of each kind, withdrawals left out); absent: 0. */
  perAwardedHousehold?: number
  cap: number
}

/** `ranking.villageMonthFigures`: a village's month as the evaluator enters it, live, with the suggested 志愿服务 score. */
export interface VillageMonthFigures extends DriveFigures {
  villageId: string
  villageName: string
  period: string
  kind: EvaluationKind
  received: number
  resolved: number
  resolvedOnTime: number
  onTimeRate: number | null
  /** Null when the month's kind does not measure 志愿服务. */
  suggested: { volunteering: number } | null
  formula: VolunteerIndicator
  /** 积分 participation (issue 28): residents who earned points in the village that month, and how many. */
  earners: number
  pointsEarned: number
  /** The village's households (issue 26), points earned per household that month (null: none named), and households holding a current 文明户 award. */
  households: number
  pointsPerHousehold: number | null
  awardedHouseholds: number
  /** The participation score the district's formula suggests (`config.participationIndicator`), when it has one and the month measures its indicator. */
  suggestedParticipation: { indicator: ScoreKey; score: number; formula: ParticipationIndicator } | null
}

export interface BoardRow {
  villageId: string
  villageName: string
  townId: string
  townName: string
  /** Null: not evaluated in the period (listed after the ranked villages). */
  score: number | null
  rank: number | null
  /** Rank in the previous month, in the same scope; null when not evaluated then. */
  previousRank: number | null
  stars: Star[]
}

export interface Board {
  period: string
  kind: EvaluationKind
  rows: BoardRow[]
}

export interface VillagePage {
  village: Region & { townName: string }
  stars: Star[]
  /** The last 12 months with an evaluation, oldest first. */
  history: { period: string; kind: EvaluationKind; total: number; rank: number }[]
  /** The latest evaluation with its weights. */
  breakdown: (Evaluation & { weights: Scores; rank: number; enteredBy: string | null; enteredAt: string }) | null
  /** Figures of the current month from the other journeys. */
  /**
   * `received` counts the problems filed (上报), `accepted` those a unit accepted (受理) and did not since reject or return,
   * `resolved` those resolved or closed (办结); `praised` the 文明点赞 approved for the wall.
   */
  /** `volunteerHours`, `drives` and `fixedByVolunteers`: of the drives held in the village (where they happened, not the volunteers' homes). */
  live: { period: string; received: number; accepted: number; resolved: number; onTimeRate: number | null; averageRating: number | null; volunteerHours: number; praised: number } & Omit<DriveFigures, 'volunteerHours'>
}

/**
 * A month, `YYYY-MM` with a real month (01–12) from 2000 on. The use cases also reject months after
 * the current one in the district's time zone (no scores or boards for the future).
 */
export const period = z
  .string('月份必须是文字')
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((p) => Number(p.slice(0, 4)) >= 2000, '月份不正确')

/** One indicator score: 0–100 with at most one decimal (e.g. 87.5), as score sheets are kept. */
const score = z
  .number('分数必须是数字')
  .min(0, '分数应在 0–100 之间')
  .max(100, '分数应在 0–100 之间')
  .refine((n) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9, '分数最多保留 1 位小数')

/** The indicators of the month's kind, each present exactly when the kind measures it (checked by the use case). */
export const scoresInput = z.strictObject({
  environment: score.optional(),
  order: score.optional(),
  publicAds: score.optional(),
  civility: score.optional(),
  volunteering: score.optional()
})

const lng = z.number('经度必须是数字').min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')
const lat = z.number('纬度必须是数字').min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间')
const position = z.tuple([lng, lat], '坐标应为 [经度, 纬度]')
const ring = z.array(position).min(4, '边界至少 4 个点（首尾相同）').max(5000, '边界最多 5000 个点')
const polygon = z.array(ring).min(1, '多边形至少一个环').max(50, '多边形最多 50 个环')

/** One region's geography as a GeoJSON Feature: `properties.id` is the region's id. */
export const geoFeature = z.object({
  type: z.literal('Feature', '应为 GeoJSON Feature'),
  properties: z.object({ id: id(), center: z.strictObject({ latitude: lat, longitude: lng }).optional() }),
  geometry: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('Polygon'), coordinates: polygon }),
      z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1, '至少一个多边形').max(100, '最多 100 个多边形') })
    ], '边界应为 Polygon 或 MultiPolygon')
    .nullable()
})
export type GeoFeature = z.output<typeof geoFeature>

/** One row of a towns-and-villages import (CSV / Excel in the console): `row` is its line in the file, for the messages. */
export const regionRow = z.strictObject({
  row: z.number('行号必须是数字').int('行号必须是整数').min(1, '行号至少为 1').max(100000, '行号过大').optional(),
  id: z.string('编号必须是文字').trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, '编号为 1–40 位字母、数字、“-”或“_”'),
  name: z.string('名称必须是文字').trim().min(2, '名称至少 2 个字').max(30, '名称最多 30 个字'),
  level: z.enum(['town', 'village'], '级别只能是 town（镇街）或 village（村居）'),
  parentId: z.string('上级编号必须是文字').trim().max(40, '上级编号过长').nullable().optional()
})

export const rankingContract = {
  /** Towns and villages with their geography (center, boundary), towns first. */
  regions: action<Region[]>()(z.strictObject({})),
  /**
   * Admins: imports the district's geography (a GeoJSON FeatureCollection of its towns and
   * villages, `properties.id` the region's id). All features are checked before any is stored.
   */
  importGeography: action<{ updated: number }>()(
    z.strictObject({ type: z.literal('FeatureCollection', '应为 GeoJSON FeatureCollection'), features: z.array(geoFeature).min(1, '至少一个区域').max(2000, '最多 2000 个区域') })
  ),
  /**
   * Admins (基础数据): imports towns and villages (new ones added, existing ones renamed or moved;
   * their geography is kept). Every row is checked before any is stored — an error names its row
   * (`第 3 行：…`) and changes nothing. One write, logged.
   */
  importRegions: action<{ created: number; updated: number }>()(
    z.strictObject({ rows: z.array(regionRow, '应为村居列表').min(1, '至少一行').max(2000, '最多 2000 行') })
  ),
  /**
   * Evaluators: publishes a month's results (`published: false` withdraws them). Residents see a
   * month on the board, the 飞虎榜/蜗牛榜 and the village page only once it is published; staff see every month. Logged.
   * A month in which some villages have no scores is refused (CONFLICT, naming how many) unless
   * `allowUnscored` says the evaluator saw that; its 飞虎榜/蜗牛榜 are of the scored villages only.
   * The answer counts the villages scored and the district's villages.
   */
  publishPeriod: action<{ period: string; published: boolean; scored: number; villages: number }>()(
    z.strictObject({ period, published: z.boolean('published 只能是是或否').optional(), allowUnscored: z.boolean('allowUnscored 只能是是或否').optional() })
  ),
  /** Evaluators: the stored scores of every village entered for a month (the score sheet shows what is stored). */
  monthScores: action<{ period: string; rows: { villageId: string; scores: Scores; total: number }[] }>()(z.strictObject({ period })),
  /** Evaluators (admins, staff of the evaluator units, users an admin named). Each entry is in the operation log. A second submission for the village and month replaces the first; both stay in `evaluationHistory`. */
  /** `reason`: why (logged with the entry); required once the month's 测评 round was scored from its findings (issue 26: the typed score overrides it). */
  submitEvaluation: action<Evaluation>()(z.strictObject({ villageId: id(), period, scores: scoresInput, reason: z.string('理由必须是文字').trim().min(2, '理由至少 2 个字').max(200, '理由最多 200 个字').optional() })),
  /**
   * With `townId`, ranks (and previous ranks) are within that town — what its villagers compare;
   * without it, within the district.
   */
  board: action<Board>()(z.strictObject({ period, townId: id().optional() })),
  honors: action<{ period: string; kind: EvaluationKind; feihu: BoardRow[]; woniu: BoardRow[] }>()(
    z.strictObject({ period, size: z.number('数量必须是数字').int('数量必须是整数').min(1, '至少 1 名').max(20, '最多 20 名').optional(), townId: id().optional() })
  ),
  /** Breakdown of the latest evaluated month; `live` figures are of the current month. */
  village: action<VillagePage>()(z.strictObject({ villageId: id() })),
  setStar: action<{ villageId: string; stars: Star[] }>()(
    z.strictObject({ villageId: id(), star: z.enum(STARS, '星级只能是 industry、ecology、lawful、civility 或 branch'), awarded: z.boolean('awarded 只能是是或否') })
  ),
  /**
   * Months with evaluations, newest first, and the indicators and weights of each kind (district
   * config); `weights` is the 大测评's (all indicators), kept for older clients. Residents get
   * the published months only; `published` lists the published ones.
   */
  /** The months the caller may see, the published ones, the kinds' weights and who issues the 月度通报 (`issuer`). */
  periods: action<{ periods: string[]; weights: Scores; kinds: Record<EvaluationKind, Scores>; published: string[]; issuer: string }>()(z.strictObject({})),
  /**
   * Evaluators: a village's month as entered — its live figures (drives held there, hours served,
   * cases fixed by drives, cases received and resolved on time) and the suggested 志愿服务 score
   * from the district's formula (`formula`); the evaluator decides, the log keeps both.
   */
  villageMonthFigures: action<VillageMonthFigures>()(z.strictObject({ villageId: id(), period })),
  /** Every submission for a village and month, newest first (a resubmission replaces, history stays). */
  evaluationHistory: action<{ items: (Evaluation & { submittedAt: string })[] }>()(z.strictObject({ villageId: id(), period })),
  /**
   * Staff and admins: the month's board of the responsible units (局委, issue 21): on-time rate,
   * residents' ratings, 退回, 返工 after 核查 and 督办 received, the score they make and the units'
   * 飞虎榜/蜗牛榜 (docs/workflow.md says how each figure is computed).
   */
  unitBoard: action<UnitBoard>()(z.strictObject({ period })),
  /** The month's board as CSV (staff). */
  exportBoard: action<{ filename: string; csv: string }>()(z.strictObject({ period, townId: id().optional() })),
  /** 十星级文明户 and 五美庭院 (issue 26, item 6): types/households.ts. */
  ...householdsContract
}
