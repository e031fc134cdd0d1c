import { boundarySvg, boxOf, marksOf, MARK_PCT, place, startView } from '../../src/sub-report/map/view'
import { REGIONS } from '../../cloud/seed/demo'
import type { Region } from '../../types/ranking'

/** The H5 case map (sub-report/map): its visible box, where points fall in it, and its SVG base. */
const regions = REGIONS as unknown as Region[]

it('a view is a square box around its center that halves with each zoom level', () => {
  const v = { latitude: 35.7612, longitude: 115.03, zoom: 15 }
  const b = boxOf(v)
  expect((b.south + b.north) / 2).toBeCloseTo(v.latitude, 10)
  expect((b.west + b.east) / 2).toBeCloseTo(v.longitude, 10)
  // square on the ground: a degree of longitude is cos(latitude) of a degree of latitude
  expect((b.north - b.south) / (b.east - b.west)).toBeCloseTo(Math.cos((v.latitude * Math.PI) / 180), 10)
  const out = boxOf({ ...v, zoom: 14 })
  expect(out.east - out.west).toBeCloseTo(2 * (b.east - b.west), 10)
})

it('places points as percentages of the box, north at the top', () => {
  const b = { south: 35, north: 36, west: 115, east: 116 }
  expect(place(b, { latitude: 36, longitude: 115 })).toEqual({ left: 0, top: 0 })
  expect(place(b, { latitude: 35, longitude: 116 })).toEqual({ left: 100, top: 100 })
  expect(place(b, { latitude: 35.5, longitude: 115.25 })).toEqual({ left: 25, top: 50 })
})

it('draws the villages\' boundaries and names of the box as an SVG data URI', () => {
  const home = regions.find((r) => r.id === 'py-01')!
  const view = startView(regions, 'py-01')
  expect(view).toMatchObject({ ...home.center, zoom: 15 })
  const svg = decodeURIComponent(boundarySvg(regions, boxOf(view)).replace('data:image/svg+xml;charset=utf-8,', ''))
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  expect(svg).toContain('>幸福村</text>')
  const rings = regions.filter((r) => r.level === 'village' && r.boundary).length
  expect(rings).toBeGreaterThan(10)
  // the rings that reach into the box: a few around 幸福村, every one when zoomed out over the district
  const drawn = (s: string) => (decodeURIComponent(s).match(/M/g) ?? []).length
  expect(drawn(boundarySvg(regions, boxOf(view)))).toBeGreaterThan(1)
  expect(drawn(boundarySvg(regions, boxOf(view)))).toBeLessThan(rings)
  expect(drawn(boundarySvg(regions, boxOf({ ...view, zoom: 9 })))).toBe(rings)
  // no geography: the map still opens (the demo's market)
  expect(startView([], null)).toMatchObject({ zoom: 12 })
})

it('draws markers and clusters closer than a mark\'s width as one group, so no two marks overlap (issue 24)', () => {
  const box = { south: 35, north: 36, west: 115, east: 116 }
  const m = (id: string, latitude: number, longitude: number) => ({ id, latitude, longitude, status: 'submitted' as const, category: 'zhandao' })
  const marks = marksOf(box, {
    markers: [m('a', 35.5, 115.5), m('b', 35.5, 115.5), m('c', 35.52, 115.51), m('far', 35.1, 115.1)],
    clusters: [{ latitude: 35.9, longitude: 115.9, count: 4 }, { latitude: 35.88, longitude: 115.88, count: 2 }]
  })
  // a, b and c stand together: one group listing them; far alone; the two clusters one of 6
  expect(marks).toHaveLength(3)
  const group = marks.find((k) => k.kind === 'group' && k.markers.length)!
  expect(group).toMatchObject({ kind: 'group', count: 3 })
  expect(group.kind === 'group' && group.markers.map((x) => x.id).sort()).toEqual(['a', 'b', 'c'])
  expect(marks.find((k) => k.kind === 'marker')).toMatchObject({ marker: { id: 'far' } })
  expect(marks.find((k) => k.kind === 'group' && !k.markers.length)).toMatchObject({ count: 6, markers: [] })
  for (const [i, a] of marks.entries()) {
    for (const b of marks.slice(i + 1)) expect(Math.abs(a.left - b.left) >= MARK_PCT || Math.abs(a.top - b.top) >= MARK_PCT).toBe(true)
  }
})
