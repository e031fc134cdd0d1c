import type { Road, Site } from '../../../types/campaign'
import type { Deps } from '../context'
import { nearestRoad } from './rules'
import { siteAt } from './shapes'

/**
 * 局委包路段 (issue 26): the 路段 a problem lies on — the nearest active one within
 * `config.roadRadiusMeters` of it — or null. One small read of the 路段 (never of the 点位 or the
 * regions), so `report.create` makes the same number of calls however many cases there are.
 */
export async function roadOf(deps: Pick<Deps, 'store' | 'config'>, location: { latitude: number; longitude: number }): Promise<Road | null> {
  if (!(deps.config.roadRadiusMeters > 0)) return null
  const roads = await deps.store.campaign.roads()
  return roads.length ? nearestRoad(location, roads, deps.config.roadRadiusMeters) : null
}

/**
 * Where a resident's problem belongs in the campaign (issue 26): the active 点位 whose polygon
 * holds it (or, with `config.siteRadiusMeters`, the nearest point 点位 that near), else the 路段
 * it lies on; the unit is the 点位's 路段's unit, else the 点位's, else the 路段's. Two reads (the
 * 点位 and the 路段, in parallel), the same however many cases there are. Null: neither.
 */
export async function placeOf(deps: Pick<Deps, 'store' | 'config'>, location: { latitude: number; longitude: number }): Promise<{ site: Site | null; road: Road | null; unitId: string } | null> {
  const [sites, road] = await Promise.all([deps.store.campaign.sites(), roadOf(deps, location)])
  const site = sites.length ? siteAt(location, sites, deps.config.siteRadiusMeters) : null
  if (site) {
    const roads = site.roadId ? await deps.store.campaign.roads() : []
    const onRoad = site.roadId ? roads.find((r) => r.id === site.roadId && r.active) ?? null : null
    return { site, road: onRoad, unitId: onRoad?.unitId ?? site.unitId }
  }
  return road ? { site: null, road, unitId: road.unitId } : null
}
