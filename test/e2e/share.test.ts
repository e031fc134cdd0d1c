import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { startApp, signIn, button, visible, waitUntil, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { photoChecked } from '../../cloud/core/report/moderation'
import { route } from '../../src/routes'

/**
 * Issue 13, item 2: a public case is shared from its page — in a browser through the Web Share API
 * where there is one, else the link is copied and a card image (before/after photos, the status)
 * shown to save. A case still waiting for its photos' check (or hidden) offers no share.
 * The local image check waits here, so every case stays pending until the test passes its photos.
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp({ config: { localMediaCheckDelayMs: 3_600_000 } })
}, 60000)
afterAll(() => app?.close())

const jpeg = async (colour: string) => new Uint8Array(await sharp({ create: { width: 160, height: 120, channels: 3, background: colour } }).jpeg().toBuffer())
const MARKET = { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }

/** A public, resolved case: a red photo before, a green one after, both passed by the check. */
async function resolvedCase(): Promise<{ id: string }> {
  const reporter = await app.cloud.login('share-reporter')
  const staff = await app.cloud.login('demo-staff')
  const before = await app.cloud.upload(reporter, await jpeg('#d02020'))
  const filed = await app.cloud.ok(reporter, 'report', 'create', { clientId: 'e2e-share-public', category: 'zhandao', description: '东门早市摊位占了人行道', photos: [before], location: MARKET, villageId: 'py-01' })
  expect(filed.moderation).toBe('pending')
  for (const p of filed.photos as string[]) await photoChecked(app.cloud.deps, filed.id, p, 'pass')
  await app.cloud.ok(staff, 'report', 'accept', { id: filed.id })
  await app.cloud.ok(staff, 'report', 'resolve', { id: filed.id, note: '已劝离摊贩', photos: [await app.cloud.upload(staff, await jpeg('#20a020'))] })
  const resolved = await app.cloud.ok(staff, 'report', 'get', { id: filed.id })
  for (const p of [...resolved.photos, ...resolved.afterPhotos, ...resolved.hiddenPhotos] as string[]) await photoChecked(app.cloud.deps, filed.id, p, 'pass')
  const seen = await app.cloud.ok(await app.cloud.login('share-neighbour'), 'report', 'get', { id: filed.id })
  expect(seen).toMatchObject({ status: 'resolved', moderation: 'passed', hidden: null })
  expect(seen.photos).toHaveLength(1)
  expect(seen.afterPhotos).toHaveLength(1)
  return filed
}

/** Targets under 44 × 44 CSS px inside a part of the shown page. */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return shown.flatMap((p) => Array.from(p.querySelectorAll(`${scope} .nut-button, ${scope} [role=button], ${scope} [role=link]`)))
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 })
      .map((e) => ({ r: e.getBoundingClientRect(), text: (e.textContent ?? '').trim().slice(0, 20) }))
      .filter((t) => t.r.width < 44 || t.r.height < 44)
      .map((t) => `target «${t.text}» ${Math.round(t.r.width)}×${Math.round(t.r.height)}`)
  }, scope)
}

let publicCase: { id: string }
const TITLE = '占道经营 · 幸福村菜市场东门（已办结）'

it('with the Web Share API, 分享 on a public case shares its title and the address of its page', async () => {
  publicCase = await resolvedCase()
  const page = await signIn(app, 'share-neighbour')
  await page.addInitScript(() => {
    const w = window as unknown as { shared: unknown[] }
    w.shared = []
    Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: unknown) => void w.shared.push(data) })
  })
  await page.goto(`${app.cloud.url}/#${route.reportDetail(publicCase.id)}`)
  await page.reload() // the init script runs in the page loaded after it was added
  const share = visible(page, '.report-detail__share')
  await button(share, '分享').click()
  await waitUntil(async () => (await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared.length)) === 1)
  const shared = await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared[0])
  expect(shared).toEqual({ title: TITLE, text: TITLE, url: `${app.cloud.url}/#/sub-report/detail/index?id=${encodeURIComponent(publicCase.id)}` })
  await page.getByText('已分享').first().waitFor()
  // the system sheet shared it: no card to save is shown
  expect(await visible(page, '.share-card').count()).toBe(0)
}, 90000)

it('without it, 分享 copies the link and shows the card — before and after photos and the status — to save; 长辈模式, axe clean, 44 px targets', async () => {
  await app.cloud.ok(await app.cloud.login('share-neighbour'), 'user', 'updateProfile', { elderMode: true })
  const page = await signIn(app, 'share-neighbour')
  await page.addInitScript(() => {
    delete (Navigator.prototype as { share?: unknown }).share
    delete (navigator as { share?: unknown }).share
  })
  await page.goto(`${app.cloud.url}/#${route.reportDetail(publicCase.id)}`)
  await page.reload()
  await visible(page, '.page-shell.elder').first().waitFor()
  const share = visible(page, '.report-detail__share')
  expect(await page.evaluate(() => 'share' in navigator)).toBe(false)
  await button(share, '分享').click()
  await page.getByText('链接已复制，可保存下方分享卡片').first().waitFor()
  // Taro's H5 setClipboardData copies with execCommand and keeps what it copied
  const copied = await page.evaluate(() => JSON.parse(localStorage.getItem('taro_clipboard') ?? 'null'))
  expect(copied).toEqual({ data: `${app.cloud.url}/#/sub-report/detail/index?id=${encodeURIComponent(publicCase.id)}` })

  // the card: a 5 : 4 PNG, the red photo on the left (整改前) and the green one on the right (整改后)
  const card = share.getByRole('img', { name: `分享卡片：${TITLE}` })
  await card.waitFor()
  const pixels = await card.evaluate(async (el) => {
    const img = (el.querySelector('img') ?? el) as HTMLImageElement
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const k = img.naturalWidth / 500 // drawn at 500 × 400 (WeChat renders it at twice that)
    const at = (x: number, y: number) => Array.from(ctx.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data.slice(0, 3))
    return { src: img.src.slice(0, 22), ratio: img.naturalWidth / img.naturalHeight, band: at(10, 10), before: at(132, 220), after: at(368, 220) }
  })
  expect(pixels).toMatchObject({ src: 'data:image/png;base64,', ratio: 1.25 })
  const [r1, g1] = pixels.before
  const [r2, g2] = pixels.after
  expect(r1! - g1!).toBeGreaterThan(100) // red
  expect(g2! - r2!).toBeGreaterThan(80) // green
  expect(pixels.band[0]).toBeGreaterThan(150) // the campaign's red band
  await button(share, '下载分享卡片').waitFor()
  expect(await smallTargets(page, '.report-detail__share')).toEqual([])
  expect(await seriousViolations(page)).toEqual([])
}, 90000)

it('a case waiting for its photos\' check, or hidden by staff, shows no share button', async () => {
  const reporter = await app.cloud.login('share-pending')
  const filed = await app.cloud.ok(reporter, 'report', 'create', {
    clientId: 'e2e-share-pending', category: 'luandui', description: '菜市场后巷堆满纸箱', photos: [await app.cloud.upload(reporter, await jpeg('#2020d0'))], location: MARKET, villageId: 'py-01'
  })
  expect(filed.moderation).toBe('pending')
  const page = await signIn(app, 'share-pending')
  await page.goto(`${app.cloud.url}/#${route.reportDetail(filed.id)}`)
  await visible(page, '.report-detail .case-summary__description').filter({ hasText: '菜市场后巷堆满纸箱' }).waitFor()
  expect(await visible(page, '.report-detail__share').count()).toBe(0)
  expect(await button(visible(page, '.report-detail'), '分享').count()).toBe(0)
  expect(await seriousViolations(page)).toEqual([])

  // public once passed; hidden by staff, not shared again
  for (const p of filed.photos as string[]) await photoChecked(app.cloud.deps, filed.id, p, 'pass')
  await page.reload()
  await button(visible(page, '.report-detail__share'), '分享').waitFor()
  await app.cloud.ok(await app.cloud.login('demo-admin'), 'report', 'hide', { id: filed.id, reason: '涉及个人隐私' })
  await page.reload()
  await visible(page, '.report-detail .case-summary__description').filter({ hasText: '菜市场后巷堆满纸箱' }).waitFor()
  expect(await visible(page, '.report-detail__share').count()).toBe(0)
}, 90000)
