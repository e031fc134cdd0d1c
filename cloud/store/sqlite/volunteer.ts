import type { SignupStatus } from '../../../types/volunteer'
import type { StoredActivity, StoredCertificate, StoredOutcome, StoredSignup, VolunteerRepo } from '../../core/volunteer/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface ActivityRow {
  id: string; title: string; description: string; village_id: string; address: string; start_at: number; end_at: number
  capacity: number; confirmed_count: number; waitlist_count: number; waitlist_seq: number; signup_deadline: number
  cancelled: number; cancel_reason: string | null; organizer_openid: string; checkin_code: string; report_ids: string; created_at: number
  reminded_at: number | null
  latitude: number | null; longitude: number | null
  outcomes: string; fixed_count: number
}
interface SignupRow {
  activity_id: string; openid: string; status: SignupStatus; seq: number; signed_up_at: number
  check_in_at: number | null; check_out_at: number | null; minutes: number; code_failures: number; code_locked_until: number | null; no_show?: number
}

export const toActivity = (r: ActivityRow): StoredActivity => ({
  id: r.id, title: r.title, description: r.description, villageId: r.village_id, address: r.address,
  startAt: new Date(r.start_at), endAt: new Date(r.end_at), capacity: r.capacity, confirmedCount: r.confirmed_count,
  waitlistCount: r.waitlist_count, waitlistSeq: r.waitlist_seq, signupDeadline: new Date(r.signup_deadline),
  cancelled: r.cancelled === 1, cancelReason: r.cancel_reason, organizerOpenid: r.organizer_openid,
  checkinSecret: r.checkin_code, reportIds: JSON.parse(r.report_ids) as string[], latitude: r.latitude, longitude: r.longitude,
  createdAt: new Date(r.created_at), remindedAt: r.reminded_at === null ? null : new Date(r.reminded_at),
  outcomes: (JSON.parse(r.outcomes ?? '[]') as (Omit<StoredOutcome, 'recordedAt'> & { recordedAt: number })[]).map((o) => ({ ...o, recordedAt: new Date(o.recordedAt) })),
  fixedCount: r.fixed_count ?? 0
})
export const toSignup = (r: SignupRow): StoredSignup => ({
  activityId: r.activity_id, openid: r.openid, status: r.status, seq: r.seq, signedUpAt: new Date(r.signed_up_at),
  checkInAt: r.check_in_at === null ? null : new Date(r.check_in_at), checkOutAt: r.check_out_at === null ? null : new Date(r.check_out_at), minutes: r.minutes,
  codeFailures: r.code_failures, codeLockedUntil: r.code_locked_until === null ? null : new Date(r.code_locked_until),
  ...(r.no_show === 1 ? { noShow: true } : {})
})

const COLUMNS: Record<string, string> = {
  title: 'title', description: 'description', villageId: 'village_id', address: 'address', startAt: 'start_at', endAt: 'end_at',
  capacity: 'capacity', confirmedCount: 'confirmed_count', waitlistCount: 'waitlist_count', waitlistSeq: 'waitlist_seq',
  signupDeadline: 'signup_deadline', cancelled: 'cancelled', cancelReason: 'cancel_reason', reportIds: 'report_ids',
  latitude: 'latitude', longitude: 'longitude', remindedAt: 'reminded_at', outcomes: 'outcomes', fixedCount: 'fixed_count'
}
// dates inside JSON (a drive's outcomes) as epoch milliseconds, like the columns
const toColumn = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v, function (k, x) { return this[k] instanceof Date ? (this[k] as Date).getTime() : x }) : v)

const offsetPage = <T>(rows: T[], offset: number, limit: number) => ({
  items: rows.slice(0, limit),
  nextCursor: rows.length > limit ? String(offset + limit) : null
})

/** Minutes of credited signups, for drives starting within the optional bounds. */
const MINUTES_WHERE = `s.minutes > 0 AND (@from IS NULL OR a.start_at >= @from) AND (@to IS NULL OR a.start_at < @to)`

interface CertificateRow { number: string; openid: string; name: string; minutes: number; drives: number; issuer: string; issued_at: number }
export const toCertificate = (r: CertificateRow): StoredCertificate => ({ number: r.number, openid: r.openid, name: r.name, minutes: r.minutes, drives: r.drives, issuer: r.issuer, issuedAt: new Date(r.issued_at) })

export function sqliteVolunteer(db: Db, exec: Exec): VolunteerRepo {
  const insertActivity = db.prepare(
    `INSERT INTO activities (id, title, description, village_id, address, start_at, end_at, capacity, confirmed_count, waitlist_count,
       waitlist_seq, signup_deadline, cancelled, cancel_reason, organizer_openid, checkin_code, report_ids, latitude, longitude, created_at)
     VALUES (@id, @title, @description, @villageId, @address, @startAt, @endAt, @capacity, @confirmedCount, @waitlistCount,
       @waitlistSeq, @signupDeadline, @cancelled, @cancelReason, @organizerOpenid, @checkinSecret, @reportIds, @latitude, @longitude, @createdAt)`
  )
  const getActivity = db.prepare<[string], ActivityRow>('SELECT * FROM activities WHERE id = ?')
  const getSignup = db.prepare<[string, string], SignupRow>('SELECT * FROM signups WHERE activity_id = ? AND openid = ?')
  const putSignup = db.prepare(
    `INSERT INTO signups (activity_id, openid, status, seq, signed_up_at, check_in_at, check_out_at, minutes, code_failures, code_locked_until)
     VALUES (@activityId, @openid, @status, @seq, @signedUpAt, @checkInAt, @checkOutAt, @minutes, @codeFailures, @codeLockedUntil)
     ON CONFLICT (activity_id, openid) DO UPDATE SET status = excluded.status, seq = excluded.seq, signed_up_at = excluded.signed_up_at,
       check_in_at = excluded.check_in_at, check_out_at = excluded.check_out_at, minutes = excluded.minutes,
       code_failures = excluded.code_failures, code_locked_until = excluded.code_locked_until`
  )
  const signupsOf = db.prepare<[string], SignupRow>(
    `SELECT * FROM signups WHERE activity_id = ? ORDER BY CASE status WHEN 'waitlisted' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, seq, signed_up_at, openid`
  )
  const firstWaitlisted = db.prepare<[string], SignupRow>(`SELECT * FROM signups WHERE activity_id = ? AND status = 'waitlisted' ORDER BY seq LIMIT 1`)
  const ahead = db.prepare<[string, number, number, string], number>(`SELECT COUNT(*) FROM signups WHERE activity_id = ? AND status = 'waitlisted' AND (seq < ? OR (seq = ? AND openid < ?))`).pluck()
  const setCounts = db.prepare<{ id: string; confirmed: number; waiting: number; seq: number }>('UPDATE activities SET confirmed_count = confirmed_count + @confirmed, waitlist_count = waitlist_count + @waiting, waitlist_seq = MAX(waitlist_seq, @seq) WHERE id = @id')
  const setStatus = db.prepare<[SignupStatus, string, string]>('UPDATE signups SET status = ? WHERE activity_id = ? AND openid = ?')
  const put = (s: StoredSignup) => void putSignup.run({ ...s, signedUpAt: s.signedUpAt.getTime(), checkInAt: ms(s.checkInAt), checkOutAt: ms(s.checkOutAt), codeFailures: s.codeFailures ?? 0, codeLockedUntil: ms(s.codeLockedUntil ?? null) })
  const ACTIVE: SignupStatus[] = ['confirmed', 'waitlisted', 'checkedIn', 'completed']
  /** Free places to the first waitlisted (inside the caller's transaction). */
  const fillNow = (activityId: string): string[] => {
    const promoted: string[] = []
    for (;;) {
      const a = getActivity.get(activityId)
      if (!a || a.cancelled === 1 || a.confirmed_count >= a.capacity) return promoted
      const next = firstWaitlisted.get(activityId)
      if (!next) return promoted
      setStatus.run('confirmed', activityId, next.openid)
      setCounts.run({ id: activityId, confirmed: 1, waiting: -1, seq: 0 })
      promoted.push(next.openid)
    }
  }
  // each one statement group in its own transaction (a savepoint inside the caller's, if any)
  const join = db.transaction((activityId: string, openid: string, at: Date): StoredSignup | null => {
    const before = getSignup.get(activityId, openid)
    if (before && ACTIVE.includes(before.status)) return toSignup(before)
    const a = getActivity.get(activityId)
    if (!a) throw new Error(`no drive ${activityId}`)
    if (a.cancelled === 1) return null
    const confirmed = a.confirmed_count < a.capacity && a.waitlist_count === 0
    const seq = confirmed ? 0 : a.waitlist_seq + 1
    const s: StoredSignup = { activityId, openid, status: confirmed ? 'confirmed' : 'waitlisted', seq, signedUpAt: at, checkInAt: null, checkOutAt: null, minutes: 0 }
    put(s)
    setCounts.run({ id: activityId, confirmed: confirmed ? 1 : 0, waiting: confirmed ? 0 : 1, seq })
    return s
  })
  const leave = db.transaction((activityId: string, openid: string): { signup: StoredSignup; promoted: string[] } | null => {
    const before = getSignup.get(activityId, openid)
    if (!before || (before.status !== 'confirmed' && before.status !== 'waitlisted')) return null
    setStatus.run('cancelled', activityId, openid)
    setCounts.run({ id: activityId, confirmed: before.status === 'confirmed' ? -1 : 0, waiting: before.status === 'waitlisted' ? -1 : 0, seq: 0 })
    return { signup: { ...toSignup(before), status: 'cancelled' }, promoted: fillNow(activityId) }
  })
  const fill = db.transaction((activityId: string) => fillNow(activityId))
  const ofUser = db.prepare<[string, number, number], SignupRow>('SELECT * FROM signups WHERE openid = ? ORDER BY signed_up_at DESC, activity_id LIMIT ? OFFSET ?')
  const endedCheckedIn = db.prepare<{ now: number; limit: number; openid: string | null }, SignupRow & { drive_start_at: number; drive_end_at: number }>(
    `SELECT s.*, a.start_at AS drive_start_at, a.end_at AS drive_end_at FROM signups s JOIN activities a ON a.id = s.activity_id
     WHERE s.status = 'checkedIn' AND a.end_at <= @now AND (@openid IS NULL OR s.openid = @openid) ORDER BY a.end_at, s.activity_id, s.openid LIMIT @limit`
  )
  const byUser = db.prepare<{ from: number | null; to: number | null; limit: number }, { openid: string; minutes: number }>(
    `SELECT s.openid, SUM(s.minutes) AS minutes FROM signups s JOIN activities a ON a.id = s.activity_id
     WHERE ${MINUTES_WHERE} GROUP BY s.openid ORDER BY minutes DESC, s.openid LIMIT @limit`
  )
  const above = db.prepare<{ minutes: number; from: number | null; to: number | null }, number>(
    `SELECT COUNT(*) FROM (SELECT SUM(s.minutes) AS m FROM signups s JOIN activities a ON a.id = s.activity_id
     WHERE ${MINUTES_WHERE} GROUP BY s.openid) WHERE m > @minutes`
  ).pluck()
  const completed = db.prepare<[string], number>(`SELECT COUNT(*) FROM signups WHERE openid = ? AND status = 'completed'`).pluck()
  // drives held in a village (or the district): where they happened, not where the volunteers live.
  // A volunteer still checked in when the drive ended counts as the sweep will credit them (asSettled):
  // until the end, capped to the drive's duration
  const CREDITED = `CASE WHEN s.status = 'checkedIn' THEN CASE WHEN a.end_at <= @now AND s.check_in_at IS NOT NULL
    THEN MAX(0, MIN(a.end_at - s.check_in_at, a.end_at - a.start_at) / 60000) ELSE 0 END ELSE s.minutes END`
  const HELD = `a.cancelled = 0 AND (@villageId IS NULL OR a.village_id = @villageId) AND a.start_at >= @from AND a.start_at < @to AND a.start_at <= @now`
  const held = db.prepare<{ villageId: string | null; from: number; to: number; now: number }, { drives: number; minutes: number; fixed: number }>(
    `SELECT COUNT(*) AS drives, COALESCE(SUM(a.fixed_count), 0) AS fixed,
       COALESCE(SUM((SELECT SUM(${CREDITED}) FROM signups s WHERE s.activity_id = a.id AND (s.minutes > 0 OR s.status = 'checkedIn'))), 0) AS minutes
     FROM activities a WHERE ${HELD}`
  )
  const heldByVillage = db.prepare<{ villageId: null; from: number; to: number; now: number }, { villageId: string; drives: number; minutes: number; fixed: number }>(
    `SELECT a.village_id AS villageId, COUNT(*) AS drives, COALESCE(SUM(a.fixed_count), 0) AS fixed,
       COALESCE(SUM((SELECT SUM(${CREDITED}) FROM signups s WHERE s.activity_id = a.id AND (s.minutes > 0 OR s.status = 'checkedIn'))), 0) AS minutes
     FROM activities a WHERE ${HELD} GROUP BY a.village_id`
  )
  const ms = (d: Date | null) => (d ? d.getTime() : null)

  return {
    insertActivity: (a) => exec(() => void insertActivity.run(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, toColumn(v)])))),
    getActivity: (id) => exec(() => {
      const row = getActivity.get(id)
      return row ? toActivity(row) : null
    }),
    getActivities: (ids) => exec(() => {
      const unique = [...new Set(ids)]
      if (!unique.length) return []
      return db.prepare<string[], Parameters<typeof toActivity>[0]>(`SELECT * FROM activities WHERE id IN (${unique.map(() => '?').join(', ')})`).all(...unique).map(toActivity)
    }),
    updateActivity: (id, patch) => exec(() => {
      const keys = Object.keys(patch).filter((k) => COLUMNS[k] && (patch as Record<string, unknown>)[k] !== undefined)
      if (!keys.length) return
      const values = Object.fromEntries(keys.map((k) => [k, toColumn((patch as Record<string, unknown>)[k])]))
      db.prepare(`UPDATE activities SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`).run({ ...values, id })
    }),
    listActivities: (filter, cursor, limit) => exec(() => {
      const offset = Math.max(0, Number(cursor) || 0)
      const rows = db
        .prepare<{ villageId: string | null; now: number; limit: number; offset: number }, ActivityRow>(
          `SELECT * FROM activities WHERE (@villageId IS NULL OR village_id = @villageId)
           ORDER BY (end_at <= @now), CASE WHEN end_at > @now THEN start_at ELSE -start_at END, id LIMIT @limit OFFSET @offset`
        )
        .all({ villageId: filter.villageId ?? null, now: filter.now.getTime(), limit: limit + 1, offset })
      return offsetPage(rows.map(toActivity), offset, limit)
    }),
    getSignup: (activityId, openid) => exec(() => {
      const row = getSignup.get(activityId, openid)
      return row ? toSignup(row) : null
    }),
    putSignup: (s) => exec(() => void putSignup.run({ ...s, signedUpAt: s.signedUpAt.getTime(), checkInAt: ms(s.checkInAt), checkOutAt: ms(s.checkOutAt), codeFailures: s.codeFailures ?? 0, codeLockedUntil: ms(s.codeLockedUntil ?? null) })),
    signupsOf: (activityId) => exec(() => signupsOf.all(activityId).map(toSignup)),
    firstWaitlisted: (activityId) => exec(() => {
      const row = firstWaitlisted.get(activityId)
      return row ? toSignup(row) : null
    }),
    waitlistAhead: (activityId, seq, openid) => exec(() => ahead.get(activityId, seq, seq, openid) ?? 0),
    join: (activityId, openid, at) => exec(() => join(activityId, openid, at)),
    leave: (activityId, openid) => exec(() => leave(activityId, openid)),
    fill: (activityId) => exec(() => fill(activityId)),
    signupsOfUser: (openid, cursor, limit) => exec(() => {
      const offset = Math.max(0, Number(cursor) || 0)
      return offsetPage(ofUser.all(openid, limit + 1, offset).map(toSignup), offset, limit)
    }),
    toRemind: (from, to, limit) => exec(() =>
      db.prepare<[number, number, number], ActivityRow>('SELECT * FROM activities WHERE reminded_at IS NULL AND cancelled = 0 AND start_at >= ? AND start_at < ? ORDER BY start_at LIMIT ?')
        .all(from.getTime(), to.getTime(), limit).map(toActivity)),
    checkedInEndedBy: (now, limit, openid) => exec(() => endedCheckedIn.all({ now: now.getTime(), limit, openid: openid ?? null })
      .map((r) => ({ signup: toSignup(r), startAt: new Date(r.drive_start_at), endAt: new Date(r.drive_end_at) }))),
    minutesByUser: (from, to, limit) => exec(() => byUser.all({ from: ms(from), to: ms(to), limit })),
    setNoShow: (activityId, openid, noShow) => exec(() => void db.prepare('UPDATE signups SET no_show = ? WHERE activity_id = ? AND openid = ?').run(noShow ? 1 : 0, activityId, openid)),
    noShowsOf: (openids) => exec(() => {
      const unique = [...new Set(openids)]
      if (!unique.length) return new Map<string, number>()
      const rows = db.prepare<string[], { openid: string; n: number }>(`SELECT openid, COUNT(*) AS n FROM signups WHERE no_show = 1 AND openid IN (${unique.map(() => '?').join(', ')}) GROUP BY openid`).all(...unique)
      return new Map(rows.map((r) => [r.openid, r.n]))
    }),
    minutesOfUsers: (openids, from, to) => exec(() => {
      const unique = [...new Set(openids)]
      if (!unique.length) return new Map()
      const params: Record<string, string | number | null> = { from: ms(from), to: ms(to) }
      unique.forEach((openid, i) => { params[`o${i}`] = openid })
      const rows = db.prepare<Record<string, string | number | null>, { openid: string; minutes: number }>(
        `SELECT s.openid, SUM(s.minutes) AS minutes FROM signups s JOIN activities a ON a.id = s.activity_id
         WHERE s.openid IN (${unique.map((_, i) => `@o${i}`).join(', ')}) AND ${MINUTES_WHERE} GROUP BY s.openid`
      ).all(params)
      return new Map(rows.map((r) => [r.openid, r.minutes]))
    }),
    usersAbove: (minutes, from, to) => exec(() => above.get({ minutes, from: ms(from), to: ms(to) }) ?? 0),
    completedCount: (openid) => exec(() => completed.get(openid) ?? 0),
    driveFigures: (villageId, from, to, now) => exec(() => held.get({ villageId, from: from.getTime(), to: to.getTime(), now: now.getTime() }) ?? { drives: 0, minutes: 0, fixed: 0 }),
    driveFiguresByVillage: (from, to, now) => exec(() => heldByVillage.all({ villageId: null, from: from.getTime(), to: to.getTime(), now: now.getTime() })),
    reassignUser: (from, to) => exec(() => {
      db.prepare('UPDATE certificates SET openid = ? WHERE openid = ?').run(to, from)
      return db.prepare('UPDATE signups SET openid = ? WHERE openid = ?').run(to, from).changes
    }),
    saveCertificate: (c) => exec(() => void db.prepare('INSERT INTO certificates (number, openid, name, minutes, drives, issuer, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(c.number, c.openid, c.name, c.minutes, c.drives, c.issuer, c.issuedAt.getTime())),
    getCertificate: (number) => exec(() => {
      const row = db.prepare<[string], CertificateRow>('SELECT * FROM certificates WHERE number = ?').get(number)
      return row ? toCertificate(row) : null
    }),
    latestCertificate: (openid) => exec(() => {
      const row = db.prepare<[string], CertificateRow>('SELECT * FROM certificates WHERE openid = ? ORDER BY issued_at DESC LIMIT 1').get(openid)
      return row ? toCertificate(row) : null
    })
  }
}
