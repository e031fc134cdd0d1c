import type { Report } from '../../types/report'

/** The drive a case is already linked to (its timeline's 发起志愿清理 event), as its note names it; null when none. */
export function linkedDrive(r: Pick<Report, 'timeline'>): string | null {
  const event = [...r.timeline].reverse().find((e) => e.action === 'drive')
  if (!event) return null
  return event.note?.match(/「(.+)」/)?.[1] ?? '志愿清理活动'
}
