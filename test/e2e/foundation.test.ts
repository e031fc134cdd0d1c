import { startApp, signIn, openTab, button, cell, waitUntil, type TestApp } from '../helpers/browser'
import { deliver } from '../../cloud/core/messages'

let app: TestApp
beforeAll(async () => {
  app = await startApp()
}, 60000)
afterAll(() => app?.close())

it('the demo resident signs in, sees 我的 with the nickname, switches tabs and edits the profile', async () => {
  const page = await signIn(app, 'demo-resident')
  await expect(page.locator('.me__nickname').textContent()).resolves.toBe('王秀兰')
  await page.locator('.me__village', { hasText: '濮阳镇 · 幸福村' }).waitFor()
  await page.getByText('居民', { exact: true }).first().waitFor()

  await openTab(page, '随手拍')
  await page.locator('.report-tab').filter({ visible: true }).waitFor()
  await openTab(page, '排行')
  await page.locator('.ranking').filter({ visible: true }).waitFor()
  await openTab(page, '志愿')
  await page.locator('.volunteer').filter({ visible: true }).waitFor()
  await openTab(page, '我的')
  await page.locator('.me__nickname').filter({ visible: true }).waitFor()

  await cell(page, '编辑资料').click()
  const nickname = page.locator('.profile input').first()
  await nickname.waitFor()
  await nickname.fill('王阿姨')
  const profile = page.locator('.profile').filter({ visible: true })
  await profile.getByRole('radiogroup', { name: '所在镇街' }).getByRole('radio', { name: '应滨街道' }).click()
  await profile.getByRole('radiogroup', { name: '所在村居' }).getByRole('radio', { name: '薛庄社区' }).click()
  await button(page, '保存').click()

  await page.locator('.me__nickname', { hasText: '王阿姨' }).waitFor()
  await page.locator('.me__village', { hasText: '应滨街道 · 薛庄社区' }).waitFor()
  const token = await app.cloud.login('demo-resident')
  expect(await app.cloud.ok(token, 'user', 'me')).toMatchObject({ nickname: '王阿姨', villageId: 'yb-01' })
})

it('a nickname that is too long is refused before saving', async () => {
  const page = await signIn(app, 'e2e-long-name')
  await cell(page, '编辑资料').click()
  const nickname = page.locator('.profile input').first()
  await nickname.waitFor()
  await nickname.fill('')
  await page.getByRole('alert').getByText('昵称不能为空').waitFor()
  await expect(button(page, '保存').getAttribute('class')).resolves.toContain('disabled')
})

it('a message shows as unread on 我的 and opens in 消息', async () => {
  await deliver(app.cloud.deps, [{ openid: 'e2e-messages', kind: 'test.note', title: '您的上报已受理', body: '城管执法局已受理您的上报' }])
  const page = await signIn(app, 'e2e-messages')
  await page.locator('.me__messages').locator('.ui-badge', { hasText: '1' }).waitFor()
  await page.locator('.me__messages').click()
  await page.locator('.messages__item', { hasText: '您的上报已受理' }).waitFor()
  const token = await app.cloud.login('e2e-messages')
  await waitUntil(async () => (await app.cloud.ok(token, 'user', 'unreadCount')).count === 0)
})

it('长辈模式 enlarges every page and is remembered for the user', async () => {
  const page = await signIn(app, 'e2e-elder')
  const fontSize = () => page.locator('.me__nickname').evaluate((e) => parseFloat(getComputedStyle(e.closest('.page-shell')!).fontSize))
  const before = await fontSize()
  await page.getByRole('switch', { name: '长辈模式' }).click()
  await page.locator('.page-shell.elder .me__nickname').waitFor()
  expect(await fontSize()).toBeGreaterThan(before * 1.2)
  await openTab(page, '排行')
  await page.locator('.page-shell.elder').filter({ visible: true }).first().waitFor()

  // a fresh load of the app (same browser storage, so the same signed-in user) starts in 长辈模式
  const again = await page.context().newPage()
  await again.goto(`${app.cloud.url}/#/pages/me/index`)
  await again.locator('.page-shell.elder .me__nickname').waitFor()
  const token = await app.cloud.login('e2e-elder')
  expect((await app.cloud.ok(token, 'user', 'me')).elderMode).toBe(true)
})

it('a resident sees what is held about them and deletes the account (个人信息保护法)', async () => {
  const token = await app.cloud.login('e2e-leaving')
  await app.cloud.ok(token, 'report', 'create', { clientId: 'e2e-leaving-case', category: 'zhandao', description: '路口占道经营很久了', photos: [], location: { latitude: 35.76, longitude: 115.03 } })
  const page = await signIn(app, 'e2e-leaving')
  await cell(page, '编辑资料').click()
  await button(page, '查看本系统记录的我的信息').click()
  await page.getByRole('status').filter({ hasText: '上报 1 条' }).waitFor()
  await button(page, '注销账号').click()
  await page.getByText('确认注销').click()
  await waitUntil(async () => (await app.cloud.store.users.get('e2e-leaving')) === null)
  expect((await app.cloud.store.reports.listByUser('e2e-leaving', undefined, 5)).items).toEqual([])
})
