import type { Page } from 'playwright-core'
import { startApp, signIn, button, visible, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'
import { route } from '../../src/routes'

/**
 * Issue 15, the cleanup loop in the app: a drive called for two cases (发起清理) has started; its
 * organizer records on the drive page that one case was cleared (with an after-photo) and the other
 * could not be (with a note). The first case is resolved with the drive in its timeline and its
 * reporter sees it resolved; the second stays with its unit; the village page counts the drive.
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp()
}, 60000)
afterAll(() => app?.close())

const MARKET = { latitude: 35.7612, longitude: 115.03 }
const HEAP = '菜市场后巷墙上贴满小广告和喷涂'
const RUBBLE = '后巷电线杆上的小广告层层叠叠，需要铲刀清除'
const NOTE = '建筑垃圾需要车辆清运，志愿者无法处理'

/** Signs in with 长辈模式 on. */
async function signInElder(openid: string): Promise<Page> {
  await app.cloud.ok(await app.cloud.login(openid), 'user', 'updateProfile', { elderMode: true })
  const page = await signIn(app, openid)
  await visible(page, '.page-shell.elder').first().waitFor()
  return page
}

/** Targets under 44 × 44 CSS px inside a part of the shown page. */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return shown.flatMap((p) => Array.from(p.querySelectorAll(`${scope} .nut-button, ${scope} .chip, ${scope} [role=button], ${scope} [role=radio], ${scope} [role=switch], ${scope} [role=link]`)))
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' })
      .map((e) => ({ r: e.getBoundingClientRect(), text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 20) }))
      .filter((t) => t.r.width < 44 || t.r.height < 44)
      .map((t) => `target «${t.text}» ${Math.round(t.r.width)}×${Math.round(t.r.height)}`)
  }, scope)
}

it('the organizer records a started drive\'s outcome in the app: one case cleared with an after-photo, one not with a note', async () => {
  // two residents' cases behind the market, in 幸福村
  const [alice, bob] = await Promise.all(['e2e-loop-alice', 'e2e-loop-bob'].map((o) => app.cloud.login(o)))
  const file = async (token: string, clientId: string, category: string, description: string, dLat: number) =>
    app.cloud.ok(token, 'report', 'create', {
      clientId, category, description, photos: [await app.cloud.photoOf(token)],
      location: { latitude: MARKET.latitude + dLat, longitude: MARKET.longitude, address: '幸福村菜市场后巷' }, villageId: 'py-01'
    })
  // 乱张贴 behind the market (volunteers may clean it; 占道经营 is enforcement, not theirs: NOT_FOR_VOLUNTEERS): 城管's,
  // whose staff member organizes the drive (a drive resolves a case only as its organizer could)
  const heap = await file(alice!, 'e2e-loop-1', 'tiezhang', HEAP, 0.0003)
  const rubble = await file(bob!, 'e2e-loop-2', 'tiezhang', RUBBLE, 0.0002)

  // 发起清理 for both, starting in a few seconds; a volunteer signs up and checks in
  const staffToken = await app.cloud.login('demo-staff')
  const start = new Date(Date.now() + 4000)
  const drive = await app.cloud.ok(staffToken, 'volunteer', 'create', {
    title: '菜市场后巷集中清理', description: '清理后巷堆积物', villageId: 'py-01', address: '幸福村菜市场后巷', capacity: 5,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), reportIds: [heap.id, rubble.id]
  })
  const volunteer = await app.cloud.login('e2e-loop-volunteer')
  await app.cloud.ok(volunteer, 'volunteer', 'signup', { activityId: drive.id })
  const code = (await app.cloud.ok(staffToken, 'volunteer', 'get', { id: drive.id })).checkinCode as string
  await app.cloud.ok(volunteer, 'volunteer', 'checkIn', { activityId: drive.id, code })
  await new Promise((r) => setTimeout(r, Math.max(0, start.getTime() - Date.now() + 500)))

  // the organizer, in 长辈模式, opens the drive: a form per linked case
  const staff = await signInElder('demo-staff')
  await staff.goto(`${app.cloud.url}/#${route.drive(drive.id)}`)
  const outcomes = visible(staff, '.drive__outcomes')
  await outcomes.getByText('登记清理成效').waitFor()
  const first = visible(staff, `.drive-outcome--${heap.id}`)
  const second = visible(staff, `.drive-outcome--${rubble.id}`)
  await first.getByRole('img', { name: '清理前' }).waitFor()
  await expect(first.getAttribute('aria-label')).resolves.toContain('乱张贴乱涂画')
  // 提交 waits for an after-photo
  await expect(button(first, '提交清理成效').getAttribute('class')).resolves.toContain('disabled')
  expect(await smallTargets(staff, '.drive__outcomes')).toEqual([])
  expect(await seriousViolations(staff)).toEqual([])

  // the first: 已清理 with a photo taken on site
  await first.getByRole('radio', { name: '已清理' }).click()
  const chooser = staff.waitForEvent('filechooser')
  await first.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(tinyJpeg()) })
  await first.locator('.photo-picker__done').waitFor()
  await first.locator('textarea').fill('小广告已全部清除')
  expect(await smallTargets(staff, '.drive__outcomes')).toEqual([])
  expect(await seriousViolations(staff)).toEqual([])
  await button(first, '提交清理成效').click()
  await staff.getByText('已办结，已通知上报人').first().waitFor() // the answer says what happened
  await first.getByText('✓ 本次活动已清理并办结').waitFor()
  await first.getByRole('img', { name: '清理后' }).waitFor()
  expect(await button(first, '提交清理成效').count()).toBe(0)
  await visible(staff, '.drive__fixed').getByText('本次活动已清理 1 件问题').waitFor()

  // the second: 未能清理, which needs a note
  await second.getByRole('radio', { name: '未能清理' }).click()
  expect(await second.locator('.photo-picker').count()).toBe(0)
  await second.getByText('未能清理的原因（必填，责任单位继续办理）').waitFor()
  await expect(button(second, '提交清理成效').getAttribute('class')).resolves.toContain('disabled')
  await second.locator('textarea').fill(NOTE)
  expect(await seriousViolations(staff)).toEqual([])
  await button(second, '提交清理成效').click()
  await staff.getByText('已记录，仍由责任单位办理').first().waitFor()
  await second.getByText(`未能清理：${NOTE}`).waitFor()

  // the server: the first resolved with the drive in its timeline, the second still open with the note
  const fixed = await app.cloud.ok(alice!, 'report', 'get', { id: heap.id })
  expect(fixed).toMatchObject({ status: 'resolved', reply: '小广告已全部清除' })
  expect(fixed.afterPhotos).toHaveLength(1)
  expect(fixed.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'drive', 'accept', 'resolve'])
  expect(fixed.timeline.at(-1).note).toContain('志愿清理活动「菜市场后巷集中清理」已清理（1 名志愿者参与）')
  const left = await app.cloud.ok(bob!, 'report', 'get', { id: rubble.id })
  expect(left.status).toBe('submitted')
  expect(left.timeline.at(-1)).toMatchObject({ action: 'drive', status: 'submitted' })
  expect(left.timeline.at(-1).note).toContain(NOTE)
  const recorded = await app.cloud.ok(staffToken, 'volunteer', 'get', { id: drive.id })
  expect(recorded.outcomes.map((o: { reportId: string; fixed: boolean; resolvedByDrive: boolean }) => [o.reportId, o.fixed, o.resolvedByDrive])).toEqual([[heap.id, true, true], [rubble.id, false, false]])

  // the reporter sees it resolved in 我的上报 and on the case page, with the drive in its timeline
  const reporter = await signIn(app, 'e2e-loop-alice')
  await reporter.goto(`${app.cloud.url}/#${route.myReports}`)
  const card = visible(reporter, '.my-reports .report-card').filter({ hasText: HEAP.slice(0, 8) })
  await card.getByText('已办结').first().waitFor()
  await card.click()
  const detail = visible(reporter, '.report-detail')
  await detail.locator('.case-summary__description', { hasText: HEAP }).waitFor()
  await detail.getByText(/志愿清理活动「菜市场后巷集中清理」已清理/).first().waitFor()
  await detail.getByRole('img', { name: '整改后照片' }).waitFor()
  await visible(reporter, '.report-detail__rate').waitFor()

  // the village page counts the drive where it happened
  const live = (await app.cloud.ok(alice!, 'ranking', 'village', { villageId: 'py-01' })).live
  expect(live).toMatchObject({ drives: 1, fixedByVolunteers: 1 })
  await reporter.goto(`${app.cloud.url}/#${route.village('py-01')}`)
  await visible(reporter, '.village__drives').getByText(`本村开展志愿活动 ${live.drives} 场 · 在本村服务 ${live.volunteerHours} 小时 · 志愿者清理问题 ${live.fixedByVolunteers} 件`).waitFor()
}, 120000)
