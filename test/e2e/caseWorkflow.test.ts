import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { startApp, signIn, visible, button, cell, waitUntil, type TestApp } from '../helpers/browser'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'
import { route } from '../../src/routes'

/**
 * Issue 21, the 数字城管 workflow in the mini-program's pages (H5 build): 退回 by 城管 → 转办 by the
 * 文明办 → 受理 and 办结 by 交警; 延期 asked, approved and declined; 核查 failed → 返工 → 核查 passed
 * by the village's 网格员 from their queue (我的 → 现场核查); 督办 seen by the unit. Data that is
 * not the point is set up over HTTP; every new step is a click on the handle page, which offers
 * exactly the actions the server's case model answers (`report.actions`).
 */
let app: TestApp
let photoFile: string
let admin: string
let chengguan: string // demo-staff: 城管执法局
let wenming: string // a 文明办 staff member: a dispatcher
let jiaojing: string
let grid: string // 网格员 of 幸福村 (py-01), a resident
let n = 0
const MARKET = { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }

beforeAll(async () => {
  app = await startApp({ config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
  const cloud = app.cloud
  admin = await cloud.login('demo-admin')
  chengguan = await cloud.login('demo-staff')
  wenming = await cloud.login('e2e-wf-wenming')
  jiaojing = await cloud.login('e2e-wf-jiaojing')
  grid = await cloud.login('e2e-wf-grid')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'e2e-wf-wenming', role: 'staff', unitId: 'unit-wenming' })
  await cloud.ok(admin, 'user', 'setRole', { openid: 'e2e-wf-jiaojing', role: 'staff', unitId: 'unit-jiaojing' })
  await cloud.ok(grid, 'user', 'updateProfile', { nickname: '网格员老张' })
  const { userId } = await cloud.ok(grid, 'user', 'me', {})
  await cloud.ok(admin, 'user', 'setGrid', { userId, villageIds: ['py-01'] })
}, 60000)
afterAll(() => app?.close())

/** A resident files a case at the market (幸福村) over HTTP. */
async function file(category: string, description: string) {
  const resident = await app.cloud.login(`e2e-wf-resident-${++n}`)
  const r = await app.cloud.ok(resident, 'report', 'create', { clientId: `e2e-wf-case-${n}`, category, description, photos: [await app.cloud.photoOf(resident)], location: MARKET, villageId: 'py-01' })
  return { id: r.id as string, resident }
}
const get = (token: string, id: string) => app.cloud.ok(token, 'report', 'get', { id })
/** Waits for the server's state after a click: on a busy machine (CI, the CloudBase emulator) a step may take longer than the default 10 s. */
const until = (check: () => Promise<boolean>) => waitUntil(check, 45000)

/** Signs in with 长辈模式 on or off. */
async function signInAs(openid: string, elder: boolean): Promise<Page> {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  if (elder) await visible(page, '.page-shell.elder').first().waitFor()
  return page
}

async function openHandle(page: Page, id: string): Promise<Locator> {
  await page.goto(`${app.cloud.url}/#${route.reportHandle(id)}`)
  const handle = visible(page, '.handle')
  await handle.locator('.case-summary').waitFor()
  return handle
}

/** The handle page's sections, by their class: what the page offers this viewer. */
async function sections(handle: Locator): Promise<string[]> {
  const classes = await handle.locator('.report-section[class*="handle__"]').evaluateAll((els) => els.map((e) => Array.from(e.classList).find((c) => c.startsWith('handle__'))!))
  return classes.map((c) => c.replace('handle__', ''))
}

/** axe's serious violations and the targets under 44 × 44 CSS px on the shown page. */
/** Targets under 44 px and serious axe violations on the shown page (test/helpers/axe.ts). */
const problems = pageProblems

async function addPhoto(page: Page, scope: Locator) {
  const chooser = page.waitForEvent('filechooser')
  await scope.locator('.photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await scope.locator('.photo-picker__done').first().waitFor()
}

const disabled = async (b: Locator) => (await b.getAttribute('class'))?.includes('disabled') ?? false

it('退回 → 转办 → 受理 → 办结 (长辈模式): 城管 sends a misrouted case back, the 文明办 transfers it to 交警, whose staff accept and resolve it', async () => {
  const { id } = await file('zhandao', '东门路边有车辆长期违停占道')

  // 城管 sees 受理, 驳回 and 退回 — no 转办, no 督办 (the dispatcher's)
  const staff = await signInAs('demo-staff', true)
  let handle = await openHandle(staff, id)
  const ret = handle.locator('.handle__return')
  await ret.waitFor()
  expect(await sections(handle)).toEqual(expect.arrayContaining(['accept', 'reply', 'extension', 'return', 'public']))
  expect(await sections(handle)).not.toEqual(expect.arrayContaining(['transfer']))
  expect(await sections(handle)).not.toContain('urge')
  expect(await disabled(button(ret, '退回'))).toBe(true)
  expect(await problems(staff)).toEqual([])
  await ret.locator('textarea').fill('属于机动车违停，应由交警处理')
  await button(ret, '退回').click()
  await until(async () => (await get(chengguan, id)).status === 'returned')
  // the page follows: 已退回, nothing left for 城管 to do
  await handle.locator('.handle__nothing').waitFor()
  await handle.locator('.case-summary').getByText('已退回', { exact: true }).first().waitFor()
  expect(await sections(handle)).toEqual(['facts'])

  // the 文明办 finds it under 已退回 in its queue, with who sent it back
  const office = await signInAs('e2e-wf-wenming', true)
  await cell(office, '工单处理').click()
  const queue = visible(office, '.queue')
  await queue.getByRole('radio', { name: '已退回 1' }).click()
  const card = queue.locator('.queue-card').filter({ hasText: '东门路边有车辆长期违停占道' })
  await card.getByText('城管执法局退回').waitFor()
  expect(await problems(office)).toEqual([])
  await card.click()
  handle = visible(office, '.handle')
  await handle.locator('.handle__facts').getByText('城管执法局已退回，待转办：属于机动车违停，应由交警处理').waitFor()
  const transfer = handle.locator('.handle__transfer')
  await transfer.waitFor()
  expect(await sections(handle)).toEqual(expect.arrayContaining(['facts', 'transfer', 'urge']))
  expect(await sections(handle)).not.toContain('return')
  expect(await disabled(button(transfer, '转办（请先选择单位）'))).toBe(true)
  await transfer.getByRole('radiogroup', { name: '转办至' }).getByRole('radio', { name: '交警大队' }).click()
  await transfer.locator('textarea').fill('请交警大队处理违停')
  expect(await problems(office)).toEqual([])
  await button(transfer, '转办至交警大队').click()
  await until(async () => (await get(wenming, id)).status === 'submitted')
  expect(await get(wenming, id)).toMatchObject({ unitId: 'unit-jiaojing', workflow: { returns: 1, returnedFrom: null } })
  await handle.locator('.case-summary').getByText('责任单位：交警大队').waitFor()

  // 交警 accept and resolve it in the handle page
  const police = await signInAs('e2e-wf-jiaojing', true)
  handle = await openHandle(police, id)
  await button(handle.locator('.handle__accept'), '受理').click()
  await until(async () => (await get(jiaojing, id)).status === 'accepted')
  const reply = handle.locator('.handle__reply')
  await reply.locator('textarea').fill('已联系车主挪车，现场恢复通行')
  await addPhoto(police, reply)
  await until(async () => !(await disabled(button(reply, '办结'))))
  await button(reply, '办结').click()
  await until(async () => (await get(jiaojing, id)).status === 'resolved')
  const done = await get(jiaojing, id)
  expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'return', 'transfer', 'accept', 'resolve'])
  await handle.locator('.case-summary').getByText('已办结', { exact: true }).first().waitFor()
}, 180000)

it('延期: 城管 asks for 48 hours with a reason, the 文明办 approves; a second request is declined with a reason', async () => {
  const { id } = await file('zhandao', '东门早市摊位长期占道需联合执法')
  await app.cloud.ok(chengguan, 'report', 'accept', { id })
  const due = Date.parse((await get(chengguan, id)).dueAt)

  const staff = await signInAs('demo-staff', false)
  let handle = await openHandle(staff, id)
  const ext = handle.locator('.handle__extension')
  await ext.waitFor()
  expect(await disabled(button(ext, '申请延期'))).toBe(true)
  await ext.getByRole('radiogroup', { name: '延期时长' }).getByRole('radio', { name: '48 小时' }).click()
  await ext.locator('textarea').fill('需要联合市场监管部门执法')
  expect(await problems(staff)).toEqual([])
  await button(ext, '申请延期').click()
  await until(async () => (await get(chengguan, id)).workflow.extensions.length === 1)
  await ext.getByText('已申请延期 48 小时，等待文明办审批').waitFor()
  await handle.locator('.handle__facts').getByText(/申请延期 48 小时（.+）：需要联合市场监管部门执法 · 待文明办审批/).waitFor()

  // 城管's queue card says it waits; the 文明办 is told and opens the case from its message
  await staff.goto(`${app.cloud.url}/#${route.reportQueue}`)
  await visible(staff, '.queue .queue-card').filter({ hasText: '东门早市摊位长期占道' }).getByText('延期待审批').waitFor()
  const office = await signInAs('e2e-wf-wenming', false)
  await visible(office, '.me__messages').click()
  await cell(visible(office, '.taro_page'), '有工单申请延期，请审批').first().click()
  handle = visible(office, '.handle')
  const decide = handle.locator('.handle__decide')
  await decide.getByText('城管执法局申请延期 48 小时：需要联合市场监管部门执法').waitFor()
  expect(await disabled(button(decide, '不同意（需填写理由）'))).toBe(true)
  expect(await problems(office)).toEqual([])
  await button(decide, '同意延期').click()
  await until(async () => (await get(wenming, id)).workflow.extensions[0].decision === 'approved')
  expect(Date.parse((await get(wenming, id)).dueAt)).toBeGreaterThan(due)
  await handle.locator('.handle__facts').getByText(/申请延期 48 小时.* · 已同意/).waitFor()
  expect(await handle.locator('.handle__decide').count()).toBe(0) // nothing pending

  // a second request (over HTTP), declined with a reason by click
  await app.cloud.ok(chengguan, 'report', 'requestExtension', { id, hours: 24, reason: '摊主拒不配合' })
  await office.reload()
  const again = visible(office, '.handle__decide')
  await again.getByText('城管执法局申请延期 24 小时：摊主拒不配合').waitFor()
  await again.locator('textarea').fill('时限内应能完成')
  await button(again, '不同意（需填写理由）').click()
  await until(async () => (await get(wenming, id)).workflow.extensions[1]?.decision === 'declined')
  // 城管 read the decisions
  handle = await openHandle(staff, id)
  await handle.locator('.handle__facts').getByText(/申请延期 24 小时.*：摊主拒不配合 · 未同意：时限内应能完成/).waitFor()
}, 180000)

it('核查 (长辈模式): the 网格员 fails a fix from 我的 → 现场核查 (返工), 城管 resolve again, the 网格员 passes it with a photo', async () => {
  await app.cloud.ok(admin, 'report', 'putCategory', { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true })
  const { id, resident } = await file('tiezhang', '菜市场北墙贴满小广告')
  await app.cloud.ok(chengguan, 'report', 'accept', { id })
  await app.cloud.ok(chengguan, 'report', 'resolve', { id, note: '已清除小广告', photos: [await app.cloud.photoOf(chengguan)] })
  expect((await get(chengguan, id)).status).toBe('verifying')

  // the 网格员 (a resident by role) reaches the queue from 我的
  const checker = await signInAs('e2e-wf-grid', true)
  await cell(checker, '现场核查').click()
  const list = visible(checker, '.verify-queue')
  const card = list.locator('.queue-card').filter({ hasText: '菜市场北墙贴满小广告' })
  await card.waitFor()
  await card.getByText('待核查', { exact: true }).waitFor()
  expect(await problems(checker)).toEqual([])
  await card.click()
  let handle = visible(checker, '.handle')
  const verify = handle.locator('.handle__verify')
  await verify.waitFor()
  expect(await sections(handle)).toEqual(['verify'])
  expect(await disabled(button(verify, '核查通过'))).toBe(true)
  expect(await disabled(button(verify, '不通过，返工'))).toBe(true)
  await verify.locator('textarea').fill('背面还有残留')
  expect(await problems(checker)).toEqual([])
  await button(verify, '不通过，返工').click()
  await until(async () => (await get(chengguan, id)).status === 'accepted')
  expect((await get(chengguan, id)).workflow.reworks).toBe(1)
  await handle.locator('.handle__nothing').waitFor()

  // 城管 see why and resolve again in the handle page
  const staff = await signInAs('demo-staff', true)
  handle = await openHandle(staff, id)
  await handle.locator('.handle__facts').getByText('核查未通过返工 1 次，核查意见：背面还有残留').waitFor()
  await handle.getByRole('list', { name: '办理步骤' }).getByText('核查未通过，返工').waitFor()
  const reply = handle.locator('.handle__reply')
  await reply.locator('textarea').fill('残留已全部清除')
  await addPhoto(staff, reply)
  await until(async () => !(await disabled(button(reply, '办结'))))
  await button(reply, '办结').click()
  await until(async () => (await get(chengguan, id)).status === 'verifying')

  // the 网格员 passes it with a photo of the site
  await checker.goto(`${app.cloud.url}/#${route.verifyQueue}`)
  await visible(checker, '.verify-queue .queue-card').filter({ hasText: '菜市场北墙贴满小广告' }).click()
  const again = visible(checker, '.handle__verify')
  await again.locator('textarea').fill('现场已清理干净')
  await addPhoto(checker, again)
  await until(async () => !(await disabled(button(again, '核查通过'))))
  await button(again, '核查通过').click()
  await until(async () => (await get(chengguan, id)).status === 'resolved')
  const seen = await get(chengguan, id)
  expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'accept', 'resolve', 'verifyFail', 'resolve', 'verifyPass'])

  // the reporter's 工单 shows 核查 done, 评价 next
  const reporter = await signIn(app, `e2e-wf-resident-${n}`)
  await reporter.goto(`${app.cloud.url}/#${route.reportDetail(id)}`)
  const steps = visible(reporter, '.report-detail [role=list][aria-label="办理步骤"]')
  await steps.waitFor()
  expect(await steps.locator('.case-steps__name').allTextContents()).toEqual(['提交', '受理', '办结', '核查', '评价'])
  expect(await steps.locator('[aria-current=step] .case-steps__name').allTextContents()).toEqual(['评价'])
  expect((await get(resident, id)).actions).toEqual(expect.arrayContaining(['rate', 'reopen']))
}, 180000)

it('督办: the 文明办 urges 城管, whose queue card and handle page show it', async () => {
  const { id } = await file('zhandao', '东门水果摊占用盲道')
  const office = await signInAs('e2e-wf-wenming', false)
  const handle = await openHandle(office, id)
  const urge = handle.locator('.handle__urge')
  await urge.getByText('督促城管执法局尽快办理，将通知该单位工作人员').waitFor()
  expect(await disabled(button(urge, '督办'))).toBe(true)
  await urge.locator('textarea').fill('群众反映强烈，请今日内办结')
  expect(await problems(office)).toEqual([])
  await button(urge, '督办').click()
  await until(async () => (await get(wenming, id)).workflow.urges === 1)
  await handle.locator('.handle__facts').getByText('督办 1 次，最近一次：群众反映强烈，请今日内办结').waitFor()

  const staff = await signInAs('demo-staff', false)
  await cell(staff, '工单处理').click()
  const card = visible(staff, '.queue .queue-card').filter({ hasText: '东门水果摊占用盲道' })
  await card.getByText('督办 1 次').waitFor()
  expect(await problems(staff)).toEqual([])
  await card.click()
  await visible(staff, '.handle__facts').getByText('督办 1 次，最近一次：群众反映强烈，请今日内办结').waitFor()
  expect(await sections(visible(staff, '.handle'))).not.toContain('urge')
}, 120000)
