import type { SignupStatus } from '../../../types/volunteer'
import type { StoredActivity, StoredCertificate, StoredSignup, VolunteerRepo } from '../../core/volunteer/ports'
import { allGroups, coalesced, COLLECTIONS as C, getAll, getDoc, keysetPage, storedFields, updateFields, type Database, type Doc } from './db'
import { TRANSACTION_BUDGET_MS, type Docs } from './docs'

type Waiting = { openid: string; seq: number }

const toActivity = (d: Doc): StoredActivity => ({
  id: String(d._id), title: d.title as string, description: d.description as string, villageId: d.villageId as string, address: d.address as string,
  startAt: new Date(Number(d.startAt)), endAt: new Date(Number(d.endAt)), capacity: Number(d.capacity), confirmedCount: Number(d.confirmedCount),
  waitlistCount: Number(d.waitlistCount), waitlistSeq: Number(d.waitlistSeq), signupDeadline: new Date(Number(d.signupDeadline)),
  cancelled: d.cancelled === true, cancelReason: (d.cancelReason as string | null) ?? null, organizerOpenid: d.organizerOpenid as string,
  checkinSecret: d.checkinSecret as string, reportIds: (d.reportIds as string[]) ?? [],
  latitude: typeof d.latitude === 'number' ? d.latitude : null, longitude: typeof d.longitude === 'number' ? d.longitude : null,
  createdAt: new Date(Number(d.createdAt)), remindedAt: d.remindedAt == null ? null : new Date(Number(d.remindedAt)),
  outcomes: ((d.outcomes as Doc[] | undefined) ?? []).map((o) => ({
    reportId: o.reportId as string, fixed: o.fixed === true, note: (o.note as string | null) ?? null, photos: (o.photos as string[]) ?? [],
    resolvedByDrive: o.resolvedByDrive === true, recordedAt: new Date(Number(o.recordedAt)), recordedBy: o.recordedBy as string
  })),
  fixedCount: Number(d.fixedCount ?? 0)
})
const toSignup = (d: Doc): StoredSignup => ({
  activityId: d.activityId as string, openid: d.openid as string, status: d.status as SignupStatus, seq: Number(d.seq ?? 0),
  signedUpAt: new Date(Number(d.signedUpAt)), checkInAt: d.checkInAt == null ? null : new Date(Number(d.checkInAt)),
  checkOutAt: d.checkOutAt == null ? null : new Date(Number(d.checkOutAt)), minutes: Number(d.minutes ?? 0),
  codeFailures: Number(d.codeFailures ?? 0), codeLockedUntil: d.codeLockedUntil == null ? null : new Date(Number(d.codeLockedUntil)),
  ...(d.noShow === true ? { noShow: true } : {})
})

/**
 * Volunteer drives on CloudBase. Signups are documents with id `<activityId>_<openid>`. The activity
 * document is the counter and its ledger: `confirmedCount` with `holders` (who has a place) and
 * `waitlistCount` with the ordered `waitlist` (`[{ openid, seq }]`, seq = signup time: appended, so
 * in the order the server received them, which is the waitlist's order). Signup, cancellation and promotion change it by single conditional atomic
 * updates — never in a transaction, which would conflict on it when many sign up at once
 * (issue 22) — each one changing a count together with the ledger entry that makes it idempotent:
 * a place is taken only while `holders` lacks the openid, so a retry after a lost answer never
 * counts twice, and a promotion shifts exactly the first waitlisted into `holders`. The signup
 * document follows its ledger entry (a write lost there is made by the next `join` of that person). Figures over many signups (the month's leaderboard,
 * a village's hours, volunteers of ended drives not yet credited) are one aggregation each, joined to the activities (and
 * users) with `$lookup`; the all-time leaderboard reads the users' own totals.
 */
const toCertificate = (d: Doc): StoredCertificate => ({
  number: String(d._id), openid: d.openid as string, name: d.name as string, minutes: Number(d.minutes), drives: Number(d.drives), issuer: d.issuer as string, issuedAt: new Date(Number(d.issuedAt))
})

export function cloudbaseVolunteer(db: Database, docs: Docs): VolunteerRepo {
  const _ = db.command
  const $ = _.aggregate as Record<string, (...a: unknown[]) => unknown>
  const signupRef = (d: Docs, activityId: string, openid: string) => d.doc(C.signups, `${activityId}_${openid}`)
  const activityDoc = (id: string) => getDoc(docs.doc(C.activities, id))
  const inPeriod = (from: Date | null, to: Date | null): Doc => ({
    'activity.startAt': _.and([...(from ? [_.gte(from.getTime())] : []), ...(to ? [_.lt(to.getTime())] : [_.gte(0)])])
  })
  /** Credited signups joined to their drive, limited to drives that started in [from, to). */
  const credited = (from: Date | null, to: Date | null, match: Doc = {}) =>
    docs.query(C.signups).aggregate()
      .match({ minutes: _.gt(0), ...match })
      .lookup({ from: docs.name(C.activities), localField: 'activityId', foreignField: '_id', as: 'activity' })
      .unwind('$activity')
      .match(inPeriod(from, to))
  /**
   * The minutes a drive's joined `signups` count: those credited, and those still checked in when
   * the drive ended by `now` as the sweep will credit them (`asSettled`: until the end, capped to
   * the drive's duration).
   */
  const driveMinutes = (now: Date) => $.sum!($.map!({
    input: '$signups',
    as: 's',
    in: $.cond!({
      if: $.and!([$.eq!(['$$s.status', 'checkedIn']), $.lte!(['$endAt', now.getTime()])]),
      then: $.max!([0, $.floor!($.divide!([$.min!([$.subtract!(['$endAt', '$$s.checkInAt']), $.subtract!(['$endAt', '$startAt'])]), 60_000]))]),
      else: $.ifNull!(['$$s.minutes', 0])
    })
  }))
  /**
   * The drives held, their hours and the cases they fixed, in one aggregation: of a village, or of
   * the district — with, asked at the same moment (the 数据 page asks for both), each village's
   * figures beside the district's in the same aggregation (issue 22).
   */
  const figuresRows = async (villageId: string | null, from: number, to: number, now: number, within: string[] = []) => {
    const { list } = await docs.query(C.activities).aggregate()
      .match({ ...(villageId === null ? {} : { villageId }), cancelled: false, startAt: _.and([_.gte(from), _.lt(Math.min(to, now + 1))]) })
      .lookup({ from: docs.name(C.signups), localField: '_id', foreignField: 'activityId', as: 'signups' })
      .project({ villageId: 1, fixed: $.ifNull!(['$fixedCount', 0]), minutes: driveMinutes(new Date(now)) })
      .group(Object.assign({ _id: null, drives: $.sum!(1), fixed: $.sum!('$fixed'), minutes: $.sum!('$minutes') }, ...within.map((v, i) => {
        const only = (x: unknown) => $.sum!($.cond!({ if: $.eq!(['$villageId', v]), then: x, else: 0 }))
        return { [`v${i}_drives`]: only(1), [`v${i}_fixed`]: only('$fixed'), [`v${i}_minutes`]: only('$minutes') }
      })))
      .limit(1)
      .end()
    const r = (list[0] ?? {}) as Doc
    const read = (p: string) => ({ drives: Number(r[`${p}drives`] ?? 0), minutes: Number(r[`${p}minutes`] ?? 0), fixed: Number(r[`${p}fixed`] ?? 0) })
    return [read(''), ...within.map((_v, i) => read(`v${i}_`))]
  }
  const figuresOf = coalesced<{ villageId: string | null; from: number; to: number; now: number }, { drives: number; minutes: number; fixed: number }>(async (asks) => {
    const key = (a: { from: number; to: number; now: number }) => `${a.from}:${a.to}:${a.now}`
    const districts = new Map(asks.flatMap((a) => (a.villageId === null ? [[key(a), a] as const] : [])))
    const out = new Map<number, { drives: number; minutes: number; fixed: number }>()
    await Promise.all([
      ...[...districts].map(async ([k, d]) => {
        const villages = [...new Set(asks.filter((a) => a.villageId !== null && key(a) === k).map((a) => a.villageId!))]
        const [district, ...each] = await figuresRows(null, d.from, d.to, d.now, villages)
        asks.forEach((a, i) => {
          if (key(a) === k) out.set(i, a.villageId === null ? district! : each[villages.indexOf(a.villageId)]!)
        })
      }),
      ...asks.map(async (a, i) => {
        if (a.villageId !== null && !districts.has(key(a))) out.set(i, (await figuresRows(a.villageId, a.from, a.to, a.now))[0]!)
      })
    ])
    return asks.map((_a, i) => out.get(i)!)
  })
  const putSignupDoc = (d: Docs, s: StoredSignup) => signupRef(d, s.activityId, s.openid).set({ data: storedFields({ ...s, codeFailures: s.codeFailures ?? 0, codeLockedUntil: s.codeLockedUntil ?? null }) })
  const activities = () => docs.query(C.activities)
  /**
   * A drive's ledger as it concerns `openid`, with their signup (one round trip): the drive's
   * counts, whether `openid` holds a place or waits (`holders`, `waitlist`: their own entries
   * only) and the first waiting (`first`). The server cuts the lists down (an aggregation, one call
   * like a read by id): a drive of 100 places with 900 waiting is a document of some 50 KB, and
   * every signup read it whole, twice — the 1,000 signups at once of issue 22 spent their time
   * decoding it (bench/hot.ts).
   */
  const ledger = async (activityId: string, openid = '') => {
    const [rows, s] = await Promise.all([
      activities().aggregate().match({ _id: activityId })
        .addFields({
          mine: $.filter!({ input: $.ifNull!(['$holders', []]), as: 'h', cond: $.eq!(['$$h', openid]) }),
          waiting: $.filter!({ input: $.ifNull!(['$waitlist', []]), as: 'w', cond: $.eq!(['$$w.openid', openid]) }),
          first: $.slice!([$.ifNull!(['$waitlist', []]), 1]),
          named: $.isArray!('$holders')
        })
        .project({ holders: 0, waitlist: 0 })
        .limit(1).end(),
      openid ? getDoc(signupRef(docs, activityId, openid)) : null
    ])
    const a = (rows.list[0] as Doc | undefined) ?? null
    return {
      a, s: s ? toSignup(s) : null,
      holders: (a?.mine as string[] | undefined) ?? [], waitlist: (a?.waiting as Waiting[] | undefined) ?? [],
      first: ((a?.first as Waiting[] | undefined) ?? [])[0] ?? null,
      /** drives stored before the ledger had `holders` (their places are counted but not named) */
      legacy: a != null && a.named !== true
    }
  }
  const budget = () => {
    const deadline = Date.now() + TRANSACTION_BUDGET_MS
    return () => {
      if (Date.now() > deadline) throw new Error('DATABASE_BUSY: the drive kept changing for the whole budget; please retry')
    }
  }
  const fresh = (activityId: string, openid: string, at: Date, status: SignupStatus, seq: number, before: StoredSignup | null): StoredSignup => ({
    activityId, openid, status, seq, signedUpAt: before && before.status !== 'cancelled' ? before.signedUpAt : at, checkInAt: null, checkOutAt: null, minutes: 0
  })
  const ACTIVE: SignupStatus[] = ['confirmed', 'waitlisted', 'checkedIn', 'completed']

  /** Gives free places to the first waitlisted, one conditional update each: only the update that sees them first moves them. */
  const fill = async (activityId: string): Promise<string[]> => {
    const promoted: string[] = []
    const inTime = budget()
    for (;;) {
      inTime()
      const { a, first } = await ledger(activityId)
      if (!a || a.cancelled === true || !first || Number(a.confirmedCount) >= Number(a.capacity)) return promoted
      const { stats } = await activities().where({ _id: activityId, cancelled: false, capacity: Number(a.capacity), confirmedCount: _.lt(Number(a.capacity)), 'waitlist.0.openid': first.openid, holders: _.neq(first.openid) })
        .update({ data: { confirmedCount: _.inc(1), waitlistCount: _.inc(-1), holders: _.push([first.openid]), waitlist: _.shift() } })
      if (!stats.updated) continue
      // the promoted signup follows (a cancellation of it meanwhile is left alone: it frees the place again)
      await docs.query(C.signups).where({ _id: `${activityId}_${first.openid}`, status: 'waitlisted' }).update({ data: { status: 'confirmed' } })
      promoted.push(first.openid)
    }
  }

  const join = async (activityId: string, openid: string, at: Date): Promise<StoredSignup | null> => {
    const inTime = budget()
    for (;;) {
      inTime()
      const { a, s, holders, waitlist, legacy } = await ledger(activityId, openid)
      if (!a) throw new Error(`no drive ${activityId}`)
      const waiting = waitlist.find((w) => w.openid === openid)
      if (holders.includes(openid)) {
        // a place is held: the signup says so (the write of an earlier attempt may have been lost)
        if (s && s.status !== 'waitlisted' && s.status !== 'cancelled') return s
        const next = { ...fresh(activityId, openid, at, 'confirmed', 0, s), ...(s && s.status === 'waitlisted' ? { signedUpAt: s.signedUpAt } : {}) }
        await putSignupDoc(docs, next)
        return next
      }
      if (waiting) {
        if (s?.status === 'waitlisted') return s
        const next = fresh(activityId, openid, at, 'waitlisted', waiting.seq, s)
        await putSignupDoc(docs, next)
        return next
      }
      if (s && (s.status === 'checkedIn' || s.status === 'completed' || (legacy && ACTIVE.includes(s.status)))) return s
      if (a.cancelled === true) return null
      const capacity = Number(a.capacity)
      if (Number(a.confirmedCount) < capacity && Number(a.waitlistCount) === 0) {
        const { stats } = await activities().where({ _id: activityId, cancelled: false, capacity, confirmedCount: _.lt(capacity), waitlistCount: 0, holders: _.neq(openid) })
          .update({ data: { confirmedCount: _.inc(1), holders: _.push([openid]) } })
        if (!stats.updated) continue // the place went to someone else first, or the drive changed: read again
        const next = fresh(activityId, openid, at, 'confirmed', 0, null)
        await putSignupDoc(docs, next)
        return next
      }
      const seq = at.getTime()
      const { stats } = await activities().where({ _id: activityId, cancelled: false, holders: _.neq(openid), 'waitlist.openid': _.neq(openid) })
        .update({ data: { waitlistCount: _.inc(1), waitlist: _.push([{ openid, seq }]) } })
      if (!stats.updated) continue
      const next = fresh(activityId, openid, at, 'waitlisted', seq, null)
      await putSignupDoc(docs, next)
      // a place freed while this one joined the waitlist goes to the first waiting (perhaps this one)
      const promoted = await fill(activityId)
      return promoted.includes(openid) ? { ...next, status: 'confirmed' } : next
    }
  }

  const leave = async (activityId: string, openid: string): Promise<{ signup: StoredSignup; promoted: string[] } | null> => {
    const inTime = budget()
    for (;;) {
      inTime()
      const { a, s, holders, waitlist, legacy } = await ledger(activityId, openid)
      if (!a || !s || (s.status !== 'confirmed' && s.status !== 'waitlisted')) return null
      if (holders.includes(openid)) {
        const { stats } = await activities().where({ _id: activityId, holders: openid }).update({ data: { confirmedCount: _.inc(-1), holders: _.pull(openid) } })
        if (!stats.updated) continue
      } else if (waitlist.some((w) => w.openid === openid)) {
        const { stats } = await activities().where({ _id: activityId, 'waitlist.openid': openid }).update({ data: { waitlistCount: _.inc(-1), waitlist: _.pull({ openid }) } })
        if (!stats.updated) continue
      } else if (legacy) {
        await activities().where({ _id: activityId }).update({ data: s.status === 'confirmed' ? { confirmedCount: _.inc(-1) } : { waitlistCount: _.inc(-1) } })
      } // else: given up by an earlier attempt whose signup write was lost
      const signup: StoredSignup = { ...s, status: 'cancelled' }
      await putSignupDoc(docs, signup)
      return { signup, promoted: await fill(activityId) }
    }
  }

  const perUser = async (from: Date, to: Date, limit: number) =>
    (await credited(from, to).group({ _id: '$openid', minutes: $.sum!('$minutes') }).sort({ minutes: -1, _id: 1 }).limit(limit).end()).list
      .map((r) => ({ openid: String(r._id), minutes: Number(r.minutes) }))
  return {
    insertActivity: async (a) => {
      const { id, remindedAt, ...rest } = a
      // no `remindedAt` until the reminder went out (the reminder query looks for its absence)
      await docs.doc(C.activities, id).set({ data: { ...storedFields(rest), ...(remindedAt ? { remindedAt: remindedAt.getTime() } : {}), holders: [], waitlist: [] } })
    },
    getActivity: async (id) => {
      const d = await activityDoc(id)
      return d ? toActivity({ ...d, _id: id }) : null
    },
    getActivities: async (ids) => {
      const unique = [...new Set(ids)]
      if (!unique.length) return []
      return (await docs.query(C.activities).where({ _id: _.in(unique) }).limit(Math.min(unique.length, 1000)).get()).data.map(toActivity)
    },
    updateActivity: async (id, patch) => {
      // a drive's outcomes are stored with their times as epoch milliseconds, like every date
      const outcomes = patch.outcomes?.map((o) => ({ ...o, recordedAt: o.recordedAt.getTime() }))
      const data = updateFields(db, { ...patch, ...(outcomes ? { outcomes } : {}) } as Record<string, unknown>)
      if (Object.keys(data).length) await docs.doc(C.activities, id).update({ data })
    },
    /** Upcoming drives (soonest first) then ended ones (latest first); cursor `u:<n>` or `e:<n>`, at most two queries a page. */
    listActivities: async (filter, cursor, limit) => {
      const now = filter.now.getTime()
      const village = filter.villageId ? { villageId: filter.villageId } : {}
      const [phase, n] = /^([ue]):(\d+)$/.exec(cursor ?? '')?.slice(1) ?? ['u', '0']
      const offset = Number(n)
      const items: StoredActivity[] = []
      if (phase === 'u') {
        const { data } = await docs.query(C.activities).where({ ...village, endAt: _.gt(now) }).orderBy('startAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit + 1).get()
        if (data.length > limit) return { items: data.slice(0, limit).map(toActivity), nextCursor: `u:${offset + limit}` }
        items.push(...data.map(toActivity))
      }
      const from = phase === 'e' ? offset : 0
      const need = limit - items.length
      const { data } = await docs.query(C.activities).where({ ...village, endAt: _.lte(now) }).orderBy('startAt', 'desc').orderBy('_id', 'desc').skip(from).limit(need + 1).get()
      items.push(...data.slice(0, need).map(toActivity))
      return { items, nextCursor: data.length > need ? `e:${from + need}` : null }
    },
    getSignup: async (activityId, openid) => {
      const d = await getDoc(signupRef(docs, activityId, openid))
      return d ? toSignup(d) : null
    },
    /** The signup document as given (places and the waitlist change only through join, leave and fill). */
    putSignup: async (s) => void (await putSignupDoc(docs, s)),
    join,
    leave,
    fill,
    /** The waitlisted in the drive's waitlist order (its ledger, read when anyone waits). */
    signupsOf: async (activityId) => {
      const order = (s: StoredSignup) => (s.status === 'waitlisted' ? 1 : s.status === 'cancelled' ? 2 : 0)
      const rows = await getAll(docs, _, C.signups, { activityId })
      const a = rows.some((r) => r.status === 'waitlisted') ? await activityDoc(activityId) : null
      const place = new Map(((a?.waitlist as Waiting[] | undefined) ?? []).map((w, i) => [w.openid, i]))
      const inLine = (s: StoredSignup) => (s.status === 'waitlisted' ? place.get(s.openid) ?? Number.MAX_SAFE_INTEGER : 0)
      return rows.map(toSignup)
        .sort((x, y) => order(x) - order(y) || inLine(x) - inLine(y) || x.seq - y.seq || x.signedUpAt.getTime() - y.signedUpAt.getTime() || x.openid.localeCompare(y.openid))
    },
    firstWaitlisted: async (activityId) => {
      const first = ((await activityDoc(activityId))?.waitlist as Waiting[] | undefined)?.[0]
      if (!first) return null
      const d = await getDoc(signupRef(docs, activityId, first.openid))
      return d ? toSignup(d) : null
    },
    waitlistAhead: async (activityId, seq, openid) => {
      const waitlist = ((await activityDoc(activityId))?.waitlist as Waiting[] | undefined) ?? []
      const at = waitlist.findIndex((w) => w.openid === openid)
      return at >= 0 ? at : waitlist.filter((w) => w.seq < seq || (w.seq === seq && w.openid < openid)).length
    },
    signupsOfUser: async (openid, cursor, limit) => {
      const page = await keysetPage(docs, _, C.signups, [{ openid }], 'signedUpAt', cursor, limit)
      return { items: page.items.map(toSignup), nextCursor: page.nextCursor }
    },
    // a drive's reminder sets `remindedAt`; drives never reminded have no such field
    toRemind: async (from, to, limit) =>
      (await docs.query(C.activities).where({ cancelled: false, remindedAt: _.exists(false), startAt: _.and([_.gte(from.getTime()), _.lt(to.getTime())]) }).orderBy('startAt', 'asc').limit(Math.min(limit, 1000)).get()).data.map(toActivity),
    /** One aggregation: checked-in signups joined to their drive, those ended kept with the drive's times. */
    checkedInEndedBy: async (now, limit, openid) =>
      (await docs.query(C.signups).aggregate()
        .match({ status: 'checkedIn', ...(openid ? { openid } : {}) })
        .lookup({ from: docs.name(C.activities), localField: 'activityId', foreignField: '_id', as: 'activity' })
        .unwind('$activity')
        .match({ 'activity.endAt': _.lte(now.getTime()) })
        .sort({ 'activity.endAt': 1, _id: 1 })
        .limit(Math.min(limit, 1000))
        .end()).list.map((d) => {
        const a = d.activity as Doc
        return { signup: toSignup(d), startAt: new Date(Number(a.startAt)), endAt: new Date(Number(a.endAt)) }
      }),
    setNoShow: async (activityId, openid, noShow) => void (await signupRef(docs, activityId, openid).update({ data: { noShow } })),
    /** One aggregation: the no-shows of these volunteers, counted per volunteer. */
    noShowsOf: async (openids) => {
      const unique = [...new Set(openids)]
      if (!unique.length) return new Map<string, number>()
      const { list } = await docs.query(C.signups).aggregate().match({ openid: _.in(unique), noShow: true }).group({ _id: '$openid', n: _.aggregate.sum!(1 as never) }).limit(1000).end()
      return new Map(list.map((g) => [String(g._id), Number(g.n)]))
    },
    minutesByUser: async (from, to, limit) => {
      if (from || to) return perUser(from ?? new Date(0), to ?? new Date(8.64e15), limit)
      const { data } = await docs.query(C.users).where({ volunteerMinutes: _.gt(0) }).orderBy('volunteerMinutes', 'desc').orderBy('_id', 'asc').limit(limit).get()
      return data.map((u) => ({ openid: String(u._id), minutes: Number(u.volunteerMinutes), ...(typeof u.nickname === 'string' ? { nickname: u.nickname } : {}) }))
    },
    /** All time: the users' own totals (one query); a period: one aggregation of their credited signups. */
    minutesOfUsers: async (openids, from, to) => {
      const unique = [...new Set(openids)].slice(0, 1000)
      if (!unique.length) return new Map()
      if (!from && !to) {
        const { data } = await docs.query(C.users).where({ _id: _.in(unique) }).limit(unique.length).get()
        return new Map(data.map((u) => [String(u._id), Number(u.volunteerMinutes ?? 0)]))
      }
      const { list } = await credited(from, to, { openid: _.in(unique) }).group({ _id: '$openid', minutes: $.sum!('$minutes') }).limit(unique.length).end()
      return new Map(list.map((r) => [String(r._id), Number(r.minutes)]))
    },
    usersAbove: async (minutes, from, to) => {
      if (!from && !to) return (await docs.query(C.users).where({ volunteerMinutes: _.gt(minutes) }).count()).total
      const { list } = await credited(from, to).group({ _id: '$openid', minutes: $.sum!('$minutes') }).match({ minutes: _.gt(minutes) }).group({ _id: null, n: $.sum!(1) }).limit(1).end()
      return Number(list[0]?.n ?? 0)
    },
    completedCount: async (openid) => (await docs.query(C.signups).where({ openid, status: 'completed' }).count()).total,
    /** One aggregation: the drives held (by their village), each joined to its signups for the minutes credited on it. */
    driveFigures: (villageId, from, to, now) => figuresOf({ villageId, from: from.getTime(), to: to.getTime(), now: now.getTime() }),
    /** The same pipeline grouped by the drives' village: one aggregation per 1000 villages with drives. */
    driveFiguresByVillage: async (from, to, now) => {
      const list = await allGroups(() => docs.query(C.activities).aggregate()
        .match({ cancelled: false, startAt: _.and([_.gte(from.getTime()), _.lt(Math.min(to.getTime(), now.getTime() + 1))]) })
        .lookup({ from: docs.name(C.signups), localField: '_id', foreignField: 'activityId', as: 'signups' })
        .project({ villageId: 1, fixed: $.ifNull!(['$fixedCount', 0]), minutes: driveMinutes(now) })
        .group({ _id: '$villageId', drives: $.sum!(1), fixed: $.sum!('$fixed'), minutes: $.sum!('$minutes') }))
      return list.map((r) => ({ villageId: String(r._id), drives: Number(r.drives ?? 0), minutes: Number(r.minutes ?? 0), fixed: Number(r.fixed ?? 0) }))
    },
    saveCertificate: async (c) => {
      const { number, ...rest } = c
      await docs.doc(C.certificates, number).set({ data: storedFields({ ...rest }) })
    },
    getCertificate: async (number) => {
      const d = await getDoc(docs.doc(C.certificates, number))
      return d ? toCertificate({ ...d, _id: number }) : null
    },
    latestCertificate: async (openid) => {
      const { data } = await docs.query(C.certificates).where({ openid }).orderBy('issuedAt', 'desc').limit(1).get()
      return data[0] ? toCertificate(data[0]) : null
    },
    /** 账号注销: each signup re-keyed to the anonymous id, with its place on the drive's waitlist, one transaction each. */
    reassignUser: async (from, to) => {
      for (const c of await getAll(docs, _, C.certificates, { openid: from })) await docs.doc(C.certificates, String(c._id)).update({ data: { openid: to } })
      const rows = await getAll(docs, _, C.signups, { openid: from })
      for (const row of rows) {
        await docs.withTransaction(async (t) => {
          const s = toSignup(row)
          await t.doc(C.signups, String(row._id)).remove()
          await signupRef(t, s.activityId, to).set({ data: storedFields({ ...s, openid: to, codeFailures: s.codeFailures ?? 0, codeLockedUntil: s.codeLockedUntil ?? null }) })
          const activity = await getDoc(t.doc(C.activities, s.activityId))
          const waitlist = (activity?.waitlist as Waiting[] | undefined) ?? []
          const holders = (activity?.holders as string[] | undefined) ?? []
          if (waitlist.some((w) => w.openid === from) || holders.includes(from)) {
            await t.doc(C.activities, s.activityId).update({ data: {
              waitlist: _.set(waitlist.map((w) => (w.openid === from ? { ...w, openid: to } : w))),
              ...(Array.isArray(activity?.holders) ? { holders: _.set(holders.map((h) => (h === from ? to : h))) } : {})
            } })
          }
        })
      }
      return rows.length
    }
  }
}
