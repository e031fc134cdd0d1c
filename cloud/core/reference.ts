import type { z } from 'zod'
import type { Ctx, Deps } from './context'
import { conflict, invalid } from './errors'
import { logOperation } from './oplog'
import type { Category, Responsibility, Store, Unit } from './ports'
import type { WorkCalendar } from './report/rules'
import type { Region } from '../../types/ranking'
import type { regionRow } from '../../types/ranking'
import type { unitInput } from '../../types/user'
import type { RoutingEntry } from '../../types/report'

/**
 * 基础数据 (issue 14, part 4): the rules of the reference data admins edit in the console —
 * units, categories, the 分包 routing table, towns and villages, the calendar of working days and
 * the months whose results are published. Every change is checked here, written in one
 * transaction with its entry in the operation log.
 */

const WORK_CALENDAR = 'workCalendar'
const PUBLISHED = 'publishedPeriods'

const isActive = (x: { active?: boolean }) => x.active !== false

// ---------------------------------------------------------------- units

export async function putUnit(ctx: Ctx, input: z.output<typeof unitInput>): Promise<Unit> {
  const [units, regions, categories, routing] = await Promise.all([
    ctx.store.directory.listUnits(), ctx.store.directory.listRegions(), ctx.store.directory.listCategories(), ctx.store.directory.listResponsibilities()
  ])
  const before = units.find((u) => u.id === input.id) ?? null
  const townId = input.townId === undefined ? before?.townId ?? null : input.townId
  if (townId !== null && !regions.some((r) => r.id === townId && r.level === 'town')) throw invalid('所属镇街不存在', 'townId')
  if (units.some((u) => u.id !== input.id && u.name === input.name)) throw invalid(`已有名为「${input.name}」的单位`, 'name')
  const active = input.active ?? (before ? isActive(before) : true)
  if (!active) {
    const category = categories.find((c) => c.unitId === input.id && isActive(c))
    if (category) throw conflict(`类别「${category.name}」默认派往该单位，请先改派再停用`)
    if (routing.some((r) => r.unitId === input.id)) throw conflict('分包表中还有派往该单位的条目，请先改派再停用')
  }
  const unit: Unit = { id: input.id, name: input.name, townId, ...(active ? {} : { active: false }) }
  await ctx.store.transaction(async (tx) => {
    await tx.directory.putUnit(unit)
    await logOperation(ctx, tx, before ? 'unit.update' : 'unit.create', input.id, before, unit)
  })
  return unit
}

// ---------------------------------------------------------------- categories

/** The categories a caller is offered: active ones; admins asking for them also the deactivated. */
export async function categoriesFor(ctx: Ctx, includeInactive = false): Promise<Category[]> {
  const all = await ctx.store.directory.listCategories()
  return includeInactive && ctx.user.role === 'admin' ? all : all.filter(isActive)
}

export async function putCategory(ctx: Ctx, input: Omit<Category, 'active'> & { active?: boolean }): Promise<Category> {
  const [units, categories] = await Promise.all([ctx.store.directory.listUnits(), ctx.store.directory.listCategories()])
  const unit = units.find((u) => u.id === input.unitId)
  if (!unit) throw invalid('责任单位不存在', 'unitId')
  if (!isActive(unit)) throw invalid(`责任单位「${unit.name}」已停用`, 'unitId')
  const before = categories.find((c) => c.code === input.code) ?? null
  if (categories.some((c) => c.code !== input.code && c.name === input.name)) throw invalid(`已有名为「${input.name}」的类别`, 'name')
  const active = input.active ?? (before ? isActive(before) : true)
  const category: Category = { code: input.code, name: input.name, group: input.group, unitId: input.unitId, slaHours: input.slaHours, kind: input.kind, ...(active ? {} : { active: false }), ...(input.verifyBeforeClose ?? before?.verifyBeforeClose ? { verifyBeforeClose: true } : {}) }
  // its questions (issue 27): as given, else as they were; cases keep the answers they were filed with
  const questions = (input.questions ?? before?.questions ?? []).map((q) => ({ code: q.code, label: q.label, type: q.type, required: q.required, ...(q.type === 'choice' ? { options: q.options ?? [] } : {}) }))
  if (questions.length) category.questions = questions
  await ctx.store.transaction(async (tx) => {
    await tx.directory.putCategory(category)
    await logOperation(ctx, tx, before ? 'category.update' : 'category.create', input.code, before, category)
  })
  return category
}

// ---------------------------------------------------------------- 分包 routing

/**
 * The unit of a new case in a village: the village's own entry for the category or its group,
 * else its town's, else the category's unit. One read of the reference data on either store.
 */
export async function routeOf(store: Store, villageId: string | null, category: Category): Promise<string> {
  if (!villageId) return category.unitId
  const [regions, entries] = await Promise.all([store.directory.listRegions(), store.directory.listResponsibilities()])
  const townId = regions.find((r) => r.id === villageId)?.parentId ?? null
  for (const scope of [villageId, townId]) {
    if (!scope) continue
    for (const key of [category.code, category.group]) {
      const found = entries.find((e) => e.scopeId === scope && e.key === key)
      if (found) return found.unitId
    }
  }
  return category.unitId
}

export async function routing(ctx: Ctx): Promise<{ items: RoutingEntry[] }> {
  return { items: await ctx.store.directory.listResponsibilities() }
}

export async function setRouting(ctx: Ctx, input: { scopeId: string; group: string; unitId: string | null }): Promise<{ items: RoutingEntry[] }> {
  const [regions, units, categories, entries] = await Promise.all([
    ctx.store.directory.listRegions(), ctx.store.directory.listUnits(), ctx.store.directory.listCategories(), ctx.store.directory.listResponsibilities()
  ])
  if (!regions.some((r) => r.id === input.scopeId)) throw invalid('镇街或村居不存在', 'scopeId')
  const codes = categories.filter((c) => c.group === input.group).map((c) => c.code)
  if (!codes.length) throw invalid(`没有名为「${input.group}」的类别分组`, 'group')
  if (input.unitId !== null) {
    const unit = units.find((u) => u.id === input.unitId)
    if (!unit) throw invalid('责任单位不存在', 'unitId')
    if (!isActive(unit)) throw invalid(`责任单位「${unit.name}」已停用`, 'unitId')
  }
  // the cell is the group: the entries of its categories in this scope give way to it
  const keys = new Set([input.group, ...codes])
  const replaced: Responsibility[] = entries.filter((e) => e.scopeId === input.scopeId && keys.has(e.key))
  const changes = [
    ...replaced.map((e) => ({ scopeId: e.scopeId, key: e.key, unitId: null })),
    ...(input.unitId !== null ? [{ scopeId: input.scopeId, key: input.group, unitId: input.unitId }] : [])
  ]
  await ctx.store.transaction(async (tx) => {
    await tx.directory.setResponsibilities(changes)
    await logOperation(ctx, tx, 'routing.set', `${input.scopeId}:${input.group}`, replaced.length ? { entries: replaced.map((e) => ({ key: e.key, unitId: e.unitId })) } : null, input.unitId === null ? null : { unitId: input.unitId })
  })
  return routing(ctx)
}

// ---------------------------------------------------------------- towns and villages

export async function importRegions(ctx: Ctx, rows: z.output<typeof regionRow>[]): Promise<{ created: number; updated: number }> {
  const stored = new Map((await ctx.store.directory.listRegions()).map((r) => [r.id, r]))
  const inFile = new Map<string, { line: number; level: Region['level'] }>()
  const line = (i: number) => rows[i]!.row ?? i + 1
  const fail = (i: number, message: string, field: string): never => {
    throw invalid(`第 ${line(i)} 行：${message}`, `rows.${i}.${field}`)
  }
  rows.forEach((r, i) => {
    const seen = inFile.get(r.id)
    if (seen) fail(i, `编号「${r.id}」与第 ${seen.line} 行重复`, 'id')
    inFile.set(r.id, { line: line(i), level: r.level })
  })
  const names = new Map<string, number>()
  const result: Region[] = []
  let created = 0
  rows.forEach((r, i) => {
    const existing = stored.get(r.id)
    if (existing && existing.level !== r.level) fail(i, `「${r.id}」已是${existing.level === 'town' ? '镇街' : '村居'}，不能改变级别`, 'level')
    const parentId = r.parentId ? r.parentId : null
    if (r.level === 'town' && parentId) fail(i, '镇街不应填写上级编号', 'parentId')
    if (r.level === 'village') {
      if (!parentId) fail(i, '村居须填写所属镇街的编号', 'parentId')
      const parentLevel = inFile.get(parentId!)?.level ?? stored.get(parentId!)?.level
      if (!parentLevel) fail(i, `所属镇街「${parentId}」不存在`, 'parentId')
      if (parentLevel !== 'town') fail(i, `「${parentId}」不是镇街`, 'parentId')
    }
    const nameKey = `${parentId ?? ''}\n${r.name}`
    if (names.has(nameKey)) fail(i, `名称「${r.name}」与第 ${names.get(nameKey)} 行重复`, 'name')
    names.set(nameKey, line(i))
    if (!existing) created++
    // geography (center, boundary) stays as imported with ranking.importGeography
    result.push({ id: r.id, name: r.name, level: r.level, parentId, center: existing?.center ?? null, boundary: existing?.boundary ?? null })
  })
  await ctx.store.transaction(async (tx) => {
    await tx.directory.putRegions(result)
    await logOperation(ctx, tx, 'regions.import', 'regions', null, { created: result.filter((r) => !stored.has(r.id)).map((r) => r.id), updated: result.filter((r) => stored.has(r.id)).map((r) => r.id) })
  })
  return { created, updated: result.length - created }
}

// ---------------------------------------------------------------- calendar of working days

/** The calendar new deadlines count in: the one admins set, else the configured one (null: calendar hours). */
export async function workCalendar(deps: Pick<Deps, 'store' | 'config'>, store: Store = deps.store): Promise<WorkCalendar | null> {
  const stored = (await store.directory.getSetting(WORK_CALENDAR)) as WorkCalendar | null
  return stored ?? deps.config.workCalendar
}

export async function setCalendar(ctx: Ctx, input: WorkCalendar): Promise<{ calendar: WorkCalendar }> {
  const clash = input.holidays.find((d) => input.workdays.includes(d))
  if (clash) throw invalid(`${clash} 不能既是节假日又是调休上班日`, 'workdays')
  const calendar: WorkCalendar = { skipWeekends: input.skipWeekends, holidays: [...new Set(input.holidays)].sort(), workdays: [...new Set(input.workdays)].sort() }
  const before = await workCalendar(ctx)
  await ctx.store.transaction(async (tx) => {
    await tx.directory.putSetting(WORK_CALENDAR, calendar)
    await logOperation(ctx, tx, 'calendar.set', 'calendar', before, calendar)
  })
  return { calendar }
}

// ---------------------------------------------------------------- published months

export async function publishedPeriods(store: Store): Promise<string[]> {
  const value = await store.directory.getSetting(PUBLISHED)
  return Array.isArray(value) ? (value as string[]) : []
}

/** Seeding: these months are published (added to those already). */
export async function markPublished(store: Store, periods: string[]): Promise<void> {
  const current = await publishedPeriods(store)
  await store.directory.putSetting(PUBLISHED, [...new Set([...current, ...periods])].sort().reverse())
}

export async function publishPeriod(ctx: Ctx, period: string, published: boolean): Promise<{ period: string; published: boolean }> {
  if (published && !(await ctx.store.ranking.periods()).includes(period)) throw invalid('该月还没有测评分数，不能发布', 'period')
  await ctx.store.transaction(async (tx) => {
    const current = await publishedPeriods(tx)
    if (current.includes(period) === published) return
    await tx.directory.putSetting(PUBLISHED, published ? [...current, period].sort().reverse() : current.filter((p) => p !== period))
    await logOperation(ctx, tx, published ? 'period.publish' : 'period.withdraw', period, { published: !published }, { published })
  })
  return { period, published }
}

/** Staff and admins see every month; residents only published ones. */
export const seesUnpublished = (ctx: Pick<Ctx, 'user'>) => ctx.user.role === 'staff' || ctx.user.role === 'admin'
