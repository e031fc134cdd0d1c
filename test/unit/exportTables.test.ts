import { migrate, openDb, type Db } from '../../cloud/store/sqlite/db'
import { ALL_COLLECTIONS } from '../../cloud/store/cloudbase/db'
import { documentsOf, MOVED, NOT_MOVED } from '../../scripts/export/documents'

/**
 * `npm run export:cloudbase` leaves no table behind unnoticed (docs/deploy.md §10): every table of
 * the database after all migrations is either moved by scripts/export/documents.ts (`MOVED`, and the
 * export really reads it) or listed as deliberately not moved, with the reason (`NOT_MOVED`). A
 * migration adding a table fails here until the export moves its rows or says why not.
 */
let db: Db
beforeAll(() => {
  db = openDb(':memory:')
  migrate(db)
})
afterAll(() => db.close())

const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)

it('every SQLite table is either moved or deliberately left behind with its reason', () => {
  const unaccounted = tables().filter((t) => !(t in MOVED) && !(t in NOT_MOVED))
  expect(unaccounted).toEqual([])
  // neither list names a table twice, nor one that no longer exists
  expect(Object.keys(MOVED).filter((t) => t in NOT_MOVED)).toEqual([])
  expect([...Object.keys(MOVED), ...Object.keys(NOT_MOVED)].filter((t) => !tables().includes(t))).toEqual([])
  for (const [table, reason] of Object.entries(NOT_MOVED)) expect([table, reason.length > 10]).toEqual([table, true])
})

it('the tables listed as moved are the tables the export reads, into collections the environment declares', () => {
  const read = new Set<string>()
  const watched = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_0-9]+)/gi)) read.add(m[1]!)
          return target.prepare(sql)
        }
      }
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    }
  })
  for (const d of documentsOf(watched)) expect(ALL_COLLECTIONS).toContain(d.collection)
  expect([...read].sort()).toEqual(Object.keys(MOVED).sort())
  for (const collections of Object.values(MOVED)) for (const c of collections) expect(ALL_COLLECTIONS).toContain(c)
})
