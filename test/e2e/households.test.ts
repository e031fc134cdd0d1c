import type { Page } from 'playwright-core'
import { startApp, signIn, visible, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'

/**
 * The village page's 文明户光荣榜 (issue 26) and points per household (issue 28) in the H5 build:
 * the published lists with each household as 户主's surname and 门牌 only, a withdrawn award gone,
 * the village's household figures; axe clean and 44 px targets in normal and 长辈模式.
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp()
  const admin = await app.cloud.login('demo-admin')
  const rows = [{ head: '张建国', door: '1组12号' }, { head: '李秀英', door: '1组13号' }, { head: '欧阳明', door: '2组1号' }]
  await app.cloud.ok(admin, 'ranking', 'importHouseholds', { villageId: 'py-01', rows })
  const homes: { id: string; head: string }[] = await app.cloud.ok(admin, 'ranking', 'households', { villageId: 'py-01' })
  const id = (head: string) => homes.find((h) => h.head === head)!.id
  const ten = ['爱国守法星', '诚信友善星', '勤劳致富星', '孝老爱亲星', '移风易俗星', '卫生洁净星', '绿化美化星', '平安和谐星', '热心公益星', '教育文明星']
  await app.cloud.ok(admin, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: id('张建国'), stars: ten })
  await app.cloud.ok(admin, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: id('李秀英'), stars: ten.slice(0, 3) })
  await app.cloud.ok(admin, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: id('欧阳明'), stars: ten.slice(0, 5) })
  await app.cloud.ok(admin, 'ranking', 'publishHouseholdAwards', { villageId: 'py-01', kind: 'shixing', year: '2026' })
  await app.cloud.ok(admin, 'ranking', 'withdrawHouseholdAward', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: id('欧阳明'), reason: '经村民代表会议撤销' })
}, 60000)
afterAll(() => app?.close())

/** Every tap target on the visible village page smaller than 44 × 44 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.village .nut-button, .village .ui-btn, .village [role="switch"], .village [role="button"]'))
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ text: (e.textContent || e.getAttribute('aria-label') || '').trim(), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`)
  )
}

it.each([
  ['normal', false],
  ['长辈模式', true]
])('the village page shows the published 文明户 list, surnames and 门牌 only, and points per household (%s)', async (_mode, elder) => {
  const openid = elder ? 'homes-elder' : 'homes-normal'
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder, villageId: 'py-01' })
  const page = await signIn(app, openid)
  await page.goto(`${app.cloud.url}/#/sub-ranking/village/index?id=py-01`)
  const shell = visible(page, elder ? '.page-shell.elder.village' : '.page-shell.village:not(.elder)')
  await shell.waitFor()
  const awards = shell.locator('.village__awards')
  await awards.getByText('2026 年度十星级文明户（2 户）').waitFor()
  const items = awards.getByRole('listitem')
  await expect(items.allInnerTexts()).resolves.toEqual([expect.stringMatching(/张\*\* 家 · 1组12号[\s\S]*10 星全得/), expect.stringMatching(/李\*\* 家 · 1组13号[\s\S]*3 星/)])
  // no given names, and the withdrawn household is gone
  expect(await shell.innerText()).not.toMatch(/建国|秀英|欧阳|2组1号/)
  const { pointsEarned, pointsPerHousehold } = await app.cloud.ok(token, 'points', 'village', { villageId: 'py-01' })
  await shell.locator('.village__points').getByText(`共 ${pointsEarned} 分 · 户均 ${pointsPerHousehold} 分`).waitFor()
  await shell.locator('.village__households').getByText('本村 3 户 · 文明户 2 户').waitFor()
  expect(await seriousViolations(page)).toEqual([])
  expect(await smallTargets(page)).toEqual([])
}, 60000)
