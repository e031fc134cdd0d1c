import { randomBytes } from 'node:crypto'
import { calculateObjectSize, EJSON } from 'bson'
import { Aggregator, find, Query } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'
import { IndexCheck, type IndexSpec, type UnindexedQuery } from './indexes'

/**
 * An emulated CloudBase database *server*: it answers the requests that the real `wx-server-sdk`
 * (through `@cloudbase/database`) sends, in the shapes the real server answers them. It is plugged
 * in at the SDK's request seam (see install.ts), so everything above it — query building, EJSON
 * encoding, the transaction runner and its retries, error mapping — is the SDK's own code.
 *
 * Every behaviour modelled here, with where it comes from, is listed in docs/cloudbase-emulator.md.
 * Query and update operators are mingo's (MongoDB semantics); the rest is the server's contract.
 */

export type Doc = Record<string, unknown> & { _id: string }

export interface EmulatorOptions {
  /** Fraction of calls that fail (−502001 before doing anything, or a timeout after doing it). */
  faults?: number
  /** Latency added to every call, in ms. */
  latencyMs?: number
  /**
   * How long a lost call (a timeout fault) takes to fail; by default the timeout the SDK was given
   * (`cloud.init({ timeout })`, 15 s when none), as the real requester waits it.
   */
  timeoutMs?: number
  /** Seed of the fault and shuffle generator (repeatable runs). */
  seed?: number
  /** Collections that exist from the start (CloudBase needs them created before use). */
  collections?: readonly string[]
  /** A transaction that is neither committed nor aborted for this long is aborted by the server. */
  transactionTimeoutMs?: number
  /** The most documents a `get` answers (the server's is 1000; lower it to prove readers page correctly). */
  pageCap?: number
  /**
   * The declared indexes by collection (cloud/store/cloudbase/schema.ts): queries none of them
   * serves are recorded (`unindexed()`; cloud/emulator/indexes.ts has the rule).
   */
  indexes?: Record<string, readonly IndexSpec[]>
}

/** A fault the next matching calls answer with (tests): see `EmulatedDatabase.inject`. */
export interface InjectedFault {
  api: string
  /** Only calls whose collection is this one. */
  collection?: string
  /** Only calls inside a transaction (true) or outside (false). */
  inTransaction?: boolean
  /** `failed`: −502001 before anything happens; `timeout`: the call happens but its answer is lost; `conflict`: a write conflict. */
  fault: 'failed' | 'timeout' | 'conflict'
  times?: number
}

/** What a call answered: the body the real HTTP requester would resolve with. */
export type Answer = Record<string, unknown>

interface Stored {
  doc: Doc
  /** Sequence number of the commit that wrote this version. */
  seq: number
}

interface Tx {
  id: string
  /** Committed state the transaction reads: everything committed at or before this sequence. */
  startSeq: number
  /** Versions of documents as they were at `startSeq`, kept when a later commit changed them. */
  preserved: Map<string, Doc | null>
  /** The transaction's own writes (null: removed). */
  writes: Map<string, Doc | null>
  state: 'active' | 'aborted' | 'committed'
  timer: NodeJS.Timeout
}

/** A failure the server answers with (the requester resolves with `{ code, message }`). */
class ServerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

/** A request that took too long: the requester rejects (the call may or may not have happened). */
export class EmulatedTimeout extends Error {
  readonly code = 'ESOCKETTIMEDOUT'
  constructor(api: string) {
    super(`请求超时 (emulated timeout of ${api})`)
  }
}

/** The node SDK's request timeout when `init` names none (`tcbapirequester.js`: `defaultTimeout = 15000`). */
const SDK_DEFAULT_TIMEOUT_MS = 15_000
const MAX_LIMIT = 1000
const DEFAULT_LIMIT = 100
/** How long the server keeps a transaction neither committed nor aborted before it aborts it. */
export const TRANSACTION_TIMEOUT_MS = 30_000
/** What an aggregation without `.limit()` answers at most. */
const AGGREGATE_DEFAULT_LIMIT = 20
/** MongoDB's (and so CloudBase's) limit on one document's BSON size. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/** A document over 16 MB is refused and nothing of the write happens (MongoDB: BSONObjectTooLarge). */
function refuseTooLarge(collection: string, id: string, doc: Record<string, unknown>): void {
  const size = calculateObjectSize(doc)
  if (size > MAX_DOCUMENT_BYTES) {
    throw new ServerError('DATABASE_REQUEST_FAILED', `[InvalidParameter] BSONObjectTooLarge: document ${collection}/${id} is ${size} bytes, over the 16 MB limit`)
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`

/** Writes a transaction may do: single documents by id. */
const TX_OPERATIONS = new Set(['database.getDocument', 'database.modifyDocument', 'database.insertDocument', 'database.removeDocument'])
/** Calls that write (a timeout may hit after the write happened). */
const WRITES = new Set(['database.modifyDocument', 'database.insertDocument', 'database.removeDocument', 'database.commitTransaction'])

export class EmulatedDatabase {
  private readonly data = new Map<string, Map<string, Stored>>()
  private readonly locks = new Map<string, string>()
  private readonly waiters = new Map<string, (() => void)[]>()
  private readonly transactions = new Map<string, Tx>()
  private seq = 0
  private random: () => number
  /** Calls answered, by API name, since the last `resetCalls`. */
  readonly calls = new Map<string, number>()
  faults: number
  latencyMs: number
  /** How long a lost call takes to fail (null: the SDK's timeout). */
  timeoutMs: number | null
  private readonly txTimeoutMs: number
  private readonly pageCap: number
  private injected: (InjectedFault & { left: number })[] = []
  private readonly indexCheck: IndexCheck | null

  constructor(opts: EmulatorOptions = {}) {
    this.faults = opts.faults ?? 0
    this.latencyMs = opts.latencyMs ?? 0
    this.timeoutMs = opts.timeoutMs ?? null
    // CloudBase's own SDK tests expect "transaction must be commit or abort in 30 seconds"
    // (TencentCloudBase/node-sdk, test/database/unit/transaction.test.ts); docs/cloudbase-emulator.md
    this.txTimeoutMs = opts.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS
    this.pageCap = opts.pageCap ?? MAX_LIMIT
    let s = opts.seed ?? Date.now() % 2147483647
    this.random = () => ((s = (s * 48271) % 2147483647) / 2147483647)
    for (const name of opts.collections ?? []) this.createCollection(name)
    this.indexCheck = opts.indexes ? new IndexCheck(opts.indexes) : null
  }

  /** Queries no declared index serves, by collection and shape, since the start (or `resetUnindexed`). */
  unindexed(): UnindexedQuery[] {
    return this.indexCheck?.report() ?? []
  }

  resetUnindexed(): void {
    this.indexCheck?.reset()
  }

  createCollection(name: string): void {
    if (!this.data.has(name)) this.data.set(name, new Map())
  }

  /** Total calls answered since the last reset. */
  callCount(): number {
    let n = 0
    for (const v of this.calls.values()) n += v
    return n
  }

  resetCalls(): void {
    this.calls.clear()
  }

  /** Committed documents of a collection (for tests and the journal). */
  dump(collection: string): Doc[] {
    return [...(this.data.get(collection)?.values() ?? [])].map((s) => structuredClone(s.doc))
  }

  collectionNames(): string[] {
    return [...this.data.keys()]
  }

  activeTransactions(): number {
    return [...this.transactions.values()].filter((t) => t.state === 'active').length
  }

  /** Makes the next `times` (default 1) calls that match answer with a fault. */
  inject(fault: InjectedFault): void {
    this.injected.push({ ...fault, left: fault.times ?? 1 })
  }

  private injectedFor(api: string, params: Record<string, unknown>): InjectedFault['fault'] | null {
    const rule = this.injected.find((r) => r.left > 0 && r.api === api && (r.collection === undefined || r.collection === params.collectionName) &&
      (r.inTransaction === undefined || r.inTransaction === (typeof params.transactionId === 'string')))
    if (!rule) return null
    rule.left--
    return rule.fault
  }

  /** The seam: `send(api, data)` of the SDK's request class. */
  async send(api: string, params: Record<string, unknown> = {}, requester: { timeout?: number } | null = null): Promise<Answer> {
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1)
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs))
    const requestId = randomBytes(8).toString('hex')
    const injected = this.injectedFor(api, params)
    if (injected === 'conflict') {
      if (typeof params.transactionId === 'string') this.abort(params.transactionId)
      return { code: 'DATABASE_TRANSACTION_CONFLICT', message: '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with another transaction, please retry', requestId }
    }
    const random = this.faults > 0 && this.random() < this.faults ? (this.random() < 0.5 ? 'before' : 'after') : null
    const fault = injected === 'failed' ? 'failed' : injected === 'timeout' ? 'after' : random
    if (fault === 'failed') return { code: 'DATABASE_REQUEST_FAILED', message: '[InternalError] database request failed (emulated fault)', requestId }
    // a lost call fails when the SDK's requester gives up on it (node SDK: 15 s unless `init` set one)
    const lost = () => new Promise<never>((_, reject) => setTimeout(() => reject(new EmulatedTimeout(api)), this.timeoutMs ?? requester?.timeout ?? SDK_DEFAULT_TIMEOUT_MS))
    if (fault === 'before' || (fault === 'after' && !WRITES.has(api))) {
      if (injected === 'timeout' || this.random() < 0.5) return lost()
      return { code: 'DATABASE_REQUEST_FAILED', message: '[InternalError] database request failed (emulated fault)', requestId }
    }
    try {
      const answer = await this.handle(api, params)
      if (fault === 'after') return lost() // it happened, but the caller never hears so
      return { requestId, ...answer }
    } catch (error) {
      if (error instanceof ServerError) return { code: error.code, message: error.message, requestId }
      throw error
    }
  }

  private async handle(api: string, p: Record<string, unknown>): Promise<Answer> {
    const txId = typeof p.transactionId === 'string' ? p.transactionId : null
    const ends = api === 'database.commitTransaction' || api === 'database.abortTransaction'
    const tx = txId && !ends ? this.activeTx(txId) : null
    if (tx && (!TX_OPERATIONS.has(api) || (p.queryType !== undefined && p.queryType !== 'DOC' && api !== 'database.insertDocument'))) {
      throw new ServerError('DATABASE_REQUEST_FAILED', '[InvalidParameter] 事务中仅支持单记录操作 (only single-document operations are allowed in a transaction)')
    }
    switch (api) {
      case 'database.startTransaction':
        return this.start()
      case 'database.commitTransaction':
        return this.commit(String(p.transactionId))
      case 'database.abortTransaction':
        return this.abort(String(p.transactionId))
      case 'database.getDocument':
        return this.get(p, tx)
      case 'database.calculateDocument':
        this.indexCheck?.record(String(p.collectionName), api, this.parse(p.query))
        return { data: { total: this.match(String(p.collectionName), p.query).length } }
      case 'database.insertDocument':
        return this.insert(p, tx)
      case 'database.modifyDocument':
        return this.modify(p, tx)
      case 'database.removeDocument':
        return this.remove(p, tx)
      case 'database.aggregateDocuments':
        return this.aggregate(p)
      case 'database.addCollection':
        if (this.data.has(String(p.collectionName))) throw new ServerError('DATABASE_COLLECTION_ALREADY_EXIST', 'collection already exists')
        this.createCollection(String(p.collectionName))
        return {}
      default:
        throw new ServerError('INVALID_PARAM', `[InvalidParameter] unsupported action ${api}`)
    }
  }

  // ---- reading ----

  private collection(name: string): Map<string, Stored> {
    const c = this.data.get(name)
    if (!c) throw new ServerError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound.CollectionNotExist] Db or Table not exist: ${name}`)
    return c
  }

  private parse(value: unknown): Record<string, unknown> {
    if (value === undefined || value === null || value === '') return {}
    return nativeRegExps(typeof value === 'string' ? EJSON.parse(value) : value) as Record<string, unknown>
  }

  /** Committed documents matching a query, in storage order. */
  private match(collection: string, query: unknown): Doc[] {
    const q = new Query(this.parse(query))
    return [...this.collection(collection).values()].map((s) => s.doc).filter((d) => q.test(d))
  }

  private get(p: Record<string, unknown>, tx: Tx | null): Answer {
    const collection = String(p.collectionName)
    if (tx) {
      const id = String(this.parse(p.query)._id)
      const doc = this.readInTx(tx, collection, id)
      return { data: { list: doc ? [EJSON.stringify(doc, { relaxed: false })] : [] } }
    }
    let rows = this.match(collection, p.query)
    const order = this.parse(p.order) as Record<string, number>
    this.indexCheck?.record(collection, 'database.getDocument', this.parse(p.query), order)
    const fields = Object.entries(order)
    if (fields.length) {
      rows.sort((a, b) => {
        for (const [field, dir] of fields) {
          const c = compare(pathValue(a, field), pathValue(b, field))
          if (c !== 0) return c * (Number(dir) < 0 ? -1 : 1)
        }
        return 0
      })
    } else {
      rows = this.shuffle(rows) // no order is promised without orderBy
    }
    const offset = Number(p.offset ?? 0)
    const limit = Math.min(Number(p.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, this.pageCap)
    const page = rows.slice(offset, offset + limit)
    const projection = this.parse(p.projection) as Record<string, number>
    const shown = Object.keys(projection).length ? (find(page, {}, projection).all() as Doc[]) : page
    return { data: { list: shown.map((d) => EJSON.stringify(d, { relaxed: false })), limit, offset } }
  }

  /**
   * An aggregation pipeline (mingo), `$lookup` reading the other collections' committed documents.
   * Without a `$limit` stage the server answers its first 20 results (the service's default, as
   * measured by WeChat's developers; docs/cloudbase-emulator.md).
   */
  private aggregate(p: Record<string, unknown>): Answer {
    const collection = String(p.collectionName)
    const stages = ((p.stages as { stageKey: string; stageValue: string }[]) ?? []).map((s) => ({ [s.stageKey]: nativeRegExps(EJSON.parse(s.stageValue)) }))
    this.indexCheck?.recordAggregate(collection, stages)
    const source = this.shuffle(this.match(collection, undefined))
    const rows = new Aggregator(stages, { collectionResolver: (name: string) => this.match(name, undefined) }).run(source) as Doc[]
    const limited = stages.some((s) => '$limit' in s) ? rows : rows.slice(0, AGGREGATE_DEFAULT_LIMIT)
    return { data: { list: limited.map((d) => EJSON.stringify(d, { relaxed: false })) } }
  }

  private shuffle<T>(rows: T[]): T[] {
    const out = [...rows]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }

  // ---- writing ----

  private docId(p: Record<string, unknown>): string {
    const id = this.parse(p.query)._id
    if (typeof id !== 'string') throw new ServerError('INVALID_PARAM', '[InvalidParameter] document operations need an _id')
    return id
  }

  private insert(p: Record<string, unknown>, tx: Tx | null): Answer {
    const collection = String(p.collectionName)
    this.collection(collection)
    const docs = ((p.data as string[]) ?? []).map((s) => this.parse(s))
    if (tx && docs.length !== 1) throw new ServerError('DATABASE_REQUEST_FAILED', '[InvalidParameter] 事务中仅支持单记录操作')
    const ids: string[] = []
    const writes: [string, Doc][] = []
    for (const d of docs) {
      const id = typeof d._id === 'string' ? d._id : randomBytes(12).toString('hex')
      const exists = tx ? this.readInTx(tx, collection, id) : this.data.get(collection)!.get(id)
      if (exists || writes.some(([k]) => k === id)) throw new ServerError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${collection} dup key: { _id: "${id}" }`)
      refuseTooLarge(collection, id, d)
      writes.push([id, { ...d, _id: id }])
      ids.push(id)
    }
    for (const [id, doc] of writes) this.write(tx, collection, id, doc)
    return { data: { insertedIds: ids } }
  }

  private modify(p: Record<string, unknown>, tx: Tx | null): Answer | Promise<Answer> {
    const collection = String(p.collectionName)
    this.collection(collection)
    const data = this.parse(p.data)
    if (p.queryType === 'DOC' || tx) {
      const id = this.docId(p)
      return this.whenUnlocked(tx, collection, id, () => {
        const current = tx ? this.readInTx(tx, collection, id) : this.data.get(collection)!.get(id)?.doc ?? null
        if (p.merge === false) {
          // set: replaces the whole document, creating it when missing (upsert)
          this.write(tx, collection, id, { ...structuredClone(data), _id: id })
          return { data: { updated: current ? 1 : 0, upsert_id: current ? undefined : id } }
        }
        if (!current) return { data: { updated: 0 } }
        const next = updated(current, data)
        this.write(tx, collection, id, next)
        return { data: { updated: 1 } }
      })
    }
    // a multi-document update outside transactions: each document on its own, as MongoDB does,
    // once no transaction holds any of them
    this.indexCheck?.record(collection, 'database.modifyDocument', this.parse(p.query))
    return this.whenAllUnlocked(collection, p.query, (hits) => {
      const targets = p.multi === false ? hits.slice(0, 1) : hits
      for (const doc of targets) this.write(null, collection, doc._id, updated(doc, data))
      return { data: { updated: targets.length } }
    })
  }

  private remove(p: Record<string, unknown>, tx: Tx | null): Answer | Promise<Answer> {
    const collection = String(p.collectionName)
    this.collection(collection)
    if (p.queryType === 'DOC' || tx) {
      const id = this.docId(p)
      return this.whenUnlocked(tx, collection, id, () => {
        const current = tx ? this.readInTx(tx, collection, id) : this.data.get(collection)!.get(id)?.doc ?? null
        if (current) this.write(tx, collection, id, null)
        return { data: { deleted: current ? 1 : 0 } }
      })
    }
    this.indexCheck?.record(collection, 'database.removeDocument', this.parse(p.query))
    // waits like an update: removing a document a transaction holds under it would let the
    // transaction's commit bring the document back
    return this.whenAllUnlocked(collection, p.query, (hits) => {
      for (const doc of hits) this.write(null, collection, doc._id, null)
      return { data: { deleted: hits.length } }
    })
  }

  /**
   * A write outside a transaction to a document a transaction holds waits for that transaction to
   * end (MongoDB's behaviour); a transaction's write to it fails at once with a conflict.
   */
  private async whenUnlocked<T>(tx: Tx | null, collection: string, id: string, fn: () => T): Promise<T> {
    const k = key(collection, id)
    if (tx) return fn()
    while (this.locks.has(k)) await new Promise<void>((resolve) => this.waiters.set(k, [...(this.waiters.get(k) ?? []), resolve]))
    return fn()
  }

  /**
   * The committed documents matching a query, once no transaction holds any of them: a write
   * outside transactions by query waits for the transactions holding its documents to end, as one
   * by id does (MongoDB: a write outside a transaction to a document a transaction has written
   * waits until the transaction ends). Matched again after each wait, and `apply` writes in the same
   * step as the last match: the test of the condition and the update are one, as each document's
   * update is atomic on the server (a `.then` after the match let simultaneous updates all apply to
   * the same stale document: 10 conditional `_.inc(1)` at once ended at 1; issue 22).
   */
  private async whenAllUnlocked<T>(collection: string, query: unknown, apply: (hits: Doc[]) => T): Promise<T> {
    for (;;) {
      const hits = this.match(collection, query)
      const locked = hits.map((d) => key(collection, d._id)).find((k) => this.locks.has(k))
      if (!locked) return apply(hits)
      await new Promise<void>((resolve) => this.waiters.set(locked, [...(this.waiters.get(locked) ?? []), resolve]))
    }
  }

  /** Writes one document, in a transaction (locking it) or committed at once. */
  private write(tx: Tx | null, collection: string, id: string, doc: Doc | null): void {
    const k = key(collection, id)
    if (doc) refuseTooLarge(collection, id, doc)
    if (tx) {
      const holder = this.locks.get(k)
      const changedSince = tx.preserved.has(k) || (this.data.get(collection)!.get(id)?.seq ?? 0) > tx.startSeq
      if ((holder && holder !== tx.id) || changedSince) {
        this.end(tx, 'aborted')
        throw new ServerError('DATABASE_TRANSACTION_CONFLICT', '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with another transaction, please retry')
      }
      this.locks.set(k, tx.id)
      tx.writes.set(k, doc)
      return
    }
    this.commitOne(collection, id, doc, ++this.seq)
  }

  private commitOne(collection: string, id: string, doc: Doc | null, seq: number): void {
    const c = this.collection(collection)
    const k = key(collection, id)
    const before = c.get(id)?.doc ?? null
    for (const t of this.transactions.values()) {
      if (t.state === 'active' && t.startSeq < seq && !t.preserved.has(k)) t.preserved.set(k, before && structuredClone(before))
    }
    if (doc) c.set(id, { doc: structuredClone(doc), seq })
    else c.delete(id)
  }

  // ---- transactions ----

  private start(): Answer {
    const id = `tx-${randomBytes(8).toString('hex')}`
    const tx: Tx = {
      id, startSeq: this.seq, preserved: new Map(), writes: new Map(), state: 'active',
      timer: setTimeout(() => this.end(tx, 'aborted'), this.txTimeoutMs)
    }
    tx.timer.unref?.()
    this.transactions.set(id, tx)
    return { transactionId: id }
  }

  private activeTx(id: string): Tx {
    const tx = this.transactions.get(id)
    if (!tx) throw new ServerError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.TransactionNotExist] transaction ${id} does not exist`)
    if (tx.state !== 'active') throw new ServerError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.TransactionAborted] transaction ${id} has been ${tx.state}`)
    return tx
  }

  /** The document as the transaction sees it: its own write, else the snapshot of its start. */
  private readInTx(tx: Tx, collection: string, id: string): Doc | null {
    this.collection(collection)
    const k = key(collection, id)
    if (tx.writes.has(k)) return structuredClone(tx.writes.get(k)!) ?? null
    if (tx.preserved.has(k)) return structuredClone(tx.preserved.get(k)!) ?? null
    const stored = this.data.get(collection)!.get(id)
    return stored ? structuredClone(stored.doc) : null
  }

  private commit(id: string): Answer {
    const tx = this.activeTx(id)
    const seq = ++this.seq
    for (const [k, doc] of tx.writes) {
      const [collection, docId] = k.split('\u0000') as [string, string]
      this.commitOne(collection, docId, doc, seq)
    }
    this.end(tx, 'committed')
    return {}
  }

  private abort(id: string): Answer {
    const tx = this.transactions.get(id)
    if (tx && tx.state === 'active') this.end(tx, 'aborted')
    return {}
  }

  private end(tx: Tx, state: 'aborted' | 'committed'): void {
    tx.state = state
    clearTimeout(tx.timer)
    for (const k of tx.writes.keys()) {
      if (this.locks.get(k) !== tx.id) continue
      this.locks.delete(k)
      const waiting = this.waiters.get(k) ?? []
      this.waiters.delete(k)
      for (const wake of waiting) wake()
    }
    tx.writes = state === 'aborted' ? new Map() : tx.writes
    // keep ended transactions briefly so late calls get "has been aborted", then forget them
    setTimeout(() => this.transactions.delete(tx.id), 60_000).unref?.()
  }
}

// ---- MongoDB semantics that mingo leaves out ----

/**
 * A regular expression in a query (`db.RegExp` or a JS RegExp, which the SDK sends as EJSON
 * `$regularExpression`) matches strings as in MongoDB; EJSON decodes it as a BSONRegExp, which mingo
 * does not know, so it becomes the JS RegExp of the same pattern and flags (i, m, s as CloudBase
 * documents; `x` has no JS equivalent and is refused as an invalid parameter).
 */
function nativeRegExps(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if ((value as { _bsontype?: string })._bsontype === 'BSONRegExp') {
    const { pattern, options } = value as { pattern: string; options: string }
    if (/[^ims]/.test(options)) throw new ServerError('INVALID_PARAM', `[InvalidParameter] regular expression options "${options}" are not supported`)
    return new RegExp(pattern, options)
  }
  if (Array.isArray(value)) return value.map(nativeRegExps)
  if (value instanceof RegExp || value instanceof Date) return value
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value // other BSON values (ObjectId, Long …)
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, nativeRegExps(v)]))
}

function pathValue(doc: Record<string, unknown>, path: string): unknown {
  let v: unknown = doc
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined
  return v
}

/** BSON order of the types used here: null/missing < numbers < strings < objects < booleans < dates. */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return 1
  if (typeof v === 'string') return 2
  if (typeof v === 'boolean') return 5
  if (v instanceof Date) return 6
  return 3
}

function compare(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0
  return 0
}

/**
 * MongoDB refuses a dotted path through a value that is not a document ("Cannot create field 'x'
 * in element {rating: null}"); mingo would create the sub-document. Checked before applying.
 */
function refuseNonDocumentParents(doc: Doc, update: Record<string, unknown>): void {
  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$') || typeof fields !== 'object' || fields === null) continue
    for (const path of Object.keys(fields)) {
      const parts = path.split('.')
      let v: unknown = doc
      for (let i = 0; i < parts.length - 1; i++) {
        v = (v as Record<string, unknown>)[parts[i]!]
        if (v === undefined) break
        if (v === null || typeof v !== 'object') {
          throw new ServerError('DATABASE_REQUEST_FAILED', `[FailedOperation] Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(v)}}`)
        }
      }
    }
  }
}

/** The document after an update (operators, or a plain object replacing fields as $set would). */
function updated(current: Doc, data: Record<string, unknown>): Doc {
  const next = structuredClone(current)
  const ops = Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data }
  if (Object.keys(ops).some((k) => !k.startsWith('$'))) throw new ServerError('DATABASE_REQUEST_FAILED', '[InvalidParameter] update operators and fields mixed')
  const setFields = ops.$set as Record<string, unknown> | undefined
  if (setFields && '_id' in setFields) throw new ServerError('DATABASE_REQUEST_FAILED', "[FailedOperation] Performing an update on the path '_id' would modify the immutable field '_id'")
  refuseNonDocumentParents(next, ops)
  try {
    applyUpdate(next, ops as never, undefined, undefined, { cloneMode: 'deep' })
  } catch (error) {
    throw new ServerError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${(error as Error).message}`)
  }
  return next
}
