import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { H5_DIR, launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, requireConsoleBuild, expectAccessible, tableRow, signInConsole } from '../helpers/console'

/**
 * The console's 文明户评选 (issue 26): the 文明办 imports a village's households from Excel (a bad
 * CSV first: nothing changes), rates them on the 十星, publishes the list after the confirmation,
 * and withdraws one household's award with its reason — each step checked on the server.
 */
let cloud: TestCloud
let browser: Browser
const problems: string[] = []

beforeAll(async () => {
  requireConsoleBuild()
  cloud = await startCloud({ h5Dir: H5_DIR, adminDir: ADMIN_DIR })
  browser = await launchBrowser()
}, 60000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})
afterEach(() => expect(problems.splice(0)).toEqual([]))

const xlsx = async (rows: string[][]) => {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('住户')
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

it('imports households, rates them, publishes the list with a confirmation and withdraws one award', async () => {
  const admin = await cloud.login('demo-admin')
  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { menu: '文明户评选' })
  await page.getByRole('heading', { name: '文明户评选', level: 1 }).waitFor()
  await page.locator('.ant-select').first().click()
  await page.keyboard.type('幸福村')
  await chooseOption(page, page.locator('.ant-select').first(), '幸福村')
  await page.getByText('还没有住户：请先导入住户名单').waitFor()

  // a CSV with a repeated 门牌: refused in the preview, nothing sent
  await page.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('户主,门牌\n张建国,1组12号\n李秀英,1组12号\n') })
  await page.getByText('第 3 行：门牌「1组12号」与第 2 行重复').waitFor()
  await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true)
  await page.getByRole('button', { name: '取消' }).click()

  // the register as Excel
  await page.locator('input[type=file]').setInputFiles({
    name: '幸福村住户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await xlsx([['户主', '门牌'], ['张建国', '1组12号'], ['李秀英', '1组13号'], ['王五', '2组1号']])
  })
  await page.getByText('预览：幸福村住户.xlsx 共 3 户，将导入幸福村').waitFor()
  await page.getByRole('button', { name: '确认导入' }).click()
  await page.getByText('导入成功：新增 3 户，更新 0 户，本村共 3 户').waitFor()
  expect((await cloud.ok(admin, 'ranking', 'households', { villageId: 'py-01' })).map((h: { head: string }) => h.head)).toEqual(['张建国', '李秀英', '王五'])

  // rating: a click on a star is stored at once (the box shows checked once the server stored it)
  const stars = async (head: string, names: string[]) => {
    for (const name of names) {
      await tableRow(page, head).locator('.ant-checkbox-wrapper', { hasText: name }).click()
      await tableRow(page, head).locator('.ant-checkbox-wrapper-checked', { hasText: name }).waitFor()
    }
  }
  await stars('张建国', ['爱国守法星', '诚信友善星', '孝老爱亲星'])
  await stars('李秀英', ['卫生洁净星'])
  const rated = async () => Object.fromEntries((await cloud.ok(admin, 'ranking', 'householdRatings', { villageId: 'py-01', kind: 'shixing', year: String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()) })).rows.map((r: { head: string; stars: string[] }) => [r.head, r.stars.length]))
  await page.getByText('本村 3 户，2 户达到十星级文明户条件（至少 1 颗星）').waitFor()
  expect(await rated()).toEqual({ 张建国: 3, 李秀英: 1, 王五: 0 })
  await expectAccessible(page, '文明户评选 (rating)')

  // publishing asks first
  await page.getByRole('button', { name: '公示名单' }).click()
  const confirm = page.getByRole('dialog')
  await confirm.getByText(/幸福村将有 2 户列入名单/).waitFor()
  await confirm.getByRole('button', { name: '确认公示' }).click()
  await page.getByText(/名单已于 .*公示，共 2 户/).waitFor()
  const shown = await cloud.ok(admin, 'ranking', 'villageHouseholds', { villageId: 'py-01' })
  expect(shown.lists[0].items.map((i: { label: string }) => i.label)).toEqual(['张** 家 · 1组12号', '李** 家 · 1组13号'])

  // withdrawing one: a reason is needed
  await tableRow(page, '李秀英').getByRole('button', { name: '撤销称号' }).click()
  const dialog = page.getByRole('dialog', { name: /撤销李秀英家/ })
  await expect(dialog.getByRole('button', { name: '撤销称号' }).isDisabled()).resolves.toBe(true)
  await dialog.getByLabel('撤销理由').fill('经村民代表会议撤销')
  await dialog.getByRole('button', { name: '撤销称号' }).click()
  await tableRow(page, '李秀英').getByText('已撤销').waitFor()
  expect((await cloud.ok(admin, 'ranking', 'villageHouseholds', { villageId: 'py-01' })).lists[0].items).toHaveLength(1)
  await expectAccessible(page, '文明户评选 (published)')
}, 90000)
