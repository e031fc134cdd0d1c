import type { PointKind } from '../../../types/points'
import { EARNING_KINDS, EXPIRING_KINDS, type PointsRepo, type StoredPointEntry } from '../../core/points/ports'
import type { Db } from './db'
import type { Exec } from './lock'
import { cursorOf, parseCursor } from '../cursor'

interface Row { id: string; openid: string; amount: number; kind: PointKind; ref: string; reason: string; at: number; by_openid: string | null; village_id: string | null }

/** A ledger row as the stored entry (also read by `npm run export:cloudbase`). */
export const toEntry = (r: Row): StoredPointEntry => ({
  id: r.id, openid: r.openid, amount: r.amount, kind: r.kind, ref: r.ref, reason: r.reason, at: new Date(r.at), by: r.by_openid, villageId: r.village_id
})

/** The 积分 ledger (migration 026): inserted, never changed (triggers refuse UPDATE and DELETE). */
export function sqlitePoints(db: Db, exec: Exec): PointsRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM points_ledger WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO points_ledger (id, openid, amount, kind, ref, reason, at, by_openid, village_id)
     VALUES (@id, @openid, @amount, @kind, @ref, @reason, @at, @by, @villageId)`
  )
  const sum = db.prepare<[string], number>('SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE openid = ?').pluck()
  return {
    get: (id) => exec(() => {
      const row = get.get(id)
      return row ? toEntry(row) : null
    }),
    insert: (e) => exec(() => void insert.run({ ...e, at: e.at.getTime() })),
    list: (openid, cursor, limit) => exec(() => {
      const c = parseCursor(cursor)
      const rows = c
        ? db.prepare<[string, number, number, string, number], Row>('SELECT * FROM points_ledger WHERE openid = ? AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?').all(openid, c.at, c.at, c.id, limit + 1)
        : db.prepare<[string, number], Row>('SELECT * FROM points_ledger WHERE openid = ? ORDER BY at DESC, id DESC LIMIT ?').all(openid, limit + 1)
      const last = rows.length > limit ? rows[limit - 1] : undefined
      return { items: rows.slice(0, limit).map(toEntry), nextCursor: last ? cursorOf(last.at, last.id) : null }
    }),
    sumOf: (openid) => exec(() => sum.get(openid) ?? 0),
    villageEarnings: (villageId, from, to) => exec(() => {
      const row = db.prepare<(string | number)[], { earners: number; points: number | null }>(
        `SELECT COUNT(DISTINCT openid) AS earners, SUM(amount) AS points FROM points_ledger
         WHERE village_id = ? AND at >= ? AND at < ? AND amount > 0 AND kind IN (${EARNING_KINDS.map(() => '?').join(', ')})`
      ).get(villageId, from.getTime(), to.getTime(), ...EARNING_KINDS)!
      return { earners: row.earners, points: row.points ?? 0 }
    }),
    earnedBetween: (from, to, limit) => exec(() => db.prepare<(string | number)[], Row>(
      `SELECT * FROM points_ledger WHERE at >= ? AND at < ? AND amount > 0 AND kind IN (${EXPIRING_KINDS.map(() => '?').join(', ')}) ORDER BY at, id LIMIT ?`
    ).all(from.getTime(), to.getTime(), ...EXPIRING_KINDS, limit).map(toEntry)),
    earnedAfter: (openid, after) => exec(() => db.prepare<(string | number)[], number>(
      `SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE openid = ? AND at > ? AND amount > 0 AND kind IN (${EXPIRING_KINDS.map(() => '?').join(', ')})`
    ).pluck().get(openid, after.getTime(), ...EXPIRING_KINDS) ?? 0),
    reassignUser: (from, to) => exec(() => db.prepare('UPDATE points_ledger SET openid = ? WHERE openid = ?').run(to, from).changes)
  }
}
