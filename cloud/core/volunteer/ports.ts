import type { SignupStatus } from '../../../types/volunteer'

/** The volunteer part of the store port (see cloud/core/ports.ts). */

export interface StoredActivity {
  id: string
  title: string
  description: string
  villageId: string
  address: string
  startAt: Date
  endAt: Date
  capacity: number
  /** The counters live on the activity record, changed only by `join`, `leave` and `fill` (CloudBase: by single conditional atomic updates of the activity document). */
  confirmedCount: number
  waitlistCount: number
  /** The last waitlist sequence number handed out (SQLite; CloudBase orders its waitlist by signup time). */
  waitlistSeq: number
  signupDeadline: Date
  cancelled: boolean
  cancelReason: string | null
  organizerOpenid: string
  /** The secret the drive's rotating check-in codes are derived from (never shown; rules.ts). */
  checkinSecret: string
  reportIds: string[]
  /** When the reminder before the drive went out to its volunteers (null/absent: not yet). */
  remindedAt?: Date | null
  /** The meeting point for the map, or both null. */
  latitude: number | null
  longitude: number | null
  createdAt: Date
  /** The organizer's outcome per linked case (absent: none recorded), and how many of them the drive resolved. */
  outcomes?: StoredOutcome[]
  fixedCount?: number
}

/** What a drive did for one linked case (issue 15). */
export interface StoredOutcome {
  reportId: string
  fixed: boolean
  note: string | null
  photos: string[]
  /** Whether this drive resolved the case (not when it was resolved already). */
  resolvedByDrive: boolean
  recordedAt: Date
  recordedBy: string
}

export type ActivityPatch = Partial<Omit<StoredActivity, 'id' | 'organizerOpenid' | 'checkinSecret' | 'createdAt'>>

export interface StoredSignup {
  activityId: string
  openid: string
  status: SignupStatus
  /** Waitlist order (lower first, then openid); 0 when never waitlisted. */
  seq: number
  signedUpAt: Date
  checkInAt: Date | null
  checkOutAt: Date | null
  minutes: number
  /** Wrong check-in codes in a row, and until when the volunteer is locked out after too many. */
  codeFailures?: number
  codeLockedUntil?: Date | null
  /** Marked by the organizer after the drive: signed up (confirmed) and never came (issue 25). */
  noShow?: boolean
}

/** A volunteer still checked in on a drive that has ended, and that drive's times (see `checkedInEndedBy`). */
export interface Unsettled {
  signup: StoredSignup
  startAt: Date
  endAt: Date
}

export interface VolunteerRepo {
  insertActivity(a: StoredActivity): Promise<void>
  getActivity(id: string): Promise<StoredActivity | null>
  /** The drives of these ids that exist, in any order (one read however many). */
  getActivities(ids: string[]): Promise<StoredActivity[]>
  updateActivity(id: string, patch: ActivityPatch): Promise<void>
  /** Activities, those not yet ended first (soonest first), then ended ones (latest first); offset cursor. */
  listActivities(filter: { villageId?: string; now: Date }, cursor: string | undefined, limit: number): Promise<{ items: StoredActivity[]; nextCursor: string | null }>
  getSignup(activityId: string, openid: string): Promise<StoredSignup | null>
  /** Inserts or replaces the signup of (activityId, openid). */
  putSignup(s: StoredSignup): Promise<void>
  /** Everyone signed up, in order: confirmed/checked in/completed by signup time, then the waitlist. */
  signupsOf(activityId: string): Promise<StoredSignup[]>
  /** Drives not cancelled whose reminder has not gone out, starting in [from, to), soonest first. */
  toRemind(from: Date, to: Date, limit: number): Promise<StoredActivity[]>
  firstWaitlisted(activityId: string): Promise<StoredSignup | null>
  /** How many are ahead of the waitlisted signup (`seq`, `openid`) on the waitlist. */
  waitlistAhead(activityId: string, seq: number, openid: string): Promise<number>
  /**
   * Signs `openid` up for the drive at `at`: a place while one is free and nobody waits (confirmed),
   * else the end of the waitlist; an active signup (confirmed, waitlisted, checked in, completed)
   * answers as it is. Answers null when the drive is cancelled. Exact under any number of
   * simultaneous calls and safe to repeat after a lost answer. Not inside a transaction: SQLite
   * runs it as one; CloudBase as single conditional atomic updates of the activity document (no
   * transaction on it: issue 22).
   */
  join(activityId: string, openid: string, at: Date): Promise<StoredSignup | null>
  /**
   * Cancels the confirmed or waitlisted signup of `openid` and gives its place to the first on the
   * waitlist (`fill`); answers the cancelled signup and the openids promoted, or null when there
   * was nothing to cancel. Exact and safe to repeat, as `join`.
   */
  leave(activityId: string, openid: string): Promise<{ signup: StoredSignup; promoted: string[] } | null>
  /** Fills free places from the waitlist, first come first served, each promoted exactly once; answers their openids. */
  fill(activityId: string): Promise<string[]>
  signupsOfUser(openid: string, cursor: string | undefined, limit: number): Promise<{ items: StoredSignup[]; nextCursor: string | null }>
  /**
   * Checked-in signups of drives that ended at or before `now` (of one volunteer with `openid`),
   * with their drive's times: the sweep credits them; until it has, reads count them as credited
   * (`asSettled`) without writing. One query.
   */
  checkedInEndedBy(now: Date, limit: number, openid?: string): Promise<Unsettled[]>
  /**
   * Credited minutes per volunteer of drives that started in [from, to) (all time without `from`),
   * most first; with each volunteer's nickname where the store read it with the minutes (CloudBase,
   * all time: the users' own documents), so the board needs no read of their names (issue 22).
   */
  minutesByUser(from: Date | null, to: Date | null, limit: number): Promise<{ openid: string; minutes: number; nickname?: string }[]>
  /** The credited minutes of each of these volunteers in the period (absent: none). One query. */
  minutesOfUsers(openids: string[], from: Date | null, to: Date | null): Promise<Map<string, number>>
  /** How many volunteers have more minutes than `minutes` in the period. */
  usersAbove(minutes: number, from: Date | null, to: Date | null): Promise<number>
  completedCount(openid: string): Promise<number>
  /**
   * Drives held in a village (null: the whole district) — not cancelled, started in [from, to) and
   * by `now` — with the minutes credited on them and the cases they resolved: by where the drives
   * happened, not the volunteers' homes. One aggregation.
   */
  driveFigures(villageId: string | null, from: Date, to: Date, now: Date): Promise<{ drives: number; minutes: number; fixed: number }>
  /** The same figures for every village at once (the dashboard): one GROUP BY / aggregation; villages without drives are left out. */
  driveFiguresByVillage(from: Date, to: Date, now: Date): Promise<{ villageId: string; drives: number; minutes: number; fixed: number }[]>
  /** 账号注销: the user's signups (and waitlist places) pass to an anonymous id; answers how many. */
  reassignUser(from: string, to: string): Promise<number>
  /** Marks (or unmarks) a signup as a no-show (issue 25). */
  setNoShow(activityId: string, openid: string, noShow: boolean): Promise<void>
  /** How many drives each of these volunteers was marked a no-show on (absent: none). One query. */
  noShowsOf(openids: string[]): Promise<Map<string, number>>
  /** 志愿服务证明: stored once issued, found by number (verification) and by volunteer (the latest). */
  saveCertificate(c: StoredCertificate): Promise<void>
  getCertificate(number: string): Promise<StoredCertificate | null>
  latestCertificate(openid: string): Promise<StoredCertificate | null>
}

/** One issued 志愿服务证明: the hours and drives it certifies, to the name it was issued to. */
export interface StoredCertificate {
  number: string
  openid: string
  name: string
  minutes: number
  drives: number
  issuer: string
  issuedAt: Date
}
