import type { HouseholdRepo, StoredAwardEntry, StoredHouseholds, StoredRatings } from '../../core/households/ports'
import { COLLECTIONS as C, getDoc, storedFields, type Doc } from './db'
import type { Docs } from './docs'

const toHouseholds = (villageId: string, d: Doc): StoredHouseholds => ({ villageId, items: JSON.parse(String(d.items ?? '[]')) as StoredHouseholds['items'], updatedAt: new Date(Number(d.updatedAt)) })
const toRatings = (id: string, d: Doc): StoredRatings => ({
  id, villageId: d.villageId as string, kind: d.kind as string, year: d.year as string, stars: JSON.parse(String(d.stars ?? '{}')) as StoredRatings['stars'], updatedAt: new Date(Number(d.updatedAt))
})
const toEntry = (d: Doc): StoredAwardEntry => ({
  id: String(d._id), type: d.type as StoredAwardEntry['type'], villageId: d.villageId as string, kind: d.kind as string, year: d.year as string,
  items: JSON.parse(String(d.items ?? '[]')) as StoredAwardEntry['items'], householdId: (d.householdId as string | null) ?? null, reason: (d.reason as string | null) ?? null,
  at: new Date(Number(d.at)), byName: d.byName as string
})

/** The documents (`_id` apart): also what `npm run export:cloudbase` writes. JSON text keeps household ids (any text) out of field paths. */
export const householdsFields = (h: StoredHouseholds): Doc => storedFields({ items: JSON.stringify(h.items), updatedAt: h.updatedAt })
export const ratingsFields = (r: StoredRatings): Doc => storedFields({ villageId: r.villageId, kind: r.kind, year: r.year, stars: JSON.stringify(r.stars), updatedAt: r.updatedAt })
export const awardEntryFields = (e: StoredAwardEntry): Doc => {
  const { id, ...rest } = e
  void id
  return storedFields({ ...rest, items: JSON.stringify(e.items) })
}

/**
 * Households (one document a village), the committee's ratings (one a list) and the insert-only
 * award entries (issue 26): by id inside transactions; a village's entries one indexed query.
 */
export function cloudbaseHouseholds(docs: Docs): HouseholdRepo {
  return {
    getHouseholds: async (villageId) => {
      const d = await getDoc(docs.doc(C.households, villageId))
      return d ? toHouseholds(villageId, d) : null
    },
    putHouseholds: async (h) => void (await docs.doc(C.households, h.villageId).set({ data: householdsFields(h) })),
    getRatings: async (id) => {
      const d = await getDoc(docs.doc(C.householdRatings, id))
      return d ? toRatings(id, d) : null
    },
    putRatings: async (r) => void (await docs.doc(C.householdRatings, r.id).set({ data: ratingsFields(r) })),
    getEntry: async (id) => {
      const d = await getDoc(docs.doc(C.householdAwards, id))
      return d ? toEntry({ ...d, _id: id }) : null
    },
    insertEntry: async (e) => void (await docs.doc(C.householdAwards, e.id).set({ data: awardEntryFields(e) })),
    // index villageId + at (desc)
    entriesOf: async (villageId, limit) =>
      (await docs.query(C.householdAwards).where({ villageId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit).get()).data.map(toEntry)
  }
}
