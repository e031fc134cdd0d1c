import type { Deps } from '../context'
import { AppError } from '../errors'
import * as open311 from './cases'
import { Open311Error, open311ErrorOf, type Publish } from './cases'
import { cachedAnswer } from './cache'
import { MAX_ITEMS, PAGE_SIZE, parseW3c, STATUSES_OF, WINDOW_DAYS, windowOf, WindowError } from './rules'

/**
 * Open311 GeoReport v2 over HTTP, independent of the server that carries it: the local server
 * (`/open311/v2/…`, cloud/server/app.ts) and the HTTP-triggered cloud function `open311`
 * (cloud/functions/open311) both hand a request here and send back what it answers. XML (the
 * specification's required format; the default without an extension) and JSON, UTF-8.
 */

export interface HttpIn {
  method: string
  /** The resource after `/open311/v2/` (a longer path is cut there), e.g. `services.xml`. */
  path: string
  /** Query parameters; repeated ones as arrays. */
  query: Record<string, string | string[] | undefined>
  /** The raw body (form-encoded, as the specification sends it, or JSON), or a parsed object. */
  body: string | Record<string, unknown> | null | undefined
  contentType?: string
  /** The client's address (the per-address limit of reads). */
  address?: string
}

export interface HttpOut {
  status: number
  headers: Record<string, string>
  body: string
}

export interface HttpOptions extends Publish {
  /** This endpoint's public URL ending in `/open311/v2/` (discovery names it). */
  baseUrl: string
  /** Whether one more read (GET, HEAD) may be answered to this address now (`perMinuteLimiter`, cloud/core/limits.ts); without it, no limit. */
  mayRead?: (address: string) => boolean
}

type Format = 'xml' | 'json'

/** Element names of list items in XML (`<services><service>…`). */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format'
}

/** Characters the XML 1.0 grammar cannot carry (control characters, lone surrogates, U+FFFE/FFFF): dropped. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const escapeText = (text: string) => text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Element names come from our own keys; anything else is not written as a name. */
function append(out: string[], name: string, value: unknown): void {
  if (Array.isArray(value)) {
    if (!value.length) return void out.push(`<${name}/>`)
    out.push(`<${name}>`)
    for (const item of value) append(out, ITEM[name] ?? 'item', item)
    out.push(`</${name}>`)
    return
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (!entries.length) return void out.push(`<${name}/>`)
    out.push(`<${name}>`)
    for (const [k, v] of entries) append(out, k, v)
    out.push(`</${name}>`)
    return
  }
  if (value === null || value === undefined || value === '') return void out.push(`<${name}/>`)
  out.push(`<${name}>${escapeText(String(value))}</${name}>`)
}

/**
 * XML with its declaration, UTF-8, written as a string (issue 23: xmlbuilder2's document tree cost
 * more than the rest of a page of requests). Text the XML 1.0 grammar cannot carry (control
 * characters) is dropped; &, < and > are escaped — the same text xmlbuilder2 wrote.
 */
export function toXml(root: string, value: unknown): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  append(out, root, value)
  return out.join('')
}

function render(format: Format, status: number, root: string, value: unknown, extra: Record<string, string> = {}): HttpOut {
  return format === 'json'
    ? { status, headers: { 'content-type': 'application/json; charset=utf-8', ...extra }, body: JSON.stringify(value) }
    : { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...extra }, body: toXml(root, value) }
}

/** Errors too are readable by any page (a browser client learns why). */
const failure = (format: Format, status: number, description: string) => render(format, status, 'errors', [{ code: status, description }], { 'access-control-allow-origin': '*' })

/** One value of a parameter (the first when repeated); comma lists are joined across repeats. */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
const list = (v: string | string[] | undefined) =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)

function formOf(req: HttpIn): Record<string, string> {
  const body = req.body
  if (!body) return {}
  if (typeof body === 'object') {
    // a parameter is text (a JSON number or true/false is read as its text); an object or a list is
    // refused, never stored as `[object Object]`; null is absent
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(body)) {
      if (v === null || v === undefined) continue
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Open311Error(400, `${k.slice(0, 40)} must be a string`)
      out[k] = String(v)
    }
    return out
  }
  if (/json/i.test(req.contentType ?? '')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      throw new Open311Error(400, 'the body is not valid JSON')
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Open311Error(400, 'the body must be an object of parameters')
    return formOf({ ...req, body: parsed as Record<string, unknown> })
  }
  const out: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(body)) if (!Object.hasOwn(out, k)) out[k] = v
  return out
}

/** A POST's api_key: in its body, as FixMyStreet sends it, else in the query string (as some clients do; the specification names it a parameter). */
const keyOf = (form: Record<string, string>, req: HttpIn) => form.api_key || one(req.query.api_key)

function dateParam(name: string, value: string | undefined): Date | null {
  if (value === undefined || value === '') return null
  const date = parseW3c(value)
  if (!date) throw new Open311Error(400, `${name} must be a W3C datetime with its time zone, e.g. 2026-11-01T00:00:00+08:00`)
  return date
}

/**
 * The window of a search in whole seconds, as times are answered (to the second): the start from
 * the beginning of its second, the end to the end of its own — a step at 10:00:00.600, answered as
 * 10:00:00, is in a window ending at 10:00:00.
 */
function windowParam(deps: Deps, query: HttpIn['query']) {
  try {
    const { from, to } = windowOf(dateParam('start_date', one(query.start_date)), dateParam('end_date', one(query.end_date)), deps.clock())
    return { from: new Date(Math.floor(from.getTime() / 1000) * 1000), to: new Date(Math.floor(to.getTime() / 1000) * 1000 + 999) }
  } catch (error) {
    if (error instanceof WindowError) throw new Open311Error(400, error.message)
    throw error
  }
}

const ID = /^[\w-]{1,64}$/

/** Cuts the path to the resource: `/open311/v2/services.xml`, `/v2/services.xml` and `services.xml` are all `services.xml`. */
export function resourceOf(path: string): string {
  const clean = path.split('?')[0]!
  const m = /(?:^|\/)v2\/(.*)$/.exec(clean)
  return (m ? m[1]! : clean).replace(/^\/+/, '').replace(/\/+$/, '')
}

/** A whole number from 1 (to `max`), or the default when absent. */
function countParam(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = /^\d{1,7}$/.test(value.trim()) ? Number(value) : NaN
  if (!(n >= 1 && n <= max)) throw new Open311Error(400, `${name} must be a whole number from 1${max < 1e7 ? ` to ${max}` : ''}`)
  return n
}

/**
 * GET requests (a list, or by ids): a page at a time (`page` from 1, `page_size` up to MAX_ITEMS,
 * PAGE_SIZE without it for a list, all asked ids for ids; `X-Total-Count` says how many the query has, a `Link` header names the next
 * page), the answer kept until a case changes (cache.ts) — a window ending now also until its
 * oldest request would leave it.
 */
async function requestsList(deps: Deps, req: HttpIn, opts: HttpOptions, format: Format, reader: open311.Reader): Promise<HttpOut> {
  const ids = list(req.query.service_request_id)
  if (ids && (!ids.length || ids.length > MAX_ITEMS || ids.some((id) => !ID.test(id)))) throw new Open311Error(400, 'service_request_id must be a comma-delimited list of request ids')
  const statuses = ids ? undefined : list(req.query.status)
  if (statuses?.some((s) => !Object.hasOwn(STATUSES_OF, s))) throw new Open311Error(400, 'status must be open or closed (comma-delimited)')
  const codes = ids ? undefined : list(req.query.service_code)
  if (codes?.some((c) => !ID.test(c))) throw new Open311Error(404, 'service_code was not found')
  const window = ids ? { from: new Date(0), to: new Date(0) } : windowParam(deps, req.query)
  const page = countParam('page', one(req.query.page), 1, 9_999_999)
  // requests asked by id (FixMyStreet asks for the ones it sent) come all at once unless paged
  const pageSize = countParam('page_size', one(req.query.page_size), ids ? MAX_ITEMS : PAGE_SIZE, MAX_ITEMS)
  const asked = ids ? { ids } : { codes, statuses, start: one(req.query.start_date), end: one(req.query.end_date) }
  const key = JSON.stringify(['requests', format, reader.partner, opts.baseUrl, asked, page, pageSize])
  const now = deps.clock().getTime()
  return cachedAnswer(deps.store, key, now, async () => {
    const answer = await open311.requestsPage(deps, { ids, codes, statuses: statuses as ('open' | 'closed')[] | undefined, ...window, page, pageSize }, opts, reader)
    const headers: Record<string, string> = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-Total-Count, Link', 'x-total-count': String(answer.total) }
    if (page * pageSize < answer.total) {
      const next = new URLSearchParams()
      for (const [k, v] of Object.entries(req.query)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (k !== 'page') next.append(k, x)
      next.set('page', String(page + 1))
      headers.link = `<${opts.baseUrl}requests.${format}?${next}>; rel="next"`
    }
    // the window ends now (no dates asked): the answer holds until its oldest request leaves it
    const clockBound = !ids && !asked.start && !asked.end && answer.oldest !== null
    return { value: render(format, 200, 'service_requests', answer.items, headers), keep: true, expiresAt: clockBound ? answer.oldest! + WINDOW_DAYS * 86400_000 : null }
  })
}

/** Answers one GeoReport v2 request. Never throws: failures are the specification's errors. */
export async function handleOpen311(shared: Deps, req: HttpIn, opts: HttpOptions): Promise<HttpOut> {
  // the request's own view of the store: the reference data it reads, read once (ports.ts `forCall`)
  const deps: Deps = { ...shared, store: shared.store.forCall?.() ?? shared.store }
  const resource = resourceOf(req.path)
  const m = /^(.*?)(?:\.(xml|json))?$/.exec(resource)!
  const name = m[1]!
  const format: Format = m[2] === 'json' ? 'json' : 'xml'
  const method = req.method.toUpperCase()
  const open = { 'access-control-allow-origin': '*' } // public reads: any page may show the district's cases
  try {
    if (/\.[^/]*$/.test(name)) throw new Open311Error(400, 'format not supported: use .xml or .json')
    const get = method === 'GET' || method === 'HEAD'
    const known = ['discovery', 'services', 'requests', 'servicerequestupdates'].includes(name) || /^(services|requests|tokens)\/[^/]+$/.test(name)
    const allow = name === 'requests' || name === 'servicerequestupdates' ? 'GET, POST' : 'GET'
    // a browser's CORS preflight: what the resource allows, to any page (a POST still needs its api_key)
    if (method === 'OPTIONS') {
      if (!known) throw new Open311Error(404, `no resource ${name}`)
      return {
        status: 204,
        headers: { allow: `${allow}, OPTIONS`, ...open, 'access-control-allow-methods': `${allow}, OPTIONS`, 'access-control-allow-headers': 'Content-Type', 'access-control-max-age': '86400' },
        body: ''
      }
    }
    if (name === 'requests' && method === 'POST') {
      const form = formOf(req)
      const created = await open311.postRequest(deps, keyOf(form, req), form)
      return render(format, 200, 'service_requests', created, open)
    }
    if (name === 'servicerequestupdates' && method === 'POST') {
      const form = formOf(req)
      return render(format, 200, 'service_request_updates', await open311.postUpdate(deps, keyOf(form, req), form), open)
    }
    if (get && opts.mayRead && !opts.mayRead(req.address ?? 'unknown')) {
      const limited = failure(format, 429, 'too many requests from this address: try again in a minute')
      limited.headers['retry-after'] = '60'
      return limited
    }
    if (!get) {
      if (known) {
        const refused = failure(format, 405, `${method} is not supported here`)
        refused.headers.allow = allow
        return refused
      }
      throw new Open311Error(404, `no resource ${name}`)
    }
    if (name === 'discovery') {
      const changeset = '2026-11-01T00:00:00+08:00'
      return render(format, 200, 'discovery', {
        changeset,
        contact: '文明家园 · 区文明办（接入密钥由管理后台「Open311 接口」发放）',
        key_service: '向区文明办申请接入密钥（管理后台「Open311 接口」）',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: opts.baseUrl, changeset, type: 'production', formats: ['text/xml', 'application/json'] }]
      }, open)
    }
    if (name === 'services') return render(format, 200, 'services', await open311.services(deps), open)
    const service = /^services\/(.+)$/.exec(name)
    if (service) {
      const code = decodeURIComponent(service[1]!)
      if (!ID.test(code)) throw new Open311Error(404, 'service_code was not found')
      return render(format, 200, 'service_definition', await open311.serviceDefinition(deps, code), open)
    }
    // a read with a partner's api_key answers as that partner may see (the cases that ended rejected too)
    const reader = { partner: req.query.api_key !== undefined && (await open311.partnerOf(deps, String(req.query.api_key))) !== null }
    if (name === 'requests') return await requestsList(deps, req, opts, format, reader)
    const one311 = /^requests\/(.+)$/.exec(name)
    if (one311) {
      const id = decodeURIComponent(one311[1]!)
      if (!ID.test(id)) throw new Open311Error(404, 'service_request_id was not found')
      return render(format, 200, 'service_requests', await open311.request(deps, id, opts, reader), open)
    }
    const tok = /^tokens\/(.+)$/.exec(name)
    if (tok) {
      const id = decodeURIComponent(tok[1]!)
      if (!ID.test(id)) throw new Open311Error(404, 'token was not found')
      return render(format, 200, 'service_requests', await open311.token(deps, id), open)
    }
    if (name === 'servicerequestupdates') {
      return render(format, 200, 'service_request_updates', await open311.updates(deps, windowParam(deps, req.query), opts, reader), open)
    }
    throw new Open311Error(404, `no resource ${name || '(none)'}`)
  } catch (error) {
    if (error instanceof Open311Error) return failure(format, error.status, error.message)
    if (error instanceof AppError) {
      const e = open311ErrorOf(error)
      return failure(format, e.status, e.message)
    }
    if (error instanceof URIError) return failure(format, 400, 'malformed percent-encoding in the path')
    deps.log('internal error in open311', error)
    return failure(format, 500, 'internal error, please try again later')
  }
}
