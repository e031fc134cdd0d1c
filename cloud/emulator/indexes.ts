/**
 * Which queries the declared indexes serve (cloud/store/cloudbase/schema.ts). A missing index is
 * not wrong on the real server, only slow — until the basic tier's full scans time out — so the
 * emulator answers every query and records those no index serves, by collection and shape.
 *
 * The rule — a query is served when
 * 1. an index (the `_id` index always exists) has its first field narrowed by the query: an
 *    equality, `$eq`, `$in` or a range (`$lt` … `$gte`); or its first field only excludes values
 *    (`$ne`, `$nin`: the scan skips the excluded keys) and its second field is narrowed
 *    (`kind != 'praise'` and `dueAt` in a range: `kind + dueAt`). `$exists`, `$not` and regular
 *    expressions narrow nothing. `$and`: any of its conditions counts; `$or`: served when every
 *    branch is (with the conditions beside it);
 * 2. or it is ordered by the first field of an index (the scan walks that index in order and stops
 *    at the page's limit);
 * 3. or it has no condition at all (the first page, or a count of the collection).
 * An aggregation is checked on its leading `$match` (none: a scan of the collection), and each
 * `$lookup` on its `foreignField` in the other collection.
  */
export interface IndexSpec {
  fields: [string, 1 | -1][]
}

export interface UnindexedQuery {
  collection: string
  api: string
  /** The query with its values replaced by their types, and its order. */
  shape: string
  count: number
}

const NARROWING = new Set(['$eq', '$in', '$lt', '$lte', '$gt', '$gte'])
const EXCLUDING = new Set(['$ne', '$nin'])

type Cond = Record<string, unknown>

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Fields a condition narrows (`excluding`: only restricts by `$ne`/`$nin`), top level and through `$and`. */
function narrowed(cond: Cond, excluding = false): Set<string> {
  const out = new Set<string>()
  for (const [k, v] of Object.entries(cond)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const c of v) if (isPlainObject(c)) for (const f of narrowed(c, excluding)) out.add(f)
      continue
    }
    if (k.startsWith('$')) continue
    if (v instanceof RegExp || (v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'BSONRegExp')) continue
    if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
      if (Object.keys(v).some((op) => (excluding ? EXCLUDING : NARROWING).has(op))) out.add(k)
      continue
    }
    if (!excluding) out.add(k) // equality
  }
  return out
}

/** The `$or` lists of a condition (top level and through `$and`). */
function ors(cond: Cond): Cond[][] {
  const out: Cond[][] = []
  for (const [k, v] of Object.entries(cond)) {
    if (k === '$or' && Array.isArray(v)) out.push(v.filter(isPlainObject))
    if (k === '$and' && Array.isArray(v)) for (const c of v) if (isPlainObject(c)) out.push(...ors(c))
  }
  return out
}

export class IndexCheck {
  private readonly leading = new Map<string, Set<string>>()
  /** For each collection, the second fields of its indexes by their first. */
  private readonly seconds = new Map<string, Map<string, Set<string>>>()
  private readonly found = new Map<string, UnindexedQuery>()

  constructor(indexes: Record<string, readonly IndexSpec[]>) {
    for (const [collection, list] of Object.entries(indexes)) {
      this.leading.set(collection, new Set(['_id', ...list.map((i) => i.fields[0]![0])]))
      const seconds = new Map<string, Set<string>>()
      for (const i of list) if (i.fields[1]) seconds.set(i.fields[0]![0], new Set([...(seconds.get(i.fields[0]![0]) ?? []), i.fields[1][0]]))
      this.seconds.set(collection, seconds)
    }
  }

  /** Rule 1 for the fields a condition narrows and excludes. */
  private filtered(collection: string, fields: Set<string>, excluded: Set<string>): boolean {
    const leading = this.leading.get(collection)!
    if ([...fields].some((f) => leading.has(f))) return true
    const seconds = this.seconds.get(collection)!
    return [...excluded].some((f) => [...(seconds.get(f) ?? [])].some((second) => fields.has(second)))
  }

  /** Whether the collection is checked (declared). */
  has(collection: string): boolean {
    return this.leading.has(collection)
  }

  served(collection: string, cond: Cond, order: Record<string, unknown> = {}): boolean {
    const leading = this.leading.get(collection)
    if (!leading) return true
    const first = Object.keys(order)[0]
    if (first !== undefined && leading.has(first)) return true // rule 2
    if (!hasConditions(cond)) return first === undefined // rule 3
    const fields = narrowed(cond)
    const excluded = narrowed(cond, true)
    if (this.filtered(collection, fields, excluded)) return true
    // `$or`: every branch of one of them, each with the conditions beside it
    return ors(cond).some((list) => list.length > 0 && list.every((b) =>
      this.filtered(collection, new Set([...fields, ...narrowed(b)]), new Set([...excluded, ...narrowed(b, true)])) || this.served(collection, b)))
  }

  /** Records a query no index serves. */
  record(collection: string, api: string, cond: Cond, order: Record<string, unknown> = {}, extra = ''): void {
    if (this.served(collection, cond, order)) return
    const shape = `${JSON.stringify(shapeOf(cond))}${Object.keys(order).length ? ` order ${JSON.stringify(order)}` : ''}${extra}`
    const k = `${collection}\u0000${api}\u0000${shape}`
    const seen = this.found.get(k)
    if (seen) seen.count++
    else this.found.set(k, { collection, api, shape, count: 1 })
  }

  /** An aggregation: its leading `$match` (or none) and its `$lookup`s. */
  recordAggregate(collection: string, stages: Record<string, unknown>[]): void {
    const first = stages[0]
    const match = first && isPlainObject(first.$match) ? (first.$match as Cond) : null
    if (match) this.record(collection, 'database.aggregateDocuments', match)
    else if (this.has(collection)) {
      const k = `${collection}\u0000database.aggregateDocuments\u0000no $match`
      const seen = this.found.get(k)
      if (seen) seen.count++
      else this.found.set(k, { collection, api: 'database.aggregateDocuments', shape: `no leading $match (${Object.keys(first ?? {}).join()})`, count: 1 })
    }
    for (const s of stages) {
      const lookup = s.$lookup as { from?: string; foreignField?: string } | undefined
      if (lookup?.from && lookup.foreignField) this.record(lookup.from, '$lookup', { [lookup.foreignField]: '<from ' + collection + '>' })
    }
  }

  report(): UnindexedQuery[] {
    return [...this.found.values()]
  }

  reset(): void {
    this.found.clear()
  }
}

function hasConditions(cond: Cond): boolean {
  return Object.entries(cond).some(([k, v]) => (k === '$and' && Array.isArray(v) ? v.some((c) => isPlainObject(c) && hasConditions(c)) : true))
}

/** A condition with its values replaced by their types (what identifies the caller's query). */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length && value.every(isPlainObject) ? value.map(shapeOf) : 'array'
  if (value instanceof RegExp || (value && typeof value === 'object' && (value as { _bsontype?: string })._bsontype === 'BSONRegExp')) return 'regexp'
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]))
  if (value instanceof Date) return 'date'
  return typeof value
}
