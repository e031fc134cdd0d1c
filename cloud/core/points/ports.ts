import type { Goods, PointKind } from '../../../types/points'

/** The kinds that earn (participation counts these). */
export const EARNING_KINDS: readonly PointKind[] = ['report', 'praise', 'volunteer', 'award']
/** The kinds whose points can expire (what was earned, and what balances held when the ledger began). */
export const EXPIRING_KINDS: readonly PointKind[] = [...EARNING_KINDS, 'opening']

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
  /**
   * A village's participation in [from, to): people who earned points there (their village when
   * they earned) and the points earned (earning kinds only, not spending or reversals). One query
   * / one aggregation (index villageId + at).
   */
  villageEarnings(villageId: string, from: Date, to: Date): Promise<{ earners: number; points: number }>
  /**
   * Entries that earned (earning kinds and opening balances, amount > 0) made in [from, to), oldest
   * first (then by id), at most `limit`: one indexed query (at). The expiry's batches.
   */
  earnedBetween(from: Date, to: Date, limit: number): Promise<StoredPointEntry[]>
  /** What a person earned (earning kinds and opening, amount > 0) after `after`: one aggregation (openid + at). */
  earnedAfter(openid: string, after: Date): Promise<number>
  /** 账号注销: the person's entries stay under the anonymous alias (the only change an entry ever sees); answers how many. */
  reassignUser(from: string, to: string): Promise<number>
}

/** Goods of a 积分超市 (its shop: a village's or a town's region id). */
export interface StoredGoods extends Goods {
  createdAt: Date
}

/** A resident's one-time code: only its sha256 is kept (the id); used once, by one redemption. */
export interface StoredPointCode {
  id: string
  openid: string
  createdAt: Date
  expiresAt: Date
  redemptionId: string | null
}

export interface StoredRedemption {
  /** From the shopkeeper and their submit's `clientId`: a retried submit finds it. */
  id: string
  shopId: string
  openid: string
  /** Nicknames at the time. */
  customer: string
  keeperOpenid: string
  keeper: string
  items: { goodsId: string; name: string; price: number; quantity: number }[]
  total: number
  at: Date
}

/** The 积分超市: goods, codes and redemptions. By-id reads and writes are allowed inside a transaction; lists are one indexed query. */
export interface ShopRepo {
  getGoods(id: string): Promise<StoredGoods | null>
  putGoods(goods: StoredGoods): Promise<void>
  /** Changes the stock by `delta` (a redemption: negative), inside the redemption's transaction. */
  addStock(id: string, delta: number): Promise<void>
  /** A shop's goods, oldest first (at most 200). */
  listGoods(shopId: string): Promise<StoredGoods[]>
  getCode(id: string): Promise<StoredPointCode | null>
  insertCode(code: StoredPointCode): Promise<void>
  useCode(id: string, redemptionId: string): Promise<void>
  /** 账号注销: the person's redemptions stay for the shop's record under the alias, named 已注销用户; their codes go. */
  reassignUser(from: string, to: string): Promise<number>
  /** Deletes codes made before `before` (the sweep); answers how many went. */
  removeCodesBefore(before: Date): Promise<number>
  getRedemption(id: string): Promise<StoredRedemption | null>
  insertRedemption(r: StoredRedemption): Promise<void>
  /** A shop's redemptions, newest first (keyset cursor `<ms>:<id>`). */
  listRedemptions(shopId: string, cursor: string | undefined, limit: number, range?: { from: Date; to: Date }): Promise<{ items: StoredRedemption[]; nextCursor: string | null }>
}
