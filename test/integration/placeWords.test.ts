import { startCloud, type TestCloud } from '../helpers/cloud'
import { placeWords } from '../../cloud/core/geo/place'
import type { Road, Site } from '../../types/campaign'

/**
 * Issue 24, a villager's point 3: after locating, the form proposes the place in words from what the
 * district knows — the village holding the point (or the nearest village center) and the nearest
 * named 点位 or 路段 of the campaign data — as `report.locate`'s `address`, saved with the case; and a
 * report with a photo needs no words (fewer taps). Runs on both stores.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
})
afterAll(() => cloud.close())

const site = (name: string, latitude: number, longitude: number, active = true): Site =>
  ({ id: name, name, kind: 'market', location: { latitude, longitude }, villageId: 'v', unitId: 'u', address: null, roadId: null, active })
const road = (name: string, line: [number, number][], active = true): Road => ({ id: name, name, unitId: 'u', line, active })
const village = { name: '幸福村', townName: '濮阳镇', inside: true }

it('placeWords: the nearest named 点位, else 路段, after the village; the village alone; nothing known, null', () => {
  const p = { latitude: 35.7612, longitude: 115.03 }
  const market = site('幸福村菜市场', 35.7613, 115.0301)
  const far = site('叶营小学周边', 35.7598, 115.054)
  const jianshe = road('建设路（幸福村段）', [[115.0295, 35.7605], [115.0295, 35.762]])
  expect(placeWords(p, village, [far, market], [jianshe])).toBe('濮阳镇幸福村 · 菜市场附近')
  // a 点位 stopped in the campaign data names nothing; the road then does, without its section
  expect(placeWords(p, village, [site('幸福村菜市场', 35.7613, 115.0301, false)], [jianshe])).toBe('濮阳镇幸福村 · 建设路附近')
  expect(placeWords(p, village, [far], [])).toBe('濮阳镇幸福村')
  expect(placeWords(p, { ...village, inside: false }, [], [])).toBe('濮阳镇幸福村附近')
  expect(placeWords(p, null, [market], [])).toBe('幸福村菜市场附近')
  expect(placeWords(p, null, [], [])).toBeNull()
  // a 点位 named as the village adds nothing to it
  expect(placeWords(p, village, [site('幸福村', 35.7613, 115.0301)], [])).toBe('濮阳镇幸福村')
})

it('report.locate proposes the place in words from the district\'s data', async () => {
  const resident = await cloud.login('place-words')
  // 幸福村菜市场 is a 点位 of the campaign data
  const market = await cloud.ok(resident, 'report', 'locate', { latitude: 35.7612, longitude: 115.03 })
  expect(market.address).toBe('濮阳镇幸福村 · 菜市场附近')
  // inside a village with no named place near: the village
  const center = (await cloud.ok(resident, 'ranking', 'regions', {})).find((r: { id: string }) => r.id === 'py-07').center
  const quiet = await cloud.ok(resident, 'report', 'locate', center)
  expect(quiet.address).toBe(`${quiet.village.townName}${quiet.village.name}`)
  // a 路段 the district imports there names the place, without its section
  const admin = await cloud.login('demo-admin')
  await cloud.ok(admin, 'ranking', 'importRoads', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'road-jianshe', name: '建设路（安居段）', unitId: 'unit-zhujian' }, geometry: { type: 'LineString', coordinates: [[center.longitude - 0.0005, center.latitude - 0.0005], [center.longitude + 0.0005, center.latitude + 0.0005]] } }] })
  const onRoad = await cloud.ok(resident, 'report', 'locate', center)
  expect(onRoad.address).toBe(`${quiet.village.townName}${quiet.village.name} · 建设路附近`)
  expect(quiet.address).not.toMatch(/\d/)
})

it('a report with a photo needs no words: the case names its category; without a photo the words are asked', async () => {
  const resident = await cloud.login('place-words-2')
  const photo = await cloud.photoOf(resident)
  const located = await cloud.ok(resident, 'report', 'locate', { latitude: 35.7612, longitude: 115.03 })
  const r = await cloud.ok(resident, 'report', 'create', {
    clientId: 'place-words-case-1', category: 'zhandao', photos: [photo], location: { latitude: 35.7612, longitude: 115.03, address: located.address }
  })
  expect(r).toMatchObject({ description: '占道经营（见现场照片）', location: { address: '濮阳镇幸福村 · 菜市场附近' } })
  const mine = (await cloud.ok(resident, 'report', 'mine', {})).items
  expect(mine[0].location.address).toBe('濮阳镇幸福村 · 菜市场附近')
  for (const bad of [{ photos: [] }, { photos: [], description: '' }, { photos: [photo], description: '短' }]) {
    const answer = await cloud.call(resident, 'report', 'create', { clientId: 'place-words-case-2', category: 'zhandao', location: { latitude: 35.7612, longitude: 115.03 }, ...bad })
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'description' } })
  }
})
