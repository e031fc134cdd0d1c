import { startCloud, type TestCloud } from '../helpers/cloud'
import { geoIndexBuilds, geoIndexKeys } from '../../cloud/core/geo'

/**
 * Issue 23: what `report.create` (and every request) must do once, not once per request, on the
 * store of the jest project: the geography index is built once for unchanged geography (and
 * again when an admin imports new geography), helmet's middleware is built once for the server.
 */
// helmet as installed, with its calls counted: the server must build its middleware once
jest.mock('helmet', () => {
  const actual = jest.requireActual('helmet')
  const counted = jest.fn((options: unknown) => actual(options))
  return Object.assign(counted, { __esModule: true, default: counted })
})
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helmetBuilds = () => (require('helmet') as jest.Mock).mock.calls.length

let cloud: TestCloud
let resident: string
let admin: string
let n = 0
beforeAll(async () => {
  cloud = await startCloud({ config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  resident = await cloud.login('demo-resident')
  admin = await cloud.login('demo-admin')
})
afterAll(() => cloud.close())

const MARKET = { latitude: 35.7612, longitude: 115.03 } // 幸福村菜市场, in 幸福村 (py-01)
const file = (location = MARKET) =>
  cloud.ok(resident, 'report', 'create', { clientId: `once-${++n}-${Date.now()}`, category: 'zhandao', description: '路口有摊贩占道经营', photos: [], location })

it('files cases without rebuilding the geography index, and rebuilds it once when the geography changes', async () => {
  expect((await file()).villageId).toBe('py-01')
  const built = geoIndexBuilds()
  const keyed = geoIndexKeys()
  for (let i = 0; i < 5; i++) expect((await file()).villageId).toBe('py-01')
  expect((await cloud.ok(resident, 'report', 'locate', MARKET)).village.id).toBe('py-01')
  expect(geoIndexBuilds()).toBe(built)
  // SQLite hands out the same frozen regions until they change: not even a key of them is made
  // (CloudBase reads them anew each time, and the key decides)
  if (process.env.STORE !== 'cloudbase') expect(geoIndexKeys()).toBe(keyed)

  // 幸福村 gets a boundary far away: the market is now in no boundary and 幸福村's center is far,
  // so the case goes to the nearest other village — with an index built once more, then kept
  const far = { type: 'Polygon', coordinates: [[[116, 36], [116.01, 36], [116.01, 36.01], [116, 36.01], [116, 36]]] }
  await cloud.ok(admin, 'ranking', 'importGeography', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'py-01' }, geometry: far }] })
  const moved = await file()
  expect(moved.villageId).not.toBe('py-01')
  expect(geoIndexBuilds()).toBe(built + 1)
  for (let i = 0; i < 3; i++) expect((await file()).villageId).toBe(moved.villageId)
  expect(geoIndexBuilds()).toBe(built + 1)
})

it('builds helmet\'s middleware once for the server, and every answer carries its headers', async () => {
  const before = helmetBuilds()
  expect(before).toBe(1)
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${cloud.url}/healthz`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  }
  await file()
  expect(helmetBuilds()).toBe(before)
})
