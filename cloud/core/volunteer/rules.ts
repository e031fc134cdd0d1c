import crypto from 'node:crypto'
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

/** When check-in opens: 30 minutes before the start. */
export const checkinOpensAt = (a: Pick<StoredActivity, 'startAt'>): Date => new Date(a.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS)

/** Check-in and check-out are accepted from 30 minutes before the start to the end. */
export function codeWindowOpen(a: Pick<StoredActivity, 'startAt' | 'endAt'>, now: Date): boolean {
  return now >= checkinOpensAt(a) && now < a.endAt
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

/**
 * A signup as crediting leaves it: a volunteer still checked in when the drive ended is completed
 * with the minutes until the end (no check-out). The sweep writes this (`settleEnded`); reads answer
 * it for a drive not yet settled, without writing. Any other signup is answered as it is.
 */
export function asSettled(a: Pick<StoredActivity, 'startAt' | 'endAt'>, s: StoredSignup, now: Date): StoredSignup {
  if (s.status !== 'checkedIn' || !s.checkInAt || now < a.endAt) return s
  return { ...s, status: 'completed', checkOutAt: null, minutes: creditedMinutes(a, s.checkInAt, null) }
}

/** A drive's check-in secret: 160 random bits from the operating system's generator. */
export function newCheckinSecret(): string {
  return crypto.randomBytes(20).toString('hex')
}

/** The code shown on the organizer's screen changes every minute. */
export const CODE_PERIOD_MS = 60_000
/** Wrong codes in a row before a volunteer is locked out of the drive's code, and for how long. */
export const CODE_TRIES = 5
export const CODE_LOCKOUT_MS = 10 * 60_000

/** The 6-digit code of one period: HOTP (RFC 4226: HMAC-SHA1 and dynamic truncation) of the period number. */
function codeOf(secret: string, period: number): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(period))
  const mac = crypto.createHmac('sha1', secret).update(counter).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const n = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(n % 1_000_000).padStart(6, '0')
}

/** The code to show now, and when it gives way to the next. */
export function currentCode(secret: string, now: Date): { code: string; expiresAt: Date } {
  const period = Math.floor(now.getTime() / CODE_PERIOD_MS)
  return { code: codeOf(secret, period), expiresAt: new Date((period + 1) * CODE_PERIOD_MS) }
}

/** Whether a typed code is this period's or the last one's (a code read off the screen just before it changed still works). */
export function codeMatches(secret: string, code: string, now: Date): boolean {
  const period = Math.floor(now.getTime() / CODE_PERIOD_MS)
  return [period, period - 1].some((p) => crypto.timingSafeEqual(Buffer.from(codeOf(secret, p)), Buffer.from(code.padEnd(6).slice(0, 6))))
}

const CERTIFICATE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // no 0/O, 1/I: read aloud or typed from paper

/** A new certificate number: ZYFW-<year>-<10 random characters> (50 bits: not guessable, nothing derived from the person). */
export function newCertificateNumber(year: number): string {
  const bytes = crypto.randomBytes(10)
  return `ZYFW-${year}-${Array.from(bytes, (b) => CERTIFICATE_ALPHABET[b % 32]).join('')}`
}

export const CERTIFICATE_NUMBER = /^ZYFW-\d{4}-[2-9A-HJ-NP-Z]{10}$/

/** A name as a verifier sees it: 张*明, 李*, W*g. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
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
