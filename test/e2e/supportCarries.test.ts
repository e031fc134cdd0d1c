import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startApp, signIn, button, visible, fillPoint, type TestApp } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 24, a villager's point 1: on the duplicate sheet 「是这个，我也遇到」 carries her photo and
 * words to the case she picked (a 补充 its staff see), and the sheet says so; when it fails (the case
 * was resolved meanwhile) everything she entered stays on the form. Both display modes.
 */
let app: TestApp
let photoFile: string
let admin: string
beforeAll(async () => {
  app = await startApp()
  admin = await app.cloud.login('demo-admin')
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

const form = (page: Page) => visible(page, '.report-create')

async function neighbourCase(openid: string, description: string, latitude: number, longitude: number) {
  const token = await app.cloud.login(openid)
  return app.cloud.ok(token, 'report', 'create', { clientId: `${openid}-case-1`, category: 'zhandao', description, photos: [await app.cloud.photoOf(token)], location: { latitude, longitude } })
}

it.each([
  ['normal', false, 35.7612, 115.03],
  ['长辈模式', true, 35.74, 115.042]
])('我也遇到 carries her photo and words to the case; a failure keeps the draft (%s)', async (_mode, elder, latitude, longitude) => {
  const openid = elder ? 'carry-elder' : 'carry-normal'
  // two neighbours' cases of 占道经营 where she stands: the nearer one is resolved while her sheet is open
  const resolvedMeanwhile = await neighbourCase(`${openid}-n1`, `早市摊位占了人行道（${openid} 甲）`, latitude, longitude)
  const open = await neighbourCase(`${openid}-n2`, `水果摊把三轮车停在路口（${openid} 乙）`, latitude + 0.0003, longitude)
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder, nickname: '补充测试', villageId: 'py-01' })
  const page = await signIn(app, openid)
  await page.goto(`${app.cloud.url}/#/sub-report/create/index`)
  await form(page).waitFor()
  if (elder) await page.locator('html.elder').waitFor({ state: 'attached' })
  await form(page).getByRole('radio', { name: '占道经营' }).click()
  const chooser = page.waitForEvent('filechooser')
  await visible(page, '.report-create .photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()
  await fillPoint(page, String(latitude), String(longitude))
  const words = `七点又摆出来了，堵住了路口（${openid}）`
  await visible(page, '.report-create__description textarea').fill(words)
  await button(page, '提交').click()

  const sheet = visible(page, '.report-create__nearby')
  const itemOf = (text: string) => sheet.locator('.dup-sheet__item', { hasText: text })
  await itemOf('甲').waitFor()
  await itemOf('乙').getByText('您的照片和描述会一并转给处理人员').waitFor()
  expect(await pageProblems(page)).toEqual([])

  // the first case is resolved meanwhile: 我也遇到 on it fails, and all she entered stays
  await app.cloud.ok(admin, 'report', 'accept', { id: resolvedMeanwhile.id })
  await app.cloud.ok(admin, 'report', 'resolve', { id: resolvedMeanwhile.id, note: '已劝离', photos: [await app.cloud.photoOf(admin)] })
  await button(itemOf('甲'), '是这个，我也遇到').click()
  await page.getByText('该问题已办结，无需再支持').first().waitFor()
  expect(await page.evaluate(() => localStorage.getItem('civic.reportDraft'))).toContain(words)
  // back on the form: her words and photo are there
  await button(sheet, '返回修改').click()
  expect(await visible(page, '.report-create__description textarea').inputValue()).toBe(words)
  expect(await visible(page, '.report-create .photo-picker__done').count()).toBe(1)
  await button(form(page), '查看附近相同问题').click()

  // on the open one it succeeds: the sheet says what happened to her photo and words
  await button(itemOf('乙'), '是这个，我也遇到').click()
  const done = visible(page, '.report-create__supported')
  await done.getByText('已加入该事件，您的照片和描述已转给处理人员').waitFor()
  expect(await pageProblems(page)).toEqual([])
  expect(await page.evaluate(() => localStorage.getItem('civic.reportDraft'))).toBeNull()

  // the case's staff see her words and photo; the other case has none; no case of hers was filed
  const seen = await app.cloud.ok(admin, 'report', 'get', { id: open.id })
  expect(seen.supportCount).toBe(1)
  expect(seen.supplements).toEqual([expect.objectContaining({ note: words, photos: [expect.any(String)] })])
  expect((await app.cloud.ok(admin, 'report', 'get', { id: resolvedMeanwhile.id })).supplements).toEqual([])
  expect((await app.cloud.ok(token, 'report', 'mine', {})).items).toHaveLength(0)

  // 查看该事件: she finds her 补充 on the case
  await button(done, '查看该事件').click()
  const detail = visible(page, '.report-detail')
  await detail.locator('.case-supplements').getByText(words).waitFor()
  await detail.locator('.case-supplements').getByText('我的补充').waitFor()
}, 120000)
