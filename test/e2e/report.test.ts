import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startApp, signIn, openTab, button, cell, waitUntil, type TestApp, visible } from '../helpers/browser'
import { fillPoint } from '../helpers/browser'
import { tinyJpeg } from '../helpers/images'
import type { Page } from 'playwright-core'

let app: TestApp
let photoFile: string
beforeAll(async () => {
  app = await startApp()
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())


async function addPhoto(page: Page, scope: string) {
  const chooser = page.waitForEvent('filechooser')
  await visible(page, `${scope} .photo-picker__add`).first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, `${scope} .photo-picker__done`).first().waitFor()
}

it('a resident files a case with a photo, staff accept and resolve it, and the resident rates it', async () => {
  // resident files
  const resident = await signIn(app, 'demo-resident')
  await openTab(resident, '随手拍')
  await button(resident, '我要随手拍').click()
  await visible(resident, '.report-create').waitFor()
  await visible(resident, '.report-create').getByRole('radio', { name: '占道经营' }).click()
  await addPhoto(resident, '.report-create')
  await visible(resident, '.report-create input[aria-label="地址"], .report-create [aria-label="地址"] input').first().fill('幸福村文化广场北门')
  await fillPoint(resident, '35.7612', '115.0291')
  await visible(resident, '.report-create__description textarea').fill('广场北门有流动摊贩占道经营，行人只能走机动车道')
  await button(resident, '提交').click()
  await visible(resident, '.report-detail .case-summary__description').filter({ hasText: '广场北门有流动摊贩' }).waitFor()
  await visible(resident, '.report-detail').getByText('已提交', { exact: true }).first().waitFor()
  // the result, not just a toast: when it will be accepted (占道经营: 24 hours) and what it earns
  await visible(resident, '.report-detail__submitted').getByText('已提交，预计 24 小时内受理 · 受理后 +5 积分').waitFor()

  const token = await app.cloud.login('demo-resident')
  const mine = await app.cloud.ok(token, 'report', 'mine', {})
  const filed = mine.items[0]
  expect(filed).toMatchObject({ category: 'zhandao', status: 'submitted', unitId: 'unit-chengguan', location: { address: '幸福村文化广场北门' } })
  expect(filed.photos).toHaveLength(1)

  // staff accept and resolve
  const staff = await signIn(app, 'demo-staff')
  await cell(staff, '工单处理').click()
  await visible(staff, '.queue .queue-card').filter({ hasText: '广场北门有流动摊贩' }).first().click()
  await visible(staff, '.handle__accept').waitFor()
  await button(visible(staff, '.handle__accept'), '受理').click()
  await visible(staff, '.handle').getByText('已受理', { exact: true }).first().waitFor()
  await visible(staff, '.handle__reply textarea').fill('执法队员已到场劝离摊贩，通道恢复畅通')
  await addPhoto(staff, '.handle__reply')
  await button(visible(staff, '.handle__reply'), '办结').click()
  await visible(staff, '.handle').getByText('已办结', { exact: true }).first().waitFor()

  // resident sees the reply and rates it
  await resident.goto(`${app.cloud.url}/#/sub-report/detail/index?id=${filed.id}`)
  await visible(resident, '.case-summary__reply').getByText('执法队员已到场劝离摊贩').waitFor()
  // nothing is preselected: 提交评价 waits for a star, each said in words
  const rate = visible(resident, '.report-detail__rate')
  await expect(button(rate, '提交评价').getAttribute('class')).resolves.toContain('disabled')
  const stars = rate.getByRole('radiogroup', { name: '评分' }).getByRole('radio')
  expect(await stars.count()).toBe(5)
  expect(await rate.getByRole('radio', { checked: true }).count()).toBe(0)
  const star = await rate.getByRole('radio', { name: '5 星 很满意' }).boundingBox()
  expect(star!.height).toBeGreaterThanOrEqual(44)
  await rate.getByRole('radio', { name: '5 星 很满意' }).click()
  await rate.getByText('您的评价：5 星 · 很满意').waitFor()
  await visible(resident, '.report-detail__rate textarea').fill('处理很及时，谢谢')
  await button(rate, '提交评价').click()
  await waitUntil(async () => (await app.cloud.ok(token, 'report', 'get', { id: filed.id })).status === 'closed')
  const done = await app.cloud.ok(token, 'report', 'get', { id: filed.id })
  expect(done.rating).toEqual({ score: 5, comment: '处理很及时，谢谢' })
  expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'accept', 'resolve', 'rate'])
  expect((await app.cloud.ok(token, 'user', 'me')).points).toBe(5)
}, 90000)

it('a second resident nearby is offered 我也遇到 instead of filing a duplicate', async () => {
  const token = await app.cloud.login('neighbour-a')
  const photo = await app.cloud.upload(token, tinyJpeg())
  const first = await app.cloud.ok(token, 'report', 'create', {
    clientId: 'neighbour-a-1', category: 'feixian', description: '楼道里有人飞线给电动车充电', photos: [photo], location: { latitude: 35.7, longitude: 115.0 }
  })
  const page = await signIn(app, 'neighbour-b')
  await page.goto(`${app.cloud.url}/#/sub-report/create/index`)
  await visible(page, '.report-create').waitFor()
  await visible(page, '.report-create').getByRole('radio', { name: '飞线充电' }).click()
  await addPhoto(page, '.report-create')
  await fillPoint(page, '35.7005', '115.0')
  await visible(page, '.report-create__description textarea').fill('电动车飞线充电很危险')
  await button(page, '提交').click()
  await visible(page, '.report-create__nearby').getByText('楼道里有人飞线给电动车充电').waitFor()
  await button(visible(page, '.report-create__nearby'), '我也遇到').click()
  await waitUntil(async () => (await app.cloud.ok(token, 'report', 'get', { id: first.id })).supportCount === 1)
  expect((await app.cloud.ok(await app.cloud.login('neighbour-b'), 'report', 'mine', {})).items).toHaveLength(0)
}, 60000)
