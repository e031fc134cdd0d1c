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

  it('a partner’s FIXED/CLOSED resolves an open case only where the district allowed its key (403 before, nothing written)', async () => {
    at('2026-11-28T09:00:00.000+08:00')
    const own = idOf(await post('requests.json', request({ description: '北门占道经营，请处理' })))
    const app = await cloud.ok(resident, 'report', 'create', { clientId: 'o311f-status-1', category: 'zhandao', description: '菜市场北门有人占道卖菜', photos: [], location: market })
    await cloud.ok(staff, 'report', 'accept', { id: app.id })
    const key = (await cloud.ok(admin, 'open311', 'keys', {})).items.find((k: { partner: string }) => k.partner === 'FixMyStreet')
    expect(key.statusChanges).toBe(false)
    // not allowed (every new key): refused, the comment too, nothing written
    at('2026-11-28T09:05:00.000+08:00')
    for (const status of ['FIXED', 'closed']) {
      const refused = await post('servicerequestupdates.xml', update({ service_request_id: own, status, description: '已清理完毕' }))
      expect(refused).toMatchObject({ status: 403, body: { errors: { error: { code: '403', description: expect.stringContaining('may not change') } } } })
    }
    expect((await cloud.store.reports.timelines([own])).get(own)!.map((e) => e.action)).toEqual(['submitted'])
    // statuses that change nothing here stay comments: IN_PROGRESS on an open case
    expect((await post('servicerequestupdates.json', update({ service_request_id: app.id, status: 'IN_PROGRESS', description: '对方平台已派人查看' }))).status).toBe(200)
    expect((await cloud.ok(staff, 'report', 'get', { id: app.id })).status).toBe('accepted')

    // an admin allows it (外部系统接入); logged
    const allowed = await cloud.ok(admin, 'open311', 'setStatusChanges', { id: key.id, allowed: true })
    expect(allowed).toMatchObject({ id: key.id, statusChanges: true })
    expect((await cloud.ok(admin, 'user', 'operationLog', {})).items[0]).toMatchObject({ action: 'open311.setStatusChanges' })
    // its own case, not yet accepted: comment, 受理, 办结 — the partner's words are the reply
    at('2026-11-28T09:10:00.000+08:00')
    const closed = await post('servicerequestupdates.json', update({ service_request_id: own, status: 'closed', description: '已清理完毕，摊贩已劝离' }))
    expect(closed.status).toBe(200)
    expect(closed.body).toEqual([{ update_id: `${own}-3` }])
    const seen = await cloud.ok(staff, 'report', 'get', { id: own })
    expect(seen.status).toBe('resolved')
    expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'comment', 'accept', 'resolve'])
    expect(seen.timeline[1].note).toContain('本区据此办结')
    expect(seen.reply).toBe('FixMyStreet：已清理完毕，摊贩已劝离')
    const answered = (await get(`requests/${own}.json`)).body[0]
    expect(answered).toMatchObject({ status: 'closed', status_notes: 'FixMyStreet：已清理完毕，摊贩已劝离' })
    // a resident's case its unit accepted: resolved, the resident told as by its unit
    const fixed = await post('servicerequestupdates.json', update({ service_request_id: app.id, status: 'FIXED', description: '摊位已拆除' }))
    expect(fixed.status).toBe(200)
    const mine = await cloud.ok(resident, 'report', 'get', { id: app.id })
    expect(mine).toMatchObject({ status: 'resolved', reply: 'FixMyStreet：摊位已拆除' })
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'resolve', note: 'FixMyStreet：摊位已拆除' })
    expect(mine.timeline.at(-2)).toMatchObject({ action: 'comment', note: null })
    expect((await cloud.ok(resident, 'user', 'messages')).items.some((m: { title: string; link: string }) => m.title === '您的上报已办结' && m.link.endsWith(app.id))).toBe(true)
    expect(fixed.body).toEqual([{ update_id: `${app.id}-${mine.timeline.length - 1}` }])
    // FIXED again on a resolved case changes nothing: a comment
    expect((await post('servicerequestupdates.json', update({ service_request_id: app.id, status: 'FIXED', description: '居民确认已解决' }))).status).toBe(200)
    const after = await cloud.ok(staff, 'report', 'get', { id: app.id })
    expect(after.status).toBe('resolved')
    expect(after.timeline.at(-1)).toMatchObject({ action: 'comment', note: expect.stringContaining('本区状态未变') })

    // stopped again: refused again
    expect(await cloud.ok(admin, 'open311', 'setStatusChanges', { id: key.id, allowed: false })).toMatchObject({ statusChanges: false })
    const other = idOf(await post('requests.json', request({ description: '南门占道经营，请处理' })))
    expect((await post('servicerequestupdates.json', update({ service_request_id: other, status: 'FIXED' }))).status).toBe(403)
    expect((await cloud.store.reports.timelines([other])).get(other)!.map((e) => e.action)).toEqual(['submitted'])
    // only admins switch it
    expect((await cloud.call(staff, 'open311', 'setStatusChanges', { id: key.id, allowed: true })).body.ok).toBe(false)
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
    for (const bad of [{ description: '' }, { status: '__proto__' }, { status: 'toString' }, { updated_datetime: '2026-11-27' }, { media_url: 'javascript:alert(1)' }, { email: 'not an email' }, { description: '长'.repeat(4001) }] as Record<string, string>[]) {
      expect(await post('servicerequestupdates.json', update({ service_request_id: id, ...bad }))).toMatchObject({ status: 400, body: [{ code: 400 }] })
    }
    expect((await cloud.store.reports.timelines([id])).get(id)!.map((e) => e.action)).toEqual(['submitted'])
    // other methods name both
    const put = await fetch(`${base()}/servicerequestupdates.json`, { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
  })
})

describe('point 5: what a partner sends is kept for staff, and refused only with a reason', () => {
  it('the resident’s contact, the photo link and the attributes are kept for staff only, never answered', async () => {
    const id = idOf(await post('requests.xml', request({
      email: 'caller@example.com', first_name: '三', last_name: '张', phone: '13800000000', media_url: 'https://fms.example.org/photos/9.jpeg',
      'attribute[floor]': '3', 'attribute[charging]': '是', device_id: 'ios-1'
    })).then((a) => ({ body: [a.body.service_requests.request] })))
    const staffView = await cloud.ok(staff, 'report', 'get', { id })
    expect(staffView.workflow).toMatchObject({
      caller: { channel: 'open311', name: '张三', phone: '13800000000', email: 'caller@example.com' },
      links: ['https://fms.example.org/photos/9.jpeg'],
      attributes: expect.arrayContaining([{ code: 'floor', value: '3' }, { code: 'charging', value: '是' }, { code: 'device_id', value: 'ios-1' }]),
      placedByName: false
    })
    const pub = await cloud.ok(resident, 'report', 'get', { id })
    expect(pub.workflow).toBeUndefined()
    for (const text of [(await get(`requests/${id}.json`)).text, (await get(`requests/${id}.xml`)).text, JSON.stringify(pub)]) {
      expect(text).not.toMatch(/caller@example|13800000000|fms\.example|张三|ios-1/)
    }
    for (const bad of [{ media_url: 'ftp://x/y.jpg' }, { email: 'nope' }, { phone: 'call me' }, { 'attribute[x]': '长'.repeat(201) }] as Record<string, string>[]) {
      expect(await post('requests.json', request(bad))).toMatchObject({ status: 400, body: [{ code: 400 }] })
    }
  })

  it('a request with only address_string is placed at the village it names, or refused saying why', async () => {
    const placed = await post('requests.json', request({ lat: '', long: '', address_string: '濮阳镇幸福村东头小卖部门口' }))
    expect(placed.status).toBe(200)
    const id = idOf(placed)
    const seen = await cloud.ok(staff, 'report', 'get', { id })
    expect(seen).toMatchObject({ villageId: 'py-01', location: { address: '濮阳镇幸福村东头小卖部门口' }, workflow: { placedByName: true } })
    const none = await post('requests.json', { api_key: apiKey, service_code: 'zhandao', address_string: '人民路 12 号', description: '人民路占道经营' })
    expect(none).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringMatching(/names no village.*lat and long/) }] })
    const two = await post('requests.json', request({ lat: '', long: '', address_string: '幸福村和叶营村交界处' }))
    expect(two).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('幸福村') }] })
  })

  it('the key in the query string; a CORS preflight; status=__proto__ is a 400', async () => {
    const { api_key: key, ...rest } = request()
    const res = await fetch(`${base()}/requests.json?api_key=${encodeURIComponent(key)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(rest).toString() })
    expect(res.status).toBe(200)
    const pre = await fetch(`${base()}/requests.json`, { method: 'OPTIONS', headers: { origin: 'https://fms.example.org', 'access-control-request-method': 'POST' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('allow')).toBe('GET, POST, OPTIONS')
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/i)
    expect((await fetch(`${base()}/services.xml`, { method: 'OPTIONS' })).headers.get('allow')).toBe('GET, OPTIONS')
    for (const status of ['__proto__', 'constructor', 'toString', 'open,__proto__']) {
      expect(await get(`requests.json?status=${status}`)).toMatchObject({ status: 400, body: [{ code: 400 }] })
    }
  })

  it('discovery and media_url addresses come from configuration, never the Host header', async () => {
    // this server's own name, but not the address it was started on
    const viaName = (await get('discovery.json', { host: `localhost:${new URL(cloud.url).port}` })).body
    expect(viaName.endpoints[0].url).toBe(`${base()}/`)
    const other = await startCloud({ publicBaseUrl: 'https://civic.district.example/' })
    try {
      const d = await fetch(`${other.url}/open311/v2/discovery.json`).then((r) => r.json())
      expect(d.endpoints[0].url).toBe('https://civic.district.example/open311/v2/')
      const resident2 = await other.login('o311f-r2')
      const photo = await other.photoOf(resident2)
      const made = await other.ok(resident2, 'report', 'create', { clientId: 'o311f-photo-2', category: 'zhandao', description: '门口占道经营', photos: [photo], location: market })
      await other.deps.store.reports.update(made.id, { moderation: 'passed' })
      const r = await fetch(`${other.url}/open311/v2/requests/${made.id}.json`).then((x) => x.json())
      expect(r[0].media_url).toBe(`https://civic.district.example/files/${photo}?case=${made.id}`)
    } finally {
      await other.close()
    }
  })
})

describe('point 6: public photos under media_url may be shown by other sites', () => {
  it('Cross-Origin-Resource-Policy: cross-origin for a public case’s visible photo only', async () => {
    const photo = await cloud.photoOf(resident)
    const made = await cloud.ok(resident, 'report', 'create', { clientId: 'o311f-corp-1', category: 'zhandao', description: '门口占道经营', photos: [photo], location: market })
    const corp = async (url: string) => (await fetch(url)).headers.get('cross-origin-resource-policy')
    // the local image check passes it at once here (a case awaiting it is not public: not answered, not shared)
    for (let i = 0; i < 100 && (await cloud.store.reports.get(made.id))!.moderation !== 'passed'; i++) await new Promise((r) => setTimeout(r, 20))
    const media = (await get(`requests/${made.id}.json`)).body[0].media_url as string
    expect(media).toBe(`${cloud.url}/files/${photo}?case=${made.id}`)
    const res = await fetch(media)
    expect(res.status).toBe(200)
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    // the same file without its case, or named with another case, stays same-origin
    expect(await corp(`${cloud.url}/files/${photo}`)).toBe('same-origin')
    const other = idOf(await post('requests.json', request()))
    expect(await corp(`${cloud.url}/files/${photo}?case=${other}`)).toBe('same-origin')
    // a case awaiting its image check is not public: its photos are not shared
    await cloud.deps.store.reports.update(made.id, { moderation: 'pending' })
    expect(await corp(media)).toBe('same-origin')
    await cloud.deps.store.reports.update(made.id, { moderation: 'passed' })
    expect(await corp(media)).toBe('cross-origin')
    // hidden by staff: no longer shared
    await cloud.ok(staff, 'report', 'hidePhoto', { id: made.id, photo, reason: '含有人脸' })
    expect(await corp(media)).toBe('same-origin')
  })
})
