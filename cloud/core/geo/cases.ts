import type { Boundary, GeoFeature, GeoPoint, Region } from '../../../types/ranking'
import type { Located as LocatedAnswer } from '../../../types/report'
import type { Ctx, Deps } from '../context'
import { invalid } from '../errors'
import type { Store } from '../ports'
import { centerOf, geoIndex, type Located } from './index'
import { logOperation } from '../oplog'
import { placeData, placeWords } from './place'

const outside = () => invalid('问题位置不在本区范围内，请确认定位或选择本区内的位置', 'location')

const answer = (l: Located) => ({
  id: l.village.id,
  name: l.village.name,
  townId: l.town?.id ?? null,
  townName: l.town?.name ?? '',
  distance: Math.round(l.distance),
  inside: l.inside
})

/**
 * The village and town where a problem lies — the village whose boundary holds the point, else the
 * nearest center within `locateMaxMeters` — and the villages near the point the reporter may choose
 * instead. With no geography in the district: null (the form asks). One read (the regions).
 */
export async function locateVillage(deps: Pick<Deps, 'store' | 'config'>, point: GeoPoint): Promise<Omit<LocatedAnswer, 'address'>> {
  const index = geoIndex(await deps.store.directory.listRegions())
  if (!index.size) return { village: null, choices: [] }
  const found = index.locate(point, deps.config.locateMaxMeters)
  if (!found) throw outside()
  const choices = index.near(point, deps.config.villageChoiceMeters, 6)
  if (!choices.some((c) => c.village.id === found.village.id)) choices.unshift(found)
  return { village: answer(found), choices: choices.map(answer) }
}

/**
 * `report.locate`: `locateVillage`, and the place in words the form proposes as the address
 * (issue 24, `placeWords`: the village, the nearest named 点位 or 路段). Three reads: the
 * regions, the 点位 and the 路段.
 */
export async function locate(deps: Pick<Deps, 'store' | 'config'>, point: GeoPoint): Promise<LocatedAnswer> {
  const [located, data] = await Promise.all([locateVillage(deps, point), placeData(deps)])
  return { ...located, address: placeWords(point, located.village, data.sites, data.roads) }
}

/**
 * The village a case at `point` belongs to: the located one, or the reporter's correction when it
 * is one of the villages near the point. A district without geography keeps the old rule: the
 * village the form names, else the reporter's home village.
 */
export async function problemVillage(ctx: Ctx, point: GeoPoint, chosen: string | undefined): Promise<string | null> {
  const located = await locateVillage(ctx, point)
  if (!located.village) {
    if (!chosen) return ctx.user.villageId
    const village = await ctx.store.directory.getRegion(chosen)
    if (!village || village.level !== 'village') throw invalid('所选村居不存在', 'villageId')
    return chosen
  }
  if (!chosen || chosen === located.village.id) return located.village.id
  if (!located.choices.some((c) => c.id === chosen)) throw invalid('所选村居离问题位置太远，请选择问题所在地附近的村居', 'villageId')
  return chosen
}

function validRing(ring: number[][]): boolean {
  if (ring.length < 4) return false
  const [first, last] = [ring[0]!, ring[ring.length - 1]!]
  return first[0] === last[0] && first[1] === last[1]
}

/**
 * Imports the district's geography (admins; the console's import calls it): GeoJSON features whose
 * `properties.id` names a village or town, each with a Polygon or MultiPolygon and optionally a
 * `properties.center`. All are checked before any is stored, and stored in one write.
 */
export async function importGeography(ctx: Ctx, features: GeoFeature[], store: Store = ctx.store): Promise<{ updated: number }> {
  const regions = new Map((await store.directory.listRegions()).map((r) => [r.id, r]))
  const updated: Region[] = []
  features.forEach((f, i) => {
    const region = regions.get(f.properties.id)
    if (!region) throw invalid(`第 ${i + 1} 个区域的编号「${f.properties.id}」不是本区的镇街或村居`, `features.${i}.properties.id`)
    const boundary = f.geometry as Boundary | null
    if (boundary) {
      const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates
      if (!polygons.every((rings) => rings.length > 0 && rings.every(validRing))) throw invalid(`第 ${i + 1} 个区域的边界不是闭合的多边形`, `features.${i}.geometry`)
    }
    const center = f.properties.center ?? (boundary ? centerOf(boundary) : null)
    if (!center) throw invalid(`第 ${i + 1} 个区域既没有边界也没有中心点`, `features.${i}`)
    updated.push({ ...region, boundary, center })
  })
  await store.transaction(async (tx) => {
    await tx.directory.putRegions(updated)
    await logOperation(ctx, tx, 'geography.import', 'geography', null, { regions: updated.map((r) => r.id) })
  })
  return { updated: updated.length }
}
