import type { HouseholdRepo, StoredAwardEntry, StoredHouseholds, StoredRatings } from '../../core/households/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface HouseholdsRow { village_id: string; items: string; updated_at: number }
interface RatingsRow { id: string; village_id: string; kind: string; year: string; stars: string; updated_at: number }
interface EntryRow { id: string; type: 'list' | 'withdrawal'; village_id: string; kind: string; year: string; items: string; household_id: string | null; reason: string | null; at: number; by_name: string }

// the row mappers, also read by `npm run export:cloudbase`
export const toHouseholds = (r: HouseholdsRow): StoredHouseholds => ({ villageId: r.village_id, items: JSON.parse(r.items) as StoredHouseholds['items'], updatedAt: new Date(r.updated_at) })
export const toRatings = (r: RatingsRow): StoredRatings => ({ id: r.id, villageId: r.village_id, kind: r.kind, year: r.year, stars: JSON.parse(r.stars) as StoredRatings['stars'], updatedAt: new Date(r.updated_at) })
export const toAwardEntry = (r: EntryRow): StoredAwardEntry => ({
  id: r.id, type: r.type, villageId: r.village_id, kind: r.kind, year: r.year, items: JSON.parse(r.items) as StoredAwardEntry['items'],
  householdId: r.household_id, reason: r.reason, at: new Date(r.at), byName: r.by_name
})

/** Households, ratings and award entries (migration 032). */
export function sqliteHouseholds(db: Db, exec: Exec): HouseholdRepo {
  const getHouseholds = db.prepare<[string], HouseholdsRow>('SELECT * FROM households WHERE village_id = ?')
  const putHouseholds = db.prepare('INSERT INTO households (village_id, items, updated_at) VALUES (?, ?, ?) ON CONFLICT (village_id) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at')
  const getRatings = db.prepare<[string], RatingsRow>('SELECT * FROM household_ratings WHERE id = ?')
  const putRatings = db.prepare(
    `INSERT INTO household_ratings (id, village_id, kind, year, stars, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET stars = excluded.stars, updated_at = excluded.updated_at`
  )
  const getEntry = db.prepare<[string], EntryRow>('SELECT * FROM household_awards WHERE id = ?')
  const insertEntry = db.prepare('INSERT INTO household_awards (id, type, village_id, kind, year, items, household_id, reason, at, by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const entriesOf = db.prepare<[string, number], EntryRow>('SELECT * FROM household_awards WHERE village_id = ? ORDER BY at DESC, id DESC LIMIT ?')
  return {
    getHouseholds: (villageId) => exec(() => {
      const row = getHouseholds.get(villageId)
      return row ? toHouseholds(row) : null
    }),
    putHouseholds: (h) => exec(() => void putHouseholds.run(h.villageId, JSON.stringify(h.items), h.updatedAt.getTime())),
    getRatings: (id) => exec(() => {
      const row = getRatings.get(id)
      return row ? toRatings(row) : null
    }),
    putRatings: (r) => exec(() => void putRatings.run(r.id, r.villageId, r.kind, r.year, JSON.stringify(r.stars), r.updatedAt.getTime())),
    getEntry: (id) => exec(() => {
      const row = getEntry.get(id)
      return row ? toAwardEntry(row) : null
    }),
    insertEntry: (e) => exec(() => void insertEntry.run(e.id, e.type, e.villageId, e.kind, e.year, JSON.stringify(e.items), e.householdId, e.reason, e.at.getTime(), e.byName)),
    entriesOf: (villageId, limit) => exec(() => entriesOf.all(villageId, limit).map(toAwardEntry))
  }
}
