import type { Page } from '../../../types/common'
import type { CaseActionName, CaseAnswer, Report, ReportCategory } from '../../../types/report'
import { checkAnswers } from '../../../types/report'
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
import type { QueueFilter, ReportEvent, StoredCaseSupplement, StoredReport, StoredSupplement, StoredWorkflow } from './ports'
import type { User } from '../../../types/user'
import { INSPECTION_CATEGORY } from '../../../types/names'
import { AUTO_CLOSE_MS, boxAround, deadlineState, distanceMeters, dueAt, dueState, isPraise, startOfLocalDay } from './rules'
import { creditText, decide, dispatcherUnitsOf, MAX_SUPPLEMENTS, supplementOwner, INSPECTION_SOURCE, isDispatcher, mayAct, needsVerify, SYSTEM_ACTOR, type Actor, type CaseAction, type Decision, type Notice, type Params } from './model'
import { audienceOf, isMineFor, isPublic, mayseeReporter, mayView, placeFor, shape, SUPPLEMENT, type Audience } from './view'
import { NOT_PUBLIC, submitForCheck } from './moderation'
import { routeOf, workCalendar } from '../reference'
import { CAP_WORDS, caseEntryId, earn, reverse } from '../points/ledger'
import { casePost, deliverPosts, GROUP_KINDS, groupUnitsOf, recordPosts } from '../notices/wecom'
import type { StoredPost } from '../notices/ports'
import { sendDigests } from '../notices/digest'
import { sendWeeklySummaries } from '../notices/weekly'
import { areaFollowersOf } from '../notices/areas'
import { placeOf } from '../campaign/roads'

type Viewer = Ctx['user'] | null

/** The actor of a person's call, as the case model sees them. */
export const actorOf = (user: Ctx['user']): Actor => ({ openid: user.openid, role: user.role, unitId: user.unitId, gridVillageIds: user.gridVillageIds ?? [], ...(user.evaluator ? { evaluator: true } : {}) })

/** The actions a viewer may be offered: those the model allows now. */
const OFFERED: readonly CaseActionName[] = ['support', 'accept', 'reject', 'resolve', 'rate', 'reopen', 'approve', 'decline', 'return', 'transfer', 'requestExtension', 'decideExtension', 'verify', 'urge', 'hide', 'unhide', 'place']

/**
 * The answer forms of cases for one viewer (null: the public form; `partner`: an Open311 partner),
 * shaped by the one view of a case (`view.ts`): their timelines, the categories and the reporters
 * the viewer may see, each read once for the whole list.
 */
export async function presentMany(
  deps: Pick<Deps, 'store' | 'config' | 'clock'>, reports: StoredReport[], viewer: Viewer, store: Store = deps.store, caller: string | null = viewer?.openid ?? null, opts: { partner?: boolean } = {}
): Promise<Report[]> {
  if (!reports.length) return []
  const [[timelines, supplements], categories, reporters] = await Promise.all([
    timelinesOf(store, reports).then(async (t) => [t, await supplementsOf(store, reports, t, viewer !== null || caller !== null)] as const),
    store.directory.listCategories(),
    // the viewer's own cases need no read of their reporter: the call has loaded the viewer
    store.users.getMany(reports.filter((r) => mayseeReporter(r, viewer) && r.openid !== viewer?.openid).map((r) => r.openid))
  ])
  const byOpenid = new Map([...(viewer ? [viewer] : []), ...reporters].map((u) => [u.openid, u]))
  return reports.map((r) => {
    const whole = answerOf(deps, r, timelines.get(r.id) ?? [], categories.find((c) => c.code === r.category), mayseeReporter(r, viewer) ? byOpenid.get(r.openid) ?? null : null, caller, supplements.get(r.id) ?? [])
    return forViewer(deps, r, whole, viewer, opts)
  })
}

/** The cases' timelines: those the store read with the cases, the others in one read. */
async function timelinesOf(store: Store, reports: StoredReport[]): Promise<Map<string, ReportEvent[]>> {
  const out = new Map<string, ReportEvent[]>()
  for (const r of reports) {
    const read = store.reports.timelineRead?.(r)
    if (read) out.set(r.id, read)
  }
  const missing = reports.filter((r) => !out.has(r.id)).map((r) => r.id)
  if (missing.length) for (const [id, events] of await store.reports.timelines(missing)) out.set(id, events)
  return out
}

/**
 * The 补充 of these cases (issue 24), oldest first, at most MAX_SUPPLEMENTS each: the records of
 * their own with those a CloudBase case from before kept on its document. One indexed query
 * (however many cases: at most 1,000 records, so a list of more than 33 full cases may carry
 * fewer), and only for the cases whose timeline has a 补充 step (each record's step is written
 * with it; a case without one costs no call). Nobody's are read for an anonymous caller (Open311,
 * the public pages): a signed-in one sees their own (`view.ts` marks them) or, handling it, all.
 */
async function supplementsOf(store: Store, reports: StoredReport[], timelines: Map<string, ReportEvent[]>, signedIn: boolean): Promise<Map<string, StoredSupplement[]>> {
  const out = new Map<string, StoredSupplement[]>(reports.map((r) => [r.id, [...(r.workflow?.supplements ?? [])]]))
  // every 补充 has its step: more steps than the legacy field holds, and the case has records
  const given = reports.filter((r) => (timelines.get(r.id) ?? []).filter((e) => e.action === SUPPLEMENT).length > (r.workflow?.supplements?.length ?? 0)).map((r) => r.id)
  if (!signedIn || !given.length) return out
  const records: StoredCaseSupplement[] = await store.reports.supplementsOf(given, Math.min(1000, MAX_SUPPLEMENTS * given.length))
  for (const s of records) out.get(s.reportId)?.push(s)
  for (const [id, list] of out) out.set(id, list.sort((a, b) => a.at - b.at).slice(0, MAX_SUPPLEMENTS))
  return out
}

/** The whole answer cut to what the viewer may see, with the actions the model offers them. */
function forViewer(deps: Pick<Deps, 'config'>, r: StoredReport, whole: Report, viewer: Viewer, opts: { partner?: boolean } = {}): Report {
  const audience = viewer ? audienceOf(r, viewer, opts) : opts.partner ? 'partner' : 'public'
  const answer = shape(whole, audience)
  // a signed-in viewer learns what they may do (a neighbour: 我也遇到); lists in public form carry none
  if (!viewer) return answer
  const actor = actorOf(viewer)
  return { ...answer, actions: OFFERED.filter((a) => mayAct(r, a, actor, deps.config)) }
}

/** The answer form of one case for one viewer (null: the public form). */
export async function present(deps: Pick<Deps, 'store' | 'config' | 'clock'>, r: StoredReport, viewer: Viewer, store: Store = deps.store): Promise<Report> {
  return (await presentMany(deps, [r], viewer, store))[0]!
}

/** The answer form from its parts (for staff: `shape` cuts it for everyone else). */
function answerOf(
  deps: Pick<Deps, 'config' | 'clock'>,
  r: StoredReport,
  events: ReportEvent[],
  category: ReportCategory | undefined,
  reporter: Pick<User, 'nickname'> | null,
  viewerOpenid: string | null,
  supplements: StoredSupplement[]
): Report {
  const iso = (d: Date) => isoLocal(d, deps.config)
  const wf = r.workflow ?? {}
  const viewer = viewerOpenid !== null && supplements.length ? supplementOwner(viewerOpenid) : null
  return {
    id: r.id,
    category: r.category,
    categoryName: category?.name ?? (r.category === INSPECTION_CATEGORY.code ? INSPECTION_CATEGORY.name : r.category),
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
    isMine: isMineFor(r, viewerOpenid),
    timeline: events.map((e) => ({ at: iso(e.at), action: e.action, status: e.status, note: e.note, actorRole: e.actorRole })),
    overdue: deadlineState(r, deps.clock()) !== 'ok',
    dueState: dueState(r, deps.clock()),
    reply: r.reply,
    afterPhotos: r.afterPhotos,
    supplements: supplements.map((x) => ({ at: iso(new Date(x.at)), note: x.note, photos: x.photos, mine: viewer !== null && x.by === viewer })),
    source: r.source ?? 'app',
    moderation: r.moderation ?? 'passed',
    hidden: r.hiddenAt ? { at: iso(r.hiddenAt), reason: r.hiddenReason ?? '' } : null,
    hiddenPhotos: r.hiddenPhotos ?? [],
    answers: r.answers ?? [],
    workflow: {
      returnedFrom: wf.returnedFrom ?? null,
      returns: wf.returns ?? 0,
      extensions: (wf.extensions ?? []).map((e) => ({ ...e, at: iso(new Date(e.at)), decidedAt: e.decidedAt === null ? null : iso(new Date(e.decidedAt)) })),
      urges: wf.urges ?? 0,
      reworks: wf.reworks ?? 0,
      caller: wf.caller ? { ...wf.caller, email: wf.caller.email ?? null } : null,
      links: wf.links ?? [],
      linkProblems: wf.linkProblems ?? [],
      attributes: wf.attributes ?? [],
      placedByName: wf.placedByName ?? false
    }
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

/**
 * The unit of a new case: a problem inside a 创文点位's polygon (or near a point 点位, config
 * `siteRadiusMeters`) goes to the 点位's unit, one within `roadRadiusMeters` of a 包路段 to the
 * 路段's unit (局委包路段, issue 26: campaign/roads.ts `placeOf`, two small reads); else the
 * village's responsibility for the category, or for its group, or the category's default.
 */
async function responsibleUnit(ctx: Ctx, villageId: string | null, category: ReportCategory, location: { latitude: number; longitude: number }): Promise<string> {
  const place = category.kind === 'praise' ? null : await placeOf(ctx, location)
  if (place) return place.unitId
  // the village's entry, else its town's, else the category's unit (基础数据: cloud/core/reference.ts)
  return routeOf(ctx.store, villageId, category)
}

/** A desk filing for callers (电话/来访): cases a day and a minute per staff member. */
const DESK_PER_DAY = 500
const DESK_PER_MINUTE = 30

/** Who filed a case from where: a partner system (Open311) files as its own reporter, with its own limits. */
export interface CreateOptions {
  /** `app` (default) or `open311:<partner>`. */
  source?: string
  /** Reports a day / a minute for this reporter (default: config.reportsPerDay, reportsPerMinute). */
  perDay?: number
  perMinute?: number
  /** Only problem categories (a partner system cannot file a 文明点赞): others are an unknown category. */
  problemsOnly?: boolean
  /** What an Open311 partner sent besides the case (the resident's contact, photo links, attributes), kept for staff. */
  intake?: Pick<StoredWorkflow, 'caller' | 'links' | 'linkProblems' | 'attributes' | 'placedByName'>
  /** The unit that gets the case instead of the routed one: the dispatcher's, for a case to be placed by hand (待定位). */
  unitId?: string
}

/** Files a case. A second submit with the same client id answers the first case. */
/** A case's answers to its category's questions, by THE rule (types/report.ts `checkAnswers`); else INVALID_INPUT on `answers.<code>`. */
export function answersOf(category: ReportCategory, given: Record<string, string | number> | undefined): CaseAnswer[] {
  const checked = checkAnswers(category.questions, given)
  if (!checked.ok) throw invalid(checked.message, `answers.${checked.code}`)
  return checked.answers
}

export async function createReport(ctx: Ctx, input: z.output<typeof createReportInput>, opts: CreateOptions = {}): Promise<Report> {
  // the 12345 desk: staff file for a caller, with the desk's own limits
  if (input.onBehalf) {
    if (ctx.user.role !== 'staff' && ctx.user.role !== 'admin') throw forbidden('只有工作人员可以代群众登记')
    opts = { ...opts, source: input.onBehalf.channel, perDay: DESK_PER_DAY, perMinute: DESK_PER_MINUTE, problemsOnly: true }
  }
  const existing = await ctx.store.reports.findByClientId(ctx.user.openid, input.clientId)
  if (existing) return present(ctx, existing, ctx.user)
  const category = await categoryOf(ctx, input.category)
  if (opts.problemsOnly && category.kind === 'praise') throw invalid('问题类别不存在', 'category')
  // the case belongs to the village where the problem is, not to the reporter's home
  const villageId = await problemVillage(ctx, input.location, input.villageId)
  const answers = answersOf(category, input.answers)
  // no words with a photo (issue 24): the photo shows the problem, the case names its category
  const description = input.description || `${category.name}（见现场照片）`
  await requireText(ctx, description, 'description')
  // a short text answer is text a resident wrote: the content check reads it as it reads the description
  for (const a of answers) if (category.questions?.find((q) => q.code === a.code)?.type === 'text') await requireText(ctx, a.value, `answers.${a.code}`)
  await requirePhotos(ctx, input.photos, 'photos')
  if (input.location.address) await requireText(ctx, input.location.address, 'location.address')
  const [unitId, calendar] = await Promise.all([opts.unitId ?? responsibleUnit(ctx, villageId ?? null, category, input.location), workCalendar(ctx)])
  const [unitStaff, group] = await Promise.all([staffOf(ctx.store, unitId), ctx.store.notices.channelsOf([unitId])])
  const villageName = villageId && (!input.location.address || input.anonymous) ? (await ctx.store.directory.getRegion(villageId))?.name ?? '' : ''
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
    if (again) return { report: again, event: null, told: [] as StoredMessage[], posts: [] as StoredPost[] }
    const now = ctx.clock()
    const r: StoredReport = {
      id: newId(),
      openid: ctx.user.openid,
      clientId: input.clientId,
      category: category.code,
      description,
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
      hiddenReason: null,
      ...(answers.length ? { answers } : {}),
      // a case filed for a caller earns nobody points; the caller is for staff only
      workflow: input.onBehalf
        ? { pointsAwarded: true, caller: { channel: input.onBehalf.channel, name: input.onBehalf.name || null, phone: input.onBehalf.phone || null } }
        : opts.intake && Object.keys(opts.intake).length ? { ...opts.intake } : null
    }
    const event: ReportEvent = { reportId: r.id, at: now, action: 'submitted', status: 'submitted', note: null, actorRole: ctx.user.role, actorOpenid: ctx.user.openid }
    await tx.reports.insert(r)
    await tx.reports.appendEvent(event)
    const title = category.kind === 'praise' ? '新的文明点赞待审核' : '新工单待受理'
    const told = await record(ctx, tx, unitStaff.map((openid) => ({ openid, kind: 'report.filed', title, body: label(r), link: handleLink(r.id) })))
    // the unit's 企业微信 group: the case as a 网格员 sees it named (an anonymous case's address is not posted)
    const place = placeFor(r, villageName || null, 'grid')
    const groupLabel = place ? `${category.name} · ${place}` : category.name
    const posts = await recordPosts(tx, group.length ? [casePost(ctx, r, unitId, 'report.filed', title, groupLabel, null, now)] : [])
    return { report: r, event, told, posts }
  })
  // A submit that raced an earlier one with the same client id answers that case as stored.
  if (!filed.event) return present(ctx, filed.report, ctx.user)
  await publish(ctx, filed.told)
  await deliverPosts(ctx, filed.posts)
  await submitForCheck(ctx, filed.report)
  // A new case is answered from what was just written rather than read back: its timeline is the
  // one event appended, its category was looked up above and its reporter is the caller.
  return forViewer(ctx, filed.report, answerOf(ctx, filed.report, [filed.event], category, ctx.user, ctx.user.openid, []), ctx.user)
}

/** One 整改 case an inspection found (issue 26), as `fileInspectionCases` files it. */
export interface InspectionCaseDraft {
  clientId: string
  unitId: string
  villageId: string
  description: string
  photos: string[]
  location: { latitude: number; longitude: number; address: string | null }
  dueAt: Date
}

/**
 * Files the 整改 cases of an inspection inside the inspection's transaction `tx`: each a problem
 * case of the evaluator's (source `inspection`, category 创文测评整改), already owed no points,
 * for the unit named, with the item's deadline; it needs 核查 before it is resolved
 * (`needsVerify`). `staff` are the units' staff (read before the transaction). The caller
 * publishes `told` and passes `filed` to `afterInspectionCases` after commit.
 */
export async function fileInspectionCases(ctx: Ctx, tx: Store, drafts: InspectionCaseDraft[], staff: Map<string, string[]>): Promise<{ filed: StoredReport[]; told: StoredMessage[] }> {
  const now = ctx.clock()
  const filed: StoredReport[] = []
  const told: StoredMessage[] = []
  for (const d of drafts) {
    const r: StoredReport = {
      id: newId(), openid: ctx.user.openid, clientId: d.clientId, category: INSPECTION_CATEGORY.code, description: d.description, photos: d.photos,
      latitude: d.location.latitude, longitude: d.location.longitude, address: d.location.address, villageId: d.villageId, status: 'submitted', unitId: d.unitId,
      anonymous: false, supportCount: 0, createdAt: now, dueAt: d.dueAt, kind: 'problem', source: INSPECTION_SOURCE, resolvedAt: null, rating: null, reply: null,
      afterPhotos: [], overdueNotified: false, warnedNotified: false, moderation: d.photos.length ? 'pending' : 'passed', uncheckedPhotos: d.photos, hiddenPhotos: [],
      hiddenAt: null, hiddenReason: null, workflow: { pointsAwarded: true }
    }
    await tx.reports.insert(r)
    await tx.reports.appendEvent({ reportId: r.id, at: now, action: 'submitted', status: 'submitted', note: '测评发现问题，交办整改', actorRole: ctx.user.role, actorOpenid: ctx.user.openid })
    const label = `${INSPECTION_CATEGORY.name}${r.address ? ` · ${r.address}` : ''}`
    told.push(...(await record(ctx, tx, (staff.get(d.unitId) ?? []).map((openid) => ({ openid, kind: 'report.filed', title: '测评发现问题，请限期整改', body: label, link: handleLink(r.id) })))))
    filed.push(r)
  }
  return { filed, told }
}

/** After the inspection committed: the units are told and the photos go to their content check. */
export async function afterInspectionCases(ctx: Ctx, done: { filed: StoredReport[]; told: StoredMessage[] }): Promise<void> {
  await publish(ctx, done.told)
  for (const r of done.filed) await submitForCheck(ctx, r)
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  const r = await load(ctx, id)
  // awaiting its content check, hidden, rejected, a praise not approved: only who may see it (view.ts)
  if (!mayView(r, ctx.user)) throw notFound(NOT_PUBLIC)
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

/**
 * 我也遇到: one support per user, on open cases of others. With her words and photos (issue 24) it
 * carries a 补充 to the case — decided by the case model (`supplement`) and written by
 * `applyDecision` with the support in one transaction, its unit told after commit; once per
 * `clientId` (a retry adds nothing). A 补充 is a record of its own, its place under the case's cap
 * taken by one conditional atomic update of a counter before the transaction (the decision's
 * claim) and given back if the write added nothing: no transaction and no read-modify-write on
 * the case, so neighbours giving one at the same moment never contend for it (issue 22).
 */
export async function support(ctx: Ctx, id: string, input: { clientId?: string; note?: string; photos?: string[] } = {}): Promise<Report> {
  const r = await load(ctx, id)
  // a case awaiting its image check or hidden is nobody's to support; others' cases only as the caller may see them
  if (!isPublic(r) || !mayView(r, ctx.user)) throw notFound(NOT_PUBLIC)
  // whether one may is the case model's (not one's own case, an open problem); the store counts it once per person
  const actor = actorOf(ctx.user)
  decideOrThrow(ctx, r, 'support', actor, ctx.clock(), {})
  const note = input.note?.trim() || null
  const photos = input.photos ?? []
  const clientId = input.clientId ?? ''
  let d: Decision | null = null
  let reach: Reach | null = null
  let found: StoredCaseSupplement | null = null
  if (note !== null || photos.length > 0) {
    const me = supplementOwner(ctx.user.openid)
    // given before (a retry after a lost answer): on the case's legacy field or as its record
    const legacy = (r.workflow?.supplements ?? []).some((s) => s.by === me && s.clientId === clientId)
    found = legacy ? null : await ctx.store.reports.findSupplement(id, me, clientId)
    if (found) {
      // its record is there: nothing is added and nobody told again, but its step is written again
      // where the store lacks it (CloudBase pushes it after the commit: a push that failed is made good)
      const again = decide(r, 'supplement', actor, new Date(found.at), { note: found.note, photos: found.photos, clientId }, ctx.config)
      if (again.ok) {
        d = { ...again.decision, supplement: found, claim: undefined, notices: [] }
        reach = { people: new Map(), label: () => '' }
      }
    } else if (!legacy) {
      if (note) await requireText(ctx, note, 'note')
      d = decideOrThrow(ctx, r, 'supplement', actor, ctx.clock(), { note, photos, clientId })
      reach = await reachOf(ctx, r, d.notices)
      await requirePhotos(ctx, photos, 'photos')
    }
  }
  // the decision's place under the case's cap: one conditional atomic update, outside any transaction
  const claim = d?.claim ?? null
  if (claim && !(await ctx.store.counters.take(claim.name, claim.allowed))) throw conflict(claim.refusal)
  const giveBack = async () => void (claim && (await ctx.store.counters.add(claim.name, -1)))
  let sent: StoredMessage[] = []
  let posts: StoredPost[] = []
  let added = false
  try {
    await ctx.store.transaction(async (tx) => {
      sent = []
      posts = []
      added = false
      if (await tx.reports.addSupport(id, ctx.user.openid, ctx.clock())) {
        await countToday(ctx, tx, 'support', ctx.user.openid, ctx.config.supportsPerDay, `每天最多支持 ${ctx.config.supportsPerDay} 次，请明天再来`)
      }
      if (!d || !reach) return
      // the case as read before: a 补充 changes no state, and the case is not read again in the transaction
      const done = await applyDecision(ctx, tx, r, d, actor, reach, found ? new Date(found.at) : ctx.clock())
      added = done.added
      sent = done.sent
      posts = done.posts
    })
  } catch (error) {
    // nothing committed (or the record is there after all: a failure after commit keeps its place)
    if (d?.supplement && !(await ctx.store.reports.findSupplement(id, d.supplement.by, d.supplement.clientId))) await giveBack()
    throw error
  }
  // the same submit raced (a retry while the first was under way): its record was there, the place goes back
  if (claim && !added) await giveBack()
  await publish(ctx, sent)
  await deliverPosts(ctx, posts)
  return present(ctx, await load(ctx, id), ctx.user)
}

/** Who is told of a step, resolved to people before the transaction (CloudBase runs no query inside one), with the case's label each may read. */
export interface Reach {
  people: Map<string, string[]>
  label: (audience: Audience) => string
  /** The units told whose 企业微信 group has a robot (their posts are recorded with the step). */
  groups?: Set<string>
  /** Who follows an area holding the case (issue 25): told with its supporters, as the public sees it. */
  areaFollowers?: string[]
}

const reachKey = (a: Notice['to']) => JSON.stringify(a)
/** The view a recipient has of the case, for its label: an anonymous case's address only to staff and its reporter. */
const viewOfAudience = (a: Notice['to']): Audience => ('reporter' in a ? 'reporter' : 'grid' in a ? 'grid' : 'supporters' in a ? 'public' : 'staff')

/**
 * Who may be told, read once however many cases a use case tells about (a drive's outcome): the
 * staff, the admins, a village's 网格员 and the supporters of the cases named to `supportersOf`.
 */
export class People {
  private staff = new Map<string, Promise<string[]>>()
  private admins?: Promise<User[]>
  private grids = new Map<string, Promise<string[]>>()
  private supporters?: Promise<Map<string, string[]>>
  constructor(private readonly deps: Pick<Deps, 'store' | 'config'>, private readonly caseIds: string[] = []) {}
  private adminList = () => (this.admins ??= this.deps.store.users.listByRole('admin'))
  /** The staff of these units, each set read once (one indexed query). */
  private staffOfUnits(unitIds: string[]): Promise<string[]> {
    const key = [...unitIds].sort().join(',')
    if (!this.staff.has(key)) this.staff.set(key, this.deps.store.users.staffOf(unitIds).then((list) => list.map((u) => u.openid)))
    return this.staff.get(key)!
  }
  unit(unitId: string): Promise<string[]> {
    return this.staffOfUnits([unitId])
  }
  /** Staff of the dispatching units, else the admins. */
  async dispatchers(): Promise<string[]> {
    const staff = await this.staffOfUnits(dispatcherUnitsOf(this.deps.config))
    return staff.length ? staff : this.adminsOf()
  }
  async adminsOf(): Promise<string[]> {
    return (await this.adminList()).map((u) => u.openid)
  }
  /** A village's 网格员; a village without one has its 核查 done by the dispatchers. */
  async grid(villageId: string): Promise<string[]> {
    if (!this.grids.has(villageId)) this.grids.set(villageId, this.deps.store.users.search({ gridVillageId: villageId }, undefined, 50).then((p) => p.items.map((u) => u.openid)))
    const grid = villageId ? await this.grids.get(villageId)! : []
    return grid.length ? grid : this.dispatchers()
  }
  /** A case's supporters (who follow it) but its reporter and those who stopped following in 消息设置. */
  async supportersOf(r: StoredReport): Promise<string[]> {
    const ids = this.caseIds.includes(r.id) ? this.caseIds : [r.id]
    const all = ids === this.caseIds ? (this.supporters ??= this.deps.store.reports.supportersOf(ids)) : this.deps.store.reports.supportersOf(ids)
    const supporters = ((await all).get(r.id) ?? []).filter((o) => o !== r.openid)
    if (!supporters.length) return supporters
    const mutes = await this.deps.store.notices.mutesOf(supporters)
    return supporters.filter((o) => !(mutes.get(o) ?? []).includes('follow'))
  }
  members(r: StoredReport, a: Notice['to']): Promise<string[]> {
    if ('reporter' in a) return Promise.resolve([r.openid])
    if ('unit' in a) return this.unit(a.unit)
    if ('dispatchers' in a) return this.dispatchers()
    if ('admins' in a) return this.adminsOf()
    if ('supporters' in a) return this.supportersOf(r)
    return this.grid(a.grid)
  }
}

/** The people behind the notices of a decision, and the case's label for each view. */
export async function reachOf(deps: Pick<Deps, 'store' | 'config'>, r: StoredReport, notices: Notice[], labelOf?: (r: StoredReport, audience: Audience) => string, people: People = new People(deps)): Promise<Reach> {
  const found = new Map<string, string[]>()
  const wanted = [...new Map(notices.map((n) => [reachKey(n.to), n.to])).values()]
  const groupUnits = [...new Set(notices.filter((n) => GROUP_KINDS.includes(n.kind)).flatMap((n) => groupUnitsOf(n.to, deps.config)))]
  const [label, channels] = await Promise.all([
    labelOf ? Promise.resolve((a: Audience) => labelOf(r, a)) : caseLabelFor(deps.store, r),
    groupUnits.length ? deps.store.notices.channelsOf(groupUnits) : Promise.resolve([]),
    ...wanted.map(async (a) => found.set(reachKey(a), await people.members(r, a)))
  ])
  // the followers of an area holding the case hear what its supporters hear (one indexed query)
  const areaFollowers = notices.some((n) => 'supporters' in n.to) ? await areaFollowersOf(deps, r) : []
  return { people: found, label: label as (a: Audience) => string, groups: new Set(channels.map((c) => c.unitId)), areaFollowers }
}

/** The model's decision, or its refusal as the error it names. */
export function decideOrThrow(deps: Pick<Deps, 'config'>, r: StoredReport, action: CaseAction, actor: Actor, now: Date, params: Params): Decision {
  const d = decide(r, action, actor, now, params, deps.config)
  if (!d.ok) throw d.code === 'FORBIDDEN' ? forbidden(d.message) : conflict(d.message)
  return d.decision
}

/**
 * Carries out one decision of the model inside the caller's transaction `tx`: the patch, its
 * timeline event, the points and the messages (recorded; the caller publishes them after commit).
 * Every change of a case goes through here.
 */
export async function applyDecision(deps: Pick<Deps, 'store' | 'config' | 'clock'>, tx: Store, r: StoredReport, d: Decision, actor: Actor, reach: Reach, at: Date = deps.clock()): Promise<{ next: StoredReport; sent: StoredMessage[]; posts: StoredPost[]; added: boolean }> {
  const patch = { ...d.patch, status: d.status }
  const event: ReportEvent = { reportId: r.id, at, action: d.event.action, status: d.status, note: d.event.note, actorRole: actor.role, actorOpenid: actor.openid, unitId: r.unitId }
  if (d.supplement) {
    // a 补充 is a record of its own with its step, the case document unwritten (issue 22); the same one again adds nothing and tells nobody
    if (!(await tx.reports.addSupplement(d.supplement, event))) return { next: r, sent: [], posts: [], added: false }
  } else {
    await tx.reports.update(r.id, patch)
    await tx.reports.appendEvent(event)
  }
  // the reporter's points: one ledger entry per case (issue 28), its reversal when the case is rejected after all
  const credited = d.points > 0 ? await earn(deps, tx, { openid: r.openid, kind: isPraise(r) ? 'praise' : 'report', ref: `report:${r.id}`, amount: d.points, reason: isPraise(r) ? '文明点赞上墙' : '上报的问题被受理', by: actor.openid }, at) : null
  if (d.reversePoints) await reverse(deps, tx, caseEntryId(r), '上报最终未被受理，扣回积分', actor.openid, at)
  const next = { ...r, ...patch }
  // supporters follow a public case only: one hidden since (or awaiting its check) tells them nothing
  const outgoing: Outgoing[] = d.notices.filter((n) => !('supporters' in n.to) || isPublic(next)).flatMap((n) => {
    const label = reach.label(viewOfAudience(n.to))
    // a cap held points back: the notice says what was entered (issue 28)
    const text = n.credit !== undefined && credited?.cap ? creditText(n.credit, credited.amount, CAP_WORDS[credited.cap]) : n.text
    const body = text ? `${label}：${text}` : label
    const link = n.page === 'detail' ? detailLink(r.id) : handleLink(r.id)
    return (reach.people.get(reachKey(n.to)) ?? [])
      .filter((openid) => 'reporter' in n.to || openid !== actor.openid)
      .map((openid) => ({ openid, kind: n.kind, title: n.title, body, link }))
  })
  // an area's followers: what the supporters hear, once per case and step, in its public form (issue 25)
  if (reach.areaFollowers?.length && isPublic(next)) {
    const told = new Set([r.openid, actor.openid, ...outgoing.map((m) => m.openid)])
    for (const n of d.notices.filter((x) => 'supporters' in x.to)) {
      const fixed = n.kind !== 'report.followAccepted'
      const body = `${reach.label('public')}${n.text ? `：${n.text}` : ''}`
      for (const openid of reach.areaFollowers.filter((o) => !told.has(o))) {
        outgoing.push({ openid, kind: fixed ? 'area.resolved' : 'area.accepted', title: fixed ? '您关注的区域有问题已解决' : '您关注的区域有问题已受理', body, link: detailLink(r.id) })
      }
    }
  }
  // the units' groups hear what their staff hear, named as a 网格员 sees the case (no reporter, no anonymous address)
  const posts = reach.groups?.size
    ? d.notices.filter((n) => GROUP_KINDS.includes(n.kind)).flatMap((n) => groupUnitsOf(n.to, deps.config).filter((u) => reach.groups!.has(u))
      .map((u) => casePost(deps, next, u, n.kind, n.title, reach.label('grid'), n.text, at)))
    : []
  return { next, sent: outgoing.length ? await record(deps, tx, outgoing) : [], posts: await recordPosts(tx, posts), added: true }
}

/**
 * One action on one case in one transaction: decided by the model before (nothing is written when
 * it refuses) and again on the case as the transaction reads it; messages leave after commit.
 */
export async function act(ctx: Ctx, id: string, action: CaseAction, params: Params = {}, actor: Actor = actorOf(ctx.user)): Promise<Report> {
  const current = await load(ctx, id)
  const reach = await reachOf(ctx, current, decideOrThrow(ctx, current, action, actor, ctx.clock(), params).notices)
  let sent: StoredMessage[] = []
  let posts: StoredPost[] = []
  const updated = await ctx.store.transaction(async (tx) => {
    const r = await load(ctx, id, tx)
    const done = await applyDecision(ctx, tx, r, decideOrThrow(ctx, r, action, actor, ctx.clock(), params), actor, reach)
    sent = done.sent
    posts = done.posts
    return done.next
  })
  await publish(ctx, sent) // only what committed, once
  await deliverPosts(ctx, posts)
  return present(ctx, updated, ctx.user)
}

/**
 * Several actions on one case, in turn, in one transaction (a partner's status change: its comment,
 * 受理 when not yet accepted, 办结): each decided by the model on the case as the one before left it,
 * all before anything is written (nothing is written when one is refused) and again inside the
 * transaction; messages leave after commit.
 */
export async function actInTurn(ctx: Ctx, id: string, steps: { action: CaseAction; params: Params }[], actor: Actor = actorOf(ctx.user)): Promise<StoredReport> {
  const now = ctx.clock()
  const current = await load(ctx, id)
  const notices: Notice[] = []
  steps.reduce((r, step) => {
    const d = decideOrThrow(ctx, r, step.action, actor, now, step.params)
    notices.push(...d.notices)
    return { ...r, ...d.patch, status: d.status }
  }, current)
  const reach = await reachOf(ctx, current, notices)
  const sent: StoredMessage[] = []
  const posts: StoredPost[] = []
  const updated = await ctx.store.transaction(async (tx) => {
    let r = await load(ctx, id, tx)
    for (const step of steps) {
      const done = await applyDecision(ctx, tx, r, decideOrThrow(ctx, r, step.action, actor, now, step.params), actor, reach, now)
      sent.push(...done.sent)
      posts.push(...done.posts)
      r = done.next
    }
    return r
  })
  await publish(ctx, sent)
  await deliverPosts(ctx, posts)
  return updated
}

/** The category of a case (基础数据), to learn whether its fix waits for 核查 (`needsVerify`). */
export async function verifyFirstOf(ctx: Ctx, r: StoredReport): Promise<boolean> {
  return needsVerify(r, await categoryOfCase(ctx, r))
}

export const detailLink = (id: string) => `/sub-report/detail/index?id=${id}`
export const handleLink = (id: string) => `/sub-report/handle/index?id=${id}`

/** How a message names a case for each view: its category and its place, e.g. 「占道经营 · 幸福村菜市场东门」 (the village when no address may be shown). */
export async function caseLabelFor(store: Store, r: StoredReport): Promise<(audience: Audience) => string> {
  const [categories, village] = await Promise.all([store.directory.listCategories(), r.villageId ? store.directory.getRegion(r.villageId) : Promise.resolve(null)])
  const name = categories.find((c) => c.code === r.category)?.name ?? (r.category === INSPECTION_CATEGORY.code ? INSPECTION_CATEGORY.name : r.category)
  return (audience) => {
    const place = placeFor(r, village?.name ?? null, audience)
    return place ? `${name} · ${place}` : name
  }
}

/** `caseLabelFor` for many cases: the reference data read once (before a transaction), each case named without a read. */
export async function caseLabeler(store: Store, known?: ReportCategory[]): Promise<(r: StoredReport, audience: Audience) => string> {
  const [categories, regions] = await Promise.all([known ?? store.directory.listCategories(), store.directory.listRegions()])
  return (r, audience) => {
    const name = categories.find((c) => c.code === r.category)?.name ?? (r.category === INSPECTION_CATEGORY.code ? INSPECTION_CATEGORY.name : r.category)
    const place = placeFor(r, (r.villageId ? regions.find((v) => v.id === r.villageId)?.name : null) ?? null, audience)
    return place ? `${name} · ${place}` : name
  }
}

/** The staff of a unit (read before a transaction: a query cannot run inside one on CloudBase). */
export async function staffOf(store: Store, unitId: string): Promise<string[]> {
  return (await store.users.staffOf([unitId])).map((s) => s.openid)
}


async function activeUnit(ctx: Ctx, unitId: string, verb: string) {
  const unit = await ctx.store.directory.getUnit(unitId)
  if (!unit) throw invalid('单位不存在', 'unitId')
  if (unit.active === false) throw invalid(`该单位已停用，不能${verb}`, 'unitId')
  return unit
}

async function categoryOfCase(ctx: Ctx, r: StoredReport): Promise<ReportCategory | undefined> {
  return (await ctx.store.directory.listCategories()).find((c) => c.code === r.category)
}

/** A fresh deadline from now: the category's time in the district's calendar. */
async function freshDeadline(ctx: Ctx, r: StoredReport): Promise<Date> {
  const [category, calendar] = await Promise.all([categoryOfCase(ctx, r), workCalendar(ctx)])
  return dueAt(ctx.clock(), category?.slaHours ?? 72, calendar, ctx.config.utcOffsetMinutes)
}

export async function accept(ctx: Ctx, id: string, unitId?: string): Promise<Report> {
  const unit = unitId ? await activeUnit(ctx, unitId, '派单') : null
  return act(ctx, id, 'accept', { unitId, unitName: unit?.name, actorName: ctx.user.nickname, pointsPerAccepted: ctx.config.pointsPerAcceptedReport })
}

export async function reject(ctx: Ctx, id: string, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  return act(ctx, id, 'reject', { reason })
}

export async function resolve(ctx: Ctx, id: string, note: string, photos: string[]): Promise<Report> {
  await requireText(ctx, note, 'note')
  // who may is the model's; refused before the photos are claimed
  const current = await load(ctx, id)
  decideOrThrow(ctx, current, 'resolve', actorOf(ctx.user), ctx.clock(), { reply: note, photos })
  await requirePhotos(ctx, photos, 'photos')
  return act(ctx, id, 'resolve', { reply: note, photos, verifyFirst: needsVerify(current, await categoryOfCase(ctx, current)) })
}

export async function rate(ctx: Ctx, id: string, score: number, comment?: string): Promise<Report> {
  if (comment) await requireText(ctx, comment, 'comment')
  return act(ctx, id, 'rate', { score, comment: comment || null })
}

export async function reopen(ctx: Ctx, id: string, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  return act(ctx, id, 'reopen', { reason, dueAt: await freshDeadline(ctx, await load(ctx, id)) })
}

/** 文明点赞: the 文明办 (the praise's unit) approves it for the wall, with points as for an accepted report, or declines it. */
export async function review(ctx: Ctx, id: string, approve: boolean, reason: string | undefined): Promise<Report> {
  if (reason) await requireText(ctx, reason, 'reason')
  return act(ctx, id, approve ? 'approve' : 'decline', { reason, pointsPerAccepted: ctx.config.points.perApprovedPraise })
}

/** 退回: the case's unit sends a case that is not theirs back to the dispatcher. */
export async function returnCase(ctx: Ctx, id: string, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  return act(ctx, id, 'return', { reason, unitId: dispatcherUnitsOf(ctx.config)[0] })
}

/** 转办: the dispatcher assigns the case to another unit; the deadline restarts for it. */
export async function transfer(ctx: Ctx, id: string, unitId: string, note?: string): Promise<Report> {
  if (note) await requireText(ctx, note, 'note')
  const unit = await activeUnit(ctx, unitId, '转办')
  return act(ctx, id, 'transfer', { unitId, unitName: unit.name, note: note || null, dueAt: await freshDeadline(ctx, await load(ctx, id)) })
}

export async function requestExtension(ctx: Ctx, id: string, hours: number, reason: string): Promise<Report> {
  await requireText(ctx, reason, 'reason')
  return act(ctx, id, 'requestExtension', { hours, reason })
}

/** An approved extension moves the deadline by the hours asked, in the district's calendar. */
export async function decideExtension(ctx: Ctx, id: string, approve: boolean, reason?: string): Promise<Report> {
  if (reason) await requireText(ctx, reason, 'reason')
  const r = await load(ctx, id)
  const pending = (r.workflow?.extensions ?? []).find((e) => e.decision === null)
  const moved = approve && pending ? dueAt(r.dueAt, pending.hours, await workCalendar(ctx), ctx.config.utcOffsetMinutes) : undefined
  return act(ctx, id, 'decideExtension', { approve, reason, dueAt: moved })
}

export async function verify(ctx: Ctx, id: string, passed: boolean, note: string, photos: string[] = []): Promise<Report> {
  await requireText(ctx, note, 'note')
  decideOrThrow(ctx, await load(ctx, id), 'verify', actorOf(ctx.user), ctx.clock(), { passed, note })
  await requirePhotos(ctx, photos, 'photos')
  return act(ctx, id, 'verify', { passed, note, photos })
}

/**
 * 定位 (issue 27): a dispatcher places by hand a case filed without a point (an Open311 partner's
 * address only, 待定位): the point must lie in the district (the locate rules); the village is the
 * one it lies in (or the dispatcher's choice among those near it). The case model decides who may;
 * then the dispatcher sends it to its unit (转办).
 */
export async function place(ctx: Ctx, id: string, location: { latitude: number; longitude: number; address?: string }, villageId?: string): Promise<Report> {
  if (location.address) await requireText(ctx, location.address, 'location.address')
  const current = await load(ctx, id)
  // a district without geography keeps the village the address named unless another is chosen
  const village = await problemVillage({ ...ctx, user: { ...ctx.user, villageId: current.villageId } }, location, villageId)
  return act(ctx, id, 'place', { point: { latitude: location.latitude, longitude: location.longitude, address: location.address || null, villageId: village } })
}

export async function urge(ctx: Ctx, id: string, note: string): Promise<Report> {
  await requireText(ctx, note, 'note')
  return act(ctx, id, 'urge', { note })
}

/** 核查 queue: the resolved cases of the caller's villages waiting for their check (dispatchers: every village). */
/**
 * The 核查 queue: a dispatcher's every village, a 网格员's villages; an evaluator who is neither
 * (issue 26) gets the 整改 cases they found waiting for their 复查 (`recheckQueue`, one indexed query).
 */
export async function verifyQueue(ctx: Ctx, cursor: string | undefined, limit = 20): Promise<Page<Report>> {
  const actor = actorOf(ctx.user)
  const villages = isDispatcher(actor, ctx.config) ? null : ctx.user.gridVillageIds ?? []
  if (villages && !villages.length && !actor.evaluator) throw forbidden('您不是网格员，没有待核查的工单')
  const page = villages && !villages.length ? await ctx.store.reports.recheckQueue(ctx.user.openid, cursor, limit) : await ctx.store.reports.verifyQueue(villages, cursor, limit)
  return { items: await presentMany(ctx, page.items, ctx.user), nextCursor: page.nextCursor }
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
  // dispatchers (admins, the 文明办's staff) transfer, urge and check every unit's cases: they search them all
  const unitId = isDispatcher(actorOf(ctx.user), ctx.config) ? null : ctx.user.unitId
  if (ctx.user.role === 'staff' && !ctx.user.unitId) throw forbidden('您还没有所属单位')
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
    createdTo: input.to ? new Date(dayStart(input.to).getTime() + DAY_MS) : undefined,
    oldestFirst: input.order === 'oldest' || undefined
  }
}

export async function queue(ctx: Ctx, input: QueueInput): Promise<Page<Report>> {
  const filter = await queueFilter(ctx, input)
  const [page, total] = await Promise.all([ctx.store.reports.queue(filter, input.cursor, input.limit ?? 20), input.withTotal ? ctx.store.reports.queueTotal(filter) : undefined])
  return { items: await presentMany(ctx, page.items, ctx.user), nextCursor: page.nextCursor, ...(total !== undefined ? { total } : {}) }
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
  await deliverPosts(deps) // and the units' group posts that are due
  await sendDigests(deps).catch((error) => deps.log('daily digests failed; the next sweep tries again', error))
  await sendWeeklySummaries(deps).catch((error) => deps.log('weekly village summaries failed; the next sweep tries again', error))
  const candidates = await deps.store.reports.sweepCandidates(now, new Date(now.getTime() - AUTO_CLOSE_MS), 500)
  if (!candidates.length) return done
  // who is told: the staff of the candidates' units (one indexed query) and the admins; how a case is named: the one labeler
  const units = [...new Set(candidates.map((c) => c.unitId))]
  const [staff, admins, label, channels] = await Promise.all([
    deps.store.users.staffOf(units), deps.store.users.listByRole('admin'), caseLabeler(deps.store), deps.store.notices.channelsOf(units)
  ])
  const groups = new Set(channels.map((c) => c.unitId))
  const labelOf = (r: StoredReport) => label(r, 'staff')
  for (const candidate of candidates) {
    let sent: StoredMessage[] = []
    let posts: StoredPost[] = []
    let did: Partial<typeof done> = {}
    await deps.store.transaction(async (tx) => {
      // a callback may run again: what it did is counted and published only once it committed
      sent = []
      posts = []
      did = {}
      const toGroup = async (kind: string, title: string, r: StoredReport) => {
        if (groups.has(r.unitId)) posts.push(...(await recordPosts(tx, [casePost(deps, r, r.unitId, kind, title, label(r, 'grid'), null, now)])))
      }
      const r = await tx.reports.get(candidate.id)
      if (!r) return
      const event = (action: string, status: StoredReport['status'], note: string) =>
        tx.reports.appendEvent({ reportId: r.id, at: now, action, status, note, actorRole: 'system', actorOpenid: null })
      if (r.status === 'resolved' && r.resolvedAt && now.getTime() - r.resolvedAt.getTime() >= AUTO_CLOSE_MS) {
        // the timer closes through the case model like every other path
        const d = decide(r, 'close', SYSTEM_ACTOR, now, {}, deps.config)
        if (!d.ok) return
        await applyDecision(deps, tx, r, d.decision, SYSTEM_ACTOR, { people: new Map(), label: () => '' }, now)
        did.closed = 1
        return
      }
      const state = deadlineState(r, now)
      const link = `/sub-report/handle/index?id=${r.id}`
      if (state !== 'ok' && !r.overdueNotified) {
        await tx.reports.update(r.id, { overdueNotified: true })
        await event('overdue', r.status, '已超过办理期限（工作提示）')
        sent.push(...(await record(deps, tx, staff.filter((s) => s.unitId === r.unitId).map((s) => ({ openid: s.openid, kind: 'report.overdue', title: '工作提示：工单已超期', body: labelOf(r), link })))))
        await toGroup('report.overdue', '工作提示：工单已超期', r)
        did.overdue = 1
      }
      if (state === 'warned' && !r.warnedNotified) {
        await tx.reports.update(r.id, { warnedNotified: true })
        await event('warned', r.status, '超期时间达到办理时限（工作预警）')
        const told = [...admins, ...staff.filter((s) => s.unitId === r.unitId)]
        sent.push(...(await record(deps, tx, told.map((a) => ({ openid: a.openid, kind: 'report.warned', title: '工作预警：工单严重超期', body: labelOf(r), link })))))
        await toGroup('report.warned', '工作预警：工单严重超期', r)
        did.warned = 1
      }
    })
    for (const k of ['overdue', 'warned', 'closed'] as const) done[k] += did[k] ?? 0
    await publish(deps, sent)
    await deliverPosts(deps, posts)
  }
  return done
}
