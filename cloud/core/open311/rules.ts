import crypto from 'node:crypto'
import gcoord from 'gcoord'
import type { ReportStatus } from '../../../types/report'
import { OPEN_STATUSES } from '../../../types/report'
import type { Config } from '../config'
import { isoLocal } from '../time'

/**
 * The rules of Open311 GeoReport v2 (open311.org GeoReport_v2) as this district serves it
 * (docs/open311.md): keys, dates, statuses and coordinates.
 */

/** A partner system may file this many requests a day and a minute (its own reporter's limits). */
export const PARTNER_PER_DAY = 2000
export const PARTNER_PER_MINUTE = 120
/** GET requests and servicerequestupdates: a window of at most 90 days, at most 1000 items. */
export const WINDOW_DAYS = 90
export const MAX_ITEMS = 1000
/**
 * GET requests answers a page at a time (issue 23; `page` from 1 and `page_size`, the paging
 * extension other GeoReport servers offer): this many requests without `page_size`, at most
 * MAX_ITEMS with it. A client that pages not at all gets the newest PAGE_SIZE of its window.
 */
export const PAGE_SIZE = 100
/** GET (and HEAD) requests to the GeoReport resources a client address may make a minute (OPEN311_READS_PER_MINUTE). */
export const READS_PER_MINUTE = 120
/**
 * A partner's description may be as long as the specification allows (FixMyStreet sends its title,
 * the detail and the address as one text); the app's own limit (types/names.ts DESCRIPTION) stays.
 */
export const PARTNER_DESCRIPTION_MAX = 4000
const DAY_MS = 86400_000

/** The partner's own reporter: never a WeChat openid (which has no `:`) nor a demo login (no `:` either). */
export const partnerOpenid = (keyId: string) => `open311:${keyId}`
export const sourceOf = (partner: string) => `open311:${partner}`

/** `<id>.<secret>`: the id finds the stored hash in one read; the secret is 256 random bits. */
export function newApiKey(id: string): string {
  return `${id}.${crypto.randomBytes(32).toString('base64url')}`
}

export const hashKey = (apiKey: string) => crypto.createHash('sha256').update(apiKey, 'utf8').digest('hex')

const KEY = /^([a-z0-9]{1,32})\.([A-Za-z0-9_-]{43})$/

/** The key id of a well-formed key, else null. */
export function keyIdOf(apiKey: string): string | null {
  return KEY.exec(apiKey)?.[1] ?? null
}

/** Whether the key hashes to the stored hash (constant time). */
export function keyMatches(apiKey: string, hash: string): boolean {
  const a = Buffer.from(hashKey(apiKey), 'hex')
  const b = Buffer.from(hash, 'hex')
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/**
 * A W3C datetime (the profile of ISO 8601 the specification asks for) with its time zone:
 * `2026-11-01T08:00:00+08:00`, `…Z`, with or without seconds and fractions. Anything else — a time
 * without a zone, a bare date (whose zone is no more known), impossible dates — is null.
 */
export function parseW3c(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s = '00', frac, zone] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string]
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return null
  let offset = 0
  if (zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number) as [number, number]
    if (zh > 14 || zm > 59) return null
    offset = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm)
  }
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]) + Math.round(Number(frac ?? 0) * 1000)
  const back = new Date(Date.UTC(fields[0], fields[1] - 1, fields[2]))
  if (back.getUTCDate() !== fields[2]) return null // 2026-02-30
  return new Date(utc - offset * 60_000)
}

/** W3C datetime with the district's offset, to the second: 2026-11-24T19:07:00+08:00. */
export function w3c(date: Date | string, config: Pick<Config, 'utcOffsetMinutes'>): string {
  const text = typeof date === 'string' ? date : isoLocal(date, config)
  return text.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, '')
}

export class WindowError extends Error {}

/**
 * The window of a search: both dates, one (the other 90 days away; never past now for the end), or
 * none (the most recent 90 days). At most 90 days; the start not after the end.
 */
export function windowOf(start: Date | null, end: Date | null, now: Date): { from: Date; to: Date } {
  const span = WINDOW_DAYS * DAY_MS
  const from = start ?? new Date((end ?? now).getTime() - span)
  const to = end ?? (start ? new Date(Math.min(start.getTime() + span, Math.max(now.getTime(), start.getTime()))) : now)
  if (from.getTime() > to.getTime()) throw new WindowError('start_date is after end_date')
  if (to.getTime() - from.getTime() > span) throw new WindowError(`start_date and end_date may not span more than ${WINDOW_DAYS} days`)
  return { from, to }
}

/** GeoReport's two statuses: a case is `open` while the district works on it, `closed` once resolved. */
export const openStatusOf = (status: ReportStatus): 'open' | 'closed' => (OPEN_STATUSES.includes(status) || status === 'verifying' ? 'open' : 'closed')
/** A resolved case waiting for its on-site check (核查) is still open; a rejected one ended (its partner hears it, the public never sees it). */
export const STATUSES_OF: Record<'open' | 'closed', readonly ReportStatus[]> = {
  open: [...OPEN_STATUSES, 'verifying'],
  closed: ['resolved', 'closed', 'rejected']
}

/**
 * The extended statuses of `servicerequestupdates` (FixMyStreet's names, upper case): what a step
 * of the timeline left the case as. Resolved and closed (rated or closed after 7 days) are FIXED;
 * a case the district declined is NO_FURTHER_ACTION.
 */
export const UPDATE_STATUS: Record<ReportStatus, string> = {
  submitted: 'OPEN',
  accepted: 'IN_PROGRESS',
  reopened: 'OPEN',
  resolved: 'FIXED',
  closed: 'FIXED',
  rejected: 'NO_FURTHER_ACTION',
  // 退回: back with the dispatcher, to be sent to the right unit; 待核查: fixed, being checked on site
  returned: 'INVESTIGATING',
  verifying: 'ACTION_SCHEDULED'
}

/** What a step without a note says (the timeline's actions, in Chinese as the district writes). */
export const ACTION_WORDS: Record<string, string> = {
  submitted: '已收到', accept: '已受理', resolve: '已办结', rate: '已评价', reopen: '重新办理', close: '已结案',
  closed: '已结案', overdue: '已超过办理期限', warned: '严重超期预警', reject: '未受理',
  return: '退回重新派遣', transfer: '已转办', requestExtension: '申请延期', approveExtension: '办理期限已延长', declineExtension: '延期未获同意',
  verifyPass: '现场核查通过', verifyFail: '现场核查未通过，返工', urge: '文明办督办', approve: '审核通过', decline: '未通过审核', comment: '已收到群众意见', place: '已定位'
}

/** GeoReport coordinates are WGS-84; the district stores GCJ-02 (what WeChat's maps use). */
export function toStored(lat: number, long: number): { latitude: number; longitude: number } {
  const [longitude, latitude] = gcoord.transform([long, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  return { latitude, longitude }
}

export function toWgs84(latitude: number, longitude: number): { lat: number; long: number } {
  const [long, lat] = gcoord.transform([longitude, latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { lat: Math.round(lat * 1e7) / 1e7, long: Math.round(long * 1e7) / 1e7 }
}
