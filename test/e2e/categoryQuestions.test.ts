import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { button, cell, fillPoint, signIn, startApp, visible, waitUntil, type TestApp } from '../helpers/browser'
import { ADMIN_DIR, chooseOption, expectAccessible, requireConsoleBuild, signInConsole } from '../helpers/console'
import { pageProblems } from '../helpers/axe'
import { tinyJpeg } from '../helpers/images'

/**
 * A category that asks its own questions (issue 27, item 2) in Debian's Chromium against a real
 * local server: an admin adds two questions to 违规户外广告 in the console's 基础数据; a resident
 * (in 长辈模式, and another in the normal mode) is asked them in the report form (44 px targets, axe
 * clean), cannot submit without the required one, answers and files; the reporter, 城管's staff in
 * the app and the console's drawer see the answers. And (issue 27, address-only requests) a
 * partner's case sent with an address alone shows 待定位 in the console's list and the dispatcher
 * places it in the drawer (report.place).
 */
let app: TestApp
let photoFile: string
const problems: string[] = []

beforeAll(async () => {
  requireConsoleBuild()
  app = await startApp({ adminDir: ADMIN_DIR })
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-photo-')), 'scene.jpg')
  fs.writeFileSync(photoFile, tinyJpeg())
}, 60000)
afterAll(() => app?.close())

async function addPhoto(page: Page) {
  const chooser = page.waitForEvent('filechooser')
  await visible(page, '.report-create .photo-picker__add').first().click()
  await (await chooser).setFiles(photoFile)
  await visible(page, '.report-create .photo-picker__done').first().waitFor()
}

async function openForm(openid: string, elder: boolean): Promise<Page> {
  await app.cloud.ok(await app.cloud.login(openid), 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  await page.goto(`${app.cloud.url}/#/sub-report/create/index`)
  await visible(page, '.report-create').waitFor()
  if (elder) await visible(page, '.page-shell.elder').first().waitFor()
  await visible(page, '.report-create').getByRole('radio', { name: '违规户外广告' }).click()
  await visible(page, '.report-create__questions').waitFor()
  return page
}

it('configured in 基础数据, asked in the form in both display modes, answered, seen by staff', async () => {
  // the admin adds the questions in the console
  const console = await signInConsole(app.browser, app.cloud.url, problems, '以管理员身份进入', { menu: '基础数据' })
  await console.getByRole('heading', { name: '基础数据' }).waitFor()
  await console.getByRole('tab', { name: '问题类别' }).click()
  await console.locator('.ant-table-row', { hasText: '违规户外广告' }).getByRole('button', { name: '编辑' }).click()
  const dialog = console.getByRole('dialog')
  await dialog.getByRole('button', { name: '添加问题' }).waitFor()
  // the tests' browser asks for reduced motion, and the console honours it: the dialog does not zoom in, the button sends no wave
  expect(await console.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).map((a) => (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty + ' ' + ((a.effect as KeyframeEffect)?.target as Element)?.className))).toEqual([])
  await dialog.getByRole('button', { name: '添加问题' }).click()
  await dialog.getByLabel('问题 1 的内容').fill('是否有坠落危险')
  await dialog.getByLabel('问题 1 的编号').fill('falling')
  await dialog.getByLabel('问题 1 是否必答').click()
  await dialog.getByRole('combobox', { name: '问题 1 的选项' }).fill('有')
  await dialog.getByRole('combobox', { name: '问题 1 的选项' }).press('Enter')
  await dialog.getByRole('combobox', { name: '问题 1 的选项' }).fill('没有')
  await dialog.getByRole('combobox', { name: '问题 1 的选项' }).press('Enter')
  await dialog.getByRole('button', { name: '添加问题' }).click()
  await dialog.getByLabel('问题 2 的内容').fill('广告牌面积（平方米）')
  await dialog.getByLabel('问题 2 的编号').fill('area')
  await chooseOption(console, dialog.locator('.ant-select', { has: console.locator('#category_questions_1_type') }), '数字')
  await dialog.getByRole('button', { name: '保存' }).click()
  await console.locator('.ant-table-row', { hasText: '违规户外广告' }).getByText('是否有坠落危险；广告牌面积（平方米）').waitFor()
  const admin = await app.cloud.login('demo-admin')
  expect((await app.cloud.ok(admin, 'report', 'categories', {})).find((c: { code: string }) => c.code === 'guanggao').questions).toEqual([
    { code: 'falling', label: '是否有坠落危险', type: 'choice', required: true, options: ['有', '没有'] },
    { code: 'area', label: '广告牌面积（平方米）', type: 'number', required: false }
  ])

  // asked in the normal mode: 44 px targets, axe clean
  const normal = await openForm('cq-normal', false)
  await visible(normal, '.report-create__questions').getByText('是否有坠落危险（必答）').waitFor()
  expect(await pageProblems(normal)).toEqual([])

  // and in 长辈模式, where the resident files
  const page = await openForm('cq-elder', true)
  const questions = visible(page, '.report-create__questions')
  await questions.getByText('广告牌面积（平方米）（选填）').waitFor()
  expect(await pageProblems(page)).toEqual([])
  await addPhoto(page)
  await fillPoint(page, '35.7612', '115.0291')
  await visible(page, '.report-create__description textarea').fill('楼顶广告牌松动，风大时摇晃')
  // the required question unanswered: the form says so and does not submit
  await visible(page, '.report-actions').getByText('请回答「是否有坠落危险」').waitFor()
  await questions.getByRole('radio', { name: '有', exact: true }).click()
  await questions.locator('input[aria-label="广告牌面积（平方米）"], [aria-label="广告牌面积（平方米）"] input').first().fill('12')
  await visible(page, '.report-actions').getByText('请回答「是否有坠落危险」').waitFor({ state: 'detached' })
  await button(page, '提交').click()
  await visible(page, '.report-detail .case-summary__description').filter({ hasText: '楼顶广告牌松动' }).waitFor()
  // the reporter sees the answers
  await visible(page, '.report-detail .case-summary__answer').getByText('是否有坠落危险：有').waitFor()
  await visible(page, '.report-detail .case-summary__answer').getByText('广告牌面积（平方米）：12').waitFor()
  const token = await app.cloud.login('cq-elder')
  const filed = (await app.cloud.ok(token, 'report', 'mine', {})).items[0]
  expect(filed.answers).toEqual([{ code: 'falling', label: '是否有坠落危险', value: '有' }, { code: 'area', label: '广告牌面积（平方米）', value: '12' }])
  // a neighbour (the public) never
  expect((await app.cloud.ok(await app.cloud.login('cq-neighbour'), 'report', 'get', { id: filed.id })).answers).toBeUndefined()

  // 城管's staff on the handle page
  const staff = await signIn(app, 'demo-staff')
  await cell(staff, '工单处理').click()
  await visible(staff, '.queue .queue-card').filter({ hasText: '楼顶广告牌松动' }).first().click()
  await visible(staff, '.handle .case-summary__answer').getByText('是否有坠落危险：有').waitFor()

  // and in the console's drawer
  await console.getByRole('menuitem', { name: '工单' }).click()
  await console.getByLabel('搜索', { exact: true }).fill('楼顶广告牌松动')
  await console.getByLabel('搜索', { exact: true }).press('Enter')
  await console.locator('.ant-table-tbody tr.ant-table-row', { hasText: '楼顶广告牌松动' }).getByRole('button', { name: /^查看工单/ }).click()
  const drawer = console.locator('.ant-drawer-content')
  await drawer.locator('.case-detail__answer', { hasText: '有' }).waitFor()
  await drawer.getByText('广告牌面积（平方米）').waitFor()
  await console.locator('.ant-drawer-close').click()
  await drawer.waitFor({ state: 'detached' })

  // the 12345 desk (代为登记) asks them too, through the same rule
  await console.getByRole('button', { name: '代为登记' }).click()
  const desk = console.getByRole('dialog', { name: '代为登记（电话 / 来访）' })
  await chooseOption(console, desk.locator('.ant-select', { has: console.locator('#desk-category') }), '违规户外广告')
  await chooseOption(console, desk.locator('.ant-select', { has: console.locator('#desk-village') }), '幸福村')
  await desk.getByLabel('问题描述（至少 5 个字）').fill('来电反映：广告牌歪斜')
  await desk.getByText('是否有坠落危险（必答）').waitFor()
  expect(await desk.getByRole('button', { name: '登记' }).isDisabled()).toBe(true)
  await desk.locator('.ant-radio-button-wrapper', { hasText: '没有' }).click()
  await expectAccessible(console, 'desk filing with questions')
  await desk.getByRole('button', { name: '登记' }).click()
  await drawer.locator('.case-detail__answer', { hasText: '没有' }).waitFor()
  await waitUntil(async () => problems.length === 0)
  expect(problems).toEqual([])
}, 120000)

it('a partner’s case with an address only is 待定位 in the console; the dispatcher places it in the drawer', async () => {
  const admin = await app.cloud.login('demo-admin')
  const { apiKey } = await app.cloud.ok(admin, 'open311', 'createKey', { partner: '12345热线' })
  const res = await fetch(`${app.cloud.url}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, service_code: 'zhandao', address_string: '幸福村东头小卖部门口', description: '热线转来：东头小卖部门口占道' }).toString()
  })
  const id = ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id
  const console = await signInConsole(app.browser, app.cloud.url, problems, '以管理员身份进入', { menu: '工单' })
  await console.getByLabel('搜索', { exact: true }).fill('东头小卖部门口占道')
  await console.getByLabel('搜索', { exact: true }).press('Enter')
  const row = console.locator('.ant-table-tbody tr.ant-table-row', { hasText: '东头小卖部门口占道' })
  await row.locator('.case-row__unplaced', { hasText: '待定位' }).waitFor()
  await row.getByRole('button', { name: /^查看工单/ }).click()
  const drawer = console.locator('.ant-drawer-content')
  await drawer.locator('.case-action--place').waitFor()
  await drawer.getByLabel('纬度').fill('35.7612')
  await drawer.getByLabel('经度').fill('115.03')
  await drawer.getByLabel('地址').fill('幸福村菜市场东门')
  await drawer.getByRole('button', { name: '确认定位' }).click()
  await waitUntil(async () => (await app.cloud.ok(admin, 'report', 'get', { id })).workflow.placedByName === false)
  expect(await app.cloud.ok(admin, 'report', 'get', { id })).toMatchObject({ location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }, villageId: 'py-01' })
  await drawer.locator('.case-action--place').waitFor({ state: 'detached' })
  expect(problems).toEqual([])
}, 60000)
