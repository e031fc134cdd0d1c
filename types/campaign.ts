import { z } from 'zod'
import { action, id } from './common'
import { fileId } from './report'
import { period } from './ranking'
import type { EvaluationKind, ScoreKey } from './names'

/**
 * The campaign as districts run it (issue 26): the 测评体系 as data (indicators → items), the
 * 创文点位 and the 局委包路段, monthly inspection rounds walked by evaluators, every shortfall a
 * 整改 case for the 点位's unit, and the villages' scores computed from what was found. The actions
 * are served by the `ranking` function (docs/campaign.md).
 */

/** Kinds of 点位, in display order. */
export const SITE_KINDS = ['market', 'alley', 'road', 'park', 'school', 'hospital', 'station', 'community', 'construction', 'ads'] as const
export type SiteKind = (typeof SITE_KINDS)[number]
export const SITE_KIND_NAMES: Record<SiteKind, string> = {
  market: '农贸市场',
  alley: '背街小巷',
  road: '主次干道',
  park: '公园广场',
  school: '学校周边',
  hospital: '医院',
  station: '车站',
  community: '居民小区',
  construction: '建筑工地',
  ads: '公益广告点'
}

/** One item of the 测评体系: what is checked at which kinds of 点位, and what each shortfall costs. */
export interface CatalogItem {
  id: string
  /** The ranking indicator its deductions count against (公共环境卫生, 公共秩序 …). */
  indicator: ScoreKey
  /** 测评项目 as the sheet names it (e.g. 城市环境卫生). */
  project: string
  /** 测评内容 */
  content: string
  /** 测评标准: the text a 整改 case carries. */
  standard: string
  kinds: SiteKind[]
  /** Points deducted per occurrence, and at most per item and village (or unit) in a round. */
  deduction: number
  cap: number
  /** Hours the unit has to fix a shortfall (the 整改 case's deadline). */
  deadlineHours: number
  active: boolean
}

export interface GeoPosition { latitude: number; longitude: number }

/** A 创文点位: a place of a kind, in a village, with the unit responsible for it. */
export interface Site {
  id: string
  name: string
  kind: SiteKind
  /** The point of a point 点位; a polygon 点位's centre (its area's centroid). */
  location: GeoPosition
  /**
   * A 点位 drawn as an area (a market, a park, a 居民小区): a GeoJSON Polygon's coordinates (outer
   * ring, then holes; `[longitude, latitude]`, GCJ-02, each ring closed); null (or absent in
   * older data): a point.
   */
  polygon?: [number, number][][] | null
  villageId: string
  unitId: string
  address: string | null
  /** A 点位 on a 路段 (主次干道): its shortfalls go to the 路段's unit. */
  roadId: string | null
  active: boolean
}

/** A 包路段: a named line with its responsible unit (局委包路段). */
export interface Road {
  id: string
  name: string
  unitId: string
  /** GeoJSON LineString positions, `[longitude, latitude]` (GCJ-02). */
  line: [number, number][]
  active: boolean
}

export type RoundStatus = 'open' | 'closed'

export interface RoundSite {
  siteId: string
  siteName: string
  kind: SiteKind
  villageId: string
  villageName: string
  unitId: string
  /** The evaluator's handle and name. */
  evaluator: { userId: string; nickname: string } | null
  inspected: boolean
  shortfalls: number
}

export interface Round {
  period: string
  kind: EvaluationKind
  /** 小测评: 点位 sampled per village; null: every 点位 (大测评). */
  perVillage: number | null
  status: RoundStatus
  createdAt: string
  closedAt: string | null
  sites: RoundSite[]
}

/** One answer of an inspection: 达标, or 不达标 with the count, photos and a note. */
export interface Answer {
  itemId: string
  passed: boolean
  count: number
  photos: string[]
  note: string | null
}

/** One shortfall found (the 通报's line and the findings' export): the item, the place, the unit, the photo, the case. */
export interface Finding {
  period: string
  siteId: string
  siteName: string
  kind: SiteKind
  villageId: string
  villageName: string
  unitId: string
  unitName: string
  itemId: string
  indicator: ScoreKey
  standard: string
  count: number
  /** count × the item's deduction (the caps apply to the scores, per item and village or unit). */
  deduction: number
  photos: string[]
  note: string | null
  caseId: string | null
  inspectedAt: string
  evaluator: string
}

/** An evaluator's 点位 of a round, nearest first when a location is given. */
export interface MySite extends Site {
  villageName: string
  distance: number | null
  inspected: boolean
  /** The items that apply to the 点位's kind. */
  items: CatalogItem[]
}

export interface VillageRoundScore {
  villageId: string
  villageName: string
  /** Per indicator of the month: 100 minus the capped deductions. */
  scores: Partial<Record<ScoreKey, number>>
  total: number
  deducted: number
}

const text = (what: string, min: number, max: number) => z.string(`${what}必须是文字`).trim().min(min, `${what}至少 ${min} 个字`).max(max, `${what}最多 ${max} 个字`)
const row = z.number('行号必须是数字').int('行号必须是整数').min(1, '行号至少为 1').max(100000, '行号过大').optional()
const code = z.string('编号必须是文字').trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, '编号为 1–40 位字母、数字、“-”或“_”')
const lat = z.number('纬度必须是数字').min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间')
const lng = z.number('经度必须是数字').min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')
const points = z.number('扣分必须是数字').min(0.1, '扣分至少 0.1').max(100, '扣分最多 100')

/**
 * One row of a 测评体系 sheet (CSV / Excel in the console, the usual columns): 测评项目 names the
 * indicator (公共环境卫生, 公共秩序, 公益广告, 市民素质, 志愿服务 — or a 测评项目 mapped to one by
 * `indicator`), 点位类型 the kinds (「农贸市场、背街小巷」), 扣分 the deduction per occurrence
 * (a number or 「每处扣 0.5 分」).
 */
export const catalogRow = z.strictObject({
  row,
  id: code.optional(),
  project: text('测评项目', 2, 40),
  indicator: z.string('指标必须是文字').trim().max(20, '指标过长').optional(),
  content: text('测评内容', 2, 200),
  standard: text('测评标准', 4, 300),
  kinds: text('点位类型', 2, 200),
  deduction: z.union([points, z.string('扣分必须是数字或文字').trim().max(40, '扣分过长')]),
  cap: z.number('上限必须是数字').min(0.1, '上限至少 0.1').max(100, '上限最多 100').optional(),
  deadlineHours: z.number('整改时限必须是数字').int('整改时限必须是整数').min(1, '整改时限至少 1 小时').max(720, '整改时限最多 720 小时').optional()
})

const position = z.tuple([lng, lat], '坐标应为 [经度, 纬度]')
/** A 点位's area: a GeoJSON Polygon's coordinates (closed rings; checked further by the server: no crossing edges, within the district). */
export const sitePolygon = z.array(z.array(position, '多边形的环应为坐标数组').min(4, '多边形至少 3 个顶点（首尾相同共 4 个点）').max(500, '多边形最多 500 个点'), '多边形应为环的数组')
  .min(1, '多边形至少一个环').max(10, '多边形最多 10 个环')

/** One 点位 as imported: a point (`latitude`, `longitude`) or an area (`polygon`, its centre computed), or both (the point then is its given centre). */
export const siteRow = z.strictObject({
  row,
  id: code,
  name: text('点位名称', 2, 40),
  kind: text('点位类型', 2, 20),
  latitude: lat.optional(),
  longitude: lng.optional(),
  polygon: sitePolygon.nullable().optional(),
  villageId: id(),
  unitId: id(),
  address: z.string('地址必须是文字').trim().max(100, '地址最多 100 个字').optional(),
  roadId: code.optional(),
  active: z.boolean('是否启用只能是是或否').optional()
})

const roadLine = z.array(z.tuple([lng, lat], '坐标应为 [经度, 纬度]'), '坐标应为数组').min(2, '路段至少 2 个点').max(2000, '路段最多 2000 个点')

const roadFeature = z.object({
  type: z.literal('Feature', '应为 GeoJSON Feature'),
  properties: z.object({ id: code, name: text('路段名称', 2, 40), unitId: id(), active: z.boolean('是否启用只能是是或否').optional() }),
  geometry: z.strictObject({
    type: z.literal('LineString', '路段应为 LineString'),
    coordinates: roadLine
  })
})

export const answerInput = z.strictObject({
  itemId: id(),
  passed: z.boolean('结果只能是达标或不达标'),
  count: z.number('处数必须是数字').int('处数必须是整数').min(1, '处数至少为 1').max(100, '处数最多 100').optional(),
  photos: z.array(fileId).max(3, '每项最多 3 张照片').optional(),
  note: z.string('说明必须是文字').trim().max(200, '说明最多 200 个字').optional()
})

export const campaignContract = {
  /** Staff: the 测评体系 (admins: the inactive items too). */
  campaignCatalog: action<{ items: CatalogItem[] }>()(z.strictObject({})),
  /**
   * Admins: imports a 测评体系 sheet. Every row is checked before any is stored (an error names its
   * row and changes nothing); rows with an `id` already stored replace that item, others are added. Logged.
   */
  importCatalog: action<{ created: number; updated: number }>()(z.strictObject({ rows: z.array(catalogRow, '应为测评项目列表').min(1, '至少一行').max(1000, '最多 1000 行') })),
  /** Admins: edits one item (its text, kinds, deduction, cap, deadline; `active: false` retires it). Logged. */
  putCatalogItem: action<CatalogItem>()(z.strictObject({
    id: code,
    indicator: z.string('指标必须是文字').trim().max(20, '指标过长'),
    project: text('测评项目', 2, 40),
    content: text('测评内容', 2, 200),
    standard: text('测评标准', 4, 300),
    kinds: z.array(z.enum(SITE_KINDS, '点位类型不正确'), '点位类型必须是数组').min(1, '至少一种点位类型'),
    deduction: points,
    cap: z.number('上限必须是数字').min(0.1, '上限至少 0.1').max(100, '上限最多 100'),
    deadlineHours: z.number('整改时限必须是数字').int('整改时限必须是整数').min(1, '整改时限至少 1 小时').max(720, '整改时限最多 720 小时'),
    active: z.boolean('是否启用只能是是或否').optional()
  })),
  /** Staff: the 点位 and the 路段. */
  campaignPlaces: action<{ sites: Site[]; roads: Road[] }>()(z.strictObject({})),
  /** Admins: imports 点位 (CSV / Excel rows, or GeoJSON points turned into rows by the console); rows with a stored id replace it. Logged. */
  importSites: action<{ created: number; updated: number }>()(z.strictObject({ rows: z.array(siteRow, '应为点位列表').min(1, '至少一行').max(5000, '最多 5000 行') })),
  /**
   * Admins (the console's map): adds or edits one 点位 — a point (`location`) or an area
   * (`polygon`, its point then its centre, computed) — by the import's rules (kind, village, unit, 路段, the polygon closed, not
   * crossing itself and within the district). `active: false` 停用s it (it stays for the old
   * inspections and is no longer planned or attributed). Logged.
   */
  putSite: action<Site>()(z.strictObject({
    id: code,
    name: text('点位名称', 2, 40),
    kind: z.enum(SITE_KINDS, '点位类型不正确'),
    location: z.strictObject({ latitude: lat, longitude: lng }).optional(),
    polygon: sitePolygon.nullable().optional(),
    villageId: id(),
    unitId: id(),
    address: z.string('地址必须是文字').trim().max(100, '地址最多 100 个字').nullable().optional(),
    roadId: code.nullable().optional(),
    active: z.boolean('是否启用只能是是或否').optional()
  })),
  /** Admins (the console's map): adds or edits one 路段 (its line, name, unit; `active: false` 停用s it) by the import's rules. Logged. */
  putRoad: action<Road>()(z.strictObject({ id: code, name: text('路段名称', 2, 40), unitId: id(), line: roadLine, active: z.boolean('是否启用只能是是或否').optional() })),
  /** Admins: imports 路段 (a GeoJSON FeatureCollection of LineStrings, `properties.id`, `name`, `unitId`). Logged. */
  importRoads: action<{ created: number; updated: number }>()(
    z.strictObject({ type: z.literal('FeatureCollection', '应为 GeoJSON FeatureCollection'), features: z.array(roadFeature, '应为路段列表').min(1, '至少一个路段').max(500, '最多 500 个路段') })
  ),
  /**
   * Admins: plans the month's round: 小测评 samples `perVillage` 点位 of each village, 大测评 takes
   * every 点位 (the kind follows the month: 小测评 in odd months, 大测评 in even ones). `villageIds` limits it to some villages;
   * the 点位 are shared among the `evaluators` (handles, each an evaluator) village by village.
   * One round a month (CONFLICT when the month has one). Logged.
   */
  planRound: action<Round>()(z.strictObject({
    period,
    perVillage: z.number('抽查点位数必须是数字').int('抽查点位数必须是整数').min(1, '每村至少抽查 1 个点位').max(50, '每村最多抽查 50 个点位').optional(),
    villageIds: z.array(id(), '村居列表必须是数组').min(1, '至少一个村居').max(500, '最多 500 个村居').optional(),
    evaluators: z.array(id(), '测评员列表必须是数组').min(1, '至少一位测评员').max(50, '最多 50 位测评员')
  })),
  /** Admins: gives some 点位 of an open round to another evaluator. Logged. */
  assignSites: action<Round>()(z.strictObject({ period, siteIds: z.array(id()).min(1, '至少一个点位').max(1000, '最多 1000 个点位'), evaluator: id() })),
  /** Staff: a month's round with its 点位, their evaluators and what was found (null: no round planned). */
  round: action<Round | null>()(z.strictObject({ period })),
  /** Evaluators: their 点位 of the month's round, nearest first from `location` (else by village and name), with the items that apply. */
  mySites: action<{ period: string; status: RoundStatus | null; items: MySite[] }>()(z.strictObject({ period, location: z.strictObject({ latitude: lat, longitude: lng }).optional() })),
  /**
   * The evaluator of a 点位 (or an admin): submits its inspection, every applicable item answered
   * once: 达标, or 不达标 with the count and at least one photo (the caller's uploads). Each
   * shortfall becomes a 整改 case for the 点位's unit (or its 路段's), needing 核查 before it closes.
   * Idempotent by `clientKey`; a 点位 is inspected once a round (a second inspection with another
   * key: CONFLICT). Refused once the round is closed.
   */
  inspect: action<{ siteId: string; period: string; findings: Finding[] }>()(z.strictObject({
    period,
    siteId: id(),
    clientKey: z.string('clientKey 必须是文字').min(8, 'clientKey 至少 8 个字符').max(64, 'clientKey 最多 64 个字符'),
    answers: z.array(answerInput, '应为测评结果列表').min(1, '至少一项').max(100, '最多 100 项')
  })),
  /**
   * Admins and evaluators: closes the round and enters each inspected village's scores from the
   * deductions (100 minus the capped deductions per indicator, weighted by the month's kind; an
   * indicator no item counts against takes the live figures' suggestion where the district has a
   * formula, e.g. 志愿服务, else 100) as the month's evaluation; a typed `ranking.submitEvaluation` afterwards overrides it (logged with its reason).
   */
  closeRound: action<{ period: string; scores: VillageRoundScore[] }>()(z.strictObject({ period })),
  /** Staff: the month's shortfalls with their photos, 点位, villages and units (the 月度通报 lists them), and the villages' scores from the deductions alone (closing adds the live figures' suggestions). */
  findings: action<{ period: string; items: Finding[]; villages: VillageRoundScore[] }>()(z.strictObject({ period })),
  /** Staff: the month's findings as CSV text and as rows (the console writes them as .xlsx or .csv). */
  exportFindings: action<{ filename: string; csv: string; rows: (string | number)[][] }>()(z.strictObject({ period }))
}
