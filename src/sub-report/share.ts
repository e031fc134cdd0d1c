import type { Report } from '../../types/report'
import { STATUS_NAMES } from '../../types/names'
import { route } from '../routes'

/**
 * Sharing a case (issue 13): what the WeChat card and the browser's share say. Pure functions,
 * unit-tested (test/unit/share.test.ts); the page draws the card image and calls the platform.
 */

/** What a share answers: the title, the page's path (WeChat) and its query (朋友圈). */
export interface ShareMessage {
  title: string
  path: string
  query: string
}

type Shared = Pick<Report, 'id' | 'kind' | 'status' | 'moderation' | 'hidden' | 'categoryName' | 'location'>

/**
 * Only what the public sees is shared: a problem that is open, resolved or closed (never a rejected
 * one) and a 文明点赞 on the wall — and neither while its photos await the check nor when staff hid it.
 */
export function isShareable(r: Pick<Report, 'kind' | 'status' | 'moderation' | 'hidden'>): boolean {
  if (r.moderation === 'pending' || r.hidden) return false
  return r.kind === 'praise' ? r.status === 'accepted' : r.status !== 'rejected'
}

/** Where the case is, in a few words: its address (an anonymous case's is not public), else its village. */
export function placeOf(r: Pick<Report, 'location'>, villageName: string): string {
  const place = (r.location.address ?? '').trim() || villageName.trim()
  const chars = Array.from(place)
  return chars.length > 16 ? `${chars.slice(0, 15).join('')}…` : place
}

/** The words of the status on a share: a praise on the wall is 已展示, a problem says where it stands. */
export function shareStatus(r: Pick<Report, 'kind' | 'status'>): string {
  if (r.kind === 'praise') return '文明点赞'
  return STATUS_NAMES[r.status]
}

/** 「占道经营 · 幸福村菜市场东门（已办结）」 and the case page. */
export function shareMessage(r: Shared, villageName: string): ShareMessage {
  const place = placeOf(r, villageName)
  return {
    title: `${r.categoryName}${place ? ` · ${place}` : ''}（${shareStatus(r)}）`,
    path: route.reportDetail(r.id),
    query: `id=${encodeURIComponent(r.id)}`
  }
}

/** The case page's address in a browser: the app's own page (hash routing) with the case's path. */
export function shareUrl(origin: string, pathname: string, path: string): string {
  return `${origin}${pathname}#${path}`
}
