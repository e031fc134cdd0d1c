import type { MessageRepo, StoredMessage } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'
import { cursorOf, parseCursor } from '../cursor'

interface Row {
  id: string
  openid: string
  kind: string
  title: string
  body: string
  link: string | null
  created_at: number
  read: number
}

export const toMessage = (r: Row): StoredMessage & { read: boolean } => ({
  id: r.id,
  openid: r.openid,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at),
  read: r.read === 1
})

/**
 * Keyset paging on (created_at, id): the cursor is `<ms>:<id>` of the last item. `later`: how the
 * root store defers the pushed marks into the next group commit (a mark lost in a crash only means
 * a message pushed again); inside a transaction they are written at once.
 */
export function sqliteMessages(db: Db, exec: Exec, later?: (write: () => void) => void): MessageRepo {
  const insert = db.prepare(
    `INSERT INTO messages (id, openid, kind, title, body, link, created_at, push_pending)
     VALUES (@id, @openid, @kind, @title, @body, @link, @createdAt, 1) ON CONFLICT (id) DO NOTHING`
  )
  const first = db.prepare<[string, number], Row>(
    'SELECT * FROM messages WHERE openid = ? ORDER BY created_at DESC, id DESC LIMIT ?'
  )
  const after = db.prepare<[string, number, number, string, number], Row>(
    `SELECT * FROM messages WHERE openid = ? AND (created_at < ? OR (created_at = ? AND id < ?))
     ORDER BY created_at DESC, id DESC LIMIT ?`
  )
  const unread = db.prepare<[string], number>('SELECT COUNT(*) FROM messages WHERE openid = ? AND read = 0').pluck()
  const readAll = db.prepare('UPDATE messages SET read = 1 WHERE openid = ? AND read = 0')
  const readOne = db.prepare('UPDATE messages SET read = 1 WHERE openid = ? AND id = ?')
  const pending = db.prepare<[number, number, number], Row>('SELECT * FROM messages WHERE push_pending = 1 AND created_at >= ? AND created_at <= ? ORDER BY created_at LIMIT ?')
  const pushed = db.prepare('UPDATE messages SET push_pending = 0 WHERE id = ?')

  return {
    insert: (m) => exec(() => void insert.run({ ...m, createdAt: m.createdAt.getTime() })),
    list: (openid, cursor, limit) =>
      exec(() => {
        const c = parseCursor(cursor)
        const rows = c ? after.all(openid, c.at, c.at, c.id, limit + 1) : first.all(openid, limit + 1)
        const items = rows.slice(0, limit).map(toMessage)
        const last = rows.length > limit ? rows[limit - 1] : undefined
        return { items, nextCursor: last ? cursorOf(last.created_at, last.id) : null }
      }),
    unreadCount: (openid) => exec(() => unread.get(openid) ?? 0),
    markRead: (openid, ids) =>
      exec(() => {
        if (ids === null) readAll.run(openid)
        else for (const id of ids) readOne.run(openid, id)
        return unread.get(openid) ?? 0
      }),
    pendingPush: (from, to, limit) => exec(() => pending.all(from.getTime(), to.getTime(), limit).map(toMessage)),
    markPushed: (ids) => {
      const mark = () => { for (const id of ids) pushed.run(id) }
      if (!later) return exec(mark)
      if (ids.length) later(mark)
      return Promise.resolve()
    },
    removeAll: (openid) => exec(() => void db.prepare('DELETE FROM messages WHERE openid = ?').run(openid))
  }
}
