import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startApp, signIn, openTab, button, visible, type TestApp } from '../helpers/browser'
import { fillPoint } from '../helpers/browser'
import { tinyJpeg } from '../helpers/images'
import type { Page } from 'playwright-core'

/** The report form shows which village and town the problem is in before submitting, and lets the reporter correct it to a nearby village. */
let app: TestApp
let photoFile: string
beforeAll(async () => {
  app = await startApp()
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

async function openForm(page: Page) {
  await openTab(page, '随手拍')
  await button(page, '我要随手拍').click()
  await visible(page, '.report-create').waitFor()
}

async function point(page: Page, latitude: string, longitude: string) {
  await fillPoint(page, latitude, longitude)
}

it('shows 问题位置 for the point, follows a moved point, and files the case in the village the reporter corrected it to', async () => {
  const page = await signIn(app, 'demo-resident')
  await openForm(page)
  await visible(page, '.report-create').getByRole('radio', { name: '乱堆杂物' }).click()
  const chooser = page.waitForEvent('filechooser')
  await visible(page, '.report-create .photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()

  // the resident lives in 幸福村; the problem is in 应滨社区 of 应滨街道
  await point(page, '35.74', '115.042')
  await visible(page, '.report-create__place').getByText('问题位置：应滨街道 应滨社区').waitFor()
  // back at 幸福村菜市场: 幸福村, with its neighbours to choose from
  await point(page, '35.7612', '115.03')
  const place = visible(page, '.report-create__place')
  await place.getByText('问题位置：濮阳镇 幸福村').waitFor()
  const choices = place.getByRole('radiogroup', { name: '问题所在村居' })
  await choices.getByRole('radio', { name: '幸福村' }).waitFor()
  await choices.getByRole('radio', { name: '闫口村' }).click()
  await place.getByText('问题位置：濮阳镇 闫口村').waitFor()

  await visible(page, '.report-create__description textarea').fill('菜市场西侧路边堆了很多建筑垃圾')
  await button(page, '提交').click()
  await visible(page, '.report-detail').waitFor()
  const mine = (await app.cloud.ok(await app.cloud.login('demo-resident'), 'report', 'mine', {})).items
  expect(mine[0]).toMatchObject({ description: '菜市场西侧路边堆了很多建筑垃圾', villageId: 'py-02', unitId: 'unit-town-puyang' })
})

it('a point outside the district says so and cannot be submitted', async () => {
  const page = await signIn(app, 'demo-resident')
  await openForm(page)
  await point(page, '39.9', '116.4')
  await visible(page, '.report-create').getByRole('alert').getByText(/不在本区范围内/).waitFor()
  expect(await page.locator('.report-create__place').count()).toBe(0)
})

it('使用当前位置 works in a browser: WGS-84 from the device becomes GCJ-02 and the problem\'s village', async () => {
  const gcoord = (await import('gcoord')).default
  // the device reports WGS-84; 幸福村菜市场 is at (35.7612, 115.03) in GCJ-02, the maps' coordinates
  const [lng, lat] = gcoord.transform([115.03, 35.7612], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  const page = await signIn(app, 'demo-resident')
  await page.context().grantPermissions(['geolocation'], { origin: app.cloud.url })
  await page.context().setGeolocation({ latitude: lat, longitude: lng })
  await openForm(page)
  await button(page, '使用当前位置').click()
  await visible(page, '.report-create__place').getByText('问题位置：濮阳镇 幸福村').waitFor()
  // the place shows as a pin and its village, not as numbers; the coordinates are there only on demand
  await visible(page, '.report-create__pin').getByText('📍 已定位').waitFor()
  expect(await page.locator('.report-create__lat').count()).toBe(0)
  await button(page, '定位不了？手动填写坐标').click()
  const shown = { lat: Number(await visible(page, '.report-create__lat input').inputValue()), lng: Number(await visible(page, '.report-create__lng input').inputValue()) }
  expect(Math.abs(shown.lat - 35.7612)).toBeLessThan(0.00005)
  expect(Math.abs(shown.lng - 115.03)).toBeLessThan(0.00005)
  expect(Math.abs(lng - 115.03)).toBeGreaterThan(0.003) // the raw WGS-84 would be off by about 500 m
})
