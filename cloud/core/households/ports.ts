/**
 * The households part of the store port (issue 26, item 6; cloud/core/households/cases.ts).
 * Every method is by id (usable inside a transaction) but `entriesOf`, one indexed query.
 */

/** A village's households, kept together (a village names a few hundred to a few thousand): one read, one write. */
export interface StoredHouseholds {
  villageId: string
  items: { id: string; head: string; door: string }[]
  updatedAt: Date
}

/** The committee's draft ratings of one list (`<villageId>:<kind>:<year>`): household id → stars. */
export interface StoredRatings {
  id: string
  villageId: string
  kind: string
  year: string
  stars: Record<string, string[]>
  updatedAt: Date
}

/**
 * An award entry, insert-only: a published list (`list:<villageId>:<kind>:<year>`, its households
 * with their stars as published, 户主 and 门牌 at the time) or the withdrawal of one household's
 * award from it (`withdrawal:<villageId>:<kind>:<year>:<household id>`, with the reason).
 */
export interface StoredAwardEntry {
  id: string
  type: 'list' | 'withdrawal'
  villageId: string
  kind: string
  year: string
  /** A list's households (empty for a withdrawal). */
  items: { householdId: string; head: string; door: string; stars: string[] }[]
  /** A withdrawal's household and reason (null for a list). */
  householdId: string | null
  reason: string | null
  at: Date
  /** The committee member's name at the time. */
  byName: string
}

export interface HouseholdRepo {
  getHouseholds(villageId: string): Promise<StoredHouseholds | null>
  putHouseholds(households: StoredHouseholds): Promise<void>
  getRatings(id: string): Promise<StoredRatings | null>
  putRatings(ratings: StoredRatings): Promise<void>
  getEntry(id: string): Promise<StoredAwardEntry | null>
  /** Adds an entry (never changed or removed afterwards). */
  insertEntry(entry: StoredAwardEntry): Promise<void>
  /** A village's entries, newest first, at most `limit`: one indexed query (villageId + at). */
  entriesOf(villageId: string, limit: number): Promise<StoredAwardEntry[]>
}
