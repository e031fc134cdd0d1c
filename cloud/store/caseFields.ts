import type { CaseAnswer, ReportStatus } from '../../types/report'
import type { StoredReport, StoredWorkflow } from '../core/report/ports'

/**
 * A case's stored fields, described once (issue 21): for each field of `StoredReport`, its SQLite
 * column(s) with the encoding both ways, and how a CloudBase document's value (the key is the
 * field's own name; dates as epoch ms) reads back, with the default for documents stored before the
 * field existed. Both adapters map through this table — the SQLite INSERT, row and UPDATE, the
 * CloudBase document — so a new field is its type in `ports.ts`, a line here and a migration.
 */

type Sql = string | number | null
export type CaseRow = Record<string, Sql>

interface Field<T> {
  columns: readonly string[]
  toSql(value: T): Sql[]
  fromSql(row: CaseRow): T
  /** The value of a CloudBase document's key (undefined: stored before the field). */
  fromDoc(value: unknown): T
}

const col = <T>(column: string, toSql: (v: T) => Sql, fromSql: (x: Sql) => T, fromDoc: (x: unknown) => T): Field<T> => ({
  columns: [column], toSql: (v) => [toSql(v)], fromSql: (row) => fromSql(row[column] ?? null), fromDoc
})
const text = (column: string) => col<string>(column, (v) => v, (x) => String(x), (x) => String(x ?? ''))
const textOrNull = (column: string) => col<string | null>(column, (v) => v ?? null, (x) => (x === null ? null : String(x)), (x) => (x == null ? null : String(x)))
const number = (column: string) => col<number>(column, (v) => v, (x) => Number(x), (x) => Number(x ?? 0))
const flag = (column: string) => col<boolean>(column, (v) => (v ? 1 : 0), (x) => x === 1, (x) => x === true)
const date = (column: string) => col<Date>(column, (v) => v.getTime(), (x) => new Date(Number(x)), (x) => new Date(Number(x)))
const dateOrNull = (column: string) => col<Date | null>(column, (v) => v?.getTime() ?? null, (x) => (x === null ? null : new Date(Number(x))), (x) => (x == null ? null : new Date(Number(x))))
const json = <T>(column: string, empty: T) => col<T>(column, (v) => JSON.stringify(v ?? empty), (x) => (x === null ? empty : (JSON.parse(String(x)) as T)), (x) => (x as T | undefined) ?? empty)
const oneOf = <T extends string>(column: string, values: readonly T[], fallback: T) => col<T | undefined>(column, (v) => v ?? fallback, (x) => (values.includes(x as T) ? (x as T) : fallback), (x) => (values.includes(x as T) ? (x as T) : fallback))

/** The rating is two columns in SQLite (score and comment), one sub-document on CloudBase. */
const rating: Field<StoredReport['rating']> = {
  columns: ['rating_score', 'rating_comment'],
  toSql: (v) => [v?.score ?? null, v?.comment ?? null],
  fromSql: (row) => (row.rating_score == null ? null : { score: Number(row.rating_score), comment: row.rating_comment == null ? null : String(row.rating_comment) }),
  fromDoc: (x) => (x as StoredReport['rating'] | undefined) ?? null
}

export const CASE_FIELDS: { [K in keyof StoredReport]-?: Field<StoredReport[K]> } = {
  id: text('id'),
  openid: text('openid'),
  clientId: text('client_id'),
  category: text('category'),
  description: text('description'),
  photos: json<string[]>('photos', []),
  latitude: number('latitude'),
  longitude: number('longitude'),
  address: textOrNull('address'),
  villageId: textOrNull('village_id'),
  status: col<ReportStatus>('status', (v) => v, (x) => x as ReportStatus, (x) => x as ReportStatus),
  unitId: text('unit_id'),
  anonymous: flag('anonymous'),
  supportCount: number('support_count'),
  createdAt: date('created_at'),
  dueAt: date('due_at'),
  resolvedAt: dateOrNull('resolved_at'),
  rating,
  reply: textOrNull('reply'),
  afterPhotos: json<string[]>('after_photos', []),
  overdueNotified: flag('overdue_notified'),
  warnedNotified: flag('warned_notified'),
  deadlineFrom: dateOrNull('deadline_from'),
  // cases stored before these fields: problems, from the app, public, nothing hidden
  kind: oneOf<'problem' | 'praise'>('kind', ['problem', 'praise'], 'problem'),
  source: col<string>('source', (v) => v ?? 'app', (x) => String(x ?? 'app'), (x) => (typeof x === 'string' ? x : 'app')),
  moderation: oneOf<'pending' | 'passed'>('moderation', ['pending', 'passed'], 'passed'),
  uncheckedPhotos: json<string[]>('unchecked_photos', []),
  hiddenPhotos: json<string[]>('hidden_photos', []),
  hiddenAt: dateOrNull('hidden_at'),
  hiddenReason: textOrNull('hidden_reason'),
  answers: json<CaseAnswer[]>('answers', []),
  workflow: col<StoredWorkflow | null>('workflow', (v) => (v ? JSON.stringify(v) : null), (x) => (x === null ? null : (JSON.parse(String(x)) as StoredWorkflow)), (x) => (x as StoredWorkflow | undefined) ?? null)
}

type Key = keyof StoredReport
const KEYS = Object.keys(CASE_FIELDS) as Key[]
const field = <K extends Key>(k: K) => CASE_FIELDS[k] as Field<StoredReport[K]>

/** Every SQLite column of a case, in the order `sqlValues` gives them. */
export const CASE_COLUMNS: readonly string[] = KEYS.flatMap((k) => CASE_FIELDS[k].columns)

/** A case's values for `CASE_COLUMNS`. */
export function sqlValues(r: StoredReport): Sql[] {
  return KEYS.flatMap((k) => field(k).toSql(r[k]))
}

/** A case from its SQLite row. */
export function fromRow(row: CaseRow): StoredReport {
  const out = {} as Record<Key, unknown>
  for (const k of KEYS) out[k] = field(k).fromSql(row)
  return out as unknown as StoredReport
}

/** The column assignments of a patch (`UPDATE … SET`): only the fields it names. */
export function sqlPatch(patch: Partial<StoredReport>): CaseRow {
  const out: CaseRow = {}
  for (const k of Object.keys(patch) as Key[]) {
    const value = patch[k]
    if (value === undefined || !(k in CASE_FIELDS)) continue
    const f = field(k)
    const encoded = f.toSql(value as never)
    f.columns.forEach((c, i) => (out[c] = encoded[i] ?? null))
  }
  return out
}

/** A case from its CloudBase document (`_id` is its id). */
export function fromDoc(d: Record<string, unknown>): StoredReport {
  const out = {} as Record<Key, unknown>
  for (const k of KEYS) out[k] = k === 'id' ? String(d._id) : field(k).fromDoc(d[k])
  return out as unknown as StoredReport
}
