import type { Report } from '../../types/report'

export { STATUS_NAMES, REPORT_STATUSES, ROLE_NAMES, STAR_NAMES, ACTOR_NAMES, TIMELINE_ACTION_NAMES as TIMELINE_ACTIONS } from '../../types/names'

/**
 * A moment the server answered (ISO with the district's offset, e.g. `…T09:30:00.000+08:00`) as
 * the district's wall clock, whatever zone the browser is in.
 */
export function districtTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const wall = new Date(ms + 8 * 60 * 60_000).toISOString()
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`
}



/** How a case stands against its deadline, in words. */
export function deadlineText(r: Pick<Report, 'dueAt' | 'overdue' | 'kind' | 'status'>, now = Date.now()): string {
  if (r.kind === 'praise' || !r.dueAt) return '无期限（文明点赞）'
  if (r.overdue) return `已超期（期限 ${districtTime(r.dueAt)}）`
  if (!['submitted', 'accepted', 'reopened'].includes(r.status)) return districtTime(r.dueAt)
  const hours = Math.max(0, Math.round((Date.parse(r.dueAt) - now) / 3_600_000))
  return `${districtTime(r.dueAt)}（剩余约 ${hours} 小时）`
}

/** Status tag colours: dark enough for white text (WCAG AA). */
export const STATUS_COLORS: Record<Report['status'], string> = {
  submitted: '#0958d9',
  accepted: '#ad4e00',
  rejected: '#595959',
  resolved: '#237804',
  reopened: '#a8071a',
  closed: '#434343',
  returned: '#531dab',
  verifying: '#006d75'
}
