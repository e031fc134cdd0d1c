import type { OperationFilter, OperationRepo, StoredOperation } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'
import { cursorOf, parseCursor } from '../cursor'

interface Row { id: string; at: number; actor_openid: string | null; actor_name: string; action: string; target: string; before: string | null; after: string | null }

export const toOperation = (r: Row): StoredOperation => ({
  id: r.id, at: new Date(r.at), actorOpenid: r.actor_openid, actorName: r.actor_name, action: r.action, target: r.target,
  before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after)
})

/** The WHERE of a filter (without the cursor). */
function whereOf(filter: OperationFilter): { where: string[]; params: (string | number)[] } {
  const where: string[] = []
  const params: (string | number)[] = []
  const when = (ok: unknown, sql: string, ...values: (string | number)[]) => { if (ok !== undefined) { where.push(sql); params.push(...values) } }
  when(filter.target, 'target = ?', filter.target!)
  when(filter.actorOpenid, 'actor_openid = ?', filter.actorOpenid!)
  when(filter.action, 'action = ?', filter.action!)
  when(filter.from, 'at >= ?', filter.from?.getTime() ?? 0)
  when(filter.to, 'at < ?', filter.to?.getTime() ?? 0)
  return { where, params }
}

/** The operation log: appended, never changed (triggers refuse UPDATE and DELETE). */
export function sqliteOperations(db: Db, exec: Exec): OperationRepo {
  const insert = db.prepare(
    `INSERT INTO operation_log (id, at, actor_openid, actor_name, action, target, before, after)
     VALUES (@id, @at, @actorOpenid, @actorName, @action, @target, @before, @after)`
  )
  return {
    append: (op) => exec(() => void insert.run({ ...op, at: op.at.getTime(), before: op.before === null ? null : JSON.stringify(op.before), after: op.after === null ? null : JSON.stringify(op.after) })),
    list: (filter, cursor, limit) => exec(() => {
      const c = parseCursor(cursor)
      const { where, params } = whereOf(filter)
      const [after, dir] = filter.oldestFirst ? ['>', 'ASC'] : ['<', 'DESC']
      if (c) {
        where.push(`(at ${after} ? OR (at = ? AND id ${after} ?))`)
        params.push(c.at, c.at, c.id)
      }
      const rows = db.prepare<(string | number)[], Row>(`SELECT * FROM operation_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at ${dir}, id ${dir} LIMIT ?`).all(...params, limit + 1)
      const last = rows.length > limit ? rows[limit - 1] : undefined
      return { items: rows.slice(0, limit).map(toOperation), nextCursor: last ? cursorOf(last.at, last.id) : null }
    }),
    count: (filter) => exec(() => {
      const { where, params } = whereOf(filter)
      return db.prepare<(string | number)[], number>(`SELECT COUNT(*) FROM operation_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(...params) ?? 0
    })
  }
}
