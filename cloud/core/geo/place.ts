import type { GeoPoint } from '../../../types/ranking'
import type { Road, Site } from '../../../types/campaign'
import type { Deps } from '../context'
import { distanceMeters } from '../report/rules'
import { distanceToLine } from '../campaign/rules'

/** A named 点位 this near a point names the place (「幸福村菜市场附近」). */
export const SITE_NAMES_METERS = 150
/** A named 路段 this near a point names the place (「建设路附近」) when no 点位 does. */
export const ROAD_NAMES_METERS = 120

/** The village and town a point was located in (`report.locate`), as the words need them. */
export interface PlaceVillage {
  name: string
  townName: string
  /** The point lies inside the village's boundary (else it is the nearest village center). */
  inside: boolean
}

/** A road's name without its section in brackets: 「滨湖路（南湾村段）」 → 「滨湖路」. */
const roadName = (name: string) => name.replace(/[（(][^）)]*[）)]\s*$/, '').trim() || name

/**
 * The place in words (issue 24): what the district knows of a point — the village holding it (or
 * the nearest village center), and the nearest named 点位 of the campaign data within
 * `SITE_NAMES_METERS`, else the nearest 路段 within `ROAD_NAMES_METERS` — as an address the
 * reporter may edit: 「濮阳镇幸福村 · 菜市场附近」, 「濮阳镇幸福村 · 建设路附近」, 「濮阳镇幸福村附近」
 * (no named place near, the point outside the village's boundary), 「濮阳镇幸福村」. Null when the
 * district knows nothing of the point. Pure: the callers read the 点位 and 路段 (one read each).
 */
export function placeWords(point: GeoPoint, village: PlaceVillage | null, sites: Site[], roads: Road[]): string | null {
  let best: { name: string; d: number } | null = null
  for (const s of sites) {
    if (!s.active) continue
    const d = distanceMeters(point, s.location)
    if (d <= SITE_NAMES_METERS && (!best || d < best.d)) best = { name: s.name, d }
  }
  let landmark = best?.name ?? null
  if (!landmark) {
    let road: { name: string; d: number } | null = null
    for (const r of roads) {
      if (!r.active || !r.line.length) continue
      const d = distanceToLine(point, r.line)
      if (d <= ROAD_NAMES_METERS && (!road || d < road.d)) road = { name: roadName(r.name), d }
    }
    landmark = road?.name ?? null
  }
  // 「幸福村菜市场」 in 幸福村 reads 「菜市场」 after the village's name
  if (landmark && village && landmark.startsWith(village.name)) landmark = landmark.slice(village.name.length).trim() || null
  const area = village ? `${village.townName}${village.name}` : ''
  if (landmark) return area ? `${area} · ${landmark}附近` : `${landmark}附近`
  if (!area) return null
  return village!.inside ? area : `${area}附近`
}

/** The 点位 and 路段 the words are drawn from: one read each, whatever the number of cases. */
export async function placeData(deps: Pick<Deps, 'store'>): Promise<{ sites: Site[]; roads: Road[] }> {
  const [sites, roads] = await Promise.all([deps.store.campaign.sites(), deps.store.campaign.roads()])
  return { sites, roads }
}
