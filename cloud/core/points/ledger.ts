import type { PointKind, PointEntry, MyPoints, VillageParticipation } from '../../../types/points'
import { notFound } from '../errors'
import type { Ctx, Deps } from '../context'
import type { Store } from '../ports'
import { isoLocal, monthBounds, periodOf } from '../time'
import type { StoredPointEntry } from './ports'

/**
 * The 积分 ledger (issue 28). Every point earned or spent is an entry written by these functions
 * inside the transaction of its cause, together with the balance (`User.points`, the ledger's sum
 * kept as an aggregate): nothing else changes a balance. An entry is never changed or removed; a
 * cause undone (a case rejected after it was accepted, an award withdrawn) is a reversal entry.
 */

/** What earns points: the cause's kind, its reference and the amount the rules give it. */
export interface Earning {
  openid: string
  kind: Extract<PointKind, 'report' | 'praise' | 'volunteer' | 'award'>
  /** `report:<case id>`, `activity:<drive id>`, `award:<id>`: with the openid, the entry's identity. */
  ref: string
  amount: number
  reason: string
  by: string | null
}

/** The entry id of a cause: one entry per cause and person, however often it is carried out. */
export const entryIdOf = (kind: PointKind, ref: string, openid: string) => `${kind}:${ref}:${openid}`

/** The district's day (`YYYY-MM-DD`) and month of a moment. */
const dayOf = (at: Date, deps: Pick<Deps, 'config'>) => isoLocal(at, deps.config).slice(0, 10)
const capCounters = (openid: string, at: Date, deps: Pick<Deps, 'config'>) => {
  const day = dayOf(at, deps)
  return { day: `points:day:${openid}:${day}`, month: `points:month:${openid}:${day.slice(0, 7)}` }
}

/**
 * Enters what a cause earns, in the cause's transaction `tx`: the entry and the balance, within the
 * daily and monthly caps (what goes beyond is entered as 0 with the reason). Entered once: a cause
 * already entered answers null and changes nothing. Answers the entry.
 */
export async function earn(deps: Pick<Deps, 'config' | 'clock'>, tx: Store, e: Earning, at: Date = deps.clock()): Promise<(StoredPointEntry & { cap: 'day' | 'month' | null }) | null> {
  if (e.amount <= 0) return null
  const id = entryIdOf(e.kind, e.ref, e.openid)
  const [existing, user] = await Promise.all([tx.points.get(id), tx.users.get(e.openid)])
  if (existing || !user) return null
  const { dailyCap, monthlyCap } = deps.config.points
  let amount = e.amount
  let reason = e.reason
  let cap: 'day' | 'month' | null = null
  if (dailyCap !== null || monthlyCap !== null) {
    const names = capCounters(e.openid, at, deps)
    const [day, month] = await Promise.all([tx.counters.get(names.day), tx.counters.get(names.month)])
    const dayRoom = dailyCap === null ? Infinity : dailyCap - day
    const monthRoom = monthlyCap === null ? Infinity : monthlyCap - month
    const room = Math.max(0, Math.min(dayRoom, monthRoom))
    if (room < amount) {
      amount = room
      cap = dayRoom <= monthRoom ? 'day' : 'month'
      reason = `${reason}（已达${CAP_WORDS[cap]}积分上限${amount ? `，计 ${amount} 分` : ''}）`
    }
    if (amount > 0) await Promise.all([tx.counters.add(names.day, amount), tx.counters.add(names.month, amount)])
  }
  const entry: StoredPointEntry = { id, openid: e.openid, amount, kind: e.kind, ref: e.ref, reason, at, by: e.by, villageId: user.villageId }
  await tx.points.insert(entry)
  if (amount) await tx.users.addTotals(e.openid, { points: amount })
  return { ...entry, cap }
}

/** The caps in words: 每日, 每月. */
export const CAP_WORDS = { day: '每日', month: '每月' } as const

/**
 * Undoes an entry by a reversal entry of the opposite amount (once), in the undoing's transaction.
 * The balance may go below zero when the points were spent meanwhile. Answers the reversal, or null
 * when there is nothing to undo (no such entry, 0 points, already reversed).
 */
export async function reverse(deps: Pick<Deps, 'clock'>, tx: Store, entryId: string, reason: string, by: string | null, at: Date = deps.clock()): Promise<StoredPointEntry | null> {
  const id = `reversal:${entryId}`
  const [entry, done, expired] = await Promise.all([tx.points.get(entryId), tx.points.get(id), tx.points.get(expiryIdOf(entryId))])
  if (!entry || !entry.amount || done || entry.kind === 'reversal' || entry.kind === 'expiry') return null
  // what expired of it already left the balance: only the rest goes back
  const amount = entry.amount + (expired?.amount ?? 0)
  if (!amount) return null
  const reversal: StoredPointEntry = { id, openid: entry.openid, amount: -amount, kind: 'reversal', ref: entryId, reason, at, by, villageId: entry.villageId }
  await tx.points.insert(reversal)
  await tx.users.addTotals(entry.openid, { points: -amount })
  return reversal
}

/** The expiry entry of an earning entry: once. */
export const expiryIdOf = (entryId: string) => `expiry:${entryId}`
/** The counter keeping how far the expiry has come (epoch ms of the last entry looked at). */
const EXPIRY_MARK = 'points:expiry:through'

/**
 * The sla timer's expiry of points (`config.points.expiryMonths`; nothing when null): the entries
 * that earned before the cutoff, oldest first, in one bounded batch from where the last run stopped.
 * An entry's points expire as far as the balance still holds them — spending uses the oldest points
 * first, so what is left of an entry is the balance less what the person earned after it — each
 * as an `expiry` entry (`expiry:<entry id>`, once) with the balance, in its own transaction; never
 * an edit. A reversed entry has nothing left to expire. Answers how many entries expired.
 */
export async function expirePoints(deps: Pick<Deps, 'store' | 'config' | 'clock'>, batch = 200): Promise<number> {
  const months = deps.config.points.expiryMonths
  if (!months) return 0
  const now = deps.clock()
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  const mark = await deps.store.counters.get(EXPIRY_MARK)
  const entries = await deps.store.points.earnedBetween(new Date(mark), cutoff, batch)
  let expired = 0
  for (const e of entries) {
    // what was earned after it (outside the transaction: CloudBase allows only reads by id inside one)
    const later = await deps.store.points.earnedAfter(e.openid, e.at)
    const done = await deps.store.transaction(async (tx) => {
      const [gone, reversed, user] = await Promise.all([tx.points.get(expiryIdOf(e.id)), tx.points.get(`reversal:${e.id}`), tx.users.get(e.openid)])
      if (gone || reversed || !user) return false
      const amount = Math.min(e.amount, user.points - later)
      if (amount <= 0) return false
      const day = isoLocal(e.at, deps.config).slice(0, 10)
      await tx.points.insert({ id: expiryIdOf(e.id), openid: e.openid, amount: -amount, kind: 'expiry', ref: e.id, reason: `${day} 获得的积分已满 ${months} 个月，过期 ${amount} 分`, at: now, by: null, villageId: e.villageId })
      await tx.users.addTotals(e.openid, { points: -amount })
      return true
    })
    if (done) expired++
  }
  // the next batch starts at the last entry looked at (its id makes a second look change nothing)
  const last = entries[entries.length - 1]
  if (last && last.at.getTime() > mark) await deps.store.counters.add(EXPIRY_MARK, last.at.getTime() - mark)
  return expired
}

/** The entry of what a case earned its reporter (an accepted report, an approved 文明点赞). */
export const caseEntryId = (r: { id: string; openid: string; kind?: string }) => entryIdOf(r.kind === 'praise' ? 'praise' : 'report', `report:${r.id}`, r.openid)

/** Points for credited volunteer minutes: the hour's rate for each started minute's share, rounded down. */
export const volunteerPoints = (minutes: number, deps: Pick<Deps, 'config'>) => Math.floor((minutes * deps.config.points.perVolunteerHour) / 60)

export const presentEntry = (e: StoredPointEntry, deps: Pick<Deps, 'config'>): PointEntry => ({
  amount: e.amount, kind: e.kind, reason: e.reason, at: isoLocal(e.at, deps.config), ref: e.ref
})

/** Points per household (issue 28): the village's points over the households it named, one decimal; null without households. */
export const perHousehold = (points: number, households: number) => (households ? Math.round((points / households) * 10) / 10 : null)

/** A village's participation this month (the village page, issue 28): one read. */
export async function villageParticipation(ctx: Ctx, villageId: string): Promise<VillageParticipation> {
  const village = await ctx.store.directory.getRegion(villageId)
  if (!village || village.level !== 'village') throw notFound('村居不存在')
  const period = periodOf(ctx.clock(), ctx.config)
  const { from, to } = monthBounds(period, ctx.config)
  const [{ earners, points }, households] = await Promise.all([ctx.store.points.villageEarnings(villageId, from, to), ctx.store.households.getHouseholds(villageId)])
  const count = households?.items.length ?? 0
  return { period, earners, pointsEarned: points, households: count, pointsPerHousehold: perHousehold(points, count) }
}

/** 我的 → 积分: the balance and a page of the ledger. */
export async function myPoints(ctx: Ctx, cursor: string | undefined, limit = 20): Promise<MyPoints> {
  const [user, page] = await Promise.all([ctx.store.users.get(ctx.user.openid), ctx.store.points.list(ctx.user.openid, cursor, limit)])
  return { balance: user?.points ?? 0, items: page.items.map((e) => presentEntry(e, ctx)), nextCursor: page.nextCursor }
}
