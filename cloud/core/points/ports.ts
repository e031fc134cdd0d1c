import type { PointKind } from '../../../types/points'

/**
 * One entry of the 积分 ledger (issue 28): immutable, written in the transaction of its cause.
 * Its id is the cause's own (`report:<case id>`, `volunteer:<drive id>:<openid>`, `reversal:<entry id>`,
 * `redemption:<redemption id>`): a cause is entered once however often it is carried out, and read
 * by id inside a transaction (CloudBase allows nothing else there).
 */
export interface StoredPointEntry {
  id: string
  openid: string
  /** Signed; 0 when a cap held the points back (the reason says so). */
  amount: number
  kind: PointKind
  /** The cause: `report:<id>`, `activity:<id>`, `award:<id>`, `redemption:<id>`, or the entry a reversal undoes. */
  ref: string
  reason: string
  at: Date
  /** Who did it (the staff member who accepted, the shopkeeper), or null (the system, the volunteer's own check-out). */
  by: string | null
  /** The person's village when it was entered (the village's participation figures). */
  villageId: string | null
}

export interface PointsRepo {
  /** By id: inside a transaction too. */
  get(id: string): Promise<StoredPointEntry | null>
  /** Adds an entry (never changed or removed afterwards). Inside the cause's transaction. */
  insert(entry: StoredPointEntry): Promise<void>
  /** A person's entries, newest first (keyset cursor `<ms>:<id>`): one indexed query. */
  list(openid: string, cursor: string | undefined, limit: number): Promise<{ items: StoredPointEntry[]; nextCursor: string | null }>
  /** The sum of a person's entries (an audit of the balance): one aggregation. */
  sumOf(openid: string): Promise<number>
  /** 账号注销: the person's entries stay under the anonymous alias (the only change an entry ever sees); answers how many. */
  reassignUser(from: string, to: string): Promise<number>
}
