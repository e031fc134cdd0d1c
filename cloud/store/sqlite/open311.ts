import type { Open311Repo, StoredOpen311Key } from '../../core/open311/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row { id: string; hash: string; partner: string; openid: string; created_at: number; created_by: string; revoked_at: number | null; last_used_at: number | null; status_changes: number }

export const toKey = (r: Row): StoredOpen311Key => ({
  id: r.id, hash: r.hash, partner: r.partner, openid: r.openid, createdAt: new Date(r.created_at), createdBy: r.created_by,
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at), lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
  statusChanges: r.status_changes === 1
})

/** Open311 partner keys (issue 15): a hash of each key, never the key. */
export function sqliteOpen311(db: Db, exec: Exec): Open311Repo {
  const get = db.prepare<[string], Row>('SELECT * FROM open311_keys WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO open311_keys (id, hash, partner, openid, created_at, created_by, revoked_at, last_used_at, status_changes)
     VALUES (@id, @hash, @partner, @openid, @createdAt, @createdBy, @revokedAt, @lastUsedAt, @statusChanges)`
  )
  const revoke = db.prepare('UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  const allow = db.prepare('UPDATE open311_keys SET status_changes = ? WHERE id = ?')
  const touch = db.prepare('UPDATE open311_keys SET last_used_at = ? WHERE id = ?')
  const list = db.prepare<[number], Row>('SELECT * FROM open311_keys ORDER BY created_at DESC, id DESC LIMIT ?')
  return {
    getKey: (id) => exec(() => {
      const row = get.get(id)
      return row ? toKey(row) : null
    }),
    putKey: (k) => exec(() => void insert.run({ ...k, createdAt: k.createdAt.getTime(), revokedAt: k.revokedAt?.getTime() ?? null, lastUsedAt: k.lastUsedAt?.getTime() ?? null, statusChanges: k.statusChanges ? 1 : 0 })),
    revokeKey: (id, at) => exec(() => void revoke.run(at.getTime(), id)),
    setStatusChanges: (id, allowed) => exec(() => void allow.run(allowed ? 1 : 0, id)),
    touchKey: (id, at) => exec(() => void touch.run(at.getTime(), id)),
    listKeys: (limit) => exec(() => list.all(limit).map(toKey))
  }
}
