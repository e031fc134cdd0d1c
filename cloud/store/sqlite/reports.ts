import type { Role } from '../../../types/common'
import type { ReportStatus } from '../../../types/report'
import { ACCEPTED_STATUSES } from '../../../types/names'
import type { QueueFilter, ReportEvent, ReportRepo, StoredCaseSupplement, StoredReport } from '../../core/report/ports'
import { CASE_COLUMNS, fromRow, sqlPatch, sqlValues, type CaseRow } from '../caseFields'
import type { Db } from './db'
import type { Exec } from './lock'
import { cursorOf, parseCursor } from '../cursor'

/** A row of `reports`: its columns are described with the case's fields (cloud/store/caseFields.ts). */
type Row = CaseRow & { id: string; created_at: number; due_at: number }
const toReport = (r: Row): StoredReport => fromRow(r)

const OPEN = `status IN ('submitted', 'accepted', 'reopened', 'returned')`
/** 受理: the problems a unit accepted and did not since reject or return (types/names ACCEPTED_STATUSES). */
const ACCEPTED_SQL = `(${ACCEPTED_STATUSES.map((s) => `'${s}'`).join(', ')})`
/** What the public may see: moderated and not hidden by staff. */
const PUBLIC = `moderation = 'passed' AND hidden_at IS NULL`
const PUBLIC_UNINDEXED = `+moderation = 'passed' AND +hidden_at IS NULL`
/** Below this area (square degrees, about 5 × 5 km here) a box's own index drives a public query. */
const SMALL_BOX_DEG2 = 0.0025

/** When an open problem's next sweep step is due (migration 024's index): 工作提示 at the deadline, else 工作预警 at twice the time allowed. */
const NEXT_STEP = `(CASE WHEN overdue_notified = 0 THEN due_at ELSE 2 * due_at - COALESCE(deadline_from, created_at) END)`
/**
 * The deadline sweep's two reads, each at most `limit` rows of a partial index in its order: open
 * problems whose next step is due (reports_sweep_due), resolved cases resolved long enough ago to
 * close (reports_resolved). INDEXED BY: the planner, without statistics, would otherwise take an
 * index of every open case (reports_dash_open) and sort what it reads; SQLite refuses the statement
 * if the index cannot serve it.
 */
export const SWEEP_SQL = {
  due: `SELECT * FROM reports INDEXED BY reports_sweep_due
     WHERE ${OPEN} AND kind = 'problem' AND (overdue_notified = 0 OR warned_notified = 0) AND ${NEXT_STEP} <= ?
     ORDER BY ${NEXT_STEP} LIMIT ?`,
  resolved: `SELECT * FROM reports INDEXED BY reports_resolved WHERE status = 'resolved' AND resolved_at <= ? ORDER BY resolved_at LIMIT ?`
}

/** LIKE with the text's own %, _ and backslash taken literally. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Keyset cursor over (created_at DESC, id DESC): `<ms>:<id>` of the last item answered. */
function page(rows: Row[], limit: number) {
  const last = rows.length > limit ? rows[limit - 1] : undefined
  return { items: rows.slice(0, limit).map(toReport), nextCursor: last ? cursorOf(last.created_at, last.id) : null }
}

export function sqliteReport(db: Db, exec: Exec): ReportRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM reports WHERE id = ?')
  const byClient = db.prepare<[string, string], Row>('SELECT * FROM reports WHERE openid = ? AND client_id = ?')
  const insert = db.prepare(`INSERT INTO reports (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`)
  const insertGeo = db.prepare('INSERT INTO reports_geo (id, min_lat, max_lat, min_lng, max_lng) VALUES (?, ?, ?, ?, ?)')
  const appendEvent = db.prepare(
    `INSERT INTO report_events (report_id, at, action, status, note, actor_role, actor_openid, unit_id)
     VALUES (@reportId, @at, @action, @status, @note, @actorRole, @actorOpenid, @unitId)`
  )
  const events = db.prepare<[string], { report_id: string; at: number; action: string; status: ReportStatus; note: string | null; actor_role: Role | 'system'; actor_openid: string | null }>(
    'SELECT * FROM report_events WHERE report_id = ? ORDER BY seq'
  )
  const eventsAt = db.prepare<[number, number, number], { report_id: string; at: number }>(
    'SELECT report_id, at FROM report_events WHERE at >= ? AND at <= ? ORDER BY at, seq LIMIT ?'
  )
  const publicVersion = db.prepare<[], number>('SELECT n FROM public_version WHERE id = 1').pluck()
  const pending = db.prepare<[number, number], Row>(`SELECT * FROM reports WHERE moderation = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?`)
  const addSupport = db.prepare('INSERT INTO report_supports (report_id, openid, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
  const bumpSupport = db.prepare('UPDATE reports SET support_count = support_count + 1 WHERE id = ?')
  type SupplementRow = { report_id: string; by_owner: string; client_id: string; at: number; note: string | null; photos: string }
  const toSupplement = (x: SupplementRow): StoredCaseSupplement => ({ reportId: x.report_id, by: x.by_owner, clientId: x.client_id, at: x.at, note: x.note, photos: JSON.parse(x.photos) as string[] })
  const addSupplement = db.prepare('INSERT INTO report_supplements (report_id, by_owner, client_id, at, note, photos) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
  const findSupplement = db.prepare<[string, string, string], SupplementRow>('SELECT * FROM report_supplements WHERE report_id = ? AND by_owner = ? AND client_id = ?')
  const createdSince = db.prepare<[string, number, number], number>('SELECT created_at FROM reports WHERE openid = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?').pluck()
  const inBox = db.prepare<[number, number, number, number, number], Row>(
    `SELECT r.* FROM reports_geo g CROSS JOIN reports r ON r.rowid = g.id
     WHERE g.min_lat >= ? AND g.max_lat <= ? AND g.min_lng >= ? AND g.max_lng <= ? AND r.${OPEN} AND r.kind = 'problem' AND r.moderation = 'passed' AND r.hidden_at IS NULL LIMIT ?`
  )
  const inBoxOfCategory = db.prepare<[number, number, number, number, string, number], Row>(
    `SELECT r.* FROM reports_geo g CROSS JOIN reports r ON r.rowid = g.id
     WHERE g.min_lat >= ? AND g.max_lat <= ? AND g.min_lng >= ? AND g.max_lng <= ? AND r.${OPEN} AND r.kind = 'problem' AND r.moderation = 'passed' AND r.hidden_at IS NULL AND r.category = ? LIMIT ?`
  )
  const sweepDue = db.prepare<[number, number], Row>(SWEEP_SQL.due)
  const sweepResolved = db.prepare<[number, number], Row>(SWEEP_SQL.resolved)
  const stats = db.prepare<[string, number, number], { received: number; accepted: number; resolved: number; on_time: number; rating_sum: number; rating_count: number; praised: number }>(
    `SELECT COALESCE(SUM(kind = 'problem'), 0) AS received,
       COALESCE(SUM(kind = 'problem' AND status IN ${ACCEPTED_SQL}), 0) AS accepted,
       COALESCE(SUM(kind = 'problem' AND status IN ('resolved', 'closed')), 0) AS resolved,
       COALESCE(SUM(kind = 'problem' AND status IN ('resolved', 'closed') AND resolved_at <= due_at), 0) AS on_time,
       COALESCE(SUM(rating_score), 0) AS rating_sum,
       COUNT(rating_score) AS rating_count,
       COALESCE(SUM(kind = 'praise' AND status = 'accepted'), 0) AS praised
     FROM reports WHERE village_id = ? AND created_at >= ? AND created_at < ?`
  )
  const districtStats = db.prepare<[number, number], { received: number; accepted: number; resolved: number; on_time: number; rating_sum: number; rating_count: number; praised: number }>(
    stats.source.replace('village_id = ? AND ', '')
  )
  const statsOf = (s: { received: number; accepted: number; resolved: number; on_time: number; rating_sum: number; rating_count: number; praised: number }) =>
    ({ received: s.received, accepted: s.accepted, resolved: s.resolved, resolvedOnTime: s.on_time, ratingSum: s.rating_sum, ratingCount: s.rating_count, praised: s.praised })

  /**
   * The dashboard: each figure one GROUP BY on a covering index (migration 019), with and without
   * the unit (two statements each, so each uses its own index). Day numbers are the district's.
   */
  const DAY = 86_400_000
  const dash = (unit: boolean, long = false) => {
    const U = unit ? ' AND unit_id = @unit' : ''
    const created = `kind = 'problem'${U} AND created_at >= @from AND created_at < @to`
    // a long range of the district holds most of its cases: reading the index in the group's order beats sorting them
    const by = (index: string) => (long ? ` INDEXED BY ${index}` : '')
    type P = { unit?: string; from: number; to: number; now: number; off: number }
    return {
      received: db.prepare<P, { day: number; n: number }>(`SELECT CAST((created_at + @off) / ${DAY} AS INTEGER) AS day, COUNT(*) AS n FROM reports WHERE ${created} GROUP BY day`),
      byCategory: db.prepare<P, { key: string; n: number }>(`SELECT category AS key, COUNT(*) AS n FROM reports${by('reports_dash_category')} WHERE ${created} GROUP BY category`),
      byVillage: db.prepare<P, { key: string | null; n: number }>(`SELECT village_id AS key, COUNT(*) AS n FROM reports${by('reports_dash_village')} WHERE ${created} GROUP BY village_id`),
      // resolved_at is set exactly on resolved and closed problems (reopening clears it): plain column tests, cheaper than IN
      byUnit: db.prepare<P, { unit_id: string; received: number; resolved: number; on_time: number | null; rating_sum: number | null; rating_count: number }>(
        `SELECT unit_id, COUNT(*) AS received, COUNT(resolved_at) AS resolved, SUM(resolved_at <= due_at) AS on_time,
           SUM(rating_score) AS rating_sum, COUNT(rating_score) AS rating_count
         FROM reports${by('reports_dash_unit')} WHERE ${created} GROUP BY unit_id`
      ),
      // open problems past their deadline: the partial index of open cases (few, whatever the district's history)
      overdueOpenByUnit: db.prepare<P, { unit_id: string; n: number }>(
        `SELECT unit_id, COUNT(*) AS n FROM reports INDEXED BY reports_dash_open
         WHERE kind = 'problem' AND ${OPEN} AND due_at < @now${U} AND created_at >= @from AND created_at < @to GROUP BY unit_id`
      ),
      resolved: db.prepare<P, { day: number; n: number }>(
        `SELECT CAST((resolved_at + @off) / ${DAY} AS INTEGER) AS day, COUNT(*) AS n FROM reports
         WHERE kind = 'problem'${U} AND resolved_at >= @from AND resolved_at < @to AND status IN ('resolved', 'closed') GROUP BY day`
      ),
      overdue: db.prepare<P, { day: number; n: number }>(
        `SELECT CAST((due_at + @off) / ${DAY} AS INTEGER) AS day, COUNT(*) AS n FROM reports
         WHERE kind = 'problem'${U} AND due_at >= @from AND due_at < @to
           AND (resolved_at > due_at OR (resolved_at IS NULL AND due_at < @now AND status <> 'rejected')) GROUP BY day`
      ),
      accepted: db.prepare<P, { day: number; n: number }>(
        unit
          ? `SELECT CAST((e.at + @off) / ${DAY} AS INTEGER) AS day, COUNT(*) AS n FROM report_events e JOIN reports r INDEXED BY reports_id_unit ON r.id = e.report_id
             WHERE e.action = 'accept' AND e.at >= @from AND e.at < @to AND r.unit_id = @unit GROUP BY day`
          : `SELECT CAST((at + @off) / ${DAY} AS INTEGER) AS day, COUNT(*) AS n FROM report_events WHERE action = 'accept' AND at >= @from AND at < @to GROUP BY day`
      ),
      overdueNow: db.prepare<P, number>(`SELECT COUNT(*) FROM reports INDEXED BY reports_dash_open WHERE kind = 'problem' AND ${OPEN} AND due_at < @now${U}`).pluck()
    }
  }
  const dashboards = { district: dash(false), districtLong: dash(false, true), unit: dash(true) }
  /** From how many days on the district's dashboard reads its group indexes in order. */
  const LONG_DAYS = 62

  const listWhere = (where: string, params: (string | number)[], cursor: string | undefined, limit: number, oldestFirst = false) => {
    const c = parseCursor(cursor)
    const [after, dir] = oldestFirst ? ['>', 'ASC'] : ['<', 'DESC']
    const sql = `SELECT * FROM reports WHERE ${where}${c ? ` AND (created_at ${after} ? OR (created_at = ? AND id ${after} ?))` : ''}
                 ORDER BY created_at ${dir}, id ${dir} LIMIT ?`
    return page(db.prepare<(string | number)[], Row>(sql).all(...params, ...(c ? [c.at, c.at, c.id] : []), limit + 1), limit)
  }

  /** The WHERE of the console's queue (工单); null when nothing can match. */
  const queueWhere = (filter: QueueFilter): { where: string[]; params: (string | number)[] } | null => {
    const where: string[] = ['kind = ?']
    const params: (string | number)[] = [filter.kind ?? 'problem']
    const partner = filter.source !== undefined && filter.source !== 'app'
    if (filter.unitId !== null) {
      // a partner's cases are few: their index (migration 022) drives, and the unit is checked on each
      where.push(partner ? '+unit_id = ?' : 'unit_id = ?')
      params.push(filter.unitId)
    }
    if (filter.status) {
      where.push('status = ?')
      params.push(filter.status)
    }
    if (filter.overdueAt) {
      where.push(`${OPEN} AND due_at < ?`)
      params.push(filter.overdueAt.getTime())
    }
    // the console's search (工单)
    if (filter.text) {
      where.push(`(description LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')`)
      params.push(like(filter.text), like(filter.text))
    }
    if (filter.category) {
      where.push('category = ?')
      params.push(filter.category)
    }
    if (filter.villageIds) {
      if (!filter.villageIds.length) return null
      where.push(`village_id IN (${filter.villageIds.map(() => '?').join(', ')})`)
      params.push(...filter.villageIds)
    }
    if (filter.source) {
      // `source <> 'app'` lets the partial index of migration 022 serve a partner's cases
      where.push(partner ? `source = ? AND source <> 'app'` : `source = 'app'`)
      if (partner) params.push(filter.source)
    }
    if (filter.createdFrom) {
      where.push('created_at >= ?')
      params.push(filter.createdFrom.getTime())
    }
    if (filter.createdTo) {
      where.push('created_at < ?')
      params.push(filter.createdTo.getTime())
    }
    return { where, params }
  }

  /** The WHERE of a public query (publicCases, publicIds); null when nothing can match. */
  const publicWhere = (filter: Parameters<ReportRepo['publicCases']>[0]): { where: string; params: (string | number)[] } | null => {
    if (!filter.statuses.length || (filter.ids && !filter.ids.length)) return null
    // A small box (a street, 附近 2 km) holds few cases however many the district has: the R*Tree
    // must drive the query, so the other terms are written `+column`, which no index serves
    // (else the planner walks an index over every case, newest first, for the few in the box:
    // 180 ms among 1,000,000). A large box (the district zoomed out) keeps the newest-first index.
    // Likewise a list of ids (Open311 by ids and windows: up to 500 at a time): their primary key
    // must drive, not a newest-first index walked until the ids turn up (issue 23: 11–44 ms for
    // 500 ids among 1,500 cases, growing with the district).
    const small = filter.ids !== undefined || (filter.box !== undefined && (filter.box.maxLat - filter.box.minLat) * (filter.box.maxLng - filter.box.minLng) < SMALL_BOX_DEG2)
    const col = (name: string) => (small ? `+${name}` : name)
    const where = [`${col('kind')} = 'problem'`, small ? PUBLIC_UNINDEXED : PUBLIC, `${col('status')} IN (${filter.statuses.map(() => '?').join(', ')})`]
    const params: (string | number)[] = [...filter.statuses]
    if (filter.villageId !== undefined) {
      where.push(`${col('village_id')} = ?`)
      params.push(filter.villageId)
    }
    if (filter.category !== undefined) {
      where.push(`${col('category')} = ?`)
      params.push(filter.category)
    }
    if (filter.categories?.length) {
      where.push(`${col('category')} IN (${filter.categories.map(() => '?').join(', ')})`)
      params.push(...filter.categories)
    }
    if (filter.ids) {
      where.push(`id IN (${filter.ids.map(() => '?').join(', ')})`)
      params.push(...filter.ids)
    }
    if (filter.createdFrom) {
      where.push('created_at >= ?')
      params.push(filter.createdFrom.getTime())
    }
    if (filter.createdTo) {
      where.push('created_at <= ?')
      params.push(filter.createdTo.getTime())
    }
    if (filter.box) {
      // the R*Tree finds the points in the box; the rest of the filter and the order run on those rows
      where.push('rowid IN (SELECT id FROM reports_geo WHERE min_lat >= ? AND max_lat <= ? AND min_lng >= ? AND max_lng <= ?)')
      params.push(filter.box.minLat, filter.box.maxLat, filter.box.minLng, filter.box.maxLng)
    }
    return { where: where.join(' AND '), params }
  }

  return {
    get: (id) => exec(() => {
      const row = get.get(id)
      return row ? toReport(row) : null
    }),
    getMany: (ids) => exec(() => {
      const unique = [...new Set(ids)]
      if (!unique.length) return []
      return db.prepare<string[], Row>(`SELECT * FROM reports WHERE id IN (${unique.map(() => '?').join(', ')})`).all(...unique).map(toReport)
    }),
    supportersOf: (reportIds) => exec(() => {
      const out = new Map<string, string[]>(reportIds.map((id) => [id, []]))
      const unique = [...new Set(reportIds)]
      if (!unique.length) return out
      const rows = db.prepare<string[], { report_id: string; openid: string }>(`SELECT report_id, openid FROM report_supports WHERE report_id IN (${unique.map(() => '?').join(', ')}) ORDER BY at`).all(...unique)
      for (const r of rows) out.get(r.report_id)!.push(r.openid)
      return out
    }),
    findByClientId: (openid, clientId) => exec(() => {
      const row = byClient.get(openid, clientId)
      return row ? toReport(row) : null
    }),
    insert: (r) => exec(() => {
      const info = insert.run(...sqlValues(r))
      insertGeo.run(info.lastInsertRowid, r.latitude, r.latitude, r.longitude, r.longitude)
    }),
    update: (id, patch) => exec(() => {
      const cols = sqlPatch(patch)
      const keys = Object.keys(cols)
      if (!keys.length) return
      db.prepare(`UPDATE reports SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...cols, id })
      // a case placed by hand (report.place): its point in the R*Tree moves with it
      if (patch.latitude !== undefined || patch.longitude !== undefined) {
        const at = db.prepare<[string], { rid: number; latitude: number; longitude: number }>('SELECT rowid AS rid, latitude, longitude FROM reports WHERE id = ?').get(id)
        if (at) db.prepare('UPDATE reports_geo SET min_lat = ?, max_lat = ?, min_lng = ?, max_lng = ? WHERE id = ?').run(at.latitude, at.latitude, at.longitude, at.longitude, at.rid)
      }
    }),
    appendEvent: (e) => exec(() => void appendEvent.run({ ...e, at: e.at.getTime(), unitId: e.unitId ?? null })),
    unitSteps: (actions, from, to) => exec(() => {
      if (!actions.length) return []
      return db.prepare<(string | number)[], { unit_id: string; action: string; n: number }>(
        `SELECT unit_id, action, COUNT(*) AS n FROM report_events WHERE action IN (${actions.map(() => '?').join(', ')}) AND at >= ? AND at < ? AND unit_id IS NOT NULL GROUP BY unit_id, action`
      ).all(...actions, from.getTime(), to.getTime()).map((r) => ({ unitId: r.unit_id, action: r.action, n: r.n }))
    }),
    unitFigures: (from, to, now) => exec(() => {
      const q = to.getTime() - from.getTime() > LONG_DAYS * DAY ? dashboards.districtLong : dashboards.district
      const p = { from: from.getTime(), to: to.getTime(), now: now.getTime(), off: 0 }
      const open = new Map(q.overdueOpenByUnit.all(p).map((u) => [u.unit_id, u.n]))
      return q.byUnit.all(p).map((u) => ({ unitId: u.unit_id, received: u.received, resolved: u.resolved, resolvedOnTime: u.on_time ?? 0, ratingSum: u.rating_sum ?? 0, ratingCount: u.rating_count, overdueOpen: open.get(u.unit_id) ?? 0 }))
    }),
    timelines: (reportIds) => exec(() => {
      const out = new Map<string, ReportEvent[]>(reportIds.map((id) => [id, []]))
      for (const id of new Set(reportIds)) {
        out.set(id, events.all(id).map((r): ReportEvent => ({
          reportId: r.report_id, at: new Date(r.at), action: r.action, status: r.status, note: r.note, actorRole: r.actor_role, actorOpenid: r.actor_openid
        })))
      }
      return out
    }),
    // 补充: one row each (migration 037), its step in report_events; the case's row is not written
    addSupplement: (x, e) => exec(() => {
      if (addSupplement.run(x.reportId, x.by, x.clientId, x.at, x.note, JSON.stringify(x.photos)).changes !== 1) return false
      appendEvent.run({ ...e, at: e.at.getTime(), unitId: e.unitId ?? null })
      return true
    }),
    findSupplement: (reportId, by, clientId) => exec(() => {
      const row = findSupplement.get(reportId, by, clientId)
      return row ? toSupplement(row) : null
    }),
    supplementsOf: (reportIds, limit) => exec(() => {
      const unique = [...new Set(reportIds)]
      if (!unique.length || limit <= 0) return []
      return db.prepare<(string | number)[], SupplementRow>(`SELECT * FROM report_supplements WHERE report_id IN (${unique.map(() => '?').join(', ')}) ORDER BY at, rowid LIMIT ?`)
        .all(...unique, limit).map(toSupplement)
    }),
    addSupport: (reportId, openid, at) => exec(() => {
      const added = addSupport.run(reportId, openid, at.getTime()).changes === 1
      if (added) bumpSupport.run(reportId)
      return added
    }),
    createdTimesSince: (openid, since, limit) => exec(() => createdSince.all(openid, since.getTime(), limit).map((ms) => new Date(ms))),
    listByUser: (openid, cursor, limit) => exec(() => listWhere('openid = ?', [openid], cursor, limit)),
    queue: (filter, cursor, limit) => exec(() => {
      const q = queueWhere(filter)
      if (!q) return { items: [], nextCursor: null }
      const { where, params } = q
      if (!filter.urgent) return listWhere(where.join(' AND '), params, cursor, limit, filter.oldestFirst)
      // 待办: open cases by deadline, earliest first; keyset on (due_at, id)
      where.push(OPEN)
      const c = parseCursor(cursor)
      if (c) {
        where.push('(due_at > ? OR (due_at = ? AND id > ?))')
        params.push(c.at, c.at, c.id)
      }
      const rows = db.prepare<(string | number)[], Row>(`SELECT * FROM reports WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT ?`).all(...params, limit + 1)
      const last = rows.length > limit ? rows[limit - 1] : undefined
      return { items: rows.slice(0, limit).map(toReport), nextCursor: last ? cursorOf(last.due_at, last.id) : null }
    }),
    queueTotal: (filter) => exec(() => {
      const q = queueWhere(filter)
      if (!q) return 0
      const where = filter.urgent ? [...q.where, OPEN] : q.where
      return db.prepare<(string | number)[], number>(`SELECT COUNT(*) FROM reports WHERE ${where.join(' AND ')}`).pluck().get(...q.params) ?? 0
    }),
    queueCounts: (unitId, now) => exec(() => {
      const unit = unitId === null ? '' : ' AND unit_id = ?'
      const args = unitId === null ? [] : [unitId]
      const byStatus = Object.fromEntries(
        db.prepare<string[], { status: ReportStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM reports WHERE kind = 'problem'${unit} GROUP BY status`).all(...args).map((r) => [r.status, r.n])
      )
      const overdue = db.prepare<(string | number)[], number>(`SELECT COUNT(*) FROM reports WHERE kind = 'problem' AND ${OPEN} AND due_at < ?${unit}`).pluck().get(now.getTime(), ...args) ?? 0
      const praise = db.prepare<string[], number>(`SELECT COUNT(*) FROM reports WHERE kind = 'praise' AND status = 'submitted'${unit}`).pluck().get(...args) ?? 0
      return { byStatus, overdue, praise }
    }),
    openInBox: (box, category, limit) => exec(() =>
      (category
        ? inBoxOfCategory.all(box.minLat, box.maxLat, box.minLng, box.maxLng, category, limit)
        : inBox.all(box.minLat, box.maxLat, box.minLng, box.maxLng, limit)
      ).map(toReport)
    ),
    // at most 2 × limit rows read, whatever the number of overdue cases; oldest cases first, as before
    sweepCandidates: (now, resolvedBefore, limit) => exec(() =>
      [...sweepDue.all(now.getTime(), limit), ...sweepResolved.all(resolvedBefore.getTime(), limit)]
        .sort((a, b) => a.created_at - b.created_at)
        .slice(0, limit)
        .map(toReport)),
    villageStats: (villageId, from, to) => exec(() => statsOf(stats.get(villageId, from.getTime(), to.getTime())!)),
    districtStats: (from, to) => exec(() => statsOf(districtStats.get(from.getTime(), to.getTime())!)),
    dashboard: (f) => exec(() => {
      const q = f.unitId !== null ? dashboards.unit : f.to.getTime() - f.from.getTime() > LONG_DAYS * DAY ? dashboards.districtLong : dashboards.district
      const p = { ...(f.unitId === null ? {} : { unit: f.unitId }), from: f.from.getTime(), to: f.to.getTime(), now: f.now.getTime(), off: f.utcOffsetMinutes * 60_000 }
      return {
        received: q.received.all(p),
        accepted: q.accepted.all(p),
        resolved: q.resolved.all(p),
        overdue: q.overdue.all(p),
        byCategory: q.byCategory.all(p),
        byVillage: q.byVillage.all(p),
        byUnit: (() => {
          const open = new Map(q.overdueOpenByUnit.all(p).map((u) => [u.unit_id, u.n]))
          return q.byUnit.all(p).map((u) => ({ unitId: u.unit_id, received: u.received, resolved: u.resolved, resolvedOnTime: u.on_time ?? 0, ratingSum: u.rating_sum ?? 0, ratingCount: u.rating_count, overdueOpen: open.get(u.unit_id) ?? 0 }))
        })(),
        overdueNow: q.overdueNow.get(p) ?? 0
      }
    }),
    publicCases: (filter, cursor, limit) => exec(() => {
      const q = publicWhere(filter)
      return q ? listWhere(q.where, q.params, cursor, limit) : { items: [], nextCursor: null }
    }),
    // the same selection, ids only (no row is decoded): Open311 decides its order and pages on these
    publicIds: (filter) => exec(() => {
      const q = publicWhere(filter)
      return q ? db.prepare<(string | number)[], string>(`SELECT id FROM reports WHERE ${q.where}`).pluck().all(...q.params) : []
    }),
    eventsBetween: (from, to, limit) => exec(() =>
      eventsAt.all(from.getTime(), to.getTime(), limit).map((e) => ({ reportId: e.report_id, at: new Date(e.at) }))
    ),
    // a step since `from` (index at): each case's latest such step is its last one; kept when not after `to`
    updatedBetween: (from, to, skipActions, limit) => exec(() =>
      db.prepare<(string | number)[], { report_id: string; last: number }>(
        `SELECT report_id, MAX(at) AS last FROM report_events WHERE at >= ?${skipActions.length ? ` AND action NOT IN (${skipActions.map(() => '?').join(', ')})` : ''} GROUP BY report_id HAVING MAX(at) <= ? ORDER BY last DESC LIMIT ?`
      ).all(from.getTime(), ...skipActions, to.getTime(), limit).map((e) => ({ reportId: e.report_id, at: new Date(e.last) }))
    ),
    // migration 033's counter, moved by triggers in every writer's own transaction
    publicVersion: () => exec(() => publicVersion.get()!),
    verifyQueue: (villageIds, cursor, limit) => exec(() => {
      if (villageIds === null) return listWhere(`status = 'verifying'`, [], cursor, limit)
      if (!villageIds.length) return { items: [], nextCursor: null }
      return listWhere(`status = 'verifying' AND village_id IN (${villageIds.map(() => '?').join(', ')})`, villageIds, cursor, limit)
    }),
    recheckQueue: (openid, cursor, limit) => exec(() => listWhere(`status = 'verifying' AND openid = ? AND source = 'inspection'`, [openid], cursor, limit)),
    praiseWall: (cursor, limit) => exec(() => listWhere(`kind = 'praise' AND status = 'accepted' AND ${PUBLIC}`, [], cursor, limit)),
    pendingModeration: (before, limit) => exec(() => pending.all(before.getTime(), limit).map(toReport)),
    reassignUser: (from, to) => exec(() => {
      db.prepare('UPDATE report_supports SET openid = ? WHERE openid = ?').run(to, from)
      return db.prepare('UPDATE reports SET openid = ? WHERE openid = ?').run(to, from).changes
    })
  }
}
