import { createHash } from 'node:crypto'
import type { Role } from '../../../types/common'
import type { ReportStatus } from '../../../types/report'
import { REPORT_STATUSES, STATUS_NAMES } from '../../../types/report'
import { volunteersCanFix } from '../../../types/names'
import type { Config } from '../config'
import type { StoredCaseSupplement, StoredReport, StoredWorkflow } from './ports'

/**
 * The one model of a case (issue 21): given a case, an action, the actor and the time, it decides
 * whether the actor may, the next state, the timeline event, whom to tell and the points. It is
 * pure: no store, no clock of its own. Every path that changes a case asks it — the app's and the
 * console's actions (`cases.ts`), a cleanup drive's outcome (`volunteer/outcome.ts`), Open311 (a
 * partner files through `createReport`), moderation steps (`moderation.ts`) and the timers
 * (`sweepDeadlines`) — and `cases.ts` `applyDecision` carries its decision out inside the caller's
 * transaction. docs/workflow.md draws the states and who may do what.
 */

export type CaseAction =
  | 'accept' | 'reject' | 'resolve' | 'rate' | 'reopen' | 'close' | 'approve' | 'decline'
  | 'return' | 'transfer' | 'requestExtension' | 'decideExtension' | 'verify' | 'urge'
  | 'hide' | 'unhide' | 'hidePhoto'
  /** A cleanup drive's word on a case it could not close (its unit is told): no change of state. */
  | 'driveNote'
  /** 我也遇到: a neighbour adds their support to an open problem (the store counts it; no timeline step). */
  | 'support'
  /** 补充 (issue 24): a neighbour's words and photos given with 我也遇到; its unit is told; no change of state. */
  | 'supplement'
  /** 发起清理: a cleanup drive is called for an open problem volunteers can fix; its timeline says so. */
  | 'driveLink'
  /** A partner system's comment on a case it may see (Open311 `POST servicerequestupdates`, issue 27): its unit is told; no change of state. */
  | 'comment'
  /** 定位: a dispatcher places by hand a case a partner sent with an address only (待定位, issue 27); no change of state. */
  | 'place'

/** Who acts: a person (their role, unit and the villages they are 网格员 of) or the system (timers, checks). */
export interface Actor {
  openid: string | null
  role: Role | 'system'
  unitId: string | null
  gridVillageIds?: string[]
  /** Named 测评员 by an admin (issue 26): may 复查 the 整改 cases an inspection found. */
  evaluator?: boolean
  /** An Open311 partner system (its own reporter, `open311:<key id>`), acting through its api_key. */
  partner?: boolean
  /** The district lets this partner's status changes resolve cases (its key's switch, issue 27): it may 受理 and 办结 as a case's unit would. */
  statusChanges?: boolean
}

export const SYSTEM_ACTOR: Actor = { openid: null, role: 'system', unitId: null }

/** Whose 补充 it is, as kept on the case: a one-way digest of the openid (a case is someone else's record). */
export const supplementOwner = (openid: string): string => createHash('sha256').update(`supplement\n${openid}`).digest('hex').slice(0, 32)

/** A case takes at most this many 补充 (issue 24): each is a neighbour's words and up to 9 photos on the case. */
export const MAX_SUPPLEMENTS = 30

/**
 * A 补充's record id (CloudBase `_id` in `report_supplements`): from the case, the neighbour's
 * digest and their submit key, so a retry finds the record it would write (issue 22).
 */
export const supplementId = (reportId: string, by: string, clientId: string): string =>
  `${reportId}:${createHash('sha256').update(`${by}\n${clientId}`).digest('hex').slice(0, 32)}`

/** The counter that holds a case's places for 补充 (`counters.take`: one conditional atomic update, no transaction on the case). */
export const supplementCounter = (reportId: string): string => `supplements:${reportId}`

/** A case may be extended at most this many times (requests, approved or declined). */
export const MAX_EXTENSIONS = 2
/** The most hours one extension may add. */
export const MAX_EXTENSION_HOURS = 720

/** The units whose staff dispatch (派遣, 转办, 延期审批, 督办): `dispatcherUnitIds`, else the 文明办 (`evaluatorUnitIds`). */
export const dispatcherUnitsOf = (config: Pick<Config, 'dispatcherUnitIds' | 'evaluatorUnitIds'>): string[] =>
  config.dispatcherUnitIds?.length ? config.dispatcherUnitIds : config.evaluatorUnitIds

/** Dispatchers: admins and staff of a dispatching unit. */
export function isDispatcher(actor: Actor, config: Pick<Config, 'dispatcherUnitIds' | 'evaluatorUnitIds'>): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.unitId !== null && dispatcherUnitsOf(config).includes(actor.unitId))
}

/** Staff of the case's unit. */
export const isCaseUnit = (r: Pick<StoredReport, 'unitId'>, actor: Actor) => actor.role === 'staff' && actor.unitId !== null && actor.unitId === r.unitId

/** Staff act on the cases of their own unit; admins on every case. */
export const mayHandle = (r: Pick<StoredReport, 'unitId'>, actor: Pick<Actor, 'role' | 'unitId'>) =>
  actor.role === 'admin' || (actor.role === 'staff' && actor.unitId !== null && actor.unitId === r.unitId)

/** The 网格员 of the case's village (named by an admin, `user.setGrid`). */
export const isGridOf = (r: Pick<StoredReport, 'villageId'>, actor: Actor) => r.villageId !== null && (actor.gridVillageIds ?? []).includes(r.villageId)

/** Which statuses an action starts from; `null`: any status (moderation, which is no step of the workflow). */
const FROM: Record<CaseAction, readonly ReportStatus[] | null> = {
  accept: ['submitted'],
  reject: ['submitted', 'reopened'],
  resolve: ['accepted', 'reopened'],
  rate: ['resolved'],
  reopen: ['resolved'],
  close: ['resolved'],
  approve: ['submitted'],
  decline: ['submitted'],
  return: ['submitted', 'accepted', 'reopened'],
  transfer: ['submitted', 'accepted', 'returned', 'reopened'],
  requestExtension: ['submitted', 'accepted', 'reopened'],
  decideExtension: ['submitted', 'accepted', 'reopened'],
  verify: ['verifying'],
  urge: ['submitted', 'accepted', 'reopened', 'returned'],
  hide: null,
  unhide: null,
  hidePhoto: null,
  driveNote: ['submitted', 'accepted', 'reopened', 'returned'],
  support: ['submitted', 'accepted', 'reopened', 'returned'],
  supplement: ['submitted', 'accepted', 'reopened', 'returned'],
  driveLink: ['submitted', 'accepted', 'reopened', 'returned'],
  // a resident may comment on FixMyStreet whatever the state, a closed case too
  comment: REPORT_STATUSES,
  place: ['submitted', 'accepted', 'reopened', 'returned']
}

/** Actions of a 文明点赞 (reviewed once by the 文明办, never handled) besides moderation. */
const PRAISE_ONLY: readonly CaseAction[] = ['approve', 'decline']
const EITHER: readonly CaseAction[] = ['hide', 'unhide', 'hidePhoto', 'driveNote']

/**
 * Whether the actor may take the action on the case: null, or why not (FORBIDDEN). The status is
 * checked apart (`conflictOf`): who may is the same whatever the state.
 */
export function forbiddenOf(r: StoredReport, action: CaseAction, actor: Actor, config: Pick<Config, 'dispatcherUnitIds' | 'evaluatorUnitIds'>): string | null {
  if (actor.role === 'system') return action === 'close' || action === 'hidePhoto' ? null : '系统不能进行此操作'
  // a partner whose key the district allowed (外部系统接入) resolves a case as its unit would: accepted first, then 办结
  if (actor.partner && (action === 'accept' || action === 'resolve')) return actor.statusChanges ? null : '该接入系统未获准更改工单状态'
  switch (action) {
    case 'accept': case 'reject': case 'resolve': case 'approve': case 'decline': case 'hide': case 'unhide': case 'hidePhoto':
      return mayHandle(r, actor) ? null : '只能处理本单位的工单'
    case 'rate': case 'reopen':
      return actor.openid === r.openid ? null : '只有上报人可以进行此操作'
    case 'close':
      return '结案由系统在办结 7 天后自动进行'
    case 'return':
      if (!isCaseUnit(r, actor)) return '只有工单所属单位的工作人员可以退回'
      return dispatcherUnitsOf(config).includes(r.unitId) ? '派单单位的工单请直接转办' : null
    case 'requestExtension':
      return isCaseUnit(r, actor) ? null : '只有工单所属单位的工作人员可以申请延期'
    case 'transfer': case 'decideExtension': case 'urge': case 'place':
      return isDispatcher(actor, config) ? null : '只有文明办（派单单位）可以进行此操作'
    case 'verify':
      // a 测评's 整改 case is re-checked (复查) by an evaluator too (issue 26)
      return isGridOf(r, actor) || isDispatcher(actor, config) || (r.source === INSPECTION_SOURCE && actor.evaluator === true) ? null : '只有该村居的网格员或文明办可以核查'
    case 'driveNote':
      return actor.role === 'staff' || actor.role === 'admin' ? null : '只有活动组织者可以登记清理成效'
    case 'support': case 'supplement':
      return null
    case 'comment':
      return actor.partner ? null : '只有接入系统可以转来群众意见'
    case 'driveLink':
      return actor.role === 'staff' || actor.role === 'admin' ? null : '只有工作人员可以发起志愿清理'
  }
}

/** Whether the case's kind and state allow the action: null, or why not (CONFLICT). */
export function conflictOf(r: StoredReport, action: CaseAction): string | null {
  const praise = r.kind === 'praise'
  if (action === 'support' || action === 'supplement') return praise ? '文明点赞不需要支持' : FROM.support!.includes(r.status) ? null : '该问题已办结，无需再支持'
  // what volunteers cannot fix (飞线充电, 施工扬尘 …) is its unit's: types/names.ts, which the app reads too
  if (action === 'driveLink') return !volunteersCanFix(r) ? '这类问题需由责任单位处理，不能发起志愿清理' : FROM.driveLink!.includes(r.status) ? null : '只能关联尚未办结的上报'
  if (!EITHER.includes(action) && praise !== PRAISE_ONLY.includes(action)) return praise ? '文明点赞由文明办审核，不走问题办理流程' : '只有文明点赞需要审核'
  const from = FROM[action]
  if (from && !from.includes(r.status)) return `当前状态为「${STATUS_NAMES[r.status]}」，不能进行此操作`
  if (action === 'place' && !workflowOf(r).placedByName) return '该工单已有准确位置，无需定位'
  return null
}

/** Whether the actor may take the action now (both checks): the app and the console offer only these. */
export const mayAct = (r: StoredReport, action: CaseAction, actor: Actor, config: Pick<Config, 'dispatcherUnitIds' | 'evaluatorUnitIds'>) =>
  forbiddenOf(r, action, actor, config) === null && conflictOf(r, action) === null && !(action === 'support' && actor.openid === r.openid)

/** Who is told (resolved to people by `cases.ts`, each with the form of the case they may see). */
export type Audience =
  | { reporter: true }
  | { unit: string }
  | { dispatchers: true }
  | { grid: string }
  | { supporters: true }
  | { admins: true }

export interface Notice {
  to: Audience
  kind: string
  title: string
  /** Said after the case's label (「占道经营 · 幸福村菜市场」：…); null: the label alone. */
  text: string | null
  /** The reporter's page of the case, or the staff's. */
  page: 'detail' | 'handle'
  /** A notice of points earned: its text before the points (`creditText`), said again with what the ledger entered when a cap held some back. */
  credit?: string
}

/**
 * The text of a notice of points earned: 「感谢参与创建文明城市，获得 5 积分」, and when the district's
 * daily or monthly cap held some back (issue 28) the amount entered and why:
 * 「…，获得 3 积分（已达每日积分上限，按上限计）」 or 「…（已达每日积分上限，本次未获得积分）」.
 */
export function creditText(base: string, points: number, cap: '每日' | '每月' | null = null): string {
  if (!cap) return `${base}${points ? `，获得 ${points} 积分` : ''}`
  return points ? `${base}，获得 ${points} 积分（已达${cap}积分上限，按上限计）` : `${base}（已达${cap}积分上限，本次未获得积分）`
}

export interface Decision {
  status: ReportStatus
  patch: Partial<StoredReport>
  /** The timeline's step: its action word and note. */
  event: { action: string; note: string | null }
  notices: Notice[]
  /** Points the reporter earns (once per case, on acceptance or approval). */
  points: number
  /** The points the case earned are taken back (a reversal entry in the ledger, issue 28): a case rejected after it was accepted. */
  reversePoints?: boolean
  /**
   * 补充 (issue 24): a record of its own written instead of the case (`patch` is empty): the case
   * document is not written, so neighbours giving one at once never contend for it (issue 22).
   */
  supplement?: StoredCaseSupplement
  /**
   * The decision holds only if one of `allowed` places of the counter `name` can be taken (one
   * conditional atomic update, `counters.take`, before the write; given back if the write added
   * nothing); if none is left the caller refuses with `refusal` (CONFLICT).
   */
  claim?: { name: string; allowed: number; refusal: string }
}

/** What an action needs besides the case and the actor; the deadline arithmetic is the caller's calendar. */
export interface Params {
  /** accept: dispatch to another unit at once (its name for the timeline). transfer: the new unit. */
  unitId?: string
  unitName?: string
  reason?: string
  note?: string | null
  /** resolve: the reply and the after-fix photos; verify: the 网格员's photos. */
  reply?: string
  photos?: string[]
  /** resolve: the category asks for 核查 before the case is closed (基础数据 `verifyBeforeClose`). */
  verifyFirst?: boolean
  /** resolve: what the timeline says (default: the reply) — a drive says who cleaned up. */
  timelineNote?: string
  score?: number
  comment?: string | null
  /** reopen, transfer: the new deadline (from now, the category's time); decideExtension: the moved one. */
  dueAt?: Date
  hours?: number
  approve?: boolean
  passed?: boolean
  photo?: string
  pointsPerAccepted?: number
  /** accept with a dispatch: who dispatched, for the new unit's message. */
  actorName?: string
  /** driveNote: the message's kind and title for the unit. */
  kind?: string
  title?: string
  /** place: where the case is (GCJ-02), its address and the village the point lies in. */
  point?: { latitude: number; longitude: number; address: string | null; villageId: string | null }
  /** supplement: the neighbour's submit key (the same key again adds nothing: the record's id derives from it). */
  clientId?: string
  /** resolve by a cleanup drive: its name (「志愿清理活动「…」」): the reporter and the supporters are told. accept on a drive's way to resolving: the supporters are not told twice. */
  drive?: string
}

/** Where 整改 cases from a campaign inspection come from (issue 26): `Report.source`. */
export const INSPECTION_SOURCE = 'inspection'

/**
 * Whether a fix waits for 核查 (复查) before the case counts as resolved: the category asks for it
 * (基础数据 `verifyBeforeClose`), and always for a 整改 case an inspection found.
 */
export const needsVerify = (r: Pick<StoredReport, 'source'>, category: { verifyBeforeClose?: boolean } | undefined): boolean =>
  r.source === INSPECTION_SOURCE || category?.verifyBeforeClose === true

const workflowOf = (r: StoredReport): StoredWorkflow => r.workflow ?? {}

/** Points once per case: the first acceptance (or approval), never again after a transfer. */
function pointsOnce(r: StoredReport, p: Params): { points: number; workflow: StoredWorkflow } {
  const wf = workflowOf(r)
  if (wf.pointsAwarded) return { points: 0, workflow: wf }
  return { points: p.pointsPerAccepted ?? 0, workflow: { ...wf, pointsAwarded: true } }
}

/** A fresh deadline: the 工作提示 and 工作预警 go out again for it. */
const newDeadline = (dueAt: Date, now: Date): Partial<StoredReport> => ({ dueAt, deadlineFrom: now, overdueNotified: false, warnedNotified: false })

/**
 * The decision on one action, or an error's code and message: FORBIDDEN (who), CONFLICT (state).
 * Input checks (lengths, the photos are the caller's, a unit exists) are the caller's, before.
 */
export function decide(r: StoredReport, action: CaseAction, actor: Actor, now: Date, p: Params, config: Pick<Config, 'dispatcherUnitIds' | 'evaluatorUnitIds'>):
  { ok: true; decision: Decision } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string } {
  const forbidden = forbiddenOf(r, action, actor, config)
  if (forbidden) return { ok: false, code: 'FORBIDDEN', message: forbidden }
  const conflict = conflictOf(r, action)
  if (conflict) return { ok: false, code: 'CONFLICT', message: conflict }
  if ((action === 'support' || action === 'supplement') && actor.openid === r.openid) return { ok: false, code: 'CONFLICT', message: '这是您自己的上报' }
  const d = decideAllowed(r, action, now, p, actor)
  return 'message' in d ? { ok: false, code: 'CONFLICT', message: d.message } : { ok: true, decision: d }
}

function decideAllowed(r: StoredReport, action: CaseAction, now: Date, p: Params, actor: Actor): Decision | { message: string } {
  const wf = workflowOf(r)
  const same = r.status
  const toUnit = (kind: string, title: string, text: string | null = null, unitId = r.unitId): Notice => ({ to: { unit: unitId }, kind, title, text, page: 'handle' })
  const toReporter = (kind: string, title: string, text: string | null = null): Notice => ({ to: { reporter: true }, kind, title, text, page: 'detail' })
  const toSupporters = (kind: string, title: string, text: string | null): Notice => ({ to: { supporters: true }, kind, title, text, page: 'detail' })
  switch (action) {
    case 'accept': {
      const { points, workflow } = pointsOnce(r, p)
      const dispatched = p.unitId && p.unitId !== r.unitId ? p.unitId : null
      return {
        status: 'accepted',
        patch: { unitId: p.unitId ?? r.unitId, workflow },
        event: { action: 'accept', note: p.note ?? (dispatched ? `派单至${p.unitName ?? ''}` : null) },
        points,
        notices: [
          { ...toReporter('report.accepted', '您的上报已受理', creditText('感谢参与创建文明城市', points)), credit: '感谢参与创建文明城市' },
          ...(dispatched ? [toUnit('report.dispatched', `${p.actorName ?? '工作人员'}派来一件工单`, null, dispatched)] : []),
          // 我也遇到 follows the case (issue 25): its supporters hear it is being handled, and when it is fixed
          // (a drive accepting on its way to fixing it tells them once, that it was fixed)
          ...(p.drive ? [] : [toSupporters('report.followAccepted', '您也遇到的问题已受理', null)])
        ]
      }
    }
    case 'reject': {
      // rejected after it was accepted (reopened, or transferred on): the points it earned go back, once
      const reversePoints = wf.pointsAwarded === true && !wf.pointsReversed
      const text = reversePoints ? `${p.reason ? `${p.reason}；` : ''}此前获得的积分已扣回` : p.reason ?? null
      return {
        status: 'rejected', patch: reversePoints ? { workflow: { ...wf, pointsReversed: true } } : {}, event: { action: 'reject', note: p.reason ?? null }, points: 0,
        notices: [toReporter('report.rejected', '您的上报未被受理', text)], ...(reversePoints ? { reversePoints } : {})
      }
    }
    case 'resolve': {
      const verifyFirst = p.verifyFirst === true
      const reply = p.reply ?? ''
      return {
        status: verifyFirst ? 'verifying' : 'resolved',
        patch: { resolvedAt: now, reply, afterPhotos: p.photos ?? [] },
        event: { action: 'resolve', note: p.timelineNote ?? reply },
        points: 0,
        notices: verifyFirst
          ? [{ to: { grid: r.villageId ?? '' }, kind: 'report.verify', title: '请到现场核查办理结果', text: reply.slice(0, 60), page: 'handle' }]
          : p.drive
            ? [
                toReporter('report.resolved', '您的上报已由志愿者清理', `${p.drive}已清理。请查看并评价`),
                { to: { supporters: true }, kind: 'report.fixedByDrive', title: '您也遇到的问题已解决', text: `${p.drive}已清理`, page: 'detail' }
              ]
            : [toReporter('report.resolved', '您的上报已办结', `${reply.slice(0, 60)}。请查看并评价`), toSupporters('report.followResolved', '您也遇到的问题已办结', reply.slice(0, 60))]
      }
    }
    case 'rate':
      return { status: 'closed', patch: { rating: { score: p.score!, comment: p.comment || null } }, event: { action: 'rate', note: `${p.score} 星${p.comment ? `：${p.comment}` : ''}` }, points: 0, notices: [] }
    case 'reopen':
      return {
        status: 'reopened',
        patch: { ...newDeadline(p.dueAt!, now), resolvedAt: null },
        event: { action: 'reopen', note: p.reason ?? null },
        points: 0,
        notices: [toUnit('report.reopened', '工单被重新打开', p.reason ?? null)]
      }
    case 'close':
      return { status: 'closed', patch: {}, event: { action: 'closed', note: '办结 7 天未评价，自动结案' }, points: 0, notices: [] }
    case 'approve': {
      const { points, workflow } = pointsOnce(r, p)
      return {
        status: 'accepted', patch: { workflow }, event: { action: 'approve', note: p.reason ?? '审核通过，已上点赞墙' }, points,
        notices: [{ ...toReporter('praise.approved', '您的文明点赞已上墙', creditText('感谢传递正能量', points)), credit: '感谢传递正能量' }]
      }
    }
    case 'decline':
      return { status: 'rejected', patch: {}, event: { action: 'decline', note: p.reason ?? null }, points: 0, notices: [toReporter('praise.declined', '您的文明点赞未通过审核', p.reason ?? null)] }
    case 'return':
      if (!p.unitId) return { message: '本区没有设置派单单位，不能退回' }
      return {
        status: 'returned',
        // it leaves the unit's queue for the dispatcher's: the dispatching unit holds it until transferred
        patch: { unitId: p.unitId, workflow: { ...wf, returnedFrom: r.unitId, returns: (wf.returns ?? 0) + 1 } },
        event: { action: 'return', note: p.reason ?? null },
        points: 0,
        notices: [{ to: { dispatchers: true }, kind: 'report.returned', title: '有工单被退回，请重新派遣', text: p.reason ?? null, page: 'handle' }]
      }
    case 'transfer': {
      if (!p.unitId || p.unitId === r.unitId) return { message: '请选择另一个责任单位' }
      // an accepted case keeps the points its reporter earned: the new unit's acceptance gives none
      const awarded = wf.pointsAwarded || r.status === 'accepted' || r.status === 'reopened'
      return {
        status: 'submitted',
        // the new unit gets the category's whole time from the transfer (docs/workflow.md)
        patch: { unitId: p.unitId, ...(p.dueAt ? newDeadline(p.dueAt, now) : {}), workflow: { ...wf, returnedFrom: null, ...(awarded ? { pointsAwarded: true } : {}) } },
        event: { action: 'transfer', note: `转办至${p.unitName ?? ''}${p.note ? `：${p.note}` : ''}` },
        points: 0,
        notices: [toUnit('report.transferred', '文明办转来一件工单', p.note ?? null, p.unitId)]
      }
    }
    case 'requestExtension': {
      const asked = wf.extensions ?? []
      if (asked.some((e) => e.decision === null)) return { message: '已有延期申请待审批' }
      if (asked.length >= MAX_EXTENSIONS) return { message: `每件工单最多申请 ${MAX_EXTENSIONS} 次延期` }
      const request = { hours: p.hours!, reason: p.reason!, at: now.getTime(), unitId: r.unitId, decision: null, decidedAt: null, note: null }
      return {
        status: same,
        patch: { workflow: { ...wf, extensions: [...asked, request] } },
        event: { action: 'requestExtension', note: `申请延期 ${p.hours} 小时：${p.reason}` },
        points: 0,
        notices: [{ to: { dispatchers: true }, kind: 'report.extensionRequested', title: '有工单申请延期，请审批', text: `${p.hours} 小时：${p.reason}`, page: 'handle' }]
      }
    }
    case 'decideExtension': {
      const asked = wf.extensions ?? []
      const i = asked.findIndex((e) => e.decision === null)
      if (i < 0) return { message: '没有待审批的延期申请' }
      const request = asked[i]!
      const decided = { ...request, decision: p.approve ? 'approved' as const : 'declined' as const, decidedAt: now.getTime(), note: p.reason ?? null }
      const extensions = asked.map((e, j) => (j === i ? decided : e))
      return {
        status: same,
        // the deadline moves by the hours asked; the 工作提示 go out again for the new one
        patch: { workflow: { ...wf, extensions }, ...(p.approve ? { dueAt: p.dueAt!, overdueNotified: false, warnedNotified: false } : {}) },
        event: { action: p.approve ? 'approveExtension' : 'declineExtension', note: p.approve ? `同意延期 ${request.hours} 小时${p.reason ? `：${p.reason}` : ''}` : `不同意延期：${p.reason ?? ''}` },
        points: 0,
        notices: [toUnit(p.approve ? 'report.extensionApproved' : 'report.extensionDeclined', p.approve ? '延期申请已同意' : '延期申请未同意', p.reason ?? null, request.unitId)]
      }
    }
    case 'verify':
      if (p.passed) {
        return {
          status: 'resolved',
          patch: { workflow: { ...wf, verifiedAt: now.getTime(), verifyPhotos: p.photos ?? [] } },
          event: { action: 'verifyPass', note: p.note ?? null },
          points: 0,
          notices: [toReporter('report.resolved', '您的上报已办结', `${(r.reply ?? '').slice(0, 60)}（已经现场核查）。请查看并评价`), toSupporters('report.followResolved', '您也遇到的问题已办结', (r.reply ?? '').slice(0, 60))]
        }
      }
      return {
        status: 'accepted',
        patch: { resolvedAt: null, workflow: { ...wf, reworks: (wf.reworks ?? 0) + 1, verifyPhotos: p.photos ?? [] } },
        event: { action: 'verifyFail', note: p.note ?? null },
        points: 0,
        notices: [toUnit('report.rework', '核查未通过，请返工', p.note ?? null)]
      }
    case 'urge':
      return {
        status: same,
        patch: { workflow: { ...wf, urges: (wf.urges ?? 0) + 1 } },
        event: { action: 'urge', note: p.note ?? null },
        points: 0,
        notices: [toUnit('report.urged', '督办：请尽快办理', p.note ?? null)]
      }
    case 'support':
      return { status: same, patch: {}, event: { action: 'support', note: null }, points: 0, notices: [] }
    case 'supplement': {
      // the cap counts the 补充 kept on the case document before they were records of their own
      // (CloudBase cases from before issue 22's change; SQLite moved them in migration 037) and the
      // places of the case's counter, taken by the caller with this decision's claim
      const full = `该问题的补充已达 ${MAX_SUPPLEMENTS} 条，请直接联系处理人员`
      const allowed = MAX_SUPPLEMENTS - (wf.supplements?.length ?? 0)
      if (allowed <= 0) return { message: full }
      const photos = p.photos ?? []
      const note = p.note || null
      const words = note ?? `补充了 ${photos.length} 张现场照片`
      return {
        status: same,
        patch: {},
        supplement: { reportId: r.id, at: now.getTime(), by: supplementOwner(actor.openid ?? ''), clientId: p.clientId ?? '', note, photos },
        claim: { name: supplementCounter(r.id), allowed, refusal: full },
        event: { action: 'supplement', note: words },
        points: 0,
        notices: [toUnit('report.supplement', '有居民补充了现场情况', `${words.slice(0, 60)}${photos.length && note ? `（${photos.length} 张照片）` : ''}`)]
      }
    }
    case 'driveLink':
      return { status: same, patch: {}, event: { action: 'drive', note: p.note ?? null }, points: 0, notices: [] }
    case 'place': {
      const at = p.point!
      return {
        status: same,
        patch: { latitude: at.latitude, longitude: at.longitude, address: at.address ?? r.address, villageId: at.villageId, workflow: { ...wf, placedByName: false } },
        event: { action: 'place', note: `已定位${at.address ? `：${at.address}` : ''}` },
        points: 0,
        notices: []
      }
    }
    case 'comment':
      return { status: same, patch: {}, event: { action: 'comment', note: p.note ?? null }, points: 0, notices: [toUnit('report.comment', p.title ?? '接入系统转来群众意见', p.reason ?? null)] }
    case 'driveNote':
      return { status: same, patch: {}, event: { action: 'drive', note: p.note ?? null }, points: 0, notices: [toUnit(p.kind ?? 'report.driveNote', p.title ?? '志愿清理未能解决，请继续办理', p.reason ?? null)] }
    case 'hide':
      if (r.hiddenAt) return { message: '该上报已不予公开' }
      return { status: same, patch: { hiddenAt: now, hiddenReason: p.reason ?? '' }, event: { action: 'hide', note: p.reason ?? null }, points: 0, notices: [] }
    case 'unhide':
      if (!r.hiddenAt) return { message: '该上报没有被隐藏' }
      return { status: same, patch: { hiddenAt: null, hiddenReason: null }, event: { action: 'unhide', note: null }, points: 0, notices: [] }
    case 'hidePhoto':
      if (r.hiddenPhotos?.includes(p.photo!)) return { message: '这张照片已隐藏' }
      return { status: same, patch: { hiddenPhotos: [...(r.hiddenPhotos ?? []), p.photo!] }, event: { action: 'hidePhoto', note: p.reason ?? null }, points: 0, notices: [] }
  }
}
