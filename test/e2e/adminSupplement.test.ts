import type { Browser } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, expectAccessible, requireConsoleBuild, signInConsole, tableRow as row } from '../helpers/console'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 24: the words and photo a villager gave with 我也遇到 reach those who handle the case — the
 * console's case drawer shows them under 居民补充 (and its timeline the step), in Debian's Chromium
 * against a real local server.
 */
let cloud: TestCloud
let browser: Browser
const problems: string[] = []

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ adminDir: ADMIN_DIR })
  browser = await launchBrowser()
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => {
  expect(problems.splice(0)).toEqual([])
})

it('the case drawer shows a neighbour\'s 补充: her words and photo', async () => {
  const reporter = await cloud.login('drawer-sup-reporter')
  const r = await cloud.ok(reporter, 'report', 'create', { clientId: 'drawer-sup-case-1', category: 'zhandao', description: '补充测试：菜市场门口占道经营', photos: [await cloud.photoOf(reporter)], location: { latitude: 35.7612, longitude: 115.03 } })
  const villager = await cloud.login('drawer-sup-villager')
  const photo = await cloud.upload(villager, tinyJpeg())
  await cloud.ok(villager, 'report', 'support', { id: r.id, clientId: 'drawer-sup-draft-1', note: '早上七点三轮车又堵住了路口', photos: [photo] })

  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { timezoneId: 'Asia/Shanghai', menu: '工单' })
  await page.getByLabel('搜索', { exact: true }).fill('补充测试')
  await page.getByLabel('搜索', { exact: true }).press('Enter')
  await row(page, '补充测试：菜市场门口占道经营').getByRole('button', { name: /^查看工单/ }).click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByText('居民补充（1）').waitFor()
  await drawer.locator('.case-supplement').getByText('早上七点三轮车又堵住了路口', { exact: false }).waitFor()
  await drawer.locator('.case-supplement img[alt="补充 1 的照片 1"]').waitFor()
  await drawer.getByText('居民补充现场情况').first().waitFor() // the timeline's step
  await expectAccessible(page, 'case drawer with a 补充')
}, 90000)
