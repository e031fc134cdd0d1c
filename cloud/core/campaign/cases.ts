import type { z } from 'zod'
import { SITE_KIND_NAMES, type CatalogItem, type Finding, type MySite, type Road, type Round, type Site, type VillageRoundScore, type catalogRow, type siteRow, type answerInput, type campaignContract } from '../../../types/campaign'
import { KIND_NAMES, SCORE_NAMES, kindOf, type ScoreKey, type Scores } from '../../../types/names'
import type { Region } from '../../../types/ranking'
import type { Ctx, Deps } from '../context'
import { conflict, contentRejected, forbidden, invalid, notFound } from '../errors'
import { logOperation } from '../oplog'
import { isoLocal } from '../time'
import { csv, safeFileName } from '../csv'
import { workCalendar } from '../reference'
import { dueAt } from '../report/rules'
import { afterInspectionCases, fileInspectionCases, requirePhotos, staffOf, type InspectionCaseDraft } from '../report/cases'
import { mayEvaluate, monthFigures, rerank } from '../ranking/cases'
import type { StoredAnswer, StoredInspection, StoredRound } from './ports'
import { deductionOf, hashOf, indicatorOf, siteKindOf, siteKindsOf, villageScores } from './rules'
import { centroidOf, distanceToSite, polygonProblem } from './shapes'
import { geoIndex } from '../geo'

/**
 * The campaign (issue 26): the 测评体系, 点位 and 路段 as reference data admins import and edit,
 * monthly rounds of inspections, their shortfalls filed as 整改 cases through the case model
 * (report/cases.ts), and the villages' scores entered from the deductions. docs/campaign.md.
 */

const DEFAULT_CAP_TIMES = 5
const DEFAULT_DEADLINE_HOURS = 72
const DEFAULT_PER_VILLAGE = 3

const requireEvaluator = (ctx: Ctx, what: string) => {
  if (!mayEvaluate(ctx.user, ctx.config)) throw forbidden(`只有测评员可以${what}`)
}

// ---------------------------------------------------------------- 测评体系

export async function catalog(ctx: Ctx): Promise<{ items: CatalogItem[] }> {
  const items = await ctx.store.campaign.catalog()
  return { items: ctx.user.role === 'admin' ? items : items.filter((i) => i.active) }
}

export async function importCatalog(ctx: Ctx, rows: z.output<typeof catalogRow>[]): Promise<{ created: number; updated: number }> {
  const stored = await ctx.store.campaign.catalog()
  const byId = new Map(stored.map((i) => [i.id, i]))
  const line = (i: number) => rows[i]!.row ?? i + 1
  const fail = (i: number, message: string, field: string): never => {
    throw invalid(`第 ${line(i)} 行：${message}`, `rows.${i}.${field}`)
  }
  const seen = new Map<string, number>()
  let next = stored.length
  const items: CatalogItem[] = rows.map((r, i) => {
    const indicator = indicatorOf(r.indicator ?? r.project)
    if (!indicator) fail(i, `测评项目「${r.indicator ?? r.project}」不是测评指标（${Object.values(SCORE_NAMES).join('、')}），可在“指标”列注明`, r.indicator ? 'indicator' : 'project')
    const { kinds, unknown } = siteKindsOf(r.kinds)
    if (unknown.length) fail(i, `点位类型「${unknown[0]}」不存在（可用：${Object.values(SITE_KIND_NAMES).join('、')}）`, 'kinds')
    if (!kinds.length) fail(i, '请填写点位类型', 'kinds')
    const deduction = deductionOf(r.deduction)
    if (deduction === null) fail(i, `扣分「${r.deduction}」中没有 0.1–100 之间的分值`, 'deduction')
    const id = r.id ?? `item-${String(++next).padStart(3, '0')}`
    if (seen.has(id)) fail(i, `编号「${id}」与第 ${seen.get(id)} 行重复`, 'id')
    seen.set(id, line(i))
    return {
      id, indicator: indicator!, project: r.project, content: r.content, standard: r.standard, kinds, deduction: deduction!,
      cap: r.cap ?? Math.min(100, deduction! * DEFAULT_CAP_TIMES), deadlineHours: r.deadlineHours ?? DEFAULT_DEADLINE_HOURS, active: true
    }
  })
  const merged = [...stored]
  for (const item of items) {
    const at = merged.findIndex((x) => x.id === item.id)
    if (at >= 0) merged[at] = item
    else merged.push(item)
  }
  const created = items.filter((i) => !byId.has(i.id)).length
  await ctx.store.transaction(async (tx) => {
    await tx.campaign.putCatalog(merged)
    await logOperation(ctx, tx, 'campaign.catalog', 'catalog', null, { created: items.filter((i) => !byId.has(i.id)).map((i) => i.id), updated: items.filter((i) => byId.has(i.id)).map((i) => i.id) })
  })
  return { created, updated: items.length - created }
}

export async function putCatalogItem(ctx: Ctx, input: z.output<(typeof campaignContract)['putCatalogItem']['input']>): Promise<CatalogItem> {
  const indicator = indicatorOf(input.indicator)
  if (!indicator) throw invalid(`「${input.indicator}」不是测评指标`, 'indicator')
  const stored = await ctx.store.campaign.catalog()
  const before = stored.find((i) => i.id === input.id) ?? null
  const item: CatalogItem = { ...input, indicator, kinds: [...new Set(input.kinds)], active: input.active ?? before?.active ?? true }
  if (item.cap < item.deduction) throw invalid('上限不能小于每处扣分', 'cap')
  await ctx.store.transaction(async (tx) => {
    await tx.campaign.putCatalog(before ? stored.map((i) => (i.id === item.id ? item : i)) : [...stored, item])
    await logOperation(ctx, tx, 'campaign.item', item.id, before, item)
  })
  return item
}

// ---------------------------------------------------------------- 点位 and 路段

export async function places(ctx: Ctx): Promise<{ sites: Site[]; roads: Road[] }> {
  const [sites, roads] = await Promise.all([ctx.store.campaign.sites(), ctx.store.campaign.roads()])
  return { sites, roads }
}

/** What a 点位 is checked against: the villages, the units, the 路段 (as stored), and the district's outline. */
interface SiteRefs { regions: Region[]; units: { id: string; name: string; active?: boolean }[]; roads: Road[] }

/** A 点位 as given (an import's row or the console's form), before its checks. */
interface SiteInput {
  id: string; name: string; kind: string; villageId: string; unitId: string; address?: string | null; roadId?: string | null; active?: boolean
  location?: { latitude: number; longitude: number } | null
  polygon?: [number, number][][] | null
}

/**
 * THE rules of a 点位, for the import and the console's form alike: its kind, village, unit and
 * 路段 exist (the unit active), and it is a point or a polygon — closed rings, at least three
 * corners, no edge crossing another, every corner within the district (inside a village's
 * boundary, where the district has boundaries). A polygon's `location` is its centre unless given.
 * `fail(message, field)` throws the caller's error (an import names the row).
 */
function checkSite(input: SiteInput, refs: SiteRefs, fail: (message: string, field: string) => never): Site {
  const kind = siteKindOf(input.kind)
  if (!kind) fail(`点位类型「${input.kind}」不存在（可用：${Object.values(SITE_KIND_NAMES).join('、')}）`, 'kind')
  if (!refs.regions.some((v) => v.id === input.villageId && v.level === 'village')) fail(`村居「${input.villageId}」不存在`, 'villageId')
  const unit = refs.units.find((u) => u.id === input.unitId)
  if (!unit) fail(`责任单位「${input.unitId}」不存在`, 'unitId')
  if (unit!.active === false) fail(`责任单位「${unit!.name}」已停用`, 'unitId')
  if (input.roadId && !refs.roads.some((x) => x.id === input.roadId)) fail(`路段「${input.roadId}」不存在`, 'roadId')
  const polygon = input.polygon?.length ? input.polygon : null
  if (polygon) {
    const problem = polygonProblem(polygon)
    if (problem) fail(problem, 'polygon')
    const outlined = refs.regions.some((r) => r.level === 'village' && r.boundary)
    if (outlined) {
      const index = geoIndex(refs.regions)
      const outside = polygon[0]!.findIndex(([longitude, latitude]) => !index.locate({ latitude, longitude }, 0)?.inside)
      if (outside >= 0) fail(`多边形第 ${outside + 1} 个顶点不在本区的村居范围内`, 'polygon')
    }
  } else if (!input.location) fail('请填写经纬度，或画出点位的范围（多边形）', 'location')
  return {
    id: input.id, name: input.name, kind: kind!, location: input.location ?? centroidOf(polygon!), polygon, villageId: input.villageId, unitId: input.unitId,
    address: input.address || null, roadId: input.roadId || null, active: input.active ?? true
  }
}

async function siteRefs(ctx: Ctx): Promise<SiteRefs & { stored: Site[] }> {
  const [stored, regions, units, roads] = await Promise.all([ctx.store.campaign.sites(), ctx.store.directory.listRegions(), ctx.store.directory.listUnits(), ctx.store.campaign.roads()])
  return { stored, regions, units, roads }
}

export async function importSites(ctx: Ctx, rows: z.output<typeof siteRow>[]): Promise<{ created: number; updated: number }> {
  const refs = await siteRefs(ctx)
  const stored = refs.stored
  const line = (i: number) => rows[i]!.row ?? i + 1
  const fail = (i: number, message: string, field: string): never => {
    throw invalid(`第 ${line(i)} 行：${message}`, `rows.${i}.${field}`)
  }
  const seen = new Map<string, number>()
  const sites: Site[] = rows.map((r, i) => {
    if (seen.has(r.id)) fail(i, `编号「${r.id}」与第 ${seen.get(r.id)} 行重复`, 'id')
    seen.set(r.id, line(i))
    if ((r.latitude === undefined) !== (r.longitude === undefined)) fail(i, '经度和纬度应同时填写', r.latitude === undefined ? 'latitude' : 'longitude')
    const location = r.latitude !== undefined && r.longitude !== undefined ? { latitude: r.latitude, longitude: r.longitude } : null
    return checkSite({ ...r, location }, refs, (message, field) => fail(i, message, field === 'location' ? 'latitude' : field))
  })
  const ids = new Set(stored.map((s) => s.id))
  const merged = [...stored.filter((s) => !seen.has(s.id)), ...sites]
  const created = sites.filter((s) => !ids.has(s.id)).length
  await ctx.store.transaction(async (tx) => {
    await tx.campaign.putSites(merged)
    await logOperation(ctx, tx, 'campaign.sites', 'sites', null, { created: sites.filter((s) => !ids.has(s.id)).map((s) => s.id), updated: sites.filter((s) => ids.has(s.id)).map((s) => s.id) })
  })
  return { created, updated: sites.length - created }
}

/** Adds or edits one 点位 (the console's map), by the import's rules; `active: false` 停用s it. Logged with before and after. */
export async function putSite(ctx: Ctx, input: z.output<(typeof campaignContract)['putSite']['input']>): Promise<Site> {
  const refs = await siteRefs(ctx)
  const before = refs.stored.find((s) => s.id === input.id) ?? null
  // an area's point is its centre, computed anew as it is redrawn
  const site = checkSite({ ...input, location: input.polygon?.length ? null : input.location ?? null }, refs, (message, field) => {
    throw invalid(message, field)
  })
  await ctx.store.transaction(async (tx) => {
    const now = await tx.campaign.sites()
    await tx.campaign.putSites(now.some((s) => s.id === site.id) ? now.map((s) => (s.id === site.id ? site : s)) : [...now, site])
    await logOperation(ctx, tx, 'campaign.site', site.id, before, site)
  })
  return site
}

/** THE rules of a 路段: its unit exists and is active (the line's shape is the contract's: at least two points). */
function checkRoad(input: { id: string; name: string; unitId: string; line: [number, number][]; active?: boolean }, units: SiteRefs['units'], fail: (message: string, field: string) => never): Road {
  const unit = units.find((u) => u.id === input.unitId)
  if (!unit) fail(`责任单位「${input.unitId}」不存在`, 'unitId')
  if (unit!.active === false) fail(`责任单位「${unit!.name}」已停用`, 'unitId')
  return { id: input.id, name: input.name, unitId: input.unitId, line: input.line.map(([x, y]) => [x, y] as [number, number]), active: input.active ?? true }
}

export async function importRoads(ctx: Ctx, input: z.output<(typeof campaignContract)['importRoads']['input']>): Promise<{ created: number; updated: number }> {
  const [stored, units] = await Promise.all([ctx.store.campaign.roads(), ctx.store.directory.listUnits()])
  const seen = new Set<string>()
  const roads: Road[] = input.features.map((f, i) => {
    const p = f.properties
    const where = `第 ${i + 1} 个路段（${p.name}）`
    if (seen.has(p.id)) throw invalid(`${where}：编号「${p.id}」重复`, `features.${i}.properties.id`)
    seen.add(p.id)
    return checkRoad({ ...p, line: f.geometry.coordinates }, units, (message, field) => {
      throw invalid(`${where}：${message}`, `features.${i}.properties.${field}`)
    })
  })
  const ids = new Set(stored.map((r) => r.id))
  const created = roads.filter((r) => !ids.has(r.id)).length
  await ctx.store.transaction(async (tx) => {
    await tx.campaign.putRoads([...stored.filter((r) => !seen.has(r.id)), ...roads])
    await logOperation(ctx, tx, 'campaign.roads', 'roads', null, { created: roads.filter((r) => !ids.has(r.id)).map((r) => r.id), updated: roads.filter((r) => ids.has(r.id)).map((r) => r.id) })
  })
  return { created, updated: roads.length - created }
}

/** Adds or edits one 路段 (the console's map), by the import's rules; `active: false` 停用s it. Logged with before and after. */
export async function putRoad(ctx: Ctx, input: z.output<(typeof campaignContract)['putRoad']['input']>): Promise<Road> {
  const [stored, units] = await Promise.all([ctx.store.campaign.roads(), ctx.store.directory.listUnits()])
  const before = stored.find((r) => r.id === input.id) ?? null
  const road = checkRoad(input, units, (message, field) => {
    throw invalid(message, field)
  })
  await ctx.store.transaction(async (tx) => {
    const now = await tx.campaign.roads()
    await tx.campaign.putRoads(now.some((r) => r.id === road.id) ? now.map((r) => (r.id === road.id ? road : r)) : [...now, road])
    await logOperation(ctx, tx, 'campaign.road', road.id, before, road)
  })
  return road
}

// ---------------------------------------------------------------- rounds

async function evaluatorsOf(ctx: Ctx, userIds: string[]) {
  const users = await Promise.all([...new Set(userIds)].map((u) => ctx.store.users.getByUserId(u)))
  return users.map((u, i) => {
    if (!u) throw invalid(`用户「${userIds[i]}」不存在`, 'evaluators')
    if (!mayEvaluate(u, ctx.config)) throw invalid(`「${u.nickname}」不是测评员，请先在人员管理中设为测评员`, 'evaluators')
    return u
  })
}

/** The answer form of a round: its 点位 with their villages, units, evaluators and what was found (five reads). */
async function roundAnswer(ctx: Ctx, round: StoredRound): Promise<Round> {
  const [sites, regions, inspections, evaluators] = await Promise.all([
    ctx.store.campaign.sites(), ctx.store.directory.listRegions(), ctx.store.campaign.inspectionsOf(round.period),
    // the caller, when one of them, as this call loaded them: not read again
    ctx.store.users.getMany(round.assignments.map((a) => a.evaluator).filter((openid) => openid !== ctx.user.openid))
  ])
  const site = new Map(sites.map((s) => [s.id, s]))
  const done = new Map(inspections.map((i) => [i.siteId, i]))
  const people = new Map([ctx.user, ...evaluators].map((u) => [u.openid, u]))
  return {
    period: round.period, kind: round.kind, perVillage: round.perVillage, status: round.status, createdAt: isoLocal(round.createdAt, ctx.config),
    closedAt: round.closedAt ? isoLocal(round.closedAt, ctx.config) : null,
    sites: round.assignments.map((a) => {
      const s = site.get(a.siteId)
      const i = done.get(a.siteId)
      const u = people.get(a.evaluator)
      return {
        siteId: a.siteId, siteName: s?.name ?? i?.siteName ?? a.siteId, kind: s?.kind ?? i?.kind ?? 'road', villageId: s?.villageId ?? i?.villageId ?? '',
        villageName: regions.find((r) => r.id === (s?.villageId ?? i?.villageId))?.name ?? '', unitId: i?.unitId ?? s?.unitId ?? '',
        evaluator: u ? { userId: u.userId ?? '', nickname: u.nickname } : null, inspected: !!i, shortfalls: i ? i.answers.filter((x) => !x.passed).length : 0
      }
    })
  }
}

export async function planRound(ctx: Ctx, input: z.output<(typeof campaignContract)['planRound']['input']>): Promise<Round> {
  const kind = kindOf(input.period)
  const [existing, sites, regions, evaluators] = await Promise.all([
    ctx.store.campaign.getRound(input.period), ctx.store.campaign.sites(), ctx.store.directory.listRegions(), evaluatorsOf(ctx, input.evaluators)
  ])
  if (existing) throw conflict(`${input.period} 已安排测评，可调整点位分配`)
  for (const v of input.villageIds ?? []) if (!regions.some((r) => r.id === v && r.level === 'village')) throw invalid(`村居「${v}」不存在`, 'villageIds')
  const wanted = input.villageIds ? new Set(input.villageIds) : null
  const byVillage = new Map<string, Site[]>()
  for (const s of sites) if (s.active && (!wanted || wanted.has(s.villageId))) byVillage.set(s.villageId, [...(byVillage.get(s.villageId) ?? []), s])
  if (!byVillage.size) throw invalid('所选村居还没有创文点位，请先导入点位', 'villageIds')
  const perVillage = kind === 'minor' ? input.perVillage ?? DEFAULT_PER_VILLAGE : null
  const assignments: StoredRound['assignments'] = []
  ;[...byVillage.keys()].sort().forEach((villageId, i) => {
    const list = byVillage.get(villageId)!.sort((a, b) => hashOf(`${input.period}:${a.id}`) - hashOf(`${input.period}:${b.id}`) || a.id.localeCompare(b.id))
    const evaluator = evaluators[i % evaluators.length]!.openid
    for (const s of perVillage === null ? list : list.slice(0, perVillage)) assignments.push({ siteId: s.id, evaluator })
  })
  const round: StoredRound = { period: input.period, kind, perVillage, status: 'open', createdAt: ctx.clock(), createdBy: ctx.user.openid, closedAt: null, assignments }
  await ctx.store.transaction(async (tx) => {
    if (await tx.campaign.getRound(input.period)) throw conflict(`${input.period} 已安排测评，可调整点位分配`)
    await tx.campaign.putRound(round)
    await logOperation(ctx, tx, 'campaign.plan', input.period, null, { kind, perVillage, sites: assignments.length })
  })
  return roundAnswer(ctx, round)
}

async function openRound(ctx: Ctx, period: string): Promise<StoredRound> {
  const round = await ctx.store.campaign.getRound(period)
  if (!round) throw notFound(`${period} 还没有安排测评`)
  if (round.status !== 'open') throw conflict(`${period} 的测评已结束`)
  return round
}

export async function assignSites(ctx: Ctx, input: { period: string; siteIds: string[]; evaluator: string }): Promise<Round> {
  const [round, [evaluator]] = await Promise.all([openRound(ctx, input.period), evaluatorsOf(ctx, [input.evaluator])])
  const missing = input.siteIds.find((id) => !round.assignments.some((a) => a.siteId === id))
  if (missing) throw invalid(`点位「${missing}」不在本轮测评中`, 'siteIds')
  const next = await ctx.store.transaction(async (tx) => {
    const r = await tx.campaign.getRound(input.period)
    if (!r || r.status !== 'open') throw conflict(`${input.period} 的测评已结束`)
    const changed = { ...r, assignments: r.assignments.map((a) => (input.siteIds.includes(a.siteId) ? { ...a, evaluator: evaluator!.openid } : a)) }
    await tx.campaign.putRound(changed)
    await logOperation(ctx, tx, 'campaign.assign', input.period, null, { siteIds: input.siteIds, evaluator: evaluator!.nickname })
    return changed
  })
  return roundAnswer(ctx, next)
}

export async function roundOf(ctx: Ctx, period: string): Promise<Round | null> {
  const round = await ctx.store.campaign.getRound(period)
  return round ? roundAnswer(ctx, round) : null
}

/** An evaluator's 点位 of the month: the round, the 点位, the 测评体系, the regions and their own inspections (five reads). */
export async function mySites(ctx: Ctx, period: string, location?: { latitude: number; longitude: number }) {
  requireEvaluator(ctx, '查看测评点位')
  const [round, sites, items, regions, mine] = await Promise.all([
    ctx.store.campaign.getRound(period), ctx.store.campaign.sites(), ctx.store.campaign.catalog(), ctx.store.directory.listRegions(), ctx.store.campaign.inspectionsOf(period, ctx.user.openid)
  ])
  if (!round) return { period, status: null, items: [] as MySite[] }
  const site = new Map(sites.map((s) => [s.id, s]))
  const done = new Set(mine.map((i) => i.siteId))
  const list: MySite[] = round.assignments
    .filter((a) => a.evaluator === ctx.user.openid && site.has(a.siteId))
    .map((a) => {
      const s = site.get(a.siteId)!
      return {
        ...s, villageName: regions.find((r) => r.id === s.villageId)?.name ?? '', distance: location ? Math.round(distanceToSite(location, s)) : null,
        inspected: done.has(s.id), items: items.filter((i) => i.active && i.kinds.includes(s.kind))
      }
    })
  list.sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0) || a.villageId.localeCompare(b.villageId) || a.name.localeCompare(b.name, 'zh'))
  return { period, status: round.status, items: list }
}

// ---------------------------------------------------------------- inspections

const inspectionId = (period: string, siteId: string) => `${period}:${siteId}`

function findingsOf(ctx: Pick<Deps, 'config'>, inspections: StoredInspection[], regions: Region[], units: { id: string; name: string }[], people: Map<string, string>): Finding[] {
  return inspections.flatMap((i) => i.answers.filter((a) => !a.passed).map((a): Finding => ({
    period: i.period, siteId: i.siteId, siteName: i.siteName, kind: i.kind, villageId: i.villageId, villageName: regions.find((r) => r.id === i.villageId)?.name ?? '',
    unitId: i.unitId, unitName: units.find((u) => u.id === i.unitId)?.name ?? i.unitId, itemId: a.itemId, indicator: a.indicator, standard: a.standard,
    count: a.count, deduction: a.deduction, photos: a.photos, note: a.note, caseId: a.caseId, inspectedAt: isoLocal(i.at, ctx.config), evaluator: people.get(i.evaluator) ?? '测评员'
  })))
}

async function inspectionAnswer(ctx: Ctx, i: StoredInspection) {
  const [regions, units] = await Promise.all([ctx.store.directory.listRegions(), ctx.store.directory.listUnits()])
  return { siteId: i.siteId, period: i.period, findings: findingsOf(ctx, [i], regions, units, new Map([[ctx.user.openid, ctx.user.nickname]])) }
}

export async function inspect(ctx: Ctx, input: { period: string; siteId: string; clientKey: string; answers: z.output<typeof answerInput>[] }) {
  requireEvaluator(ctx, '提交测评结果')
  const id = inspectionId(input.period, input.siteId)
  const earlier = await ctx.store.campaign.getInspection(id)
  if (earlier) {
    if (earlier.clientKey === input.clientKey && earlier.evaluator === ctx.user.openid) return inspectionAnswer(ctx, earlier)
    throw conflict('该点位本轮已测评，不能重复提交')
  }
  const [round, sites, items, roads] = await Promise.all([openRound(ctx, input.period), ctx.store.campaign.sites(), ctx.store.campaign.catalog(), ctx.store.campaign.roads()])
  const assignment = round.assignments.find((a) => a.siteId === input.siteId)
  if (!assignment) throw invalid('该点位不在本轮测评中', 'siteId')
  if (assignment.evaluator !== ctx.user.openid && ctx.user.role !== 'admin') throw forbidden('该点位不是分配给您的')
  const site = sites.find((s) => s.id === input.siteId)
  if (!site) throw invalid('点位不存在', 'siteId')
  const applicable = items.filter((i) => i.active && i.kinds.includes(site.kind))
  const seen = new Set<string>()
  input.answers.forEach((a, n) => {
    if (seen.has(a.itemId)) throw invalid('同一测评项目只能填写一次', `answers.${n}.itemId`)
    seen.add(a.itemId)
    if (!applicable.some((i) => i.id === a.itemId)) throw invalid(`测评项目「${a.itemId}」不适用于该点位`, `answers.${n}.itemId`)
    if (!a.passed && !(a.photos ?? []).length) throw invalid('不达标的项目须拍照', `answers.${n}.photos`)
    if (a.passed && ((a.photos ?? []).length || a.count)) throw invalid('达标的项目无需填写处数和照片', `answers.${n}.passed`)
  })
  const missing = applicable.find((i) => !seen.has(i.id))
  if (missing) throw invalid(`还有测评项目未填写：${missing.content}`, 'answers')
  for (const [n, a] of input.answers.entries()) {
    if (a.note && !(await ctx.contentCheck.isAcceptable(a.note, ctx.user.openid))) throw contentRejected('内容含有不当信息，请修改后再提交', `answers.${n}.note`)
  }
  const photos = input.answers.flatMap((a) => a.photos ?? [])
  await requirePhotos(ctx, photos, 'answers')
  // a 点位 on a 路段: its shortfalls are the 路段's unit's (局委包路段)
  const road = site.roadId ? roads.find((r) => r.id === site.roadId && r.active) : undefined
  const unitId = road?.unitId ?? site.unitId
  const [staff, calendar] = await Promise.all([staffOf(ctx.store, unitId), workCalendar(ctx)])
  const now = ctx.clock()
  const itemOf = (itemId: string) => applicable.find((i) => i.id === itemId)!
  const failed = input.answers.filter((a) => !a.passed)
  const drafts: InspectionCaseDraft[] = failed.map((a) => {
    const item = itemOf(a.itemId)
    const count = a.count ?? 1
    return {
      clientId: `insp:${input.period}:${site.id}:${item.id}`.slice(0, 64), unitId, villageId: site.villageId,
      description: `【${KIND_NAMES[round.kind]}】${site.name}：${item.standard}（发现 ${count} 处${a.note ? `，${a.note}` : ''}）`.slice(0, 500),
      photos: a.photos ?? [], location: { ...site.location, address: site.address ?? site.name }, dueAt: dueAt(now, item.deadlineHours, calendar, ctx.config.utcOffsetMinutes)
    }
  })
  const done = await ctx.store.transaction(async (tx) => {
    const again = await tx.campaign.getInspection(id)
    if (again) return { inspection: again, cases: null }
    const cases = await fileInspectionCases(ctx, tx, drafts, new Map([[unitId, staff]]))
    const answers: StoredAnswer[] = input.answers.map((a) => {
      const item = itemOf(a.itemId)
      const count = a.passed ? 0 : a.count ?? 1
      const at = failed.indexOf(a)
      return {
        itemId: item.id, indicator: item.indicator, standard: item.standard, passed: a.passed, count, deduction: Math.round(count * item.deduction * 10) / 10, cap: item.cap,
        photos: a.photos ?? [], note: a.note || null, caseId: at >= 0 ? cases.filed[at]!.id : null
      }
    })
    const inspection: StoredInspection = { id, period: input.period, siteId: site.id, siteName: site.name, kind: site.kind, villageId: site.villageId, unitId, evaluator: ctx.user.openid, clientKey: input.clientKey, at: now, answers }
    await tx.campaign.putInspection(inspection)
    return { inspection, cases }
  })
  if (!done.cases) {
    if (done.inspection.clientKey === input.clientKey && done.inspection.evaluator === ctx.user.openid) return inspectionAnswer(ctx, done.inspection)
    throw conflict('该点位本轮已测评，不能重复提交')
  }
  await afterInspectionCases(ctx, done.cases)
  return inspectionAnswer(ctx, done.inspection)
}

// ---------------------------------------------------------------- scores and the 通报

function scoresOfRound(ctx: Pick<Deps, 'config'>, period: string, inspections: StoredInspection[], regions: Region[], live: Map<string, Scores> = new Map()): VillageRoundScore[] {
  const weights: Scores = { ...ctx.config.evaluationKinds[kindOf(period)] }
  const byVillage = new Map<string, StoredInspection[]>()
  for (const i of inspections) byVillage.set(i.villageId, [...(byVillage.get(i.villageId) ?? []), i])
  return [...byVillage].map(([villageId, list]) => ({ villageId, villageName: regions.find((r) => r.id === villageId)?.name ?? villageId, ...villageScores(list, weights, live.get(villageId)) }))
    .sort((a, b) => b.total - a.total || a.villageId.localeCompare(b.villageId))
}

/**
 * The live figures' suggestions for the indicators no item of the 测评体系 counts against (志愿服务
 * from the drives, the participation indicator from the 积分; config `volunteerIndicator`,
 * `participationIndicator`), per inspected village: read at close only (a few reads a village).
 */
async function liveSuggestions(ctx: Ctx, period: string, villageIds: string[]): Promise<Map<string, Scores>> {
  const weights: Scores = { ...ctx.config.evaluationKinds[kindOf(period)] }
  const covered = new Set((await ctx.store.campaign.catalog()).filter((i) => i.active).map((i) => i.indicator))
  const participation = ctx.config.participationIndicator?.indicator
  const wanted = (k: ScoreKey) => (weights[k] ?? 0) > 0 && !covered.has(k)
  if (!wanted('volunteering') && !(participation && wanted(participation))) return new Map()
  const out = new Map<string, Scores>()
  for (const villageId of villageIds) {
    const f = await monthFigures(ctx, villageId, period)
    const s: Scores = {}
    if (wanted('volunteering') && f.suggested) s.volunteering = f.suggested.volunteering
    if (participation && wanted(participation) && f.suggestedParticipation) s[participation] = f.suggestedParticipation.score
    out.set(villageId, s)
  }
  return out
}

/**
 * Closes the round: each inspected village's scores from the deductions are entered as the
 * month's evaluation (each village in its own transaction with the month's re-ranking, logged),
 * then the round is closed. A close that stopped half-way is run again (the round is still open).
 */
export async function closeRound(ctx: Ctx, period: string): Promise<{ period: string; scores: VillageRoundScore[] }> {
  requireEvaluator(ctx, '结束测评')
  await openRound(ctx, period)
  const [inspections, regions] = await Promise.all([ctx.store.campaign.inspectionsOf(period), ctx.store.directory.listRegions()])
  const live = await liveSuggestions(ctx, period, [...new Set(inspections.map((i) => i.villageId))])
  const scores = scoresOfRound(ctx, period, inspections, regions, live)
  const kind = kindOf(period)
  for (const s of scores) {
    await ctx.store.transaction(async (tx) => {
      await tx.ranking.saveEvaluation({ villageId: s.villageId, period, kind, scores: s.scores, total: s.total, submittedAt: ctx.clock(), submittedBy: ctx.user.openid })
      await rerank(tx, period)
      await logOperation(ctx, tx, 'evaluation.fromRound', `${s.villageId}:${period}`, null, { scores: s.scores, total: s.total, deducted: s.deducted })
    })
  }
  await ctx.store.transaction(async (tx) => {
    const r = await tx.campaign.getRound(period)
    if (!r || r.status !== 'open') throw conflict(`${period} 的测评已结束`)
    await tx.campaign.putRound({ ...r, status: 'closed', closedAt: ctx.clock() })
    await logOperation(ctx, tx, 'campaign.close', period, null, { villages: scores.length, inspected: inspections.length })
  })
  return { period, scores }
}

/** The month's shortfalls for the 月度通报 and the findings' export: four reads. */
export async function findings(ctx: Ctx, period: string): Promise<{ period: string; items: Finding[]; villages: VillageRoundScore[] }> {
  const [inspections, regions, units] = await Promise.all([ctx.store.campaign.inspectionsOf(period), ctx.store.directory.listRegions(), ctx.store.directory.listUnits()])
  const people = await ctx.store.users.getMany([...new Set(inspections.map((i) => i.evaluator))])
  const items = findingsOf(ctx, inspections, regions, units, new Map(people.map((u) => [u.openid, u.nickname])))
    .sort((a, b) => a.villageId.localeCompare(b.villageId) || a.siteName.localeCompare(b.siteName, 'zh') || a.itemId.localeCompare(b.itemId))
  return { period, items, villages: scoresOfRound(ctx, period, inspections, regions) }
}

/** The findings as a sheet: CSV text, and the same rows for the console's .xlsx. */
export async function exportFindings(ctx: Ctx, period: string): Promise<{ filename: string; csv: string; rows: (string | number)[][] }> {
  const { items } = await findings(ctx, period)
  const rows = [
    ['月份', '村居', '点位', '点位类型', '责任单位', '测评指标', '测评标准', '处数', '扣分', '说明', '照片', '整改工单', '测评员', '测评时间'],
    ...items.map((f) => [f.period, f.villageName, f.siteName, SITE_KIND_NAMES[f.kind], f.unitName, SCORE_NAMES[f.indicator], f.standard, f.count, f.deduction, f.note ?? '', f.photos.join(' '), f.caseId ?? '', f.evaluator, f.inspectedAt])
  ]
  return { filename: `测评问题清单-${safeFileName(period)}.csv`, csv: csv(rows), rows }
}
