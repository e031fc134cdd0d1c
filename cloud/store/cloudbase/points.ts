import type { PointKind } from '../../../types/points'
import { EARNING_KINDS, EXPIRING_KINDS, type PointsRepo, type StoredPointEntry } from '../../core/points/ports'
import { COLLECTIONS as C, getDoc, keysetPage, storedFields, type Database, type Doc } from './db'
import type { Docs } from './docs'

const toEntry = (d: Doc): StoredPointEntry => ({
  id: String(d._id), openid: d.openid as string, amount: Number(d.amount), kind: d.kind as PointKind, ref: d.ref as string, reason: d.reason as string,
  at: new Date(Number(d.at)), by: (d.by as string | null) ?? null, villageId: (d.villageId as string | null) ?? null
})

/** A ledger entry's document (`_id` = its id): also what `npm run export:cloudbase` writes. */
export const entryFields = (e: StoredPointEntry): Doc => {
  const { id, ...rest } = e
  void id
  return storedFields(rest)
}

/**
 * The 积分 ledger (issue 28): one insert-only document per entry, its `_id` the cause's (read by id
 * inside the cause's transaction); a person's entries are one indexed query (openid + at desc + _id).
 */
export function cloudbasePoints(db: Database, docs: Docs): PointsRepo {
  const _ = db.command
  const $ = _.aggregate as Record<string, (...a: unknown[]) => unknown>
  return {
    get: async (id) => {
      const d = await getDoc(docs.doc(C.pointsLedger, id))
      return d ? toEntry({ ...d, _id: id }) : null
    },
    insert: async (e) => void (await docs.doc(C.pointsLedger, e.id).set({ data: entryFields(e) })),
    list: async (openid, cursor, limit) => {
      const page = await keysetPage(docs, _, C.pointsLedger, [{ openid }], 'at', cursor, limit)
      return { items: page.items.map(toEntry), nextCursor: page.nextCursor }
    },
    sumOf: async (openid) => {
      const { list } = await docs.query(C.pointsLedger).aggregate().match({ openid }).group({ _id: null, total: $.sum!('$amount') }).limit(1).end()
      return Number(list[0]?.total ?? 0)
    },
    // index villageId + at: one aggregation, grouped by person, then summed
    villageEarnings: async (villageId, from, to) => {
      const { list } = await docs.query(C.pointsLedger).aggregate()
        .match({ villageId, at: _.and([_.gte(from.getTime()), _.lt(to.getTime())]), amount: _.gt(0), kind: _.in([...EARNING_KINDS]) })
        .group({ _id: '$openid', points: $.sum!('$amount') })
        .group({ _id: null, earners: $.sum!(1), points: $.sum!('$points') })
        .limit(1)
        .end()
      return { earners: Number(list[0]?.earners ?? 0), points: Number(list[0]?.points ?? 0) }
    },
    // index at + _id
    earnedBetween: async (from, to, limit) =>
      (await docs.query(C.pointsLedger).where({ at: _.and([_.gte(from.getTime()), _.lt(to.getTime())]), amount: _.gt(0), kind: _.in([...EXPIRING_KINDS]) })
        .orderBy('at', 'asc').orderBy('_id', 'asc').limit(limit).get()).data.map(toEntry),
    // index openid + at
    earnedAfter: async (openid, after) => {
      const { list } = await docs.query(C.pointsLedger).aggregate().match({ openid, at: _.gt(after.getTime()), amount: _.gt(0), kind: _.in([...EXPIRING_KINDS]) })
        .group({ _id: null, total: $.sum!('$amount') }).limit(1).end()
      return Number(list[0]?.total ?? 0)
    },
    reassignUser: async (from, to) => (await docs.query(C.pointsLedger).where({ openid: from }).update({ data: { openid: to } })).stats.updated
  }
}
