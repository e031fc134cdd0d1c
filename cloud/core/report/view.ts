import type { Report } from '../../../types/report'
import type { User } from '../../../types/user'
import type { StoredReport } from './ports'
import { isGridOf, mayHandle } from './model'

/**
 * What a viewer may see of a case (issue 21): the one function every answer that carries a case
 * or a part of one goes through — `get`, the lists, the feed and the map, a drive's cases and
 * outcomes, messages and pushes (`cases.ts` names a case per audience), Open311 and the exports.
 *
 * - staff and admins: the whole case, the reporter's name only when not anonymous and theirs to
 *   handle, hiding reasons and the workflow's facts (extensions, returns, 督办);
 * - the village's 网格员: the whole case (they check it on site), no reporter, no hiding reasons;
 * - the reporter: their whole case, but not what staff wrote when hiding it or among themselves;
 * - an Open311 partner: the public form, and its cases' whole life (a rejected case as ended);
 * - everyone else: the public form of a public case (its photos passed the check, not hidden, not
 *   a rejected problem, a praise once approved), without hidden photos, the reporter, the rating's
 *   comment, an anonymous case's address, moderation steps or the staff's internal notes.
 */

export type Viewer = Pick<User, 'openid' | 'role' | 'unitId'> & Partial<Pick<User, 'gridVillageIds'>>
export type Audience = 'staff' | 'grid' | 'reporter' | 'partner' | 'public'

export function audienceOf(r: Pick<StoredReport, 'openid' | 'villageId'>, viewer: Viewer | null, opts: { partner?: boolean } = {}): Audience {
  if (viewer?.role === 'staff' || viewer?.role === 'admin') return 'staff'
  if (viewer && viewer.openid === r.openid) return 'reporter'
  if (viewer && isGridOf(r, { ...viewer, gridVillageIds: viewer.gridVillageIds ?? [] })) return 'grid'
  return opts.partner ? 'partner' : 'public'
}

/**
 * Whether the caller filed the case (`isMine` of every answer, the public form's too: the feed and
 * nearby mark the caller's own cases 「我的」). Decided here and nowhere else; never an openid out.
 */
export function isMineFor(r: Pick<StoredReport, 'openid'>, caller: string | null): boolean {
  return caller !== null && caller === r.openid
}

/** Whether the public may see a case at all: its photos passed the content check and staff did not hide it. */
export function isPublic(r: Pick<StoredReport, 'moderation' | 'hiddenAt'>): boolean {
  return (r.moderation ?? 'passed') === 'passed' && !r.hiddenAt
}

/** Whether this audience may see the case (else NOT_FOUND: nobody learns more than that). */
export function mayViewAs(r: Pick<StoredReport, 'moderation' | 'hiddenAt' | 'kind' | 'status'>, audience: Audience): boolean {
  if (audience === 'staff' || audience === 'grid' || audience === 'reporter') return true
  if (!isPublic(r)) return false
  if (r.kind === 'praise') return r.status === 'accepted'
  // a rejected problem is no public matter; a partner still hears that it ended
  return r.status !== 'rejected' || audience === 'partner'
}

export const mayView = (r: StoredReport, viewer: Viewer | null, opts: { partner?: boolean } = {}) => mayViewAs(r, audienceOf(r, viewer, opts))

/**
 * Who may see the reporter's name: the reporter, and when the case is not anonymous the staff
 * of its unit and admins (not staff of other units, not 网格员).
 */
export function mayseeReporter(r: Pick<StoredReport, 'openid' | 'anonymous' | 'unitId'>, viewer: Pick<User, 'openid' | 'role' | 'unitId'> | null): boolean {
  if (!viewer) return false
  if (viewer.openid === r.openid) return true
  return !r.anonymous && mayHandle(r, viewer)
}

/** Moderation steps: the public never sees them; their notes are for staff (a reporter sees the system's). */
export const MODERATION: readonly string[] = ['hide', 'unhide', 'hidePhoto']
/**
 * 补充 (issue 24): a neighbour's words and photos given with 我也遇到 are for those who handle and
 * check the case — staff and the village's 网格员 — and for the neighbour themself (`supplements`
 * marked `mine`); the reporter reads that a neighbour added something, not what; the public and
 * partners see neither the step nor the words.
 */
export const SUPPLEMENT = 'supplement'
/** Steps the public form (and so Open311) leaves out of a timeline. */
export const NOT_PUBLIC_STEPS: readonly string[] = [...MODERATION, SUPPLEMENT]
/**
 * Steps whose notes are for staff (退回, 延期, 督办, 返工 they wrote for each other; a partner's
 * comment, which may name the resident who wrote it): the words only, for everyone else.
 */
const INTERNAL = ['return', 'requestExtension', 'approveExtension', 'declineExtension', 'urge', 'verifyFail', 'comment', SUPPLEMENT]
/** What a reporter reads where staff gave a reason for hiding. */
export const HIDDEN_FOR_REPORTER = '工作人员已将其设为不公开'

/** The form of a case for an audience, from the whole answer (built for staff). */
export function shape(whole: Report, audience: Audience): Report {
  if (audience === 'staff') return whole
  const internal = (e: Report['timeline'][number]) => (INTERNAL.includes(e.action) ? { ...e, note: null } : e)
  // 补充: all of them for the 网格员 (they check the case on site), only one's own for anyone else (none: no field)
  const own = (whole.supplements ?? []).filter((x) => x.mine)
  const base: Report = { ...whole, source: undefined, workflow: undefined, supplements: audience === 'grid' ? whole.supplements : own.length ? own : undefined }
  // answers to the category's questions (a floor, whether a bike is charging): staff, the 网格员 and the reporter only
  if (audience === 'grid') return { ...base, reporter: null, hidden: whole.hidden ? { at: whole.hidden.at, reason: HIDDEN_FOR_REPORTER } : null, timeline: whole.timeline.map((e) => (MODERATION.includes(e.action) && e.actorRole !== 'system' ? { ...e, note: null } : e)) }
  if (audience === 'reporter') {
    return {
      ...base,
      hidden: whole.hidden ? { at: whole.hidden.at, reason: HIDDEN_FOR_REPORTER } : null,
      timeline: whole.timeline.map((e) => (MODERATION.includes(e.action) && e.actorRole !== 'system' ? { ...e, note: e.action === 'unhide' ? null : HIDDEN_FOR_REPORTER } : internal(e)))
    }
  }
  return publicForm(base, internal)
}

/**
 * The public form (feed, map, nearby, 点赞墙, Open311, and `get` by anyone not entitled to more):
 * no reporter (never an openid), no rating comment (also not inside the timeline's rating note),
 * no free-text address when the case is anonymous, no hidden photo, no moderation step.
 */
function publicForm(r: Report, internal: (e: Report['timeline'][number]) => Report['timeline'][number]): Report {
  const shown = (photos: string[]) => photos.filter((p) => !r.hiddenPhotos.includes(p))
  return {
    ...r,
    answers: undefined,
    photos: shown(r.photos),
    afterPhotos: shown(r.afterPhotos),
    hiddenPhotos: [], // which photos were hidden, and why a case was, is for its reporter and staff
    hidden: null,
    reporter: null,
    location: { ...r.location, address: r.anonymous ? null : r.location.address },
    rating: r.rating ? { score: r.rating.score, comment: null } : null,
    timeline: r.timeline
      .filter((e) => !NOT_PUBLIC_STEPS.includes(e.action))
      .map((e) => (e.action === 'rate' && e.note ? { ...e, note: e.note.split('：')[0]! } : internal(e)))
  }
}

/** The photos of a case an audience may see (a drive's outcome shows the case's after-photos). */
export function visiblePhotos(r: Pick<StoredReport, 'hiddenPhotos'>, photos: string[], audience: Audience): string[] {
  return audience === 'staff' ? photos : photos.filter((p) => !(r.hiddenPhotos ?? []).includes(p))
}

/** How a message names a case for an audience: an anonymous case's address only to staff and its reporter. */
export function placeFor(r: Pick<StoredReport, 'address' | 'anonymous'>, villageName: string | null, audience: Audience): string {
  const address = r.anonymous && audience !== 'staff' && audience !== 'reporter' ? null : r.address
  return address ?? villageName ?? ''
}
