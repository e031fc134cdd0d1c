import type { Deps } from '../context'
import { deliver } from '../messages'
import { startOfLocalDay } from '../report/rules'
import { isoLocal } from '../time'
import { deliverPosts } from './wecom'
import { newId } from '../ids'
import type { StoredPost } from './ports'

/** How many cases a digest counts of each kind at most (shown as 「200+」 beyond). */
const COUNT_CAP = 200
const DAY_MS = 24 * 3600_000

/** A unit's day: new in the last 24 hours, due by the end of today (not yet overdue), overdue, returned and urged in the last 24 hours. */
export interface UnitDigest { unitId: string; created: number; dueToday: number; overdue: number; returned: number; urged: number }

const shown = (n: number) => (n >= COUNT_CAP ? `${COUNT_CAP}+` : String(n))
export const digestText = (d: UnitDigest) =>
  `新增 ${shown(d.created)} 件，今日到期 ${shown(d.dueToday)} 件，已超期 ${shown(d.overdue)} 件；近一天退回 ${d.returned} 件，督办 ${d.urged} 次`

/**
 * The daily digest per unit (issue 25), at the district's `digestHour`: to the unit's staff (站内消息,
 * pushed where they agreed) and to its 企业微信 group when it has a robot. Run by the deadline sweep
 * (every minute locally, the `sla` timer in WeChat); once a day per unit (a counter taken per unit
 * and day), nothing for a unit with nothing to say. Reads: a fixed few per unit (its queue counts,
 * two bounded queue pages) and one aggregation of the day's 退回/督办 for all units.
 */
export async function sendDigests(deps: Deps): Promise<number> {
  if (deps.config.digestHour === null || deps.config.digestHour === undefined) return 0
  const now = deps.clock()
  const offset = deps.config.utcOffsetMinutes * 60_000
  const dayStart = startOfLocalDay(now, deps.config.utcOffsetMinutes)
  if (now.getTime() - dayStart.getTime() < deps.config.digestHour * 3600_000) return 0
  const date = new Date(dayStart.getTime() + offset).toISOString().slice(0, 10)
  if ((await deps.store.counters.get(`digest:${date}`)) > 0) return 0
  const [units, channels, steps] = await Promise.all([
    deps.store.directory.listUnits(), deps.store.notices.channels(), deps.store.reports.unitSteps(['return', 'urge'], new Date(now.getTime() - DAY_MS), now)
  ])
  const active = units.filter((u) => u.active !== false)
  const staff = await deps.store.users.staffOf(active.map((u) => u.id))
  let sent = 0
  for (const unit of active) {
    const people = staff.filter((s) => s.unitId === unit.id).map((s) => s.openid)
    const channel = channels.find((c) => c.unitId === unit.id)
    if (!people.length && !channel) continue
    const endOfToday = new Date(dayStart.getTime() + DAY_MS)
    const [counts, created, dueBy] = await Promise.all([
      deps.store.reports.queueCounts(unit.id, now),
      deps.store.reports.queue({ unitId: unit.id, createdFrom: new Date(now.getTime() - DAY_MS), createdTo: now }, undefined, COUNT_CAP),
      deps.store.reports.queue({ unitId: unit.id, overdueAt: endOfToday, urgent: true }, undefined, COUNT_CAP)
    ])
    const stepsOf = (action: string) => steps.filter((s) => s.unitId === unit.id && s.action === action).reduce((n, s) => n + s.n, 0)
    const digest: UnitDigest = {
      unitId: unit.id, created: created.items.length, overdue: counts.overdue,
      dueToday: dueBy.items.filter((r) => r.dueAt.getTime() >= now.getTime()).length, returned: stepsOf('return'), urged: stepsOf('urge')
    }
    if (!digest.created && !digest.dueToday && !digest.overdue && !digest.returned && !digest.urged) continue
    // once a day per unit, whoever else sweeps at the same time
    if (!(await deps.store.counters.take(`digest:${unit.id}:${date}`, 1))) continue
    const text = digestText(digest)
    await deliver(deps, people.map((openid) => ({ openid, kind: 'report.digest', title: `每日工单提醒（${unit.name}）`, body: text, link: '/sub-report/queue/index' })))
    if (channel) {
      const lines = [
        `### 每日工单提醒 · ${unit.name}`,
        `> 日期：${isoLocal(now, deps.config).slice(0, 10)}`,
        `> 新增：${shown(digest.created)} 件`,
        `> 今日到期：<font color="warning">${shown(digest.dueToday)}</font> 件`,
        `> 已超期：<font color="warning">${shown(digest.overdue)}</font> 件`,
        `> 近一天退回：${digest.returned} 件，督办：${digest.urged} 次`,
        ...(deps.config.consoleUrl ? [`[在管理后台查看](${deps.config.consoleUrl.replace(/\/+$/, '')}/#/cases)`] : [])
      ]
      const post: StoredPost = { id: newId(), unitId: unit.id, kind: 'report.digest', content: lines.join('\n'), createdAt: now, nextAt: now, attempts: 0, sentAt: null }
      await deps.store.notices.insertPost(post)
      await deliverPosts(deps, [post])
    }
    sent++
  }
  await deps.store.counters.add(`digest:${date}`, 1)
  return sent
}
