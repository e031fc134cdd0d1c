import jsQR from 'jsqr'
import { startApp, signIn, button, visible, type TestApp } from '../helpers/browser'
import { route } from '../../src/routes'

/**
 * 志愿服务证明: issued only for credited hours to the real name (asked for when missing), drawn
 * with its number and QR code; the verification page checks a number against the issued records.
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp({ demoActivity: true })
}, 60000)
afterAll(() => app?.close())

it('asks for the real name, issues the certificate to it, and the verification page confirms it with the name masked', async () => {
  // 孙浩 (demo-vol-5) served the demo's finished drive; here he has not given a real name yet
  const token = await app.cloud.login('demo-vol-5')
  await app.cloud.ok(token, 'user', 'updateProfile', { realName: '' })
  const page = await signIn(app, 'demo-vol-5')
  await page.goto(`${app.cloud.url}/#${route.certificate}`)
  const form = visible(page, '.certificate__name')
  await form.getByText(/真实姓名只显示在证明上/).waitFor()
  await form.locator('input[aria-label="真实姓名"], [aria-label="真实姓名"] input').first().fill('孙浩然')
  await button(form, '保存并开具证明').click()
  const summary = visible(page, '.certificate__summary')
  await summary.getByText(/^孙浩然 · 2 小时 · 1 次 · ZYFW-\d{4}-[2-9A-HJ-NP-Z]{10}$/).waitFor()
  const number = /ZYFW-\d{4}-[2-9A-HJ-NP-Z]{10}/.exec((await summary.textContent())!)![0]
  await visible(page, '.poster__image').waitFor()
  // the whole image is shown (not cropped), and its QR code opens the verification page of this number
  const img = page.locator('.poster__image img')
  const [shownHeight, boxHeight] = await img.evaluate((i: HTMLImageElement) => [i.getBoundingClientRect().height, i.parentElement!.getBoundingClientRect().height])
  expect(boxHeight).toBeGreaterThanOrEqual(shownHeight - 1)
  // the image's pixels, read back in the page and decoded here
  const pixels = await img.evaluate((i: HTMLImageElement) => {
    const c = document.createElement('canvas')
    c.width = i.naturalWidth
    c.height = i.naturalHeight
    const g = c.getContext('2d')!
    g.drawImage(i, 0, 0)
    const bytes = g.getImageData(0, 0, c.width, c.height).data
    let text = ''
    for (let k = 0; k < bytes.length; k += 0x8000) text += String.fromCharCode(...bytes.subarray(k, k + 0x8000))
    return { width: c.width, height: c.height, base64: btoa(text) }
  })
  const read = jsQR(new Uint8ClampedArray(Buffer.from(pixels.base64, 'base64')), pixels.width, pixels.height)
  expect(read?.data).toBe(`${app.cloud.url}/#${route.verifyCertificate(number)}`)

  await button(page, '核验这份证明').click()
  const result = visible(page, '.verify__result')
  await result.getByText('✓ 证明有效').waitFor()
  await result.getByText('姓名：孙*然').waitFor()
  await result.getByText('志愿服务时长：2 小时，参加活动 1 次').waitFor()
  await result.getByText(`证书编号：${number}`).waitFor()
  expect(await result.textContent()).not.toContain('孙浩然')
})

it('refuses a certificate without credited hours, and a number never issued does not verify', async () => {
  const page = await signIn(app, 'cert-newcomer')
  await page.goto(`${app.cloud.url}/#${route.certificate}`)
  await visible(page, '.certificate__name').getByText(/还没有经认证的志愿服务时长/).waitFor()
  expect(await page.locator('.certificate__summary').count()).toBe(0)
  await page.goto(`${app.cloud.url}/#${route.verifyCertificate('ZYFW-2026-ABCDEFGHJK')}`)
  await visible(page, '.verify__result').getByText(/查无此证明/).waitFor()
})
