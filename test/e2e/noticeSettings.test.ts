import type { Page } from 'playwright-core'
import { startApp, button, cell, openTab, signIn, waitUntil, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'

/**
 * 我的 → 消息设置 (issue 25) in the H5 build: the district's subscribe-message templates with the
 * user's consents, and the switch that stops (and restarts) the messages about cases the user
 * pressed 我也遇到 on, 关注我的村居 (the weekly summary) and 关注附近 (an area of 1 km) — the server's state, not only the page's; axe clean and 44 px targets in
 * normal and 长辈模式.
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp({ config: { noticeTemplates: [{ id: 'tmpl-case', topic: 'case', kind: 'long', name: '上报办理进度', kinds: ['report'] }] } })
}, 60000)
afterAll(() => app?.close())

/** Every tap target on the visible page smaller than 44 × 44 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.notice-settings .nut-button, .notice-settings .ui-btn, .notice-settings [role="switch"]'))
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ text: (e.textContent || e.getAttribute('aria-label') || '').trim(), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`)
  )
}

it.each([
  ['normal', false],
  ['长辈模式', true]
])('消息设置 shows the subscriptions and stops following 我也遇到 cases (%s)', async (_mode, elder) => {
  const openid = elder ? 'settings-elder' : 'settings-normal'
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder, nickname: '设置测试', villageId: 'py-01' })
  await app.cloud.ok(token, 'user', 'noticeConsent', { results: { 'tmpl-case': 'accept' } })
  const page = await signIn(app, openid)
  await openTab(page, '我的')
  await cell(page, '消息设置').filter({ visible: true }).click()
  const shell = page.locator(elder ? '.page-shell.elder.notice-settings' : '.page-shell.notice-settings:not(.elder)').filter({ visible: true })
  await shell.waitFor()
  await shell.getByText('上报办理进度 · 上报和关注的问题').waitFor()
  await shell.getByText('已订阅（长期）').waitFor()

  const toggle = shell.getByRole('switch', { name: '「我也遇到」的问题有进展时通知我' })
  await expectChecked(toggle, 'true')
  expect(await seriousViolations(page)).toEqual([])
  expect(await smallTargets(page)).toEqual([])

  // off: the server stops telling; on again: it tells again
  await toggle.click()
  await expectChecked(toggle, 'false')
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'noticeSettings')).muted.includes('follow'))
  await toggle.click()
  await expectChecked(toggle, 'true')
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'noticeSettings')).muted.length === 0)

  // 关注我的村居 (issue 25): on — the village is listed by name, its switch on; off — gone again
  const home = shell.getByRole('switch', { name: '关注我的村居' })
  await expectChecked(home, 'false')
  await home.click()
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'noticeSettings')).villages.some((v: { id: string }) => v.id === 'py-01'))
  const { name } = (await app.cloud.ok(token, 'user', 'noticeSettings')).villages[0]
  const village = shell.getByRole('switch', { name: `关注${name}` })
  await expectChecked(village, 'true')
  expect(await seriousViolations(page)).toEqual([])
  expect(await smallTargets(page)).toEqual([])
  await village.click()
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'noticeSettings')).villages.length === 0)
  await expectChecked(shell.getByRole('switch', { name: '关注我的村居' }), 'false')

  // 关注附近 (issue 25): an area of 1 km around where the user stands, listed with a switch that stops it
  await page.context().grantPermissions(['geolocation'], { origin: app.cloud.url })
  await page.context().setGeolocation({ latitude: 35.7606, longitude: 115.0241 })
  await button(shell, '关注附近').click()
  const area = shell.getByRole('switch', { name: '关注区域 1' })
  await expectChecked(area, 'true')
  const [followedArea] = (await app.cloud.ok(token, 'user', 'noticeSettings')).areas
  expect(followedArea).toMatchObject({ radius: 1000, categories: [] })
  expect(Math.abs(followedArea.latitude - 35.7606)).toBeLessThan(0.01)
  expect(await seriousViolations(page)).toEqual([])
  expect(await smallTargets(page)).toEqual([])
  await area.click()
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'noticeSettings')).areas.length === 0)
  await shell.getByRole('switch', { name: '关注区域 1' }).waitFor({ state: 'detached' })
}, 60000)

async function expectChecked(toggle: ReturnType<Page['getByRole']>, value: 'true' | 'false') {
  await toggle.and(toggle.page().locator(`[aria-checked="${value}"]`)).waitFor()
}
