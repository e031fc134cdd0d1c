import type { Dashboard, DashboardDay, DashboardUnit } from '../../../types/report'
import { DASHBOARD_MAX_DAYS } from '../../../types/report'
import type { Ctx } from '../context'
import { forbidden, invalid } from '../errors'
import { isoLocal } from '../time'
import type { DayCounts } from './ports'

/**
 * The console's 仪表盘 (issue 14): the campaign's figures over a date range of the district's
 * calendar, in the caller's scope — admins the district, staff their own unit's cases (the rule of
 * `mayHandle`: a town's office is a unit, so its staff see the cases routed to it). Every figure is
 * one GROUP BY (SQLite) or one aggregation (CloudBase) whatever the number of cases, plus the
 * reference data, the drives by village and one page of the overdue queue.
 */

const DAY = 86_400_000
/** The most overdue cases listed (the total is counted). */
export const OVERDUE_LIST = 50

const round1 = (x: number) => Math.round(x * 10) / 10
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
const dayOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY
const byDay = (counts: DayCounts) => new Map(counts.map((c) => [c.day, c.n]))

export async function dashboard(ctx: Ctx, input: { from?: string; to?: string }): Promise<Dashboard> {
  const now = ctx.clock()
  const off = ctx.config.utcOffsetMinutes
  const today = isoLocal(now, ctx.config).slice(0, 10)
  const to = input.to ?? (input.from && input.from > today ? input.from : today)
  const from = input.from ?? `${to.slice(0, 8)}01`
  if (from > to) throw invalid('开始日期不能晚于结束日期', 'from')
  const firstDay = dayOfDate(from)
  const lastDay = dayOfDate(to)
  if (lastDay - firstDay + 1 > DASHBOARD_MAX_DAYS) throw invalid(`时间范围最长 ${DASHBOARD_MAX_DAYS} 天`, 'to')

  let unitId: string | null = null
  if (ctx.user.role !== 'admin') {
    if (!ctx.user.unitId) throw forbidden('工作人员尚未指定所属单位，请联系管理员')
    unitId = ctx.user.unitId
  }
  const range = { from: new Date(firstDay * DAY - off * 60_000), to: new Date((lastDay + 1) * DAY - off * 60_000) }
  const [figures, regions, units, categories, drives, overdue] = await Promise.all([
    ctx.store.reports.dashboard({ unitId, ...range, now, utcOffsetMinutes: off }),
    ctx.store.directory.listRegions(),
    ctx.store.directory.listUnits(),
    ctx.store.directory.listCategories(),
    ctx.store.volunteer.driveFiguresByVillage(range.from, range.to, now),
    ctx.store.reports.queue({ unitId, overdueAt: now, urgent: true, kind: 'problem' }, undefined, OVERDUE_LIST)
  ])
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const categoryName = new Map(categories.map((c) => [c.code, c.name]))
  const regionName = new Map(regions.map((r) => [r.id, r.name]))

  const [received, accepted, resolved, overdueByDay] = [figures.received, figures.accepted, figures.resolved, figures.overdue].map(byDay) as [Map<number, number>, Map<number, number>, Map<number, number>, Map<number, number>]
  const days: DashboardDay[] = []
  for (let d = firstDay; d <= lastDay; d++) {
    days.push({ date: dateOfDay(d), received: received.get(d) ?? 0, accepted: accepted.get(d) ?? 0, resolved: resolved.get(d) ?? 0, overdue: overdueByDay.get(d) ?? 0 })
  }
  const sum = (k: keyof Omit<DashboardDay, 'date'>) => days.reduce((n, d) => n + d[k], 0)

  // the league table: every unit for admins (a unit without cases shows zeros), the caller's own for staff
  const rows = new Map(figures.byUnit.map((u) => [u.unitId, u]))
  const listed = unitId === null ? [...new Set([...units.map((u) => u.id), ...rows.keys()])] : [unitId]
  const league: DashboardUnit[] = listed.map((id) => {
    const u = rows.get(id) ?? { received: 0, resolved: 0, resolvedOnTime: 0, ratingSum: 0, ratingCount: 0, overdueOpen: 0 }
    return {
      unitId: id, name: unitName.get(id) ?? id, received: u.received, resolved: u.resolved, resolvedOnTime: u.resolvedOnTime,
      onTimeRate: u.resolved ? round1((u.resolvedOnTime / u.resolved) * 100) : null,
      ratingAverage: u.ratingCount ? Math.round((u.ratingSum / u.ratingCount) * 100) / 100 : null,
      ratingCount: u.ratingCount, overdueOpen: u.overdueOpen
    }
  })
  const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1)
  league.sort((a, b) => desc(a.onTimeRate, b.onTimeRate) || desc(a.ratingAverage, b.ratingAverage) || b.received - a.received || a.name.localeCompare(b.name, 'zh'))
  const all = figures.byUnit.reduce((t, u) => ({ resolved: t.resolved + u.resolved, onTime: t.onTime + u.resolvedOnTime, ratingSum: t.ratingSum + u.ratingSum, ratingCount: t.ratingCount + u.ratingCount }), { resolved: 0, onTime: 0, ratingSum: 0, ratingCount: 0 })

  const villageCases = new Map(figures.byVillage.map((v) => [v.key, v.n]))
  const villageDrives = new Map(drives.map((d) => [d.villageId, d]))
  const nowMs = now.getTime()
  return {
    from,
    to,
    scope: unitId === null ? { kind: 'district' } : { kind: 'unit', unitId, name: unitName.get(unitId) ?? unitId },
    totals: {
      received: sum('received'),
      accepted: sum('accepted'),
      resolved: sum('resolved'),
      overdue: sum('overdue'),
      onTimeRate: all.resolved ? round1((all.onTime / all.resolved) * 100) : null,
      ratingAverage: all.ratingCount ? Math.round((all.ratingSum / all.ratingCount) * 100) / 100 : null,
      overdueNow: figures.overdueNow
    },
    byDay: days,
    byCategory: figures.byCategory.map((c) => ({ code: c.key, name: categoryName.get(c.key) ?? c.key, count: c.n })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byVillage: regions.filter((r) => r.level === 'village').map((r) => {
      const d = villageDrives.get(r.id)
      return { villageId: r.id, name: r.name, townId: r.parentId, count: villageCases.get(r.id) ?? 0, drives: d?.drives ?? 0, volunteerHours: d ? round1(d.minutes / 60) : 0 }
    }),
    units: league,
    overdue: overdue.items.map((r) => ({
      id: r.id,
      category: r.category,
      categoryName: categoryName.get(r.category) ?? r.category,
      villageName: r.villageId ? regionName.get(r.villageId) ?? null : null,
      unitName: unitName.get(r.unitId) ?? r.unitId,
      createdAt: isoLocal(r.createdAt, ctx.config),
      dueAt: isoLocal(r.dueAt, ctx.config),
      overdueHours: Math.floor((nowMs - r.dueAt.getTime()) / 3_600_000)
    }))
  }
}
