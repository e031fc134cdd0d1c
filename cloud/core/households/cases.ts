import crypto from 'node:crypto'
import type { Household, HouseholdAwardKind, HouseholdRatings, VillageHouseholds } from '../../../types/households'
import type { Region } from '../../../types/ranking'
import type { Ctx, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { logOperation } from '../oplog'
import type { Store } from '../ports'
import { mayEvaluate } from '../ranking/cases'
import { isoLocal } from '../time'
import type { StoredAwardEntry, StoredHouseholds } from './ports'
import { ENTRIES, villageAwardFigures } from './figures'

/**
 * 十星级文明户 and 五美庭院 (issue 26, item 6). Households are the village's own record — 户主 and
 * 门牌, typed or imported by the committee — and are never linked to a resident's account (a
 * household award earns no resident points: `config.points.perHouseholdAward` stays unused). The
 * committee rates households on the stars of a kind for a year (a draft), publishes the list once
 * (an insert-only entry), and withdraws one household's award by a withdrawal entry.
 */

/** At most this many households a village (one document on CloudBase). */
export const MAX_HOUSEHOLDS = 5000

/** Who rates and publishes: admins, the 文明办 (the evaluators), and the village's own 网格员. */
export const isCommitteeOf = (user: Ctx['user'], villageId: string, config: Deps['config']) =>
  mayEvaluate(user, config) || (user.gridVillageIds ?? []).includes(villageId)

async function requireVillage(store: Store, villageId: string): Promise<Region> {
  const village = await store.directory.getRegion(villageId)
  if (!village || village.level !== 'village') throw notFound('村居不存在')
  return village
}

async function requireCommittee(ctx: Ctx, villageId: string): Promise<Region> {
  if (!isCommitteeOf(ctx.user, villageId, ctx.config)) throw forbidden('只有村评议小组（管理员、文明办、本村网格员）可以管理文明户评选')
  return requireVillage(ctx.store, villageId)
}

export function awardKind(config: Deps['config'], kind: string): HouseholdAwardKind {
  const found = config.householdAwards.find((k) => k.kind === kind)
  if (!found) throw invalid('没有这个称号类别', 'kind')
  return found
}

/** A 门牌 as compared: spaces dropped, full-width digits as ASCII. */
const doorKey = (door: string) => door.replace(/\s+/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
/** A household's id: from its village and 门牌 (an import of the same 门牌 finds it). */
export const householdIdOf = (villageId: string, door: string) => `hh${crypto.createHash('sha256').update(`${villageId}\n${doorKey(door)}`).digest('hex').slice(0, 20)}`
const listIdOf = (villageId: string, kind: string, year: string) => `${villageId}:${kind}:${year}`
const listEntryId = (villageId: string, kind: string, year: string) => `list:${listIdOf(villageId, kind, year)}`
const withdrawalId = (villageId: string, kind: string, year: string, householdId: string) => `withdrawal:${listIdOf(villageId, kind, year)}:${householdId}`

/**
 * How the village page names a household: the 户主's surname with the rest masked, and the 门牌
 * (「张** 家 · 3组12号」). The committee's console shows the full name; the app, which anyone may
 * open, never does (docs/households.md).
 */
export function householdLabel(head: string, door: string): string {
  const chars = [...head.trim()]
  const masked = `${chars[0] ?? ''}${'*'.repeat(Math.min(2, Math.max(1, chars.length - 1)))}`
  return `${masked} 家 · ${door}`
}

const present = (villageId: string, h: StoredHouseholds['items'][number]): Household => ({ id: h.id, villageId, head: h.head, door: h.door })

export async function listHouseholds(ctx: Ctx, villageId: string): Promise<Household[]> {
  await requireCommittee(ctx, villageId)
  return ((await ctx.store.households.getHouseholds(villageId))?.items ?? []).map((h) => present(villageId, h))
}

/** Adds new 门牌 and renames known ones; every row checked first (an error names its row and changes nothing). One transaction, logged. */
export async function importHouseholds(ctx: Ctx, villageId: string, rows: { row?: number; head: string; door: string }[]) {
  const village = await requireCommittee(ctx, villageId)
  const seen = new Map<string, number>()
  rows.forEach((r, i) => {
    const line = r.row ?? i + 1
    const key = doorKey(r.door)
    if (seen.has(key)) throw invalid(`第 ${line} 行：门牌「${r.door}」与第 ${seen.get(key)} 行重复`, 'rows')
    seen.set(key, line)
  })
  return ctx.store.transaction(async (tx) => {
    const current = await tx.households.getHouseholds(villageId)
    const items = [...(current?.items ?? [])]
    const at = new Map(items.map((h, i) => [h.id, i]))
    let created = 0
    let updated = 0
    for (const r of rows) {
      const id = householdIdOf(villageId, r.door)
      const i = at.get(id)
      if (i === undefined) {
        at.set(id, items.length)
        items.push({ id, head: r.head, door: r.door })
        created++
      } else if (items[i]!.head !== r.head || items[i]!.door !== r.door) {
        items[i] = { id, head: r.head, door: r.door }
        updated++
      }
    }
    if (items.length > MAX_HOUSEHOLDS) throw invalid(`一个村居最多 ${MAX_HOUSEHOLDS} 户`, 'rows')
    await tx.households.putHouseholds({ villageId, items, updatedAt: ctx.clock() })
    await logOperation(ctx, tx, 'households.import', `village:${village.name}`, { households: current?.items.length ?? 0 }, { households: items.length, created, updated })
    return { created, updated, households: items.length }
  })
}

/** The committee's page of one list: every household with its draft stars, and the published awards with their withdrawals. Three reads. */
export async function householdRatings(ctx: Ctx, villageId: string, kind: string, year: string): Promise<HouseholdRatings> {
  const k = awardKind(ctx.config, kind)
  await requireCommittee(ctx, villageId)
  const [households, ratings, entries] = await Promise.all([
    ctx.store.households.getHouseholds(villageId),
    ctx.store.households.getRatings(listIdOf(villageId, kind, year)),
    ctx.store.households.entriesOf(villageId, ENTRIES)
  ])
  const list = entries.find((e) => e.id === listEntryId(villageId, kind, year))
  const withdrawals = new Map(entries.filter((e) => e.type === 'withdrawal' && e.kind === kind && e.year === year).map((e) => [e.householdId, e]))
  const awarded = new Map((list?.items ?? []).map((i) => [i.householdId, i]))
  return {
    villageId, kind: k, year,
    published: list ? { at: isoLocal(list.at, ctx.config), by: list.byName, awarded: list.items.length } : null,
    rows: (households?.items ?? []).map((h) => {
      const a = awarded.get(h.id)
      const w = withdrawals.get(h.id)
      return {
        ...present(villageId, h),
        stars: ratings?.stars[h.id] ?? [],
        award: a ? { id: `${kind}:${year}:${h.id}`, stars: a.stars, withdrawn: w ? { reason: w.reason ?? '', at: isoLocal(w.at, ctx.config), by: w.byName } : null } : null
      }
    })
  }
}

/** Rates one household (a draft): refused once the list is published. */
export async function rateHousehold(ctx: Ctx, input: { villageId: string; householdId: string; kind: string; year: string; stars: string[] }) {
  const k = awardKind(ctx.config, input.kind)
  await requireCommittee(ctx, input.villageId)
  const unknown = input.stars.find((s) => !k.stars.includes(s))
  if (unknown) throw invalid(`「${unknown}」不是${k.name}的星`, 'stars')
  const stars = k.stars.filter((s) => input.stars.includes(s))
  const id = listIdOf(input.villageId, input.kind, input.year)
  return ctx.store.transaction(async (tx) => {
    const [list, households, ratings] = await Promise.all([
      tx.households.getEntry(listEntryId(input.villageId, input.kind, input.year)),
      tx.households.getHouseholds(input.villageId),
      tx.households.getRatings(id)
    ])
    if (list) throw conflict(`${input.year} 年度${k.name}名单已公示，不能再改；如需撤销某户的称号，请用「撤销称号」`)
    if (!households?.items.some((h) => h.id === input.householdId)) throw notFound('本村没有这一户')
    await tx.households.putRatings({ id, villageId: input.villageId, kind: input.kind, year: input.year, stars: { ...(ratings?.stars ?? {}), [input.householdId]: stars }, updatedAt: ctx.clock() })
    return { householdId: input.householdId, stars }
  })
}

/** Publishes the list once: the households rated with at least `minStars` become one insert-only entry. Logged. */
export async function publishHouseholdAwards(ctx: Ctx, villageId: string, kind: string, year: string) {
  const k = awardKind(ctx.config, kind)
  const village = await requireCommittee(ctx, villageId)
  return ctx.store.transaction(async (tx) => {
    const [list, households, ratings] = await Promise.all([tx.households.getEntry(listEntryId(villageId, kind, year)), tx.households.getHouseholds(villageId), tx.households.getRatings(listIdOf(villageId, kind, year))])
    if (list) throw conflict(`${year} 年度${k.name}名单已经公示过了`)
    const items = (households?.items ?? [])
      .map((h) => ({ householdId: h.id, head: h.head, door: h.door, stars: ratings?.stars[h.id] ?? [] }))
      .filter((i) => i.stars.length >= Math.max(1, k.minStars))
    if (!items.length) throw conflict(`还没有达到${k.name}条件（至少 ${Math.max(1, k.minStars)} 颗星）的住户，不能公示`)
    const at = ctx.clock()
    const entry: StoredAwardEntry = { id: listEntryId(villageId, kind, year), type: 'list', villageId, kind, year, items, householdId: null, reason: null, at, byName: ctx.user.nickname }
    await tx.households.insertEntry(entry)
    await logOperation(ctx, tx, 'households.publish', `village:${village.name}:${k.name}:${year}`, null, { awarded: items.length })
    return { awarded: items.length, publishedAt: isoLocal(at, ctx.config) }
  })
}

/** Withdraws one household's published award: a withdrawal entry with the reason (the list entry stays as it was). Logged. */
export async function withdrawHouseholdAward(ctx: Ctx, input: { villageId: string; kind: string; year: string; householdId: string; reason: string }) {
  const k = awardKind(ctx.config, input.kind)
  const village = await requireCommittee(ctx, input.villageId)
  const id = withdrawalId(input.villageId, input.kind, input.year, input.householdId)
  return ctx.store.transaction(async (tx) => {
    const [list, done] = await Promise.all([tx.households.getEntry(listEntryId(input.villageId, input.kind, input.year)), tx.households.getEntry(id)])
    if (!list) throw conflict(`${input.year} 年度${k.name}名单尚未公示`)
    const item = list.items.find((i) => i.householdId === input.householdId)
    if (!item) throw notFound('这一户不在已公示的名单中')
    if (done) throw conflict('这一户的称号已经撤销了')
    await tx.households.insertEntry({ id, type: 'withdrawal', villageId: input.villageId, kind: input.kind, year: input.year, items: [], householdId: input.householdId, reason: input.reason, at: ctx.clock(), byName: ctx.user.nickname })
    await logOperation(ctx, tx, 'households.withdraw', `village:${village.name}:${k.name}:${input.year}`, { door: item.door, stars: item.stars }, { reason: input.reason })
    return { withdrawn: true as const }
  })
}

/** The village page (anyone): the published lists, each household named by its 户主's surname and 门牌. */
export async function villageHouseholds(ctx: Ctx, villageId: string): Promise<VillageHouseholds> {
  await requireVillage(ctx.store, villageId)
  const f = await villageAwardFigures(ctx, villageId)
  return {
    villageId,
    households: f.households,
    awarded: f.awarded,
    lists: f.lists.map((l) => ({
      kind: l.kind.kind, name: l.kind.name, year: l.entry.year, starNames: [...l.kind.stars], publishedAt: isoLocal(l.entry.at, ctx.config),
      items: l.items.map((i) => ({ label: householdLabel(i.head, i.door), stars: i.stars }))
    }))
  }
}
