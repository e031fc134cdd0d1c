import type { Road } from '../../../types/campaign'
import type { Deps } from '../context'
import { nearestRoad } from './rules'

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
