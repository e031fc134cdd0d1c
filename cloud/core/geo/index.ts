import Flatbush from 'flatbush'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { Boundary, GeoPoint, Region } from '../../../types/ranking'
import { distanceMeters } from '../report/rules'

/**
 * The district's geography as an index: which village's boundary holds a point (an R-tree of the
 * boundaries' boxes, so only the few polygons whose box holds the point are tested), and which
 * village centers are nearest (the same kind of tree over the centers). Coordinates are GCJ-02,
 * as WeChat's `getLocation` gives them and as the district's map data is kept.
 */
export interface Located {
  village: Region
  town: Region | null
  /** The point lies inside the village's boundary (else: nearest center). */
  inside: boolean
  /** Metres from the village's center. */
  distance: number
}

export interface GeoIndex {
  /** Villages that have a boundary or a center. */
  readonly size: number
  /** The village whose boundary holds the point, else the one with the nearest center within `maxMeters`; null when none. */
  locate(point: GeoPoint, maxMeters: number): Located | null
  /** Villages whose boundary holds the point or whose center lies within `radius` metres, nearest first. */
  near(point: GeoPoint, radius: number, limit: number): Located[]
}

type Ring = number[][]

function boxOf(boundary: Boundary): [number, number, number, number] {
  const rings: Ring[] = boundary.type === 'Polygon' ? boundary.coordinates : boundary.coordinates.flat()
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const ring of rings) for (const [x, y] of ring as [number, number][]) {
    if (x < minX) minX = x
    if (y < minY) minY = y
    if (x > maxX) maxX = x
    if (y > maxY) maxY = y
  }
  return [minX, minY, maxX, maxY]
}

/** The center of a boundary when none is given: the middle of its outer ring's box. */
export function centerOf(boundary: Boundary): GeoPoint {
  const [minX, minY, maxX, maxY] = boxOf(boundary)
  const round = (n: number) => Math.round(n * 1e6) / 1e6 // 0.1 m: as precise as a map needs
  return { latitude: round((minY + maxY) / 2), longitude: round((minX + maxX) / 2) }
}

function build(regions: Region[]): GeoIndex {
  const towns = new Map(regions.filter((r) => r.level === 'town').map((r) => [r.id, r]))
  const villages = regions.filter((r) => r.level === 'village' && (r.boundary || r.center))
  const withBoundary = villages.filter((v) => v.boundary)
  const centerOfVillage = (v: Region): GeoPoint => v.center ?? centerOf(v.boundary!)
  const boxes = withBoundary.length ? new Flatbush(withBoundary.length) : null
  for (const v of withBoundary) boxes!.add(...boxOf(v.boundary!))
  boxes?.finish()
  const centers = villages.length ? new Flatbush(villages.length) : null
  for (const v of villages) {
    const c = centerOfVillage(v)
    centers!.add(c.longitude, c.latitude, c.longitude, c.latitude)
  }
  centers?.finish()

  const answer = (village: Region, point: GeoPoint, inside: boolean): Located => ({
    village,
    town: village.parentId ? towns.get(village.parentId) ?? null : null,
    inside,
    distance: distanceMeters(point, centerOfVillage(village))
  })
  const containing = (point: GeoPoint): Region[] =>
    boxes
      ? boxes
          .search(point.longitude, point.latitude, point.longitude, point.latitude)
          .map((i) => withBoundary[i]!)
          .filter((v) => booleanPointInPolygon([point.longitude, point.latitude], v.boundary!))
      : []
  /** Centers by distance: the tree ranks by degrees, so a few more than asked are measured in metres. */
  const nearestCenters = (point: GeoPoint, limit: number): Located[] =>
    centers
      ? centers
          .neighbors(point.longitude, point.latitude, Math.min(villages.length, limit * 2 + 4))
          .map((i) => answer(villages[i]!, point, false))
          .sort((a, b) => a.distance - b.distance)
      : []

  return {
    size: villages.length,
    locate(point, maxMeters) {
      const inside = containing(point)[0]
      if (inside) return answer(inside, point, true)
      const nearest = nearestCenters(point, 1)[0]
      return nearest && nearest.distance <= maxMeters ? nearest : null
    },
    near(point, radius, limit) {
      const inside = containing(point).map((v) => answer(v, point, true))
      const seen = new Set(inside.map((l) => l.village.id))
      const around = nearestCenters(point, limit).filter((l) => l.distance <= radius && !seen.has(l.village.id))
      return [...inside, ...around].slice(0, limit)
    }
  }
}

let builds = 0
let keys = 0
/** How many indexes were built, and keys of regions made, since the process started (tests: neither per request). */
export const geoIndexBuilds = () => builds
export const geoIndexKeys = () => keys

/** A fingerprint of a boundary's coordinates: their number and a weighted sum (no string is made). */
function boundarySum(boundary: Boundary | null | undefined): string {
  if (!boundary) return '0'
  const rings: Ring[] = boundary.type === 'Polygon' ? boundary.coordinates : boundary.coordinates.flat()
  let n = 0
  let sum = 0
  for (const ring of rings) for (const [x, y] of ring as [number, number][]) sum += ++n * (x * 1.000003 + y * 0.999997)
  return `${n}:${sum}`
}

function keyOf(regions: readonly Region[]): string {
  keys++
  return regions.map((r) => `${r.id}|${r.level}|${r.parentId}|${r.center?.latitude},${r.center?.longitude}|${boundarySum(r.boundary)}`).join(';')
}

/**
 * The index of these regions, built once and kept while the geography is unchanged. Regions the
 * store hands out frozen (the SQLite store's memo) are the same objects until the geography
 * changes, so the same frozen objects in the same order are the same geography: no key is made.
 * Otherwise (CloudBase reads them anew) a key of each region's id, level, town, center and a sum
 * of its boundary's coordinates decides: a change of geography changes the key.
 */
let kept: { regions: readonly Region[]; frozen: boolean; key: string; index: GeoIndex } | null = null

/** The kept regions were all frozen (checked once, when kept) and these are the same objects in the same order. */
function sameFrozen(regions: readonly Region[]): boolean {
  if (!kept?.frozen || kept.regions.length !== regions.length) return false
  const before = kept.regions
  for (let i = 0; i < regions.length; i++) if (regions[i] !== before[i]) return false
  return true
}

function keep(regions: readonly Region[], key: string, index: GeoIndex): GeoIndex {
  kept = { regions: regions.slice(), frozen: regions.every((r) => Object.isFrozen(r)), key, index }
  return index
}

export function geoIndex(regions: Region[]): GeoIndex {
  if (sameFrozen(regions)) return kept!.index
  const key = keyOf(regions)
  if (kept?.key === key) return keep(regions, key, kept.index)
  builds++
  return keep(regions, key, build(regions))
}
