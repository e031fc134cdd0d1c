import fs from 'node:fs'

/**
 * The bench's figures as rows — each beside its aim and its ratio to the bare Node server measured
 * in the same run — how they are printed, written into docs/performance.md, and judged by the CI
 * guard (`npm run bench:guard`).
 */

/** An aim: at least this share of the bare server's throughput, or at most this many ms. */
export type Aim = { atLeastOfBare: number } | { atMostMs: number }

export interface Row {
  /** Stable name (the guard names failing rows by it). */
  key: string
  label: string
  /** The measured value: a share of the bare server (0.25 = 25 %) for `atLeastOfBare`, else ms. */
  value: number
  /** What else was measured (p50, non-2xx, counts), for people. */
  detail: string
  aim: Aim | null
  /** The same figure of the bare server (req/s or ms), when there is one. */
  bare: { value: number; unit: 'req/s' | 'ms' } | null
  /** Judged by the CI guard. */
  guarded?: boolean
  /**
   * What the guard holds a figure to while its aim is not met yet: the figure as it stands
   * (docs/performance.md, "The CI guard"). The guard fails below a third of this instead of a
   * third of the aim, so main is not red for an aim still open, and a regression of the size
   * issue 23 found (a tenth of the throughput) still fails.
   */
  guardAim?: Aim
}

/** The guard fails a row whose score is below this (a third of its aim): far beyond the noise of a busy machine. */
export const GUARD_SHARE = 1 / 3

/** How a row stands against its aim: 1 is exactly the aim, above is better (null: no aim). */
export function scoreOf(row: Pick<Row, 'value' | 'aim'>): number | null {
  if (!row.aim) return null
  if ('atLeastOfBare' in row.aim) return row.value / row.aim.atLeastOfBare
  return row.value > 0 ? row.aim.atMostMs / row.value : Infinity
}

export const aimText = (aim: Aim | null) => (!aim ? '—' : 'atLeastOfBare' in aim ? `≥ ${Math.round(aim.atLeastOfBare * 100)} % of bare` : `≤ ${aim.atMostMs} ms`)
const valueText = (row: Row) => (row.aim && 'atLeastOfBare' in row.aim ? `${(row.value * 100).toFixed(1)} % of bare` : `${row.value.toFixed(1)} ms`)
function bareText(row: Row): string {
  if (!row.bare) return '—'
  if (row.bare.unit === 'req/s') return `bare ${Math.round(row.bare.value).toLocaleString('en')} req/s`
  return `${(row.value / Math.max(row.bare.value, 0.001)).toFixed(1)} × bare (${row.bare.value.toFixed(2)} ms)`
}
const meets = (row: Row) => {
  const s = scoreOf(row)
  return s === null ? '' : s >= 1 ? 'yes' : 'NO'
}

/** One line a row, for the console. */
export function consoleLines(rows: Row[]): string[] {
  return rows.map((r) => `- ${r.label}: ${valueText(r)} (${r.detail}) | aim ${aimText(r.aim)} | ${bareText(r)}${meets(r) ? ` | meets aim: ${meets(r)}` : ''}`)
}

/** The rows as a markdown table. */
export function markdownTable(rows: Row[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  return [
    '| figure | result | aim | vs the bare server | meets |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.label)} | **${cell(valueText(r))}** (${cell(r.detail)}) | ${cell(aimText(r.aim))} | ${cell(bareText(r))} | ${meets(r)} |`)
  ].join('\n')
}

export const BEGIN = '<!-- bench:begin (written by npm run bench; do not edit by hand) -->'
export const END = '<!-- bench:end -->'

/** Replaces the generated section of `file` (between BEGIN and END; appended when absent). */
export function writeSection(file: string, section: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  const block = `${BEGIN}\n${section.trim()}\n${END}`
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text.trimEnd()}\n\n${block}\n`
  fs.writeFileSync(file, next)
}

/** The guarded rows of a run that fall below a third of their aim. */
export function failing(rows: Row[]): Row[] {
  return rows.filter((r) => r.guarded && (scoreOf({ value: r.value, aim: r.guardAim ?? r.aim }) ?? Infinity) < GUARD_SHARE)
}

/** The guard's verdict: a row fails only when it fell below a third of its aim in both runs (`second` null: no second run was needed). */
export function verdict(first: Row[], second: Row[] | null): { ok: boolean; confirmed: string[]; unconfirmed: string[] } {
  const once = failing(first).map((r) => r.key)
  if (!once.length) return { ok: true, confirmed: [], unconfirmed: [] }
  const again = new Set(failing(second ?? first).map((r) => r.key))
  const confirmed = second ? once.filter((k) => again.has(k)) : []
  return { ok: confirmed.length === 0, confirmed, unconfirmed: once.filter((k) => !confirmed.includes(k)) }
}
