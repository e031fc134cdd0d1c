import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Issue 25: a village's public cases as an Atom feed (`GET /feeds/villages/<id>.atom`), for local
 * news sites and 公众号 editors — the public form only. Runs on both stores.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ publicBaseUrl: 'https://wenming.example.gov.cn', config: { reportsPerDay: 100, reportsPerMinute: 100 } })
})
afterAll(() => cloud.close())

let n = 0
const MARKET = { latitude: 35.7, longitude: 115 }
const get = (path: string) => fetch(`${cloud.url}${path}`)

it('lists the village’s public cases, newest first, without the reporter, an anonymous address, hidden or rejected cases', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('atom-reporter')
  await cloud.ok(resident, 'user', 'updateProfile', { nickname: '李四' })
  const file = async (extra: Record<string, unknown>) => (await cloud.ok(resident, 'report', 'create', { clientId: `atom-case-${++n}`, category: 'zhandao', description: `占道经营 ${n}`, photos: [], location: { ...MARKET, address: '柳岸路 3 号赵家门口' }, ...extra })) as { id: string; villageId: string }
  const open = await file({})
  const anonymous = await file({ anonymous: true })
  const hidden = await file({})
  const rejected = await file({})
  const fixed = await file({})
  await cloud.ok(staff, 'report', 'hide', { id: hidden.id, reason: '涉及个人隐私' })
  await cloud.ok(staff, 'report', 'reject', { id: rejected.id, reason: '重复上报' })
  await cloud.ok(staff, 'report', 'accept', { id: fixed.id })
  await cloud.ok(staff, 'report', 'resolve', { id: fixed.id, note: '已劝离摊贩并清扫', photos: [await cloud.photoOf(staff)] })

  const res = await get(`/feeds/villages/${open.villageId}.atom`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
  const xml = await res.text()
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true)
  expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="https://wenming.example.gov.cn/feeds/villages/${open.villageId}.atom"/>`)
  const ids = [...xml.matchAll(/<id>urn:civic:case:([^<]+)<\/id>/g)].map((m) => m[1])
  expect(ids.slice(0, 3)).toEqual([fixed.id, anonymous.id, open.id])
  expect(ids).not.toContain(hidden.id)
  expect(ids).not.toContain(rejected.id)
  // the entry of the anonymous case names the village, never the address; nobody's name anywhere
  const entryOf = (id: string) => xml.split('<entry>').find((e) => e.includes(`urn:civic:case:${id}<`))!
  expect(entryOf(open.id)).toContain('柳岸路 3 号赵家门口')
  expect(entryOf(anonymous.id)).not.toContain('赵家门口')
  expect(xml).not.toMatch(/李四|atom-reporter/)
  expect(entryOf(fixed.id)).toContain('办理结果：已劝离摊贩并清扫')
  expect(entryOf(fixed.id)).toContain(`<link rel="alternate" href="https://wenming.example.gov.cn/#/sub-report/detail/index?id=${fixed.id}"/>`)
})

it('an unknown village or a bad name is 404', async () => {
  expect((await get('/feeds/villages/nope-99.atom')).status).toBe(404)
  expect((await get('/feeds/villages/py-01.rss')).status).toBe(404)
  expect((await get('/feeds/villages/..%2Fx.atom')).status).toBe(404)
})
