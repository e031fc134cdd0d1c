import type { ActivityStatus } from '../../../types/volunteer'
import type { StoredActivity, StoredSignup } from './ports'

/** Pure rules of the volunteer journey. */

export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000
export const ACTIVE: readonly StoredSignup['status'][] = ['confirmed', 'waitlisted', 'checkedIn', 'completed']

/** A drive's status follows time and counts. */
export function activityStatus(a: Pick<StoredActivity, 'cancelled' | 'endAt' | 'signupDeadline' | 'confirmedCount' | 'capacity'>, now: Date): ActivityStatus {
  if (a.cancelled) return 'cancelled'
  if (now >= a.endAt) return 'finished'
  if (now >= a.signupDeadline) return 'closed'
  if (a.confirmedCount >= a.capacity) return 'full'
  return 'open'
}

/** Check-in and check-out are accepted from 30 minutes before the start to the end. */
export function codeWindowOpen(a: Pick<StoredActivity, 'startAt' | 'endAt'>, now: Date): boolean {
  return now.getTime() >= a.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS && now < a.endAt
}

/**
 * Credited minutes: the checked-in time (to the check-out, or the end when there was none, and
 * never past the end), capped to the drive's duration; time before the start does not count twice.
 */
export function creditedMinutes(a: Pick<StoredActivity, 'startAt' | 'endAt'>, checkIn: Date, checkOut: Date | null): number {
  const out = Math.min((checkOut ?? a.endAt).getTime(), a.endAt.getTime())
  const duration = a.endAt.getTime() - a.startAt.getTime()
  return Math.max(0, Math.floor(Math.min(out - checkIn.getTime(), duration) / 60_000))
}

/** A 6-digit check-in code. */
export function newCheckinCode(random: () => number = Math.random): string {
  return String(Math.floor(random() * 1_000_000)).padStart(6, '0')
}

/** A stable certificate number for a volunteer: ZYFW-<year>-<8 hex of the openid>. */
export function certificateNumber(openid: string, year: number): string {
  let h = 2166136261
  for (const ch of openid) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0
  return `ZYFW-${year}-${h.toString(16).toUpperCase().padStart(8, '0')}`
}

/**
 * The meeting point of a drive that cleans up several reports: the middle of their locations
 * (plain mean; the cases of one drive lie within a few hundred metres), to 6 decimals (~0.1 m).
 */
export function meetingPoint(points: { latitude: number; longitude: number }[]): { latitude: number; longitude: number } | null {
  if (!points.length) return null
  const mean = (pick: (p: { latitude: number; longitude: number }) => number) => Math.round((points.reduce((s, p) => s + pick(p), 0) / points.length) * 1e6) / 1e6
  return { latitude: mean((p) => p.latitude), longitude: mean((p) => p.longitude) }
}
