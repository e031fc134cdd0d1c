import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { GeoPosition } from '../../../types/campaign'
import { distanceToLine } from './rules'

/**
 * The shapes of 点位 (issue 26): a 点位 is a point or a polygon (GeoJSON Polygon: an outer ring
 * and, rarely, holes; positions `[longitude, latitude]`, GCJ-02). Pure rules: what makes a ring
 * valid, a polygon's centre, whether a point lies in it, and how far a point is from a 点位.
 */

export type Position = [number, number]
export type PolygonCoords = Position[][]

/** Anything with a location and maybe a polygon (a 点位). */
export interface Shaped { location: GeoPosition; polygon?: PolygonCoords | null }

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]

/** Twice the signed area of a ring in degrees² (only its sign and zero matter). */
function area2(ring: Position[]): number {
  let s = 0
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1]
  return s
}

const orient = (a: Position, b: Position, c: Position) => {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return Math.abs(v) < 1e-18 ? 0 : Math.sign(v)
}
const onSegment = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])

/** Whether segments ab and cd meet (touching counts). */
function meet(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b)
  if (o1 !== o2 && o3 !== o4) return true
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))
}

/** What is wrong with a ring, in Chinese, or null: closed, at least three distinct corners, an area, no edge crossing or touching another. */
export function ringProblem(ring: Position[]): string | null {
  if (ring.length < 4) return '多边形至少 3 个顶点（首尾相同共 4 个点）'
  if (!same(ring[0]!, ring[ring.length - 1]!)) return '多边形未闭合：最后一个点应与第一个点相同'
  for (let i = 0; i + 1 < ring.length; i++) if (same(ring[i]!, ring[i + 1]!)) return `第 ${i + 2} 个顶点与前一个重复`
  if (new Set(ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3) return '多边形至少 3 个不同的顶点'
  const n = ring.length - 1 // edges i: ring[i] → ring[i+1]
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) {
        // neighbours share a corner: they may not fold back onto each other
        const [a, b] = j === i + 1 ? [ring[i]!, ring[i + 1]!] : [ring[i + 1]!, ring[i]!]
        const c = j === i + 1 ? ring[j + 1]! : ring[j]!
        if (orient(a, b, c) === 0 && n > 3 && ((c[0] - b[0]) * (a[0] - b[0]) + (c[1] - b[1]) * (a[1] - b[1])) > 0) return '多边形的边自相交'
        continue
      }
      if (meet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return '多边形的边自相交'
    }
  }
  if (area2(ring) === 0) return '多边形面积为零（顶点在一条线上）'
  return null
}

/** What is wrong with a polygon (its every ring), or null. */
export function polygonProblem(polygon: PolygonCoords): string | null {
  for (const [i, ring] of polygon.entries()) {
    const p = ringProblem(ring)
    if (p) return polygon.length > 1 ? `${i === 0 ? '外环' : `第 ${i} 个内环`}：${p}` : p
  }
  for (let i = 1; i < polygon.length; i++) {
    if (!polygon[i]!.slice(0, -1).every((q) => booleanPointInPolygon(q, { type: 'Polygon', coordinates: [polygon[0]!] }))) return `第 ${i} 个内环不在外环之内`
  }
  return null
}

/** The centre of a polygon's outer ring (its area's centroid), rounded to 0.1 m. */
export function centroidOf(polygon: PolygonCoords): GeoPosition {
  const ring = polygon[0]!
  const [ox, oy] = ring[0]!
  let a = 0, cx = 0, cy = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i]![0] - ox, y0 = ring[i]![1] - oy, x1 = ring[i + 1]![0] - ox, y1 = ring[i + 1]![1] - oy
    const f = x0 * y1 - x1 * y0
    a += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  const round = (n: number) => Math.round(n * 1e6) / 1e6
  return { longitude: round(ox + cx / (3 * a)), latitude: round(oy + cy / (3 * a)) }
}

export function insidePolygon(p: GeoPosition, polygon: PolygonCoords): boolean {
  return booleanPointInPolygon([p.longitude, p.latitude], { type: 'Polygon', coordinates: polygon })
}

/** Metres from a point to a 点位: 0 inside its polygon, else to the polygon's nearest edge; to the point of a point 点位. */
export function distanceToSite(p: GeoPosition, site: Shaped): number {
  if (site.polygon?.length) return insidePolygon(p, site.polygon) ? 0 : Math.min(...site.polygon.map((ring) => distanceToLine(p, ring)))
  return distanceToLine(p, [[site.location.longitude, site.location.latitude]])
}

/**
 * The 点位 a point belongs to: the active 点位 whose polygon holds it (the smallest such area: a
 * market inside a park is the market's), else the nearest active point 点位 within `radius`
 * metres; null when none.
 */
export function siteAt<S extends Shaped & { active: boolean }>(p: GeoPosition, sites: S[], radius: number): S | null {
  let best: { site: S; d: number } | null = null
  let area: { site: S; size: number } | null = null
  for (const s of sites) {
    if (!s.active) continue
    if (s.polygon?.length) {
      if (insidePolygon(p, s.polygon)) {
        const size = Math.abs(area2(s.polygon[0]!))
        if (!area || size < area.size) area = { site: s, size }
      }
      continue
    }
    if (!(radius > 0)) continue
    const d = distanceToSite(p, s)
    if (d <= radius && (!best || d < best.d)) best = { site: s, d }
  }
  return area?.site ?? best?.site ?? null
}
