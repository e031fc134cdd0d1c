import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startApp, signIn, button, visible, waitUntil, type TestApp } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 24, a villager's point 2: when the report form cannot get a location (the browser's
 * permission refused — the test's browser grants none), it is no dead end and asks for no
 * coordinates: it says how to allow location and offers the village to pick (town, then village);
 * the case is filed in that village, at its center, the address saying where — in both display modes.
 */
let app: TestApp
let photoFile: string
beforeAll(async () => {
  app = await startApp()
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

const form = (page: Page) => visible(page, '.report-create')

it.each([
  ['normal', false],
  ['长辈模式', true]
])('location refused: the village is picked instead, and the case is filed in it (%s)', async (_mode, elder) => {
  const openid = elder ? 'refused-elder' : 'refused-normal'
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder, nickname: '定位测试', villageId: 'py-02' })
  const page = await signIn(app, openid)
  await page.goto(`${app.cloud.url}/#/sub-report/create/index`)
  await form(page).waitFor()
  if (elder) await page.locator('html.elder').waitFor({ state: 'attached' })
  await form(page).getByRole('radio', { name: '乱堆杂物' }).click()
  const chooser = page.waitForEvent('filechooser')
  await visible(page, '.report-create .photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()

  // locating fails: a word on how to allow it, and the village to pick — no 纬度/经度 boxes
  await button(form(page), '使用当前位置').click()
  const villages = visible(page, '.report-create__villages')
  await villages.getByText('无法获取您的位置').waitFor()
  expect(await visible(page, '.report-create__lat').count()).toBe(0)
  await villages.getByRole('radiogroup', { name: '问题所在镇街' }).getByRole('radio', { name: '濮阳镇' }).click()
  await villages.getByRole('radiogroup', { name: '选择问题所在村居' }).getByRole('radio', { name: '幸福村' }).click()
  await visible(page, '.report-create__place').getByText('问题位置：濮阳镇 幸福村').waitFor()
  await villages.getByRole('radiogroup', { name: '选择问题所在村居' }).getByRole('radio', { name: '幸福村', checked: true }).waitFor()
  expect(await pageProblems(page)).toEqual([])

  await form(page).getByRole('textbox', { name: '地址' }).fill('幸福村村委会东侧')
  await visible(page, '.report-create__description textarea').fill(`村委会东侧路边堆了很多杂物（${openid}）`)
  await button(page, '提交').click()
  // a case nearby may be offered first: this one is filed anyway
  const filed = visible(page, '.report-detail')
  const anyway = button(visible(page, '.report-create__nearby'), '不是，提交我的上报')
  await waitUntil(async () => (await filed.count()) > 0 || (await anyway.count()) > 0, 15000)
  if (!(await filed.count())) await anyway.click()
  await filed.waitFor()
  const center = (await app.cloud.ok(token, 'ranking', 'regions', {})).find((r: { id: string }) => r.id === 'py-01').center
  const mine = (await app.cloud.ok(token, 'report', 'mine', {})).items
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ villageId: 'py-01', location: { latitude: center.latitude, longitude: center.longitude, address: '幸福村村委会东侧' } })
}, 90000)
