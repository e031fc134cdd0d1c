/**
 * The part of the wx-server-sdk database API the CloudBase adapter uses, typed locally so that
 * core and adapter code never import the SDK (the WeChat entry passes `cloud.database(...)`).
 * What the SDK does with each call, and what the server answers, is modelled by cloud/emulator
 * (docs/cloudbase-emulator.md); the adapter is tested through the real SDK against it.
 */
import { cursorOf, parseCursor } from '../cursor'

export type Doc = Record<string, unknown>

export interface DocRef {
  get(): Promise<{ data: Doc | null }>
  set(options: { data: Doc }): Promise<unknown>
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface Query {
  where(condition: Doc | unknown): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean | number>): Query
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface Aggregate {
  match(condition: Doc): Aggregate
  lookup(options: { from: string; localField: string; foreignField: string; as: string }): Aggregate
  unwind(path: string): Aggregate
  group(spec: Doc): Aggregate
  project(spec: Doc): Aggregate
  addFields(spec: Doc): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  end(): Promise<{ list: Doc[] }>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  add(options: { data: Doc }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

/** Operators of `db.command` (`_`) used here; each answers an opaque command object. */
export interface Command {
  inc(n: number): unknown
  set(value: unknown): unknown
  push(values: unknown[] | { each: unknown[]; sort?: Record<string, 1 | -1> }): unknown
  /** Removes every element equal to (or, for an object, matching) `value`. */
  pull(value: unknown): unknown
  /** Removes the first element of an array. */
  shift(): unknown
  remove(): unknown
  in(values: unknown[]): unknown
  nin(values: unknown[]): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  neq(value: unknown): unknown
  exists(value: boolean): unknown
  and(conditions: unknown[]): unknown
  or(conditions: unknown[]): unknown
  aggregate: Record<string, (...args: never[]) => unknown>
}

export interface TxCollection {
  doc(id: string): DocRef
}

export interface Transaction {
  collection(name: string): TxCollection
}

/** A transaction begun with `db.startTransaction()`: its commit and abort are the caller's. */
export interface OpenTransaction extends Transaction {
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

export interface Database {
  collection(name: string): Collection
  command: Command
  runTransaction<T>(fn: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
  startTransaction(): Promise<OpenTransaction>
  createCollection(name: string): Promise<unknown>
  /** A regular expression for a query (`{ field: db.RegExp({ regexp, options: 'i' }) }`). */
  RegExp(options: { regexp: string; options?: string }): unknown
  /** wx-server-sdk keeps the options `database(options)` was called with. */
  config?: { throwOnNotFound?: boolean }
}

/**
 * How long the SDK waits for the database's answer (`cloud.init({ timeout })`; the node SDK's own
 * default is 15 s). Calls take 10–30 ms; one that has not answered in 3 s is lost, and the caller
 * hears so while the function (20 s) still runs and the client's retry can follow. The emulator
 * answers a lost call after the timeout the SDK was given (docs/cloudbase-emulator.md).
 */
export const DB_TIMEOUT_MS = 3000

/** Collections of the CloudBase store; docs/deploy.md lists them with their indexes. */
export const COLLECTIONS = {
  users: 'users',
  /** Reference data: one document per kind (regions, units, categories, responsibilities). */
  directory: 'directory',
  counters: 'counters',
  messages: 'messages',
  reports: 'reports',
  reportClients: 'report_clients',
  reportEvents: 'report_events',
  reportSupports: 'report_supports',
  /** 补充 (issues 22 and 24): one document each, `_id` from the case, the neighbour's digest and their submit key. */
  reportSupplements: 'report_supplements',
  activities: 'activities',
  signups: 'signups',
  /** History: every submission. */
  submissions: 'evaluation_submissions',
  /** Read model: one document per month with every village's current scores, total and rank. */
  periods: 'evaluation_periods',
  /** Read model: one document with every village's stars. */
  stars: 'village_stars',
  /** 志愿服务证明 by number. */
  certificates: 'certificates',
  /** Insert-only: the operation log. */
  operations: 'operation_log',
  /** Open311 partner keys by id (the key's prefix); only a hash of each key. */
  open311Keys: 'open311_keys',
  /** The console's one-time QR sign-in requests by id; only a hash of each code. */
  consoleLogins: 'console_logins',
  /** WeChat photos by id: owner, bytes, when, whether a case uses it (cloud/adapters/wechat.ts). */
  uploads: 'uploads',
  /** The image check's trace ids (security.mediaCheckAsync) with their case and photo. */
  mediaChecks: 'media_checks',
  /** Insert-only: the 积分 ledger (issue 28), `_id` = the cause's entry id. */
  pointsLedger: 'points_ledger',
  /** The 积分超市 (issue 28): goods by id, one-time codes by the code's sha256, redemptions by the submit's id. */
  shopGoods: 'shop_goods',
  pointCodes: 'point_codes',
  redemptions: 'redemptions',
  /** Consents to subscribe-message templates by `<openid>:<template id>` (issue 25). */
  noticeConsents: 'notice_consents',
  /** 消息设置: what a user muted, `<openid>:<topic>` (issue 25). */
  noticeMutes: 'notice_mutes',
  /** The villages residents follow, `<openid>:<village id>` (issue 25). */
  villageFollows: 'village_follows',
  /** The areas residents follow, by id, with the grid cells they are found by (issue 25). */
  areaFollows: 'area_follows',
  /** Units' 企业微信 群机器人 by unit id: the webhook's key only (issue 25). */
  unitChannels: 'unit_channels',
  /** The outbox of posts to the units' group robots (issue 25). */
  webhookPosts: 'webhook_posts',
  /** The campaign (issue 26): the 测评体系, 点位 and 路段 documents, the rounds, the inspections. */
  campaign: 'campaign',
  campaignRounds: 'campaign_rounds',
  campaignInspections: 'campaign_inspections',
  /** A village's households (issue 26), `_id` = village id: `items` [{ id, head, door }] (名单 the village keeps, no account). */
  households: 'households',
  /** The committee's draft ratings of a list, `_id` = `<village>:<kind>:<year>`. */
  householdRatings: 'household_ratings',
  /** Insert-only: published 文明户 lists and withdrawals. */
  householdAwards: 'household_awards'
} as const

export const ALL_COLLECTIONS: readonly string[] = Object.values(COLLECTIONS)

/**
 * Asks made at the same moment (in one turn of the event loop, as `Promise.all` makes them)
 * answered together: `run` gets them all and answers each, in order — so an adapter can answer
 * them with one call where one call can (issue 22: fewer calls, not reads in parallel).
 */
export function coalesced<A, R>(run: (asks: A[]) => Promise<R[]>): (ask: A) => Promise<R> {
  type Waiting = { ask: A; resolve: (r: R) => void; reject: (e: unknown) => void }
  let pending: Waiting[] | null = null
  return (ask) => new Promise<R>((resolve, reject) => {
    if (!pending) {
      const mine: Waiting[] = []
      pending = mine
      queueMicrotask(() => {
        pending = null
        run(mine.map((m) => m.ask)).then((answers) => mine.forEach((m, i) => m.resolve(answers[i]!)), (error) => mine.forEach((m) => m.reject(error)))
      })
    }
    pending.push({ ask, resolve, reject })
  })
}

/** The server answers at most 1000 documents a query. */
export const PAGE = 1000

/**
 * Every document matching `where`, read in pages ordered by `_id` and continued after the last
 * `_id` seen (keyset), until a page comes back empty: no page can repeat or skip a document, and a
 * server that caps pages below what was asked cannot end the read early. For admin-sized reads
 * (a role's users, a drive's roster); what readers ask often is kept as an aggregate instead.
 */
export async function getAll(docs: { query(collection: string): Collection }, _: Command, collection: string, where: Doc = {}): Promise<Doc[]> {
  const all: Doc[] = []
  let after: string | null = null
  for (;;) {
    const condition: Doc = after === null ? where : { ...where, _id: _.gt(after) }
    const { data } = await docs.query(collection).where(condition).orderBy('_id', 'asc').limit(PAGE).get()
    if (!data.length) return all
    all.push(...data)
    after = String(data[data.length - 1]!._id)
  }
}

/**
 * Every group of an aggregation: `pipeline()` builds it up to its `$group`, read in pages of 1000
 * groups ordered by `_id`, until a page comes back short. CloudBase answers only 20 results of a
 * pipeline without `.limit()` (docs/cloudbase-emulator.md), so no aggregation here goes without one;
 * each further page runs the pipeline again, so a read of up to 1000 groups is one call.
 */
export async function allGroups(pipeline: () => Aggregate): Promise<Doc[]> {
  const all: Doc[] = []
  for (;;) {
    const { list } = await pipeline().sort({ _id: 1 }).skip(all.length).limit(PAGE).end()
    all.push(...list)
    if (list.length < PAGE) return all
  }
}

/**
 * One page of a list ordered by `field` (epoch ms) newest first (or, `asc`, oldest first), then `_id`: one query, with the
 * keyset cursor of the shared format (`cloud/store/cursor.ts`).
 */
export async function keysetPage(docs: { query(collection: string): Collection }, _: Command, collection: string, where: Doc[], field: string, cursor: string | undefined, limit: number, direction: 'desc' | 'asc' = 'desc') {
  const c = parseCursor(cursor)
  const after = direction === 'desc' ? _.lt : _.gt
  const conditions = c ? [...where, _.or([{ [field]: after(c.at) }, { [field]: c.at, _id: after(c.id) }])] : where
  const query = conditions.length === 1 ? conditions[0]! : conditions.length ? _.and(conditions) : {}
  const { data } = await docs.query(collection).where(query).orderBy(field, direction).orderBy('_id', direction).limit(limit + 1).get()
  const items = data.slice(0, limit)
  const last = data.length > limit ? items[limit - 1] : undefined
  return { items, nextCursor: last ? cursorOf(Number(last[field]), String(last._id)) : null }
}

/** A document by id, or null: the database is made with `throwOnNotFound: false`, so only a missing document answers null. */
export async function getDoc(ref: DocRef): Promise<Doc | null> {
  const { data } = await ref.get()
  return data ?? null
}

/** Removes `_id` and other system fields before a `set` or `update`. */
export function body<T extends Doc>(doc: T): Doc {
  const { _id, ...rest } = doc
  void _id
  return rest
}

/**
 * Fields for `update`: a plain object or array would be merged path by path by the SDK
 * (`{ rating: { score } }` becomes `$set { "rating.score" }`, which fails under a null `rating`),
 * so sub-documents are replaced whole with `_.set`. Dates become epoch milliseconds.
 */
export function updateFields(db: Database, patch: Record<string, unknown>): Doc {
  const out: Doc = {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const value = v instanceof Date ? v.getTime() : v
    out[k] = value !== null && typeof value === 'object' ? db.command.set(value) : value
  }
  return out
}

/** Dates as epoch milliseconds for `set` (a whole document). */
export function storedFields(o: Record<string, unknown>): Doc {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))
}

/**
 * A transaction failed because another one wrote the same document. The SDK re-runs its callback
 * only when the *commit* conflicts; a conflict on a write inside the callback reaches the caller
 * as a general error (−501001) whose message is the server's, so it is recognised by that.
 */
export function isConflict(error: unknown): boolean {
  const e = error as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown } | null
  const text = `${String(e?.code ?? '')} ${String(e?.errMsg ?? '')} ${String(e?.message ?? '')}`
  return /DATABASE_TRANSACTION_CONFLICT|TransactionConflict|transaction conflict/i.test(text)
}
