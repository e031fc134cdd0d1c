import type { Deps } from '../context'
import { deliver } from '../messages'
import { startOfLocalDay } from '../report/rules'
import { isoLocal } from '../time'
import type { VillageFollow } from './ports'

const DAY_MS = 24 * 3600_000
const WEEK_MS = 7 * DAY_MS
/** Followers read per page (one indexed query each). */
const FOLLOWERS_PAGE = 500
/** Drives named in a summary at most. */
const DRIVES_SHOWN = 3

/** What a village's week holds for its followers: public figures only (no case, no reporter). */
export interface VillageWeek { villageId: string; villageName: string; received: number; resolved: number; drives: { id: string; title: string; startAt: Date }[] }

export const weeklyText = (w: VillageWeek, deps: Pick<Deps, 'config'>) => {
  const drives = w.drives.length
    ? `；近期活动：${w.drives.map((d) => `${isoLocal(d.startAt, deps.config).slice(5, 16).replace('T', ' ')} ${d.title}`).join('、')}`
    : '；近一周没有志愿活动'
  return `近一周新增问题 ${w.received} 件，办结 ${w.resolved} 件${drives}`
}

/**
 * The start of this week's summary, district time: the configured weekday (1 Monday … 7 Sunday)
 * and hour of the week `now` lies in, or of the week before while that hour has not come yet.
 */
export function summaryMoment(now: Date, at: { weekday: number; hour: number }, utcOffsetMinutes: number): Date {
  const dayStart = startOfLocalDay(now, utcOffsetMinutes)
  const weekday = new Date(dayStart.getTime() + utcOffsetMinutes * 60_000).getUTCDay() || 7
  let moment = dayStart.getTime() - ((weekday - at.weekday + 7) % 7) * DAY_MS + at.hour * 3600_000
  if (moment > now.getTime()) moment -= WEEK_MS
  return new Date(moment)
}

/**
 * The weekly summary of each followed village (issue 25): its new and fixed public cases of the
 * last seven days and its drives of the coming week, as ONE message to each follower (站内消息,
 * pushed where they agreed: kind `village.weekly`). Run by the deadline sweep (the `sla` timer) from
 * the configured weekday and hour for a day; once a week per village, whoever else sweeps at the
 * same time (a counter per village and week), so once a week per follower. Only figures and drive
 * titles: no case, reporter or address. Reads: the followers in pages (one indexed query each), per
 * followed village its month-figure aggregation and one page of its drives.
 */
export async function sendWeeklySummaries(deps: Deps): Promise<number> {
  const at = deps.config.weeklySummary
  if (!at) return 0
  const now = deps.clock()
  const moment = summaryMoment(now, at, deps.config.utcOffsetMinutes)
  // a sweep a day late sends nothing: last week's figures are not news
  if (now.getTime() - moment.getTime() >= DAY_MS) return 0
  const week = new Date(moment.getTime() + deps.config.utcOffsetMinutes * 60_000).toISOString().slice(0, 10)
  if ((await deps.store.counters.get(`weekly:${week}`)) > 0) return 0
  let sent = 0
  let after: VillageFollow | null = null
  let pending: VillageFollow[] = []
  const flush = async (follows: VillageFollow[]) => {
    const villageId = follows[0]!.villageId
    const village = await deps.store.directory.getRegion(villageId)
    if (!village || village.level !== 'village') return
    if (!(await deps.store.counters.take(`weekly:${villageId}:${week}`, 1))) return
    const from = new Date(now.getTime() - WEEK_MS)
    const [stats, drives] = await Promise.all([
      deps.store.reports.villageStats(villageId, from, now),
      deps.store.volunteer.listActivities({ villageId, now }, undefined, 10)
    ])
    const coming = drives.items.filter((d) => !d.cancelled && d.startAt > now && d.startAt.getTime() <= now.getTime() + WEEK_MS).slice(0, DRIVES_SHOWN)
    const text = weeklyText({ villageId, villageName: village.name, received: stats.received, resolved: stats.resolved, drives: coming }, deps)
    await deliver(deps, follows.map((f) => ({ openid: f.openid, kind: 'village.weekly', title: `${village.name}一周动态`, body: text, link: '/sub-ranking/village/index?id=' + encodeURIComponent(villageId) })))
    sent += follows.length
  }
  for (;;) {
    const page = await deps.store.notices.villageFollowers(after, FOLLOWERS_PAGE)
    for (const f of page) {
      if (pending.length && pending[0]!.villageId !== f.villageId) {
        await flush(pending)
        pending = []
      }
      pending.push(f)
    }
    if (page.length < FOLLOWERS_PAGE) break
    after = page.at(-1)!
  }
  if (pending.length) await flush(pending)
  await deps.store.counters.add(`weekly:${week}`, 1)
  return sent
}
