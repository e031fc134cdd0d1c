import type { Open311Key } from '../../../types/open311'
import type { Report, ReportCategory, ReportStatus } from '../../../types/report'
import { ANSWER_TEXT_MAX, DESCRIPTION, OPEN_STATUSES, STATUS_NAMES } from '../../../types/report'
import type { Ctx, Deps } from '../context'
import { AppError, conflict, notFound } from '../errors'
import { newId } from '../ids'
import { logOperation } from '../oplog'
import { identify, newResident } from '../table'
import { isoLocal } from '../time'
import { act, actInTurn, actorOf, createReport, presentMany, verifyFirstOf } from '../report/cases'
import { NOT_PUBLIC_STEPS, mayViewAs, visiblePhotos } from '../report/view'
import type { StoredReport } from '../report/ports'
import { dispatcherUnitsOf } from '../report/model'
import type { StoredOpen311Key } from './ports'
import {
  ACTION_WORDS, hashKey, PARTNER_DESCRIPTION_MAX, keyIdOf, keyMatches, MAX_ITEMS, newApiKey, openStatusOf, PARTNER_PER_DAY, PARTNER_PER_MINUTE,
  parseW3c, partnerOpenid, sourceOf, STATUSES_OF, toStored, toWgs84, UPDATE_STATUS, w3c
} from './rules'

/**
 * Open311 GeoReport v2 over the district's use cases (docs/open311.md). Partner keys are managed
 * by admins through cloud actions; the GeoReport resources (services, requests, tokens, updates)
 * are answered here as plain data and rendered as XML or JSON by `http.ts`. Every case shown is in
 * public form (cloud/core/report/cases.ts `publicForm`): never the reporter, an openid, a rating
 * comment or an anonymous case's address; only public problems (open, resolved, closed).
 */

/** An Open311 failure: the HTTP status and description the specification's error list names. */
export class Open311Error extends Error {
  constructor(readonly status: number, description: string) {
    super(description)
  }
}

const PUBLIC: readonly ReportStatus[] = [...OPEN_STATUSES, 'verifying', 'resolved', 'closed']
/** A partner (a valid api_key on a read) also hears of the cases that ended rejected: FixMyStreet closes them instead of keeping them open forever. */
const PARTNER: readonly ReportStatus[] = [...PUBLIC, 'rejected']

/** Whom a read answers: the public, or a partner identified by its api_key (the case's view, `report/view.ts`). */
export interface Reader { partner: boolean }
const PUBLIC_READER: Reader = { partner: false }

// ---- keys (cloud actions, admins) ----

const keyAnswer = (deps: Pick<Deps, 'config'>, k: StoredOpen311Key): Open311Key => ({
  id: k.id,
  partner: k.partner,
  createdAt: isoLocal(k.createdAt, deps.config),
  createdBy: k.createdBy,
  revokedAt: k.revokedAt ? isoLocal(k.revokedAt, deps.config) : null,
  lastUsedAt: k.lastUsedAt ? isoLocal(k.lastUsedAt, deps.config) : null,
  statusChanges: k.statusChanges
})

/** What the operation log calls a key (not the partner's openid). */
const keyTarget = (id: string) => `open311-key:${id}`

/** A new key for a partner system: its reporter is made with it; the key is answered once, only its hash is kept. */
export async function createKey(ctx: Ctx, partner: string): Promise<Open311Key & { apiKey: string }> {
  const id = newId()
  const apiKey = newApiKey(id)
  const key: StoredOpen311Key = {
    id, hash: hashKey(apiKey), partner, openid: partnerOpenid(id), createdAt: ctx.clock(), createdBy: ctx.user.nickname, revokedAt: null, lastUsedAt: null, statusChanges: false
  }
  await ctx.store.transaction(async (tx) => {
    await tx.users.insertIfAbsent({ ...newResident(key.openid), nickname: partner.slice(0, 20) })
    await tx.open311.putKey(key)
    await logOperation(ctx, tx, 'open311.createKey', keyTarget(id), null, { id, partner })
  })
  return { ...keyAnswer(ctx, key), apiKey }
}

export async function listKeys(ctx: Ctx): Promise<{ items: Open311Key[] }> {
  return { items: (await ctx.store.open311.listKeys(200)).map((k) => keyAnswer(ctx, k)) }
}

/** Revokes a key: its requests are refused (403) from now on; its cases stay with their units. */
export async function revokeKey(ctx: Ctx, id: string): Promise<Open311Key> {
  const key = await ctx.store.open311.getKey(id)
  if (!key) throw notFound('接入密钥不存在')
  if (key.revokedAt) throw conflict('该密钥已停用')
  const at = ctx.clock()
  await ctx.store.transaction(async (tx) => {
    await tx.open311.revokeKey(id, at)
    await logOperation(ctx, tx, 'open311.revokeKey', keyTarget(id), { partner: key.partner, revokedAt: null }, { partner: key.partner, revokedAt: isoLocal(at, ctx.config) })
  })
  return keyAnswer(ctx, { ...key, revokedAt: at })
}

/**
 * Allows (or stops) a key's status changes (issue 27): whether the partner's `FIXED`/`CLOSED` on
 * POST servicerequestupdates resolves a case (docs/open311.md). Off for every new key. Logged.
 */
export async function setStatusChanges(ctx: Ctx, id: string, allowed: boolean): Promise<Open311Key> {
  const key = await ctx.store.open311.getKey(id)
  if (!key) throw notFound('接入密钥不存在')
  if (key.revokedAt) throw conflict('该密钥已停用')
  if (key.statusChanges === allowed) return keyAnswer(ctx, key)
  await ctx.store.transaction(async (tx) => {
    await tx.open311.setStatusChanges(id, allowed)
    await logOperation(ctx, tx, 'open311.setStatusChanges', keyTarget(id), { partner: key.partner, statusChanges: key.statusChanges }, { partner: key.partner, statusChanges: allowed })
  })
  return keyAnswer(ctx, { ...key, statusChanges: allowed })
}

/** The partner of a request's api_key: one read by id; unknown, malformed or revoked keys are 403. */
export async function partnerOf(deps: Deps, apiKey: string | undefined): Promise<{ key: StoredOpen311Key; ctx: Ctx }> {
  if (!apiKey) throw new Open311Error(400, 'api_key was not provided')
  const id = keyIdOf(apiKey)
  const key = id ? await deps.store.open311.getKey(id) : null
  if (!key || key.revokedAt || !keyMatches(apiKey, key.hash)) throw new Open311Error(403, 'api_key is invalid or revoked')
  const now = deps.clock()
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) await deps.store.open311.touchKey(key.id, now)
  return { key, ctx: { ...deps, user: await identify(deps, key.openid) } }
}

// ---- GeoReport resources ----

export interface Service {
  service_code: string
  service_name: string
  description: string
  metadata: boolean
  type: 'realtime'
  keywords: string
  group: string
}

/** Problem categories (文明点赞 is not a service request). */
async function problemCategories(deps: Pick<Deps, 'store'>): Promise<ReportCategory[]> {
  // a deactivated category (基础数据) is no longer offered; its cases stay
  return (await deps.store.directory.listCategories()).filter((c) => c.kind !== 'praise' && c.active !== false)
}

export async function services(deps: Pick<Deps, 'store'>): Promise<Service[]> {
  const [categories, units] = await Promise.all([problemCategories(deps), deps.store.directory.listUnits()])
  return categories.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: `${c.group} · ${c.name}：${units.find((u) => u.id === c.unitId)?.name ?? '责任单位'}受理，办理时限 ${c.slaHours} 小时`,
    // a category that asks its own questions (基础数据) publishes them: GET services/{code}
    metadata: (c.questions?.length ?? 0) > 0,
    type: 'realtime',
    keywords: [c.group, c.name].join(','),
    group: c.group
  }))
}

/** A category's question as a GeoReport attribute (`values` for a choice: the option is its own key). */
export interface Attribute {
  variable: true
  code: string
  datatype: 'singlevaluelist' | 'number' | 'string'
  required: boolean
  datatype_description: string
  order: number
  description: string
  values?: { key: string; name: string }[]
}

const DATATYPE = { choice: 'singlevaluelist', number: 'number', text: 'string' } as const

/** A category's own questions (基础数据, issue 27) as the service definition's attributes, in their order. */
export async function serviceDefinition(deps: Pick<Deps, 'store'>, code: string): Promise<{ service_code: string; attributes: Attribute[] }> {
  const category = (await problemCategories(deps)).find((c) => c.code === code)
  if (!category) throw new Open311Error(404, `service_code ${code} was not found`)
  return {
    service_code: code,
    attributes: (category.questions ?? []).map((q, i) => ({
      variable: true,
      code: q.code,
      datatype: DATATYPE[q.type],
      required: q.required,
      datatype_description: q.type === 'number' ? '数字' : q.type === 'text' ? `最多 ${ANSWER_TEXT_MAX} 个字` : `其中之一：${(q.options ?? []).join('、')}`,
      order: i + 1,
      description: q.label,
      ...(q.type === 'choice' ? { values: (q.options ?? []).map((o) => ({ key: o, name: o })) } : {})
    }))
  }
}

export interface PostInput {
  service_code?: string
  lat?: string
  long?: string
  address_string?: string
  description?: string
  email?: string
  first_name?: string
  last_name?: string
  phone?: string
  media_url?: string
  account_id?: string
  device_id?: string
  /** Every parameter as sent (the `attribute[…]` ones are read from here). */
  [name: string]: string | undefined
}

/** At most this many `attribute[…]` a request, each code ≤ 40 and value ≤ 200 characters. */
const MAX_ATTRIBUTES = 20

/** A partner's `attribute[code]` (and `account_id`, `device_id`), kept as sent for staff; too many or too long is a 400. */
function attributesOf(input: PostInput): { code: string; value: string }[] {
  const out: { code: string; value: string }[] = []
  for (const [name, raw] of Object.entries(input)) {
    const m = /^attribute\[([^\]]*)\](?:\[\])?$/.exec(name)
    const code = m ? m[1]!.trim() : name === 'account_id' || name === 'device_id' ? name : null
    const value = raw?.trim()
    if (code === null || !value) continue
    if (!code || code.length > 40 || value.length > 200) throw new Open311Error(400, `${name.slice(0, 60)}: an attribute's code may have at most 40 characters, its value at most 200`)
    out.push({ code, value })
  }
  if (out.length > MAX_ATTRIBUTES) throw new Open311Error(400, `at most ${MAX_ATTRIBUTES} attributes`)
  return out
}

/**
 * The point of a request sent with `address_string` only: the center of the district's one village
 * whose name the address contains (the longest name, so 幸福村 before 福村), else a 400 naming why.
 * The case is marked to be placed by hand.
 */
async function placeByName(deps: Pick<Deps, 'store'>, address: string): Promise<{ latitude: number; longitude: number; villageId: string }> {
  if (!address) throw new Open311Error(400, 'lat and long were not provided, nor an address_string naming a village of the district')
  const villages = (await deps.store.directory.listRegions()).filter((r) => r.level === 'village' && r.center && r.name.length >= 2 && address.includes(r.name))
  const longest = Math.max(0, ...villages.map((v) => v.name.length))
  const named = villages.filter((v) => v.name.length === longest)
  if (!named.length) throw new Open311Error(400, 'lat and long were not provided, and address_string names no village of the district: send lat and long')
  if (new Set(named.map((v) => v.name)).size > 1 || named.length > 1) throw new Open311Error(400, `address_string names more than one village (${named.map((v) => v.name).join('、')}): send lat and long`)
  const v = named[0]!
  return { latitude: v.center!.latitude, longitude: v.center!.longitude, villageId: v.id }
}

/**
 * POST requests: the partner's case enters the same workflow as a resident's (`createReport`: the
 * village where the point lies, routing, the deadline, the unit's staff told), with its source. The
 * point must lie in the district (WGS-84, converted to GCJ-02); without one, the village its
 * address names. The resident's name, phone and email, the photo links (`media_url`, not fetched)
 * and the attributes are kept in the case's workflow, for staff only (never answered).
 */
export async function postRequest(deps: Deps, apiKey: string | undefined, input: PostInput): Promise<{ service_request_id: string; service_notice: string; account_id: null }[]> {
  const { key, ctx } = await partnerOf(deps, apiKey)
  const code = input.service_code?.trim()
  if (!code) throw new Open311Error(400, 'service_code was not provided')
  const contact = contactOf(input)
  const media = mediaUrlOf(input.media_url)
  const sent = attributesOf(input)
  // attribute[code] of the category's own questions are its answers (checked by createReport's one rule); others are kept as sent
  const asked = new Set(((await problemCategories(deps)).find((c) => c.code === code)?.questions ?? []).map((q) => q.code))
  const answers = Object.fromEntries(sent.filter((a) => asked.has(a.code)).map((a) => [a.code, a.value]))
  const attributes = sent.filter((a) => !asked.has(a.code))
  const address = (input.address_string ?? '').trim()
  if (address.length > 200) throw new Open311Error(400, 'address_string may have at most 200 characters')
  const noPoint = (input.lat ?? '').trim() === '' && (input.long ?? '').trim() === ''
  let point: { latitude: number; longitude: number; villageId?: string }
  if (noPoint) {
    point = await placeByName(deps, address)
  } else {
    const lat = Number(input.lat)
    const long = Number(input.long)
    if ((input.lat ?? '').trim() === '' || (input.long ?? '').trim() === '' || !Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 90 || Math.abs(long) > 180) {
      throw new Open311Error(400, 'lat and long must be WGS-84 degrees')
    }
    point = toStored(lat, long)
  }
  const description = (input.description ?? '').trim()
  if (description.length < DESCRIPTION.min || description.length > PARTNER_DESCRIPTION_MAX) {
    throw new Open311Error(400, `description must be ${DESCRIPTION.min}–${PARTNER_DESCRIPTION_MAX} characters`)
  }
  // the photo under media_url, fetched from an allowed partner host; else (or failing) the link stays a note for staff
  const fetched = media ? await partnerPhoto(ctx, media) : null
  // outside the district, createReport's locate rules answer INVALID_INPUT on `location`: a 400
  const location = { latitude: point.latitude, longitude: point.longitude, ...(address ? { address } : {}) }
  const intake = {
    ...(contact.name || contact.phone || contact.email ? { caller: { channel: 'open311' as const, ...contact } } : {}),
    ...(media ? { links: [media] } : {}),
    ...(fetched?.problem ? { linkProblems: [`${media}：${fetched.problem}`] } : {}),
    ...(attributes.length ? { attributes } : {}),
    ...(point.villageId ? { placedByName: true } : {})
  }
  let report: Report
  try {
    report = await createReport(
      ctx,
      { clientId: `open311-${newId()}`, category: code, description, photos: fetched?.fileId ? [fetched.fileId] : [], location, ...(point.villageId ? { villageId: point.villageId } : {}), ...(asked.size ? { answers } : {}) },
      // without a point, the case waits in the dispatcher's queue (待定位) to be placed by hand (report.place) and sent on
      { source: sourceOf(key.partner), perDay: PARTNER_PER_DAY, perMinute: PARTNER_PER_MINUTE, problemsOnly: true, intake, ...(point.villageId ? { unitId: dispatcherUnitsOf(deps.config)[0] } : {}) }
    )
  } catch (error) {
    // an unknown category (or 文明点赞, not a service request) is the specification's 404
    if (error instanceof AppError && error.code === 'INVALID_INPUT' && error.field === 'category') throw new Open311Error(404, `service_code ${code} was not found`)
    // a question's answer missing or wrong: the attribute named as the partner sent it
    if (error instanceof AppError && error.field?.startsWith('answers.')) throw new Open311Error(400, `attribute[${error.field.slice('answers.'.length)}]: ${error.message}`)
    throw error
  }
  return [{ service_request_id: report.id, service_notice: `${report.categoryName}：已转责任单位办理${report.dueAt ? `，办理期限 ${report.dueAt.slice(0, 16).replace('T', ' ')}` : ''}`, account_id: null }]
}

const noticeOf = (r: Pick<Report, 'dueAt'>, category: ReportCategory | undefined, unitName: string | undefined) =>
  `${unitName ?? '责任单位'}办理${category ? `，时限 ${category.slaHours} 小时` : ''}${r.dueAt ? `，${r.dueAt.slice(0, 16).replace('T', ' ')} 前` : ''}`

export interface ServiceRequest {
  service_request_id: string
  /** The case's name as messages give it: its category and place (「占道经营 · 幸福村菜市场东门」). */
  title: string
  status: 'open' | 'closed'
  status_notes: string
  service_name: string
  service_code: string
  description: string
  agency_responsible: string
  service_notice: string
  requested_datetime: string
  updated_datetime: string
  expected_datetime: string | null
  address: string
  lat: number
  long: number
  media_url: string
}

export interface Publish {
  /** The public URL of a photo of a case (null: none can be given). */
  mediaUrl(fileId: string, caseId: string): string | null
}

/**
 * Whether a file is a photo the public may see of this case (a public case, the photo not hidden):
 * the local server serves such a photo under its `media_url` (`/files/<id>?case=<case id>`) for
 * other sites' pages too (`Cross-Origin-Resource-Policy: cross-origin`). One read.
 */
export async function isPublicPhoto(deps: Pick<Deps, 'store'>, caseId: string, fileId: string): Promise<boolean> {
  const r = await deps.store.reports.get(caseId)
  return r !== null && mayViewAs(r, 'public') && visiblePhotos(r, [...r.photos, ...r.afterPhotos], 'public').includes(fileId)
}

interface Refs {
  categories: ReportCategory[]
  units: Map<string, string>
  villages: Map<string, string>
}

async function refsOf(deps: Pick<Deps, 'store'>): Promise<Refs> {
  const [categories, units, regions] = await Promise.all([deps.store.directory.listCategories(), deps.store.directory.listUnits(), deps.store.directory.listRegions()])
  return { categories, units: new Map(units.map((u) => [u.id, u.name])), villages: new Map(regions.map((r) => [r.id, r.name])) }
}

function requestOf(deps: Pick<Deps, 'config'>, r: Report, refs: Refs, publish: Publish): ServiceRequest {
  const unit = refs.units.get(r.unitId) ?? ''
  const last = r.timeline.at(-1)
  const closed = openStatusOf(r.status) === 'closed'
  const photo = (closed ? r.afterPhotos[0] : undefined) ?? r.photos[0]
  // the public form: an anonymous case's address is null; the village says where
  const address = r.location.address ?? (r.villageId ? refs.villages.get(r.villageId) ?? '' : '')
  return {
    service_request_id: r.id,
    title: address ? `${r.categoryName} · ${address}` : r.categoryName,
    status: openStatusOf(r.status),
    status_notes: closed && r.reply ? r.reply : STATUS_NAMES[r.status],
    service_name: r.categoryName,
    service_code: r.category,
    description: r.description,
    agency_responsible: unit,
    service_notice: noticeOf(r, refs.categories.find((c) => c.code === r.category), unit || undefined),
    requested_datetime: w3c(r.createdAt, deps.config),
    updated_datetime: w3c(last?.at ?? r.createdAt, deps.config),
    expected_datetime: r.dueAt ? w3c(r.dueAt, deps.config) : null,
    address,
    ...toWgs84(r.location.latitude, r.location.longitude),
    media_url: (photo && publish.mediaUrl(photo, r.id)) || ''
  }
}

export interface RequestsQuery {
  ids?: string[]
  codes?: string[]
  statuses?: ('open' | 'closed')[]
  from: Date
  to: Date
  /** Which page (from 1) of `pageSize` requests; without them, the first MAX_ITEMS. */
  page?: number
  pageSize?: number
}

/** One page of GET requests: its requests, how many the whole query has, and when the oldest step it read was taken (ms; null: none). */
export interface RequestsPage {
  items: ServiceRequest[]
  total: number
  oldest: number | null
}

/**
 * The public cases of up to MAX_ITEMS ids, newest filed first: in halves, since a CloudBase read
 * answers at most 999 (its adapter's page) — two fixed calls there, whatever the data.
 */
async function publicByIds(deps: Pick<Deps, 'store'>, filter: { statuses: readonly ReportStatus[]; categories?: string[] }, ids: string[]): Promise<StoredReport[]> {
  const halves = await Promise.all([ids.slice(0, 500), ids.slice(500, MAX_ITEMS)].filter((h) => h.length).map((h) => deps.store.reports.publicCases({ ...filter, ids: h }, undefined, h.length)))
  return halves.flatMap((h) => h.items).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
}

/**
 * GET requests: by ids (which override everything else), or in a window by codes and statuses;
 * newest first, at most MAX_ITEMS in all, answered a page at a time (issue 23): which cases and in
 * what order is decided on the stored rows (one read of at most MAX_ITEMS), and only the page's
 * cases are presented (their timelines read) and answered, so a page's work is bounded by its size.
 */
export async function requestsPage(deps: Deps, q: RequestsQuery, publish: Publish, reader: Reader = PUBLIC_READER): Promise<RequestsPage> {
  const refs = await refsOf(deps)
  const visible = reader.partner ? PARTNER : PUBLIC
  /** The answered order: the ids, else the rows when the store has no `publicIds`. */
  let order: string[]
  let rows: StoredReport[] | null = null
  let oldest: number | null = null
  const from = Math.floor(q.from.getTime() / 1000) * 1000
  const to = q.to.getTime()
  if (q.ids) {
    rows = await publicByIds(deps, { statuses: visible }, q.ids)
    order = rows.map((r) => r.id)
  } else {
    const known = new Set(refs.categories.filter((c) => c.kind !== 'praise').map((c) => c.code))
    const unknown = q.codes?.find((c) => !known.has(c))
    if (unknown) throw new Open311Error(404, `service_code ${unknown} was not found`)
    const statuses = (q.statuses?.length ? [...new Set(q.statuses.flatMap((s) => STATUSES_OF[s]))] : visible).filter((s) => visible.includes(s))
    // a window selects by the last update (FixMyStreet's backfill keeps a request only when its
    // updated_datetime lies in the window it asked): the cases whose last step lies in it
    const updated = await deps.store.reports.updatedBetween(q.from, q.to, NOT_PUBLIC_STEPS, MAX_ITEMS)
    if (!updated.length) return { items: [], total: 0, oldest: null }
    oldest = Math.min(...updated.map((u) => u.at.getTime()))
    // the answered updated_datetime is the public timeline's last step (moderation left out, as
    // updatedBetween leaves it out) to the second: it decides, newest first, then the id
    const at = new Map(updated.map((u) => [u.reportId, Math.floor(u.at.getTime() / 1000) * 1000]))
    const filter = { statuses, ...(q.codes?.length ? { categories: q.codes } : {}) }
    const ids = updated.map((u) => u.reportId)
    // which of them are answered: their ids alone where the store can (no case decoded), else the cases
    if (deps.store.reports.publicIds) order = await deps.store.reports.publicIds({ ...filter, ids })
    else order = (rows = await publicByIds(deps, filter, ids)).map((r) => r.id)
    order = order
      .filter((id) => at.get(id)! >= from && at.get(id)! <= to)
      .sort((a, b) => at.get(b)! - at.get(a)! || a.localeCompare(b))
  }
  const size = Math.min(q.pageSize ?? MAX_ITEMS, MAX_ITEMS)
  const first = ((q.page ?? 1) - 1) * size
  const pageIds = order.slice(first, first + size)
  // the page's cases: those already read, else read now (at most a page)
  const byId = new Map((rows ?? (pageIds.length ? await publicByIds(deps, { statuses: visible }, pageIds) : [])).map((r) => [r.id, r]))
  const pageRows = pageIds.map((id) => byId.get(id)).filter((r): r is StoredReport => r !== undefined)
  const shown = (await presentMany(deps, pageRows, null, deps.store, null, reader)).map((r) => requestOf(deps, r, refs, publish))
  // what is answered stays in the window as answered (a step's time to the second)
  const items = q.ids ? shown : shown.filter((r) => { const t = Date.parse(r.updated_datetime); return t >= from && t <= to })
  return { items, total: order.length, oldest }
}

/** GET requests, the first MAX_ITEMS (a case by id, the cloud function's tests). */
export async function requests(deps: Deps, q: RequestsQuery, publish: Publish, reader: Reader = PUBLIC_READER): Promise<ServiceRequest[]> {
  return (await requestsPage(deps, q, publish, reader)).items
}

/** GET requests/{id}: one public case, else 404. */
export async function request(deps: Deps, id: string, publish: Publish, reader: Reader = PUBLIC_READER): Promise<ServiceRequest[]> {
  const found = await requests(deps, { ids: [id], from: new Date(0), to: new Date(0) }, publish, reader)
  if (!found.length) throw new Open311Error(404, `service_request_id ${id} was not found`)
  return found
}

/** GET tokens/{id}: requests are created in real time, so a token is its request's id. */
export async function token(deps: Deps, id: string): Promise<{ service_request_id: string; token: string }[]> {
  const { items } = await deps.store.reports.publicCases({ statuses: PUBLIC, ids: [id] }, undefined, 1)
  if (!items.length) throw new Open311Error(404, `token ${id} was not found`)
  return [{ service_request_id: id, token: id }]
}

export interface RequestUpdate {
  update_id: string
  service_request_id: string
  status: string
  /** Our status, for clients that read FixMyStreet's `external_status_code`. */
  external_status_code: ReportStatus
  description: string
  updated_datetime: string
  media_url: string
}

/**
 * servicerequestupdates (FixMyStreet's extension): the steps of public cases' timelines in
 * [from, to], oldest first, at most 1000. An update's id is its case's id and its place in the
 * timeline (stable: a timeline is only appended to). Notes are the public form's.
 */
export async function updates(deps: Deps, window: { from: Date; to: Date }, publish: Publish, reader: Reader = PUBLIC_READER): Promise<RequestUpdate[]> {
  const events = await deps.store.reports.eventsBetween(window.from, window.to, MAX_ITEMS)
  const ids = [...new Set(events.map((e) => e.reportId))]
  if (!ids.length) return []
  const { items } = await deps.store.reports.publicCases({ statuses: reader.partner ? PARTNER : PUBLIC, ids }, undefined, MAX_ITEMS)
  const shown = await presentMany(deps, items, null, deps.store, null, reader)
  const from = window.from.getTime()
  const to = window.to.getTime()
  const out: (RequestUpdate & { at: number })[] = []
  for (const r of shown) {
    r.timeline.forEach((e, i) => {
      const at = Date.parse(e.at)
      if (at < from || at > to) return
      const photo = e.action === 'resolve' ? r.afterPhotos[0] : undefined
      out.push({
        update_id: `${r.id}-${i}`,
        service_request_id: r.id,
        status: UPDATE_STATUS[e.status],
        external_status_code: e.status,
        description: e.note ?? ACTION_WORDS[e.action] ?? STATUS_NAMES[e.status],
        updated_datetime: w3c(e.at, deps.config),
        media_url: (photo && publish.mediaUrl(photo, r.id)) || '',
        at
      })
    })
  }
  return out.sort((a, b) => a.at - b.at || a.update_id.localeCompare(b.update_id)).slice(0, MAX_ITEMS).map(({ at, ...u }) => (void at, u))
}

/** The statuses FixMyStreet posts with an update (its own, upper case), as the staff read them. */
const PARTNER_STATUS: Record<string, string> = {
  OPEN: '待处理', INVESTIGATING: '调查中', IN_PROGRESS: '处理中', ACTION_SCHEDULED: '已安排处理', FIXED: '已解决', CLOSED: '已关闭',
  NO_FURTHER_ACTION: '不再处理', DUPLICATE: '重复', NOT_COUNCILS_RESPONSIBILITY: '不属本单位', INTERNAL_REFERRAL: '内部转办'
}

export interface UpdateInput {
  service_request_id?: string
  description?: string
  status?: string
  updated_datetime?: string
  email?: string
  first_name?: string
  last_name?: string
  phone?: string
  media_url?: string
}

const ID = /^[\w-]{1,64}$/

/** A partner's statuses that say the problem is fixed: where its key allows, they resolve an open case (docs/open311.md). */
const CLOSING: readonly string[] = ['FIXED', 'CLOSED']

/**
 * POST servicerequestupdates (FixMyStreet's extension: a resident's comment, or its own status
 * change, posted back): a `comment` step of the case through the case model (model.ts `decide`),
 * its note for staff only (who wrote it, how to reach them, the partner's status, a photo link);
 * the case's unit is told. A partner's `status` is a word in the note, except `FIXED`/`CLOSED` on a
 * case still open here: where its key allows status changes (外部系统接入, `setStatusChanges`) the
 * case is also accepted (if not yet) and resolved, the partner's words its reply, in the same
 * transaction; else a 403 and nothing is written. A case the partner may not see is a 404. Answers
 * the update's id, as the updates feed names that step (`<case id>-<step>`: the comment, or the
 * resolving step).
 */
export async function postUpdate(deps: Deps, apiKey: string | undefined, input: UpdateInput): Promise<{ update_id: string }[]> {
  const { key, ctx } = await partnerOf(deps, apiKey)
  const id = input.service_request_id?.trim() ?? ''
  if (!id) throw new Open311Error(400, 'service_request_id was not provided')
  if (!ID.test(id)) throw new Open311Error(404, 'service_request_id was not found')
  const text = (input.description ?? '').trim()
  if (!text) throw new Open311Error(400, 'description was not provided')
  if (text.length > PARTNER_DESCRIPTION_MAX) throw new Open311Error(400, `description may have at most ${PARTNER_DESCRIPTION_MAX} characters`)
  const status = input.status?.trim().toUpperCase()
  if (status && !Object.hasOwn(PARTNER_STATUS, status)) throw new Open311Error(400, `status must be one of ${Object.keys(PARTNER_STATUS).join(', ')}`)
  if (input.updated_datetime && !parseW3c(input.updated_datetime)) throw new Open311Error(400, 'updated_datetime must be a W3C datetime with its time zone')
  const media = mediaUrlOf(input.media_url)
  const contact = contactOf(input)
  const r = await deps.store.reports.get(id)
  if (!r || r.kind === 'praise' || !mayViewAs(r, 'partner')) throw new Open311Error(404, `service_request_id ${id} was not found`)
  if (!(await ctx.contentCheck.isAcceptable(text, ctx.user.openid))) throw new Open311Error(400, 'description was refused by the content check')
  // FIXED/CLOSED on a case still open here is a status change: only where the district allows it (the key's switch)
  const closing = status !== undefined && CLOSING.includes(status) && OPEN_STATUSES.includes(r.status)
  if (closing && !key.statusChanges) throw new Open311Error(403, `status ${status}: ${key.partner} may not change a case's status (the district has not allowed it for this api_key); post the update without a status, or with OPEN`)
  const who = [contact.name, contact.phone, contact.email].filter(Boolean).join('，')
  const note = [
    `${key.partner}转来${who ? `（${who}）` : ''}：${text}`,
    status ? `对方状态：${PARTNER_STATUS[status]}（${status}），${closing ? '本区据此办结' : '本区状态未变'}` : '',
    media ? `照片链接：${media}` : ''
  ].filter(Boolean).join('\n')
  const actor = { ...actorOf(ctx.user), partner: true, ...(key.statusChanges ? { statusChanges: true } : {}) }
  const comment = { action: 'comment' as const, params: { note, reason: text.slice(0, 60), title: `${key.partner}转来群众意见` } }
  try {
    if (!closing) await act(ctx, id, comment.action, comment.params, actor)
    else {
      // its comment (for staff, as any), 受理 when its unit has not yet, then 办结 with the partner's words as the reply (public)
      await actInTurn(ctx, id, [
        comment,
        ...(r.status === 'submitted' ? [{ action: 'accept' as const, params: { note: `${key.partner}告知已办结，随之受理`, pointsPerAccepted: ctx.config.pointsPerAcceptedReport } }] : []),
        { action: 'resolve' as const, params: { reply: `${key.partner}：${text}`.slice(0, PARTNER_DESCRIPTION_MAX), photos: [], verifyFirst: await verifyFirstOf(ctx, r) } }
      ], actor)
    }
  } catch (error) {
    // the model refuses (e.g. a case returned to the dispatcher is not resolved from outside): nothing was written
    if (error instanceof AppError) throw open311ErrorOf(error)
    throw error
  }
  // the step's id as the partner reads it in the updates feed (its place in the partner's view of the timeline)
  const [shown] = await presentMany(deps, [(await deps.store.reports.get(id))!], null, deps.store, null, { partner: true })
  const step = shown!.timeline.map((e) => e.action).lastIndexOf(closing ? 'resolve' : 'comment')
  return [{ update_id: `${id}-${step}` }]
}

/**
 * A partner's photo (`media_url`, issue 27): fetched only from a host on the allowlist
 * (config.partnerMedia: exact host names), within its byte, pixel and time limits, re-encoded and
 * stored as the partner's upload (`photos.store`), so the case takes it up like any photo (and the
 * content check sees it before it is public). Whatever fails leaves the case to be filed without
 * it, the reason noted for staff; nothing here refuses the request.
 */
async function partnerPhoto(ctx: Ctx, url: string): Promise<{ fileId: string; problem?: never } | { fileId?: never; problem: string }> {
  const limits = ctx.config.partnerMedia
  const host = new URL(url).hostname.toLowerCase()
  if (!limits.hosts.includes(host)) return { problem: '来源不在允许取回照片的接入方主机之列，未取回' }
  if (!ctx.mediaFetch || !ctx.photos.store) return { problem: '本环境不取回照片' }
  try {
    const bytes = await ctx.mediaFetch.get(url, { maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs })
    return { fileId: await ctx.photos.store(bytes, ctx.user.openid, { maxPixels: limits.maxPixels }) }
  } catch (error) {
    const why = error instanceof Error ? error.message : '取回失败'
    ctx.log('open311 media_url not taken', { url, why })
    return { problem: `照片未取回：${why}` }
  }
}

/** A partner's photo link: http(s), at most 500 characters; else a 400. */
export function mediaUrlOf(value: string | undefined): string | null {
  const url = value?.trim()
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Open311Error(400, 'media_url must be an http(s) URL')
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > 500) throw new Open311Error(400, 'media_url must be an http(s) URL of at most 500 characters')
  return url
}

/** The resident's name, phone and email a partner sends (staff only), each checked for length. */
export function contactOf(input: { email?: string; first_name?: string; last_name?: string; phone?: string }): { name: string | null; phone: string | null; email: string | null } {
  const name = [input.last_name, input.first_name].map((x) => x?.trim() ?? '').filter(Boolean).join('')
  const phone = input.phone?.trim() || null
  const email = input.email?.trim() || null
  if (name.length > 40) throw new Open311Error(400, 'first_name and last_name may have at most 40 characters together')
  if (phone && !/^[\d+\-() ]{3,30}$/.test(phone)) throw new Open311Error(400, 'phone must be a telephone number')
  if (email && (email.length > 100 || !/^[^\s@<>]+@[^\s@<>]+$/.test(email))) throw new Open311Error(400, 'email must be an email address')
  return { name: name || null, phone, email }
}

/** An AppError of the use cases as the specification's error: bad input is 400, too many requests 429. */
export function open311ErrorOf(error: AppError): Open311Error {
  if (error.code === 'NOT_FOUND') return new Open311Error(404, error.message)
  if (error.code === 'RATE_LIMITED') return new Open311Error(429, error.message)
  if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED') return new Open311Error(403, error.message)
  if (error.code === 'INTERNAL') return new Open311Error(500, error.message)
  return new Open311Error(400, error.field ? `${error.field}: ${error.message}` : error.message)
}
