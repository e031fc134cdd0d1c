import type { UnitChannel } from '../../../types/user'
import type { Ctx, Deps } from '../context'
import type { Store } from '../ports'
import type { StoredReport } from '../report/ports'
import type { Notice } from '../report/model'
import { dispatcherUnitsOf } from '../report/model'
import { forbidden, invalid, notFound } from '../errors'
import { newId } from '../ids'
import { isoLocal } from '../time'
import { logOperation } from '../oplog'
import type { StoredChannel, StoredPost } from './ports'

/**
 * The units' own channels (issue 25): a unit (or the 文明办) sets a 企业微信 群机器人 webhook in
 * 基础数据; what its staff are told of new cases, dispatches, returns, 督办, reopenings, rework,
 * 工作提示 and 工作预警 is also posted to that group — markdown with the case's number, its place
 * as the 网格员 view names it (no reporter, no anonymous case's address), its deadline and a link
 * to the console. Posts are recorded with the change (outbox), sent after commit, at most 20 a
 * minute per robot (WeCom's limit), retried after a failure.
 */

/** The messages that are also posted to the unit's group. */
export const GROUP_KINDS: readonly string[] = [
  'report.filed', 'report.dispatched', 'report.transferred', 'report.returned', 'report.urged', 'report.reopened', 'report.rework', 'report.overdue', 'report.warned'
]
/** WeCom takes 20 messages a minute per robot. */
export const POSTS_PER_MINUTE = 20
/** WeCom's markdown content is at most 4096 bytes. */
const MAX_CONTENT_BYTES = 4096
/** Posts older than this are given up (like pushes). */
const GIVE_UP_MS = 24 * 3600_000
/** A claimed attempt is someone's for this long. */
const CLAIM_MS = 60_000
/** After the nth failure the post waits 1, 2, 4 … minutes (at most an hour). */
const retryAfter = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000

/** The webhook address as people copy it from the group's 机器人 settings. */
const WEBHOOK_URL = /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=([A-Za-z0-9-]{8,64})$/

/** The key of a webhook address, or INVALID_INPUT. */
export function keyOf(url: string): string {
  const m = WEBHOOK_URL.exec(url.trim())
  if (!m) throw invalid('请粘贴企业微信群机器人的 Webhook 地址（https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）', 'webhook')
  return m[1]!
}

/** The address as answered: the key's first and last four characters only. */
export const masked = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key.slice(0, 4)}****${key.slice(-4)}`

const channelAnswer = (deps: Pick<Deps, 'config'>, unitId: string, c: StoredChannel | undefined): UnitChannel => ({
  unitId, webhook: c ? masked(c.webhookKey) : null, updatedAt: c ? isoLocal(c.updatedAt, deps.config) : null
})

/** Who may set a unit's robot: admins any unit's, staff their own unit's. */
function mayManage(ctx: Ctx, unitId: string): boolean {
  return ctx.user.role === 'admin' || (ctx.user.role === 'staff' && ctx.user.unitId === unitId)
}

/** The channels the caller may see: admins every unit's, staff their own unit's. */
export async function unitChannels(ctx: Ctx): Promise<UnitChannel[]> {
  const [units, channels] = await Promise.all([ctx.store.directory.listUnits(), ctx.store.notices.channels()])
  return units.filter((u) => mayManage(ctx, u.id)).map((u) => channelAnswer(ctx, u.id, channels.find((c) => c.unitId === u.id)))
}

/** Sets (or, with null, removes) a unit's group robot; logged with the address masked. */
export async function setUnitWebhook(ctx: Ctx, input: { unitId: string; webhook: string | null }): Promise<UnitChannel> {
  if (!mayManage(ctx, input.unitId)) throw forbidden('只能设置本单位的企业微信群机器人')
  const unit = await ctx.store.directory.getUnit(input.unitId)
  if (!unit) throw notFound('单位不存在')
  const key = input.webhook === null ? null : keyOf(input.webhook)
  const [before] = await ctx.store.notices.channelsOf([input.unitId])
  const now = ctx.clock()
  await ctx.store.transaction(async (tx) => {
    await tx.notices.setChannel(input.unitId, key, now)
    await logOperation(ctx, tx, 'unit.webhook', input.unitId, before ? masked(before.webhookKey) : null, key ? masked(key) : null)
  })
  return channelAnswer(ctx, input.unitId, key ? { unitId: input.unitId, webhookKey: key, updatedAt: now } : undefined)
}

/** The units a notice reaches as groups: a unit's, or the dispatching units'. */
export function groupUnitsOf(to: Notice['to'], config: Deps['config']): string[] {
  if ('unit' in to) return [to.unit]
  if ('dispatchers' in to) return dispatcherUnitsOf(config)
  return []
}

/** Cuts text to at most `bytes` UTF-8 bytes, on a character. */
function clipBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text
  let out = ''
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > bytes) break
    out += ch
  }
  return `${out}…`
}

/** Markdown's special characters in what people wrote, made plain. */
const plain = (s: string) => s.replace(/[<>`*_[\]#]/g, ' ').replace(/\s+/g, ' ').trim()

/**
 * One post about a case: the title, the case's number, its label (as the caller named it for the
 * group: the 网格员 view, never the reporter), the deadline and a link to the console.
 */
export function casePost(deps: Pick<Deps, 'config'>, r: Pick<StoredReport, 'id' | 'dueAt' | 'kind'>, unitId: string, kind: string, title: string, label: string, text: string | null, now: Date): StoredPost {
  const lines = [
    `### ${plain(title)}`,
    `> 工单编号：${r.id}`,
    `> 事项：${plain(label)}`,
    ...(r.kind === 'praise' ? [] : [`> 办理期限：<font color="warning">${isoLocal(r.dueAt, deps.config).slice(0, 16).replace('T', ' ')}</font>`]),
    ...(text ? [`> 说明：${plain(text).slice(0, 200)}`] : []),
    ...(deps.config.consoleUrl ? [`[在管理后台查看](${deps.config.consoleUrl.replace(/\/+$/, '')}/#/cases/${r.id})`] : [])
  ]
  return { id: newId(), unitId, kind, content: clipBytes(lines.join('\n'), MAX_CONTENT_BYTES), createdAt: now, nextAt: now, attempts: 0, sentAt: null }
}

/** Records posts inside the caller's transaction (sent by `deliverPosts` after commit). */
export async function recordPosts(tx: Store, posts: StoredPost[]): Promise<StoredPost[]> {
  for (const post of posts) await tx.notices.insertPost(post)
  return posts
}

/**
 * Sends posts to their units' robots: those given (just committed), or every due one (the sweep).
 * Each is claimed before it is sent, so two senders never post one twice; at most 20 a minute
 * per robot (what is over waits for the next minute); a failure is tried again later, a post
 * whose unit no longer has a robot is settled unsent. Never throws.
 */
export async function deliverPosts(deps: Pick<Deps, 'store' | 'clock' | 'log' | 'webhook'>, given?: StoredPost[]): Promise<number> {
  if (!deps.webhook) return 0
  let sent = 0
  try {
    const now = deps.clock()
    const posts = given ?? (await deps.store.notices.duePosts(new Date(now.getTime() - GIVE_UP_MS), now, 200))
    if (!posts.length) return 0
    const units = [...new Set(posts.map((p) => p.unitId))]
    const channels = await deps.store.notices.channelsOf(units)
    for (const unitId of units) {
      const channel = channels.find((c) => c.unitId === unitId)
      const mine = posts.filter((p) => p.unitId === unitId)
      if (!channel) {
        for (const p of mine) await deps.store.notices.postSent(p.id, now) // the robot was removed: nothing to post to
        continue
      }
      let budget = POSTS_PER_MINUTE - (await deps.store.notices.sentSince(unitId, new Date(now.getTime() - 60_000)))
      for (const post of mine) {
        if (budget <= 0) break // the rest wait in the outbox for the next minute
        if (!(await deps.store.notices.claimPost(post.id, now, new Date(now.getTime() + CLAIM_MS)))) continue
        try {
          const answer = await deps.webhook.post(channel.webhookKey, { msgtype: 'markdown', markdown: { content: post.content } })
          if (answer.errcode !== 0) throw new Error(`WeCom errcode ${answer.errcode}: ${answer.errmsg}`)
          await deps.store.notices.postSent(post.id, deps.clock())
          budget--
          sent++
        } catch (error) {
          const attempts = post.attempts + 1
          await deps.store.notices.postFailed(post.id, attempts, new Date(now.getTime() + retryAfter(attempts)))
          deps.log('企业微信 group post failed; retried later', { unitId, attempts, error: String(error) })
          if (/errcode 45009/.test(String(error))) break // over WeCom's limit: this robot waits
        }
      }
    }
  } catch (error) {
    deps.log('企业微信 group posts not delivered; the sweep tries again', error)
  }
  return sent
}
