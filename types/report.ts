import { z } from 'zod'
import { action, id, pageInput, tableInput, type Page, type Role } from './common'
import type { DriveFigures } from './volunteer'

export { REPORT_STATUSES, OPEN_STATUSES, STATUS_NAMES, DESCRIPTION, QUESTION_TYPES, ANSWER_TEXT_MAX, checkAnswers, type ReportStatus, type CategoryQuestion, type CaseAnswer, DUE_STATES, DUE_STATE_NAMES, type DueState } from './names'
import { DESCRIPTION, REPORT_STATUSES, type CaseAnswer, type CategoryQuestion, type DueState, type ReportStatus } from './names'

export interface ReportCategory {
  code: string
  name: string
  group: string
  unitId: string
  slaHours: number
  /** `praise` for 文明点赞. */
  kind: 'problem' | 'praise'
  /** False once an admin deactivated it (基础数据): no longer offered, its cases stay. Absent: active. */
  active?: boolean
  /** 核查: a resolved case of this category waits for the village's 网格员 (or the 文明办) to check it on site before it is closed (issue 21). Absent: no. */
  verifyBeforeClose?: boolean
  /** The category's own questions (issue 27), asked in the report form and published as Open311 attributes. Absent: none. */
  questions?: CategoryQuestion[]
}

/** A category's questions as admins set them: codes unique, a choice with its options. */
export const categoryQuestions = z
  .array(
    z.strictObject({
      code: z.string('问题编号必须是文字').trim().regex(/^[a-z][a-z0-9_]{0,29}$/, '问题编号为 1–30 位小写字母、数字或“_”，以字母开头'),
      label: z.string('问题必须是文字').trim().min(2, '问题至少 2 个字').max(30, '问题最多 30 个字'),
      type: z.enum(['choice', 'number', 'text'], '问题类型只能是单选（choice）、数字（number）或简短文字（text）'),
      required: z.boolean('是否必答只能是是或否'),
      options: z.array(z.string('选项必须是文字').trim().min(1, '选项不能为空').max(20, '选项最多 20 个字')).max(10, '最多 10 个选项').optional()
    })
  )
  .max(8, '每个类别最多 8 个问题')
  .superRefine((questions, ctx) => {
    const seen = new Set<string>()
    questions.forEach((q, i) => {
      if (seen.has(q.code)) ctx.addIssue({ code: 'custom', message: `问题编号「${q.code}」重复`, path: [i, 'code'] })
      seen.add(q.code)
      if (q.type === 'choice' && (q.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', message: `「${q.label}」是单选，至少要有 2 个选项`, path: [i, 'options'] })
      if (q.type === 'choice' && new Set(q.options).size !== q.options?.length) ctx.addIssue({ code: 'custom', message: `「${q.label}」的选项重复`, path: [i, 'options'] })
      if (q.type !== 'choice' && q.options?.length) ctx.addIssue({ code: 'custom', message: `「${q.label}」不是单选，不应有选项`, path: [i, 'options'] })
    })
  })

/** Answers as sent: by question code, text or a number (the app's form, Open311's `attribute[code]`). */
export const answersInput = z.record(z.string().max(40, '问题编号过长'), z.union([z.string('回答必须是文字').max(200, '回答最多 200 个字'), z.number('回答必须是数字')])).refine((x) => Object.keys(x).length <= 20, '回答过多')

/** One 分包 entry: in a village or a town (`scopeId`; a town's entry counts for its villages without their own), a category group or code (`key`) goes to `unitId`. */
export interface RoutingEntry { scopeId: string; key: string; unitId: string }

/** The district's calendar of working days (限时办结 counts only their hours); dates `YYYY-MM-DD`, district time. */
export interface WorkCalendarData { skipWeekends: boolean; holidays: string[]; workdays: string[] }

const workDate = z.string('日期必须是文字').regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')

export interface TimelineEvent {
  at: string
  /** submitted, accepted, rejected, resolved, rated, reopened, overdue, warned, closed, drive */
  action: string
  status: ReportStatus
  note: string | null
  actorRole: Role | 'system'
}

export interface Report {
  id: string
  category: string
  categoryName: string
  description: string
  photos: string[]
  location: { latitude: number; longitude: number; address: string | null }
  villageId: string | null
  status: ReportStatus
  unitId: string
  anonymous: boolean
  supportCount: number
  createdAt: string
  /** The deadline; null for 文明点赞, which has none. */
  dueAt: string | null
  /** `praise` (文明点赞): reviewed by the 文明办 — `accepted` is approved for the wall, `rejected` declined. */
  kind: 'problem' | 'praise'
  resolvedAt: string | null
  rating: { score: number; comment: string | null } | null
  /**
   * The reporter's name: for the reporter, and unless anonymous for staff of the case's unit and
   * admins; otherwise null. No openid: an identity never leaves the server except to its owner.
   */
  reporter: { nickname: string } | null
  /** Whether the caller filed this case. */
  isMine: boolean
  timeline: TimelineEvent[]
  /** Past its deadline and still open. */
  overdue: boolean
  /**
   * The deadline chip (issue 24), by the case model's one rule (`dueState` in cloud/core/report/rules.ts):
   * `soon` 即将超期 (the last quarter of the time allowed), `overdue` 超期, `warned` 严重超期 (twice the
   * time allowed); `ok` otherwise, for closed cases and for praise.
   */
  dueState?: DueState
  /** The staff's reply when resolving, and the after-fix photos. */
  reply: string | null
  afterPhotos: string[]
  /** Answers to the category's questions (staff, the village's 网格员 and the reporter; never the public or a partner's read). */
  answers?: CaseAnswer[]
  /** Where the case came from (staff and admins only): `app`, or `open311:<partner>` for a partner system's (docs/open311.md). */
  source?: string
  /**
   * `pending` while its photos await the content check: until then only its reporter and staff
   * see it (issue 13); `passed` once public.
   */
  moderation: 'pending' | 'passed'
  /** Hidden from public view by staff, and why (reporter, staff and admins only; null otherwise). */
  hidden: { at: string; reason: string } | null
  /** Photos kept from public view (failed the check or hidden by staff); empty in the public form, which leaves them out. */
  hiddenPhotos: string[]
  /** Distance from the point asked (`nearby` only), in metres. */
  distance?: number
  /** The workflow's facts (staff and admins only): 退回, 延期 requests and decisions, 督办, 返工. */
  workflow?: CaseWorkflow
  /**
   * 补充 (issue 24): what neighbours who pressed 我也遇到 added — their words and photos — for staff
   * and the village's 网格员 (all of them); anyone else sees only their own (`mine`), never the public
   * or a partner.
   */
  supplements?: CaseSupplement[]
  /**
   * What the caller may do to the case now, as the case model decides (cloud/core/report/model.ts):
   * the app's handle page and the console's drawer offer exactly these. Absent for the public.
   */
  actions?: CaseActionName[]
}

/** A neighbour's 补充 to a case: their words and photos, given with 我也遇到. */
export interface CaseSupplement {
  at: string
  note: string | null
  photos: string[]
  /** The caller added it. */
  mine: boolean
}

export type CaseActionName =
  | 'support' | 'accept' | 'reject' | 'resolve' | 'rate' | 'reopen' | 'approve' | 'decline'
  | 'return' | 'transfer' | 'requestExtension' | 'decideExtension' | 'verify' | 'urge' | 'hide' | 'unhide' | 'place'

export interface CaseWorkflow {
  /** The unit that sent the case back (退回) while it waits to be transferred. */
  returnedFrom: string | null
  returns: number
  extensions: { hours: number; reason: string; at: string; unitId: string; decision: 'approved' | 'declined' | null; decidedAt: string | null; note: string | null }[]
  urges: number
  reworks: number
  /** A case filed by staff for a caller (电话/来访), or by an Open311 partner for a resident (`open311`): the channel and, where given, the name, number and email. */
  caller: { channel: 'phone' | 'visit' | 'open311'; name: string | null; phone: string | null; email: string | null } | null
  /** An Open311 partner's photo links (`media_url`) as sent (fetched into the case's photos when their host is allowed). */
  links: string[]
  /** Why a link was not taken into the case's photos (host not allowed, too large, not an image, unreachable). */
  linkProblems: string[]
  /** An Open311 partner's `attribute[…]`, `account_id` and `device_id` as sent. */
  attributes: { code: string; value: string }[]
  /** The point is the center of the village its Open311 address named (no coordinates were sent): place it by hand. */
  placedByName: boolean
}

/** A village as `report.locate` answers it. */
export interface LocatedVillage {
  id: string
  name: string
  townId: string | null
  townName: string
  /** Metres from the village's center. */
  distance: number
  /** The point lies inside the village's boundary. */
  inside: boolean
}

/** Where a problem lies: its village (null when the district has no geography) and the villages near it. */
export interface Located {
  village: LocatedVillage | null
  /** The villages the reporter may choose instead, nearest first (the located one included). */
  choices: LocatedVillage[]
  /**
   * The place in words the form proposes as the address (issue 24), editable: the village (or the
   * nearest village center) and the nearest named 点位 or 路段 of the district's data, e.g.
   * 「濮阳镇幸福村 · 菜市场附近」; null when the district knows nothing of the point.
   */
  address: string | null
}

/** A month's figures of problems filed in it: 受理 (received), 办结 (resolved or closed), 按期率 (% of those on time; null before any). */
export interface CaseFigures {
  /** Problems filed (上报) this month. */
  received: number
  /** Of those, accepted (受理) by a unit and not since rejected or returned (types/names ACCEPTED_STATUSES). */
  accepted: number
  /** Of those, resolved or closed (办结). */
  resolved: number
  onTimeRate: number | null
}

/** `report.figures`: this month (district time) in a village and in the whole district. */
export interface ReportFigures {
  /** `YYYY-MM` in the district's time zone. */
  period: string
  /** Null when no village was asked and the caller has no home village. */
  village: ({ id: string; name: string } & CaseFigures & DriveFigures) | null
  /** With the drives held, volunteer hours served and cases fixed by volunteers where they happened (issue 15). */
  district: CaseFigures & DriveFigures
}

/** `report.map`: public cases in a box, clustered when zoomed out. */
export interface ReportMap {
  clusters: { latitude: number; longitude: number; count: number }[]
  markers: { id: string; latitude: number; longitude: number; status: ReportStatus; category: string }[]
}

/** One day of the dashboard (district time): what happened that day among the cases in scope. */
export interface DashboardDay {
  /** `YYYY-MM-DD` in the district's time zone. */
  date: string
  /** Problems filed that day. */
  received: number
  /** Problems accepted (受理) that day. */
  accepted: number
  /** Problems resolved (办结) that day. */
  resolved: number
  /** Problems whose deadline fell that day and that were not resolved by it (still open now, or resolved late). */
  overdue: number
}

/** A responsible unit's line in the dashboard's league table (problems filed in the range). */
export interface DashboardUnit {
  unitId: string
  name: string
  received: number
  resolved: number
  resolvedOnTime: number
  /** % of the resolved on time (null before any resolved). */
  onTimeRate: number | null
  /** Mean of the reporters' ratings, 1–5 (null before any). */
  ratingAverage: number | null
  ratingCount: number
  /** Of these, open and past their deadline now. */
  overdueOpen: number
}

/** `report.dashboard`: the campaign's figures for a date range, in the caller's scope. */
export interface Dashboard {
  /** The range asked for, `YYYY-MM-DD` (both days included, district time). */
  from: string
  to: string
  /** Admins: the district; staff: their own unit's cases (the rule of `mayHandle`). */
  scope: { kind: 'district' } | { kind: 'unit'; unitId: string; name: string }
  totals: { received: number; accepted: number; resolved: number; overdue: number; onTimeRate: number | null; ratingAverage: number | null; overdueNow: number }
  /** Every day of the range, oldest first (days without cases are zeros). */
  byDay: DashboardDay[]
  /** Problems filed in the range, most first. */
  byCategory: { code: string; name: string; count: number }[]
  /** Every village of the district (zeros included, for the map), with the problems filed in the range and the drives held there. */
  byVillage: { villageId: string; name: string; townId: string | null; count: number; drives: number; volunteerHours: number }[]
  /** The league table: on-time rate, then rating, best first. */
  units: DashboardUnit[]
  /** Open problems past their deadline now, the longest overdue first (at most 50; `overdueNow` counts them all). */
  overdue: { id: string; category: string; categoryName: string; villageName: string | null; unitName: string; createdAt: string; dueAt: string; overdueHours: number }[]
}

/** A calendar date in the district's time zone. */
const dashboardDate = (what: string) =>
  z.string(`${what}必须是日期`).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, `${what}格式应为 YYYY-MM-DD`)
    .refine((d) => { const t = Date.parse(`${d}T00:00:00Z`); return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) === d }, `${what}不是有效的日期`)

/** The longest range the dashboard answers (and the queue searches), in days. */
export const DASHBOARD_MAX_DAYS = 366

/** A range of district days (`from`, `to`, either optional): from ≤ to, at most DASHBOARD_MAX_DAYS days, both included. */
const dateRange = <S extends z.ZodType<{ from?: string; to?: string }>>(schema: S) =>
  schema
    .refine((x) => !x.from || !x.to || x.from <= x.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
    .refine((x) => !x.from || !x.to || (Date.parse(x.to) - Date.parse(x.from)) / 86400_000 < DASHBOARD_MAX_DAYS, { message: `时间范围最长 ${DASHBOARD_MAX_DAYS} 天`, path: ['to'] })

/** The longest text the queue searches for. */
export const QUEUE_TEXT_MAX = 50

/** Where a case came from, as `Report.source` says: `app`, `phone` or `visit` (filed by staff for a caller, the 12345 desk), `inspection` (a 测评's 整改 case, issue 26), or `open311:<partner>` (a partner's name as `open311.createKey` takes it). */
const caseSource = z.string('来源必须是文字').trim().regex(/^(app|phone|visit|inspection|open311:[^\u0000-\u001f<>&"']{2,40})$/, '来源应为 app、phone、visit、inspection（测评整改）或 open311:接入方名称')

/** Local upload ids (`<32 hex>.jpg`) or WeChat cloud file ids (`cloud://…/photos/<32 hex>.jpg`); types/photos.ts names their thumbnails. */
export const fileId = z
  .string()
  .max(300, '文件标识过长')
  .regex(/^([0-9a-f]{32}\.(jpg|png|webp)|cloud:\/\/[\w.\-/]+)$/, '图片标识不正确')

const photos = (min: number) =>
  z.array(fileId).min(min, min ? `至少上传 ${min} 张照片` : '').max(9, '最多 9 张照片')

export const description = z.string().trim().min(DESCRIPTION.min, DESCRIPTION.tooShort).max(DESCRIPTION.max, DESCRIPTION.tooLong)
const latitude = z.number('纬度必须是数字').min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间')
const longitude = z.number('经度必须是数字').min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')
const reason = (what: string) => z.string().trim().min(2, `${what}至少 2 个字`).max(200, `${what}最多 200 个字`)

/**
 * A report's description: optional when a photo shows the problem (issue 24: a villager's report in
 * few taps); when given, within DESCRIPTION's limits.
 */
const reportDescription = z.string('描述必须是文字').trim().max(DESCRIPTION.max, DESCRIPTION.tooLong)
  .refine((s) => s.length === 0 || s.length >= DESCRIPTION.min, DESCRIPTION.tooShort).optional()

export const createReportInput = z.strictObject({
  clientId: z.string().min(8, 'clientId 至少 8 个字符').max(64, 'clientId 最多 64 个字符'),
  category: id(),
  /** Optional with a photo (the case then reads 「<类别>（见现场照片）」); without one, 5–500 characters. */
  description: reportDescription,
  photos: photos(0),
  location: z.strictObject({
    latitude,
    longitude,
    address: z.string().trim().max(200, '地址最多 200 个字').optional()
  }),
  /** A correction of the located village: one of `report.locate`'s choices for the point. */
  villageId: id().optional(),
  anonymous: z.boolean('匿名只能是开或关').optional(),
  /** Answers to the category's own questions, by question code (`checkAnswers`). */
  answers: answersInput.optional(),
  /**
   * Staff only (the 12345 desk, issue 21): the case is filed for a caller, by phone or in person. The
   * caller's name and number are kept for staff only; nobody earns points for it.
   */
  onBehalf: z.strictObject({
    channel: z.enum(['phone', 'visit'], '来源只能是电话（phone）或来访（visit）'),
    name: z.string('姓名必须是文字').trim().max(20, '姓名最多 20 个字').optional(),
    phone: z.string('电话必须是文字').trim().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确').optional()
  }).optional()
}).refine((x) => !!x.description || x.photos.length > 0, { message: DESCRIPTION.tooShort, path: ['description'] })

export const reportContract = {
  /** Active categories; admins with `includeInactive` also the deactivated ones (基础数据). */
  categories: action<ReportCategory[]>()(z.strictObject({ includeInactive: z.boolean('只能是是或否').optional() })),
  /** Admins (基础数据): creates or edits a category (group, name, kind, SLA hours, default unit) or deactivates it. Logged. */
  putCategory: action<ReportCategory>()(
    z.strictObject({
      code: z.string('类别编号必须是文字').trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '类别编号为 2–40 位小写字母、数字或“-”'),
      name: z.string('类别名称必须是文字').trim().min(2, '类别名称至少 2 个字').max(20, '类别名称最多 20 个字'),
      group: z.string('类别分组必须是文字').trim().min(2, '分组至少 2 个字').max(20, '分组最多 20 个字'),
      kind: z.enum(['problem', 'praise'], '类型只能是问题（problem）或点赞（praise）'),
      slaHours: z.number('办理时限必须是数字').int('办理时限必须是整数小时').min(1, '办理时限至少 1 小时').max(720, '办理时限最多 720 小时'),
      unitId: id(),
      active: z.boolean('启用只能是是或否').optional(),
      verifyBeforeClose: z.boolean('办结后核查只能是是或否').optional(),
      /** The category's own questions (absent: kept as they are; `[]`: none). */
      questions: categoryQuestions.optional()
    })
  ),
  /** Admins: the 分包 routing table, every entry. */
  routing: action<{ items: RoutingEntry[] }>()(z.strictObject({})),
  /**
   * Admins: one cell of the routing grid — in a village or town, a category group goes to a unit
   * (`null`: the category's own unit, or the town's entry). Replaces the entries of the group's
   * categories there. Logged; answers the whole table.
   */
  setRouting: action<{ items: RoutingEntry[] }>()(z.strictObject({ scopeId: id(), group: z.string('分组必须是文字').trim().min(1, '分组不能为空').max(20, '分组最多 20 个字'), unitId: id().nullable() })),
  /** The district's calendar of working days (null: deadlines count calendar hours). */
  calendar: action<{ calendar: WorkCalendarData | null }>()(z.strictObject({})),
  /** Admins: sets the calendar of working days that new deadlines count in (existing deadlines stay). Logged. */
  setCalendar: action<{ calendar: WorkCalendarData }>()(
    z.strictObject({
      skipWeekends: z.boolean('是否跳过周末只能是是或否'),
      holidays: z.array(workDate).max(200, '节假日最多 200 天'),
      workdays: z.array(workDate).max(100, '调休上班日最多 100 天')
    })
  ),
  /** Idempotent per `clientId`: a retried submit answers the case already filed. Rate-limited per user. */
  create: action<Report>()(createReportInput),
  /** The reporter, staff and admins see the whole case; anyone else its public form (never the reporter). */
  get: action<Report>()(z.strictObject({ id: id() })),
  mine: action<Page<Report>>()(z.strictObject({ ...pageInput })),
  /** The village and town of a problem at this point, the villages the reporter may choose instead, and the place in words to propose as its address. Outside the district: INVALID_INPUT. */
  locate: action<Located>()(z.strictObject({ latitude, longitude })),
  nearby: action<{ items: Report[] }>()(
    z.strictObject({
      latitude,
      longitude,
      radius: z.number('半径必须是数字').int('半径必须是整数').min(1, '半径至少 1 米').max(5000, '半径最多 5000 米'),
      category: id().optional()
    })
  ),
  /**
   * 身边的随手拍: public problems (never 文明点赞), newest first, in public form. `village`: the
   * village of the point when one is given (else the caller's home village); `nearby`: within
   * 2 km of the point. With a point, each case has its `distance`; each has its village's name
   * (`villageName`) and `isMine` when the caller filed it.
   */
  feed: action<Page<Report & { villageName: string | null }>>()(
    z.strictObject({
      scope: z.enum(['village', 'nearby'], '范围只能是 village（本村）或 nearby（附近）'),
      latitude: latitude.optional(),
      longitude: longitude.optional(),
      status: z.enum(['open', 'resolved'], '状态只能是 open（办理中）或 resolved（已办结）').optional(),
      category: id().optional(),
      ...pageInput
    })
      .refine((x) => (x.latitude === undefined) === (x.longitude === undefined), { message: '经度和纬度需要一起提供', path: ['latitude'] })
      .refine((x) => x.scope !== 'nearby' || x.latitude !== undefined, { message: '查看附近的随手拍需要提供位置', path: ['latitude'] })
  ),
  /** Markers of public problems in the box (GCJ-02), clustered below street zoom; at most 500 cases, newest first. */
  map: action<ReportMap>()(
    z.strictObject({
      south: latitude,
      west: longitude,
      north: latitude,
      east: longitude,
      zoom: z.number('缩放级别必须是数字').int('缩放级别必须是整数').min(0, '缩放级别为 0–22').max(22, '缩放级别为 0–22')
    })
      .refine((x) => x.south <= x.north, { message: '南边界不能在北边界以北', path: ['south'] })
      .refine((x) => x.west <= x.east, { message: '西边界不能在东边界以东', path: ['west'] })
  ),
  /** This month's 上报 (filed) / 受理 (accepted, not rejected or returned) / 办结 / 按期率 in a village (default: the caller's home village) and in the district. */
  figures: action<ReportFigures>()(z.strictObject({ villageId: id().optional() })),
  /**
   * Staff and admins: the dashboard of a date range (default: this month up to today) — by day, category, village and
   * unit, the units' league table, the overdue list and drives by village. Staff see their own unit's cases, admins the
   * district's. At most 366 days.
   */
  dashboard: action<Dashboard>()(dateRange(z.strictObject({ from: dashboardDate('开始日期').optional(), to: dashboardDate('结束日期').optional() }))),
  /**
   * Once per user, not on one's own case, only while the case is open. With `note` and/or `photos`
   * (the caller's uploads) the support carries a 补充 to the case (its unit is told; staff, the
   * 网格员 and the caller see it), once per `clientId` (required with them): a retry adds nothing.
   */
  support: action<Report>()(
    z.strictObject({
      id: id(),
      clientId: z.string().min(8, 'clientId 至少 8 个字符').max(64, 'clientId 最多 64 个字符').optional(),
      note: z.string('补充说明必须是文字').trim().max(DESCRIPTION.max, DESCRIPTION.tooLong).optional(),
      photos: photos(0).optional()
    }).refine((x) => x.clientId !== undefined || (!x.note && !x.photos?.length), { message: '补充照片或描述需要 clientId', path: ['clientId'] })
  ),
  /** The reporter, once the case is resolved. */
  rate: action<Report>()(
    z.strictObject({
      id: id(),
      score: z.number('评分必须是数字').int('评分必须是整数').min(1, '评分为 1–5 星').max(5, '评分为 1–5 星'),
      comment: z.string().trim().max(200, '评价最多 200 个字').optional()
    })
  ),
  /** The reporter, after resolution, with a reason. */
  reopen: action<Report>()(z.strictObject({ id: id(), reason: reason('理由') })),
  /**
   * Staff: their unit's problems (admins: all). With `kind: 'praise'`: the 文明点赞 to review (文明办 staff, admins).
   * The console's search (工单) narrows it further; every filter is optional and keeps the keyset paging.
   * `order: 'oldest'` lists by filing time oldest first (not with `urgent`, which orders by deadline);
   * `withTotal` answers `total`, how many cases the search finds.
   */
  queue: action<Page<Report>>()(
    dateRange(z.strictObject({
      status: z.enum(REPORT_STATUSES, '状态不正确').optional(),
      overdue: z.boolean('超期筛选只能是是或否').optional(),
      kind: z.enum(['problem', 'praise'], '类型只能是 problem 或 praise').optional(),
      /** 待办: the open cases, the most urgent first (earliest deadline; overdue ones lead). */
      urgent: z.boolean('待办只能是是或否').optional(),
      /** Part of the description or the address, taken literally (no wildcards); blank: no text filter. */
      q: z.string('搜索词必须是文字').trim().max(QUEUE_TEXT_MAX, `搜索词最多 ${QUEUE_TEXT_MAX} 个字`).optional(),
      category: id().optional(),
      villageId: id().optional(),
      /** The cases of the town's villages. */
      townId: id().optional(),
      /** Admins: any unit; staff: only their own (another unit is FORBIDDEN). */
      unitId: id().optional(),
      /** `app` (the app's cases) or `open311:<partner>`. */
      source: caseSource.optional(),
      /** Filed on these days (district time, both included; at most 366 days). */
      from: dashboardDate('开始日期').optional(),
      to: dashboardDate('结束日期').optional(),
      ...tableInput,
      ...pageInput
    }))
  ),
  /** Staff and admins: the counts behind the queue's chips (per status, overdue, 文明点赞 to review) of the caller's unit (admins: all). */
  queueCounts: action<{ byStatus: Partial<Record<ReportStatus, number>>; overdue: number; praise: number }>()(z.strictObject({})),
  /** 文明办 staff and admins: approve a 文明点赞 for the wall (points as for an accepted report) or decline it with a reason. */
  review: action<Report>()(
    z.strictObject({ id: id(), approve: z.boolean('approve 只能是是或否'), reason: reason('理由').optional() }).refine((x) => x.approve || x.reason, { message: '不通过时请填写理由', path: ['reason'] })
  ),
  /** The public 点赞墙: approved 文明点赞 of the district, newest first, with their villages. */
  praiseWall: action<Page<Report & { villageName: string | null }>>()(z.strictObject({ ...pageInput })),
  accept: action<Report>()(z.strictObject({ id: id(), unitId: id().optional() })),
  reject: action<Report>()(z.strictObject({ id: id(), reason: reason('驳回理由') })),
  resolve: action<Report>()(
    z.strictObject({ id: id(), note: z.string().trim().min(2, '办理说明至少 2 个字').max(500, '办理说明最多 500 个字'), photos: photos(1) })
  ),
  /**
   * WeChat: a raw photo the caller uploaded to cloud storage under `uploads/<openid>/` becomes a
   * stored photo: re-encoded (upright, no EXIF), with a thumbnail (`thumbOf`), under `photos/`;
   * the raw file is removed. Answers the id to put in a case. Limited in bytes a day per user.
   * Locally photos arrive re-encoded through `POST /api/upload` instead.
   */
  /**
   * Issue 21, the 数字城管 workflow (docs/workflow.md). 退回: staff of the case's unit send a case that is
   * not theirs back to the dispatcher (文明办 staff, admins), before resolving it.
   */
  return: action<Report>()(z.strictObject({ id: id(), reason: reason('退回理由') })),
  /** 转办: the dispatcher assigns an open case to another unit, whose staff are told; the deadline restarts for it. */
  transfer: action<Report>()(z.strictObject({ id: id(), unitId: id(), note: z.string('说明必须是文字').trim().max(200, '说明最多 200 个字').optional() })),
  /** 申请延期: staff of the case's unit ask for more hours (at most two requests a case, one pending at a time). */
  requestExtension: action<Report>()(
    z.strictObject({ id: id(), hours: z.number('延期时长必须是数字').int('延期时长必须是整数小时').min(1, '延期至少 1 小时').max(720, '延期最多 720 小时'), reason: reason('延期理由') })
  ),
  /** The dispatcher approves (the deadline moves by the hours asked) or declines (with a reason) the pending request. */
  decideExtension: action<Report>()(
    z.strictObject({ id: id(), approve: z.boolean('approve 只能是是或否'), reason: reason('审批意见').optional() }).refine((x) => x.approve || x.reason, { message: '不同意时请填写理由', path: ['reason'] })
  ),
  /** 核查: the village's 网格员 (or the dispatcher) checks a resolved case on site: passed closes it for rating, failed sends it back (返工). */
  verify: action<Report>()(
    z.strictObject({ id: id(), passed: z.boolean('核查结果只能是通过或不通过'), note: reason('核查意见'), photos: photos(0).optional() })
  ),
  /** 督办: the dispatcher urges the case's unit; its staff are told and the case shows it. */
  urge: action<Report>()(z.strictObject({ id: id(), note: reason('督办意见') })),
  /**
   * Dispatchers (issue 27): 定位 — places by hand a case an Open311 partner sent with an address only
   * (待定位, `workflow.placedByName`): the point (GCJ-02) in the district, the address, and the village
   * when another than the one the point lies in. Then 转办 sends it to its unit.
   */
  place: action<Report>()(
    z.strictObject({
      id: id(),
      location: z.strictObject({ latitude, longitude, address: z.string().trim().max(200, '地址最多 200 个字').optional() }),
      villageId: id().optional()
    })
  ),
  /**
   * 网格员 (and dispatchers): the resolved cases of their villages waiting for 核查, oldest first. A
   * named 测评员 who is neither (issue 26): the 整改 cases they found waiting for their 复查.
   */
  verifyQueue: action<Page<Report>>()(z.strictObject({ ...pageInput })),
  /** Staff of the case's unit and admins: keeps the case from public view, with the reason (in the timeline). */
  hide: action<Report>()(z.strictObject({ id: id(), reason: reason('隐藏理由') })),
  /** Staff of the case's unit and admins: the case is public again (if its photos passed the check). */
  unhide: action<Report>()(z.strictObject({ id: id() })),
  /** Staff of the case's unit and admins: keeps one photo (before or after) from public view, with the reason. */
  hidePhoto: action<Report>()(z.strictObject({ id: id(), photo: fileId, reason: reason('隐藏理由') })),
  acceptPhoto: action<{ fileId: string }>()(z.strictObject({ fileId: z.string().max(300, '文件标识过长').regex(/^cloud:\/\/[\w.\-/]+$/, '图片标识不正确') }))
}
