import type { MyData } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict } from '../errors'
import { newId } from '../ids'
import { isoLocal } from '../time'

/** How many of the user's cases and signups are listed (pages of 50 until none are left, at most this many). */
const MOST = 1000

/** 个人信息保护法: what the district holds about the caller — profile, cases, drive signups, messages. */
export async function myData(ctx: Ctx): Promise<MyData> {
  const iso = (d: Date) => isoLocal(d, ctx.config)
  const reports: MyData['reports'] = []
  for (let cursor: string | undefined; reports.length < MOST; ) {
    const page = await ctx.store.reports.listByUser(ctx.user.openid, cursor, 50)
    reports.push(...page.items.map((r) => ({ id: r.id, category: r.category, description: r.description, status: r.status, createdAt: iso(r.createdAt), anonymous: r.anonymous })))
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  const signups: MyData['signups'] = []
  for (let cursor: string | undefined; signups.length < MOST; ) {
    const page = await ctx.store.volunteer.signupsOfUser(ctx.user.openid, cursor, 50)
    const drives = new Map((await ctx.store.volunteer.getActivities(page.items.map((s) => s.activityId))).map((a) => [a.id, a.title]))
    signups.push(...page.items.map((s) => ({ activityId: s.activityId, title: drives.get(s.activityId) ?? '', status: s.status, minutes: s.minutes, signedUpAt: iso(s.signedUpAt) })))
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  let messages = 0
  for (let cursor: string | undefined; messages < MOST; ) {
    const page = await ctx.store.messages.list(ctx.user.openid, cursor, 50)
    messages += page.items.length
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return { user: ctx.user, reports, signups, messages }
}

/**
 * 账号注销 of a resident: the cases (with their supports) and drive signups stay for the record
 * under a new anonymous id that nothing maps back to the person; the messages and the profile
 * (nickname, home village, points, hours) are deleted. Staff and admins are handled by an admin.
 * The profile goes last, so a deletion that stops halfway can be asked for again. The audit trail
 * of who did what (report_events) is kept, as the 纪委's record (docs/security.md).
 */
export async function deleteAccount(ctx: Ctx): Promise<{ deleted: true }> {
  if (ctx.user.role !== 'resident') throw conflict('工作人员和管理员的账号请由管理员撤销角色后再注销')
  const alias = `deleted-${newId()}`
  const cases = await ctx.store.reports.reassignUser(ctx.user.openid, alias)
  const signups = await ctx.store.volunteer.reassignUser(ctx.user.openid, alias)
  await ctx.store.messages.removeAll(ctx.user.openid)
  await ctx.store.users.remove(ctx.user.openid)
  await ctx.store.counters.add('accounts:deleted', 1)
  ctx.log('account deleted (账号注销)', { alias, cases, signups })
  return { deleted: true }
}
