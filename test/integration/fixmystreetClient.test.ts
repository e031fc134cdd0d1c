import gcoord from 'gcoord'
import { XMLParser } from 'fast-xml-parser'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * FixMyStreet's published Open311 client, as far as this district depends on it (issue 27, item 3),
 * against the real HTTP server on the store this project runs (sqlite / cloudbase). Reproduced from
 * mysociety/fixmystreet (read, not copied): `perllib/Open311.pm` (`_get_xml_object`: XML::Simple
 * with ForceArray on service, attribute, value, request, error, request_update and group,
 * GroupTags collapsing their lists, KeyAttr {} and SuppressEmpty undef; `map_state`; the request
 * and update parameters it sends), `Open311/PopulateServiceList.pm` (metadata true → the service
 * definition's attributes, which must be an array, sorted by order, trailing colons cut),
 * `Open311/GetServiceRequests.pm` (a request needs an id, lat and long; its updated_datetime, in UTC
 * W3CDTF, compared as text with the window: outside [start_date, end_date] it is discarded; its
 * title, else 「<service_name> problem」) and `Open311/UpdatesBase.pm` (`check_date`: the same rule
 * for updates; an update needs its update_id).
 */

// ---------------------------------------------------------------- XML::Simple as FixMyStreet sets it up

const GROUP_TAGS: Record<string, string> = {
  services: 'service', attributes: 'attribute', values: 'value', service_requests: 'request', errors: 'error', service_request_updates: 'request_update', groups: 'group'
}
const FORCE_ARRAY = new Set(Object.values(GROUP_TAGS))
const parser = new XMLParser({
  // XML::Simple answers every text as a string; attributes are ignored by nothing here (ours carry none)
  parseTagValue: false,
  ignoreAttributes: false,
  ignoreDeclaration: true,
  isArray: (name) => FORCE_ARRAY.has(name)
})

type Perl = undefined | string | Perl[] | { [k: string]: Perl }

/** SuppressEmpty => undef (an empty element is undef) and GroupTags (`<attributes><attribute/>…` is the list itself). KeyAttr => {}: lists are never folded into hashes, which fast-xml-parser never does. */
function simple(value: unknown): Perl {
  if (Array.isArray(value)) return value.map(simple)
  if (value === '' || value === null || value === undefined) return undefined
  if (typeof value !== 'object') return String(value)
  const out: Record<string, Perl> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const group = GROUP_TAGS[k]
    const inner = group && v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
    out[k] = inner && Object.keys(inner).length === 1 && group! in inner ? simple(inner[group!]) : simple(v)
  }
  return out
}

/** `XMLin`: the root element's content (its name is dropped); undef when the text is not XML. */
function xmlObject(text: string): Record<string, any> | undefined {
  try {
    const doc = parser.parse(text, true) as Record<string, unknown>
    const root = Object.keys(doc).find((k) => !k.startsWith('?'))
    // the root's own name is dropped, so GroupTags never applies to it (services, service_requests, …)
    return root ? ((simple(doc[root]) as Record<string, any> | undefined) ?? {}) : undefined
  } catch {
    return undefined
  }
}

/** `map_state`: lower case, `_` as spaces, five words mapped; FixMyStreet's own states pass through. */
function mapState(incoming: string, extendedStatuses = false): string {
  const state = incoming.toLowerCase().replace(/_/g, ' ')
  const map: Record<string, string> = {
    fixed: 'fixed - council', 'not councils responsibility': 'not responsible', 'no further action': 'unable to fix', open: 'confirmed', closed: extendedStatuses ? 'closed' : 'fixed - council'
  }
  return map[state] ?? state
}
/** The states a FixMyStreet problem can be in (db/fixture.sql, the core states and the fixed ones). */
const FMS_STATES = ['confirmed', 'investigating', 'in progress', 'planned', 'action scheduled', 'unable to fix', 'not responsible', 'duplicate', 'internal referral', 'cancelled', 'closed', 'fixed', 'fixed - council', 'fixed - user']

/** DateTime::Format::W3CDTF of a time in UTC, to the second (the times compared as text). */
const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')
/** `parse_datetime` then `format_datetime` in UTC: undefined for what it cannot parse. */
function updatedUtc(text: string | undefined): string | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined
  return utc(new Date(text))
}

// ---------------------------------------------------------------- the client against the server

let cloud: TestCloud
let admin: string
let staff: string
let apiKey: string
let now = Date.parse('2026-11-01T10:00:00.600+08:00')
const at = (w3c: string) => (now = Date.parse(w3c))

beforeAll(async () => {
  cloud = await startCloud({ clock: () => new Date(now) })
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  apiKey = (await cloud.ok(admin, 'open311', 'createKey', { partner: 'FixMyStreet' })).apiKey
})
afterAll(() => cloud.close())

/** `Open311->_get`: the endpoint's path and the query with `jurisdiction_id` (FixMyStreet always sends it). */
async function fmsGet(path: string, params: Record<string, string> = {}) {
  const url = new URL(`${cloud.url}/open311/v2/${path}`)
  for (const [k, v] of Object.entries({ ...params, jurisdiction_id: 'puyang' })) url.searchParams.set(k, v)
  const res = await fetch(url)
  return xmlObject(await res.text())
}
/** `Open311->_post`: a form with `jurisdiction_id` and `api_key` first; a failure answers 0 (and the error list). */
async function fmsPost(path: string, params: Record<string, string>) {
  const res = await fetch(`${cloud.url}/open311/v2/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ jurisdiction_id: 'puyang', api_key: apiKey, ...params }).toString()
  })
  const obj = xmlObject(await res.text())
  return res.ok ? { ok: true as const, obj: obj! } : { ok: false as const, errors: (obj?.error ?? []) as { code: string; description: string }[] }
}

/** PopulateServiceList: each service of the list; for metadata true, its attributes (an array, else none), by order. */
async function populateServiceList() {
  const list = await fmsGet('services.xml')
  const contacts: { code: string; category: string; group: string[] | undefined; extra: Record<string, any>[] }[] = []
  for (const service of list!.service as Record<string, any>[]) {
    let extra: Record<string, any>[] = []
    if (String(service.metadata ?? '').toLowerCase() === 'true') {
      const meta = await fmsGet(`services/${service.service_code}.xml`)
      if (Array.isArray(meta?.attributes)) {
        extra = [...meta!.attributes]
          .sort((a, b) => (Number(a.order) || 0) - (Number(b.order) || 0))
          .map((a) => ({ ...a, description: a.description?.replace(/:\s*$/, ''), order: a.order === undefined ? undefined : Number(a.order) }))
      }
    }
    contacts.push({ code: service.service_code, category: String(service.service_name).trim(), group: service.group, extra })
  }
  return contacts
}

/** `send_service_request` as FixMyStreet's default cobrand builds it: title, detail and the report's URL as one description. */
async function sendServiceRequest(problem: { title: string; detail: string; name: string; email: string; lat: number; long: number }, serviceCode: string, extra: Record<string, string> = {}) {
  const [, first, last] = /(\S+)\s+(.+)/.exec(problem.name) ?? [null, problem.name, '']
  const answer = await fmsPost('requests.xml', {
    lat: String(problem.lat), long: String(problem.long), email: problem.email,
    description: `${problem.title}\n\n${problem.detail}\n\nhttps://fms.example.org/report/1\n`,
    service_code: serviceCode, first_name: first ?? '', last_name: last ?? '', ...extra
  })
  return answer.ok ? (answer.obj.request?.[0]?.service_request_id as string | undefined) ?? 0 : 0
}

/** GetServiceRequests' `create_problems`: the requests it would import, with the state and title it gives them. */
async function fetchRequests(start: Date, end: Date) {
  const args = { start_date: utc(start), end_date: utc(end) }
  const requests = ((await fmsGet('requests.xml', args))?.request ?? []) as Record<string, any>[]
  const imported: { id: string; title: string; state: string; updated: string }[] = []
  const discarded: string[] = []
  for (const r of requests) {
    if (!r.service_request_id || !r.lat || !r.long) continue
    let updated = updatedUtc(r.updated_datetime)
    if (!updated) continue
    const created = updatedUtc(r.requested_datetime) ?? updated
    if (updated < created) updated = created
    if (updated < args.start_date || updated > args.end_date) {
      discarded.push(r.service_request_id)
      continue
    }
    imported.push({ id: r.service_request_id, title: r.title || `${r.service_name} problem`, state: mapState(r.status), updated })
  }
  return { imported, discarded }
}

/** GetServiceRequestUpdates: the updates it would apply (an update_id, a time within the window), with the state each sets. */
async function fetchUpdates(start: Date, end: Date) {
  const args = [utc(start), utc(end)] as const
  const updates = ((await fmsGet('servicerequestupdates.xml', { api_key: apiKey, start_date: args[0], end_date: args[1] }))?.request_update ?? []) as Record<string, any>[]
  return updates
    .filter((u) => u.update_id !== undefined)
    .filter((u) => {
      const updated = updatedUtc(u.updated_datetime)
      return updated !== undefined && !(updated < args[0] || updated > args[1])
    })
    .map((u) => ({ id: u.update_id as string, request: u.service_request_id as string, state: mapState(u.status, true), external: u.external_status_code as string | undefined, text: u.description as string | undefined }))
}

const market = { latitude: 35.7612, longitude: 115.03 }
const [marketLong, marketLat] = gcoord.transform([market.longitude, market.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
const problem = (title: string) => ({ title, detail: `${title}，早晚高峰堵塞交通。`, name: '张 三', email: 'zhang@example.org', lat: marketLat, long: marketLong })

describe('FixMyStreet’s client against the server', () => {
  it('PopulateServiceList: every service with its group; a category’s questions as the contact’s extra fields, in order', async () => {
    const contacts = await populateServiceList()
    expect(contacts.length).toBeGreaterThan(10)
    // `group` is in FixMyStreet's ForceArray: a list of one
    expect(contacts.find((c) => c.code === 'zhandao')).toEqual({ code: 'zhandao', category: '占道经营', group: ['市容秩序'], extra: [] })
    expect(contacts.some((c) => c.code === 'dianzan')).toBe(false)
    expect(contacts.find((c) => c.code === 'feixian')!.extra).toEqual([
      { variable: 'true', code: 'charging', datatype: 'singlevaluelist', required: 'false', datatype_description: '其中之一：是、否', order: 1, description: '是否有电动车正在充电', values: [{ key: '是', name: '是' }, { key: '否', name: '否' }] },
      { variable: 'true', code: 'floor', datatype: 'number', required: 'false', datatype_description: '数字', order: 2, description: '楼层' }
    ])
  })

  it('send_service_request: the long description whole, the id from request[0], attributes filled from the contact’s fields', async () => {
    at('2026-11-01T10:00:00.600+08:00')
    const long = problem(`东门占道${'经营'.repeat(300)}`)
    const id = await sendServiceRequest(long, 'zhandao')
    expect(id).toEqual(expect.any(String))
    expect((await cloud.store.reports.get(id as string))!.description).toContain(long.detail)
    const charging = await sendServiceRequest(problem('楼道飞线充电'), 'feixian', { 'attribute[charging]': '是', 'attribute[floor]': '5' })
    expect((await cloud.ok(staff, 'report', 'get', { id: charging })).answers).toEqual([{ code: 'charging', label: '是否有电动车正在充电', value: '是' }, { code: 'floor', label: '楼层', value: '5' }])
    // a refusal is FixMyStreet's 0 with an error list it can log (`_process_error`)
    const refused = await fmsPost('requests.xml', { service_code: 'feixian', lat: String(marketLat), long: String(marketLong), description: '楼道里有飞线充电', 'attribute[floor]': '五楼' })
    expect(refused).toEqual({ ok: false, errors: [{ code: '400', description: 'attribute[floor]: 「楼层」应填数字' }] })
    // the token lookup: request[0]
    expect((await fmsGet(`tokens/${id}.xml`))!.request[0].service_request_id).toBe(id)
  })

  it('GetServiceRequests: a backfill imports what it is sent (none discarded), titled, in FixMyStreet’s states', async () => {
    at('2026-11-02T09:00:00.300+08:00')
    const id = await sendServiceRequest(problem('十一月初的占道经营'), 'zhandao') as string
    at('2026-11-20T09:00:00.250+08:00')
    await cloud.ok(staff, 'report', 'accept', { id })
    // the last month, ending in the second of the update (the server keeps milliseconds, FixMyStreet compares seconds)
    const month = await fetchRequests(new Date('2026-10-21T01:00:00Z'), new Date('2026-11-20T01:00:00Z'))
    expect(month.discarded).toEqual([])
    expect(month.imported.find((r) => r.id === id)).toEqual({ id, title: expect.stringMatching(/^占道经营 · /), state: 'confirmed', updated: '2026-11-20T01:00:00Z' })
    // the window it was filed in: its update is later, the server does not send what FixMyStreet would discard
    const early = await fetchRequests(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-10T00:00:00Z'))
    expect(early.discarded).toEqual([])
    expect(early.imported.map((r) => r.id)).not.toContain(id)
    // resolved: closed, which FixMyStreet's map makes 'fixed - council'
    at('2026-11-21T09:00:00+08:00')
    await cloud.ok(staff, 'report', 'resolve', { id, note: '摊贩已劝离', photos: [await cloud.photoOf(staff)] })
    const later = await fetchRequests(new Date('2026-11-21T00:00:00Z'), new Date('2026-11-21T02:00:00Z'))
    expect(later.discarded).toEqual([])
    expect(later.imported.find((r) => r.id === id)!.state).toBe('fixed - council')
    for (const r of [...month.imported, ...later.imported]) {
      expect(r.title).not.toMatch(/ problem$/)
      expect(FMS_STATES).toContain(r.state)
    }
  })

  it('GetServiceRequestUpdates: every update has its id and a time in the window, and a state FixMyStreet knows', async () => {
    const updates = await fetchUpdates(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-22T00:00:00Z'))
    const raw = (await fmsGet('servicerequestupdates.xml', { api_key: apiKey, start_date: '2026-11-01T00:00:00Z', end_date: '2026-11-22T00:00:00Z' }))!.request_update as unknown[]
    expect(updates.length).toBe(raw.length)
    expect(updates.length).toBeGreaterThan(3)
    for (const u of updates) expect(FMS_STATES).toContain(u.state)
    expect(new Set(updates.map((u) => u.state))).toEqual(new Set(['confirmed', 'in progress', 'fixed - council']))
  })

  it('post_service_request_update: a resident’s comment answers request_update[0].update_id', async () => {
    at('2026-11-21T10:00:00+08:00')
    const id = (await fetchRequests(new Date('2026-11-21T00:00:00Z'), new Date('2026-11-21T02:00:00Z'))).imported[0]!.id
    const answer = await fmsPost('servicerequestupdates.xml', {
      update_id_ext: '77', updated_datetime: '2026-11-21T02:00:00Z', service_request_id: id, service_request_id_ext: '12', status: 'OPEN',
      email: 'zhang@example.org', description: '摊贩晚上又回来了', public_anonymity_required: 'FALSE', first_name: '三', last_name: '张'
    })
    expect(answer.ok).toBe(true)
    const updateId = (answer as { obj: Record<string, any> }).obj.request_update[0].update_id
    expect(updateId).toMatch(new RegExp(`^${id}-\\d+$`))
    expect((await cloud.ok(staff, 'report', 'get', { id })).timeline.at(-1)).toMatchObject({ action: 'comment', note: expect.stringContaining('摊贩晚上又回来了') })
  })

  it('post_service_request_update with its own status change: refused (403) until the district allows the key, then the case is resolved and the update read back is its own', async () => {
    at('2026-11-22T10:00:00+08:00')
    const id = await sendServiceRequest(problem('北门占道'), 'zhandao')
    const change = { updated_datetime: '2026-11-22T02:05:00Z', service_request_id: id as string, status: 'FIXED', description: '已由社区清理', public_anonymity_required: 'FALSE', first_name: '三', last_name: '张' }
    at('2026-11-22T10:05:00+08:00')
    const refused = await fmsPost('servicerequestupdates.xml', change)
    expect(refused).toMatchObject({ ok: false, errors: [{ code: '403' }] })
    expect((await cloud.ok(staff, 'report', 'get', { id })).status).toBe('submitted')
    const key = (await cloud.ok(admin, 'open311', 'keys', {})).items.find((k: { partner: string }) => k.partner === 'FixMyStreet')
    await cloud.ok(admin, 'open311', 'setStatusChanges', { id: key.id, allowed: true })
    const answer = await fmsPost('servicerequestupdates.xml', change)
    expect(answer.ok).toBe(true)
    const updateId = (answer as { obj: Record<string, any> }).obj.request_update[0].update_id as string
    expect((await cloud.ok(staff, 'report', 'get', { id })).status).toBe('resolved')
    // GetServiceRequestUpdates reads the step back: the one with its own id says fixed, so nothing moves back
    const back = (await fetchUpdates(new Date('2026-11-22T02:00:00Z'), new Date('2026-11-22T02:10:00Z'))).filter((u) => u.request === id)
    expect(back.find((u) => u.id === updateId)).toMatchObject({ state: 'fixed - council', external: 'resolved' })
    expect(back.at(-1)!.id).toBe(updateId)
    await cloud.ok(admin, 'open311', 'setStatusChanges', { id: key.id, allowed: false })
  })
})
