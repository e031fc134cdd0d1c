import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startApp, signIn, openTab, visible, button, waitUntil as waitFor, type TestApp } from '../helpers/browser'
import { fillPoint } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'
import { route } from '../../src/routes'
import { volunteersCanFix } from '../../types/names'

/**
 * Issue 16, the pages that must explain themselves: the duplicate sheet of 随手拍, the staff queue,
 * 点赞审核, 发起清理, the case page as a 工单 and the ranking — on the demo district with its
 * activity (open cases around 幸福村菜市场, two of them linked to the 菜市场后巷集中清理 drive).
 */
let app: TestApp
let photoFile: string
beforeAll(async () => {
  app = await startApp({ demoActivity: true })
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

/** Signs in with 长辈模式 on or off. */
async function signInAs(openid: string, elder: boolean): Promise<Page> {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  if (elder) await visible(page, '.page-shell.elder').first().waitFor()
  return page
}

/** axe's serious violations and the targets under 44 × 44 CSS px on the shown page. */
/** Targets under 44 px and serious axe violations on the shown page (test/helpers/axe.ts). */
const problems = pageProblems

async function addPhoto(page: Page, scope: string) {
  const chooser = page.waitForEvent('filechooser')
  await visible(page, `${scope} .photo-picker__add`).first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, `${scope} .photo-picker__done`).first().waitFor()
}

/** Fills the 随手拍 form up to 提交: category, one photo, the point, a description. */
async function fillReport(page: Page, category: string, latitude: string, longitude: string, description: string) {
  await page.goto(`${app.cloud.url}/#${route.reportCreate}`)
  const form = visible(page, '.report-create')
  await form.waitFor()
  await form.getByRole('radio', { name: category, exact: true }).click()
  await addPhoto(page, '.report-create')
  await fillPoint(page, latitude, longitude)
  await visible(page, '.report-create__description textarea').fill(description)
  await button(form, '提交').click()
}

describe('5. the duplicate suggestion', () => {
  it('is a bottom sheet: the reporter\'s own case says 您已上报过 and opens without losing the draft, others\' cases show photo, 距您 N 米 and 是这个，我也遇到; 不是，提交我的上报 files anyway', async () => {
    // 王秀兰's own 占道经营 case at 菜市场东门 (35.7613, 115.0302): she is about to file it again ~11 m away, in 长辈模式
    const resident = await signInAs('demo-resident', true)
    const token = await app.cloud.login('demo-resident')
    const near = await app.cloud.ok(token, 'report', 'nearby', { latitude: 35.7614, longitude: 115.0302, radius: 250, category: 'zhandao' })
    expect(near.items.map((r: { description: string }) => r.description)).toEqual(['菜市场东门早市摊位占了人行道，行人只能走机动车道'])
    await fillReport(resident, '占道经营', '35.7614', '115.0302', '东门早市摊位又占了人行道')
    const sheet = visible(resident, '[role=dialog][aria-label="附近已有相同问题"]')
    await sheet.getByText('附近已有 1 件相同问题').waitFor()
    const own = sheet.getByRole('listitem').filter({ hasText: '菜市场东门早市摊位' })
    await own.getByText(`距您 ${near.items[0].distance} 米`).waitFor()
    await own.getByText('您已上报过').waitFor()
    expect(await button(own, '我也遇到').count()).toBe(0)
    expect(await button(sheet, '不是，提交我的上报').count()).toBe(1)
    expect(await problems(resident)).toEqual([])
    // what she entered stays: the sheet says so, and it is there when she comes back (issue 24)
    await own.getByText('这次填写的内容会保留，返回后仍可提交').waitFor()
    await button(own, '查看我上报的这件').click()
    await visible(resident, '.report-detail .case-summary__description').filter({ hasText: '菜市场东门早市摊位' }).waitFor()
    // back on the form (opened again, as after closing the app): the draft is all there
    await resident.goto(`${app.cloud.url}/#${route.reportCreate}`)
    await resident.reload()
    await expect(visible(resident, '.report-create__description textarea').inputValue()).resolves.toBe('东门早市摊位又占了人行道')
    expect(await visible(resident, '.report-create .photo-picker__done').count()).toBe(1)

    // another resident's 乱张贴 case with its photo, 22 m from where a neighbour stands
    const owner = await app.cloud.login('e2e-dup-owner')
    const photo = await app.cloud.upload(owner, tinyJpeg())
    await app.cloud.ok(owner, 'report', 'create', { clientId: 'e2e-dup-owner-1', category: 'tiezhang', description: '菜市场北墙贴满小广告', photos: [photo], location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场北墙' }, villageId: 'py-01' })
    const neighbour = await signInAs('e2e-dup-neighbour', false)
    await fillReport(neighbour, '乱张贴乱涂画', '35.7614', '115.03', '北墙上的小广告越贴越多')
    const other = visible(neighbour, '[role=dialog][aria-label="附近已有相同问题"]').getByRole('listitem').filter({ hasText: '菜市场北墙贴满小广告' })
    await other.getByText('距您 22 米').waitFor()
    await other.locator('img[alt="乱张贴乱涂画现场照片"]').waitFor()
    expect(await button(other, '是这个，我也遇到').count()).toBe(1)
    // 我也遇到 carries what she entered (issue 24): the sheet says so
    await other.getByText('您的照片和描述会一并转给处理人员').waitFor()
    expect(await other.getByText('您已上报过').count()).toBe(0)
    expect(await problems(neighbour)).toEqual([])
    // not a dead end: 不是，提交我的上报 files the new case
    await button(visible(neighbour, '.dup-sheet'), '不是，提交我的上报').click()
    await visible(neighbour, '.report-detail__submitted').waitFor()
    const mine = await app.cloud.ok(await app.cloud.login('e2e-dup-neighbour'), 'report', 'mine', {})
    expect(mine.items.map((r: { description: string }) => r.description)).toEqual(['北墙上的小广告越贴越多'])
  }, 90000)
})

/** The queue as the server has it: the open cases of each status, most urgent first. */
async function openQueue(token: string) {
  const of = async (status: string) => (await app.cloud.ok(token, 'report', 'queue', { status, limit: 50 })).items as { id: string; description: string; overdue: boolean; dueAt: string | null; status: string }[]
  const [submitted, accepted, reopened] = await Promise.all([of('submitted'), of('accepted'), of('reopened')])
  const todo = [...submitted, ...accepted, ...reopened].sort((a, b) => (a.overdue !== b.overdue ? (a.overdue ? -1 : 1) : Date.parse(a.dueAt!) - Date.parse(b.dueAt!)))
  return { submitted, accepted, reopened, todo }
}

describe('6. the staff queue', () => {
  it.each([['normal', false], ['长辈模式', true]])('opens on 待办 sorted by urgency, with counts on the chips and 剩余 N 小时 or a red 已超期 on compact cards (%s)', async (_mode, elder) => {
    const token = await app.cloud.login('demo-admin')
    const q = await openQueue(token)
    // the demo: 2+ cases waiting (占道经营 at 东门, 飞线充电 at 3 号楼), 2 accepted behind the market, the drain one overdue
    expect(q.submitted.length).toBeGreaterThanOrEqual(2)
    expect(q.accepted.length).toBe(2)
    expect(q.todo[0]).toMatchObject({ description: '后巷排水沟里有积存垃圾，天热有异味', overdue: true })
    const page = await signInAs('demo-admin', elder)
    await page.goto(`${app.cloud.url}/#${route.reportQueue}`)
    const queue = visible(page, '.queue')
    const chips = queue.getByRole('radiogroup', { name: '工单分类' })
    await chips.getByRole('radio', { name: `待办 ${q.todo.length}` }).waitFor()
    await expect(chips.getByRole('radio', { name: `待办 ${q.todo.length}` }).getAttribute('aria-checked')).resolves.toBe('true')
    await chips.getByRole('radio', { name: `待受理 ${q.submitted.length}` }).waitFor()
    await chips.getByRole('radio', { name: `办理中 ${q.accepted.length}` }).waitFor()
    const cards = queue.locator('.queue-card')
    await cards.nth(q.todo.length - 1).waitFor()
    expect(await cards.count()).toBe(q.todo.length)
    expect(await cards.locator('.queue-card__text').allTextContents()).toEqual(q.todo.map((r) => r.description))
    const first = cards.first().locator('.queue-card__due')
    await expect(first.textContent()).resolves.toMatch(/^已超期 \d+ 小时$/)
    await expect(first.evaluate((e) => getComputedStyle(e).color)).resolves.toBe('rgb(163, 18, 24)')
    const next = q.todo[1]!
    await cards.nth(1).getByText(`剩余 ${Math.floor((Date.parse(next.dueAt!) - Date.now()) / 3600_000)} 小时`).waitFor()
    // compact: a card is well under a third of the screen
    expect((await cards.nth(1).boundingBox())!.height).toBeLessThan(844 / 3)
    expect(await problems(page)).toEqual([])
    // one status: only its cases
    await chips.getByRole('radio', { name: `待受理 ${q.submitted.length}` }).click()
    await waitFor(async () => (await cards.count()) === q.submitted.length && (await cards.locator('.queue-card__text').allTextContents()).every((t) => q.submitted.some((r) => r.description === t)))
  }, 90000)

  it('文明办 staff and admins review 文明点赞 under 点赞审核: 通过 puts it on the wall, 不通过 needs a reason', async () => {
    const resident = await app.cloud.login('e2e-praiser')
    const praise = async (n: number, description: string) =>
      app.cloud.ok(resident, 'report', 'create', { clientId: `e2e-praise-${n}`, category: 'dianzan', description, photos: [await app.cloud.photoOf(resident)], location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场' }, villageId: 'py-01' })
    const good = await praise(1, '菜市场保洁阿姨每天清晨把东门扫得干干净净')
    const odd = await praise(2, '今天天气不错适合出门')
    const admin = await app.cloud.login('demo-admin')
    const waiting = (await app.cloud.ok(admin, 'report', 'queue', { kind: 'praise', status: 'submitted' })).items
    expect(waiting.map((r: { id: string }) => r.id).sort()).toEqual([good.id, odd.id].sort())

    // 城管 staff do not review praise
    const staff = await signInAs('demo-staff', false)
    await staff.goto(`${app.cloud.url}/#${route.reportQueue}`)
    await visible(staff, '.queue').getByRole('radio', { name: /^待办/ }).waitFor()
    expect(await visible(staff, '.queue').getByRole('radio', { name: /点赞审核/ }).count()).toBe(0)

    const page = await signInAs('demo-admin', false)
    await page.goto(`${app.cloud.url}/#${route.reportQueue}`)
    const queue = visible(page, '.queue')
    await queue.getByRole('radio', { name: '点赞审核 2' }).click()
    await queue.locator('.queue-card').filter({ hasText: '保洁阿姨' }).click()
    const review = visible(page, '.handle__review')
    await review.waitFor()
    expect(await button(visible(page, '.handle'), '受理').count()).toBe(0)
    expect(await button(visible(page, '.handle'), '办结').count()).toBe(0)
    await expect(button(review, '不通过（需填写理由）').getAttribute('class')).resolves.toContain('disabled')
    expect(await problems(page)).toEqual([])
    await review.locator('.nut-button').filter({ hasText: /^通过$/ }).click()
    await waitFor(async () => (await app.cloud.ok(admin, 'report', 'get', { id: good.id })).status === 'accepted')

    await page.goto(`${app.cloud.url}/#${route.reportHandle(odd.id)}`)
    const second = visible(page, '.handle__review')
    await second.locator('textarea').fill('内容与文明点赞无关')
    await button(second, '不通过（需填写理由）').click()
    await waitFor(async () => (await app.cloud.ok(admin, 'report', 'get', { id: odd.id })).status === 'rejected')
    const wall = await app.cloud.ok(resident, 'report', 'praiseWall', {})
    expect(wall.items.map((r: { id: string }) => r.id)).toEqual([good.id])
  }, 90000)
})

describe('7. 发起清理', () => {
  it('does not offer cases already in a drive (it says so) nor what volunteers cannot fix; the drive lists its cases with category, photo and description', async () => {
    // a new 垃圾乱倒 case by the market, accepted: the demo cases around it are the cluster
    const resident = await app.cloud.login('e2e-cleaner')
    const filed = await app.cloud.ok(resident, 'report', 'create', { clientId: 'e2e-cleanup-1', category: 'laji', description: '菜市场西侧垃圾桶满溢，垃圾散落一地', photos: [await app.cloud.photoOf(resident)], location: { latitude: 35.7614, longitude: 115.03, address: '幸福村菜市场西侧' }, villageId: 'py-01' })
    const admin = await app.cloud.login('demo-admin')
    await app.cloud.ok(admin, 'report', 'accept', { id: filed.id })
    const around = (await app.cloud.ok(admin, 'report', 'nearby', { latitude: 35.7614, longitude: 115.03, radius: 300 })).items.filter((r: { id: string }) => r.id !== filed.id)
    const linked = around.filter((r: { timeline: { action: string }[] }) => r.timeline.some((e) => e.action === 'drive'))
    expect(linked.map((r: { description: string }) => r.description).sort()).toEqual(['后巷排水沟里有积存垃圾，天热有异味', '菜市场后巷堆满废弃纸箱和泡沫箱，已经好几天没人清理'])
    expect(around.map((r: { category: string }) => r.category)).toContain('feixian')

    const page = await signInAs('demo-admin', true)
    await page.goto(`${app.cloud.url}/#${route.reportHandle(filed.id)}`)
    const cleanup = visible(page, '.handle__cleanup')
    const list = cleanup.getByRole('list', { name: '可一并清理的问题' })
    await list.waitFor()
    for (const r of linked) {
      const row = list.getByRole('listitem').filter({ hasText: r.description.slice(0, 24) })
      await row.getByText('已在清理活动「菜市场后巷集中清理」中').waitFor()
      expect(await row.getByRole('switch').count()).toBe(0)
    }
    // 飞线充电 (供电公司) and 占道经营 (城管's enforcement, issue 24) are not offered: the one rule, NOT_FOR_VOLUNTEERS
    const unfit = around.filter((r: { category: string; kind: 'problem' | 'praise' }) => r.kind !== 'praise' && !volunteersCanFix(r))
    expect(new Set(unfit.map((r: { category: string }) => r.category))).toEqual(new Set(['zhandao', 'feixian']))
    expect(await list.getByText('飞线充电').count()).toBe(0)
    expect(await list.getByText('占道经营').count()).toBe(0)
    // nearest first: 占道经营 at 东门, then 飞线充电 at 3 号楼
    await cleanup.getByText(`另有 ${unfit.length} 件（占道经营、飞线充电）需专业单位处理，未列出`).waitFor()
    const pickable = await list.getByRole('switch').count()
    expect(pickable).toBe(around.filter((r: { category: string; kind: 'problem' | 'praise' }) => volunteersCanFix(r)).length - linked.length)
    expect(await problems(page)).toEqual([])

    // a case already in the drive cannot start another
    await page.goto(`${app.cloud.url}/#${route.reportHandle(linked[0].id)}`)
    await visible(page, '.handle__cleanup').getByText('该问题已在志愿清理活动「菜市场后巷集中清理」中，不必再发起').waitFor()
    expect(await button(visible(page, '.handle__cleanup'), '发起志愿清理').count()).toBe(0)

    // the drive names its cases
    const drive = (await app.cloud.ok(admin, 'volunteer', 'list', {})).items.find((d: { title: string }) => d.title === '菜市场后巷集中清理')
    await page.goto(`${app.cloud.url}/#${route.drive(drive.id)}`)
    const reports = visible(page, '.drive__reports')
    await reports.getByText('关联 2 件随手拍问题').waitFor()
    await reports.getByText('乱堆杂物 · 已受理').waitFor()
    await reports.getByText('背街小巷卫生 · 已受理').waitFor()
    await reports.getByText('菜市场后巷堆满废弃纸箱和泡沫箱，已经好几天没人清理').waitFor()
    expect(await reports.getByText(/问题 \d/).count()).toBe(0)
    expect(await problems(page)).toEqual([])
  }, 90000)
})

/** The names of the step bar and the current one. */
async function steps(page: Page) {
  const bar = visible(page, '.report-detail [role=list][aria-label="办理步骤"]')
  await bar.waitFor()
  const items = bar.getByRole('listitem')
  return {
    names: await items.locator('.case-steps__name').allTextContents(),
    current: await bar.locator('[aria-current=step] .case-steps__name').allTextContents(),
    step: (name: string) => items.filter({ has: page.locator('.case-steps__name', { hasText: name }) })
  }
}

describe('8. the case page as a 工单', () => {
  it('a case number, 提交→受理→办结→评价 with the current step and the unit on each, 整改前/整改后 side by side, 用时 · 按期办结, the reply once', async () => {
    const token = await app.cloud.login('demo-resident')
    const own = (await app.cloud.ok(token, 'report', 'mine', {})).items.find((r: { category: string }) => r.category === 'zhandao')
    const page = await signInAs('demo-resident', true)
    await page.goto(`${app.cloud.url}/#${route.reportDetail(own.id)}`)
    const wallDay = new Date(Date.parse(own.createdAt) + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')
    await visible(page, '.report-detail .case-number').getByText(`工单号 ${wallDay}-${own.id.slice(0, 6).toUpperCase()}`).waitFor()
    let s = await steps(page)
    expect(s.names).toEqual(['提交', '受理', '办结', '评价'])
    expect(s.current).toEqual(['受理'])
    await s.step('受理').getByText('城管执法局').waitFor()
    expect(await problems(page)).toEqual([])

    // 城管 accept and resolve it with an after photo
    const staff = await app.cloud.login('demo-staff')
    await app.cloud.ok(staff, 'report', 'accept', { id: own.id })
    const reply = '执法队员已劝离东门早市摊贩，人行道恢复通行'
    await app.cloud.ok(staff, 'report', 'resolve', { id: own.id, note: reply, photos: [await app.cloud.photoOf(staff)] })
    const done = await app.cloud.ok(token, 'report', 'get', { id: own.id })
    await page.reload()
    s = await steps(page)
    expect(s.current).toEqual(['评价'])
    for (const name of ['受理', '办结']) await s.step(name).getByText('城管执法局').waitFor()
    const hours = Math.floor((Date.parse(done.resolvedAt) - Date.parse(done.createdAt)) / 3600_000)
    expect(hours).toBe(2) // filed 2 hours before the demo was seeded
    await visible(page, '.report-detail').getByText(`用时 ${hours} 小时 · 按期办结`).waitFor()
    const compare = visible(page, '.report-detail [role=group][aria-label="整改前后对比"]')
    await compare.getByText('整改前').waitFor()
    await compare.locator('img[alt="整改后照片"]').waitFor()
    const [before, after] = [await compare.locator('.case-compare__side').nth(0).boundingBox(), await compare.locator('.case-compare__side').nth(1).boundingBox()]
    expect(Math.abs(before!.y - after!.y)).toBeLessThan(2) // side by side
    expect(await visible(page, '.report-detail').getByText(reply).count()).toBe(1)
    expect(await problems(page)).toEqual([])
  }, 90000)

  it('a 文明点赞 has 提交→审核 and no deadline', async () => {
    const resident = await app.cloud.login('e2e-praiser-2')
    const praise = await app.cloud.ok(resident, 'report', 'create', { clientId: 'e2e-praise-detail', category: 'dianzan', description: '幸福村志愿者每周帮独居老人打扫院子', photos: [], location: { latitude: 35.7612, longitude: 115.03 }, villageId: 'py-01' })
    expect(praise.dueAt).toBeNull()
    const page = await signInAs('e2e-praiser-2', false)
    await page.goto(`${app.cloud.url}/#${route.reportDetail(praise.id)}`)
    const s = await steps(page)
    expect(s.names).toEqual(['提交', '审核'])
    expect(s.current).toEqual(['审核'])
    await s.step('审核').getByText('文明办').waitFor()
    expect(await visible(page, '.report-detail').getByText(/办理期限|用时/).count()).toBe(0)
    expect(await problems(page)).toEqual([])
  }, 60000)
})

/** Elements among `selector` on the shown page whose text runs over more than one line. */
function wrapped(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return shown.flatMap((p) => Array.from(p.querySelectorAll<HTMLElement>(sel))).filter((e) => {
      const range = document.createRange()
      range.selectNodeContents(e)
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)))
      return tops.size > 1
    }).map((e) => e.textContent!.trim())
  }, selector)
}

describe('10. the ranking explains itself', () => {
  it.each([['normal', false], ['长辈模式', true]])('飞虎榜/蜗牛榜 name their scope and follow the town, ⓘ explains 小测评/大测评, stars and weights, 我的村 第 N 名; no wrapped labels (%s)', async (_mode, elder) => {
    const token = await app.cloud.login('demo-resident')
    const { periods, weights } = await app.cloud.ok(token, 'ranking', 'periods')
    const board = await app.cloud.ok(token, 'ranking', 'board', { period: periods[0] })
    const mine = board.rows.find((r: { villageId: string }) => r.villageId === 'py-01')
    expect(mine.rank).toBeGreaterThan(0)
    const page = await signInAs('demo-resident', elder)
    await openTab(page, '排行')
    const ranking = visible(page, '.ranking')
    await ranking.getByRole('group', { name: '飞虎榜：全区得分最高' }).waitFor()
    await ranking.getByRole('group', { name: '蜗牛榜：全区得分最低' }).waitFor()
    const shortcut = ranking.getByRole('link', { name: /^我的村/ })
    await shortcut.getByText(`我的村 幸福村 第 ${mine.rank} 名`).waitFor()

    await button(ranking, '小测评/大测评、星级和权重说明').click()
    const note = ranking.getByRole('note', { name: '测评说明' })
    await note.getByText('每月测评一次：单月为小测评，双月为大测评。').waitFor()
    await note.getByText(`公共环境卫生 ${weights.environment}%`, { exact: false }).waitFor()
    await note.getByText('五星支部星级', { exact: false }).waitFor()
    expect(await wrapped(page, '.honor__title, .honor__scope, .ranking__mine-text, .board__score, .board__change')).toEqual([])
    expect(await problems(page)).toEqual([])

    // scoped to the town chosen: 濮阳镇's own best and worst
    await ranking.getByRole('radiogroup', { name: '范围' }).getByRole('radio', { name: '濮阳镇' }).click()
    const feihu = ranking.getByRole('group', { name: '飞虎榜：濮阳镇得分最高' })
    await feihu.waitFor()
    const honors = await app.cloud.ok(token, 'ranking', 'honors', { period: periods[0], townId: mine.townId })
    expect(honors.feihu.length).toBeGreaterThan(0)
    expect(honors.feihu.every((r: { townName: string }) => r.townName === '濮阳镇')).toBe(true)
    await waitFor(async () => JSON.stringify(await feihu.locator('.honor__row').allTextContents()) === JSON.stringify(honors.feihu.map((r: { rank: number; villageName: string; score: number }) => `${r.rank}. ${r.villageName} ${r.score}`)))

    // the village page: a legend under the trend, stars with their unit
    await shortcut.click()
    const village = visible(page, '.village')
    const legend = village.getByRole('list', { name: '图例' })
    await legend.getByText('小测评（单月）').waitFor()
    await legend.getByText('大测评（双月）').waitFor()
    await village.locator('.village__stars').getByText(/\d 星$/).waitFor()
    // a month's label is its number over 月 (two lines by design: twelve bars fit a phone in 长辈模式, issue 24); each part on one line
    expect(await wrapped(page, '.trend__key > :last-child, .trend__label > *, .village__indicator-name, .village__indicator-weight, .village__indicator-score')).toEqual([])
    expect(await problems(page)).toEqual([])
  }, 90000)

  it('the village\'s average rating reads 4.0 星', async () => {
    const resident = await app.cloud.login('e2e-rater')
    const staff = await app.cloud.login('demo-admin')
    const filed = await app.cloud.ok(resident, 'report', 'create', { clientId: 'e2e-rate-1', category: 'laji', description: '村口垃圾桶周边散落垃圾', photos: [], location: { latitude: 35.7612, longitude: 115.03 }, villageId: 'py-01' })
    await app.cloud.ok(staff, 'report', 'accept', { id: filed.id })
    await app.cloud.ok(staff, 'report', 'resolve', { id: filed.id, note: '已清理干净', photos: [await app.cloud.photoOf(staff)] })
    await app.cloud.ok(resident, 'report', 'rate', { id: filed.id, score: 4 })
    const live = (await app.cloud.ok(resident, 'ranking', 'village', { villageId: 'py-01' })).live
    expect(live.averageRating).toBe(4)
    const page = await signInAs('e2e-rater', false)
    await page.goto(`${app.cloud.url}/#${route.village('py-01')}`)
    await visible(page, '.village__live').getByText('平均评价 4.0 星', { exact: false }).waitFor()
  }, 60000)
})
