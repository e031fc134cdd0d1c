import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * A partner's request with an address only (issue 27): it waits in the dispatcher's queue flagged
 * 待定位 (`workflow.placedByName`), the dispatcher places it by hand (`report.place`, through the case
 * model) and sends it to its unit (转办) — on the store this project runs (sqlite / cloudbase).
 */
let cloud: TestCloud
let admin: string
let staff: string
let apiKey: string

beforeAll(async () => {
  cloud = await startCloud()
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  apiKey = (await cloud.ok(admin, 'open311', 'createKey', { partner: '12345热线' })).apiKey
})
afterAll(() => cloud.close())

const market = { latitude: 35.7612, longitude: 115.03 }
async function postAddressOnly(description: string) {
  const res = await fetch(`${cloud.url}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, service_code: 'zhandao', address_string: '濮阳镇幸福村东头小卖部门口', description }).toString()
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id
}

it('an address-only request waits in the dispatcher’s queue as 待定位; the dispatcher places it and sends it on', async () => {
  const id = await postAddressOnly('东头小卖部门口占道经营')
  const waiting = await cloud.ok(admin, 'report', 'get', { id })
  expect(waiting).toMatchObject({ unitId: 'unit-wenming', villageId: 'py-01', status: 'submitted', workflow: { placedByName: true } })
  expect(waiting.actions).toContain('place')
  // the 文明办's queue has it; 城管's does not
  expect((await cloud.ok(admin, 'report', 'queue', { unitId: 'unit-wenming' })).items.map((r: { id: string }) => r.id)).toContain(id)
  expect((await cloud.ok(staff, 'report', 'queue', {})).items.map((r: { id: string }) => r.id)).not.toContain(id)
  const before = await cloud.store.reports.get(id)

  // who may not, and where not: refused, nothing changed
  expect((await cloud.call(staff, 'report', 'place', { id, location: market })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect((await cloud.call(admin, 'report', 'place', { id, location: { latitude: 39.9, longitude: 116.4 } })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'location' } })
  expect((await cloud.call(admin, 'report', 'place', { id, location: { latitude: 'x', longitude: 115 } })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect(await cloud.store.reports.get(id)).toEqual(before)

  // placed: the point, the address, the village it lies in; the flag cleared; a step on the timeline
  const placed = await cloud.ok(admin, 'report', 'place', { id, location: { ...market, address: '幸福村菜市场东门' } })
  expect(placed).toMatchObject({ location: { ...market, address: '幸福村菜市场东门' }, villageId: 'py-01', status: 'submitted', workflow: { placedByName: false } })
  expect(placed.timeline.at(-1)).toMatchObject({ action: 'place', note: '已定位：幸福村菜市场东门' })
  expect(placed.actions).not.toContain('place')
  // the map's index moved with it: nearby finds it at its new point
  const near = await cloud.ok(await cloud.login('place-neighbour'), 'report', 'nearby', { ...market, radius: 50, category: 'zhandao' })
  expect(near.items.map((r: { id: string }) => r.id)).toContain(id)
  // once placed, not again; then 转办 to its unit
  expect((await cloud.call(admin, 'report', 'place', { id, location: market })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await cloud.ok(admin, 'report', 'transfer', { id, unitId: 'unit-chengguan' })).toMatchObject({ unitId: 'unit-chengguan' })
  expect((await cloud.ok(staff, 'report', 'queue', {})).items.map((r: { id: string }) => r.id)).toContain(id)
})

it('a case with its own point needs no placing', async () => {
  const r = await cloud.ok(await cloud.login('place-resident'), 'report', 'create', { clientId: 'place-own-1', category: 'zhandao', description: '菜市场门口占道经营', photos: [], location: market })
  expect((await cloud.call(admin, 'report', 'place', { id: r.id, location: market })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该工单已有准确位置，无需定位' } })
})
