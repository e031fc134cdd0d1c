import { SCORE_KEYS, SCORE_NAMES, indicatorsOf, weightedTotal, type ScoreKey, type Scores } from '../../../types/names'
import { SITE_KINDS, SITE_KIND_NAMES, type GeoPosition, type SiteKind } from '../../../types/campaign'
import type { StoredInspection } from './ports'

/** The rules of the campaign (issue 26), pure: names to codes, distances to a 路段, scores from deductions. */

const round1 = (x: number) => Math.round(x * 10) / 10

/** A 点位类型 as written in a sheet (「农贸市场」 or `market`), or null. */
export function siteKindOf(text: string): SiteKind | null {
  const t = text.trim()
  if ((SITE_KINDS as readonly string[]).includes(t)) return t as SiteKind
  return SITE_KINDS.find((k) => SITE_KIND_NAMES[k] === t) ?? null
}

/** 「农贸市场、背街小巷」 (、，, ; / or spaces between) as kinds; the unknown names apart. */
export function siteKindsOf(text: string): { kinds: SiteKind[]; unknown: string[] } {
  const parts = text.split(/[、，,;；/\s]+/).map((p) => p.trim()).filter(Boolean)
  const kinds: SiteKind[] = []
  const unknown: string[] = []
  for (const p of parts) {
    if (p === '全部' || p === '所有') kinds.push(...SITE_KINDS)
    else {
      const k = siteKindOf(p)
      if (k) kinds.push(k)
      else unknown.push(p)
    }
  }
  return { kinds: [...new Set(kinds)], unknown }
}

/** The indicator a 测评项目 counts against: its name (公共环境卫生) or key (environment), else null. */
export function indicatorOf(text: string): ScoreKey | null {
  const t = text.trim()
  if ((SCORE_KEYS as readonly string[]).includes(t)) return t as ScoreKey
  return SCORE_KEYS.find((k) => SCORE_NAMES[k] === t) ?? null
}

/** 扣分 as written: a number, or the first number of 「每处扣 0.5 分」; null when none. */
export function deductionOf(value: number | string): number | null {
  if (typeof value === 'number') return value
  const m = /(\d+(?:\.\d+)?)/.exec(value)
  const n = m ? Number(m[1]) : NaN
  return Number.isFinite(n) && n > 0 && n <= 100 ? n : null
}

/** Metres from a point to a line (`[lng, lat]` positions): each segment in a local flat projection (exact enough within a district). */
export function distanceToLine(p: GeoPosition, line: [number, number][]): number {
  const R = 6371008.8
  const rad = Math.PI / 180
  const kx = Math.cos(p.latitude * rad) * R * rad
  const ky = R * rad
  const xy = ([lng, lat]: [number, number]) => [(lng - p.longitude) * kx, (lat - p.latitude) * ky] as const
  let best = Infinity
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = xy(line[i]!)
    const [bx, by] = xy(line[i + 1]!)
    const dx = bx - ax
    const dy = by - ay
    const len2 = dx * dx + dy * dy
    const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0
    const d = Math.hypot(ax + t * dx, ay + t * dy)
    if (d < best) best = d
  }
  return line.length === 1 ? Math.hypot(...xy(line[0]!)) : best
}

/** The nearest active 路段 within `radius` metres of a point, or null. */
export function nearestRoad<R extends { line: [number, number][]; active: boolean }>(p: GeoPosition, roads: R[], radius: number): R | null {
  let best: { road: R; d: number } | null = null
  for (const road of roads) {
    if (!road.active) continue
    const d = distanceToLine(p, road.line)
    if (d <= radius && (!best || d < best.d)) best = { road, d }
  }
  return best?.road ?? null
}

/** A stable pseudo-random order (a round samples the same 点位 however often it is computed). */
export function hashOf(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/**
 * Deductions per item of a group (a village or a unit): Σ count × deduction, capped by the item's
 * cap, summed per indicator.
 */
export function deductionsByIndicator(inspections: StoredInspection[]): Partial<Record<ScoreKey, number>> {
  const perItem = new Map<string, { indicator: ScoreKey; sum: number; cap: number }>()
  for (const i of inspections) for (const a of i.answers) {
    if (a.passed) continue
    const e = perItem.get(a.itemId) ?? { indicator: a.indicator, sum: 0, cap: a.cap }
    e.sum += a.deduction
    perItem.set(a.itemId, e)
  }
  const out: Partial<Record<ScoreKey, number>> = {}
  for (const e of perItem.values()) out[e.indicator] = round1((out[e.indicator] ?? 0) + Math.min(e.sum, e.cap))
  return out
}

/**
 * A village's scores from its inspections: each indicator the month measures, 100 minus its capped
 * deductions (at least 0); an indicator no item of the 测评体系 counts against takes the live
 * figure's suggestion when `live` has one (志愿服务, the participation indicator), else 100.
 */
export function villageScores(inspections: StoredInspection[], weights: Scores, live: Scores = {}): { scores: Scores; total: number; deducted: number } {
  const deducted = deductionsByIndicator(inspections)
  const scores: Scores = Object.fromEntries(indicatorsOf(weights).map((k) => [k, live[k] ?? Math.max(0, round1(100 - (deducted[k] ?? 0)))]))
  return { scores, total: weightedTotal(scores, weights), deducted: round1(Object.values(deducted).reduce((s, d) => s + (d ?? 0), 0)) }
}

/** A unit's deductions in a month: every indicator's capped deductions of the shortfalls that went to it. */
export function unitDeductions(inspections: StoredInspection[]): Map<string, number> {
  const byUnit = new Map<string, StoredInspection[]>()
  for (const i of inspections) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i])
  return new Map([...byUnit].map(([unitId, list]) => [unitId, round1(Object.values(deductionsByIndicator(list)).reduce((s, d) => s + (d ?? 0), 0))]))
}
