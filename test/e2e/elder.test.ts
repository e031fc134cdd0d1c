import type { Page } from 'playwright-core'
import { startApp, signIn, visible, button, openTab, waitUntil, type TestApp } from '../helpers/browser'
import { deliver } from '../../cloud/core/messages'
import { route } from '../../src/routes'
import { everyPage } from '../helpers/pages'

/**
 * Issue 16: one type scale and finger-sized targets on every page, in normal and 长辈模式, measured
 * as the browser computes them (CSS px at a 390 px wide phone) on the demo district with its
 * activity (cases around 幸福村菜市场, drives, volunteers' hours).
 */
let app: TestApp
/** Every page, those with an id from the demo activity. */
let PAGES: string[] = []
beforeAll(async () => {
  app = await startApp({ demoActivity: true })
  PAGES = await everyPage(app.cloud)
}, 60000)
afterAll(() => app?.close())

/** The scale of issue 16 in CSS px: 长辈模式 body ≥ 18, secondary ≥ 16, titles above body; normal text ≥ 12. */
const SCALE = { elder: { body: 18, secondary: 16 }, normal: { body: 14, secondary: 12 } }
/** Section titles of every page: they must be larger than the page's body text. */
const TITLES = '.report-section__title, .vol-section__title, .village__title, .privacy__heading, .report-card__category, .drive-card__title'

interface Measure {
  body: number
  /** Buttons, chips, switches, links and tabs smaller than 44 × 44 CSS px. */
  small: { w: number; h: number; text: string }[]
  smallest: { size: number; text: string; cls: string }[]
  titles: { size: number; text: string }[]
  monospace: string[]
}

/** Computed sizes of the text the user sees: the shown page, the tab bar and any toast or modal. */
function measure(page: Page, minSecondary: number): Promise<Measure> {
  return page.evaluate(({ min, titles }) => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const roots: Element[] = [...shown, ...Array.from(document.querySelectorAll('.taro-tabbar__tabbar, .taro__toast, .taro__modal'))]
    const isShown = (e: Element) => {
      const r = e.getBoundingClientRect()
      const s = getComputedStyle(e)
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && r.right > 0 && r.left < window.innerWidth
    }
    const small: Measure['smallest'] = []
    const mono: string[] = []
    for (const root of roots) {
      root.querySelectorAll('*').forEach((e) => {
        if (!isShown(e)) return
        const own = Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())
        const field = e.matches('input, textarea')
        if (!own && !field) return
        const s = getComputedStyle(e)
        const size = parseFloat(s.fontSize)
        if (size < min) small.push({ size, text: (field ? (e as HTMLInputElement).placeholder : e.textContent!.trim()).slice(0, 20), cls: e.className?.toString().slice(0, 60) ?? '' })
        if (/monospace/.test(s.fontFamily)) mono.push(`${e.tagName} ${e.className}`)
      })
    }
    const frame = shown.map((p) => p.querySelector('.page-shell')).find(Boolean)
    const targets = roots.flatMap((r) => Array.from(r.querySelectorAll('.nut-button, .ui-btn, .chip, [role=button], [role=radio], [role=switch], [role=link], .nut-cell-clickable, .ui-cell--clickable, .weui-tabbar__item')))
      .filter(isShown)
      .map((e) => ({ w: Math.round(e.getBoundingClientRect().width), h: Math.round(e.getBoundingClientRect().height), text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 20) }))
      .filter((t) => t.w < 44 || t.h < 44)
    return {
      small: targets,
      body: frame ? parseFloat(getComputedStyle(frame).fontSize) : 0,
      smallest: small,
      titles: shown.flatMap((p) => Array.from(p.querySelectorAll(titles))).filter(isShown).map((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), text: e.textContent!.slice(0, 20) })),
      monospace: mono
    }
  }, { min: minSecondary, titles: TITLES })
}

async function sizes(openid: string, elder: boolean): Promise<string[]> {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  const scale = elder ? SCALE.elder : SCALE.normal
  const problems: string[] = []
  for (const path of PAGES) {
    await page.goto(`${app.cloud.url}/#${path}`)
    await visible(page, '.page-shell').first().waitFor()
    await page.waitForTimeout(500) // let the page's data arrive
    if (elder) await visible(page, '.page-shell.elder').first().waitFor()
    const m = await measure(page, scale.secondary)
    if (m.body < scale.body) problems.push(`${path}: body text ${m.body} px`)
    for (const s of m.smallest) problems.push(`${path}: ${s.size} px «${s.text}» (${s.cls})`)
    for (const t of m.titles) if (t.size <= m.body) problems.push(`${path}: title «${t.text}» ${t.size} px not above body ${m.body} px`)
    for (const f of m.monospace) problems.push(`${path}: monospace ${f}`)
    for (const t of m.small) problems.push(`${path}: target «${t.text}» ${t.w}×${t.h} px`)
  }
  return problems
}

it.each([
  ['resident', 'demo-resident', false],
  ['resident in 长辈模式', 'demo-resident', true],
  ['staff', 'demo-staff', false],
  ['staff in 长辈模式', 'demo-staff', true]
])('every page as %s keeps the type scale and 44 px targets (computed sizes)', async (_who, openid, elder) => {
  expect(await sizes(openid, elder)).toEqual([])
}, 180000)

/** A field's look as computed: its border and the label shown above it. */
async function fieldLook(page: Page, selector: string) {
  const field = visible(page, selector).first()
  await field.waitFor()
  return field.evaluate((e) => {
    const box = e.closest('.nut-input, .field') ?? e
    const s = getComputedStyle(box)
    const label = e.closest('.form-field')?.querySelector('.form-field__label')?.textContent ?? null
    return { border: parseFloat(s.borderTopWidth), style: s.borderTopStyle, height: box.getBoundingClientRect().height, label }
  })
}

it('every field looks like a field with a visible label, on pages opened first (drive form, check-in code, cancel reason, score entry)', async () => {
  // the organizer, straight to the drive form: no report page was opened before
  const staff = await signIn(app, 'demo-staff')
  await staff.goto(`${app.cloud.url}/#${route.driveCreate()}`)
  for (const [selector, label] of [['.drive-create__title input', '活动标题'], ['.drive-create__address input', '集合地点'], ['.drive-create__capacity input', '招募人数'], ['.drive-create__date .picker-field', '日期'], ['.drive-create__start .picker-field', '开始时间']] as const) {
    const look = await fieldLook(staff, selector)
    expect({ selector, ...look, border: look.border >= 1, height: look.height >= 44 }).toEqual({ selector, border: true, style: 'solid', height: true, label })
  }
  // dates and times are chosen, not typed: the date reads in words
  await visible(staff, '.drive-create__date').getByText(/^\d{1,2}月\d{1,2}日 周[一二三四五六日]$/).waitFor()
  expect(await visible(staff, '.drive-create input[placeholder*="YYYY"], .drive-create input[placeholder*="HH"]').count()).toBe(0)

  // the cancel reason on the demo cleanup drive the staff member organizes
  const token = await app.cloud.login('demo-staff')
  const drives = await app.cloud.ok(token, 'volunteer', 'list', {})
  const cleanup = drives.items.find((d: { title: string }) => d.title === '菜市场后巷集中清理')
  await staff.goto(`${app.cloud.url}/#${route.drive(cleanup.id)}`)
  expect(await fieldLook(staff, '.drive__reason')).toMatchObject({ style: 'solid', label: '取消理由（将通知所有报名者）' })

  // score entry
  await staff.goto(`${app.cloud.url}/#${route.evaluationEntry}`)
  const entry = await fieldLook(staff, '.entry__input--environment input')
  expect(entry.border).toBeGreaterThanOrEqual(1)

  // the check-in code, for a volunteer signed up to a drive starting soon (the box shows from 30 minutes before)
  const soon = new Date(Date.now() + 10 * 60_000)
  const drive = await app.cloud.ok(token, 'volunteer', 'create', { title: '马上开始的清理', description: '', villageId: 'py-01', address: '幸福村村委会', capacity: 5, startAt: soon.toISOString(), endAt: new Date(soon.getTime() + 3600_000).toISOString() })
  await app.cloud.ok(await app.cloud.login('demo-vol-1'), 'volunteer', 'signup', { activityId: drive.id })
  const volunteer = await signIn(app, 'demo-vol-1')
  await volunteer.goto(`${app.cloud.url}/#${route.drive(drive.id)}`)
  expect(await fieldLook(volunteer, '.drive__code')).toMatchObject({ style: 'solid', label: '签到码' })
}, 90000)

it('a new resident is asked for a name and village; empty 我的上报 and 我的志愿 say what to do; the hours board falls back to 累计', async () => {
  const page = await signIn(app, 'e2e-newcomer')
  const welcome = visible(page, '.me__welcome')
  await welcome.getByText('请告诉我们怎么称呼您、住在哪个村居', { exact: false }).waitFor()
  await button(welcome, '填写称呼和村居').click()
  await visible(page, '.profile').waitFor()

  await page.goto(`${app.cloud.url}/#${route.myReports}`)
  await visible(page, '.my-reports').getByText('还没有上报', { exact: false }).waitFor()
  await button(visible(page, '.my-reports'), '去随手拍').click()
  await visible(page, '.report-create').waitFor()

  await page.goto(`${app.cloud.url}/#${route.myDrives}`)
  await visible(page, '.my-drives__empty').getByText('还没有参加过志愿活动', { exact: false }).waitFor()
  await button(visible(page, '.my-drives__empty'), '去报名志愿活动').click()
  await visible(page, '.volunteer .drive-card').first().waitFor()

  // the demo's finished drive credited five volunteers: this month's board, or 累计 when the month has none
  const token = await app.cloud.login('e2e-newcomer')
  const month = await app.cloud.ok(token, 'volunteer', 'leaderboard', { scope: 'month', limit: 50 })
  await page.goto(`${app.cloud.url}/#${route.volunteerLeaderboard}`)
  const board = visible(page, '.vol-board')
  await board.locator('.vol-section__row').first().waitFor()
  expect(await board.locator('.vol-section__row').count()).toBe(5)
  const scope = board.getByRole('radiogroup', { name: '时间范围' })
  if (month.items.length === 0) {
    await board.getByText('本月还没有志愿时长记录，先看累计排行').waitFor()
    await expect(scope.getByRole('radio', { name: '累计' }).getAttribute('aria-checked')).resolves.toBe('true')
  } else {
    await expect(scope.getByRole('radio', { name: '本月' }).getAttribute('aria-checked')).resolves.toBe('true')
  }
}, 60000)

it('results, not just toasts: after 签退 the minutes, times and the certificate; after an export where the file went; after filing what comes next', async () => {
  // 张建国 checked in and out of the demo's finished drive
  const token = await app.cloud.login('demo-vol-1')
  const done = (await app.cloud.ok(token, 'volunteer', 'mine', {})).items.find((s: { status: string }) => s.status === 'completed')
  expect(done.minutes).toBeGreaterThan(0)
  const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)
  const page = await signIn(app, 'demo-vol-1')
  await page.goto(`${app.cloud.url}/#${route.drive(done.activityId)}`)
  const result = visible(page, '.drive__done')
  await result.getByText(`已签退 · 志愿时长 ${done.minutes} 分钟`).waitFor()
  await result.getByText(`签到 ${hm(done.checkInAt)} · 签退 ${hm(done.checkOutAt)}`, { exact: false }).waitFor()
  await button(result, '查看志愿服务证明').click()
  await visible(page, '.certificate').waitFor()

  // staff export the board: the page says where the file went
  const staff = await signIn(app, 'demo-staff')
  await openTab(staff, '排行')
  const download = staff.waitForEvent('download')
  await button(visible(staff, '.ranking'), '导出 CSV').click()
  const file = (await download).suggestedFilename()
  expect(file).toMatch(/\.csv$/)
  await visible(staff, '.ranking__saved').getByText(`已下载「${file}」，在浏览器的「下载」文件夹中`).waitFor()

  // right after filing, the case page says when it will be accepted and what it earns (占道经营: 24 小时)
  const resident = await app.cloud.login('demo-resident')
  const mine = (await app.cloud.ok(resident, 'report', 'mine', {})).items.find((r: { category: string }) => r.category === 'zhandao')
  const filer = await signIn(app, 'demo-resident')
  await filer.goto(`${app.cloud.url}/#${route.reportDetail(mine.id)}&submitted=1`)
  await visible(filer, '.report-detail__submitted').getByText('已提交，预计 24 小时内受理 · 受理后 +5 积分').waitFor()
}, 60000)

it('navigation: the 我的 tab shows the unread count, H5 sub-pages have a title bar with 返回, the page has a favicon (no 404s)', async () => {
  await deliver(app.cloud.deps, [
    { openid: 'e2e-badge', kind: 'test.note', title: '您的上报已受理', body: '城管执法局已受理' },
    { openid: 'e2e-badge', kind: 'test.note', title: '您的上报已办结', body: '请查看并评价' }
  ])
  const page = await app.newPage()
  const missing: string[] = []
  page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()) })
  await page.goto(app.cloud.url)
  await page.getByText('选择身份进入').waitFor()
  await page.locator('.signin__openid input').fill('e2e-badge')
  await button(page, '登录').click()
  await page.locator('.me__nickname').waitFor()
  expect(await page.locator('link[rel="icon"]').count()).toBe(1)
  const badge = page.locator('.taro-tabbar__tabbar .weui-tabbar__item').filter({ hasText: '我的' }).locator('.weui-badge')
  await badge.filter({ hasText: '2' }).waitFor()
  await openTab(page, '随手拍')
  await badge.filter({ hasText: '2' }).waitFor()

  // 消息 opens under a title bar; 返回 goes back to 我的, and the badge is gone
  await openTab(page, '我的')
  await page.locator('.me__messages').click()
  const bar = visible(page, '.title-bar')
  await bar.getByRole('heading', { name: '消息' }).waitFor()
  await visible(page, '.messages__item').first().waitFor()
  await button(bar, '返回').click()
  await visible(page, '.me__nickname').waitFor()
  await waitUntil(async () => (await badge.count()) === 0 || !(await badge.isVisible()))

  // a sub-page opened directly (a new tab, same signed-in browser): 返回 leads to 随手拍
  const direct = await page.context().newPage()
  direct.on('response', (r) => { if (r.status() === 404) missing.push(r.url()) })
  await direct.goto(`${app.cloud.url}/#${route.myReports}`)
  await visible(direct, '.my-reports .title-bar').getByRole('heading', { name: '我的上报' }).waitFor()
  await button(visible(direct, '.my-reports .title-bar'), '返回').click()
  await visible(direct, '.report-tab').waitFor()
  expect(missing).toEqual([])
}, 60000)
