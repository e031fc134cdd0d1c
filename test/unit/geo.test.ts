import { geoIndex } from '../../cloud/core/geo'
import { REGIONS } from '../../cloud/seed/demo'
import type { Region } from '../../types/ranking'

const MARKET = { latitude: 35.7612, longitude: 115.03 }

describe('the district geography index', () => {
  const index = geoIndex(REGIONS)

  it('finds the village whose boundary holds the point: 幸福村菜市场 is in 幸福村 of 濮阳镇', () => {
    const found = index.locate(MARKET, 3000)
    expect(found).toMatchObject({ village: { id: 'py-01', name: '幸福村' }, town: { id: 'town-puyang', name: '濮阳镇' }, inside: true })
  })

  it('finds neighbouring villages of other towns by their boundaries', () => {
    expect(index.locate({ latitude: 35.74, longitude: 115.042 }, 3000)?.village.id).toBe('yb-02')
    expect(index.locate({ latitude: 35.7, longitude: 115 }, 3000)?.village.id).toBe('bh-03')
    // just across the edge between 幸福村 and 闫口村
    expect(index.locate({ latitude: 35.76, longitude: 115.0361 }, 3000)?.village.id).toBe('py-02')
  })

  it('takes the nearest center outside every boundary, and nothing beyond the limit', () => {
    const justOutside = { latitude: 35.7612, longitude: 115.02 } // west of 幸福村's edge (115.024)
    expect(index.locate(justOutside, 3000)).toMatchObject({ village: { id: 'py-01' }, inside: false })
    expect(index.locate({ latitude: 36.5, longitude: 116 }, 3000)).toBeNull()
    expect(index.locate(justOutside, 100)).toBeNull()
  })

  it('lists the villages near a point, the containing one first, nearest after', () => {
    const near = index.near(MARKET, 2000, 6)
    expect(near[0]).toMatchObject({ village: { id: 'py-01' }, inside: true })
    expect(near.length).toBeGreaterThan(2)
    expect(near.slice(1).every((l) => !l.inside && l.distance <= 2000)).toBe(true)
    const distances = near.slice(1).map((l) => l.distance)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(near.map((l) => l.village.id)).toContain('py-02')
    expect(near.map((l) => l.village.id)).not.toContain('bh-01')
  })

  it('tests only the polygons whose box holds the point (an index, not a scan)', () => {
    // 2,000 villages in a grid: a point is tested against the one polygon whose box holds it
    const many: Region[] = Array.from({ length: 2000 }, (_, i) => {
      const [s, w] = [30 + Math.floor(i / 50) * 0.01, 110 + (i % 50) * 0.01]
      return { id: `v${i}`, name: `${i}村`, level: 'village', parentId: null, center: null, boundary: { type: 'Polygon', coordinates: [[[w, s], [w + 0.01, s], [w + 0.01, s + 0.01], [w, s + 0.01], [w, s]]] } }
    })
    const big = geoIndex(many)
    let reads = 0
    for (const r of many) {
      const ring = (r.boundary as { coordinates: number[][][] }).coordinates[0]!
      Object.defineProperty(r.boundary!, 'coordinates', { get: () => (reads++, [ring]) })
    }
    expect(big.locate({ latitude: 30.125, longitude: 110.255 }, 3000)?.village.id).toBe('v625')
    expect(reads).toBeLessThanOrEqual(4)
  })

  it('is built once for unchanged geography and again when it changes', () => {
    expect(geoIndex(REGIONS.map((r) => ({ ...r })))).toBe(geoIndex(REGIONS))
    const moved = REGIONS.map((r) => (r.id === 'py-01' ? { ...r, boundary: null, center: { latitude: 36, longitude: 116 } } : r))
    expect(geoIndex(moved).locate(MARKET, 3000)?.village.id).not.toBe('py-01')
  })
})
