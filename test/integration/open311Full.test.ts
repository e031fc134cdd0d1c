import gcoord from 'gcoord'
import { XMLParser } from 'fast-xml-parser'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Open311 in full (issue 27, points 1–6), on the store this project runs (sqlite / cloudbase):
 * what FixMyStreet's client sends and reads that the first version (open311.test.ts) refused,
 * dropped or answered wrongly.
 */
let cloud: TestCloud
let admin: string
let staff: string
let resident: string
let apiKey: string
const xml = new XMLParser({ parseTagValue: false })

/** The district's clock, moved by the tests (times to the millisecond, as the store keeps them). */
let now = Date.parse('2026-11-01T10:00:00.600+08:00')
const at = (w3c: string) => (now = Date.parse(w3c))

beforeAll(async () => {
  cloud = await startCloud({ clock: () => new Date(now) })
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  resident = await cloud.login('o311f-resident')
  apiKey = (await cloud.ok(admin, 'open311', 'createKey', { partner: 'FixMyStreet' })).apiKey
})
afterAll(() => cloud.close())

const base = () => `${cloud.url}/open311/v2`

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}/${path}`, { headers })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: text && path.includes('.json') ? JSON.parse(text) : xml.parse(text) }
}

async function post(path: string, form: Record<string, string>, opts: { json?: unknown } = {}) {
  const res = await fetch(`${base()}/${path}`, opts.json !== undefined
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts.json) }
    : { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(form).toString() })
  const text = await res.text()
  return { status: res.status, text, body: path.includes('.json') ? JSON.parse(text) : xml.parse(text) }
}

/** 幸福村菜市场 (GCJ-02) as a partner sends it: WGS-84. */
const market = { latitude: 35.7612, longitude: 115.03 }
const wgs = (p: { latitude: number; longitude: number }) => {
  const [long, lat] = gcoord.transform([p.longitude, p.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { lat: String(lat), long: String(long) }
}
const request = (over: Record<string, string> = {}) => ({
  api_key: apiKey, service_code: 'zhandao', ...wgs(market), address_string: '幸福村菜市场东门', description: '菜市场东门流动摊贩占道经营', ...over
})
const idOf = (answer: { body: { service_request_id: string }[] }) => answer.body[0]!.service_request_id

describe('point 1: a description up to 4,000 characters', () => {
  it('is stored whole and answered whole; longer is a 400; the app keeps its 500', async () => {
    const long = `标题：东门占道\n\n${'菜市场东门流动摊贩占道经营，早晚高峰堵塞交通。'.repeat(200)}`.slice(0, 4000)
    expect(long.length).toBe(4000)
    const posted = await post('requests.json', request({ description: long }))
    expect(posted.status).toBe(200)
    const id = idOf(posted)
    expect((await cloud.store.reports.get(id))!.description).toBe(long)
    expect((await get(`requests/${id}.json`)).body[0].description).toBe(long)
    expect((await cloud.ok(staff, 'report', 'get', { id })).description).toBe(long)
    const tooLong = await post('requests.json', request({ description: `${long}多` }))
    expect(tooLong).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('4000') }] })
    // the app's own form stays at 500
    const app = await cloud.call(resident, 'report', 'create', { clientId: 'o311f-long-1', category: 'zhandao', description: '长'.repeat(501), photos: [], location: market })
    expect(app.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'description' } })
  })
})

describe('point 2: a title', () => {
  it('names the category and the place (the village for an anonymous case)', async () => {
    const id = idOf(await post('requests.json', request()))
    expect((await get(`requests/${id}.json`)).body[0].title).toBe('占道经营 · 幸福村菜市场东门')
    expect((await get(`requests/${id}.xml`)).body.service_requests.request.title).toBe('占道经营 · 幸福村菜市场东门')
    const anon = await cloud.ok(resident, 'report', 'create', { clientId: 'o311f-anon-1', category: 'tingche', description: '楼下车辆乱停放', photos: [], anonymous: true, location: { ...market, address: '幸福村3号楼' } })
    expect((await get(`requests/${anon.id}.json`)).body[0].title).toBe('车辆乱停乱放 · 幸福村')
  })
})

describe('point 5: bodies and parameters', () => {
  it('a JSON description that is not text is a 400, never [object Object]', async () => {
    const answer = await post('requests.json', {}, { json: { ...request(), description: { text: '菜市场东门占道经营' } } })
    expect(answer).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('description') }] })
    // a JSON body of texts (and numbers for the point) is read
    const ok = await post('requests.json', {}, { json: { ...request(), lat: Number(wgs(market).lat), long: Number(wgs(market).long) } })
    expect(ok.status).toBe(200)
  })
})

describe('point 3: windows by the last update, in whole seconds, with a time zone', () => {
  const ids = (answer: { body: { service_request_id: string }[] }) => answer.body.map((r) => r.service_request_id)
  const q = (start: string, end: string) => `start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`

  it('a window answers the requests last updated in it (FixMyStreet drops any updated after end_date)', async () => {
    at('2026-11-02T09:00:00.300+08:00')
    const id = idOf(await post('requests.json', request({ description: '十一月初上报的占道经营' })))
    at('2026-11-25T09:00:00.250+08:00')
    await cloud.ok(staff, 'report', 'accept', { id })
    // a backfill of the last days: filed long before, updated in the window (to the second of end_date)
    const recent = await get(`requests.json?${q('2026-11-20T00:00:00+08:00', '2026-11-25T09:00:00+08:00')}`)
    expect(ids(recent)).toContain(id)
    expect(recent.body.find((r: { service_request_id: string }) => r.service_request_id === id).updated_datetime).toBe('2026-11-25T09:00:00+08:00')
    // the window it was filed in: its last update is later, so it is not answered there
    expect(ids(await get(`requests.json?${q('2026-11-01T00:00:00+08:00', '2026-11-10T00:00:00+08:00')}`))).not.toContain(id)
    // every answered request's update lies in the window
    for (const r of recent.body) expect(Date.parse(r.updated_datetime)).toBeGreaterThanOrEqual(Date.parse('2026-11-20T00:00:00+08:00'))
  })

  it('a step in the same second as end_date is answered (times are answered to the second)', async () => {
    at('2026-11-26T10:00:00.600+08:00')
    const id = idOf(await post('requests.json', request({ description: '同一秒内上报的占道经营' })))
    const window = q('2026-11-26T09:00:00+08:00', '2026-11-26T10:00:00+08:00')
    const requests = await get(`requests.json?${window}`)
    expect(ids(requests)).toContain(id)
    expect(requests.body.find((r: { service_request_id: string }) => r.service_request_id === id).requested_datetime).toBe('2026-11-26T10:00:00+08:00')
    const updates = await get(`servicerequestupdates.json?${window}`)
    expect(updates.body.filter((u: { service_request_id: string }) => u.service_request_id === id).map((u: { update_id: string }) => u.update_id)).toEqual([`${id}-0`])
    // and not in the window that ends the second before
    expect(ids(await get(`requests.json?${q('2026-11-26T09:00:00+08:00', '2026-11-26T09:59:59+08:00')}`))).not.toContain(id)
    // the start counts from its second too
    expect(ids(await get(`requests.json?${q('2026-11-26T10:00:00+08:00', '2026-11-26T11:00:00+08:00')}`))).toContain(id)
  })

  it('a date without its time zone is a 400', async () => {
    for (const bad of ['2026-11-01', '2026-11-01T00:00:00', '2026-11-01T00:00']) {
      expect(await get(`requests.json?start_date=${bad}`)).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('time zone') }] })
      expect((await get(`servicerequestupdates.xml?end_date=${bad}`)).status).toBe(400)
    }
    expect((await get(`requests.json?start_date=${encodeURIComponent('2026-11-01T00:00:00.5Z')}`)).status).toBe(200)
  })
})

describe('point 4: POST servicerequestupdates', () => {
  const update = (over: Record<string, string> = {}) => ({
    api_key: apiKey, service_request_id: '', description: '居民补充：早上七点摊贩又来了', status: 'OPEN', updated_datetime: '2026-11-27T08:00:00+08:00',
    first_name: '秀兰', last_name: '王', email: 'wxl@example.com', ...over
  })

  it('a partner’s comment is a step of the case for staff (its unit told), answered with the update id the feed uses', async () => {
    at('2026-11-27T08:00:00.400+08:00')
    const id = idOf(await post('requests.json', request({ description: '东门占道经营，请处理' })))
    at('2026-11-27T08:05:00.000+08:00')
    const posted = await post('servicerequestupdates.xml', update({ service_request_id: id, media_url: 'https://fms.example.org/photo/1.jpeg' }))
    expect(posted.status).toBe(200)
    // FixMyStreet: $obj->{request_update}->{update_id}
    expect(posted.body.service_request_updates.request_update).toEqual({ update_id: `${id}-1` })
    // staff read it whole; the district's status did not change
    const seen = await cloud.ok(staff, 'report', 'get', { id })
    expect(seen.status).toBe('submitted')
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'comment', status: 'submitted' })
    expect(seen.timeline.at(-1).note).toContain('居民补充：早上七点摊贩又来了')
    expect(seen.timeline.at(-1).note).toContain('王秀兰')
    expect(seen.timeline.at(-1).note).toContain('wxl@example.com')
    expect(seen.timeline.at(-1).note).toContain('https://fms.example.org/photo/1.jpeg')
    expect((await cloud.ok(staff, 'user', 'messages')).items.some((m: { title: string; link: string }) => m.title === 'FixMyStreet转来群众意见' && m.link.endsWith(id))).toBe(true)
    // the public and the partner read the word only, never the resident's name or email
    const pub = await cloud.ok(resident, 'report', 'get', { id })
    expect(pub.timeline.at(-1)).toMatchObject({ action: 'comment', note: null })
    const feed = await get(`servicerequestupdates.json?start_date=${encodeURIComponent('2026-11-27T08:00:00+08:00')}&end_date=${encodeURIComponent('2026-11-27T08:10:00+08:00')}`)
    const mine = feed.body.filter((u: { service_request_id: string }) => u.service_request_id === id)
    expect(mine.map((u: { update_id: string }) => u.update_id)).toEqual([`${id}-0`, `${id}-1`])
    expect(mine[1]).toMatchObject({ status: 'OPEN', description: '已收到群众意见', updated_datetime: '2026-11-27T08:05:00+08:00' })
    expect(feed.text).not.toMatch(/wxl@example|王秀兰/)
    // a JSON answer, and the key in the query string
    const again = await fetch(`${base()}/servicerequestupdates.json?api_key=${encodeURIComponent(apiKey)}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ service_request_id: id, description: '第二条意见' }).toString()
    })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual([{ update_id: `${id}-2` }])
  })

  it('refuses what the partner may not see or may not send', async () => {
    const id = idOf(await post('requests.json', request({ description: '西门占道经营，请处理' })))
    const hidden = await cloud.ok(resident, 'report', 'create', { clientId: 'o311f-hidden-1', category: 'zhandao', description: '楼下有人占道经营', photos: [], location: market })
    await cloud.ok(staff, 'report', 'hide', { id: hidden.id, reason: '含有个人信息' })
    const praise = await cloud.ok(resident, 'report', 'create', { clientId: 'o311f-praise-1', category: 'dianzan', description: '邻居主动清扫楼道', photos: [], location: market })
    for (const other of [hidden.id, praise.id, 'no-such-case']) {
      expect(await post('servicerequestupdates.json', update({ service_request_id: other }))).toMatchObject({ status: 404, body: [{ code: 404 }] })
    }
    expect((await cloud.store.reports.timelines([hidden.id])).get(hidden.id)!.map((e) => e.action)).toEqual(['submitted', 'hide'])
    expect((await post('servicerequestupdates.json', update({ service_request_id: id, api_key: '' }))).status).toBe(400)
    expect((await post('servicerequestupdates.json', update({ service_request_id: id, api_key: 'forged' }))).status).toBe(403)
    for (const bad of [{ description: '' }, { status: '__proto__' }, { status: 'toString' }, { updated_datetime: '2026-11-27' }, { media_url: 'javascript:alert(1)' }, { email: 'not an email' }, { description: '长'.repeat(4001) }]) {
      expect(await post('servicerequestupdates.json', update({ service_request_id: id, ...bad }))).toMatchObject({ status: 400, body: [{ code: 400 }] })
    }
    expect((await cloud.store.reports.timelines([id])).get(id)!.map((e) => e.action)).toEqual(['submitted'])
    // other methods name both
    const put = await fetch(`${base()}/servicerequestupdates.json`, { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
  })
})
