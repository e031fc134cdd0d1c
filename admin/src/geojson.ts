import type { InputOf } from '../../types/contract'
import type { Region } from '../../types/ranking'

export type GeographyImport = InputOf<'ranking', 'importGeography'>

export interface Preview {
  /** What is sent: `{ type, features }` with each feature's `type`, `properties.id` (and `center`) and `geometry`. */
  collection: GeographyImport
  count: number
  /** Features whose `properties.id` names a town or village of the district. */
  matched: { id: string; name: string; level: Region['level'] }[]
  /** Ids that name no region (the server refuses the whole import). */
  unknown: string[]
  /** Features without `properties.id`. */
  missingId: number
  /** Features with no geometry (they need `properties.center`). */
  withoutGeometry: number
}

/** A geometry's `type` and `coordinates` (a `bbox` or other members are dropped); none is null. */
function geometryOf(g: unknown): unknown {
  if (!g || typeof g !== 'object') return null
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown }
  return { type, coordinates }
}

/**
 * Reads a GeoJSON file for `ranking.importGeography` and previews it against the district's
 * regions. Only the shape needed for a preview is checked here; the server checks everything
 * (coordinates, closed rings, ids) before it stores anything. Answers an error text for a file
 * that is not a FeatureCollection at all.
 */
export function previewGeography(text: string, regions: Region[]): Preview | { error: string } {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch {
    return { error: '文件不是有效的 JSON' }
  }
  const fc = json as { type?: unknown; features?: unknown }
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { error: '文件不是 GeoJSON FeatureCollection（应有 "type": "FeatureCollection" 和 features 数组）' }
  }
  const byId = new Map(regions.map((r) => [r.id, r]))
  const matched: Preview['matched'] = []
  const unknown: string[] = []
  let missingId = 0
  let withoutGeometry = 0
  const features = (fc.features as unknown[]).map((f) => {
    const feature = (f && typeof f === 'object' ? f : {}) as { type?: unknown; properties?: { id?: unknown; center?: unknown } | null; geometry?: unknown }
    const id = feature.properties?.id
    if (typeof id !== 'string' || !id.trim()) missingId++
    else {
      const region = byId.get(id.trim())
      if (region) matched.push({ id: region.id, name: region.name, level: region.level })
      else unknown.push(id)
    }
    if (!feature.geometry) withoutGeometry++
    // foreign members (QGIS's `crs`, `name`, other properties) are left out: the contract has no place for them
    return {
      type: feature.type,
      properties: { id, ...(feature.properties?.center !== undefined ? { center: feature.properties.center } : {}) },
      geometry: geometryOf(feature.geometry)
    }
  })
  return {
    collection: { type: 'FeatureCollection', features } as GeographyImport,
    count: features.length,
    matched,
    unknown,
    missingId,
    withoutGeometry
  }
}
