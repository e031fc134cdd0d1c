import type { Collection, Command, Database, Doc, DocRef, Query, Transaction } from '../../cloud/store/cloudbase/db'

/**
 * An in-memory stand-in for the subset of the wx-server-sdk database the CloudBase adapter uses,
 * with the SDK's behaviours that matter: `doc(id).get()` rejects for a missing document,
 * `_.inc`/`_.in`/comparisons, orderBy/skip/limit, and transactions that run one at a time and are
 * rolled back when their callback throws. It lets the contract suite run the adapter's code in CI.
 */
type Op = { $op: 'inc' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'neq'; value: unknown }
const isOp = (v: unknown): v is Op => typeof v === 'object' && v !== null && '$op' in v

const command: Command = {
  inc: (value) => ({ $op: 'inc', value }),
  in: (value) => ({ $op: 'in', value }),
  lt: (value) => ({ $op: 'lt', value }),
  lte: (value) => ({ $op: 'lte', value }),
  gt: (value) => ({ $op: 'gt', value }),
  gte: (value) => ({ $op: 'gte', value }),
  neq: (value) => ({ $op: 'neq', value })
}

function matches(doc: Doc, where: Doc): boolean {
  return Object.entries(where).every(([key, cond]) => {
    const v = doc[key]
    if (!isOp(cond)) return v === cond
    const c = cond.value as number
    switch (cond.$op) {
      case 'in': return (cond.value as unknown[]).includes(v)
      case 'lt': return (v as number) < c
      case 'lte': return (v as number) <= c
      case 'gt': return (v as number) > c
      case 'gte': return (v as number) >= c
      case 'neq': return v !== cond.value
      default: return false
    }
  })
}

function apply(doc: Doc, data: Doc): Doc {
  const next = { ...doc }
  for (const [key, value] of Object.entries(data)) {
    if (isOp(value) && value.$op === 'inc') next[key] = Number(next[key] ?? 0) + (value.value as number)
    else next[key] = structuredClone(value)
  }
  return next
}

export function createFakeDatabase(): Database & { dump(): Record<string, Doc[]> } {
  let data = new Map<string, Map<string, Doc>>()
  let lock: Promise<unknown> = Promise.resolve()
  let seq = 0
  const table = (name: string) => {
    if (!data.has(name)) data.set(name, new Map())
    return data.get(name)!
  }

  const docRef = (collection: string, id: string): DocRef => ({
    async get() {
      const doc = table(collection).get(id)
      if (!doc) throw new Error(`document.get:fail document with _id ${id} does not exist`)
      return { data: structuredClone({ ...doc, _id: id }) }
    },
    async set({ data: d }) {
      if ('_id' in d) throw new Error('set: _id is not allowed in data')
      table(collection).set(id, structuredClone(apply({}, d)))
      return { _id: id }
    },
    async update({ data: d }) {
      const doc = table(collection).get(id)
      if (!doc) return { stats: { updated: 0 } }
      table(collection).set(id, apply(doc, d))
      return { stats: { updated: 1 } }
    },
    async remove() {
      table(collection).delete(id)
      return {}
    }
  })

  const query = (collection: string, where: Doc[] = [], order: [string, 'asc' | 'desc'][] = [], skip = 0, limit = 100): Query => {
    const rows = () => {
      const all: Doc[] = [...table(collection).entries()].map(([id, d]) => ({ ...d, _id: id })).filter((d) => where.every((w) => matches(d, w)))
      all.sort((a, b) => {
        for (const [field, dir] of order) {
          const x = a[field] as string | number
          const y = b[field] as string | number
          if (x !== y) return (x < y ? -1 : 1) * (dir === 'asc' ? 1 : -1)
        }
        return 0
      })
      return all
    }
    return {
      where: (cond) => query(collection, [...where, cond], order, skip, limit),
      orderBy: (field, dir) => query(collection, where, [...order, [field, dir]], skip, limit),
      skip: (n) => query(collection, where, order, n, limit),
      limit: (n) => query(collection, where, order, skip, Math.min(n, 1000)),
      get: async () => ({ data: structuredClone(rows().slice(skip, skip + limit)) }),
      count: async () => ({ total: rows().length }),
      update: async ({ data: d }) => {
        const hit = rows()
        for (const row of hit) table(collection).set(String(row._id), apply(table(collection).get(String(row._id))!, d))
        return { stats: { updated: hit.length } }
      }
    }
  }

  const collection = (name: string): Collection => ({
    ...query(name),
    doc: (id) => docRef(name, id),
    add: async ({ data: d }) => {
      const id = `fake${++seq}`
      table(name).set(id, structuredClone(apply({}, d)))
      return { _id: id }
    }
  })

  return {
    collection,
    command,
    runTransaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
      const run = lock.then(async () => {
        const snapshot = new Map([...data].map(([k, v]) => [k, new Map([...v].map(([id, d]) => [id, structuredClone(d)]))]))
        try {
          return await fn({ collection: (name) => ({ doc: (id) => docRef(name, id) }) })
        } catch (error) {
          data = snapshot
          throw error
        }
      })
      lock = run.catch(() => undefined)
      return run
    },
    dump: () => Object.fromEntries([...data].map(([k, v]) => [k, [...v.values()]]))
  }
}
