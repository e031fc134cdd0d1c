import { isConflict, type Collection, type Database, type DocRef, type OpenTransaction, type Transaction } from './db'

/**
 * Where a repository reads and writes: straight on the database, or inside a transaction, which
 * CloudBase allows only single-document operations by id (事务中仅能进行单记录操作). A query asked
 * for inside a transaction would silently run outside it (not seeing its writes, not rolled back
 * with it), so it is refused: use cases run their queries before or after.
 */
export interface Docs {
  doc(collection: string, id: string): DocRef
  /** A collection to query; refused inside a transaction. */
  query(collection: string): Collection
  inTransaction: boolean
  /** The stored name of a collection (with the store's prefix, if any). */
  name(collection: string): string
  /** Runs `fn` in this transaction, or in a new one when there is none. */
  withTransaction<T>(fn: (docs: Docs) => Promise<T>): Promise<T>
  /**
   * Runs `fn` once the transaction commits (at once outside one; dropped with an attempt that
   * aborts): the single-document atomic updates of hot documents, which must not be written inside
   * a transaction (issue 22); `fn` is handed the docs outside the transaction. `fn` must be idempotent: a failure of it reaches the caller after the
   * commit, and the caller's retry runs it again.
   */
  afterCommit(fn: (outside: Docs) => Promise<unknown>): Promise<void>
}

/** A cloud function's time limit (3 s by default): a conflicting transaction is re-run until then, not longer. */
export const TRANSACTION_BUDGET_MS = 3000
/** Backing off: a random pause of up to 10 ms × 2^attempt, at most 250 ms ("full jitter"). */
const pauseBefore = (attempt: number) => Math.random() * Math.min(250, 10 * 2 ** attempt)

type AfterCommit = (fn: () => Promise<unknown>) => void

/**
 * A transaction, re-run when it conflicts until the function's budget is spent. It is begun,
 * committed and aborted here (`db.startTransaction()`), not by the SDK's `runTransaction`: that one
 * tries its abort once and swallows the failure, so one lost abort left the transaction's documents
 * locked until the server gave up on it after 30 s, and every write to them conflicted meanwhile
 * (issue 22: the demo never finished seeding at `EMULATOR_FAULTS=0.05`). A conflict, on a write
 * inside the callback (two evaluators on one month, an organizer editing a drive people are signing
 * up for) or on the commit, is re-run after a random pause that grows with each attempt, with a
 * fresh transaction — while the next attempt can still end within `budgetMs` of the first. Any
 * other failure is answered as it is, after the abort. What the callback asked to run after the
 * commit runs once the attempt that committed did (`afterCommit`).
 */
export async function runTransaction<T>(db: Database, fn: (t: Transaction, afterCommit: AfterCommit) => Promise<T>, budgetMs = TRANSACTION_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs
  for (let attempt = 1; ; attempt++) {
    const after: (() => Promise<unknown>)[] = []
    let result: T
    try {
      result = await once(db, (t) => fn(t, (f) => void after.push(f)))
    } catch (error) {
      const pause = pauseBefore(attempt)
      if (!isConflict(error) || Date.now() + pause >= deadline) throw error
      await new Promise((r) => setTimeout(r, pause))
      continue
    }
    for (const f of after) await f()
    return result
  }
}

/** One attempt: begin, run, commit; aborted on any failure (a failed start holds nothing). */
async function once<T>(db: Database, fn: (t: OpenTransaction) => Promise<T>): Promise<T> {
  const t = await db.startTransaction()
  try {
    const result = await fn(t)
    await t.commit()
    return result
  } catch (error) {
    await abort(t)
    throw error
  }
}

/** How many times an abort the network lost is sent again. */
const ABORT_TRIES = 3

/**
 * Aborts `t`, sending the abort again while the network loses it (a timeout, a failed request):
 * an abort the server never heard keeps the transaction's locks for 30 s. An abort the server
 * answers — also for a transaction it has ended already (a conflict aborts it; a commit whose
 * answer was lost) — is not repeated. If every try is lost, the server's 30 s limit ends it.
 */
async function abort(t: OpenTransaction): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      await t.rollback()
      return
    } catch (error) {
      if (!isLost(error) || tries >= ABORT_TRIES) return
      await new Promise((r) => setTimeout(r, 10 * tries))
    }
  }
}

/** The request failed in transit or on the way (no answer of the database about the transaction). */
function isLost(error: unknown): boolean {
  const e = error as { code?: unknown; errCode?: unknown; message?: unknown } | null
  const text = `${String(e?.code ?? '')} ${String(e?.errCode ?? '')} ${String(e?.message ?? '')}`
  return /ETIMEDOUT|ESOCKETTIMEDOUT|ECONNRESET|ECONNREFUSED|EPIPE|EAI_AGAIN|DATABASE_REQUEST_FAILED|timeout|-502001/i.test(text)
}

export function directDocs(db: Database, prefix = ''): Docs {
  const docs: Docs = {
    doc: (c, id) => db.collection(prefix + c).doc(id),
    query: (c) => db.collection(prefix + c),
    inTransaction: false,
    name: (c) => prefix + c,
    withTransaction: (fn) => runTransaction(db, (t, after) => fn(transactionDocs(t, prefix, after, docs))),
    afterCommit: async (fn) => void (await fn(docs))
  }
  return docs
}

/** The docs of a transaction `t`; `after` keeps what runs after its commit, on `outside` (the docs without a transaction). */
export function transactionDocs(t: Transaction, prefix: string, after: AfterCommit, outside: Docs): Docs {
  const docs: Docs = {
    doc: (c, id) => t.collection(prefix + c).doc(id),
    name: (c) => prefix + c,
    query: (c) => {
      throw new Error(`CloudBase transactions allow only single-document operations by id; the query on ${c} must run outside the transaction`)
    },
    inTransaction: true,
    withTransaction: (fn) => fn(docs),
    afterCommit: async (fn) => after(() => fn(outside))
  }
  return docs
}
