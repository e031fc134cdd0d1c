import type { Config } from './config'

/** ISO-8601 with the district's offset, e.g. 2026-11-24T19:07:00.000+08:00. */
export function isoLocal(date: Date, config: Pick<Config, 'utcOffsetMinutes'>): string {
  const offset = config.utcOffsetMinutes
  const shifted = new Date(date.getTime() + offset * 60_000)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return shifted.toISOString().replace('Z', `${sign}${hh}:${mm}`)
}

/** The district's calendar month of a moment, `YYYY-MM`. */
export function periodOf(date: Date, config: Pick<Config, 'utcOffsetMinutes'>): string {
  return isoLocal(date, config).slice(0, 7)
}

/** The month before `period` (`YYYY-MM`). */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The month after `period` (`YYYY-MM`). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The first instant of `period` in the district's time zone. */
export function monthStart(period: string, utcOffsetMinutes: number): Date {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1) - utcOffsetMinutes * 60_000)
}

/** The month `period` as the half-open interval [from, to) of instants, in the district's time zone. */
export function monthBounds(period: string, config: Pick<Config, 'utcOffsetMinutes'>): { from: Date; to: Date } {
  return { from: monthStart(period, config.utcOffsetMinutes), to: monthStart(nextPeriod(period), config.utcOffsetMinutes) }
}
