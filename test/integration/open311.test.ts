import gcoord from 'gcoord'
import { XMLParser } from 'fast-xml-parser'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Open311 GeoReport v2 (issue 15) over HTTP, in XML and JSON, on the store this project runs
 * (sqlite / cloudbase): discovery, services, a partner's request with its key, read back, its
 * status after staff act, the updates feed, and the specification's errors. The XML is read the
 * way FixMyStreet's client reads it (perllib/Open311.pm: XML::Simple, `$obj->{request}->{…}`,
 * `request_update` elements): a list of one is an element, not an array.
 */
let cloud: TestCloud
let admin: string
let staff: string
let resident: string
let apiKey: string
let keyId: string
const xml = new XMLParser({ parseTagValue: false })

beforeAll(async () => {
  cloud = await startCloud()
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  resident = await cloud.login('o311-resident')
  const made = await cloud.ok(admin, 'open311', 'createKey', { partner: '12345热线' })
  apiKey = made.apiKey
  keyId = made.id
})
afterAll(() => cloud.close())

const base = () => `${cloud.url}/open311/v2`

async function get(path: string) {
  const res = await fetch(`${base()}/${path}`)
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: path.includes('.json') ? JSON.parse(text) : xml.parse(text) }
}

async function post(path: string, form: Record<string, string>) {
  const res = await fetch(`${base()}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(form).toString() })
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: path.endsWith('.json') ? JSON.parse(text) : xml.parse(text) }
}

/** 幸福村菜市场 (GCJ-02, how the district stores it) as a partner sends it: WGS-84. */
const market = { latitude: 35.7612, longitude: 115.03 }
const wgs = (p: { latitude: number; longitude: number }) => {
  const [long, lat] = gcoord.transform([p.longitude, p.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { lat: String(lat), long: String(long) }
}
const request = (over: Record<string, string> = {}) => ({
  api_key: apiKey, jurisdiction_id: 'demo', service_code: 'zhandao', ...wgs(market), address_string: '幸福村菜市场东门',
  description: '菜市场东门流动摊贩占道经营', email: 'caller@example.com', first_name: '张', last_name: '三', phone: '13800000000', ...over
})
const w3c = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/

describe('keys', () => {
  it('are made, listed and revoked by admins, shown once, logged, never listed with the key', async () => {
    const made = await cloud.ok(admin, 'open311', 'createKey', { partner: '数字城管平台' })
    expect(made).toMatchObject({ id: expect.any(String), partner: '数字城管平台', apiKey: expect.stringMatching(/^[a-z0-9]+\.[\w-]{43}$/), revokedAt: null, createdBy: expect.any(String) })
    const { items } = await cloud.ok(admin, 'open311', 'keys')
    const listed = items.find((k: { id: string }) => k.id === made.id)
    expect(listed).toEqual({ id: made.id, partner: '数字城管平台', createdAt: expect.stringMatching(/\+08:00$/), createdBy: made.createdBy, revokedAt: null, lastUsedAt: null, statusChanges: false })
    expect(JSON.stringify(items)).not.toContain(made.apiKey.split('.')[1])
    // used once: last used is noted
    expect((await post('requests.json', request({ api_key: made.apiKey }))).status).toBe(200)
    expect((await cloud.ok(admin, 'open311', 'keys')).items.find((k: { id: string }) => k.id === made.id).lastUsedAt).toMatch(/\+08:00$/)
    const revoked = await cloud.ok(admin, 'open311', 'revokeKey', { id: made.id })
    expect(revoked.revokedAt).toMatch(/\+08:00$/)
    expect((await cloud.call(admin, 'open311', 'revokeKey', { id: made.id })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await cloud.call(admin, 'open311', 'revokeKey', { id: 'no-such-key' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // a revoked key is refused as the specification says: 403
    const refused = await post('requests.xml', request({ api_key: made.apiKey }))
    expect(refused).toMatchObject({ status: 403, body: { errors: { error: { code: '403', description: expect.any(String) } } } })
    // both changes are in the operation log, by name
    const log = await cloud.ok(admin, 'user', 'operationLog', { target: `open311-key:${made.id}` })
    expect(log.items.map((o: { action: string }) => o.action)).toEqual(['open311.revokeKey', 'open311.createKey'])
    expect(JSON.stringify(log)).not.toContain('open311:')
    // only admins
    expect((await cloud.call(staff, 'open311', 'createKey', { partner: '某系统' })).status).toBe(403)
    expect((await cloud.call(resident, 'open311', 'keys')).status).toBe(403)
    expect((await cloud.call(admin, 'open311', 'createKey', { partner: '<x>' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'partner' } })
  })
})

describe('GeoReport v2', () => {
  it('discovery and services, in XML and JSON', async () => {
    const d = await get('discovery.json')
    expect(d.status).toBe(200)
    expect(d.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base()}/`, formats: ['text/xml', 'application/json'] })
    const dx = await get('discovery.xml')
    expect(dx.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(dx.body.discovery.endpoints.endpoint.formats.format).toEqual(['text/xml', 'application/json'])

    const sx = await get('services.xml')
    expect(sx.status).toBe(200)
    expect(sx.type).toMatch(/^text\/xml; charset=utf-8/)
    const services = sx.body.services.service as Record<string, string>[]
    expect(services.find((s) => s.service_code === 'zhandao')).toMatchObject({ service_name: '占道经营', group: '市容秩序', metadata: 'false', type: 'realtime', keywords: expect.stringContaining('市容秩序') })
    // 文明点赞 is not a service request
    expect(services.some((s) => s.service_code === 'dianzan')).toBe(false)
    const sj = await get('services.json')
    expect(sj.type).toMatch(/^application\/json; charset=utf-8/)
    expect(sj.body).toHaveLength(services.length)
    expect(sj.body.find((s: { service_code: string }) => s.service_code === 'tingche')).toMatchObject({ metadata: false, type: 'realtime', group: '交通秩序' })
    // no extension: XML, the specification's required format
    expect((await get('services')).text).toContain('<services><service>')

    expect(await get('services/zhandao.json')).toMatchObject({ status: 200, body: { service_code: 'zhandao', attributes: [] } })
    expect((await get('services/zhandao.xml')).body).toEqual({ '?xml': expect.anything(), service_definition: { service_code: 'zhandao', attributes: '' } })
    expect(await get('services/nope.json')).toMatchObject({ status: 404, body: [{ code: 404, description: expect.stringContaining('nope') }] })
    expect(await get('services/dianzan.xml')).toMatchObject({ status: 404, body: { errors: { error: { code: '404' } } } })
  })

  it('a partner posts a request with its key; it enters the workflow; its status follows the staff; updates are pulled', async () => {
    const before = Date.now()
    const posted = await post('requests.xml', request())
    expect(posted.status).toBe(200)
    // FixMyStreet: $obj->{request}->{service_request_id}
    const id = posted.body.service_requests.request.service_request_id as string
    expect(id).toMatch(/^[\w-]+$/)
    expect(posted.body.service_requests.request.service_notice).toMatch(/^占道经营：已转责任单位办理，办理期限 \d{4}-\d\d-\d\d \d\d:\d\d$/)

    // read back, both formats; the point comes back in WGS-84 as sent
    const one = await get(`requests/${id}.json`)
    expect(one.status).toBe(200)
    expect(one.body).toHaveLength(1)
    const r = one.body[0]
    expect(r).toMatchObject({
      service_request_id: id, status: 'open', service_code: 'zhandao', service_name: '占道经营', description: '菜市场东门流动摊贩占道经营',
      agency_responsible: '城管执法局', address: '幸福村菜市场东门', requested_datetime: expect.stringMatching(w3c), updated_datetime: expect.stringMatching(w3c),
      expected_datetime: expect.stringMatching(w3c), media_url: ''
    })
    expect(Math.abs(r.lat - Number(wgs(market).lat))).toBeLessThan(1e-5)
    expect(Math.abs(r.long - Number(wgs(market).long))).toBeLessThan(1e-5)
    // the deadline is the category's 24 hours
    expect(Date.parse(r.expected_datetime) - Date.parse(r.requested_datetime)).toBe(24 * 3600_000)
    // personal data of the caller is not published (staff keep it: open311Full.test.ts), nor is the partner's reporter
    for (const text of [one.text, (await get(`requests/${id}.xml`)).text]) {
      expect(text).not.toMatch(/caller@example|13800000000|open311:|reporter/)
    }
    const x = (await get(`requests/${id}.xml`)).body.service_requests.request
    expect(x).toMatchObject({ service_request_id: id, status: 'open', agency_responsible: '城管执法局' })

    // staff see it in their queue with its source, and were told
    const queue = await cloud.ok(staff, 'report', 'queue', { status: 'submitted' })
    expect(queue.items.find((c: { id: string }) => c.id === id)).toMatchObject({ source: 'open311:12345热线', reporter: { nickname: '12345热线' }, unitId: 'unit-chengguan', villageId: 'py-01' })
    expect((await cloud.ok(staff, 'user', 'messages')).items.some((m: { title: string; link: string }) => m.title === '新工单待受理' && m.link.includes(id))).toBe(true)
    // residents see the public form (no source, no reporter)
    const seen = await cloud.ok(resident, 'report', 'get', { id })
    expect(seen.source).toBeUndefined()
    expect(seen.reporter).toBeNull()
    expect(JSON.stringify(seen)).not.toMatch(/caller@example|13800000000/)

    // the staff act: accepted, then resolved with a photo
    await cloud.ok(staff, 'report', 'accept', { id })
    const photo = await cloud.photoOf(staff)
    await cloud.ok(staff, 'report', 'resolve', { id, note: '摊贩已劝离，路口恢复畅通', photos: [photo] })
    const closed = (await get(`requests/${id}.xml`)).body.service_requests.request
    expect(closed).toMatchObject({ status: 'closed', status_notes: '摊贩已劝离，路口恢复畅通', media_url: `${cloud.url}/files/${photo}?case=${id}` })

    // lists: by ids, by code and status, in a window
    const other = (await post('requests.json', request({ service_code: 'tingche', description: '菜市场门口车辆乱停' }))).body[0].service_request_id as string
    const byIds = await get(`requests.json?service_request_id=${id},${other}`)
    expect(byIds.body.map((q: { service_request_id: string }) => q.service_request_id).sort()).toEqual([id, other].sort())
    const closedOnes = await get('requests.json?status=closed&service_code=zhandao,tingche')
    expect(closedOnes.body.map((q: { service_request_id: string }) => q.service_request_id)).toContain(id)
    expect(closedOnes.body.map((q: { service_request_id: string }) => q.service_request_id)).not.toContain(other)
    const openOnes = await get('requests.xml?status=open&service_code=tingche')
    const openList = [openOnes.body.service_requests.request].flat()
    expect(openList.map((q: { service_request_id: string }) => q.service_request_id)).toEqual([other])
    const start = new Date(before - 60_000).toISOString()
    expect((await get(`requests.json?start_date=${start}&end_date=${new Date(Date.now() + 60_000).toISOString()}`)).body.length).toBeGreaterThanOrEqual(2)
    expect((await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).body).toEqual([])
    // a token is the request's id (requests are created in real time)
    expect((await get(`tokens/${id}.json`)).body).toEqual([{ service_request_id: id, token: id }])

    // servicerequestupdates (FixMyStreet's extension): the public timeline's steps
    const window = `start_date=${encodeURIComponent(new Date(before - 1000).toISOString())}&end_date=${encodeURIComponent(new Date(Date.now() + 1000).toISOString().replace('Z', '+00:00'))}`
    const updates = (await get(`servicerequestupdates.xml?${window}`)).body.service_request_updates.request_update as Record<string, string>[]
    const mine = updates.filter((u) => u.service_request_id === id)
    expect(mine.map((u) => u.status)).toEqual(['OPEN', 'IN_PROGRESS', 'FIXED'])
    expect(mine.map((u) => u.external_status_code)).toEqual(['submitted', 'accepted', 'resolved'])
    expect(mine[2]).toMatchObject({ update_id: `${id}-2`, description: '摊贩已劝离，路口恢复畅通', media_url: `${cloud.url}/files/${photo}?case=${id}`, updated_datetime: expect.stringMatching(w3c) })
    const json = await get(`servicerequestupdates.json?${window}`)
    expect(json.body.filter((u: { service_request_id: string }) => u.service_request_id === id).map((u: { update_id: string }) => u.update_id)).toEqual([`${id}-0`, `${id}-1`, `${id}-2`])
  })

  it('public requests are public problems only, in public form', async () => {
    const photo = await cloud.photoOf(resident)
    const anon = await cloud.ok(resident, 'report', 'create', { clientId: 'o311-anon-1', category: 'zhandao', description: '我家楼下有人占道经营', photos: [photo], anonymous: true, location: { ...market, address: '幸福村3号楼2单元501' } })
    const rejected = await cloud.ok(resident, 'report', 'create', { clientId: 'o311-rej-1', category: 'zhandao', description: '不是问题的问题上报', photos: [], location: market })
    await cloud.ok(staff, 'report', 'reject', { id: rejected.id, reason: '经核实不属实' })
    const praise = await cloud.ok(resident, 'report', 'create', { clientId: 'o311-praise-1', category: 'dianzan', description: '邻居主动清扫楼道', photos: [], location: market })
    const a = (await get(`requests/${anon.id}.json`)).body[0]
    expect(a.address).toBe('幸福村') // the village, not the door an anonymous reporter typed
    expect(a.media_url).toBe(`${cloud.url}/files/${photo}?case=${anon.id}`)
    expect((await get(`requests/${anon.id}.json`)).text).not.toContain('2单元501') // (a bare '501' can be in the server's port)
    expect((await get(`requests/${rejected.id}.json`)).status).toBe(404)
    expect((await get(`requests/${praise.id}.xml`)).status).toBe(404)
    const listed = (await get(`requests.json?service_request_id=${anon.id},${rejected.id},${praise.id}`)).body
    expect(listed.map((q: { service_request_id: string }) => q.service_request_id)).toEqual([anon.id])
  })

  it('answers the specification’s errors in the asked format', async () => {
    // keys: missing 400, wrong 403 (malformed, unknown id, right id with a wrong secret)
    expect(await post('requests.json', { ...request(), api_key: '' })).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('api_key') }] })
    for (const bad of ['nope', `${keyId}.${'A'.repeat(43)}`, `zzzz.${apiKey.split('.')[1]}`]) {
      expect(await post('requests.xml', request({ api_key: bad }))).toMatchObject({ status: 403, body: { errors: { error: { code: '403' } } } })
    }
    // service codes: missing 400, unknown or not a service 404
    expect((await post('requests.json', request({ service_code: '' }))).status).toBe(400)
    expect(await post('requests.json', request({ service_code: 'nope' }))).toMatchObject({ status: 404, body: [{ code: 404 }] })
    expect((await post('requests.json', request({ service_code: 'dianzan' }))).status).toBe(404)
    // location: a point, or an address naming a village (open311Full.test.ts); in the district
    expect((await post('requests.json', request({ lat: '', long: '', address_string: '某路某号' }))).body[0].description).toMatch(/lat and long/)
    expect((await post('requests.json', request({ lat: 'north', long: '115' }))).status).toBe(400)
    expect(await post('requests.json', request({ lat: '39.9', long: '116.4' }))).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('location') }] })
    expect((await post('requests.json', request({ description: '短' }))).status).toBe(400)
    // dates: W3C only, the start before the end, at most 90 days
    for (const q of ['start_date=yesterday', 'end_date=2026-13-01T00:00:00Z', 'start_date=2026-02-30', 'start_date=2026-01-01T00:00:00', 'start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z']) {
      expect(await get(`requests.xml?${q}`)).toMatchObject({ status: 400, body: { errors: { error: { code: '400' } } } })
      expect((await get(`servicerequestupdates.json?${q}`)).status).toBe(400)
    }
    // a bare date has no time zone: refused (issue 27)
    expect((await get('requests.json?start_date=2026-01-01&end_date=2026-01-31T23:59:59%2B08:00')).status).toBe(400)
    expect((await get('requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-01-31T23:59:59%2B08:00')).status).toBe(200)
    expect((await get('requests.json?status=pending')).status).toBe(400)
    expect(await get('requests.json?service_code=nope')).toMatchObject({ status: 404, body: [{ code: 404 }] })
    expect((await get('requests/nope.json')).status).toBe(404)
    expect((await get('tokens/nope.xml')).status).toBe(404)
    expect((await get('nothing.json')).status).toBe(404)
    expect((await get('services.csv')).status).toBe(400)
    const put = await fetch(`${base()}/requests.json`, { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
    // JSON bodies are read too; broken ones are a 400, never a 500
    const broken = await fetch(`${base()}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(broken.status).toBe(400)
  })
})

describe('the HTTP-triggered cloud function `open311` (real wx-server-sdk, emulated database)', () => {
  afterAll(() => {
    delete process.env.WX_CONTEXT_KEYS
    delete process.env.WX_OPENID
    delete process.env.WX_APPID
  })

  it('serves GeoReport v2 to CloudBase HTTP access events and the key actions to callFunction', async () => {
    const { emulatedCloudBase } = await import('../../cloud/emulator/install')
    const { seedDemo } = await import('../../cloud/seed/demo')
    const { createCloudBaseStore } = await import('../../cloud/store/cloudbase')
    const { sdk: real } = emulatedCloudBase({ seed: 15 })
    // only openapi (a network service of WeChat) is replaced
    const sdk = Object.assign(Object.create(real as object), {
      openapi: { security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) }, subscribeMessage: { send: async () => undefined } }
    })
    const store = createCloudBaseStore((sdk as unknown as { database(o: object): never }).database({ throwOnNotFound: false }))
    await seedDemo(store)
    const as = (openid: string | undefined) => {
      process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
      process.env.WX_APPID = 'wx-test'
      if (openid) process.env.WX_OPENID = openid
      else delete process.env.WX_OPENID
    }
    jest.resetModules()
    jest.doMock('wx-server-sdk', () => sdk, { virtual: false })
    const { main } = await import('../../cloud/functions/open311/index')
    type Http = { statusCode: number; headers: Record<string, string>; body: string }
    const http = (httpMethod: string, path: string, opts: { query?: Record<string, string>; body?: string; base64?: boolean } = {}) =>
      main({
        path, httpMethod, headers: { host: 'env-1.service.tcloudbase.com', 'content-type': 'application/x-www-form-urlencoded' },
        queryStringParameters: opts.query ?? {}, body: opts.body === undefined ? null : opts.base64 ? Buffer.from(opts.body).toString('base64') : opts.body, isBase64Encoded: opts.base64 ?? false
      }) as Promise<Http>

    // the console's calls: admins only, identity from the WeChat context
    as('demo-resident')
    expect(await main({ action: 'createKey', data: { partner: '数字城管' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    as('demo-admin')
    const made = (await main({ action: 'createKey', data: { partner: '数字城管' } })) as { ok: true; data: { apiKey: string } }
    expect(made.ok).toBe(true)
    // HTTP access has no WeChat identity; the key is the partner's
    as(undefined)

    const services = await http('GET', '/open311/v2/services.xml')
    expect(services).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } })
    expect(xml.parse(services.body).services.service.length).toBeGreaterThan(10)
    // the endpoint's address is configuration (OPEN311_BASE_URL), never the request's Host header
    const discovery = JSON.parse((await http('GET', '/open311/v2/discovery.json')).body)
    expect(discovery.endpoints[0].url).toBe('/open311/v2/')
    process.env.OPEN311_BASE_URL = 'https://open311.district.example/open311/v2/'
    try {
      expect(JSON.parse((await http('GET', '/open311/v2/discovery.json')).body).endpoints[0].url).toBe('https://open311.district.example/open311/v2/')
    } finally {
      delete process.env.OPEN311_BASE_URL
    }

    const form = new URLSearchParams({ ...request(), api_key: made.data.apiKey }).toString()
    const posted = await http('POST', '/open311/v2/requests.json', { body: form, base64: true })
    expect(posted.statusCode).toBe(200)
    const id = JSON.parse(posted.body)[0].service_request_id as string
    const stored = await store.reports.get(id)
    expect(stored).toMatchObject({ source: 'open311:数字城管', villageId: 'py-01', unitId: 'unit-chengguan', status: 'submitted' })
    // a resolved case's photo is published at the storage's public URL
    await store.reports.update(id, { status: 'resolved', resolvedAt: new Date(), reply: '已劝离', afterPhotos: ['cloud://env-1.7465-env-1-1250000000/uploads/demo-staff/after.jpg'] })
    const back = await http('GET', `/open311/v2/requests/${id}.xml`)
    expect(xml.parse(back.body).service_requests.request).toMatchObject({ service_request_id: id, status: 'closed', status_notes: '已劝离', media_url: 'https://7465-env-1-1250000000.tcb.qcloud.la/uploads/demo-staff/after.jpg' })
    const listed = JSON.parse((await http('GET', '/open311/v2/requests.json', { query: { service_request_id: id } })).body)
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id])

    // the specification's errors
    expect((await http('POST', '/open311/v2/requests.xml', { body: new URLSearchParams({ ...request(), api_key: 'forged' }).toString() })).statusCode).toBe(403)
    expect((await http('GET', '/open311/v2/requests.json', { query: { start_date: 'soon' } })).statusCode).toBe(400)
    expect((await http('GET', '/open311/v2/services/none.json')).statusCode).toBe(404)

    // issue 25: the village's Atom feed through the same function, in public form only
    const reporter = (await store.reports.get(id))!.openid
    process.env.FEED_SITE_URL = 'https://civic.district.example'
    process.env.OPEN311_FEED_BASE = 'https://env-1.service.tcloudbase.com/open311/'
    try {
      const feed = await http('GET', '/open311/feeds/villages/py-01.atom')
      expect(feed).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } })
      const parsed = xml.parse(feed.body).feed
      expect(parsed.id).toBe('urn:civic:village:py-01')
      expect(feed.body).toContain('<link rel="self" type="application/atom+xml" href="https://env-1.service.tcloudbase.com/open311/feeds/villages/py-01.atom"/>')
      const entries = [parsed.entry].flat()
      const entry = entries.find((e: { id: string }) => e.id === `urn:civic:case:${id}`)
      expect(entry.content).toContain('办理结果：已劝离')
      expect(feed.body).toContain(`https://civic.district.example/#/sub-report/detail/index?id=${id}`)
      expect(feed.body).not.toContain(reporter)
      expect(feed.body).not.toContain('数字城管')
    } finally {
      delete process.env.FEED_SITE_URL
      delete process.env.OPEN311_FEED_BASE
    }
    expect((await http('GET', '/open311/feeds/villages/py-nope.atom')).statusCode).toBe(404)
    expect((await http('POST', '/open311/feeds/villages/py-01.atom', { body: '' })).statusCode).toBe(405)
  })
})
