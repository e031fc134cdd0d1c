import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { startApp, signIn, visible, button, waitUntil, toastGone, type TestApp } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'
import { route } from '../../src/routes'

/**
 * Issue 24, a unit's staff on the phone (H5 build, phone viewport, 标准 and 长辈模式): 我的 puts
 * 工单处理 first with the open and overdue counts of their queue (overdue first); the queue lists the
 * overdue case first, each case with its deadline chip (超期 / 即将超期, the server's one rule); a case
 * shows its place in words and 导航 to its point; 办结 offers 下一件 (overdue first) until the queue is
 * empty; a 占道经营 case offers no 发起志愿清理 (enforcement is not the volunteers').
 *
 * The cloud's clock is moved back to file cases in the past: one overdue, one 即将超期 (4 of its 24
 * hours left), one new — all 占道经营, the 城管执法局's (demo-staff's unit).
 */
const HOUR = 3600_000
let offset = 0
let app: TestApp
let photoFile: string
let n = 0

beforeAll(async () => {
  app = await startApp({ config: { reportsPerMinute: 1000, reportsPerDay: 1000 }, clock: () => new Date(Date.now() + offset) })
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'after.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

const PLACES = {
  overdue: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' },
  soon: { latitude: 35.7621, longitude: 115.0312, address: '幸福村文化广场南侧' },
  fresh: { latitude: 35.7605, longitude: 115.0291, address: '幸福村村委会门口' }
}

/** A resident files a 占道经营 case `hoursAgo` hours ago (the cloud's clock moved back meanwhile); `accept`: 城管 accepted it then. */
async function fileAgo(hoursAgo: number, where: keyof typeof PLACES, description: string, accept: boolean, category = 'zhandao'): Promise<string> {
  offset = -hoursAgo * HOUR
  try {
    const resident = await app.cloud.login(`e2e-staff-phone-resident-${++n}`)
    const r = await app.cloud.ok(resident, 'report', 'create', { clientId: `e2e-staff-phone-${n}`, category, description, photos: [await app.cloud.photoOf(resident)], location: PLACES[where], villageId: 'py-01' })
    if (accept) await app.cloud.ok(await app.cloud.login('demo-staff'), 'report', 'accept', { id: r.id })
    return r.id as string
  } finally {
    offset = 0
  }
}

/** Empties 城管's queue over HTTP (accepted and resolved), so each display mode starts from its own three cases. */
async function clearQueue(): Promise<void> {
  const staff = await app.cloud.login('demo-staff')
  for (;;) {
    const { items } = await app.cloud.ok(staff, 'report', 'queue', { urgent: true, limit: 50 })
    if (!items.length) return
    for (const r of items as { id: string; status: string }[]) {
      if (r.status === 'submitted') await app.cloud.ok(staff, 'report', 'accept', { id: r.id })
      await app.cloud.ok(staff, 'report', 'resolve', { id: r.id, note: '已处理', photos: [await app.cloud.photoOf(staff)] })
    }
  }
}

async function signInAs(openid: string, elder: boolean): Promise<Page> {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  if (elder) await visible(page, '.page-shell.elder').first().waitFor()
  return page
}

async function addPhoto(page: Page, scope: Locator) {
  const chooser = page.waitForEvent('filechooser')
  await scope.locator('.photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await scope.locator('.photo-picker__done').first().waitFor()
}

/** 办结 on the shown handle page: a reply and an after-photo. */
async function resolveHere(page: Page, note: string) {
  const reply = visible(page, '.handle__reply')
  await reply.locator('textarea').fill(note)
  await addPhoto(page, reply)
  await button(reply, '办结').click()
}

const chips = (scope: Locator) => scope.locator('.due-chip').allTextContents()

/** The shown page's problems once the toast of the last action is gone (a fading toast is no page's text). */
async function problems(page: Page): Promise<string[]> {
  await toastGone(page)
  return pageProblems(page)
}

describe.each([
  ['标准', false],
  ['长辈模式', true]
])('a unit\'s staff on the phone (%s)', (_mode, elder) => {
  it('工单处理 first with the counts, overdue first in the queue, the place and 导航, the chips, no 发起志愿清理 for 占道经营, and 下一件 after 办结 until the queue is empty', async () => {
    await clearQueue()
    const tag = elder ? '长辈' : '标准'
    const overdue = await fileAgo(30, 'overdue', `东门早市摊位占了人行道（${tag}）`, true) // due 6 hours ago
    const soon = await fileAgo(20, 'soon', `广场南侧夜市摊位占道（${tag}）`, false) // 4 of its 24 hours left
    const fresh = await fileAgo(0, 'fresh', `村委会门口有人摆摊卖菜（${tag}）`, true)
    const staffToken = await app.cloud.login('demo-staff')
    const counts = await app.cloud.ok(staffToken, 'report', 'queueCounts', {})
    expect(counts.overdue).toBe(1)

    // 我的: 工单处理 is the first thing under the profile, with 已超期 1 件 before 待办 3 件
    const page = await signInAs('demo-staff', elder)
    const me = visible(page, '.me')
    const work = me.locator('.me__work-queue')
    await work.locator('.me__work-overdue', { hasText: '已超期 1 件' }).waitFor()
    await work.locator('.me__work-open', { hasText: '待办 3 件' }).waitFor()
    expect(await work.getAttribute('aria-label')).toBe('工单处理：已超期 1 件，待办 3 件')
    const order = await me.evaluate((root) => {
      const all = Array.from(root.querySelectorAll('.me__work-queue, .me__stats, .ui-cell'))
      return all.map((e) => e.classList.contains('me__work-queue') ? 'work' : e.classList.contains('me__stats') ? 'stats' : (e.querySelector('.ui-cell__title')?.textContent ?? ''))
    })
    expect(order[0]).toBe('work')
    expect(order).not.toContain('工单处理') // not a row among the others any more
    const text = (await work.textContent())!
    expect(text.indexOf('已超期')).toBeLessThan(text.indexOf('待办'))
    expect(await problems(page)).toEqual([])

    // the queue: the overdue case first with 超期, then the 即将超期 one, then the new one without a chip
    await work.click()
    const queue = visible(page, '.queue')
    const cards = queue.locator('.queue-card')
    await cards.nth(2).waitFor()
    expect(await cards.count()).toBe(3)
    await expect(cards.nth(0).textContent()).resolves.toContain('东门早市摊位占了人行道')
    await expect(cards.nth(1).textContent()).resolves.toContain('广场南侧夜市摊位占道')
    await expect(cards.nth(2).textContent()).resolves.toContain('村委会门口有人摆摊卖菜')
    expect(await chips(cards.nth(0))).toEqual(['超期'])
    expect(await chips(cards.nth(1))).toEqual(['即将超期'])
    expect(await chips(cards.nth(2))).toEqual([])
    expect(await problems(page)).toEqual([])

    // the overdue case: 超期 on the case, its place in words and 导航 to its point (a browser opens 高德地图's page: captured here)
    await cards.nth(0).click()
    const handle = visible(page, '.handle')
    await handle.locator('.case-summary').waitFor()
    expect(await chips(handle.locator('.case-summary'))).toEqual(['超期'])
    const place = handle.locator('.case-place')
    await place.locator('.case-place__address', { hasText: '幸福村菜市场东门' }).waitFor()
    expect(await place.textContent()).not.toMatch(/35\.76/)
    await page.evaluate(() => { (window as unknown as { open: (u: string) => null }).open = (u: string) => ((window as unknown as { opened: string }).opened = u, null) })
    await button(place, '导航').click()
    const opened = await page.evaluate(() => (window as unknown as { opened?: string }).opened)
    expect(opened).toContain('uri.amap.com/marker?position=115.03,35.7612')
    expect(decodeURIComponent(opened!)).toContain('name=占道经营 · 幸福村菜市场东门')

    // 占道经营 is enforcement: no 发起志愿清理, only why
    const cleanup = handle.locator('.handle__cleanup')
    await cleanup.getByText('不适合发起志愿清理', { exact: false }).waitFor()
    expect(await button(handle, '发起志愿清理').count()).toBe(0)
    expect(await problems(page)).toEqual([])

    // 办结 → 下一件: the 即将超期 case (the overdue ones lead; none is left)
    await resolveHere(page, '摊位已劝离，人行道已恢复通行')
    const next = handle.locator('.case-next')
    await next.locator('.case-next__case', { hasText: '下一件：占道经营 · 幸福村文化广场南侧' }).waitFor()
    expect(await chips(next)).toEqual(['即将超期'])
    expect(await problems(page)).toEqual([])
    await button(next, '下一件').click()
    let shown = visible(page, '.handle')
    await shown.locator('.case-summary__description', { hasText: '广场南侧夜市摊位占道' }).waitFor()
    expect(await chips(shown.locator('.case-summary'))).toEqual(['即将超期'])
    await shown.locator('.case-place__address', { hasText: '幸福村文化广场南侧' }).waitFor()

    // 受理 then 办结 here: 下一件 is the new case
    await button(visible(page, '.handle__accept'), '受理').click()
    await waitUntil(async () => (await app.cloud.ok(staffToken, 'report', 'get', { id: soon })).status === 'accepted', 45000)
    await visible(page, '.handle__reply').waitFor()
    await resolveHere(page, '夜市摊位已规范到划定区域')
    await visible(page, '.case-next__case').filter({ hasText: '下一件：占道经营 · 幸福村村委会门口' }).waitFor()
    await button(visible(page, '.case-next'), '下一件').click()
    shown = visible(page, '.handle')
    await shown.locator('.case-summary__description', { hasText: '村委会门口有人摆摊卖菜' }).waitFor()

    // the last one: the queue is empty, and the page says so
    await resolveHere(page, '已劝离')
    await visible(page, '.case-next__empty').filter({ hasText: '待办工单已全部办完' }).waitFor()
    expect(await problems(page)).toEqual([])
    for (const id of [overdue, soon, fresh]) expect((await app.cloud.ok(staffToken, 'report', 'get', { id })).status).not.toMatch(/submitted|accepted/)

    // back on 我的: nothing overdue, nothing open
    await page.goto(`${app.cloud.url}/#${route.me}`)
    await visible(page, '.me__work-queue').locator('.me__work-open', { hasText: '待办 0 件' }).waitFor()
    await visible(page, '.me__work-queue').locator('.me__work-overdue', { hasText: '已超期 0 件' }).waitFor()

    // a 网格员 of 幸福村 (a resident an admin named): 现场核查 first, with the cases waiting for their check
    const admin = await app.cloud.login('demo-admin')
    const grid = await app.cloud.login('e2e-staff-phone-grid')
    await app.cloud.ok(grid, 'user', 'updateProfile', { nickname: '网格员小李' })
    await app.cloud.ok(admin, 'user', 'setGrid', { userId: (await app.cloud.ok(grid, 'user', 'me', {})).userId, villageIds: ['py-01'] })
    // 乱张贴 asks for 核查 before it is closed (基础数据): its 办结 waits for the 网格员
    await app.cloud.ok(admin, 'report', 'putCategory', { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true })
    const checked = await fileAgo(0, 'fresh', `村委会门口墙上小广告（${tag}）`, true, 'tiezhang')
    await app.cloud.ok(staffToken, 'report', 'resolve', { id: checked, note: '已铲除', photos: [await app.cloud.photoOf(staffToken)] })
    expect((await app.cloud.ok(staffToken, 'report', 'get', { id: checked })).status).toBe('verifying')
    const waiting = (await app.cloud.ok(grid, 'report', 'verifyQueue', { limit: 20 })).items.length
    expect(waiting).toBeGreaterThanOrEqual(1)
    const checker = await signInAs('e2e-staff-phone-grid', elder)
    const mine = visible(checker, '.me')
    const verify = mine.locator('.me__work-verify')
    await verify.locator('.me__work-to-verify', { hasText: `待核查 ${waiting} 件` }).waitFor()
    expect(await verify.textContent()).toMatch(new RegExp(`^现场核查待核查 ${waiting} 件`))
    expect(await mine.locator('.me__work-queue').count()).toBe(0) // no 工单处理: a 网格员 is no unit's staff
    const first = await mine.evaluate((root) => Array.from(root.querySelectorAll('.me__work-verify, .me__stats, .ui-cell'))[0]?.classList.contains('me__work-verify'))
    expect(first).toBe(true)
    expect(await problems(checker)).toEqual([])
    await verify.click()
    await visible(checker, '.queue-card, .report-card').filter({ hasText: `村委会门口墙上小广告（${tag}）` }).first().waitFor()
  }, 240000)
})
