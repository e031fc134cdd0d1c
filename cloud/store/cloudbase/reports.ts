import type { ReportStatus } from '../../../types/report'
import { OPEN_STATUSES, REPORT_STATUSES } from '../../../types/report'
import { ACCEPTED_STATUSES } from '../../../types/names'
import type { QueueFilter, ReportEvent, ReportRepo, StoredCaseSupplement, StoredReport, VillageCaseStats } from '../../core/report/ports'
import { supplementId } from '../../core/report/model'
import { fromDoc } from '../caseFields'
import { allGroups, coalesced, COLLECTIONS as C, getAll, getDoc, keysetPage, storedFields, updateFields, type Database, type Doc } from './db'
import type { Docs } from './docs'

const date = (v: unknown) => (v == null ? null : new Date(Number(v)))
/**
 * The timelines that came with the cases read outside a transaction, by the very object answered
 * (`timelineRead`): a list presents its cases without reading them again (issue 22).
 */
const readWith = new WeakMap<StoredReport, ReportEvent[]>()
const toSupplement = (d: Doc): StoredCaseSupplement => ({
  reportId: String(d.reportId), by: String(d.by), clientId: String(d.clientId), at: Number(d.at), note: (d.note as string | null) ?? null, photos: (d.photos as string[] | undefined) ?? []
})
/** Problems: cases stored before praise had its kind have no `kind` (`neq` matches them). */
const toEvent = (reportId: string, d: Doc): ReportEvent => ({
  reportId, at: date(d.at)!, action: d.action as string, status: d.status as ReportStatus, note: (d.note as string | null) ?? null,
  actorRole: d.actorRole as ReportEvent['actorRole'], actorOpenid: (d.actorOpenid as string | null) ?? null
})

/**
 * Reports on CloudBase, every read a fixed number of calls:
 * - a case is one document that also carries its public timeline (`timeline`, appended with
 *   `_.push` in the same transaction as the change); each event is also written as an insert-only
 *   document in `report_events`, the audit log;
 * - idempotent submits: a mapping document `<openid>:<clientId>` read by id inside the transaction;
 * - "我也遇到": one document per supporter, written in a transaction; the count on the case by one
 *   conditional atomic update after it (`addSupport`);
 * - 补充: one document each in `report_supplements` (its id from the case, the neighbour's digest
 *   and their key), with its audit document in the transaction; the case's timeline takes the step
 *   by one conditional atomic push after commit (`addSupplement`); a case's 补充: one indexed query;
 * - lists: one indexed query with a keyset cursor; `nearby`: one query on the box (index
 *   status + latitude); the public feed and map: one query (status + villageId / latitude +
 *   createdAt); the village's and the district's month figures: one aggregation each.
 */
export function cloudbaseReports(db: Database, docs: Docs): ReportRepo {
  const _ = db.command
  /** A case from its document: the fields are described once (cloud/store/caseFields.ts); its timeline kept with it (read outside a transaction). */
  const toReport = (d: Doc): StoredReport => {
    const r = fromDoc(d)
    if (!docs.inTransaction && Array.isArray(d.timeline)) readWith.set(r, (d.timeline as Doc[]).map((e) => toEvent(r.id, e)))
    return r
  }
  /**
   * What the public may see: moderated (cases stored before moderation have no field: `neq`
   * matches them) and not hidden (`null` matches a missing field too).
   */
  const PUBLIC: Doc = { moderation: _.neq('pending'), hiddenAt: null }
  const $ = _.aggregate as Record<string, (...a: unknown[]) => unknown>
  const list = async (where: Doc[], cursor: string | undefined, limit: number, direction: 'asc' | 'desc' = 'desc') => {
    const page = await keysetPage(docs, _, C.reports, where, 'createdAt', cursor, limit, direction)
    return { items: page.items.map(toReport), nextCursor: page.nextCursor }
  }
  /** The conditions of the console's queue (工单), still one query; null when nothing can match. */
  const queueWhere = (filter: QueueFilter): Doc[] | null => {
    const where: Doc[] = [filter.kind === 'praise' ? { kind: 'praise' } : { kind: _.neq('praise') }]
    if (filter.unitId !== null) where.push({ unitId: filter.unitId })
    if (filter.status) where.push({ status: filter.status })
    if (filter.overdueAt) where.push({ status: _.in([...OPEN_STATUSES]), dueAt: _.lt(filter.overdueAt.getTime()) })
    if (filter.text) {
      const text = db.RegExp({ regexp: filter.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
      where.push(_.or([{ description: text }, { address: text }]) as Doc)
    }
    if (filter.category) where.push({ category: filter.category })
    if (filter.villageIds) {
      if (!filter.villageIds.length) return null
      where.push({ villageId: _.in([...filter.villageIds]) })
    }
    // cases stored before sources have none: they are the app's
    if (filter.source) where.push((filter.source === 'app' ? _.or([{ source: 'app' }, { source: _.exists(false) }]) : { source: filter.source }) as Doc)
    if (filter.createdFrom || filter.createdTo) {
      where.push({ createdAt: _.and([_.gte(filter.createdFrom?.getTime() ?? 0), _.lt(filter.createdTo?.getTime() ?? Number.MAX_SAFE_INTEGER)]) })
    }
    // 待办: open cases only
    if (filter.urgent) where.push({ status: _.in([...OPEN_STATUSES]) })
    return where
  }
  /**
   * A month's case figures of the matched cases: one aggregation. `within` adds, in the same
   * aggregation, the figures of each of these villages (prefixed `v<i>_`), read from the documents
   * the district's figures examine anyway.
   */
  const caseStatsRows = async (match: Doc, within: string[] = []): Promise<VillageCaseStats[]> => {
    const problem = $.neq!(['$kind', 'praise'])
    const done = $.and!([problem, $.in!(['$status', ['resolved', 'closed']])])
    const sums = (prefix: string, only: unknown) => {
      const when = (c: unknown) => (only === null ? c : $.and!([only, c]))
      return {
        [`${prefix}received`]: $.sum!($.cond!({ if: when(problem), then: 1, else: 0 })),
        [`${prefix}accepted`]: $.sum!($.cond!({ if: when($.and!([problem, $.in!(['$status', [...ACCEPTED_STATUSES]])])), then: 1, else: 0 })),
        [`${prefix}praised`]: $.sum!($.cond!({ if: when($.and!([$.eq!(['$kind', 'praise']), $.eq!(['$status', 'accepted'])])), then: 1, else: 0 })),
        [`${prefix}resolved`]: $.sum!($.cond!({ if: when(done), then: 1, else: 0 })),
        [`${prefix}resolvedOnTime`]: $.sum!($.cond!({ if: when($.and!([done, $.lte!(['$resolvedAt', '$dueAt'])])), then: 1, else: 0 })),
        [`${prefix}ratingSum`]: $.sum!(only === null ? $.ifNull!(['$rating.score', 0]) : $.cond!({ if: only, then: $.ifNull!(['$rating.score', 0]), else: 0 })),
        [`${prefix}ratingCount`]: $.sum!($.cond!({ if: when($.ifNull!(['$rating.score', false])), then: 1, else: 0 })) // scores are 1–5, never 0
      }
    }
    const { list: rows } = await docs.query(C.reports).aggregate()
      .match(match)
      .group(Object.assign({ _id: null }, sums('', null), ...within.map((v, i) => sums(`v${i}_`, $.eq!(['$villageId', v])))))
      .limit(1)
      .end()
    const s = (rows[0] ?? {}) as Doc
    const read = (prefix: string): VillageCaseStats => ({
      received: Number(s[`${prefix}received`] ?? 0), accepted: Number(s[`${prefix}accepted`] ?? 0), resolved: Number(s[`${prefix}resolved`] ?? 0), resolvedOnTime: Number(s[`${prefix}resolvedOnTime`] ?? 0),
      ratingSum: Number(s[`${prefix}ratingSum`] ?? 0), ratingCount: Number(s[`${prefix}ratingCount`] ?? 0), praised: Number(s[`${prefix}praised`] ?? 0)
    })
    return [read(''), ...within.map((_v, i) => read(`v${i}_`))]
  }
  const monthOf = (from: number, to: number) => ({ createdAt: _.and([_.gte(from), _.lt(to)]) })
  /**
   * A village's and the district's figures asked at the same moment (the 数据 page asks for both)
   * are one aggregation: the district's, with the village's figures beside; asked alone, each is one.
   */
  const statsOf = coalesced<{ villageId: string | null; from: number; to: number }, VillageCaseStats>(async (asks) => {
    const out = new Map<number, VillageCaseStats>()
    const month = (a: { from: number; to: number }) => `${a.from}:${a.to}`
    const districts = new Map(asks.flatMap((a) => (a.villageId === null ? [[month(a), a] as const] : [])))
    await Promise.all([
      ...[...districts].map(async ([key, d]) => {
        const villages = [...new Set(asks.filter((a) => a.villageId !== null && month(a) === key).map((a) => a.villageId!))]
        const [district, ...each] = await caseStatsRows(monthOf(d.from, d.to), villages)
        asks.forEach((a, i) => {
          if (month(a) !== key) return
          out.set(i, a.villageId === null ? district! : each[villages.indexOf(a.villageId)]!)
        })
      }),
      ...asks.map(async (a, i) => {
        if (a.villageId !== null && !districts.has(month(a))) out.set(i, (await caseStatsRows({ villageId: a.villageId, ...monthOf(a.from, a.to) }))[0]!)
      })
    ])
    return asks.map((_a, i) => out.get(i)!)
  })
  const DAY = 86_400_000
  /** The district's day number of an epoch-ms field: floor((field + offset) / day). */
  const dayOf = (field: string, off: number) => $.floor!($.divide!([$.add!([field, off]), DAY]))
  const range = (from: Date, to: Date) => _.and([_.gte(from.getTime()), _.lt(to.getTime())])
  const days = (list: Doc[]) => list.map((g) => ({ day: Number(g._id), n: Number(g.n) })).filter((g) => g.n > 0)
  /**
   * The dashboard: one aggregation per figure (and a count), whatever the number of cases —
   * indexes kind + createdAt (+ unitId), resolvedAt, dueAt, and report_events action + at.
   */
  /** Problems filed in [from, to) per unit: one aggregation (the dashboard's league table, the unit board). */
  const byUnitOf = (from: Date, to: Date, at: Date, unit: Doc = {}) => {
    const open = $.in!(['$status', [...OPEN_STATUSES]])
    const done = $.in!(['$status', ['resolved', 'closed']])
    const count = (cond: unknown) => $.sum!($.cond!({ if: cond, then: 1, else: 0 }))
    return docs.query(C.reports).aggregate().match({ kind: _.neq('praise'), ...unit, createdAt: range(from, to) }).group({
      _id: '$unitId',
      received: $.sum!(1),
      resolved: count(done),
      resolvedOnTime: count($.and!([done, $.lte!(['$resolvedAt', '$dueAt'])])),
      ratingSum: $.sum!($.ifNull!(['$rating.score', 0])),
      ratingCount: count($.ifNull!(['$rating.score', false])),
      overdueOpen: count($.and!([open, $.lt!(['$dueAt', at.getTime()])]))
    }).limit(1000).end()
  }
  const unitRows = (list: Doc[]) => list.map((g) => ({
    unitId: String(g._id), received: Number(g.received), resolved: Number(g.resolved), resolvedOnTime: Number(g.resolvedOnTime),
    ratingSum: Number(g.ratingSum), ratingCount: Number(g.ratingCount), overdueOpen: Number(g.overdueOpen)
  }))
  const dashboard: ReportRepo['dashboard'] = async (f) => {
    const off = f.utcOffsetMinutes * 60_000
    const now = f.now.getTime()
    const unit = f.unitId === null ? {} : { unitId: f.unitId }
    const problem = { kind: _.neq('praise'), ...unit }
    const filed = { ...problem, createdAt: range(f.from, f.to) }
    const open = $.in!(['$status', [...OPEN_STATUSES]])
    const count = (cond: unknown) => $.sum!($.cond!({ if: cond, then: 1, else: 0 }))
    const agg = () => docs.query(C.reports).aggregate()
    const accepted = () => {
      const events = docs.query(C.reportEvents).aggregate().match({ action: 'accept', at: range(f.from, f.to) })
      const scoped = f.unitId === null ? events : events
        .lookup({ from: docs.name(C.reports), localField: 'reportId', foreignField: '_id', as: 'case' })
        .unwind('$case')
        .match({ 'case.unitId': f.unitId })
      return scoped.group({ _id: dayOf('$at', off), n: $.sum!(1) }).limit(1000).end()
    }
    const [received, acc, resolved, overdue, byCategory, byVillage, byUnit, overdueNow] = await Promise.all([
      agg().match(filed).group({ _id: dayOf('$createdAt', off), n: $.sum!(1) }).limit(1000).end(),
      accepted(),
      agg().match({ ...problem, status: _.in(['resolved', 'closed']), resolvedAt: range(f.from, f.to) }).group({ _id: dayOf('$resolvedAt', off), n: $.sum!(1) }).limit(1000).end(),
      agg().match({ ...problem, status: _.neq('rejected'), dueAt: range(f.from, f.to) })
        .group({ _id: dayOf('$dueAt', off), n: count($.or!([$.and!([open, $.lt!(['$dueAt', now])]), $.gt!(['$resolvedAt', '$dueAt'])])) })
        .limit(1000).end(),
      agg().match(filed).group({ _id: '$category', n: $.sum!(1) }).limit(1000).end(),
      // a district may have more than 1000 villages (the bench's 3,036): read in pages
      allGroups(() => agg().match(filed).group({ _id: '$villageId', n: $.sum!(1) })).then((list) => ({ list })),
      byUnitOf(f.from, f.to, f.now, unit),
      docs.query(C.reports).where({ ...problem, status: _.in([...OPEN_STATUSES]), dueAt: _.lt(now) }).count()
    ])
    return {
      received: days(received.list),
      accepted: days(acc.list),
      resolved: days(resolved.list),
      overdue: days(overdue.list),
      byCategory: (byCategory.list as Doc[]).map((g) => ({ key: String(g._id), n: Number(g.n) })),
      byVillage: (byVillage.list as Doc[]).map((g) => ({ key: g._id == null ? null : String(g._id), n: Number(g.n) })),
      byUnit: unitRows(byUnit.list as Doc[]),
      overdueNow: Number(overdueNow.total)
    }
  }
  const repo: ReportRepo = {
    get: async (id) => {
      const d = await getDoc(docs.doc(C.reports, id))
      return d ? toReport({ ...d, _id: id }) : null
    },
    getMany: async (ids) => {
      const unique = [...new Set(ids)]
      if (!unique.length) return []
      return (await docs.query(C.reports).where({ _id: _.in(unique) }).limit(Math.min(unique.length, 1000)).get()).data.map(toReport)
    },
    // one query: a drive links at most 20 cases, and 我也遇到 are a few per case (at most 1000 read)
    supportersOf: async (reportIds) => {
      const out = new Map<string, string[]>(reportIds.map((id) => [id, []]))
      const unique = [...new Set(reportIds)]
      if (!unique.length) return out
      const { data } = await docs.query(C.reportSupports).where({ reportId: _.in(unique) }).orderBy('at', 'asc').limit(1000).get()
      for (const d of data) out.get(String(d.reportId))?.push(String(d.openid))
      return out
    },
    findByClientId: async (openid, clientId) => {
      const map = await getDoc(docs.doc(C.reportClients, `${openid}:${clientId}`))
      return map ? repo.get(map.reportId as string) : null
    },
    insert: async (r) => {
      const { id, ...rest } = r
      await docs.doc(C.reports, id).set({ data: { ...storedFields(rest), timeline: [] } })
      await docs.doc(C.reportClients, `${r.openid}:${r.clientId}`).set({ data: { reportId: id } })
    },
    update: async (id, patch) => {
      const data = updateFields(db, patch as Record<string, unknown>)
      if (Object.keys(data).length) await docs.doc(C.reports, id).update({ data })
    },
    appendEvent: async (e) => {
      const event = storedFields({ ...e })
      await docs.doc(C.reports, e.reportId).update({ data: { timeline: _.push([withoutReportId(event)]) } })
      await docs.doc(C.reportEvents, `${e.reportId}:${e.at.getTime()}:${Math.random().toString(36).slice(2, 10)}`).set({ data: event })
    },
    timelineRead: (r) => readWith.get(r),
    timelines: async (reportIds) => {
      const out = new Map<string, ReportEvent[]>()
      if (!reportIds.length) return out
      const found: Doc[] = docs.inTransaction
        ? await Promise.all(reportIds.map(async (id) => ({ ...(await getDoc(docs.doc(C.reports, id))), _id: id })))
        : (await docs.query(C.reports).where({ _id: _.in(reportIds) }).field({ timeline: true }).limit(reportIds.length).get()).data
      for (const id of reportIds) out.set(id, [])
      for (const d of found) out.set(String(d._id), ((d.timeline as Doc[] | undefined) ?? []).map((e) => toEvent(String(d._id), e)))
      return out
    },
    /**
     * The supporter's document in the transaction (with the caller's daily limit, when there is
     * one); the case's count after the commit, outside any transaction: one conditional atomic
     * update of the case (`supporters` ≠ openid → `supportCount` + 1 and the openid pushed), so a
     * hundred neighbours at once never conflict on the case, and a retry after a lost answer never
     * counts twice (issue 22). A supporter whose count did not land (the update failed) is counted
     * by their retry: the update runs again whether the support is new or not.
     */
    addSupport: async (reportId, openid, at) =>
      docs.withTransaction(async (d) => {
        const ref = d.doc(C.reportSupports, `${reportId}:${openid}`)
        const had = await getDoc(ref)
        if (!had) await ref.set({ data: { reportId, openid, at: at.getTime() } })
        await d.afterCommit((outside) => outside.query(C.reports).where({ _id: reportId, supporters: _.neq(openid) }).update({ data: { supportCount: _.inc(1), supporters: _.push([openid]) } }))
        return !had
      }),
    /**
     * The 补充's document and its step's audit document in the transaction (neither is the case's);
     * after the commit, outside any transaction, the case's timeline takes the step by one atomic
     * push conditioned on the step not being there (`timeline.ref`): twenty neighbours at once never
     * conflict on the case, and a push run again (a retry, which calls this for a record already
     * there) adds the step only if an earlier push failed (issue 22).
     */
    addSupplement: async (x, e) =>
      docs.withTransaction(async (d) => {
        const id = supplementId(x.reportId, x.by, x.clientId)
        const ref = d.doc(C.reportSupplements, id)
        const had = await getDoc(ref)
        const event = storedFields({ ...e })
        if (!had) {
          await ref.set({ data: { reportId: x.reportId, by: x.by, clientId: x.clientId, at: x.at, note: x.note, photos: x.photos } })
          await d.doc(C.reportEvents, `${id}:event`).set({ data: event })
        }
        // run again for a record already there (a retry): its step lands if an earlier push failed, else nothing
        await d.afterCommit((outside) => outside.query(C.reports).where({ _id: x.reportId, 'timeline.ref': _.neq(id) }).update({ data: { timeline: _.push([{ ...withoutReportId(event), ref: id }]) } }))
        return !had
      }),
    findSupplement: async (reportId, by, clientId) => {
      const found = await getDoc(docs.doc(C.reportSupplements, supplementId(reportId, by, clientId)))
      return found ? toSupplement(found) : null
    },
    supplementsOf: async (reportIds, limit) => {
      const unique = [...new Set(reportIds)]
      if (!unique.length || limit <= 0) return []
      const where = unique.length === 1 ? { reportId: unique[0] } : { reportId: _.in(unique) }
      return (await docs.query(C.reportSupplements).where(where).orderBy('at', 'asc').limit(Math.min(limit, 1000)).get()).data.map(toSupplement)
    },
    createdTimesSince: async (openid, since, limit) =>
      (await docs.query(C.reports).where({ openid, createdAt: _.gte(since.getTime()) }).field({ createdAt: true }).orderBy('createdAt', 'desc').limit(Math.min(limit, 1000)).get()).data
        .map((d) => new Date(Number(d.createdAt))),
    listByUser: (openid, cursor, limit) => list([{ openid }], cursor, limit),
    queue: (filter, cursor, limit) => {
      const where = queueWhere(filter)
      if (!where) return Promise.resolve({ items: [], nextCursor: null })
      if (!filter.urgent) return list(where, cursor, limit, filter.oldestFirst ? 'asc' : 'desc')
      // 待办: open cases by deadline, earliest first (index status + dueAt)
      return keysetPage(docs, _, C.reports, where, 'dueAt', cursor, limit, 'asc').then((page) => ({ items: page.items.map(toReport), nextCursor: page.nextCursor }))
    },
    // the same conditions, one count; a count has no order to walk an index by, so a search without
    // dates says `createdAt ≥ 0` (every case), a range the createdAt indexes serve (`kind` ≠ praise + createdAt)
    queueTotal: async (filter) => {
      const where = queueWhere(filter)
      if (!where) return 0
      const all = filter.createdFrom || filter.createdTo ? where : [...where, { createdAt: _.gte(0) }]
      return Number((await docs.query(C.reports).where(_.and(all)).count()).total)
    },
    // one aggregation for the statuses, one count each for the overdue and the praise to review
    queueCounts: async (unitId, now) => {
      const unit = unitId === null ? {} : { unitId }
      const [groups, overdue, praise] = await Promise.all([
        // every status named, so the index kind + status + createdAt serves the match (status is all it reads)
        docs.query(C.reports).aggregate().match({ kind: _.neq('praise'), status: _.in([...REPORT_STATUSES]), ...unit }).group({ _id: '$status', n: $.sum!(1) }).limit(100).end(),
        docs.query(C.reports).where({ kind: _.neq('praise'), status: _.in([...OPEN_STATUSES]), dueAt: _.lt(now.getTime()), ...unit }).count(),
        docs.query(C.reports).where({ kind: 'praise', status: 'submitted', ...unit }).count()
      ])
      return {
        byStatus: Object.fromEntries((groups.list as Doc[]).map((g) => [String(g._id), Number(g.n)])),
        overdue: Number(overdue.total),
        praise: Number(praise.total)
      }
    },
    openInBox: async (box, category, limit) => {
      const { data } = await docs.query(C.reports).where({
        status: _.in([...OPEN_STATUSES]),
        kind: _.neq('praise'),
        ...PUBLIC,
        latitude: _.and([_.gte(box.minLat), _.lte(box.maxLat)]),
        longitude: _.and([_.gte(box.minLng), _.lte(box.maxLng)]),
        ...(category ? { category } : {})
      }).limit(Math.min(limit, 1000)).get()
      return data.map(toReport)
    },
    sweepCandidates: async (now, resolvedBefore, limit) => {
      const [due, stale] = await Promise.all([
        docs.query(C.reports).where(
          _.and([{ status: _.in([...OPEN_STATUSES]), kind: _.neq('praise'), dueAt: _.lte(now.getTime()) }, _.or([{ overdueNotified: false }, { warnedNotified: false }])])
        ).orderBy('dueAt', 'asc').limit(limit).get(),
        docs.query(C.reports).where({ status: 'resolved', resolvedAt: _.lte(resolvedBefore.getTime()) }).orderBy('resolvedAt', 'asc').limit(limit).get()
      ])
      return [...due.data, ...stale.data].map(toReport).slice(0, limit)
    },
    villageStats: (villageId, from, to) => statsOf({ villageId, from: from.getTime(), to: to.getTime() }),
    districtStats: (from, to) => statsOf({ villageId: null, from: from.getTime(), to: to.getTime() }),
    dashboard,
    publicCases: async (filter, cursor, limit) => {
      if (!filter.statuses.length) return { items: [], nextCursor: null }
      const where: Doc[] = [{ kind: _.neq('praise'), status: _.in([...filter.statuses]), ...PUBLIC }]
      if (filter.villageId !== undefined) where.push({ villageId: filter.villageId })
      if (filter.category !== undefined) where.push({ category: filter.category })
      if (filter.categories?.length) where.push({ category: _.in([...filter.categories]) })
      if (filter.ids) {
        if (!filter.ids.length) return { items: [], nextCursor: null }
        where.push({ _id: _.in([...filter.ids]) })
      }
      if (filter.createdFrom || filter.createdTo) {
        where.push({ createdAt: _.and([_.gte(filter.createdFrom?.getTime() ?? 0), _.lte(filter.createdTo?.getTime() ?? Number.MAX_SAFE_INTEGER)]) })
      }
      if (filter.box) {
        where.push({
          latitude: _.and([_.gte(filter.box.minLat), _.lte(filter.box.maxLat)]),
          longitude: _.and([_.gte(filter.box.minLng), _.lte(filter.box.maxLng)])
        })
      }
      return list(where, cursor, Math.min(limit, 999))
    },
    // Open311 servicerequestupdates: one query on the audit log's events (index at)
    eventsBetween: async (from, to, limit) =>
      (await docs.query(C.reportEvents).where({ at: _.and([_.gte(from.getTime()), _.lte(to.getTime())]) }).field({ reportId: true, at: true }).orderBy('at', 'asc').limit(Math.min(limit, 1000)).get()).data
        .map((d) => ({ reportId: String(d.reportId), at: new Date(Number(d.at)) })),
    // index at: one aggregation over the steps since `from`, each case's latest, kept when not after `to`
    updatedBetween: async (from, to, skipActions, limit) => {
      const { list: groups } = await docs.query(C.reportEvents).aggregate()
        .match({ at: _.gte(from.getTime()), ...(skipActions.length ? { action: _.nin([...skipActions]) } : {}) })
        .group({ _id: '$reportId', last: $.max!('$at') })
        .match({ last: _.lte(to.getTime()) })
        .sort({ last: -1 })
        .limit(Math.min(limit, 1000))
        .end()
      return (groups as Doc[]).map((g) => ({ reportId: String(g._id), at: new Date(Number(g.last)) }))
    },
    // index status + villageId + createdAt
    verifyQueue: (villageIds, cursor, limit) => {
      if (villageIds !== null && !villageIds.length) return Promise.resolve({ items: [], nextCursor: null })
      return list([{ status: 'verifying', ...(villageIds ? { villageId: _.in(villageIds) } : {}) }], cursor, limit)
    },
    // index openid + createdAt (report.mine's): an evaluator's own 整改 cases
    recheckQueue: (openid, cursor, limit) => list([{ openid, status: 'verifying', source: 'inspection' }], cursor, limit),
    // index action + at (the dashboard's): one aggregation, grouped by the unit the case had at each step
    unitSteps: async (actions, from, to) => {
      if (!actions.length) return []
      const { list: groups } = await docs.query(C.reportEvents).aggregate()
        .match({ action: _.in([...actions]), at: range(from, to), unitId: _.exists(true) })
        .group({ _id: { unitId: '$unitId', action: '$action' }, n: $.sum!(1) })
        .limit(1000)
        .end()
      return (groups as Doc[]).map((g) => ({ unitId: String((g._id as Doc).unitId), action: String((g._id as Doc).action), n: Number(g.n) }))
    },
    unitFigures: async (from, to, now) => unitRows((await byUnitOf(from, to, now)).list as Doc[]),
    praiseWall: (cursor, limit) => list([{ kind: 'praise', status: 'accepted', ...PUBLIC }], cursor, limit),
    // index moderation + createdAt
    pendingModeration: async (before, limit) =>
      (await docs.query(C.reports).where({ moderation: 'pending', createdAt: _.lt(before.getTime()) }).orderBy('createdAt', 'asc').limit(Math.min(limit, 1000)).get()).data.map(toReport),
    /**
     * 账号注销: each case passes to the anonymous id with its idempotency key (documents keyed by
     * openid are re-keyed: removed and written anew, in one transaction per case); supports likewise.
     * A rare action: it reads the user's cases page by page, and may be run again if it stops halfway.
     */
    reassignUser: async (from, to) => {
      const cases = await getAll(docs, _, C.reports, { openid: from })
      for (const d of cases) {
        await docs.withTransaction(async (t) => {
          await t.doc(C.reports, String(d._id)).update({ data: { openid: to } })
          await t.doc(C.reportClients, `${from}:${d.clientId}`).remove()
          await t.doc(C.reportClients, `${to}:${d.clientId}`).set({ data: { reportId: String(d._id) } })
        })
      }
      for (const s of await getAll(docs, _, C.reportSupports, { openid: from })) {
        await docs.withTransaction(async (t) => {
          await t.doc(C.reportSupports, String(s._id)).remove()
          await t.doc(C.reportSupports, `${s.reportId}:${to}`).set({ data: { reportId: s.reportId, openid: to, at: s.at } })
        })
        // the case's marker of who is counted (`addSupport`): the anonymous id instead, the count unchanged
        await docs.query(C.reports).where({ _id: s.reportId, supporters: _.neq(to) }).update({ data: { supporters: _.push([to]) } })
        await docs.query(C.reports).where({ _id: s.reportId, supporters: from }).update({ data: { supporters: _.pull(from) } })
      }
      return cases.length
    }
  }
  return repo
}

/** A timeline entry as kept on its case: the case's id is the document's own. */
function withoutReportId(d: Doc): Doc {
  const { reportId, ...rest } = d
  void reportId
  return rest
}
