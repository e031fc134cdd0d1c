import type { Envelope } from '../../../types/common'
import type { Deps } from '../../core/context'
import { handlers } from '../../core/handlers'
import { perMinuteLimiter } from '../../core/limits'
import { handleOpen311, type HttpOut } from '../../core/open311/http'
import { READS_PER_MINUTE } from '../../core/open311/rules'
import { dispatch } from '../../core/table'
import { villageAtom } from '../../core/report/public'
import { cloudFileUrl } from '../../../types/photos'
import { callerOf, createDeps, type WxServerSdk } from '../../wechat/root'

/** The event of CloudBase HTTP access (云开发 HTTP 访问服务) for an HTTP-triggered function. */
export interface HttpAccessEvent {
  path: string
  httpMethod: string
  headers?: Record<string, string | undefined>
  queryStringParameters?: Record<string, string | string[] | undefined> | null
  body?: string | null
  isBase64Encoded?: boolean
}

export interface HttpAccessAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

export const isHttpAccess = (event: unknown): event is HttpAccessEvent =>
  typeof event === 'object' && event !== null && typeof (event as HttpAccessEvent).httpMethod === 'string' && typeof (event as HttpAccessEvent).path === 'string'

/** A cloud file's public URL, under `OPEN311_MEDIA_BASE` (a CDN domain) when set (types/photos.ts `cloudFileUrl`). */
export const cloudMediaUrl = (fileId: string, base = process.env.OPEN311_MEDIA_BASE): string | null => cloudFileUrl(fileId, base)

/**
 * Reads per client address a minute (OPEN311_READS_PER_MINUTE), counted by this instance of the
 * function (an instance serves many requests in turn; several instances each count their own).
 */
const mayRead = perMinuteLimiter(Number(process.env.OPEN311_READS_PER_MINUTE) || READS_PER_MINUTE)

/** The client's address as CloudBase HTTP access forwards it (the first of X-Forwarded-For). */
const addressOf = (headers: Record<string, string>) => headers['x-real-ip'] || headers['x-forwarded-for']?.split(',')[0]?.trim() || 'unknown'

/** The HTTP access event as the transport-neutral request of `handleOpen311`, and its answer back. */
export async function answerHttp(deps: Deps, event: HttpAccessEvent): Promise<HttpAccessAnswer> {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']))
  const body = event.body == null ? null : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
  // from configuration, never from the request's Host header; without it, the path alone
  const baseUrl = process.env.OPEN311_BASE_URL ?? /^(.*?\/v2\/)/.exec(event.path)?.[1] ?? '/open311/v2/'
  const out: HttpOut = await handleOpen311(deps, {
    method: event.httpMethod,
    path: event.path,
    query: event.queryStringParameters ?? {},
    body,
    contentType: headers['content-type'],
    address: addressOf(headers)
  }, { baseUrl, mediaUrl: (fileId) => cloudMediaUrl(fileId), mayRead })
  return { statusCode: out.status, headers: out.headers, body: out.body, isBase64Encoded: false }
}

/** A village's Atom feed under this function's HTTP path: `<path>/feeds/villages/<village id>.atom`. */
const FEED_PATH = /\/feeds\/villages\/([\w-]{1,64})\.atom$/

/**
 * A village's public cases as an Atom feed (issue 25), as the local server answers it at
 * `/feeds/villages/<id>.atom`: entry links to the public site (FEED_SITE_URL, e.g. the H5 app's
 * address; unset: relative), the feed's own address under OPEN311_FEED_BASE (e.g.
 * `https://<env>.service.tcloudbase.com/open311`; unset: the request's path). Reads are limited
 * per client address like Open311's.
 */
export async function answerFeed(deps: Deps, event: HttpAccessEvent, villageId: string): Promise<HttpAccessAnswer> {
  const text = (statusCode: number, body: string, extra: Record<string, string> = {}): HttpAccessAnswer =>
    ({ statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', ...extra }, body, isBase64Encoded: false })
  if (event.httpMethod !== 'GET' && event.httpMethod !== 'HEAD') return text(405, '只支持 GET', { allow: 'GET, HEAD' })
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']))
  if (!mayRead(addressOf(headers))) return text(429, '请求过于频繁，请稍后再试', { 'retry-after': '60' })
  const base = process.env.OPEN311_FEED_BASE?.replace(/\/+$/, '')
  const self = base ? `${base}/feeds/villages/${encodeURIComponent(villageId)}.atom` : event.path
  const body = await villageAtom(deps, villageId, process.env.FEED_SITE_URL ?? '', self)
  if (!body) return text(404, '村居不存在')
  return { statusCode: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' }, body: event.httpMethod === 'HEAD' ? '' : body, isBase64Encoded: false }
}

/**
 * Cloud function `open311`, two ways in:
 * - HTTP access (the partner systems): Open311 GeoReport v2 at the path the environment routes
 *   here (docs/open311.md; e.g. `/open311/v2/services.xml`), no WeChat identity; and the villages'
 *   Atom feeds (`/open311/feeds/villages/<id>.atom`, issue 25);
 * - `wx.cloud.callFunction({ name: 'open311', data: { action, data } })` (the console, admins):
 *   `createKey`, `keys`, `revokeKey` through the handler table with the caller's OPENID.
 */
let sdk: WxServerSdk | null = null
let deps: Deps | null = null
export const main = async (event: unknown, context?: unknown): Promise<HttpAccessAnswer | Envelope<unknown>> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('wx-server-sdk') as WxServerSdk
  deps ??= createDeps(sdk)
  if (isHttpAccess(event)) {
    const feed = FEED_PATH.exec(event.path)
    return feed ? answerFeed(deps, event, feed[1]!) : answerHttp(deps, event)
  }
  return dispatch(handlers, deps, 'open311', event, callerOf(sdk, context))
}
