import { XMLParser } from 'fast-xml-parser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { REGIONS } from '../../cloud/seed/demo'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * Open311 GET requests bounded (issue 23), on the store this project runs (sqlite / cloudbase):
 * answered a page at a time (`page`, `page_size`; `X-Total-Count`, a `Link` to the next page) over
 * more than 1,000 public cases; answers kept until a case changes — on SQLite a repeated read makes
 * no store call, on CloudBase (no cheap version) every read is computed — never stale after a change
 * made through the app or straight to the store, nor after the clock moves a case out of the window;
 * and a per-address limit of reads answering the specification's error list with 429.
 */
let now = new Date('2026-11-02T10:00:00+08:00')
let cloud: TestCloud
let limited: TestCloud
let resident: string
let staff: string
const xml = new XMLParser({ parseTagValue: false })
const CASES = 1050

const center = REGIONS.find((r) => r.id === 'py-03')!.center!
function stored(k: number): StoredReport {
  // case k filed and last updated k minutes before now: bulk0 is the newest
  const at = new Date(now.getTime() - (k + 1) * 60_000)
  return {
    id: `bulk${String(k).padStart(4, '0')}`, openid: 'paging-user', clientId: `paging-${k}`, category: k % 2 ? 'zhandao' : 'tingche', description: `第 ${k} 件测试上报`, photos: [],
    latitude: center.latitude, longitude: center.longitude, address: null, villageId: 'py-03', status: 'submitted', unitId: 'unit-chengguan', anonymous: false, supportCount: 0,
    createdAt: at, dueAt: new Date(at.getTime() + 24 * 3600_000), resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false,
    kind: 'problem', moderation: 'passed', hiddenPhotos: [], uncheckedPhotos: [], hiddenAt: null, hiddenReason: null
  }
}

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, demoActivity: false, config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  for (let k = 0; k < CASES; k += 50) {
    await Promise.all(Array.from({ length: Math.min(50, CASES - k) }, async (_, i) => {
      const r = stored(k + i)
      await cloud.store.reports.insert(r)
      await cloud.store.reports.appendEvent({ reportId: r.id, at: r.createdAt, action: 'submitted', status: 'submitted', note: null, actorRole: 'resident', actorOpenid: r.openid })
    }))
  }
  resident = await cloud.login('paging-resident')
  staff = await cloud.login('demo-staff')
}, 120_000)
afterAll(async () => {
  if (!closed) await cloud?.close()
  await limited?.close()
})
let closed = false

async function get(path: string, on: TestCloud = cloud) {
  const res = await fetch(`${on.url}/open311/v2/${path}`)
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: path.includes('.json') ? JSON.parse(text) : xml.parse(text) }
}
const idsOf = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id)
const expected = (from: number, n: number) => Array.from({ length: n }, (_, i) => `bulk${String(from + i).padStart(4, '0')}`)

describe('paging', () => {
  it('answers the newest PAGE_SIZE (100) without paging, the total of the query (at most 1,000) and a link to the next page', async () => {
    const first = await get('requests.json')
    expect(first.status).toBe(200)
    expect(idsOf(first.body)).toEqual(expected(0, 100))
    expect(first.headers.get('x-total-count')).toBe('1000')
    expect(first.headers.get('link')).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/requests\.json\?page=2>; rel="next"/)
    expect(first.headers.get('access-control-expose-headers')).toContain('X-Total-Count')
  })

  it('pages join up to the whole answer; the last page has no next link; XML pages as JSON does', async () => {
    const whole = await get('requests.json?page_size=1000')
    expect(idsOf(whole.body)).toEqual(expected(0, 1000))
    expect(whole.headers.get('link')).toBeNull()
    const pages: string[] = []
    for (let page = 1; page <= 4; page++) {
      const answer = await get(`requests.json?service_code=zhandao,tingche&page_size=300&page=${page}`)
      pages.push(...idsOf(answer.body))
      if (page < 4) expect(answer.headers.get('link')).toContain(`page=${page + 1}`)
      else expect(answer.headers.get('link')).toBeNull()
    }
    expect(pages).toEqual(expected(0, 1000))
    const third = await get('requests.xml?page=3&page_size=7')
    expect(third.body.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expected(14, 7))
    // filters before paging: only one service's cases, still newest first
    const tingche = await get('requests.json?service_code=tingche&page_size=5&page=2')
    expect(idsOf(tingche.body)).toEqual(['bulk0010', 'bulk0012', 'bulk0014', 'bulk0016', 'bulk0018'])
    expect(tingche.headers.get('x-total-count')).toBe('500')
    expect((await get('requests.json?page=99')).body).toEqual([])
  })

  it('by ids: all asked at once unless paged', async () => {
    const ids = expected(500, 150)
    const all = await get(`requests.json?service_request_id=${ids.join(',')}`)
    expect(new Set(idsOf(all.body))).toEqual(new Set(ids))
    const paged = await get(`requests.json?service_request_id=${ids.join(',')}&page_size=100&page=2`)
    expect(paged.body).toHaveLength(50)
  })

  it('refuses a page or page size that is not a whole number in range, in the specification’s error format', async () => {
    for (const q of ['page=0', 'page=-1', 'page=abc', 'page_size=0', 'page_size=1001', 'page_size=2.5']) {
      expect(await get(`requests.xml?${q}`)).toMatchObject({ status: 400, body: { errors: { error: { code: '400', description: expect.stringMatching(/page/) } } } })
    }
    expect(await get('requests.json?page_size=1001')).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('1000') }] })
  })
})

describe('answers kept until a case changes', () => {
  it('a repeated read is served without the store on SQLite; every change is seen at once, on both stores', async () => {
    const spy = jest.spyOn(cloud.deps.store.reports, 'updatedBetween')
    try {
      const a = await get('requests.xml?page_size=20')
      const calls = spy.mock.calls.length
      const b = await get('requests.xml?page_size=20')
      expect(b.text).toBe(a.text)
      // SQLite keeps it (migration 033's version); CloudBase computes every answer
      expect(spy.mock.calls.length - calls).toBe(cloud.storeKind === 'sqlite' ? 0 : 1)
    } finally {
      spy.mockRestore()
    }

    // a case filed through the app comes first at once
    const filed = await cloud.ok(resident, 'report', 'create', { clientId: 'paging-new', category: 'zhandao', description: '新上报的占道经营', photos: [], location: center })
    expect(idsOf((await get('requests.json?page_size=20')).body)[0]).toBe(filed.id)
    // a step by staff: its status notes change in the answer at once
    await cloud.ok(staff, 'report', 'accept', { id: filed.id })
    const accepted = (await get('requests.json?page_size=20')).body.find((r: { service_request_id: string }) => r.service_request_id === filed.id)
    expect(accepted.status_notes).toBe('已受理')

    // a change written straight to the store (another writer) is seen too
    const before = (await get('requests.json?service_request_id=bulk0003')).body[0]
    expect(before.status_notes).toBe('已提交')
    await cloud.store.reports.update('bulk0003', { status: 'accepted' })
    expect((await get('requests.json?service_request_id=bulk0003')).body[0].status_notes).toBe('已受理')
  })

  it('a window ending now loses a case once its last update is older than 90 days, with no write in between', async () => {
    const before = await get('requests.json?page_size=1000&service_code=zhandao')
    expect(idsOf(before.body)).toContain('bulk0995')
    const saved = now
    try {
      // bulk0995 was last updated 996 minutes before `saved`; 90 days later, minus 995.5 minutes, it has just left
      now = new Date(saved.getTime() + 90 * 86400_000 - 995.5 * 60_000)
      const after = await get('requests.json?page_size=1000&service_code=zhandao')
      expect(idsOf(after.body)).not.toContain('bulk0995')
      expect(idsOf(after.body)).toContain('bulk0993')
    } finally {
      now = saved
    }
  })
})

describe('a per-address limit of reads', () => {
  it('answers 429 in the specification’s error format with Retry-After beyond the limit; posts are not counted as reads', async () => {
    // a cloud of its own (on cloudbase a new cloud starts the emulated environment afresh)
    await cloud.close()
    closed = true
    limited = await startCloud({ clock: () => now, demoActivity: false, open311ReadsPerMinute: 3 })
    for (let i = 0; i < 3; i++) expect((await get('services.xml', limited)).status).toBe(200)
    const refused = await get('requests.xml', limited)
    expect(refused).toMatchObject({ status: 429, body: { errors: { error: { code: '429', description: expect.stringContaining('too many requests') } } } })
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(await get('requests.json', limited)).toMatchObject({ status: 429, body: [{ code: 429 }] })
    // a POST is a partner's write, limited by its key (PARTNER_PER_MINUTE), not by this
    const posted = await fetch(`${limited.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'api_key=none' })
    expect(posted.status).toBe(403)
  })
})
