import { startApp, signIn, openTab, visible, waitUntil, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { cameraJpeg } from '../helpers/images'
import { photoChecked } from '../../cloud/core/report/moderation'

/**
 * Issue 13: a case with photos reaches the neighbourhood only after its photos passed the image
 * check (here the verdict is delivered as WeChat's event would deliver it), and the 文明点赞墙 shows
 * the praise the 文明办 approved — in the H5 build, in Chromium, against the real local server.
 */
let app: TestApp
beforeAll(async () => {
  // the local image check waits an hour: the test delivers the verdicts itself
  app = await startApp({ demoActivity: true, config: { localMediaCheckDelayMs: 3_600_000 } })
}, 60000)
afterAll(() => app?.close())

const MARKET = { latitude: 35.7614, longitude: 115.0297 }

it("a neighbour's case awaiting its image check is not shown to another resident until it passes", async () => {
  const neighbour = await app.cloud.login('mod-neighbour')
  await app.cloud.ok(neighbour, 'user', 'updateProfile', { nickname: '李大姐', villageId: 'py-01' })
  const photo = await app.cloud.upload(neighbour, new Uint8Array(await cameraJpeg()))
  const filed = await app.cloud.ok(neighbour, 'report', 'create', {
    clientId: 'e2e-moderation-1', category: 'zhandao', description: '超市门口三轮车占道卖菜待审核', photos: [photo], location: { ...MARKET, address: '幸福村超市门口' }
  })
  expect(filed.moderation).toBe('pending')

  // another resident of the village: not in the feed, and the case's own page says it is not public
  const page = await signIn(app, 'demo-resident')
  await openTab(page, '随手拍')
  const feed = visible(page, '.report-tab .feed')
  await feed.locator('.feed-card').first().waitFor()
  const shown = await app.cloud.ok(await app.cloud.login('demo-resident'), 'report', 'feed', { scope: 'village' })
  expect(shown.items.length).toBeGreaterThan(0)
  expect(shown.items.map((r: { id: string }) => r.id)).not.toContain(filed.id)
  expect(await feed.locator('.feed-card').count()).toBe(shown.items.length)
  await page.goto(`${app.cloud.url}/#/sub-report/detail/index?id=${filed.id}`)
  await visible(page, '.report-detail').getByText(/尚未公开/).waitFor()
  expect(await page.getByText('超市门口三轮车占道卖菜待审核').count()).toBe(0)

  // its reporter sees it, and why others do not yet
  const own = await signIn(app, 'mod-neighbour')
  await own.goto(`${app.cloud.url}/#/sub-report/detail/index?id=${filed.id}`)
  const status = visible(own, '.case-summary__publication')
  await status.getByText(/照片审核中：审核通过前，只有你和工作人员能看到/).waitFor()
  expect(await seriousViolations(own)).toEqual([])

  // the verdict arrives: the case is public, in the feed and on its page
  await photoChecked(app.cloud.deps, filed.id, photo, 'pass')
  await page.goto(`${app.cloud.url}/#/pages/report/index`)
  await waitUntil(async () => (await visible(page, '.report-tab .feed').locator('.feed-card').count()) === shown.items.length + 1)
  await page.goto(`${app.cloud.url}/#/sub-report/detail/index?id=${filed.id}`)
  // (the router keeps the earlier visit of the same page in its stack: the newest is the last)
  await visible(page, '.report-detail .case-summary__description').getByText('超市门口三轮车占道卖菜待审核').last().waitFor()
  expect(await visible(page, '.case-summary__publication').count()).toBe(0)
}, 120000)

it('the 文明点赞墙 shows the praise the 文明办 approved, with its village, and not the praise awaiting review', async () => {
  const resident = await app.cloud.login('praise-resident')
  const admin = await app.cloud.login('demo-admin')
  const approved = await app.cloud.ok(resident, 'report', 'create', {
    clientId: 'e2e-praise-approved', category: 'dianzan', description: '张大爷每天早上义务清扫村口小广场', photos: [], location: MARKET
  })
  await app.cloud.ok(resident, 'report', 'create', { clientId: 'e2e-praise-waiting', category: 'dianzan', description: '还在审核中的点赞不应上墙', photos: [], location: MARKET })
  await app.cloud.ok(admin, 'report', 'review', { id: approved.id, approve: true })

  const page = await signIn(app, 'demo-resident')
  await openTab(page, '随手拍')
  await visible(page, '.report-tab .ui-cell').filter({ hasText: '文明点赞墙' }).click()
  const wall = visible(page, '.praise-wall')
  const card = wall.locator('.praise-card', { hasText: '张大爷每天早上义务清扫村口小广场' })
  await card.waitFor()
  await card.getByText(/幸福村 · \d{4}-\d{2}-\d{2}/).waitFor()
  expect(await wall.getByText('还在审核中的点赞不应上墙').count()).toBe(0)
  const served = await app.cloud.ok(resident, 'report', 'praiseWall', {})
  expect(await wall.locator('.praise-card').count()).toBe(served.items.length)
  const box = (await card.boundingBox())!
  expect(box.height).toBeGreaterThanOrEqual(44)
  expect(await seriousViolations(page)).toEqual([])
  await card.click()
  await visible(page, '.report-detail .case-summary__description').getByText('张大爷每天早上义务清扫村口小广场').waitFor()
}, 90000)
