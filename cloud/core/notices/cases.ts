import type { z } from 'zod'
import { NOTICE_MUTES, type NoticeMute, type NoticeSettings, type userContract } from '../../../types/user'
import type { Ctx } from '../context'
import { invalid, notFound } from '../errors'

/** The templates the app may ask for (never which messages they carry: that is the server's). */
const publicTemplates = (ctx: Ctx) => (ctx.config.noticeTemplates ?? []).map(({ id, topic, kind, name }) => ({ id, topic, kind, name }))

/** 我的 → 消息设置: the district's templates and the caller's consents to them. */
export async function noticeSettings(ctx: Ctx): Promise<NoticeSettings> {
  const templates = publicTemplates(ctx)
  const [consents, mutes, followed, areas] = await Promise.all([
    ctx.store.notices.consents(ctx.user.openid), ctx.store.notices.mutesOf([ctx.user.openid]), ctx.store.notices.villagesFollowed(ctx.user.openid),
    ctx.store.notices.areasOf(ctx.user.openid)
  ])
  const regions = followed.length ? await ctx.store.directory.listRegions() : []
  return {
    areas: areas.map((a) => ({ id: a.id, latitude: a.latitude, longitude: a.longitude, radius: a.radius, categories: a.categories })),
    villages: followed.flatMap((id) => regions.filter((r) => r.id === id && r.level === 'village').map((r) => ({ id: r.id, name: r.name }))).sort((a, b) => a.id.localeCompare(b.id)),
    muted: (mutes.get(ctx.user.openid) ?? []).filter((t): t is NoticeMute => (NOTICE_MUTES as readonly string[]).includes(t)),
    templates,
    consents: consents
      .filter((c) => templates.some((t) => t.id === c.templateId))
      .map((c) => ({ templateId: c.templateId, kind: c.kind, status: c.status, remaining: c.kind === 'once' ? c.credits : null }))
  }
}

/**
 * Records the caller's answer to `wx.requestSubscribeMessage`: `accept` — one push more of a
 * one-time template, every push of a long-term one; `reject` and `ban` (the user turned the
 * mini-program's messages off) — none; `filter` (WeChat hid the request: a template of another
 * category) changes nothing. The template's kind is the config's, never the app's word.
 */
export async function noticeConsent(ctx: Ctx, input: z.output<(typeof userContract)['noticeConsent']['input']>): Promise<NoticeSettings> {
  const templates = ctx.config.noticeTemplates ?? []
  const answers = Object.entries(input.results)
  const unknown = answers.find(([id]) => !templates.some((t) => t.id === id))
  if (unknown) throw invalid('没有这个订阅消息模板', 'results')
  const now = ctx.clock()
  for (const [id, result] of answers) {
    if (result === 'filter') continue
    const template = templates.find((t) => t.id === id)!
    await ctx.store.notices.recordConsent(ctx.user.openid, id, template.kind, result === 'accept', now)
  }
  return noticeSettings(ctx)
}

/** 消息设置: stops or restarts a topic (`follow`: the progress of cases the caller pressed 我也遇到 on). */
export async function setNoticeMute(ctx: Ctx, input: { topic: NoticeMute; muted: boolean }): Promise<NoticeSettings> {
  await ctx.store.notices.setMute(ctx.user.openid, input.topic, input.muted)
  return noticeSettings(ctx)
}

/** Villages one may follow at most. */
export const MAX_VILLAGES_FOLLOWED = 10

/** 关注村居 (issue 25): follows (or stops following) a village — its weekly summary, once a week. */
export async function followVillage(ctx: Ctx, input: { villageId: string; follow: boolean }): Promise<NoticeSettings> {
  if (input.follow) {
    const village = await ctx.store.directory.getRegion(input.villageId)
    if (!village || village.level !== 'village') throw notFound('村居不存在')
    const followed = await ctx.store.notices.villagesFollowed(ctx.user.openid)
    if (!followed.includes(input.villageId) && followed.length >= MAX_VILLAGES_FOLLOWED) throw invalid(`最多关注 ${MAX_VILLAGES_FOLLOWED} 个村居`, 'villageId')
  }
  await ctx.store.notices.setVillageFollow(ctx.user.openid, input.villageId, input.follow, ctx.clock())
  return noticeSettings(ctx)
}
