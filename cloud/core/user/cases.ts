import { logOperation } from '../oplog'
import type { MyData } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict } from '../errors'
import { newId } from '../ids'
import { isoLocal } from '../time'

/** How many of the user's records of each kind are listed at most. */
const MOST = 1000

/** Every item of a paged list, 50 a page, at most MOST. */
async function everything<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = []
  for (let cursor: string | undefined; all.length < MOST; ) {
    const p = await page(cursor)
    all.push(...p.items)
    if (!p.nextCursor) break
    cursor = p.nextCursor
  }
  return all
}

/** 个人信息保护法: what the district holds about the caller — profile, cases, drive signups, messages. */
export async function myData(ctx: Ctx): Promise<MyData> {
  const iso = (d: Date) => isoLocal(d, ctx.config)
  const me = ctx.user.openid
  const [reports, signups, messages] = await Promise.all([
    everything((cursor) => ctx.store.reports.listByUser(me, cursor, 50)),
    everything((cursor) => ctx.store.volunteer.signupsOfUser(me, cursor, 50)),
    everything((cursor) => ctx.store.messages.list(me, cursor, 50))
  ])
  const drives = new Map((await ctx.store.volunteer.getActivities(signups.map((s) => s.activityId))).map((a) => [a.id, a.title]))
  return {
    user: ctx.user,
    reports: reports.map((r) => ({ id: r.id, category: r.category, description: r.description, status: r.status, createdAt: iso(r.createdAt), anonymous: r.anonymous })),
    signups: signups.map((s) => ({ activityId: s.activityId, title: drives.get(s.activityId) ?? '', status: s.status, minutes: s.minutes, signedUpAt: iso(s.signedUpAt) })),
    messages: messages.length
  }
}

/**
 * 账号注销 of a resident: the cases (with their supports) and drive signups stay for the record
 * under a new anonymous id that nothing maps back to the person; the messages and the profile
 * (nickname, home village, points, hours) are deleted; the 积分 ledger's entries and
 * the 积分超市's redemptions (named 已注销用户) stay under the alias, the one-time codes go. Staff and admins are handled by an admin.
 * The profile goes last, so a deletion that stops halfway can be asked for again. The audit trail
 * of who did what (report_events) is kept, as the 纪委's record (docs/security.md).
 */
export async function deleteAccount(ctx: Ctx): Promise<{ deleted: true }> {
  if (ctx.user.role !== 'resident') throw conflict('工作人员和管理员的账号请由管理员撤销角色后再注销')
  const alias = `deleted-${newId()}`
  const cases = await ctx.store.reports.reassignUser(ctx.user.openid, alias)
  const signups = await ctx.store.volunteer.reassignUser(ctx.user.openid, alias)
  await ctx.store.points.reassignUser(ctx.user.openid, alias)
  await ctx.store.shop.reassignUser(ctx.user.openid, alias)
  await ctx.store.messages.removeAll(ctx.user.openid)
  await ctx.store.notices.removeAll(ctx.user.openid)
  await ctx.store.transaction(async (tx) => {
    await tx.users.remove(ctx.user.openid)
    // the log keeps that an account was deleted and what stayed, never who it was
    await logOperation(ctx, tx, 'user.delete', alias, null, { cases, signups }, { openid: null, name: '本人（已注销）' })
  })
  await ctx.store.counters.add('accounts:deleted', 1)
  ctx.log('account deleted (账号注销)', { alias, cases, signups })
  return { deleted: true }
}
