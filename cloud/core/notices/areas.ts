import type { Ctx, Deps } from '../context'
import { invalid, notFound } from '../errors'
import { locateVillage } from '../geo/cases'
import { newId } from '../ids'
import type { StoredReport } from '../report/ports'
import { boxAround, distanceMeters } from '../report/rules'
import type { StoredAreaFollow } from './ports'

/**
 * Following an area (issue 25): a circle (centre, radius ≤ 2 km) with categories (none: every
 * category). Its followers hear when a public case in it is accepted and when it is fixed — one
 * message per case and step however many of their areas hold it, in the case's public form (the
 * supporters' notices of the case model, `report/cases.ts` applyDecision), from the outbox.
 * An area is found by the coarse grid cells its box touches: a case reads the areas of its one
 * cell (one indexed query), then keeps those whose circle holds it.
 */

/** The largest circle one may follow (metres). */
export const MAX_AREA_RADIUS = 2000
/** Areas one may follow at most. */
export const MAX_AREAS = 5
/** The grid (degrees): 0.05° is 5.6 km north–south and 4.6 km east–west at 35° N, so a 2 km circle's box (4 km across) touches at most 4 cells there. */
export const CELL_DEGREES = 0.05
/** Areas read for one case at most. */
const AREAS_PER_CELL = 1000

export const cellOf = (p: { latitude: number; longitude: number }) => `${Math.floor(p.latitude / CELL_DEGREES)}:${Math.floor(p.longitude / CELL_DEGREES)}`

/** The cells the circle's box touches. */
export function cellsOf(p: { latitude: number; longitude: number }, radius: number): string[] {
  const box = boxAround(p, radius)
  const cells: string[] = []
  for (let i = Math.floor(box.minLat / CELL_DEGREES); i <= Math.floor(box.maxLat / CELL_DEGREES); i++) {
    for (let j = Math.floor(box.minLng / CELL_DEGREES); j <= Math.floor(box.maxLng / CELL_DEGREES); j++) cells.push(`${i}:${j}`)
  }
  return cells
}

/** Follows an area: its centre in the district (INVALID_INPUT outside), known categories, at most five areas. */
export async function followArea(ctx: Ctx, input: { latitude: number; longitude: number; radius: number; categories: string[] }): Promise<void> {
  await locateVillage(ctx, input) // outside the district: INVALID_INPUT
  const [categories, mine] = await Promise.all([ctx.store.directory.listCategories(), ctx.store.notices.areasOf(ctx.user.openid)])
  const unknown = input.categories.find((c) => !categories.some((k) => k.code === c))
  if (unknown) throw invalid(`没有这个问题类别：${unknown}`, 'categories')
  if (mine.length >= MAX_AREAS) throw invalid(`最多关注 ${MAX_AREAS} 个区域`, 'latitude')
  const area: StoredAreaFollow = {
    id: newId(), openid: ctx.user.openid, latitude: input.latitude, longitude: input.longitude, radius: input.radius,
    categories: [...new Set(input.categories)], cells: cellsOf(input, input.radius), createdAt: ctx.clock()
  }
  await ctx.store.notices.addArea(area)
}

export async function unfollowArea(ctx: Ctx, id: string): Promise<void> {
  if (!(await ctx.store.notices.removeArea(ctx.user.openid, id))) throw notFound('没有关注这个区域')
}

/** Who follows an area holding this case in one of its categories, but its reporter: one indexed query. */
export async function areaFollowersOf(deps: Pick<Deps, 'store'>, r: Pick<StoredReport, 'latitude' | 'longitude' | 'category' | 'openid'>): Promise<string[]> {
  if (!Number.isFinite(r.latitude) || !Number.isFinite(r.longitude)) return []
  const areas = await deps.store.notices.areasInCell(cellOf(r), AREAS_PER_CELL)
  const found = areas.filter((a) => a.openid !== r.openid && (!a.categories.length || a.categories.includes(r.category)) && distanceMeters(a, r) <= a.radius)
  return [...new Set(found.map((a) => a.openid))]
}
