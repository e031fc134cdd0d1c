import type { Report } from '../../types/report'

/**
 * Categories volunteers cannot fix (发起清理 does not offer them): electricity, construction sites,
 * parked cars, illegal billboards and broken facilities need the responsible unit's own people.
 * The one list: the handling page and the cluster of 发起清理 both read it.
 */
export const NOT_FOR_VOLUNTEERS: readonly string[] = ['feixian', 'xianlan', 'weidang', 'yangchen', 'tingche', 'guanggao', 'wuzhangai']

export const volunteersCanFix = (r: Pick<Report, 'category' | 'kind'>): boolean => r.kind !== 'praise' && !NOT_FOR_VOLUNTEERS.includes(r.category)

/** The drive a case is already linked to (its timeline's 发起志愿清理 event), as its note names it; null when none. */
export function linkedDrive(r: Pick<Report, 'timeline'>): string | null {
  const event = [...r.timeline].reverse().find((e) => e.action === 'drive')
  if (!event) return null
  return event.note?.match(/「(.+)」/)?.[1] ?? '志愿清理活动'
}
