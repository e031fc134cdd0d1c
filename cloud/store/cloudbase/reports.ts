import type { ReportStatus } from '../../../types/report'
import { OPEN_STATUSES } from '../../../types/report'
import type { ReportRepo, StoredReport } from '../../core/report/ports'
import { getAll, getDoc, type Database, type Doc, type DocRef } from './db'

export const REPORT = { reports: 'reports', clients: 'report_clients', events: 'report_events', supports: 'report_supports' } as const
const R = REPORT

const date = (v: unknown) => (v == null ? null : new Date(Number(v)))
const toReport = (d: Doc): StoredReport => ({
  id: String(d._id), openid: d.openid as string, clientId: d.clientId as string, category: d.category as string, description: d.description as string,
  photos: (d.photos as string[]) ?? [], latitude: Number(d.latitude), longitude: Number(d.longitude), address: (d.address as string | null) ?? null,
  villageId: (d.villageId as string | null) ?? null, status: d.status as ReportStatus, unitId: d.unitId as string, anonymous: d.anonymous === true,
  supportCount: Number(d.supportCount ?? 0), createdAt: date(d.createdAt)!, dueAt: date(d.dueAt)!, resolvedAt: date(d.resolvedAt),
  rating: (d.rating as StoredReport['rating']) ?? null, reply: (d.reply as string | null) ?? null, afterPhotos: (d.afterPhotos as string[]) ?? [],
  overdueNotified: d.overdueNotified === true, warnedNotified: d.warnedNotified === true
})
const toFields = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))

/**
 * Reports on CloudBase. Idempotent submits use a mapping document `<openid>:<clientId>` read by id
 * inside the transaction; "我也遇到" one document per supporter; the timeline is insert-only
 * documents. `nearby` scans by latitude (index latitude + status) and filters the box: a district
 * holds few open cases; a CloudBase geo index (geoNear) is the next step for larger areas.
 */
export function cloudbaseReports(db: Database, doc: (collection: string, id: string) => DocRef): ReportRepo {
  const _ = db.command
  const page = async (query: ReturnType<Database['collection']>, cursor: string | undefined, limit: number) => {
    const offset = Math.max(0, Number(cursor) || 0)
    const { data } = await query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit + 1).get()
    return { items: data.slice(0, limit).map(toReport), nextCursor: data.length > limit ? String(offset + limit) : null }
  }
  return {
    get: async (id) => {
      const d = await getDoc(doc(R.reports, id))
      return d ? toReport({ ...d, _id: id }) : null
    },
    findByClientId: async (openid, clientId) => {
      const map = await getDoc(doc(R.clients, `${openid}:${clientId}`))
      if (!map) return null
      const d = await getDoc(doc(R.reports, map.reportId as string))
      return d ? toReport({ ...d, _id: map.reportId }) : null
    },
    insert: async (r) => {
      const { id, ...rest } = r
      await doc(R.reports, id).set({ data: toFields(rest) })
      await doc(R.clients, `${r.openid}:${r.clientId}`).set({ data: { reportId: id } })
    },
    update: async (id, patch) => {
      const data = toFields(patch as Record<string, unknown>)
      if (Object.keys(data).length) await doc(R.reports, id).update({ data })
    },
    appendEvent: async (e) => {
      await doc(R.events, `${e.reportId}:${e.at.getTime()}:${Math.random().toString(36).slice(2, 10)}`).set({ data: { ...toFields({ ...e }), seq: Date.now() + Math.random() } })
    },
    events: async (reportId) =>
      (await getAll(db.collection(R.events).where({ reportId }).orderBy('at', 'asc').orderBy('seq', 'asc'))).map((d) => ({
        reportId, at: date(d.at)!, action: d.action as string, status: d.status as ReportStatus, note: (d.note as string | null) ?? null,
        actorRole: d.actorRole as 'resident' | 'staff' | 'admin' | 'system', actorOpenid: (d.actorOpenid as string | null) ?? null
      })),
    addSupport: async (reportId, openid, at) => {
      const ref = doc(R.supports, `${reportId}:${openid}`)
      if (await getDoc(ref)) return false
      await ref.set({ data: { reportId, openid, at: at.getTime() } })
      await doc(R.reports, reportId).update({ data: { supportCount: _.inc(1) } })
      return true
    },
    /** A plain (non-transactional) count: rate limits are approximate under a burst across instances. */
    countByUserSince: async (openid, since) => (await db.collection(R.reports).where({ openid, createdAt: _.gte(since.getTime()) }).count()).total,
    listByUser: (openid, cursor, limit) => page(db.collection(R.reports).where({ openid }) as never, cursor, limit),
    queue: (filter, cursor, limit) => {
      let q = db.collection(R.reports) as unknown as ReturnType<Database['collection']>
      if (filter.unitId !== null) q = q.where({ unitId: filter.unitId }) as never
      if (filter.status) q = q.where({ status: filter.status }) as never
      if (filter.overdueAt) q = q.where({ status: _.in([...OPEN_STATUSES]), dueAt: _.lt(filter.overdueAt.getTime()) }) as never
      return page(q, cursor, limit)
    },
    openInBox: async (box, category, limit) => {
      const { data } = await db.collection(R.reports).where({ latitude: _.gte(box.minLat), status: _.in([...OPEN_STATUSES]), ...(category ? { category } : {}) }).orderBy('latitude', 'asc').limit(1000).get()
      return data.map(toReport).filter((r) => r.latitude <= box.maxLat && r.longitude >= box.minLng && r.longitude <= box.maxLng).slice(0, limit)
    },
    sweepCandidates: async (now, resolvedBefore, limit) => {
      const due = (await getAll(db.collection(R.reports).where({ status: _.in([...OPEN_STATUSES]), dueAt: _.lte(now.getTime()) }))).map(toReport).filter((r) => !r.overdueNotified || !r.warnedNotified)
      const stale = (await getAll(db.collection(R.reports).where({ status: 'resolved', resolvedAt: _.lte(resolvedBefore.getTime()) }))).map(toReport)
      return [...due, ...stale].slice(0, limit)
    },
    villageStats: async (villageId, from, to) => {
      const rows = (await getAll(db.collection(R.reports).where({ villageId, createdAt: _.gte(from.getTime()) }))).map(toReport).filter((r) => r.createdAt < to)
      const resolved = rows.filter((r) => r.status === 'resolved' || r.status === 'closed')
      return {
        received: rows.length,
        resolved: resolved.length,
        resolvedOnTime: resolved.filter((r) => r.resolvedAt && r.resolvedAt <= r.dueAt).length,
        ratingSum: rows.reduce((s, r) => s + (r.rating?.score ?? 0), 0),
        ratingCount: rows.filter((r) => r.rating).length
      }
    }
  }
}
