import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { startApp, signIn, openTab, button, visible, waitUntil, type TestApp } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 24, a villager of 66 reporting 占道经营 at the market: the form locates her as it opens and
 * names the place in words from the district's data (「濮阳镇幸福村 · 菜市场附近」 — never
 * coordinates), editable, with a marker; with a photo no words are needed; from the 随手拍 tab to a
 * filed report takes at most 6 taps in 长辈模式 (counted here), and the case and her list read the
 * place in words.
 */
let app: TestApp
let photoFile: string
beforeAll(async () => {
  app = await startApp()
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

/** 幸福村菜市场 (a 点位 of the campaign data) in GCJ-02, and as the device reports it (WGS-84). */
const MARKET = { latitude: 35.7612, longitude: 115.03 }
const WORDS = '濮阳镇幸福村 · 菜市场附近'

async function atMarket(page: Page) {
  const gcoord = (await import('gcoord')).default
  const [lng, lat] = gcoord.transform([MARKET.longitude, MARKET.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  await page.context().grantPermissions(['geolocation'], { origin: app.cloud.url })
  await page.context().setGeolocation({ latitude: lat, longitude: lng })
}

async function villager(openid: string, elder: boolean): Promise<{ page: Page; token: string }> {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder, nickname: '赶集的大娘', villageId: 'py-01' })
  const page = await signIn(app, openid)
  if (elder) await page.locator('html.elder').waitFor({ state: 'attached' })
  await atMarket(page)
  return { page, token }
}

it('长辈模式: from the 随手拍 tab to a filed report in at most 6 taps; the place is named in words', async () => {
  const { page, token } = await villager('taps-elder', true)
  let taps = 0
  const tap = async (target: Locator) => {
    taps++
    await target.click()
  }
  await openTab(page, '随手拍')
  await tap(button(page, '我要随手拍'))
  const form = visible(page, '.report-create')
  await form.waitFor()
  // located as the form opened: the place in words and a marker, no coordinates asked
  const pin = visible(page, '.report-create__pin')
  await pin.getByText(`📍 已定位：${WORDS}`).waitFor()
  expect(await form.getByRole('textbox', { name: '地址' }).inputValue()).toBe(WORDS)
  expect(await visible(page, '.report-create__lat').count()).toBe(0)

  await tap(form.getByRole('radio', { name: '占道经营' }))
  const chooser = page.waitForEvent('filechooser')
  await tap(visible(page, '.report-create .photo-picker__add').first())
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()
  // with a photo the words are optional
  await form.getByText('问题描述（有照片可不填）').waitFor()
  expect(await pageProblems(page)).toEqual([])
  await tap(button(page, '提交'))
  await visible(page, '.report-detail').waitFor()
  expect(taps).toBeLessThanOrEqual(6)

  const mine = (await app.cloud.ok(token, 'report', 'mine', {})).items
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ category: 'zhandao', description: '占道经营（见现场照片）', villageId: 'py-01', location: { address: WORDS } })
  // the case reads the place in words, never coordinates
  const place = visible(page, '.report-detail').getByText(/^地点：/)
  await place.waitFor()
  expect(await place.textContent()).toContain(WORDS)
  expect(await place.textContent()).not.toMatch(/\d+\.\d+/)
  // and so does her list
  await page.goto(`${app.cloud.url}/#/sub-report/mine/index`)
  await visible(page, '.report-card').first().getByText(WORDS).waitFor()
  expect(await visible(page, '.report-card').first().textContent()).not.toContain('未填写地址')
}, 120000)

it('normal mode: the proposed address is hers to edit, and the case keeps what she wrote', async () => {
  const { page, token } = await villager('taps-normal', false)
  await openTab(page, '随手拍')
  await button(page, '我要随手拍').click()
  const form = visible(page, '.report-create')
  await visible(page, '.report-create__pin').getByText(`📍 已定位：${WORDS}`).waitFor()
  await form.getByRole('radio', { name: '占道经营' }).click()
  const chooser = page.waitForEvent('filechooser')
  await visible(page, '.report-create .photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()
  const address = form.getByRole('textbox', { name: '地址' })
  await address.fill('幸福村菜市场东门')
  await visible(page, '.report-create__pin').getByText('📍 已定位：幸福村菜市场东门').waitFor()
  await visible(page, '.report-create__description textarea').fill('东门早市摊位占了人行道')
  expect(await pageProblems(page)).toEqual([])
  await button(page, '提交').click()
  // the elder's case of a moment ago is at the same spot: offered first, hers is filed anyway
  const filed = visible(page, '.report-detail')
  const anyway = button(visible(page, '.report-create__nearby'), '不是，提交我的上报')
  await waitUntil(async () => (await filed.count()) > 0 || (await anyway.count()) > 0, 15000)
  if (!(await filed.count())) await anyway.click()
  await filed.waitFor()
  const mine = (await app.cloud.ok(token, 'report', 'mine', {})).items
  expect(mine[0]).toMatchObject({ description: '东门早市摊位占了人行道', location: { address: '幸福村菜市场东门' } })
}, 120000)
