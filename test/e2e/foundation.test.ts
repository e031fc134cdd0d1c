import { startApp, signIn, openTab, button, cell, type TestApp } from '../helpers/browser'

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
  await page.locator('.page-shell').first().waitFor()
  await openTab(page, '排行')
  await openTab(page, '我的')
  await page.locator('.me__nickname').waitFor()

  await cell(page, '编辑资料').click()
  const nickname = page.locator('.profile input').first()
  await nickname.waitFor()
  await nickname.fill('王阿姨')
  await page.getByRole('radio', { name: '应滨街道' }).click()
  await page.getByRole('radio', { name: '薛庄社区' }).click()
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
