import type { SignupStatus } from '../../../types/volunteer'
import type { StoredActivity, StoredCertificate, StoredSignup, VolunteerRepo } from '../../core/volunteer/ports'
import { allGroups, COLLECTIONS as C, getAll, getDoc, keysetPage, storedFields, updateFields, type Database, type Doc } from './db'
import type { Docs } from './docs'

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
  codeFailures: Number(d.codeFailures ?? 0), codeLockedUntil: d.codeLockedUntil == null ? null : new Date(Number(d.codeLockedUntil))
})

/**
 * Volunteer drives on CloudBase. The activity document is the counter: confirmedCount,
 * waitlistCount and the ordered waitlist (`[{ openid, seq }]`) live on it, so signup, cancel and
 * promotion change it with single-document reads and writes inside one transaction. Signups are
 * documents with id `<activityId>_<openid>`. Figures over many signups (the month's leaderboard,
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
  const perUser = async (from: Date, to: Date, limit: number) =>
    (await credited(from, to).group({ _id: '$openid', minutes: $.sum!('$minutes') }).sort({ minutes: -1, _id: 1 }).limit(limit).end()).list
      .map((r) => ({ openid: String(r._id), minutes: Number(r.minutes) }))
  return {
    insertActivity: async (a) => {
      const { id, remindedAt, ...rest } = a
      // no `remindedAt` until the reminder went out (the reminder query looks for its absence)
      await docs.doc(C.activities, id).set({ data: { ...storedFields(rest), ...(remindedAt ? { remindedAt: remindedAt.getTime() } : {}), waitlist: [] } })
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
    /** Keeps the activity's ordered waitlist in step with the signup's status (by-id writes, in one transaction). */
    putSignup: (s) =>
      docs.withTransaction(async (d) => {
        const ref = signupRef(d, s.activityId, s.openid)
        const before = await getDoc(ref)
        await ref.set({ data: storedFields({ ...s, codeFailures: s.codeFailures ?? 0, codeLockedUntil: s.codeLockedUntil ?? null }) })
        const was = before?.status === 'waitlisted'
        const is = s.status === 'waitlisted'
        if (was === is) return
        const activity = await getDoc(d.doc(C.activities, s.activityId))
        const waitlist = ((activity?.waitlist as Waiting[]) ?? []).filter((w) => w.openid !== s.openid)
        if (is) waitlist.push({ openid: s.openid, seq: s.seq })
        waitlist.sort((x, y) => x.seq - y.seq)
        await d.doc(C.activities, s.activityId).update({ data: { waitlist: _.set(waitlist) } })
      }),
    signupsOf: async (activityId) => {
      const order = (s: StoredSignup) => (s.status === 'waitlisted' ? 1 : s.status === 'cancelled' ? 2 : 0)
      return (await getAll(docs, _, C.signups, { activityId })).map(toSignup)
        .sort((x, y) => order(x) - order(y) || x.seq - y.seq || x.signedUpAt.getTime() - y.signedUpAt.getTime() || x.openid.localeCompare(y.openid))
    },
    firstWaitlisted: async (activityId) => {
      const first = ((await activityDoc(activityId))?.waitlist as Waiting[] | undefined)?.[0]
      if (!first) return null
      const d = await getDoc(signupRef(docs, activityId, first.openid))
      return d ? toSignup(d) : null
    },
    waitlistAhead: async (activityId, seq) => (((await activityDoc(activityId))?.waitlist as Waiting[] | undefined) ?? []).filter((w) => w.seq < seq).length,
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
    minutesByUser: async (from, to, limit) => {
      if (from || to) return perUser(from ?? new Date(0), to ?? new Date(8.64e15), limit)
      const { data } = await docs.query(C.users).where({ volunteerMinutes: _.gt(0) }).orderBy('volunteerMinutes', 'desc').orderBy('_id', 'asc').limit(limit).get()
      return data.map((u) => ({ openid: String(u._id), minutes: Number(u.volunteerMinutes) }))
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
    driveFigures: async (villageId, from, to, now) => {
      const { list } = await docs.query(C.activities).aggregate()
        .match({ ...(villageId === null ? {} : { villageId }), cancelled: false, startAt: _.and([_.gte(from.getTime()), _.lt(Math.min(to.getTime(), now.getTime() + 1))]) })
        .lookup({ from: docs.name(C.signups), localField: '_id', foreignField: 'activityId', as: 'signups' })
        .project({ fixed: $.ifNull!(['$fixedCount', 0]), minutes: driveMinutes(now) })
        .group({ _id: null, drives: $.sum!(1), fixed: $.sum!('$fixed'), minutes: $.sum!('$minutes') })
        .limit(1)
        .end()
      const r = list[0]
      return { drives: Number(r?.drives ?? 0), minutes: Number(r?.minutes ?? 0), fixed: Number(r?.fixed ?? 0) }
    },
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
          if (waitlist.some((w) => w.openid === from)) {
            await t.doc(C.activities, s.activityId).update({ data: { waitlist: _.set(waitlist.map((w) => (w.openid === from ? { ...w, openid: to } : w))) } })
          }
        })
      }
      return rows.length
    }
  }
}
