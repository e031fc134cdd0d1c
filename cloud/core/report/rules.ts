import type { DueState, ReportStatus } from '../../../types/report'
import { OPEN_STATUSES } from '../../../types/report'
import type { BoundingBox, StoredReport } from './ports'

/** Pure rules of the reporting journey. */

const HOUR = 3600_000
export const AUTO_CLOSE_MS = 7 * 24 * HOUR

export const isOpen = (status: ReportStatus) => OPEN_STATUSES.includes(status)

/**
 * The district's calendar of working days, for 限时办结 counted in working days: weekends (unless
 * a make-up working day, 调休) and public holidays do not count. Dates are `YYYY-MM-DD` in the
 * district's time zone.
 */
export interface WorkCalendar {
  skipWeekends: boolean
  holidays: string[]
  /** Saturdays or Sundays that are working days (调休). */
  workdays: string[]
}

const DAY = 24 * HOUR

/** Whether the district's calendar day starting at `dayStart` counts. */
function isWorkingDay(dayStart: Date, calendar: WorkCalendar, utcOffsetMinutes: number): boolean {
  const local = new Date(dayStart.getTime() + utcOffsetMinutes * 60_000)
  const date = local.toISOString().slice(0, 10)
  if (calendar.workdays.includes(date)) return true
  if (calendar.holidays.includes(date)) return false
  const weekday = local.getUTCDay()
  return !(calendar.skipWeekends && (weekday === 0 || weekday === 6))
}

/**
 * The deadline `slaHours` after `from`. With a calendar, only the hours of working days count: a
 * 24 h case filed on Friday at 17:00 is due on Monday at 17:00, one filed on a holiday counts from
 * the next working day's start.
 */
export function dueAt(from: Date, slaHours: number, calendar: WorkCalendar | null = null, utcOffsetMinutes = 480): Date {
  if (!calendar || (!calendar.skipWeekends && !calendar.holidays.length)) return new Date(from.getTime() + slaHours * HOUR)
  let remaining = slaHours * HOUR
  let t = from.getTime()
  for (let guard = 0; remaining > 0 && guard < 3660; guard++) {
    const dayStart = startOfLocalDay(new Date(t), utcOffsetMinutes).getTime()
    const dayEnd = dayStart + DAY
    if (isWorkingDay(new Date(dayStart), calendar, utcOffsetMinutes)) {
      const take = Math.min(remaining, dayEnd - t)
      remaining -= take
      t += take
    } else {
      t = dayEnd
    }
  }
  return new Date(t)
}

type Deadlined = Pick<StoredReport, 'status' | 'createdAt' | 'dueAt' | 'deadlineFrom' | 'kind'>
/** The time allowed, counted from when this deadline started: the filing, or the reopening. */
const allowedMs = (r: Deadlined) => r.dueAt.getTime() - (r.deadlineFrom ?? r.createdAt).getTime()

/** 超期 once the deadline passed; 预警 at twice the time allowed. */
export function deadlineState(r: Deadlined, now: Date): 'ok' | 'overdue' | 'warned' {
  if (r.kind === 'praise' || !isOpen(r.status) || now < r.dueAt) return 'ok' // praise has no deadline
  return now.getTime() >= r.dueAt.getTime() + allowedMs(r) ? 'warned' : 'overdue'
}

/** 即将超期 in the last quarter of the time allowed (6 of a 24-hour case's hours). */
export const DUE_SOON_SHARE = 0.25

/**
 * The deadline chip of an open case (issue 24): `soon` (即将超期) in the last quarter of the time
 * allowed, then `deadlineState`'s 超期 and 预警; `ok` otherwise and for closed cases and praise.
 */
export function dueState(r: Deadlined, now: Date): DueState {
  const state = deadlineState(r, now)
  if (state !== 'ok' || r.kind === 'praise' || !isOpen(r.status)) return state
  return r.dueAt.getTime() - now.getTime() <= allowedMs(r) * DUE_SOON_SHARE ? 'soon' : 'ok'
}

/** Who may act and who may see: the case model (`model.ts`) and the view (`view.ts`), never re-stated here. */
export { mayHandle } from './model'
export { isPublic, mayseeReporter } from './view'
export const isPraise = (r: Pick<StoredReport, 'kind'>) => r.kind === 'praise'

export { ACTOR_NAMES } from '../../../types/names'

const EARTH_RADIUS_M = 6_371_000

/** Great-circle distance in metres. */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLng = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The box around a point that contains every point within `radius` metres. */
export function boxAround(p: { latitude: number; longitude: number }, radius: number): BoundingBox {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI)
  const cos = Math.max(Math.cos((p.latitude * Math.PI) / 180), 1e-6)
  const dLng = Math.min(180, dLat / cos)
  return { minLat: p.latitude - dLat, maxLat: p.latitude + dLat, minLng: p.longitude - dLng, maxLng: p.longitude + dLng }
}

/** Start of the district's calendar day containing `now`. */
export function startOfLocalDay(now: Date, utcOffsetMinutes: number): Date {
  const offset = utcOffsetMinutes * 60_000
  const day = 24 * HOUR
  return new Date(Math.floor((now.getTime() + offset) / day) * day - offset)
}
