import Supercluster from 'supercluster'
import type { Page } from '../../../types/common'
import type { CaseFigures, Report, ReportFigures, ReportMap, ReportStatus } from '../../../types/report'
import { OPEN_STATUSES, STATUS_NAMES } from '../../../types/report'
import type { Ctx, Deps } from '../context'
import { invalid, notFound } from '../errors'
import { locateVillage } from '../geo/cases'
import { isoLocal, monthBounds, periodOf } from '../time'
import { presentMany } from './cases'
import type { PublicFilter, VillageCaseStats } from './ports'
import { boxAround, distanceMeters } from './rules'
import { driveFigures } from '../volunteer/outcome'

/**
 * What residents see of the campaign (issue 13): the public feed, the map and the month's figures.
 * Every answer is in public form (cases.ts `publicForm`): never the reporter, an openid, a rating
 * comment or an anonymous case's address. Only problems are public here, and never rejected ones.
 */

/** Radius of 「附近」 in metres. */
export const NEARBY_METERS = 2000
/** The most cases a map answer clusters (the newest in the box). */
export const MAP_CAP = 500

const RESOLVED: readonly ReportStatus[] = ['resolved', 'closed']
const PUBLIC: readonly ReportStatus[] = [...OPEN_STATUSES, 'verifying', ...RESOLVED]

const statusesOf = (status: 'open' | 'resolved' | undefined) => (status === 'open' ? OPEN_STATUSES : status === 'resolved' ? RESOLVED : PUBLIC)

export interface FeedInput {
  scope: 'village' | 'nearby'
  latitude?: number
  longitude?: number
  status?: 'open' | 'resolved'
  category?: string
  cursor?: string
  limit?: number
}

/**
 * 身边的随手拍: a page of public problems, newest first; with a point, each with its distance; each
 * with its village's name (where it is, in words, when the public form has no address).
 */
export async function feed(ctx: Ctx, input: FeedInput): Promise<Page<Report & { villageName: string | null }>> {
  const point = input.latitude !== undefined && input.longitude !== undefined ? { latitude: input.latitude, longitude: input.longitude } : null
  const filter: PublicFilter = { statuses: statusesOf(input.status), ...(input.category ? { category: input.category } : {}) }
  if (input.scope === 'nearby') {
    if (!point) throw invalid('查看附近的随手拍需要提供位置', 'latitude')
    filter.box = boxAround(point, NEARBY_METERS)
  } else {
    // the village where the point lies (outside the district: INVALID_INPUT), else the caller's home
    const villageId = (point ? (await locateVillage(ctx, point)).village?.id : null) ?? ctx.user.villageId
    if (!villageId) throw invalid('请先在「我的」设置所在村居，或查看附近的随手拍', 'scope')
    filter.villageId = villageId
  }
  const [page, regions] = await Promise.all([ctx.store.reports.publicCases(filter, input.cursor, input.limit ?? 20), ctx.store.directory.listRegions()])
  const names = new Map(regions.map((r) => [r.id, r.name]))
  // the box's corners lie farther than the radius: a nearby page may hold fewer cases than asked, its cursor goes on
  const rows = page.items
    .map((r) => ({ r, distance: point ? distanceMeters(point, r) : undefined }))
    .filter((x) => input.scope !== 'nearby' || x.distance! <= NEARBY_METERS)
  const items = await presentMany(ctx, rows.map((x) => x.r), null, ctx.store, ctx.user.openid)
  return {
    items: items.map((a, i) => ({
      ...a,
      villageName: a.villageId ? names.get(a.villageId) ?? null : null,
      ...(rows[i]!.distance === undefined ? {} : { distance: Math.round(rows[i]!.distance!) })
    })),
    nextCursor: page.nextCursor
  }
}

/** Markers of public problems in the box, clustered by `supercluster` at the map's zoom. */
export async function map(ctx: Ctx, input: { south: number; west: number; north: number; east: number; zoom: number }): Promise<ReportMap> {
  const box = { minLat: input.south, maxLat: input.north, minLng: input.west, maxLng: input.east }
  const { items } = await ctx.store.reports.publicCases({ statuses: PUBLIC, box }, undefined, MAP_CAP)
  type Props = { id: string; status: ReportStatus; category: string }
  const index = new Supercluster<Props, Record<string, never>>({ radius: 60, maxZoom: 16 })
  index.load(items.map((r) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [r.longitude, r.latitude] }, properties: { id: r.id, status: r.status, category: r.category } })))
  const out: ReportMap = { clusters: [], markers: [] }
  for (const f of index.getClusters([input.west, input.south, input.east, input.north], input.zoom)) {
    const [longitude, latitude] = f.geometry.coordinates as [number, number]
    const p = f.properties as Partial<Supercluster.ClusterProperties> & Partial<Props>
    if (p.cluster) out.clusters.push({ latitude, longitude, count: p.point_count! })
    else out.markers.push({ id: p.id!, latitude, longitude, status: p.status!, category: p.category! })
  }
  return out
}

const figuresOf = (s: VillageCaseStats): CaseFigures => ({
  received: s.received,
  accepted: s.accepted,
  resolved: s.resolved,
  onTimeRate: s.resolved ? Math.round((s.resolvedOnTime / s.resolved) * 1000) / 10 : null
})

/** This month (district time) in a village (default: the caller's home) and in the district. */
export async function figures(ctx: Ctx, input: { villageId?: string }): Promise<ReportFigures> {
  const period = periodOf(ctx.clock(), ctx.config)
  const { from, to } = monthBounds(period, ctx.config)
  const villageId = input.villageId ?? ctx.user.villageId
  // with the drives held, hours served and cases fixed by volunteers where they happened (issue 15)
  const [regions, village, district, villageDrives, districtDrives] = await Promise.all([
    villageId ? ctx.store.directory.listRegions() : Promise.resolve([]),
    villageId ? ctx.store.reports.villageStats(villageId, from, to) : Promise.resolve(null),
    ctx.store.reports.districtStats(from, to),
    villageId ? driveFigures(ctx, villageId, from, to) : Promise.resolve(null),
    driveFigures(ctx, null, from, to)
  ])
  const region = villageId ? regions.find((r) => r.id === villageId && r.level === 'village') : undefined
  // a village asked for must exist; a home village that no longer does is answered as none
  if (input.villageId && !region) throw notFound('村居不存在')
  return {
    period,
    village: region && village && villageDrives ? { id: region.id, name: region.name, ...figuresOf(village), ...villageDrives } : null,
    district: { ...figuresOf(district), ...districtDrives }
  }
}

/** How many of a village's newest public cases its Atom feed carries. */
export const ATOM_ENTRIES = 50

const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * A village's public cases as an Atom feed (issue 25), for local news sites and 公众号 editors: the
 * newest problems in their public form only (the same `presentMany` shaping as the feed: no
 * reporter, no anonymous case's address, no hidden or rejected case), each entry its category,
 * status, place, description and the unit's reply once fixed. `siteUrl`: the public site whose
 * address starts the feed's links; `selfUrl`: the feed's own address when it is not under the site
 * (CloudBase: the `open311` function's HTTP path). A village that does not exist: null (404).
 */
export async function villageAtom(deps: Pick<Deps, 'store' | 'config' | 'clock'>, villageId: string, siteUrl: string, selfUrl?: string): Promise<string | null> {
  const village = await deps.store.directory.getRegion(villageId)
  if (!village || village.level !== 'village') return null
  const page = await deps.store.reports.publicCases({ statuses: PUBLIC, villageId }, undefined, ATOM_ENTRIES)
  const cases = await presentMany(deps, page.items, null)
  const site = siteUrl.replace(/\/+$/, '')
  const self = selfUrl ?? `${site}/feeds/villages/${encodeURIComponent(villageId)}.atom`
  const updatedOf = (r: (typeof cases)[number]) => r.timeline.at(-1)?.at ?? r.createdAt
  const entries = cases.map((r) => {
    const place = r.location.address ?? village.name
    const lines = [`${r.categoryName}：${r.description}`, `地点：${place}`, `状态：${STATUS_NAMES[r.status]}`, ...(r.reply && (r.status === 'resolved' || r.status === 'closed') ? [`办理结果：${r.reply}`] : [])]
    return [
      '  <entry>',
      `    <id>urn:civic:case:${xmlText(r.id)}</id>`,
      `    <title>${xmlText(`${r.categoryName} · ${place}（${STATUS_NAMES[r.status]}）`)}</title>`,
      `    <link rel="alternate" href="${xmlText(`${site}/#/sub-report/detail/index?id=${encodeURIComponent(r.id)}`)}"/>`,
      `    <published>${xmlText(r.createdAt)}</published>`,
      `    <updated>${xmlText(updatedOf(r))}</updated>`,
      `    <category term="${xmlText(r.category)}" label="${xmlText(r.categoryName)}"/>`,
      `    <content type="text">${xmlText(lines.join('\n'))}</content>`,
      '  </entry>'
    ].join('\n')
  })
  const updated = cases.length ? cases.map(updatedOf).sort().at(-1)! : isoLocal(deps.clock(), deps.config)
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>urn:civic:village:${xmlText(villageId)}</id>`,
    `  <title>${xmlText(`${village.name} · 随手拍`)}</title>`,
    `  <subtitle>${xmlText(`${village.name}群众上报的问题和办理进展`)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <updated>${xmlText(updated)}</updated>`,
    '  <author><name>文明家园</name></author>',
    ...entries,
    '</feed>',
    ''
  ].join('\n')
}
