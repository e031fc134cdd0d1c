import type { SignupStatus } from '../../../types/volunteer'
import type { StoredActivity, StoredSignup, VolunteerRepo } from '../../core/volunteer/ports'
import { getAll, getDoc, type Database, type Doc, type DocRef } from './db'

export const VOLUNTEER = { activities: 'activities', signups: 'signups' } as const
const A = VOLUNTEER.activities
const S = VOLUNTEER.signups

type Waiting = { openid: string; seq: number }

const toActivity = (d: Doc): StoredActivity => ({
  id: String(d._id), title: d.title as string, description: d.description as string, villageId: d.villageId as string, address: d.address as string,
  startAt: new Date(Number(d.startAt)), endAt: new Date(Number(d.endAt)), capacity: Number(d.capacity), confirmedCount: Number(d.confirmedCount),
  waitlistCount: Number(d.waitlistCount), waitlistSeq: Number(d.waitlistSeq), signupDeadline: new Date(Number(d.signupDeadline)),
  cancelled: d.cancelled === true, cancelReason: (d.cancelReason as string | null) ?? null, organizerOpenid: d.organizerOpenid as string,
  checkinCode: d.checkinCode as string, reportIds: (d.reportIds as string[]) ?? [],
  latitude: typeof d.latitude === 'number' ? d.latitude : null, longitude: typeof d.longitude === 'number' ? d.longitude : null,
  createdAt: new Date(Number(d.createdAt))
})
const toSignup = (d: Doc): StoredSignup => ({
  activityId: d.activityId as string, openid: d.openid as string, status: d.status as SignupStatus, seq: Number(d.seq ?? 0),
  signedUpAt: new Date(Number(d.signedUpAt)), checkInAt: d.checkInAt == null ? null : new Date(Number(d.checkInAt)),
  checkOutAt: d.checkOutAt == null ? null : new Date(Number(d.checkOutAt)), minutes: Number(d.minutes ?? 0)
})
const fromDates = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))

/**
 * Volunteer drives on CloudBase. The activity document is the counter: confirmedCount,
 * waitlistCount and the ordered waitlist (`[{ openid, seq }]`) live on it, so signup, cancel and
 * promotion change it with single-document reads and writes inside one transaction. Signups are
 * documents with id `<activityId>_<openid>`. Aggregates (leaderboard, village hours) read the
 * credited signups outside transactions.
 */
export function cloudbaseVolunteer(db: Database, doc: (collection: string, id: string) => DocRef): VolunteerRepo {
  const signupRef = (activityId: string, openid: string) => doc(S, `${activityId}_${openid}`)
  const activityDoc = (id: string) => getDoc(doc(A, id))
  const credited = async (from: Date | null, to: Date | null) => {
    const rows = (await getAll(db.collection(S).where({ minutes: db.command.gt(0) }))).map(toSignup)
    if (!from && !to) return rows
    const starts = new Map<string, number>()
    for (const id of new Set(rows.map((r) => r.activityId))) starts.set(id, Number((await getDoc(db.collection(A).doc(id)))?.startAt ?? 0))
    return rows.filter((r) => (!from || starts.get(r.activityId)! >= from.getTime()) && (!to || starts.get(r.activityId)! < to.getTime()))
  }
  const byUser = (rows: StoredSignup[]) => {
    const m = new Map<string, number>()
    for (const r of rows) m.set(r.openid, (m.get(r.openid) ?? 0) + r.minutes)
    return m
  }
  return {
    insertActivity: async (a) => {
      const { id, ...rest } = a
      await doc(A, id).set({ data: { ...fromDates(rest), waitlist: [] } })
    },
    getActivity: async (id) => {
      const d = await activityDoc(id)
      return d ? toActivity({ ...d, _id: id }) : null
    },
    updateActivity: async (id, patch) => {
      const data = fromDates(patch as Record<string, unknown>)
      if (Object.keys(data).length) await doc(A, id).update({ data })
    },
    listActivities: async (filter, cursor, limit) => {
      const offset = Math.max(0, Number(cursor) || 0)
      const now = filter.now.getTime()
      const base = () => (filter.villageId ? db.collection(A).where({ villageId: filter.villageId }) : db.collection(A))
      const upcoming = (await getAll(base().where({ endAt: db.command.gt(now) }).orderBy('startAt', 'asc'))).map((d) => toActivity(d))
      const ended = (await getAll(base().where({ endAt: db.command.lte(now) }).orderBy('startAt', 'desc'))).map((d) => toActivity(d))
      const all = [...upcoming, ...ended]
      return { items: all.slice(offset, offset + limit), nextCursor: all.length > offset + limit ? String(offset + limit) : null }
    },
    getSignup: async (activityId, openid) => {
      const d = await getDoc(signupRef(activityId, openid))
      return d ? toSignup(d) : null
    },
    /** Keeps the activity's ordered waitlist in step with the signup's status (by-id writes only). */
    putSignup: async (s) => {
      const before = await getDoc(signupRef(s.activityId, s.openid))
      await signupRef(s.activityId, s.openid).set({ data: fromDates({ ...s }) })
      const was = before?.status === 'waitlisted'
      const is = s.status === 'waitlisted'
      if (was === is) return
      const activity = await activityDoc(s.activityId)
      const waitlist = ((activity?.waitlist as Waiting[]) ?? []).filter((w) => w.openid !== s.openid)
      if (is) waitlist.push({ openid: s.openid, seq: s.seq })
      waitlist.sort((x, y) => x.seq - y.seq)
      await doc(A, s.activityId).update({ data: { waitlist } })
    },
    signupsOf: async (activityId) => {
      const order = (s: StoredSignup) => (s.status === 'waitlisted' ? 1 : s.status === 'cancelled' ? 2 : 0)
      return (await getAll(db.collection(S).where({ activityId }))).map(toSignup)
        .sort((x, y) => order(x) - order(y) || x.seq - y.seq || x.signedUpAt.getTime() - y.signedUpAt.getTime() || x.openid.localeCompare(y.openid))
    },
    firstWaitlisted: async (activityId) => {
      const first = ((await activityDoc(activityId))?.waitlist as Waiting[] | undefined)?.[0]
      if (!first) return null
      const d = await getDoc(signupRef(activityId, first.openid))
      return d ? toSignup(d) : null
    },
    waitlistAhead: async (activityId, seq) => (((await activityDoc(activityId))?.waitlist as Waiting[] | undefined) ?? []).filter((w) => w.seq < seq).length,
    signupsOfUser: async (openid, cursor, limit) => {
      const offset = Math.max(0, Number(cursor) || 0)
      const { data } = await db.collection(S).where({ openid }).orderBy('signedUpAt', 'desc').skip(offset).limit(limit + 1).get()
      return { items: data.slice(0, limit).map(toSignup), nextCursor: data.length > limit ? String(offset + limit) : null }
    },
    checkedInEndedBy: async (now, limit) => {
      const rows = (await getAll(db.collection(S).where({ status: 'checkedIn' }))).map(toSignup)
      const out: StoredSignup[] = []
      for (const r of rows) {
        const a = await getDoc(db.collection(A).doc(r.activityId))
        if (a && Number(a.endAt) <= now.getTime()) out.push(r)
        if (out.length >= limit) break
      }
      return out
    },
    minutesByUser: async (from, to, limit) =>
      [...byUser(await credited(from, to))].map(([openid, minutes]) => ({ openid, minutes })).sort((x, y) => y.minutes - x.minutes || x.openid.localeCompare(y.openid)).slice(0, limit),
    minutesOfUser: async (openid, from, to) => byUser(await credited(from, to)).get(openid) ?? 0,
    usersAbove: async (minutes, from, to) => [...byUser(await credited(from, to)).values()].filter((m) => m > minutes).length,
    completedCount: async (openid) => (await db.collection(S).where({ openid, status: 'completed' }).count()).total,
    minutesOfVillageResidents: async (villageId, from, to) => {
      const residents = new Set((await getAll(db.collection('users').where({ villageId }))).map((u) => String(u._id)))
      return (await credited(from, to)).filter((r) => residents.has(r.openid)).reduce((sum, r) => sum + r.minutes, 0)
    }
  }
}
