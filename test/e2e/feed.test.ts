import { startApp, signIn, openTab, button, visible, waitUntil, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 13, first slice: the 随手拍 tab opens on the neighbourhood — this month's figures, 身边的随手拍
 * and the map — on the demo district with its activity (open cases around 幸福村菜市场).
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp({ demoActivity: true })
}, 60000)
afterAll(() => app?.close())

const HEAP = '菜市场后巷堆满废弃纸箱' // demo-vol-1's case, a neighbour of 王秀兰's

it('a resident sees a neighbour\'s case in the feed and on the map, opens it and supports it', async () => {
  const page = await signIn(app, 'demo-resident')
  await openTab(page, '随手拍')
  const feed = visible(page, '.report-tab .feed')
  await feed.locator('.feed-card').first().waitFor()
  // the entry points are still there
  await button(visible(page, '.report-tab__hero'), '我要随手拍').waitFor()
  await button(visible(page, '.report-tab__hero'), '文明点赞').waitFor()
  await visible(page, '.report-tab .ui-cell').filter({ hasText: '我的上报' }).waitFor()

  const token = await app.cloud.login('demo-resident')
  const served = await app.cloud.ok(token, 'report', 'feed', { scope: 'village' })
  const heap = served.items.find((r: { description: string }) => r.description.startsWith(HEAP))
  expect(heap).toBeDefined()
  expect(await feed.locator('.feed-card').count()).toBe(served.items.length)
  const card = feed.locator('.feed-card', { hasText: '乱堆杂物' }).first()
  await card.waitFor()
  await expect(card.getAttribute('aria-label')).resolves.toContain('乱堆杂物')
  await card.getByText('0 人也遇到').waitFor()

  // 附近 2 公里: the device's position (WGS-84 from the browser) near the market
  await page.context().grantPermissions(['geolocation'])
  await page.context().setGeolocation({ latitude: 35.7625, longitude: 115.0240 })
  await feed.getByRole('radio', { name: '附近 2 公里' }).click()
  await feed.locator('.feed-card', { hasText: '乱堆杂物' }).first().getByText(/\d+ 米/).waitFor()
  await feed.getByRole('radio', { name: '本村' }).click()

  // the map: the cases near the market are one cluster until zoomed in, then markers
  await button(feed, '在地图上看').click()
  const map = visible(page, '.case-map')
  await map.locator('.case-map__base').waitFor()
  await map.getByText(/这里有 [1-9]\d* 件随手拍/).waitFor()
  // a cluster zooms in around itself; at street zoom cases standing too close to draw apart are a group that lists them (issue 24)
  const marker = map.locator(`#case-marker-${heap.id}, #case-pick-${heap.id}`).filter({ visible: true })
  for (let i = 0, listed = 0; i < 12 && !(await marker.count()); i++) {
    const lists = map.locator('.case-map__cluster[aria-label$="点按列出"]')
    if (await lists.count()) {
      await lists.nth(listed++ % (await lists.count())).click()
      await map.locator('.case-map__pick').first().waitFor()
      continue
    }
    const cluster = map.locator('.case-map__cluster').first()
    if (!(await cluster.count())) break
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/report') && (r.request().postData() ?? '').includes('"map"'))
    await cluster.click()
    await answered
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  }
  await marker.waitFor()
  await expect(marker.getAttribute('aria-label')).resolves.toBe('乱堆杂物，已受理')
  const size = (await marker.boundingBox())!
  expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(44)
  expect(await seriousViolations(page)).toEqual([])
  await marker.click()

  // the case, in public form; 我也遇到
  const detail = visible(page, '.report-detail')
  await detail.locator('.case-summary__description', { hasText: HEAP }).waitFor()
  await button(visible(page, '.report-detail__support'), '我也遇到').click()
  await waitUntil(async () => (await app.cloud.ok(token, 'report', 'get', { id: heap.id })).supportCount === 1)
  await visible(page, '.report-detail__support').getByText('已有 1 人').waitFor()
}, 120000)

it('a resolved case shows its before and after photos in the feed and on its page', async () => {
  const neighbour = await app.cloud.login('feed-neighbour')
  await app.cloud.ok(neighbour, 'user', 'updateProfile', { villageId: 'py-01' })
  const staff = await app.cloud.login('demo-staff')
  const filed = await app.cloud.ok(neighbour, 'report', 'create', {
    clientId: 'feed-resolved-1', category: 'zhandao', description: '文化广场南侧有人摆摊占道', photos: [await app.cloud.upload(neighbour, tinyJpeg())],
    location: { latitude: 35.7608, longitude: 115.0293, address: '幸福村文化广场南侧' }
  })
  await app.cloud.ok(staff, 'report', 'accept', { id: filed.id })
  await app.cloud.ok(staff, 'report', 'resolve', { id: filed.id, note: '已劝离摊贩，恢复通行', photos: [await app.cloud.upload(staff, tinyJpeg())] })

  const page = await signIn(app, 'demo-resident')
  await openTab(page, '随手拍')
  const feed = visible(page, '.report-tab .feed')
  await feed.getByRole('radio', { name: '已办结' }).click()
  const card = feed.locator('.feed-card', { hasText: '占道经营' }).filter({ hasText: '已办结' })
  await card.waitFor()
  // only resolved ones now: this one and the demo's cases its cleanup drive fixed
  const resolved = await app.cloud.ok(await app.cloud.login('demo-resident'), 'report', 'feed', { scope: 'village', status: 'resolved' })
  expect(resolved.items.length).toBeGreaterThan(1)
  await waitUntil(async () => (await feed.locator('.feed-card').count()) === resolved.items.length)
  expect(await feed.locator('.feed-card').filter({ hasText: '已办结' }).count()).toBe(resolved.items.length)
  await card.locator('.feed-card__before').waitFor()
  await card.locator('.feed-card__after').waitFor()
  await expect(card.locator('.feed-card__after img, img.feed-card__after').first().getAttribute('alt')).resolves.toBe('占道经营整改后')
  await card.click()
  const compare = visible(page, '.report-detail .case-compare')
  await compare.getByRole('img', { name: '整改前照片' }).waitFor()
  await compare.getByRole('img', { name: '整改后照片' }).waitFor()
  // a resolved case is not supported any more
  expect(await visible(page, '.report-detail__support').count()).toBe(0)
}, 90000)

it('the figures strip shows the month\'s numbers the server computes, for my village and the district', async () => {
  const token = await app.cloud.login('demo-resident')
  const figures = await app.cloud.ok(token, 'report', 'figures', {})
  expect(figures.village).toMatchObject({ id: 'py-01', name: '幸福村' })
  // this month's: the demo's cases of today at least, and the case resolved above (never an empty strip)
  expect(figures.village.received).toBeGreaterThan(0)
  expect(figures.village.resolved).toBeGreaterThan(0)
  expect(figures.district.received).toBeGreaterThanOrEqual(figures.village.received)
  const page = await signIn(app, 'demo-resident')
  await openTab(page, '随手拍')
  const rows = visible(page, '.report-tab .figures .figures__row')
  await rows.first().waitFor()
  const text = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ''))
  const rate = (r: number | null) => (r === null ? '—' : `${r}%`)
  expect(text).toEqual([
    `幸福村上报${figures.village.received}受理${figures.village.accepted}办结${figures.village.resolved}按期率${rate(figures.village.onTimeRate)}`,
    `全区上报${figures.district.received}受理${figures.district.accepted}办结${figures.district.resolved}按期率${rate(figures.district.onTimeRate)}`
  ])
}, 90000)
