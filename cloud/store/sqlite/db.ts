import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'

export type Db = Database.Database

const MIGRATIONS_DIR = path.join(__dirname, 'migrations')

/**
 * Opens (creating if needed) the database file and applies pending migrations in order.
 * WAL with synchronous=NORMAL: every committed transaction survives a crash of the process.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const db = new Database(file)
  if (file !== ':memory:') fs.chmodSync(file, 0o600) // people's data: readable by the server's user only
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Temporary files in memory: above all the savepoint journal of group commit (group.ts), which
  // otherwise spills to a temporary file after 64 KiB and then costs a write per page touched.
  // It only serves rolling back to a savepoint; crash recovery is the WAL's and is unchanged.
  db.pragma('temp_store = MEMORY')
  // A larger page cache (128 MiB instead of better-sqlite3's 16 MiB; it only grows as pages are
  // used): with a million cases, every insert touches leaf pages of several indexes at random,
  // and each page the cache misses is a read from the file, a system call.
  db.pragma('cache_size = -131072')
  migrate(db)
  return db
}

export function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]
  )
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
  for (const file of files) {
    const version = Number(file.slice(0, 3))
    if (applied.has(version)) continue
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        file,
        new Date().toISOString()
      )
    })()
  }
}
