import type { Role } from '../../../types/common'
import type { CaseAnswer, ReportStatus } from '../../../types/report'

/** The report part of the store port (see cloud/core/ports.ts). */

/** Figures of a village's cases created in [from, to), for the village page's live figures. */
export interface VillageCaseStats {
  /** Problems filed in the range (上报), whatever became of them. */
  received: number
  /** Of those, accepted (受理) by a unit and not since rejected or returned: accepted, verifying, resolved, reopened or closed. */
  accepted: number
  /** Cases resolved or closed. */
  resolved: number
  /** Of those, resolved no later than their deadline. */
  resolvedOnTime: number
  ratingSum: number
  ratingCount: number
  /** 文明点赞 approved for the wall (never counted as received or resolved problems). */
  praised: number
}

/** The scope and range of the dashboard (report.dashboard): cases of a unit (null: every unit) around [from, to). */
export interface DashboardFilter {
  unitId: string | null
  from: Date
  to: Date
  /** Decides what is overdue now. */
  now: Date
  /** Days are the district's: day number = floor((epoch ms + offset) / 86 400 000). */
  utcOffsetMinutes: number
}

/** Counts per day number (see DashboardFilter), days without any left out. */
export type DayCounts = { day: number; n: number }[]

/** The dashboard's raw figures, each one GROUP BY (SQLite) or one aggregation (CloudBase). */
export interface DashboardFigures {
  /** Problems filed, by the day filed. */
  received: DayCounts
  /** Problems accepted, by the day of the 受理 event. */
  accepted: DayCounts
  /** Problems resolved (or closed after resolution), by the day resolved. */
  resolved: DayCounts
  /** Problems whose deadline fell on the day and that were not resolved by it. */
  overdue: DayCounts
  /** Problems filed in the range, per category code and per village id (null: none). */
  byCategory: { key: string; n: number }[]
  byVillage: { key: string | null; n: number }[]
  /** Problems filed in the range, per unit. */
  byUnit: { unitId: string; received: number; resolved: number; resolvedOnTime: number; ratingSum: number; ratingCount: number; overdueOpen: number }[]
  /** Open problems past their deadline now (whenever filed). */
  overdueNow: number
}

export interface StoredReport {
  id: string
  openid: string
  clientId: string
  category: string
  description: string
  photos: string[]
  latitude: number
  longitude: number
  address: string | null
  villageId: string | null
  status: ReportStatus
  unitId: string
  anonymous: boolean
  supportCount: number
  createdAt: Date
  dueAt: Date
  resolvedAt: Date | null
  rating: { score: number; comment: string | null } | null
  reply: string | null
  afterPhotos: string[]
  /** Whether the 工作提示 (at the deadline) and 工作预警 (at twice the time) went out. */
  overdueNotified: boolean
  warnedNotified: boolean
  /** When the current deadline started counting: the reopening, or (null/absent) the filing. */
  deadlineFrom?: Date | null
  /** `praise` for 文明点赞 (no deadline, approved or declined by the 文明办); absent: a problem. */
  kind?: 'problem' | 'praise'
  /** `app` (absent: stored before sources) or `open311:<partner>` (issue 15, docs/open311.md). */
  source?: string
  /**
   * Moderation before publication (issue 13): `pending` while photos await the content check
   * (`uncheckedPhotos`), then `passed`; absent: stored before moderation, public. A case is public
   * only when passed and not hidden.
   */
  moderation?: 'pending' | 'passed'
  uncheckedPhotos?: string[]
  /** Photos kept from public view: failed the check, or hidden by staff (the timeline says why). */
  hiddenPhotos?: string[]
  /** Hidden from public view by staff, with the reason (the timeline has it too); null: not hidden. */
  hiddenAt?: Date | null
  hiddenReason?: string | null
  /** The workflow's own facts (issue 21): returns, extensions, 督办, 返工; absent on cases stored before it. */
  workflow?: StoredWorkflow | null
  /** Answers to the category's own questions (issue 27; `checkAnswers`); absent on cases stored before them. */
  answers?: CaseAnswer[]
}

/** One request for more time (申请延期), and the dispatcher's decision. Times are epoch ms. */
export interface StoredExtension {
  hours: number
  reason: string
  at: number
  /** The unit that asked (the case's unit then). */
  unitId: string
  decision: 'approved' | 'declined' | null
  decidedAt: number | null
  note: string | null
}

/** A case's workflow facts, kept as one value (a JSON column / a sub-document). */
export interface StoredWorkflow {
  /** The unit that sent the case back (退回), while it waits for the dispatcher; null once transferred. */
  returnedFrom?: string | null
  returns?: number
  extensions?: StoredExtension[]
  urges?: number
  /** 核查 failed this many times (返工). */
  reworks?: number
  verifiedAt?: number
  /**
   * Filed by staff for a caller (电话/来访), or by an Open311 partner for a resident (`open311`): the
   * channel and the person's name, number and (a partner's) email, for staff only.
   */
  caller?: { channel: 'phone' | 'visit' | 'open311'; name: string | null; phone: string | null; email?: string | null }
  /** An Open311 partner's `media_url`: the photo link as sent, for staff (fetched into the case's photos when its host is allowed). */
  links?: string[]
  /** Why a partner's photo link was not taken into the case (its host not allowed, too large, not an image…), for staff. */
  linkProblems?: string[]
  /** An Open311 partner's `attribute[…]` (and `account_id`, `device_id`) as sent, for staff, except its category's questions' answers. */
  attributes?: { code: string; value: string }[]
  /** The point is the center of the village named in an Open311 partner's `address_string` (sent without lat/long): to be placed by hand. */
  placedByName?: boolean
  /** The 网格员's photos of the last check. */
  verifyPhotos?: string[]
  /** The reporter's points were given (on the first acceptance): a transfer never gives them twice. */
  pointsAwarded?: boolean
  /** The points were taken back (the case rejected after it was accepted, issue 28): never given again. */
  pointsReversed?: boolean
  /**
   * Legacy (read only): 补充 kept on the case document before they became records of their own
   * (`report_supplements`, issue 22). CloudBase cases from before still carry them and they are
   * shown with the records; SQLite moved them in migration 037. Nothing writes this field any more.
   */
  supplements?: StoredSupplement[]
}

/** One neighbour's 补充 to a case (issue 24), as the legacy field kept it. */
export interface StoredSupplement {
  at: number
  /** Who gave it, as `supplementOwner(openid)`: no identity kept on others' cases (an 账号注销 leaves nothing to link). */
  by: string
  clientId: string
  note: string | null
  photos: string[]
}

/** A 补充 as a record of its own (`report_supplements`): one per (case, `by`, `clientId`), insert-only. */
export interface StoredCaseSupplement extends StoredSupplement {
  reportId: string
}

export type ReportPatch = Partial<
  Pick<StoredReport, 'latitude' | 'longitude' | 'address' | 'villageId' | 'status' | 'unitId' | 'dueAt' | 'resolvedAt' | 'rating' | 'reply' | 'afterPhotos' | 'overdueNotified' | 'warnedNotified' | 'deadlineFrom' | 'moderation' | 'uncheckedPhotos' | 'hiddenPhotos' | 'hiddenAt' | 'hiddenReason' | 'workflow'>
>

/** One line of a case's timeline: appended, never changed or removed. */
export interface ReportEvent {
  reportId: string
  at: Date
  action: string
  status: ReportStatus
  note: string | null
  actorRole: Role | 'system'
  actorOpenid: string | null
  /** The case's unit when the step was taken (the unit board counts 退回, 返工 and 督办 by it); absent on older events. */
  unitId?: string | null
}

export interface QueueFilter {
  /** Null: every unit (admins). */
  unitId: string | null
  status?: ReportStatus
  /** Only open cases whose deadline is before this moment. */
  overdueAt?: Date
  /** Problems (default) or 文明点赞 awaiting or past review. */
  kind?: 'problem' | 'praise'
  /** 待办: open cases only, the most urgent first (earliest deadline: overdue ones lead). */
  urgent?: boolean
  /** The console's search: a part of the description or of the address, taken literally (no wildcards). */
  text?: string
  category?: string
  /** Cases in any of these villages (a village asked, or a town's villages); empty: none. */
  villageIds?: readonly string[]
  /** `app` (cases stored before sources too) or `open311:<partner>`. */
  source?: string
  /** Filed in [createdFrom, createdTo). */
  createdFrom?: Date
  createdTo?: Date
  /** By filing time oldest first (default newest first; `urgent` orders by deadline). */
  oldestFirst?: boolean
}

/** The counts behind a queue's chips. */
export interface QueueCounts {
  /** Problems per status. */
  byStatus: Partial<Record<ReportStatus, number>>
  /** Open problems past their deadline. */
  overdue: number
  /** 文明点赞 awaiting review. */
  praise: number
}

export interface BoundingBox {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

/** Which public problems (never 文明点赞) a feed or map reads. */
export interface PublicFilter {
  statuses: readonly ReportStatus[]
  villageId?: string
  /** Inside this box (the spatial index). */
  box?: BoundingBox
  category?: string
  /** Open311: any of these categories, these cases only, created in [createdFrom, createdTo]. */
  categories?: readonly string[]
  ids?: readonly string[]
  createdFrom?: Date
  createdTo?: Date
}

export interface ReportRepo {
  get(id: string): Promise<StoredReport | null>
  /** The cases of these ids that exist, in any order (one read however many; a drive's linked cases). */
  getMany(ids: string[]): Promise<StoredReport[]>
  /** Who pressed 我也遇到 on each of these cases (one read however many cases). */
  supportersOf(reportIds: string[]): Promise<Map<string, string[]>>
  /** The user's case made with this client id (idempotent submits). */
  findByClientId(openid: string, clientId: string): Promise<StoredReport | null>
  insert(report: StoredReport): Promise<void>
  update(id: string, patch: ReportPatch): Promise<void>
  appendEvent(event: ReportEvent): Promise<void>
  /** The timelines of these cases, oldest event first (one read however many cases). */
  timelines(reportIds: string[]): Promise<Map<string, ReportEvent[]>>
  /**
   * The timeline that came with this case when this store read it outside a transaction, where the
   * store keeps a case's timeline on the case itself (CloudBase: the document's `timeline`), so a
   * list answers without reading its cases again (issue 22). Undefined: ask `timelines`. Only the
   * very object the store answered counts: a case changed or made since is never one.
   */
  timelineRead?(report: StoredReport): ReportEvent[] | undefined
  /**
   * 补充: inserts the record unless one of the same (case, `by`, `clientId`) exists (answers
   * whether it did), with its timeline step. Neither writes the case in a transaction: on
   * CloudBase the step's audit document goes in the caller's transaction and the case's timeline
   * takes it by one conditional atomic push after commit (issue 22).
   */
  addSupplement(s: StoredCaseSupplement, event: ReportEvent): Promise<boolean>
  /** 补充: the record of this neighbour (`by`) with this key on the case, if any (one read by id). */
  findSupplement(reportId: string, by: string, clientId: string): Promise<StoredCaseSupplement | null>
  /** The 补充 records of these cases, oldest first, at most `limit` in all (one indexed query). */
  supplementsOf(reportIds: string[], limit: number): Promise<StoredCaseSupplement[]>
  /** Records "我也遇到" once per user; answers false when the user already supported the case. */
  addSupport(reportId: string, openid: string, at: Date): Promise<boolean>
  /** When the user's cases created at or after `since` were created, newest first, at most `limit` (rate limits). */
  createdTimesSince(openid: string, since: Date, limit: number): Promise<Date[]>
  listByUser(openid: string, cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  queue(filter: QueueFilter, cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  /** How many cases `queue` finds with this filter, every page (one count). */
  queueTotal(filter: QueueFilter): Promise<number>
  /** The counts of a unit's queue (null: every unit), `now` deciding what is overdue. */
  queueCounts(unitId: string | null, now: Date): Promise<QueueCounts>
  /** Open public cases inside the box (spatial index), optionally of one category; at most `limit`. */
  openInBox(box: BoundingBox, category: string | undefined, limit: number): Promise<StoredReport[]>
  /** Open cases past their deadline whose 工作提示 or 工作预警 may be due, and resolved cases resolved before `resolvedBefore`. */
  sweepCandidates(now: Date, resolvedBefore: Date, limit: number): Promise<StoredReport[]>
  villageStats(villageId: string, from: Date, to: Date): Promise<VillageCaseStats>
  /** The same figures over the whole district (one aggregation). */
  districtStats(from: Date, to: Date): Promise<VillageCaseStats>
  /** The console's dashboard figures of a unit (or the district) around a range: a fixed number of GROUP BYs / aggregations, whatever the number of cases. */
  dashboard(filter: DashboardFilter): Promise<DashboardFigures>
  /** Public problems (moderated, not hidden; never praise) of these statuses, of a village and/or inside a box, newest first (keyset cursor): one indexed query. */
  publicCases(filter: PublicFilter, cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  /**
   * The ids of the public problems `publicCases` would answer for this filter with `ids` (at most
   * as many as asked), in no order, decoding no case (issue 23: Open311 decides its order and pages
   * on these, then reads the page's cases). Optional: without it, publicCases is read instead.
   */
  publicIds?(filter: PublicFilter & { ids: string[] }): Promise<string[]>
  /** Which cases have timeline events in [from, to], oldest event first, at most `limit` events (Open311 `servicerequestupdates`): one query. */
  eventsBetween(from: Date, to: Date, limit: number): Promise<{ reportId: string; at: Date }[]>
  /**
   * Open311 `requests` in a window (issue 27): the cases whose last timeline step — leaving out steps
   * of `skipActions` (moderation, which the public form does not show) — lies in [from, to], the
   * latest first, at most `limit`: one GROUP BY / aggregation over the steps since `from`.
   */
  updatedBetween(from: Date, to: Date, skipActions: readonly string[], limit: number): Promise<{ reportId: string; at: Date }[]>
  /** Cases waiting for 核查 in these villages (null: every village), newest first (keyset cursor): one indexed query. */
  verifyQueue(villageIds: string[] | null, cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  /** The 整改 cases (source `inspection`) this evaluator filed that wait for 复查, newest first (keyset cursor): one indexed query (openid). */
  recheckQueue(openid: string, cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  /** Timeline steps of these actions in [from, to), counted per unit the case had when each was taken (the unit board): one GROUP BY / aggregation. */
  unitSteps(actions: readonly string[], from: Date, to: Date): Promise<{ unitId: string; action: string; n: number }[]>
  /** The dashboard's league table of problems filed in [from, to) per unit (`DashboardFigures.byUnit`), alone. */
  unitFigures(from: Date, to: Date, now: Date): Promise<DashboardFigures['byUnit']>
  /** Approved, public 文明点赞 of the district, newest first (the public wall). */
  praiseWall(cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }>
  /** Cases whose photos await the content check, filed before `before`, oldest first: one indexed query. */
  pendingModeration(before: Date, limit: number): Promise<StoredReport[]>
  /**
   * A number that moves on every write to cases, their timelines and the reference data naming them
   * (issue 23: Open311's public answers are cached until it moves). Optional: a store without a cheap
   * one (CloudBase) leaves it out, and nothing is cached there.
   */
  publicVersion?(): Promise<number>
  /** 账号注销: the user's cases, idempotency keys and supports pass to an anonymous id; answers how many cases. */
  reassignUser(from: string, to: string): Promise<number>
}
