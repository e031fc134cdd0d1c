import type { Region } from '../../../types/ranking'
import type { ReportMap } from '../../../types/report'

/** The map's visible box: a square of MAP_PX CSS px around the center at a web-map zoom level. */
export interface View {
  latitude: number
  longitude: number
  zoom: number
}
export interface Box {
  south: number
  west: number
  north: number
  east: number
}

const MAP_PX = 345
export const MIN_ZOOM = 10
export const MAX_ZOOM = 18

export function boxOf(v: View): Box {
  const lngSpan = (360 * MAP_PX) / (256 * 2 ** v.zoom)
  const latSpan = lngSpan * Math.cos((v.latitude * Math.PI) / 180)
  return { south: v.latitude - latSpan / 2, north: v.latitude + latSpan / 2, west: v.longitude - lngSpan / 2, east: v.longitude + lngSpan / 2 }
}

/** A point as percentages of the box (0–100 left to right, top to bottom). */
export function place(box: Box, p: { latitude: number; longitude: number }): { left: number; top: number } {
  return { left: ((p.longitude - box.west) / (box.east - box.west)) * 100, top: ((box.north - p.latitude) / (box.north - box.south)) * 100 }
}

const inside = (x: { left: number; top: number }) => x.left >= 0 && x.left <= 100 && x.top >= 0 && x.top <= 100

/**
 * The villages' boundaries (GeoJSON, GCJ-02) inside the box as an SVG picture (a data URI: no map
 * SDK, no tiles, works offline), with each village's name at its center.
 */
export function boundarySvg(regions: Region[], box: Box): string {
  const paths: string[] = []
  const names: string[] = []
  const xy = (lng: number, lat: number) => {
    const p = place(box, { latitude: lat, longitude: lng })
    return `${(p.left * 10).toFixed(1)} ${(p.top * 10).toFixed(1)}`
  }
  for (const r of regions) {
    if (r.level !== 'village' || !r.boundary) continue
    const polygons = r.boundary.type === 'Polygon' ? [r.boundary.coordinates] : r.boundary.coordinates
    for (const rings of polygons) {
      for (const ring of rings) {
        // only rings that reach into the box: a district of thousands of villages stays a small picture
        const lngs = ring.map((c) => c[0]!)
        const lats = ring.map((c) => c[1]!)
        if (Math.max(...lngs) < box.west || Math.min(...lngs) > box.east || Math.max(...lats) < box.south || Math.min(...lats) > box.north) continue
        paths.push(`M${ring.map(([lng, lat]) => xy(lng!, lat!)).join('L')}Z`)
      }
    }
    if (r.center && inside(place(box, r.center))) {
      const c = place(box, r.center)
      names.push(`<text x="${(c.left * 10).toFixed(0)}" y="${(c.top * 10).toFixed(0)}" text-anchor="middle" font-size="30" fill="#6b4c3b">${r.name.replace(/[<&"]/g, '')}</text>`)
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000" preserveAspectRatio="none"><rect width="1000" height="1000" fill="#f6f3ea"/>` +
    `<path d="${paths.join('')}" fill="#fffdf7" stroke="#b9865a" stroke-width="3" fill-rule="evenodd"/>${names.join('')}</svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

/** Where the map opens: the home village's center, else the middle of the district's villages. */
export function startView(regions: Region[], homeVillage: string | null): View {
  const home = regions.find((r) => r.id === homeVillage)?.center
  if (home) return { ...home, zoom: 15 }
  const centers = regions.filter((r) => r.level === 'village' && r.center).map((r) => r.center!)
  if (!centers.length) return { latitude: 35.7612, longitude: 115.03, zoom: 12 }
  const mid = (k: 'latitude' | 'longitude') => (Math.min(...centers.map((c) => c[k])) + Math.max(...centers.map((c) => c[k]))) / 2
  return { latitude: mid('latitude'), longitude: mid('longitude'), zoom: 12 }
}

/** A marker's or cluster's width on the canvas, in percent of it (88 design px of 690, with room for a 3-digit count). */
export const MARK_PCT = 15

type Marker = ReportMap['markers'][number]

/** What the canvas draws: a case's marker, or a group of cases too close to draw apart at this zoom. */
export type Mark =
  | { kind: 'marker'; left: number; top: number; marker: Marker }
  | { kind: 'group'; left: number; top: number; latitude: number; longitude: number; count: number; markers: Marker[] }

/**
 * The answer's markers and clusters as marks that never overlap on the canvas: any two closer than
 * a mark's width are drawn as one group (its count the sum, at their weighted middle), so one tap
 * never lands on two cases (issue 24). A group zooms in when tapped; one made of markers only lists
 * its cases at the largest zoom (they stand too close to draw apart there).
 */
export function marksOf(box: Box, answer: ReportMap, size = MARK_PCT): Mark[] {
  type Item = { latitude: number; longitude: number; count: number; markers: Marker[]; clusters: number }
  let items: Item[] = [
    ...answer.markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude, count: 1, markers: [m], clusters: 0 })),
    ...answer.clusters.map((c) => ({ latitude: c.latitude, longitude: c.longitude, count: c.count, markers: [], clusters: 1 }))
  ]
  const close = (a: Item, b: Item) => {
    const p = place(box, a)
    const q = place(box, b)
    return Math.abs(p.left - q.left) < size && Math.abs(p.top - q.top) < size
  }
  // merge until no two are close (few marks: the server clusters first)
  for (let merged = true; merged; ) {
    merged = false
    outer: for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (!close(items[i]!, items[j]!)) continue
        const a = items[i]!
        const b = items[j]!
        const count = a.count + b.count
        items[i] = { latitude: (a.latitude * a.count + b.latitude * b.count) / count, longitude: (a.longitude * a.count + b.longitude * b.count) / count, count, markers: [...a.markers, ...b.markers], clusters: a.clusters + b.clusters }
        items = items.filter((_, k) => k !== j)
        merged = true
        break outer
      }
    }
  }
  return items.map((it) => {
    const p = place(box, it)
    if (it.count === 1 && it.markers.length === 1) return { kind: 'marker' as const, ...p, marker: it.markers[0]! }
    return { kind: 'group' as const, ...p, latitude: it.latitude, longitude: it.longitude, count: it.count, markers: it.clusters ? [] : it.markers }
  })
}

/** Category colours of the map's markers and legend (white text on each: WCAG AA), in the categories' order. */
export const CATEGORY_COLOURS = ['#0b5cad', '#8a5a00', '#6b3fa0', '#0a6b6b', '#1f6b1f', '#5c4033', '#7a2e5c', '#1a4d8f', '#4d5c00', '#333333']
