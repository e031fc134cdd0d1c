/**
 * The part of the wx-server-sdk database API the CloudBase adapter uses, typed locally so that
 * core and adapter code never import the SDK (the WeChat entry passes `cloud.database()`).
 */
export type Doc = Record<string, unknown>

export interface DocRef {
  get(): Promise<{ data: Doc }>
  set(options: { data: Doc }): Promise<unknown>
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface Query {
  where(condition: Doc): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  add(options: { data: Doc }): Promise<{ _id: string }>
}

export interface Command {
  inc(n: number): unknown
  in(values: unknown[]): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  neq(value: unknown): unknown
}

export interface TxCollection {
  doc(id: string): DocRef
}

export interface Transaction {
  collection(name: string): TxCollection
}

export interface Database {
  collection(name: string): Collection
  command: Command
  runTransaction<T>(fn: (transaction: Transaction) => Promise<T>): Promise<T>
}

/** Collections of the CloudBase store; docs/deploy.md lists them with their indexes. */
export const COLLECTIONS = {
  users: 'users',
  regions: 'regions',
  units: 'units',
  categories: 'categories',
  responsibilities: 'responsibilities',
  counters: 'counters',
  messages: 'messages'
} as const

/** The server SDK answers at most 1000 documents a query; lists read page by page. */
export const PAGE = 1000

export async function getAll(query: Query): Promise<Doc[]> {
  const all: Doc[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.skip(skip).limit(PAGE).get()
    all.push(...data)
    if (data.length < PAGE) return all
  }
}

/** A document by id, or null (the SDK rejects `doc(id).get()` for a missing document). */
export async function getDoc(ref: DocRef): Promise<Doc | null> {
  try {
    const { data } = await ref.get()
    return data ?? null
  } catch (error) {
    if (/not exist|does not exist|不存在|DATABASE_DOCUMENT_NOT_EXIST|-502001|cannot find document/i.test(String((error as Error)?.message ?? error))) return null
    throw error
  }
}

/** Removes `_id` and other system fields before a `set` or `update`. */
export function body<T extends Doc>(doc: T): Doc {
  const { _id, ...rest } = doc
  void _id
  return rest
}

/** Collections of the ranking journey. */
export const RANKING = {
  submissions: 'evaluation_submissions',
  current: 'evaluation_current',
  periods: 'evaluation_periods',
  stars: 'village_stars'
} as const
