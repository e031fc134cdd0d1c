import crypto from 'node:crypto'
import type { Page } from '../../../types/common'
import type { Activity, ActivityStatus, Signup } from '../../../types/volunteer'
import type { Ctx, Deps } from '../context'
import { AppError, conflict, forbidden, invalid, notFound, rateLimited } from '../errors'
import { newId } from '../ids'
import { deliver, publish, record, type Outgoing } from '../messages'
import { startOfLocalDay } from '../report/rules'
import type { Store, StoredMessage } from '../ports'
import { csv, safeFileName } from '../csv'
import { isoLocal, monthBounds, periodOf } from '../time'
import { countToday } from '../limits'
import type { StoredActivity, StoredCertificate, StoredSignup } from './ports'
import type { StoredReport } from '../report/ports'
import { decide } from '../report/model'
import { actorOf, applyDecision } from '../report/cases'
import { earn, volunteerPoints } from '../points/ledger'
import { distanceMeters } from '../report/rules'
import { SIGNUP_STATUS_NAMES, volunteerStars } from '../../../types/names'
import { ACTIVE, activityStatus, asSettled, checkinOpensAt, CERTIFICATE_NUMBER, maskName, newCertificateNumber, CODE_LOCKOUT_MS, CODE_TRIES, codeMatches, codeWindowOpen, creditedMinutes, currentCode, meetingPoint, newCheckinSecret } from './rules'

const activityLink = (id: string) => `/sub-volunteer/detail/index?id=${id}`

export function isOrganizer(ctx: Pick<Ctx, 'user'>, a: StoredActivity): boolean {
  return ctx.user.role === 'admin' || a.organizerOpenid === ctx.user.openid
}

export async function loadActivity(store: Store, id: string): Promise<StoredActivity> {
  const a = await store.volunteer.getActivity(id)
  if (!a) throw notFound('活动不存在')
  return a
}

/** The answer forms of drives for the caller; their organizers read once for the whole list. */
export async function presentActivities(ctx: Pick<Ctx, 'store' | 'config' | 'clock' | 'user'>, activities: StoredActivity[]): Promise<Activity[]> {
  if (!activities.length) return []
  const organizers = new Map((await ctx.store.users.getMany(activities.map((a) => a.organizerOpenid))).map((u) => [u.openid, u.nickname]))
  const iso = (d: Date) => isoLocal(d, ctx.config)
  return activities.map((a) => {
    const mayManage = ctx.user.role === 'admin' || a.organizerOpenid === ctx.user.openid
    return {
      id: a.id, title: a.title, description: a.description, villageId: a.villageId, address: a.address,
      startAt: iso(a.startAt), endAt: iso(a.endAt), checkinOpensAt: iso(checkinOpensAt(a)), capacity: a.capacity, confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount, signupDeadline: iso(a.signupDeadline), status: activityStatus(a, ctx.clock()),
      organizerName: organizers.get(a.organizerOpenid) ?? '', isMine: a.organizerOpenid === ctx.user.openid, mayManage, reportIds: a.reportIds,
      location: a.latitude === null || a.longitude === null ? null : { latitude: a.latitude, longitude: a.longitude },
      cancelReason: a.cancelReason,
      // the photos only for who manages the drive: everyone else sees them through `driveCases`, as the case's view allows (a photo staff hid is not shown)
      outcomes: (a.outcomes ?? []).map((o) => ({ reportId: o.reportId, fixed: o.fixed, note: o.note, photos: mayManage ? o.photos : [], resolvedByDrive: o.resolvedByDrive, recordedAt: iso(o.recordedAt) })),
      ...(mayManage ? { checkinCode: currentCode(a.checkinSecret, ctx.clock()).code, checkinCodeExpiresAt: iso(currentCode(a.checkinSecret, ctx.clock()).expiresAt) } : {})
    }
  })
}

export async function presentActivity(ctx: Pick<Ctx, 'store' | 'config' | 'clock' | 'user'>, a: StoredActivity): Promise<Activity> {
  return (await presentActivities(ctx, [a]))[0]!
}

/**
 * The answer forms of signups. A waitlisted one's position is its place among the waitlisted
 * signups given (the whole roster), else read from its drive; nicknames read once for all.
 */
async function presentSignups(ctx: Pick<Deps, 'store' | 'config'>, signups: StoredSignup[], opts: { withNickname?: boolean; wholeRoster?: boolean } = {}): Promise<Signup[]> {
  const iso = (d: Date | null) => (d ? isoLocal(d, ctx.config) : null)
  const [people, noShows] = opts.withNickname
    ? await Promise.all([ctx.store.users.getMany(signups.map((s) => s.openid)).then((users) => new Map(users.map((u) => [u.openid, u]))), ctx.store.volunteer.noShowsOf(signups.map((s) => s.openid))])
    : [null, null]
  const waiting = signups.filter((s) => s.status === 'waitlisted').sort((x, y) => x.seq - y.seq)
  const positions = await Promise.all(signups.map(async (s) => {
    if (s.status !== 'waitlisted') return undefined
    return opts.wholeRoster ? waiting.indexOf(s) + 1 : (await ctx.store.volunteer.waitlistAhead(s.activityId, s.seq, s.openid)) + 1
  }))
  return signups.map((s, i) => {
    const position = positions[i]
    const person = people?.get(s.openid)
    return {
      activityId: s.activityId, status: s.status, ...(position ? { position } : {}),
      // the organizer's roster: the name, and the real name a volunteer gave for certificates
      ...(people ? { nickname: person?.nickname ?? '已注销用户', realName: person?.realName ?? null, ...(person?.userId ? { userId: person.userId } : {}), noShows: noShows?.get(s.openid) ?? 0 } : {}),
      checkInAt: iso(s.checkInAt), checkOutAt: iso(s.checkOutAt), minutes: s.minutes, ...(s.noShow ? { noShow: true } : {})
    }
  })
}

async function presentSignup(ctx: Pick<Deps, 'store' | 'config'>, s: StoredSignup): Promise<Signup> {
  return (await presentSignups(ctx, [s]))[0]!
}

type Point = { latitude: number; longitude: number }
interface DriveInput {
  title?: string; description?: string; villageId?: string; address?: string; startAt?: string; endAt?: string; capacity?: number; signupDeadline?: string
  location?: Point | null
}

/** Title, description and address pass the content check (WeChat msgSecCheck in production). */
async function checkTexts(ctx: Ctx, input: DriveInput): Promise<void> {
  for (const field of ['title', 'description', 'address'] as const) {
    const text = input[field]
    if (text && !(await ctx.contentCheck.isAcceptable(text, ctx.user.openid))) throw invalid('内容含有不当信息，请修改', field)
  }
}

function times(input: DriveInput, current: StoredActivity | null) {
  const startAt = input.startAt ? new Date(input.startAt) : current!.startAt
  const endAt = input.endAt ? new Date(input.endAt) : current!.endAt
  const signupDeadline = input.signupDeadline ? new Date(input.signupDeadline) : input.startAt || !current ? startAt : current.signupDeadline
  if (endAt <= startAt) throw invalid('结束时间必须晚于开始时间', 'endAt')
  if (endAt.getTime() - startAt.getTime() > 24 * 3600_000) throw invalid('一次活动最长 24 小时', 'endAt')
  if (signupDeadline > startAt) throw invalid('报名截止时间不能晚于开始时间', 'signupDeadline')
  return { startAt, endAt, signupDeadline }
}

/** The id of a drive made with a client id: the same for a retried submit of the same organizer, so it is created once. */
const driveIdOf = (openid: string, clientId: string) => `d${crypto.createHash('sha256').update(`${openid}\n${clientId}`).digest('hex').slice(0, 24)}`

export async function createActivity(ctx: Ctx, input: Required<Pick<DriveInput, 'title' | 'villageId' | 'address' | 'startAt' | 'endAt' | 'capacity'>> & DriveInput & { reportIds?: string[]; clientId?: string }): Promise<Activity> {
  if (input.clientId) {
    const earlier = await ctx.store.volunteer.getActivity(driveIdOf(ctx.user.openid, input.clientId))
    if (earlier) return presentActivity(ctx, earlier)
  }
  const village = await ctx.store.directory.getRegion(input.villageId)
  if (!village || village.level !== 'village') throw invalid('村居不存在', 'villageId')
  const t = times(input, null)
  const now = ctx.clock()
  if (t.startAt <= now) throw invalid('开始时间必须在将来', 'startAt')
  // "发起清理" links open cases only: a closed or rejected one needs no cleanup.
  const reportIds = [...new Set(input.reportIds ?? [])]
  const linked: Point[] = []
  const actor = actorOf(ctx.user)
  // which cases a drive may take on is the case model's (open, fixable by volunteers): its refusal is this input's error
  const link = (r: StoredReport, title: string) => {
    const d = decide(r, 'driveLink', actor, now, { note: `发起志愿清理活动「${title}」` }, ctx.config)
    if (!d.ok) throw d.code === 'FORBIDDEN' ? forbidden(d.message) : invalid(d.message, 'reportIds')
    return d.decision
  }
  for (const id of reportIds) {
    const r = await ctx.store.reports.get(id)
    if (!r) throw invalid('关联的上报不存在', 'reportIds')
    link(r, input.title)
    linked.push({ latitude: r.latitude, longitude: r.longitude })
  }
  await checkTexts(ctx, input)
  const point = input.location ?? meetingPoint(linked)
  const a: StoredActivity = {
    id: input.clientId ? driveIdOf(ctx.user.openid, input.clientId) : newId(), title: input.title, description: input.description ?? '', villageId: input.villageId, address: input.address,
    ...t, capacity: input.capacity, confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, cancelled: false, cancelReason: null,
    organizerOpenid: ctx.user.openid, checkinSecret: newCheckinSecret(), reportIds,
    latitude: point?.latitude ?? null, longitude: point?.longitude ?? null, createdAt: now
  }
  const created = await ctx.store.transaction(async (tx) => {
    // a submit that raced an earlier one with the same client id answers that drive
    const again = input.clientId ? await tx.volunteer.getActivity(a.id) : null
    if (again) return again
    await tx.volunteer.insertActivity(a)
    // "发起清理": the linked reports' timelines record the drive, through the case model
    for (const reportId of reportIds) {
      const r = await tx.reports.get(reportId)
      if (r) await applyDecision(ctx, tx, r, link(r, a.title), actor, { people: new Map(), label: () => '' }, now)
    }
    return a
  })
  return presentActivity(ctx, created)
}

/** The messages to those promoted from the waitlist (`VolunteerRepo.fill`: each promoted exactly once). */
const promotedMessages = (a: Pick<StoredActivity, 'id' | 'title'>, openids: string[]): Outgoing[] =>
  openids.map((openid) => ({ openid, kind: 'volunteer.promoted', title: '候补成功', body: `您已从候补转为正式报名：${a.title}`, link: activityLink(a.id) }))

/** What changed of a drive that its volunteers must know (its time, its meeting point), said in words; null: nothing of that. */
function driveChange(deps: Pick<Ctx, 'config'>, a: StoredActivity, b: StoredActivity): string | null {
  const at = (d: Date) => isoLocal(d, deps.config).slice(5, 16).replace('T', ' ').replace('-', '月').replace(' ', '日 ')
  const parts: string[] = []
  if (a.startAt.getTime() !== b.startAt.getTime() || a.endAt.getTime() !== b.endAt.getTime()) parts.push(`时间改为 ${at(b.startAt)}–${isoLocal(b.endAt, deps.config).slice(11, 16)}`)
  if (a.address !== b.address || a.latitude !== b.latitude || a.longitude !== b.longitude) parts.push(`集合地点改为 ${b.address}`)
  return parts.length ? parts.join('；') : null
}

export async function updateActivity(ctx: Ctx, input: DriveInput & { id: string }): Promise<Activity> {
  await checkTexts(ctx, input)
  let before: StoredActivity | null = null
  const changed = await ctx.store.transaction(async (tx) => {
    const a = await loadActivity(tx, input.id)
    before = a
    if (!isOrganizer(ctx, a)) throw forbidden('只有组织者或管理员可以修改活动')
    if (a.cancelled) throw conflict('活动已取消，不能修改')
    if (ctx.clock() >= a.endAt) throw conflict('活动已结束，不能修改')
    if (input.capacity !== undefined && input.capacity < a.confirmedCount) throw conflict(`已有 ${a.confirmedCount} 人报名，人数不能少于已报名人数`)
    const t = times(input, a)
    const place = input.location === undefined ? {} : { latitude: input.location?.latitude ?? null, longitude: input.location?.longitude ?? null }
    const patch = { ...t, ...place, title: input.title, description: input.description, address: input.address, capacity: input.capacity ?? a.capacity }
    await tx.volunteer.updateActivity(a.id, patch)
    return { ...a, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as StoredActivity
  })
  // more places: the waitlist fills them after the change (one conditional update each on CloudBase, no transaction on the drive)
  const promoted = await ctx.store.volunteer.fill(changed.id)
  await deliver(ctx, promotedMessages(changed, promoted))
  // a new time or meeting point: everyone signed up (or waiting) is told what changed (issue 25)
  const change = before ? driveChange(ctx, before, changed) : null
  if (change) {
    const signups = (await ctx.store.volunteer.signupsOf(changed.id)).filter((s) => s.status === 'confirmed' || s.status === 'waitlisted' || s.status === 'checkedIn')
    await deliver(ctx, signups.map((s) => ({ openid: s.openid, kind: 'volunteer.changed', title: '活动时间或地点有变', body: `「${changed.title}」${change}`, link: activityLink(changed.id) })))
  }
  return presentActivity(ctx, promoted.length ? (await ctx.store.volunteer.getActivity(changed.id))! : changed)
}

export async function cancelActivity(ctx: Ctx, id: string, reason: string): Promise<Activity> {
  const cancelled = await ctx.store.transaction(async (tx) => {
    const a = await loadActivity(tx, id)
    if (!isOrganizer(ctx, a)) throw forbidden('只有组织者或管理员可以取消活动')
    if (a.cancelled) throw conflict('活动已取消')
    if (ctx.clock() >= a.endAt) throw conflict('活动已结束，不能取消')
    await tx.volunteer.updateActivity(id, { cancelled: true, cancelReason: reason })
    return { ...a, cancelled: true, cancelReason: reason }
  })
  // Once cancelled nobody can sign up, so the roster read after the commit is everyone to tell.
  const signups = (await ctx.store.volunteer.signupsOf(id)).filter((s) => s.status === 'confirmed' || s.status === 'waitlisted' || s.status === 'checkedIn')
  await deliver(ctx, signups.map((s) => ({ openid: s.openid, kind: 'volunteer.cancelled', title: '活动已取消', body: `「${cancelled.title}」已取消：${reason}`, link: activityLink(id) })))
  return presentActivity(ctx, cancelled)
}

/**
 * Confirmed while places are free, otherwise waitlisted; a repeated signup answers the existing one.
 * The place is taken by `VolunteerRepo.join` — on CloudBase single conditional atomic updates of
 * the drive, no transaction on it — so any number of people signing up at once all get an answer
 * (issue 22). The daily limit is taken first and given back if the signup did not happen.
 */
export async function signup(ctx: Ctx, activityId: string): Promise<Signup> {
  const [a, existing] = await Promise.all([loadActivity(ctx.store, activityId), ctx.store.volunteer.getSignup(activityId, ctx.user.openid)])
  // a repeated signup is not counted again (and `join` answers it as it is)
  const again = existing !== null && ACTIVE.includes(existing.status)
  if (!again) {
    const status: ActivityStatus = activityStatus(a, ctx.clock())
    if (status === 'cancelled') throw conflict('活动已取消')
    if (status === 'finished' || status === 'closed') throw conflict('报名已截止')
  }
  const giveBack = again ? null : await countToday(ctx, ctx.store, 'signup', ctx.user.openid, ctx.config.signupsPerDay, `每天最多报名 ${ctx.config.signupsPerDay} 次，请明天再来`)
  let s: StoredSignup | null
  try {
    s = await ctx.store.volunteer.join(activityId, ctx.user.openid, ctx.clock())
  } catch (error) {
    await giveBack?.().catch(() => undefined)
    throw error
  }
  if (!s) {
    await giveBack?.()
    throw conflict('活动已取消')
  }
  return presentSignup(ctx, s)
}

/** Cancel before the start; a freed place goes to the first on the waitlist (`VolunteerRepo.leave`), who is told. */
export async function cancelSignup(ctx: Ctx, activityId: string): Promise<Signup> {
  const [a, existing] = await Promise.all([loadActivity(ctx.store, activityId), ctx.store.volunteer.getSignup(activityId, ctx.user.openid)])
  if (!existing || (existing.status !== 'confirmed' && existing.status !== 'waitlisted')) throw conflict('您没有可取消的报名')
  if (ctx.clock() >= a.startAt) throw conflict('活动已开始，不能取消报名')
  const giveBack = await countToday(ctx, ctx.store, 'cancel', ctx.user.openid, ctx.config.cancellationsPerDay, `每天最多取消报名 ${ctx.config.cancellationsPerDay} 次`)
  let left: Awaited<ReturnType<Store['volunteer']['leave']>>
  try {
    left = await ctx.store.volunteer.leave(activityId, ctx.user.openid)
  } catch (error) {
    await giveBack().catch(() => undefined)
    throw error
  }
  if (!left) {
    await giveBack()
    throw conflict('您没有可取消的报名')
  }
  await deliver(ctx, promotedMessages(a, left.promoted))
  return presentSignup(ctx, left.signup)
}

/**
 * The code a volunteer typed or scanned, against the drive's rotating code. A wrong code is counted
 * on the signup (committed even though the call fails); after CODE_TRIES in a row the volunteer is
 * locked out of the code for CODE_LOCKOUT_MS, the right code included: six digits cannot be guessed
 * five at a time. The right code clears the count. Answers the signup to store, or the error to throw
 * once the count is stored.
 */
function checkCode(a: StoredActivity, s: StoredSignup, code: string, now: Date): { ok: StoredSignup } | { wrong: StoredSignup; error: AppError } {
  if (s.codeLockedUntil && now < s.codeLockedUntil) {
    return { wrong: s, error: rateLimited(`签到码错误次数过多，请 ${Math.ceil((s.codeLockedUntil.getTime() - now.getTime()) / 60_000)} 分钟后再试`) }
  }
  if (codeMatches(a.checkinSecret, code, now)) return { ok: { ...s, codeFailures: 0, codeLockedUntil: null } }
  const failures = (s.codeFailures ?? 0) + 1
  const locked = failures >= CODE_TRIES
  return {
    wrong: { ...s, codeFailures: locked ? 0 : failures, codeLockedUntil: locked ? new Date(now.getTime() + CODE_LOCKOUT_MS) : null },
    error: locked ? rateLimited(`签到码错误次数过多，请 ${CODE_LOCKOUT_MS / 60_000} 分钟后再试`) : invalid(`签到码不正确（还可尝试 ${CODE_TRIES - failures} 次）`, 'code')
  }
}

/** `checkCode` inside the transaction: a wrong code's count is stored, and answered as the error to throw after commit. */
async function codeChecked(tx: Store, a: StoredActivity, s: StoredSignup, code: string, now: Date): Promise<{ ok: StoredSignup } | { error: AppError }> {
  const checked = checkCode(a, s, code, now)
  if ('ok' in checked) return checked
  await tx.volunteer.putSignup(checked.wrong)
  return { error: checked.error }
}

/** Where the district requires it, the volunteer's location must be near the drive's meeting point. */
function requireOnSite(ctx: Ctx, a: StoredActivity, where: Point | undefined): void {
  const radius = ctx.config.checkinRadiusMeters
  if (!radius || a.latitude === null || a.longitude === null) return
  if (!where) throw new AppError('CONFLICT', '请允许获取位置后再签到', 'location') // the app asks for the position and tries again
  const distance = Math.round(distanceMeters(where, { latitude: a.latitude, longitude: a.longitude }))
  if (distance > radius) throw conflict(`您距活动地点约 ${distance} 米，请到现场后再签到`)
}

export async function checkIn(ctx: Ctx, activityId: string, code: string, where?: Point): Promise<Signup> {
  const outcome = await ctx.store.transaction(async (tx) => {
    const a = await loadActivity(tx, activityId)
    const existing = await tx.volunteer.getSignup(activityId, ctx.user.openid)
    if (a.cancelled) throw conflict('活动已取消')
    if (!existing || existing.status === 'cancelled' || existing.status === 'waitlisted') throw conflict('只有已报名的志愿者可以签到')
    if (existing.status !== 'confirmed') return { signup: existing }
    if (!codeWindowOpen(a, ctx.clock())) throw conflict('签到时间为活动开始前 30 分钟至活动结束')
    requireOnSite(ctx, a, where)
    const checked = await codeChecked(tx, a, existing, code, ctx.clock())
    if ('error' in checked) return checked
    const next: StoredSignup = { ...checked.ok, status: 'checkedIn', checkInAt: ctx.clock() }
    await tx.volunteer.putSignup(next)
    return { signup: next }
  })
  if ('error' in outcome) throw outcome.error
  return presentSignup(ctx, outcome.signup)
}

export async function checkOut(ctx: Ctx, activityId: string, code: string, where?: Point): Promise<Signup> {
  const outcome = await ctx.store.transaction(async (tx) => {
    const a = await loadActivity(tx, activityId)
    const existing = await tx.volunteer.getSignup(activityId, ctx.user.openid)
    if (!existing || existing.status !== 'checkedIn') {
      if (existing?.status === 'completed') return { signup: existing }
      throw conflict('请先签到')
    }
    if (!codeWindowOpen(a, ctx.clock())) throw conflict('签退时间为活动开始前 30 分钟至活动结束；结束后会自动按结束时间计算时长')
    requireOnSite(ctx, a, where)
    const checked = await codeChecked(tx, a, existing, code, ctx.clock())
    if ('error' in checked) return checked
    return { signup: await credit(ctx, tx, a, checked.ok, ctx.clock()) }
  })
  if ('error' in outcome) throw outcome.error
  return presentSignup(ctx, outcome.signup)
}

/** Completes a checked-in signup and adds its minutes to the volunteer's total, once, with the points they earn (issue 28). */
async function credit(deps: Pick<Deps, 'config' | 'clock'>, tx: Store, a: StoredActivity, s: StoredSignup, checkOut: Date | null): Promise<StoredSignup> {
  const minutes = creditedMinutes(a, s.checkInAt!, checkOut)
  const next: StoredSignup = { ...s, status: 'completed', checkOutAt: checkOut, minutes }
  await tx.volunteer.putSignup(next)
  await tx.users.addTotals(s.openid, { volunteerMinutes: minutes })
  await earn(deps, tx, { openid: s.openid, kind: 'volunteer', ref: `activity:${a.id}`, amount: volunteerPoints(minutes, deps), reason: `志愿服务「${a.title}」${Math.round(minutes / 6) / 10} 小时`, by: null })
  return next
}

/**
 * Volunteers still checked in when their drive ended are credited until the end (idempotent): the
 * sweep's work (the `sla` timer, once a minute locally), 200 a run. Reads never settle: until the
 * sweep has, they answer such a signup as settled (`asSettled`, `unsettledMinutes`).
 */
export async function settleEnded(deps: Deps): Promise<number> {
  const due = await deps.store.volunteer.checkedInEndedBy(deps.clock(), 200)
  for (const { signup: s } of due) {
    await deps.store.transaction(async (tx) => {
      const current = await tx.volunteer.getSignup(s.activityId, s.openid)
      const a = await tx.volunteer.getActivity(s.activityId)
      if (current?.status === 'checkedIn' && a) await credit(deps, tx, a, current, null)
    })
  }
  return due.length
}

/** At most this many unsettled signups are counted by a read (the sweep settles 200 a run, so there are rarely more than a few). */
const UNSETTLED_READ = 1000

/** The minutes the sweep will credit, per volunteer, for drives started in [from, to) (null: unbounded); and how many signups. */
async function unsettledMinutes(deps: Pick<Deps, 'store' | 'clock'>, from: Date | null, to: Date | null, openid?: string): Promise<Map<string, { minutes: number; drives: number }>> {
  const now = deps.clock()
  const out = new Map<string, { minutes: number; drives: number }>()
  for (const u of await deps.store.volunteer.checkedInEndedBy(now, UNSETTLED_READ, openid)) {
    if ((from && u.startAt < from) || (to && u.startAt >= to)) continue
    const was = out.get(u.signup.openid) ?? { minutes: 0, drives: 0 }
    out.set(u.signup.openid, { minutes: was.minutes + asSettled(u, u.signup, now).minutes, drives: was.drives + 1 })
  }
  return out
}

/**
 * The reminder before a drive (the deadline sweep runs it): from `config.reminderHour` (18:00) on
 * the evening before the drive's day, each confirmed volunteer is told once where and when to come.
 * A drive set up later than that is reminded at once. Answers how many drives were reminded.
 */
export async function remindDrives(deps: Deps): Promise<number> {
  const now = deps.clock()
  const drives = await deps.store.volunteer.toRemind(now, new Date(now.getTime() + 2 * 24 * 3600_000), 100)
  let reminded = 0
  for (const a of drives) {
    const dayOfDrive = startOfLocalDay(a.startAt, deps.config.utcOffsetMinutes)
    const remindFrom = new Date(dayOfDrive.getTime() - 24 * 3600_000 + deps.config.reminderHour * 3600_000)
    if (now < remindFrom) continue
    const confirmed = (await deps.store.volunteer.signupsOf(a.id)).filter((s) => s.status === 'confirmed').map((s) => s.openid)
    const when = isoLocal(a.startAt, deps.config)
    const day = dayOfDrive.getTime() === startOfLocalDay(now, deps.config.utcOffsetMinutes).getTime() ? '今天' : '明天'
    let sent: StoredMessage[] = []
    await deps.store.transaction(async (tx) => {
      sent = []
      const current = await tx.volunteer.getActivity(a.id)
      if (!current || current.cancelled || current.remindedAt) return
      await tx.volunteer.updateActivity(a.id, { remindedAt: now })
      sent = await record(deps, tx, confirmed.map((openid) => ({
        openid, kind: 'volunteer.reminder', title: `${day} ${when.slice(11, 16)} 志愿活动提醒`, body: `「${a.title}」在${a.address}，请准时签到`, link: `/sub-volunteer/detail/index?id=${a.id}`
      })))
    })
    if (sent.length || confirmed.length === 0) reminded++
    await publish(deps, sent)
  }
  return reminded
}

export async function getActivity(ctx: Ctx, id: string) {
  const [a, mine] = await Promise.all([loadActivity(ctx.store, id), ctx.store.volunteer.getSignup(id, ctx.user.openid)])
  return { ...(await presentActivity(ctx, a)), mySignup: mine ? await presentSignup(ctx, asSettled(a, mine, ctx.clock())) : null }
}

export async function listActivities(ctx: Ctx, input: { villageId?: string; status?: ActivityStatus; cursor?: string; limit?: number }): Promise<Page<Activity>> {
  const page = await ctx.store.volunteer.listActivities({ villageId: input.villageId, now: ctx.clock() }, input.cursor, input.limit ?? 20)
  const items = await presentActivities(ctx, page.items)
  return { items: input.status ? items.filter((a) => a.status === input.status) : items, nextCursor: page.nextCursor }
}

export async function roster(ctx: Ctx, activityId: string) {
  return { items: (await rosterOf(ctx, activityId)).items }
}

/** The drive and its roster, for its organizer (or an admin). */
async function rosterOf(ctx: Ctx, activityId: string) {
  const a = await loadActivity(ctx.store, activityId)
  if (!isOrganizer(ctx, a)) throw forbidden('只有组织者或管理员可以查看名单')
  const now = ctx.clock()
  const signups = (await ctx.store.volunteer.signupsOf(activityId)).map((s) => asSettled(a, s, now))
  return { activity: a, items: await presentSignups(ctx, signups, { withNickname: true, wholeRoster: true }) }
}

/**
 * 未到场 (issue 25): after the drive, its organizer (or an admin) marks a volunteer who signed up
 * and never checked in; the volunteer is told and sees it; the roster counts each volunteer's
 * no-shows. Marking again changes nothing; `noShow: false` takes a mistake back.
 */
export async function markNoShow(ctx: Ctx, input: { activityId: string; userId: string; noShow: boolean }): Promise<Signup> {
  const a = await loadActivity(ctx.store, input.activityId)
  if (!isOrganizer(ctx, a)) throw forbidden('只有组织者或管理员可以登记未到场')
  if (a.cancelled) throw conflict('活动已取消')
  if (ctx.clock() < a.endAt) throw conflict('活动结束后才能登记未到场')
  const person = await ctx.store.users.getByUserId(input.userId)
  const s = person ? await ctx.store.volunteer.getSignup(a.id, person.openid) : null
  if (!person || !s) throw notFound('该志愿者没有报名这次活动')
  if (s.status !== 'confirmed') throw conflict('只有报名后未签到的志愿者可以登记为未到场')
  if ((s.noShow ?? false) !== input.noShow) {
    await ctx.store.volunteer.setNoShow(a.id, person.openid, input.noShow)
    if (input.noShow) await deliver(ctx, [{ openid: person.openid, kind: 'volunteer.noShow', title: '未到场记录', body: `「${a.title}」组织者登记您未到场。如有误请联系组织者`, link: activityLink(a.id) }])
  }
  return presentSignup(ctx, { ...s, noShow: input.noShow })
}

export async function exportRoster(ctx: Ctx, activityId: string) {
  const { activity: a, items } = await rosterOf(ctx, activityId)
  return {
    filename: `志愿者名单-${safeFileName(a.title)}.csv`,
    csv: csv([
      ['序号', '昵称', '真实姓名', '状态', '候补位次', '签到时间', '签退时间', '志愿时长（分钟）'],
      ...items.map((s, i) => [i + 1, s.nickname, s.realName, SIGNUP_STATUS_NAMES[s.status], s.position, s.checkInAt, s.checkOutAt, s.minutes])
    ])
  }
}

export async function mySignups(ctx: Ctx, cursor?: string, limit = 20) {
  const page = await ctx.store.volunteer.signupsOfUser(ctx.user.openid, cursor, limit)
  const activities = await ctx.store.volunteer.getActivities(page.items.map((s) => s.activityId))
  const byId = new Map(activities.map((a) => [a.id, a]))
  const now = ctx.clock()
  const settled = page.items.map((s) => (byId.has(s.activityId) ? asSettled(byId.get(s.activityId)!, s, now) : s))
  const [signups, presented] = await Promise.all([presentSignups(ctx, settled), presentActivities(ctx, activities)])
  const drives = new Map(presented.map((a) => [a.id, a]))
  const items = signups.flatMap((s) => (drives.has(s.activityId) ? [{ ...s, activity: drives.get(s.activityId)! }] : []))
  return { items, nextCursor: page.nextCursor }
}

/**
 * The hours leaderboard (the month's or all time) and the caller's place. Volunteers of ended drives
 * the sweep has not yet credited count as credited (read in one query, merged here): the read
 * writes nothing and its calls do not grow with them.
 */
export async function leaderboard(ctx: Ctx, limit = 20, scope: 'month' | 'all' = 'all') {
  const month = periodOf(ctx.clock(), ctx.config)
  const bounds = scope === 'month' ? monthBounds(month, ctx.config) : null
  const from = bounds?.from ?? null
  const to = bounds?.to ?? null
  const [top, pending] = await Promise.all([ctx.store.volunteer.minutesByUser(from, to, limit), unsettledMinutes(ctx, from, to)])
  // everyone whose total may differ from the stored top: the caller, and those with minutes not yet credited
  const stored = new Map(top.map((r) => [r.openid, r.minutes]))
  const others = [...new Set([ctx.user.openid, ...pending.keys()])].filter((openid) => !stored.has(openid))
  const candidates = [...new Set([...stored.keys(), ...pending.keys()])]
  // the names the top came with (all time), and the caller's: read only the others' (a month's
  // board also needs everyone's all-time minutes for their stars)
  const named = new Map(top.flatMap((r) => (r.nickname !== undefined ? [[r.openid, r.nickname] as const] : [])))
  const unread = candidates.filter((openid) => openid !== ctx.user.openid && (scope === 'month' || !named.has(openid)))
  const [more, read] = await Promise.all([
    others.length ? ctx.store.volunteer.minutesOfUsers(others, from, to) : new Map<string, number>(),
    ctx.store.users.getMany(unread)
  ])
  const people = [ctx.user, ...read]
  const storedOf = (openid: string) => stored.get(openid) ?? more.get(openid) ?? 0
  const total = (openid: string) => storedOf(openid) + (pending.get(openid)?.minutes ?? 0)
  // anyone outside the stored top and without pending minutes has no more than its last: the top stays exact
  const rows = candidates.map((openid) => ({ openid, minutes: total(openid) })).filter((r) => r.minutes > 0)
    .sort((x, y) => y.minutes - x.minutes || (x.openid < y.openid ? -1 : x.openid > y.openid ? 1 : 0)).slice(0, limit)
  const users = new Map(people.map((u) => [u.openid, u]))
  // 星级志愿者 (issue 28): from all the credited hours, whatever the board's period
  const starsOf = (openid: string, minutes: number) => volunteerStars(scope === 'all' ? minutes : Math.max(minutes, (openid === ctx.user.openid ? ctx.user : users.get(openid))?.volunteerMinutes ?? 0))
  let rank = 0
  const items = rows.map((r, i) => {
    if (i === 0 || r.minutes !== rows[i - 1]!.minutes) rank = i + 1
    return { rank, nickname: users.get(r.openid)?.nickname ?? named.get(r.openid) ?? '志愿者', minutes: r.minutes, stars: starsOf(r.openid, r.minutes) }
  })
  const minutes = total(ctx.user.openid)
  const stars = starsOf(ctx.user.openid, minutes)
  if (minutes <= 0) return { items, me: { rank: null, minutes, stars } }
  // above the caller: those stored above, and those whose pending minutes lift them above
  const lifted = [...pending.keys()].filter((openid) => openid !== ctx.user.openid && storedOf(openid) <= minutes && total(openid) > minutes).length
  return { items, me: { rank: (await ctx.store.volunteer.usersAbove(minutes, from, to)) + lifted + 1, minutes, stars } }
}

const certificateAnswer = (ctx: Pick<Ctx, 'config'>, c: StoredCertificate) => ({
  name: c.name,
  hours: Math.round((c.minutes / 60) * 10) / 10,
  drives: c.drives,
  issuer: c.issuer,
  number: c.number,
  date: isoLocal(c.issuedAt, ctx.config).slice(0, 10),
  /** 星级志愿者 of the certified hours (issue 28). */
  stars: volunteerStars(c.minutes)
})

/**
 * 志愿服务证明 (《志愿服务记录与证明出具办法》): only for credited hours, to the volunteer's real
 * name, each a stored record with its number. Asked again with nothing changed, it answers the
 * certificate already issued; after more hours (or a corrected name), a new one.
 */
export async function certificate(ctx: Ctx) {
  // hours of ended drives the sweep has not credited yet count as credited (nothing is settled here)
  // the caller as this call loaded them (identify): not read again
  const user = ctx.user
  const pending = await unsettledMinutes(ctx, null, null, ctx.user.openid)
  const unsettled = pending.get(ctx.user.openid) ?? { minutes: 0, drives: 0 }
  const volunteerMinutes = user.volunteerMinutes + unsettled.minutes
  if (volunteerMinutes <= 0) throw conflict('还没有经认证的志愿服务时长，参加活动并签到签退后即可开具证明')
  if (!user.realName) throw invalid('开具志愿服务证明需要真实姓名，请先填写', 'realName')
  const [completed, latest] = await Promise.all([ctx.store.volunteer.completedCount(user.openid), ctx.store.volunteer.latestCertificate(user.openid)])
  const drives = completed + unsettled.drives
  if (latest && latest.minutes === volunteerMinutes && latest.drives === drives && latest.name === user.realName) return certificateAnswer(ctx, latest)
  const now = ctx.clock()
  const issued: StoredCertificate = {
    number: newCertificateNumber(Number(periodOf(now, ctx.config).slice(0, 4))),
    openid: user.openid,
    name: user.realName,
    minutes: volunteerMinutes,
    drives,
    issuer: ctx.config.certificateIssuer,
    issuedAt: now
  }
  await ctx.store.volunteer.saveCertificate(issued)
  return certificateAnswer(ctx, issued)
}

/** Anyone with a certificate's number (its QR code) checks it: valid with the masked name, hours, drives, issuer and date; a number never issued is not valid. */
export async function verifyCertificate(ctx: Ctx, number: string) {
  const found = CERTIFICATE_NUMBER.test(number) ? await ctx.store.volunteer.getCertificate(number) : null
  if (!found) return { valid: false as const, number }
  const c = certificateAnswer(ctx, found)
  return { valid: true as const, number, name: maskName(c.name), hours: c.hours, drives: c.drives, issuer: c.issuer, date: c.date }
}
