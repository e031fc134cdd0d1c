import { isConflict, type Collection, type Database, type DocRef, type Transaction } from './db'

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
}

const MAX_ATTEMPTS = 10

/**
 * `db.runTransaction`, re-run when it conflicts. The SDK re-runs the callback itself only when the
 * commit conflicts; a conflict on a write inside the callback (two signups for one drive, two
 * evaluators on one month) reaches it as a general error, so it is re-run here, after a short
 * random pause, with a fresh transaction. Any other failure is answered as it is.
 */
export async function runTransaction<T>(db: Database, fn: (t: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(fn)
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isConflict(error)) throw error
      await new Promise((r) => setTimeout(r, Math.random() * 25 * attempt)) // backing off: ~0.7 s over all attempts
    }
  }
}

export function directDocs(db: Database, prefix = ''): Docs {
  const docs: Docs = {
    doc: (c, id) => db.collection(prefix + c).doc(id),
    query: (c) => db.collection(prefix + c),
    inTransaction: false,
    name: (c) => prefix + c,
    withTransaction: (fn) => runTransaction(db, (t) => fn(transactionDocs(t, prefix)))
  }
  return docs
}

export function transactionDocs(t: Transaction, prefix = ''): Docs {
  const docs: Docs = {
    doc: (c, id) => t.collection(prefix + c).doc(id),
    name: (c) => prefix + c,
    query: (c) => {
      throw new Error(`CloudBase transactions allow only single-document operations by id; the query on ${c} must run outside the transaction`)
    },
    inTransaction: true,
    withTransaction: (fn) => fn(docs)
  }
  return docs
}
