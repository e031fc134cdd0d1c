import type { ConsoleLoginRepo, StoredConsoleLogin } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row { id: string; code_hash: string; created_at: number; expires_at: number; failures: number; confirmed_by: string | null; confirmed_at: number | null; claimed_at: number | null }

const date = (v: number | null) => (v === null ? null : new Date(v))
const toRequest = (r: Row): StoredConsoleLogin => ({
  id: r.id, codeHash: r.code_hash, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at), failures: r.failures,
  confirmedBy: r.confirmed_by, confirmedAt: date(r.confirmed_at), claimedAt: date(r.claimed_at)
})

const COLUMNS = { failures: 'failures', confirmedBy: 'confirmed_by', confirmedAt: 'confirmed_at', claimedAt: 'claimed_at' } as const

/** The console's QR sign-in requests (migration 021): a hash of each code, never the code. */
export function sqliteConsoleLogins(db: Db, exec: Exec): ConsoleLoginRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM console_logins WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO console_logins (id, code_hash, created_at, expires_at, failures, confirmed_by, confirmed_at, claimed_at)
     VALUES (@id, @codeHash, @createdAt, @expiresAt, @failures, @confirmedBy, @confirmedAt, @claimedAt)`
  )
  const removeOlder = db.prepare('DELETE FROM console_logins WHERE created_at < ?')
  return {
    get: (id) => exec(() => {
      const row = get.get(id)
      return row ? toRequest(row) : null
    }),
    insert: (r) => exec(() => void insert.run({ ...r, createdAt: r.createdAt.getTime(), expiresAt: r.expiresAt.getTime(), confirmedAt: r.confirmedAt?.getTime() ?? null, claimedAt: r.claimedAt?.getTime() ?? null })),
    update: (id, patch) => exec(() => {
      const entries = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => k in COLUMNS && patch[k] !== undefined)
      if (!entries.length) return
      const values = entries.map((k) => { const v = patch[k]; return v instanceof Date ? v.getTime() : v ?? null })
      db.prepare(`UPDATE console_logins SET ${entries.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id)
    }),
    removeOlderThan: (before) => exec(() => removeOlder.run(before.getTime()).changes)
  }
}
