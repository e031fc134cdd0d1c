import type { Report } from '../../../types/report'
import type { Role } from '../../../types/common'
import type { Ctx, Deps } from '../context'
import { invalid, notFound } from '../errors'
import type { Store } from '../ports'
import type { StoredReport } from './ports'
import { act, actorOf, decideOrThrow } from './cases'

/**
 * Moderation before publication (issue 13). A case with photos is filed `pending`: its reporter
 * and staff see it at once, the public (feed, map, 点赞墙, nearby, `get` by others) only once
 * every photo passed the content check. Text is checked when it is written (msgSecCheck / the
 * word list), so a pending case waits for its photos only. A photo the check finds risky is kept
 * from public view (the case goes public without it); staff can hide a case or a photo with a
 * reason, and show a case again. Each of those is in the case's timeline; passing the check is not.
 */

export const NOT_PUBLIC = '这条随手拍尚未公开或已不予公开'

/** How long a case may wait for WeChat's verdict before its photos are submitted again. */
export const RESUBMIT_AFTER_MS = 30 * 60_000

/** After the case is written: asks for the check of its photos. A failure is logged; the sweep asks again. */
export async function submitForCheck(deps: Pick<Deps, 'mediaCheck' | 'log'>, r: Pick<StoredReport, 'id' | 'openid' | 'uncheckedPhotos' | 'moderation'>): Promise<void> {
  if (r.moderation !== 'pending' || !r.uncheckedPhotos?.length) return
  try {
    await deps.mediaCheck.submit({ id: r.id, openid: r.openid, photos: r.uncheckedPhotos })
  } catch (error) {
    deps.log('media check submit failed; the sweep retries', error)
  }
}

const SYSTEM = { role: 'system' as const, openid: null }

/** One moderation step in one transaction: the patch and its timeline event (the status unchanged). */
async function step(
  deps: Pick<Deps, 'store' | 'clock'>,
  id: string,
  actor: { role: Role | 'system'; openid: string | null },
  decide: (r: StoredReport) => { patch: Partial<StoredReport>; action: string | null; note: string | null } | null
): Promise<StoredReport | null> {
  return deps.store.transaction(async (tx: Store) => {
    const r = await tx.reports.get(id)
    if (!r) return null
    const d = decide(r)
    if (!d) return r
    const now = deps.clock()
    await tx.reports.update(id, d.patch)
    if (d.action) await tx.reports.appendEvent({ reportId: id, at: now, action: d.action, status: r.status, note: d.note, actorRole: actor.role, actorOpenid: actor.openid })
    return { ...r, ...d.patch }
  })
}

/**
 * A verdict of the content check on one photo of a case. `risky` keeps the photo from public view;
 * `pass` and `review` (WeChat's "may need a look": staff can still hide it) let it show. When the
 * last photo has its verdict the case is public. A verdict for a photo not awaiting one (a repeated
 * event) changes nothing.
 */
export async function photoChecked(deps: Pick<Deps, 'store' | 'clock'>, reportId: string, photo: string, verdict: 'pass' | 'review' | 'risky'): Promise<void> {
  await step(deps, reportId, SYSTEM, (r) => {
    const unchecked = r.uncheckedPhotos ?? []
    if (!unchecked.includes(photo)) return null
    const rest = unchecked.filter((p) => p !== photo)
    const hiddenPhotos = verdict === 'risky' ? [...new Set([...(r.hiddenPhotos ?? []), photo])] : r.hiddenPhotos ?? []
    const patch: Partial<StoredReport> = { uncheckedPhotos: rest, hiddenPhotos, ...(rest.length ? {} : { moderation: 'passed' as const }) }
    if (verdict === 'risky') return { patch, action: 'hidePhoto', note: rest.length ? '照片未通过内容安全检测，不予公开' : '照片未通过内容安全检测，不予公开；其余内容已公开' }
    return { patch, action: null, note: null } // passing is no step of the case: `moderation` tells its reporter
  })
}

/**
 * The sweep's part: cases still pending after `RESUBMIT_AFTER_MS` are submitted again (WeChat may
 * have lost a request or its event); locally, where the check answers at once, every pending case.
 */
export async function sweepModeration(deps: Deps, olderThanMs = RESUBMIT_AFTER_MS): Promise<number> {
  const pending = await deps.store.reports.pendingModeration(new Date(deps.clock().getTime() - olderThanMs), 50)
  for (const r of pending) await submitForCheck(deps, r)
  return pending.length
}

/** 不予公开: the case leaves the feed, the map and the wall; its reporter and staff still see it (the reason is for staff). */
export function hide(ctx: Ctx, id: string, reason: string): Promise<Report> {
  return act(ctx, id, 'hide', { reason })
}

export function unhide(ctx: Ctx, id: string): Promise<Report> {
  return act(ctx, id, 'unhide')
}

/** Keeps one photo (of the report or of the resolution) from public view. */
export async function hidePhoto(ctx: Ctx, id: string, photo: string, reason: string): Promise<Report> {
  const r = await ctx.store.reports.get(id)
  if (!r) throw notFound('上报不存在')
  // who may comes first (the model), then whether the photo is the case's
  decideOrThrow(ctx, r, 'hidePhoto', actorOf(ctx.user), ctx.clock(), { photo: '', reason })
  if (![...r.photos, ...r.afterPhotos].includes(photo)) throw invalid('这张照片不属于该上报', 'photo')
  return act(ctx, id, 'hidePhoto', { photo, reason })
}
