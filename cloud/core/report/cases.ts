import type { Page, Role } from '../../../types/common'
import type { Report, ReportCategory } from '../../../types/report'
import { STATUS_NAMES } from '../../../types/report'
import type { z } from 'zod'
import type { createReportInput, reportContract } from '../../../types/report'
import type { Ctx, Deps } from '../context'
import { conflict, contentRejected, forbidden, invalid, notFound, rateLimited } from '../errors'
import { newId } from '../ids'
import { publish, pushPending, record, type Outgoing } from '../messages'
import type { Store, StoredMessage } from '../ports'
import { isoLocal } from '../time'
import { countToday } from '../limits'
import { problemVillage } from '../geo/cases'
import type { QueueFilter, ReportEvent, StoredReport } from './ports'
import type { User } from '../../../types/user'
import { AUTO_CLOSE_MS, boxAround, deadlineState, distanceMeters, dueAt, isOpen, isPraise, isPublic, mayHandle, mayseeReporter, mayseeWhole, PRAISE_ACTIONS, startOfLocalDay, TRANSITIONS } from './rules'
import { NOT_PUBLIC, submitForCheck } from './moderation'
import { routeOf, workCalendar } from '../reference'

type Viewer = Ctx['user'] | null

/**
 * The answer forms of cases for one viewer (null: the public form): their timelines, the
 * categories and the reporters the viewer may see, each read once for the whole list.
 */
export async function presentMany(deps: Pick<Deps, 'store' | 'config' | 'clock'>, reports: StoredReport[], viewer: Viewer, store: Store = deps.store, caller: string | null = viewer?.openid ?? null): Promise<Report[]> {
  if (!reports.length) return []
  const [timelines, categories, reporters] = await Promise.all([
    store.reports.timelines(reports.map((r) => r.id)),
    store.directory.listCategories(),
    store.users.getMany(reports.filter((r) => mayseeReporter(r, viewer)).map((r) => r.openid))
  ])
  const byOpenid = new Map(reporters.map((u) => [u.openid, u]))
  return reports.map((r) => {
    const answer = answerOf(deps, r, timelines.get(r.id) ?? [], categories.find((c) => c.code === r.category), mayseeReporter(r, viewer) ? byOpenid.get(r.openid) ?? null : null, caller)
    return mayseeWhole(r, viewer) ? answer : publicForm(answer)
  })
}

/**
 * The public form of a case (feed, map, nearby, 点赞墙, and `get` by anyone but the reporter,
 * staff and admins): no reporter (never an openid), no rating comment (also not inside the
 * timeline's rating note), and no free-text address when the case is anonymous.
 */
export function publicForm(r: Report): Report {
  const shown = (photos: string[]) => photos.filter((p) => !r.hiddenPhotos.includes(p))
  return {
    ...r,
    photos: shown(r.photos),
    afterPhotos: shown(r.afterPhotos),
    hiddenPhotos: [], // which photos were hidden, and why a case was, is for its reporter and staff
    hidden: null,
    reporter: null,
    source: undefined, // where a case came from is for staff
    location: { ...r.location, address: r.anonymous ? null : r.location.address },
    rating: r.rating ? { score: r.rating.score, comment: null } : null,
    timeline: r.timeline.map((e) => (e.action === 'rate' && e.note ? { ...e, note: e.note.split('：')[0]! } : e))
  }
}

/** The answer form of one case for one viewer (null: the public form). */
export async function present(deps: Pick<Deps, 'store' | 'config' | 'clock'>, r: StoredReport, viewer: Viewer, store: Store = deps.store): Promise<Report> {
  return (await presentMany(deps, [r], viewer, store))[0]!
}

/** The answer form from its parts: the case, its timeline, its category and the reporter when the viewer may see them. */
function answerOf(
  deps: Pick<Deps, 'config' | 'clock'>,
  r: StoredReport,
  events: ReportEvent[],
  category: ReportCategory | undefined,
  reporter: Pick<User, 'nickname'> | null,
  viewerOpenid: string | null
): Report {
  const iso = (d: Date) => isoLocal(d, deps.config)
  return {
    id: r.id,
    category: r.category,
    categoryName: category?.name ?? r.category,
    description: r.description,
    photos: r.photos,
    location: { latitude: r.latitude, longitude: r.longitude, address: r.address },
    villageId: r.villageId,
    status: r.status,
    unitId: r.unitId,
    anonymous: r.anonymous,
    supportCount: r.supportCount,
    createdAt: iso(r.createdAt),
    dueAt: isPraise(r) ? null : iso(r.dueAt),
    kind: isPraise(r) ? 'praise' : 'problem',
    resolvedAt: r.resolvedAt ? iso(r.resolvedAt) : null,
    rating: r.rating,
    reporter: reporter ? { nickname: reporter.nickname } : null,
    isMine: viewerOpenid !== null && viewerOpenid === r.openid,
    timeline: events.map((e) => ({ at: iso(e.at), action: e.action, status: e.status, note: e.note, actorRole: e.actorRole })),
    overdue: deadlineState(r, deps.clock()) !== 'ok',
    reply: r.reply,
    afterPhotos: r.afterPhotos,
    source: r.source ?? 'app',
    moderation: r.moderation ?? 'passed',
    hidden: r.hiddenAt ? { at: iso(r.hiddenAt), reason: r.hiddenReason ?? '' } : null,
    hiddenPhotos: r.hiddenPhotos ?? []
  }
}

async function categoryOf(ctx: Ctx, code: string): Promise<ReportCategory> {
  const category = (await ctx.store.directory.listCategories()).find((c) => c.code === code)
  if (!category) throw invalid('问题类别不存在', 'category')
  if (category.active === false) throw invalid(`问题类别「${category.name}」已停用`, 'category')
  return category
}

async function requireText(ctx: Ctx, text: string, field: string) {
  if (!(await ctx.contentCheck.isAcceptable(text, ctx.user.openid))) throw contentRejected('内容含有不当信息，请修改后再提交', field)
}

/**
 * Photos must be the caller's own uploads: not someone else's file, not a made-up or `../` id.
 * They are claimed (marked used, so the sweep of unused uploads keeps them) before the case is
 * written: a write that fails afterwards leaves a kept photo nobody shows, never a case whose
 * photo was swept away.
 */
export async function requirePhotos(ctx: Ctx, photos: string[], field: string) {
  if (!photos.length) return
  if (!(await ctx.photos.claim(photos, ctx.user.openid))) throw invalid('照片无效，请重新上传', field)
}

async function load(ctx: Ctx, id: string, store: Store = ctx.store): Promise<StoredReport> {
  const r = await store.reports.get(id)
  if (!r) throw notFound('上报不存在')
  return r
}

/** The unit of a new case: the village's responsibility for the category, or for its group, or the category's default. */
async function responsibleUnit(ctx: Ctx, villageId: string | null, category: ReportCategory): Promise<string> {
  // the village's entry, else its town's, else the category's unit (基础数据: cloud/core/reference.ts)
  return routeOf(ctx.store, villageId, category)
}

/** Who filed a case from where: a partner system (Open311) files as its own reporter, with its own limits. */
export interface CreateOptions {
  /** `app` (default) or `open311:<partner>`. */
  source?: string
  /** Reports a day / a minute for this reporter (default: config.reportsPerDay, reportsPerMinute). */
  perDay?: number
  perMinute?: number
  /** Only problem categories (a partner system cannot file a 文明点赞): others are an unknown category. */
  problemsOnly?: boolean
}

/** Files a case. A second submit with the same client id answers the first case. */
export async function createReport(ctx: Ctx, input: z.output<typeof createReportInput>, opts: CreateOptions = {}): Promise<Report> {
  const existing = await ctx.store.reports.findByClientId(ctx.user.openid, input.clientId)
  if (existing) return present(ctx, existing, ctx.user)
  const category = await categoryOf(ctx, input.category)
  if (opts.problemsOnly && category.kind === 'praise') throw invalid('问题类别不存在', 'category')
  // the case belongs to the village where the problem is, not to the reporter's home
  const villageId = await problemVillage(ctx, input.location, input.villageId)
  await requireText(ctx, input.description, 'description')
  await requirePhotos(ctx, input.photos, 'photos')
  if (input.location.address) await requireText(ctx, input.location.address, 'location.address')
  const [unitId, calendar] = await Promise.all([responsibleUnit(ctx, villageId ?? null, category), workCalendar(ctx)])
  const unitStaff = await staffOf(ctx.store, unitId)
  const villageName = villageId && !input.location.address ? (await ctx.store.directory.getRegion(villageId))?.name ?? '' : ''
  const label = (r: StoredReport) => `${category.name}${r.address ?? villageName ? ` · ${r.address ?? villageName}` : ''}`

  // Rate limits are counted before the transaction (a query cannot run inside one on CloudBase):
  // exact for requests one after another, approximate for a burst of simultaneous ones.
  const started = ctx.clock()
  const minuteAgo = started.getTime() - 60_000
  const dayStart = startOfLocalDay(started, ctx.config.utcOffsetMinutes)
  const { perDay = ctx.config.reportsPerDay, perMinute = ctx.config.reportsPerMinute } = opts
  const recent = await ctx.store.reports.createdTimesSince(ctx.user.openid, new Date(Math.min(minuteAgo, dayStart.getTime())), Math.max(perDay, perMinute))
  if (recent.filter((t) => t.getTime() >= minuteAgo).length >= perMinute) throw rateLimited('提交太频繁，请一分钟后再试')
  if (recent.filter((t) => t >= dayStart).length >= perDay) throw rateLimited(`每天最多上报 ${perDay} 次，请明天再来`)

  const filed = await ctx.store.transaction(async (tx) => {
    const again = await tx.reports.findByClientId(ctx.user.openid, input.clientId)
    if (again) return { report: again, event: null, told: [] as StoredMessage[] }
    const now = ctx.clock()
    const r: StoredReport = {
      id: newId(),
      openid: ctx.user.openid,
      clientId: input.clientId,
      category: category.code,
      description: input.description,
      photos: input.photos,
      latitude: input.location.latitude,
      longitude: input.location.longitude,
      address: input.location.address || null,
      villageId: villageId ?? null,
      status: 'submitted',
      unitId,
      anonymous: input.anonymous ?? false,
      supportCount: 0,
      createdAt: now,
      // a praise has no deadline: its stored time is the filing, never swept or shown
      dueAt: category.kind === 'praise' ? now : dueAt(now, category.slaHours, calendar, ctx.config.utcOffsetMinutes),
      kind: category.kind === 'praise' ? 'praise' : 'problem',
      source: opts.source ?? 'app',
      resolvedAt: null,
      rating: null,
      reply: null,
      afterPhotos: [],
      overdueNotified: false,
      warnedNotified: false,
      // public once its photos passed the content check (moderation.ts); a case without photos at once
      moderation: input.photos.length ? 'pending' : 'passed',
      uncheckedPhotos: input.photos,
      hiddenPhotos: [],
      hiddenAt: null,
      hiddenReason: null
    }
    const event: ReportEvent = { reportId: r.id, at: now, action: 'submitted', status: 'submitted', note: null, actorRole: ctx.user.role, actorOpenid: ctx.user.openid }
    await tx.reports.insert(r)
    await tx.reports.appendEvent(event)
    const told = await record(ctx, tx, unitStaff.map((openid) => ({ openid, kind: 'report.filed', title: category.kind === 'praise' ? '新的文明点赞待审核' : '新工单待受理', body: label(r), link: handleLink(r.id) })))
    return { report: r, event, told }
  })
  // A submit that raced an earlier one with the same client id answers that case as stored.
  if (!filed.event) return present(ctx, filed.report, ctx.user)
  await publish(ctx, filed.told)
  await submitForCheck(ctx, filed.report)
  // A new case is answered from what was just written rather than read back: its timeline is the
  // one event appended, its category was looked up above and its reporter is the caller.
  return answerOf(ctx, filed.report, [filed.event], category, ctx.user, ctx.user.openid)
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  const r = await load(ctx, id)
  // awaiting its content check or hidden by staff: only its reporter and staff see it
  if (!isPublic(r) && !mayseeWhole(r, ctx.user)) throw notFound(NOT_PUBLIC)
  return present(ctx, r, ctx.user)
}

export async function listMine(ctx: Ctx, cursor: string | undefined, limit = 20): Promise<Page<Report>> {
  const page = await ctx.store.reports.listByUser(ctx.user.openid, cursor, limit)
  return { items: await presentMany(ctx, page.items, ctx.user), nextCursor: page.nextCursor }
}

/** Open cases within `radius` metres, nearest first, in public form (never the reporter). */
export async function nearby(ctx: Ctx, input: { latitude: number; longitude: number; radius: number; category?: string }): Promise<{ items: Report[] }> {
  const candidates = await ctx.store.reports.openInBox(boxAround(input, input.radius), input.category, 500)
  const within = candidates
    .map((r) => ({ r, distance: distanceMeters(input, r) }))
    .filter((x) => x.distance <= input.radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 20)
  // the public form (never the reporter), but the caller learns which of these are their own
  const answers = await presentMany(ctx, within.map((w) => w.r), null, ctx.store, ctx.user.openid)
  return { items: answers.map((a, i) => ({ ...a, distance: Math.round(within[i]!.distance) })) }
}

/** 我也遇到: one support per user, on open cases of others. */
export async function support(ctx: Ctx, id: string): Promise<Report> {
  const r = await load(ctx, id)
  if (!isPublic(r)) throw notFound(NOT_PUBLIC)
  if (isPraise(r)) throw conflict('文明点赞不需要支持')
  if (r.openid === ctx.user.openid) throw conflict('这是您自己的上报')
  if (!isOpen(r.status)) throw conflict('该问题已办结，无需再支持')
  await ctx.store.transaction(async (tx) => {
    if (await tx.reports.addSupport(id, ctx.user.openid, ctx.clock())) {
      await countToday(ctx, tx, 'support', ctx.user.openid, ctx.config.supportsPerDay, `每天最多支持 ${ctx.config.supportsPerDay} 次，请明天再来`)
    }
  })
  return present(ctx, await load(ctx, id), ctx.user)
}

export interface Change {
  action: keyof typeof TRANSITIONS
  note: string | null
  /** Checks who may do it; throws FORBIDDEN/CONFLICT as needed. */
  allow: (r: StoredReport) => void
  patch: (r: StoredReport, now: Date) => Partial<StoredReport>
  messages?: (r: StoredReport) => Outgoing[]
  after?: (tx: Store, r: StoredReport) => Promise<void>
}

/**
 * One state change of a case inside the caller's transaction `tx`: who may, the kind and status
 * rules, the patch, its timeline event, what follows and its messages (recorded; the caller
 * publishes them after commit). Use cases that change several cases at once (a drive's outcome)
 * apply the same rules through it.
 */
export async function applyChange(ctx: Ctx, tx: Store, r: StoredReport, c: Change): Promise<{ next: StoredReport; sent: StoredMessage[] }> {
  const transition = TRANSITIONS[c.action]!
  c.allow(r)
  if (isPraise(r) !== PRAISE_ACTIONS.includes(c.action)) throw conflict(isPraise(r) ? '文明点赞由文明办审核，不走问题办理流程' : '只有文明点赞需要审核')
  if (!transition.from.includes(r.status)) throw conflict(`当前状态为「${STATUS_NAMES[r.status]}」，不能进行此操作`)
  const now = ctx.clock()
  const patch = { ...c.patch(r, now), status: transition.to }
  await tx.reports.update(r.id, patch)
  await tx.reports.appendEvent({ reportId: r.id, at: now, action: c.action, status: transition.to, note: c.note, actorRole: ctx.user.role as Role, actorOpenid: ctx.user.openid })
  const next = { ...r, ...patch }
  await c.after?.(tx, next)
  return { next, sent: c.messages ? await record(ctx, tx, c.messages(next)) : [] }
}

/** Applies one state change with its timeline event (and messages) in one transaction. */
async function change(ctx: Ctx, id: string, c: Change): Promise<Report> {
  let sent: StoredMessage[] = []
  const updated = await ctx.store.transaction(async (tx) => {
    const done = await applyChange(ctx, tx, await load(ctx, id, tx), c)
    sent = done.sent
    return done.next
  })
  await publish(ctx, sent) // only what committed, once
  return present(ctx, updated, ctx.user)
}

export const detailLink = (id: string) => `/sub-report/detail/index?id=${id}`
export const handleLink = (id: string) => `/sub-report/handle/index?id=${id}`

/** How a message names a case: its category and its place, e.g. 「占道经营 · 幸福村菜市场东门」 (the village when no address was given). */
export async function caseLabel(store: Store, r: StoredReport): Promise<string> {
  const name = (await store.directory.listCategories()).find((c) => c.code === r.category)?.name ?? r.category
  const place = r.address ?? (r.villageId ? (await store.directory.getRegion(r.villageId))?.name : null) ?? ''
  return place ? `${name} · ${place}` : name
}

/** `caseLabel` for many cases: the reference data read once (before a transaction), each case named without a read. */
export async function caseLabeler(store: Store): Promise<(r: StoredReport) => string> {
  const [categories, regions] = await Promise.all([store.directory.listCategories(), store.directory.listRegions()])
  return (r) => {
    const name = categories.find((c) => c.code === r.category)?.name ?? r.category
    const place = r.address ?? (r.villageId ? regions.find((v) => v.id === r.villageId)?.name : null) ?? ''
    return place ? `${name} · ${place}` : name
  }
}

/** The staff of a unit (read before a transaction: a query cannot run inside one on CloudBase). */
export async function staffOf(store: Store, unitId: string): Promise<string[]> {
  return (await store.users.listByRole('staff')).filter((s) => s.unitId === unitId).map((s) => s.openid)
}

function staffOnly(ctx: Ctx) {
  return (r: StoredReport) => {
    if (!mayHandle(r, ctx.user)) throw forbidden('只能处理本单位的工单')
  }
}

function reporterOnly(ctx: Ctx) {
  return (r: StoredReport) => {
    if (r.openid !== ctx.user.openid) throw forbidden('只有上报人可以进行此操作')
  }
}

/** The accept rule: the case (optionally dispatched to `unitId`) is taken on and its reporter earns the points. */
export function acceptance(ctx: Pick<Ctx, 'config'>, note: string | null, allow: Change['allow'], unitId?: string): Change {
  return {
    action: 'accept',
    note,
    allow,
    patch: (r) => ({ unitId: unitId ?? r.unitId }),
    after: async (tx, r) => void (await tx.users.addTotals(r.openid, { points: ctx.config.pointsPerAcceptedReport }))
  }
}

/**
 * The resolve rule: the reply and after-fix photos on the case, resolved now. `allow` says who may
 * (the unit's staff; for a drive's linked cases, its organizer); `timelineNote` is what the
 * timeline says (default: the reply).
 */
export function resolution(reply: string, photos: string[], allow: Change['allow'], timelineNote: string = reply): Change {
  return { action: 'resolve', note: timelineNote, allow, patch: (_r, now) => ({ resolvedAt: now, reply, afterPhotos: photos }) }
}

export async function accept(ctx: Ctx, id: string, unitId?: string): Promise<Report> {
  if (unitId && !(await ctx.store.directory.getUnit(unitId))) throw invalid('单位不存在', 'unitId')
  if (unitId && (await ctx.store.directory.getUnit(unitId))!.active === false) throw invalid('该单位已停用，不能派单', 'unitId')
  const unitName = unitId ? (await ctx.store.directory.getUnit(unitId))!.name : null
  const current = await load(ctx, id)
  const dispatched = unitId && unitId !== current.unitId ? await staffOf(ctx.store, unitId) : []
  const label = await caseLabel(ctx.store, current)
  return change(ctx, id, {
    ...acceptance(ctx, unitName ? `派单至${unitName}` : null, staffOnly(ctx), unitId),
    messages: (r) => [
      { openid: r.openid, kind: 'report.accepted', title: '您的上报已受理', body: `${label}：感谢参与创建文明城市，获得 ${ctx.config.pointsPerAcceptedReport} 积分`, link: detailLink(r.id) },
      ...dispatched.map((openid) => ({ openid, kind: 'report.dispatched', title: `${ctx.user.nickname}派来一件工单`, body: label, link: handleLink(r.id) }))
    ]
  })
}

export async function reject(ctx: Ctx, id: string, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  const label = await caseLabel(ctx.store, await load(ctx, id))
  return change(ctx, id, {
    action: 'reject',
    note: reason,
    allow: staffOnly(ctx),
    patch: () => ({}),
    messages: (r) => [{ openid: r.openid, kind: 'report.rejected', title: '您的上报未被受理', body: `${label}：${reason}`, link: detailLink(r.id) }]
  })
}

export async function resolve(ctx: Ctx, id: string, note: string, photos: string[]): Promise<Report> {
  await requireText(ctx, note, 'note')
  await requirePhotos(ctx, photos, 'photos')
  const label = await caseLabel(ctx.store, await load(ctx, id))
  const answer = await change(ctx, id, {
    ...resolution(note, photos, staffOnly(ctx)),
    messages: (r) => [{ openid: r.openid, kind: 'report.resolved', title: '您的上报已办结', body: `${label}：${note.slice(0, 60)}。请查看并评价`, link: detailLink(r.id) }]
  })
  return answer
}

export async function rate(ctx: Ctx, id: string, score: number, comment?: string): Promise<Report> {
  if (comment) await requireText(ctx, comment, 'comment')
  return change(ctx, id, {
    action: 'rate',
    note: `${score} 星${comment ? `：${comment}` : ''}`,
    allow: reporterOnly(ctx),
    patch: () => ({ rating: { score, comment: comment || null } })
  })
}

export async function reopen(ctx: Ctx, id: string, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  const [categories, calendar] = await Promise.all([ctx.store.directory.listCategories(), workCalendar(ctx)])
  const current = await load(ctx, id)
  const [unitStaff, label] = await Promise.all([staffOf(ctx.store, current.unitId), caseLabel(ctx.store, current)])
  return change(ctx, id, {
    action: 'reopen',
    note: reason,
    allow: reporterOnly(ctx),
    messages: (r) => unitStaff.map((openid) => ({ openid, kind: 'report.reopened', title: '工单被重新打开', body: `${label}：${reason}`, link: handleLink(r.id) })),
    patch: (r, now) => ({
      dueAt: dueAt(now, categories.find((c) => c.code === r.category)?.slaHours ?? 72, calendar, ctx.config.utcOffsetMinutes),
      deadlineFrom: now,
      overdueNotified: false,
      warnedNotified: false,
      resolvedAt: null
    })
  })
}

/** 文明点赞: the 文明办 (the praise's unit) approves it for the wall, with points as for an accepted report, or declines it. */
export async function review(ctx: Ctx, id: string, approve: boolean, reason: string | undefined): Promise<Report> {
  if (reason) await requireText(ctx, reason, 'reason')
  const points = ctx.config.pointsPerAcceptedReport
  return change(ctx, id, {
    action: approve ? 'approve' : 'decline',
    note: reason ?? (approve ? '审核通过，已上点赞墙' : null),
    allow: staffOnly(ctx),
    patch: () => ({}),
    after: approve ? async (tx, r) => void (await tx.users.addTotals(r.openid, { points })) : undefined,
    messages: (r) => [
      approve
        ? { openid: r.openid, kind: 'praise.approved', title: '您的文明点赞已上墙', body: `感谢传递正能量，获得 ${points} 积分`, link: detailLink(r.id) }
        : { openid: r.openid, kind: 'praise.declined', title: '您的文明点赞未通过审核', body: reason!, link: detailLink(r.id) }
    ]
  })
}

/** The public 点赞墙: approved praise, newest first, in public form with the village's name. */
export async function praiseWall(ctx: Ctx, cursor: string | undefined, limit = 20): Promise<Page<Report & { villageName: string | null }>> {
  const [page, regions] = await Promise.all([ctx.store.reports.praiseWall(cursor, limit), ctx.store.directory.listRegions()])
  const names = new Map(regions.map((r) => [r.id, r.name]))
  const items = await presentMany(ctx, page.items, null)
  return { items: items.map((r) => ({ ...r, villageName: r.villageId ? names.get(r.villageId) ?? null : null })), nextCursor: page.nextCursor }
}

/** The unit whose queue the caller works (null: an admin, every unit). */
function queueUnit(ctx: Ctx): string | null {
  const unitId = ctx.user.role === 'admin' ? null : ctx.user.unitId
  if (ctx.user.role === 'staff' && !unitId) throw forbidden('您还没有所属单位')
  return unitId
}

export async function queueCounts(ctx: Ctx) {
  return ctx.store.reports.queueCounts(queueUnit(ctx), ctx.clock())
}

type QueueInput = z.output<(typeof reportContract)['queue']['input']>

const DAY_MS = 86_400_000

/**
 * The console's search as a store filter: the unit the caller may ask for (staff: their own only),
 * the reference data named checked (an unknown category, village, town or unit is bad input), a town
 * as its villages' ids, and district days as instants. Reads the reference data only when a filter
 * names some (one call on CloudBase, where the directory is one document).
 */
async function queueFilter(ctx: Ctx, input: QueueInput): Promise<QueueFilter> {
  const own = queueUnit(ctx)
  if (input.unitId && own !== null && input.unitId !== own) throw forbidden('只能查看本单位的工单')
  const [categories, regions, units] = await Promise.all([
    input.category ? ctx.store.directory.listCategories() : [],
    input.villageId || input.townId ? ctx.store.directory.listRegions() : [],
    input.unitId && own === null ? ctx.store.directory.listUnits() : []
  ])
  if (input.category && !categories.some((c) => c.code === input.category)) throw invalid('问题类别不存在', 'category')
  if (input.unitId && own === null && !units.some((u) => u.id === input.unitId)) throw invalid('单位不存在', 'unitId')
  let villageIds: string[] | undefined
  if (input.villageId) {
    if (!regions.some((r) => r.id === input.villageId && r.level === 'village')) throw invalid('村居不存在', 'villageId')
    villageIds = [input.villageId]
  }
  if (input.townId) {
    if (!regions.some((r) => r.id === input.townId && r.level === 'town')) throw invalid('镇街不存在', 'townId')
    const inTown = regions.filter((r) => r.level === 'village' && r.parentId === input.townId).map((r) => r.id)
    // a village and a town: the village if it lies in the town, else nothing
    villageIds = villageIds ? villageIds.filter((v) => inTown.includes(v)) : inTown
  }
  const off = ctx.config.utcOffsetMinutes * 60_000
  const dayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - off)
  return {
    unitId: own ?? input.unitId ?? null,
    status: input.status,
    overdueAt: input.overdue ? ctx.clock() : undefined,
    kind: input.kind ?? 'problem',
    urgent: input.urgent,
    text: input.q || undefined,
    category: input.category,
    villageIds,
    source: input.source,
    createdFrom: input.from ? dayStart(input.from) : undefined,
    createdTo: input.to ? new Date(dayStart(input.to).getTime() + DAY_MS) : undefined
  }
}

export async function queue(ctx: Ctx, input: QueueInput): Promise<Page<Report>> {
  const filter = await queueFilter(ctx, input)
  const page = await ctx.store.reports.queue(filter, input.cursor, input.limit ?? 20)
  return { items: await presentMany(ctx, page.items, ctx.user), nextCursor: page.nextCursor }
}

/**
 * The deadline sweep, run by a timer (local server: every minute; WeChat: the `sla` timer
 * function): 工作提示 to the unit's staff at the deadline, 工作预警 to admins at twice the time,
 * and resolved cases nobody rated are closed after 7 days. Answers what it did.
 */
export async function sweepDeadlines(deps: Deps): Promise<{ overdue: number; warned: number; closed: number; pushed: number }> {
  const now = deps.clock()
  const done = { overdue: 0, warned: 0, closed: 0, pushed: 0 }
  // the outbox first: subscribe messages that committed but were never pushed
  done.pushed = await pushPending(deps)
  const candidates = await deps.store.reports.sweepCandidates(now, new Date(now.getTime() - AUTO_CLOSE_MS), 500)
  if (!candidates.length) return done
  const [staff, admins, categories, regions] = await Promise.all([
    deps.store.users.listByRole('staff'), deps.store.users.listByRole('admin'), deps.store.directory.listCategories(), deps.store.directory.listRegions()
  ])
  const labelOf = (r: StoredReport) => {
    const name = categories.find((c) => c.code === r.category)?.name ?? r.category
    const place = r.address ?? regions.find((v) => v.id === r.villageId)?.name ?? ''
    return place ? `${name} · ${place}` : name
  }
  for (const candidate of candidates) {
    let sent: StoredMessage[] = []
    let did: Partial<typeof done> = {}
    await deps.store.transaction(async (tx) => {
      // a callback may run again: what it did is counted and published only once it committed
      sent = []
      did = {}
      const r = await tx.reports.get(candidate.id)
      if (!r) return
      const event = (action: string, status: StoredReport['status'], note: string) =>
        tx.reports.appendEvent({ reportId: r.id, at: now, action, status, note, actorRole: 'system', actorOpenid: null })
      if (r.status === 'resolved' && r.resolvedAt && now.getTime() - r.resolvedAt.getTime() >= AUTO_CLOSE_MS) {
        await tx.reports.update(r.id, { status: 'closed' })
        await event('closed', 'closed', '办结 7 天未评价，自动结案')
        did.closed = 1
        return
      }
      const state = deadlineState(r, now)
      const link = `/sub-report/handle/index?id=${r.id}`
      if (state !== 'ok' && !r.overdueNotified) {
        await tx.reports.update(r.id, { overdueNotified: true })
        await event('overdue', r.status, '已超过办理期限（工作提示）')
        sent.push(...(await record(deps, tx, staff.filter((s) => s.unitId === r.unitId).map((s) => ({ openid: s.openid, kind: 'report.overdue', title: '工作提示：工单已超期', body: labelOf(r), link })))))
        did.overdue = 1
      }
      if (state === 'warned' && !r.warnedNotified) {
        await tx.reports.update(r.id, { warnedNotified: true })
        await event('warned', r.status, '超期时间达到办理时限（工作预警）')
        const told = [...admins, ...staff.filter((s) => s.unitId === r.unitId)]
        sent.push(...(await record(deps, tx, told.map((a) => ({ openid: a.openid, kind: 'report.warned', title: '工作预警：工单严重超期', body: labelOf(r), link })))))
        did.warned = 1
      }
    })
    for (const k of ['overdue', 'warned', 'closed'] as const) done[k] += did[k] ?? 0
    await publish(deps, sent)
  }
  return done
}
