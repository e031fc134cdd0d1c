import type { Page } from 'playwright-core'
import { startApp, signIn, openTab, button, visible, waitUntil, type TestApp } from '../helpers/browser'
import { tinyJpeg } from '../helpers/images'
import { route } from '../../src/routes'

/**
 * Issue 24, a villager's walk (items 4–6) on the demo district, in 标准 and 长辈模式 on a 390 px phone:
 * fields that show what is typed in whole boxes, one dashed box per disabled button, the unread
 * count at the scale's size on every tab; 身边的随手拍 cards that say where and whose, a map with a
 * legend whose marks never overlap and open the case tapped; the village page's chart, who entered
 * the scores, what its stars and rank mean, and 受理 counting what it says.
 */
let app: TestApp
/** A case of 王秀兰 (demo-resident) resolved, waiting for her rating: the rating box and its two disabled buttons. */
let resolved: { id: string }
beforeAll(async () => {
  app = await startApp({ demoActivity: true })
  const resident = await app.cloud.login('demo-resident')
  const staff = await app.cloud.login('demo-staff')
  resolved = await app.cloud.ok(resident, 'report', 'create', {
    clientId: 'villager-views-1', category: 'zhandao', description: '文化广场南侧有人摆摊占道', photos: [await app.cloud.upload(resident, tinyJpeg())],
    location: { latitude: 35.7608, longitude: 115.0293, address: '幸福村文化广场南侧' }
  })
  await app.cloud.ok(staff, 'report', 'accept', { id: resolved.id })
  await app.cloud.ok(staff, 'report', 'resolve', { id: resolved.id, note: '已劝离摊贩，恢复通行', photos: [await app.cloud.upload(staff, tinyJpeg())] })
}, 90000)
afterAll(() => app?.close())

const MODES = [['标准', false], ['长辈模式', true]] as const

async function signInAs(openid: string, elder: boolean): Promise<Page> {
  await app.cloud.ok(await app.cloud.login(openid), 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  if (elder) await page.locator('html.elder').waitFor({ state: 'attached' })
  return page
}

/** A field's box on the page shown (Taro keeps hidden pages in the DOM): its four borders as drawn, and whether any ancestor clips it. */
function boxesOf(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none')!
    return Array.from(shown.querySelectorAll<HTMLElement>(selector)).filter((e) => e.getClientRects().length).map((box) => {
      const s = getComputedStyle(box)
      const r = box.getBoundingClientRect()
      const widths = [s.borderTopWidth, s.borderRightWidth, s.borderBottomWidth, s.borderLeftWidth].map(parseFloat)
      const styles = [s.borderTopStyle, s.borderRightStyle, s.borderBottomStyle, s.borderLeftStyle]
      let clippedBy: string | null = null
      for (let a = box.parentElement; a && a !== shown; a = a.parentElement) {
        const as = getComputedStyle(a)
        if (as.overflowX === 'visible' && as.overflowY === 'visible') continue
        const ar = a.getBoundingClientRect()
        if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5 || r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5) clippedBy = a.className.toString()
      }
      const inViewport = r.left >= -0.5 && r.right <= window.innerWidth + 0.5
      return { whole: widths.every((w) => w >= 1) && styles.every((st) => st === 'solid'), clippedBy, inViewport, widths, styles }
    })
  }, selector)
}

describe.each(MODES)('in %s', (_mode, elder) => {
  it('the unread count on the tab bar is at the scale\'s size on every tab', async () => {
    const page = await signInAs('demo-resident', elder)
    // the resolution above told 王秀兰: 我的 carries an unread count
    for (const tab of ['随手拍', '志愿', '排行', '我的'] as const) {
      await openTab(page, tab)
      const badge = visible(page, '.taro-tabbar__tabbar .weui-badge').first()
      await badge.waitFor()
      const size = await badge.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
      // 标准: the secondary size (≥ 12 CSS px); 长辈模式: its 16.6 px, never weui's 12
      expect({ tab, size: size >= (elder ? 16 : 12) }).toEqual({ tab, size: true })
    }
  }, 90000)

  it('the rating box shows all of a several-line text, its fields are whole boxes and a disabled button draws one dashed box', async () => {
    const page = await signInAs('demo-resident', elder)
    await page.goto(`${app.cloud.url}/#${route.reportDetail(resolved.id)}`)
    const rate = visible(page, '.report-detail__rate')
    const text = rate.locator('textarea')
    await text.waitFor()

    // both buttons disabled until a star is chosen and a reason typed: one dashed box each (not one inside another)
    const dashed = await rate.evaluate((section) => Array.from(section.querySelectorAll('.nut-button-disabled')).map((b) => {
      const drawn = [b, ...Array.from(b.querySelectorAll('*'))].flatMap((e) => [getComputedStyle(e), getComputedStyle(e, '::before'), getComputedStyle(e, '::after')])
        .filter((s) => s.display !== 'none' && s.borderTopStyle === 'dashed' && parseFloat(s.borderTopWidth) > 0)
      return { text: b.textContent, boxes: drawn.length }
    }))
    expect(dashed).toEqual([{ text: '提交评价', boxes: 1 }, { text: '问题未解决，重新打开', boxes: 1 }])

    // four lines typed: all of them in sight, none scrolled away inside the box
    await text.fill('摊贩早上又回来了\n下午三点以后最多\n占了半条路\n希望再来看一看')
    await waitUntil(async () => (await text.inputValue()).endsWith('希望再来看一看'))
    const fit = await text.evaluate((t) => ({ scroll: t.scrollHeight, client: t.clientHeight }))
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1)
    for (const box of await boxesOf(page, '.report-detail__rate .nut-textarea')) expect(box).toMatchObject({ whole: true, clippedBy: null, inViewport: true })
    // the rating words stay inside their stars' boxes
    const words = await rate.locator('.rating__star').evaluateAll((stars) => stars.map((s) => {
      const box = s.getBoundingClientRect()
      const word = s.querySelector('.rating__word')!.getBoundingClientRect()
      return word.left >= box.left - 0.5 && word.right <= box.right + 0.5
    }))
    expect(words).toEqual([true, true, true, true, true])

    // the profile's inputs (in NutUI cells): a box with all four borders, none cut off
    await page.goto(`${app.cloud.url}/#${route.profile}`)
    await visible(page, '.nut-input input').first().waitFor()
    const inputs = await boxesOf(page, '.nut-input')
    expect(inputs.length).toBeGreaterThan(0)
    for (const box of inputs) expect(box).toMatchObject({ whole: true, clippedBy: null, inViewport: true })
  }, 90000)

  it('身边的随手拍: each card says what, where, when, its status, and 「我的」 on her own cases as the server says', async () => {
    const page = await signInAs('demo-resident', elder)
    await openTab(page, '随手拍')
    const feed = visible(page, '.report-tab .feed')
    await feed.locator('.feed-card').first().waitFor()
    const served = await app.cloud.ok(await app.cloud.login('demo-resident'), 'report', 'feed', { scope: 'village' })
    await waitUntil(async () => (await feed.locator('.feed-card').count()) === served.items.length)
    expect(served.items.some((r: { isMine: boolean }) => r.isMine)).toBe(true)
    const cards = await feed.locator('.feed-card').evaluateAll((els) => els.map((c) => ({
      category: c.querySelector('.feed-card__category')?.textContent ?? '',
      status: c.querySelector('.feed-card__status')?.textContent ?? '',
      place: c.querySelector('.feed-card__place')?.textContent ?? '',
      time: /\d{2}-\d{2} \d{2}:\d{2}/.test(c.querySelector('.feed-card__meta')?.textContent ?? ''),
      mine: c.querySelector('.feed-card__mine')?.textContent ?? null
    })))
    expect(cards).toEqual(served.items.map((r: { categoryName: string; isMine: boolean; location: { address: string | null }; villageName: string | null }) => ({
      category: r.categoryName,
      status: expect.any(String),
      place: r.location.address ?? `${r.villageName}（未写具体地址）`,
      time: true,
      mine: r.isMine ? '我的' : null
    })))
    expect(cards.every((c) => c.status.length > 0 && c.place.length > 0)).toBe(true)
  }, 90000)

  it('the map: a base with the villages, a legend for every mark, marks that never overlap, and a tap opens the case tapped', async () => {
    const page = await signInAs('demo-resident', elder)
    await openTab(page, '随手拍')
    await button(visible(page, '.report-tab .feed'), '在地图上看').click()
    const map = visible(page, '.case-map')
    await map.locator('.case-map__base').waitFor()
    await map.getByText(/这里有 \d+ 件随手拍/).waitFor()
    expect(decodeURIComponent((await map.locator('.case-map__base img, img.case-map__base').first().getAttribute('src')) ?? '')).toContain('幸福村')

    const token = await app.cloud.login('demo-resident')
    for (let zoom = 15; ; zoom++) {
      const marks = await map.locator('.case-map__marker, .case-map__cluster').evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect()
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, glyph: e.textContent ?? '', colour: getComputedStyle(e).backgroundColor, ring: getComputedStyle(e).borderTopColor, marker: e.classList.contains('case-map__marker') }
      }))
      // no two marks share a pixel: a finger lands on one case only
      for (const [i, a] of marks.entries()) {
        for (const b of marks.slice(i + 1)) expect({ zoom, apart: a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top }).toEqual({ zoom, apart: true })
      }
      // every marker's glyph and colour are in the legend, with the category's name
      const legend = await map.locator('.case-map__key').evaluateAll((els) => els.map((e) => {
        const g = e.querySelector('.case-map__key-glyph')!
        return { glyph: g.textContent ?? '', colour: getComputedStyle(g).backgroundColor, name: e.querySelector('.case-map__key-name')?.textContent ?? '' }
      }))
      for (const m of marks.filter((k) => k.marker)) {
        const key = legend.find((k) => k.glyph === m.glyph && (k.colour === m.colour || k.colour === m.ring))
        expect({ glyph: m.glyph, named: /\S{2,}/.test(key?.name ?? '') }).toEqual({ glyph: m.glyph, named: true })
      }
      if (zoom === 18) break
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/report') && (r.request().postData() ?? '').includes(`"zoom":${zoom + 1}`))
      await button(map, '放大').click()
      await answered
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    }

    // back out to where the map opened, then as a villager does: tap a cluster (it zooms in around itself) until a
    // marker shows; a group of cases standing together at street zoom lists them. The one tapped opens, none other.
    for (let zoom = 18; zoom > 15; zoom--) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/report') && (r.request().postData() ?? '').includes(`"zoom":${zoom - 1}`))
      await button(map, '缩小').click()
      await answered
    }
    const marker = map.locator('.case-map__marker').first()
    const pick = visible(page, '.case-map__pick').first()
    for (let i = 0; i < 6 && !(await marker.count()) && !(await pick.count()); i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/report') && (r.request().postData() ?? '').includes('"map"'), { timeout: 3000 }).catch(() => null)
      await map.locator('.case-map__cluster').first().click()
      await answered // a zoom asks the server again; a list at street zoom does not
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    }
    let id: string
    if (await marker.count()) {
      id = (await marker.getAttribute('id'))!.replace('case-marker-', '')
      const label = (await marker.getAttribute('aria-label'))!
      expect(label.startsWith((await app.cloud.ok(token, 'report', 'get', { id })).categoryName)).toBe(true)
      await marker.click()
    } else {
      id = (await pick.getAttribute('id'))!.replace('case-pick-', '')
      await pick.click()
    }
    const wanted = await app.cloud.ok(token, 'report', 'get', { id })
    await visible(page, '.report-detail .case-summary__description').filter({ hasText: wanted.description }).waitFor()
    expect(page.url()).toContain(id)
  }, 120000)

  it('the village page: the chart whole, who entered the scores in words, why the stars and the rank differ, 上报 / 受理 as counted', async () => {
    const page = await signInAs('demo-resident', elder)
    await page.goto(`${app.cloud.url}/#${route.village('py-01')}`)
    const village = visible(page, '.village')
    await village.locator('.trend__bar').last().waitFor()
    const served = await app.cloud.ok(await app.cloud.login('demo-resident'), 'ranking', 'village', { villageId: 'py-01' })

    // every bar, its value and its month inside the chart's box (the current month's last bar too)
    const out = await village.locator('.trend').evaluate((chart) => {
      const box = chart.getBoundingClientRect()
      return Array.from(chart.querySelectorAll('.trend__bar, .trend__value, .trend__fill, .trend__label')).filter((e) => {
        const r = e.getBoundingClientRect()
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
      }).map((e) => `${e.className} ${e.textContent}`)
    })
    expect(out).toEqual([])
    const section = await village.locator('.trend').evaluate((chart) => {
      const s = chart.closest('.village__section')!.getBoundingClientRect()
      const c = chart.getBoundingClientRect()
      return c.left >= s.left && c.right <= s.right
    })
    expect(section).toBe(true)

    // who entered the scores: a person's name or 测评组, never a placeholder for a person gone
    const entered = (await village.locator('.village__entered').textContent()) ?? ''
    expect(entered).toMatch(/^录入：\S+ · \d{4}-\d{2}-\d{2}$/)
    expect(entered).not.toMatch(/注销/)
    expect(entered).toContain(`录入：${served.breakdown.enteredBy}`)
    // the stars and the month's rank explained, with the score and what it comes from
    const why = (await village.locator('.village__why').textContent()) ?? ''
    expect(why).toContain('五星支部')
    expect(why).toContain(`${served.breakdown.total} 分，全区第 ${served.breakdown.rank} 名`)
    const from = (await village.locator('.village__score-from').textContent()) ?? ''
    expect(from).toMatch(/^得分来自 \d 项测评指标/)
    expect(from).toContain('权重')
    // 上报 counts the problems filed, 受理 those accepted: the server's figures, each under its own word
    expect(await village.locator('.village__cases').textContent()).toBe(`上报问题 ${served.live.received} 件 · 已受理 ${served.live.accepted} 件 · 已办结 ${served.live.resolved} 件`)
  }, 90000)
})
