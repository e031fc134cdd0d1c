import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { H5_DIR, launchBrowser } from '../helpers/browser'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { ADMIN_DIR, chooseOption, requireConsoleBuild, expectAccessible, tableRows as rows, signInConsole } from '../helpers/console'
import { earn } from '../../cloud/core/points/ledger'

/**
 * The console's 积分超市 (issue 28): an admin puts goods on a village's shelf, names a shopkeeper,
 * sees the month's redemptions with their count and points and exports them to Excel, read back
 * here — each change checked on the server.
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

it('goods, shopkeepers and the month\'s redemptions of a shop, exported to Excel', async () => {
  const admin = await cloud.login('demo-admin')
  const keeper = await cloud.login('shop-e2e-keeper')
  await cloud.ok(keeper, 'user', 'updateProfile', { nickname: '小卖部老李' })
  const buyer = await cloud.login('shop-e2e-buyer')
  await cloud.ok(buyer, 'user', 'updateProfile', { nickname: '积分达人' })
  await cloud.store.transaction((tx) => earn(cloud.deps, tx, { openid: 'shop-e2e-buyer', kind: 'award', ref: 'award:shop-e2e', amount: 100, reason: '文明户', by: null }))

  const page = await signInConsole(browser, cloud.url, problems, '以管理员身份进入', { acceptDownloads: true, menu: '积分超市' })
  await page.getByRole('heading', { name: '积分超市', level: 1 }).waitFor()
  // many villages: typed into the select's search, then picked
  await page.locator('.ant-select').first().click()
  await page.keyboard.type('幸福村')
  await chooseOption(page, page.locator('.ant-select').first(), '幸福村')
  await page.getByText('还没有商品').waitFor()

  // 上架商品
  await page.getByRole('button', { name: '上架商品' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('商品名称').fill('洗衣粉')
  await dialog.getByLabel('所需积分').fill('15')
  await dialog.getByLabel('库存').fill('20')
  await dialog.getByRole('button', { name: '保存' }).click()
  await rows(page).filter({ hasText: '洗衣粉' }).waitFor()
  const goods = await cloud.ok(admin, 'points', 'goods', { shopId: 'py-01' })
  expect(goods).toEqual([expect.objectContaining({ name: '洗衣粉', price: 15, stock: 20, active: true })])

  // 设为店员
  await page.getByLabel('查找人员').fill('小卖部')
  await page.getByLabel('查找人员').press('Enter')
  await page.getByRole('button', { name: '设为店员' }).click()
  await page.locator('.ant-tag', { hasText: '小卖部老李' }).waitFor()
  expect((await cloud.store.users.get('shop-e2e-keeper'))!.shopIds).toEqual(['py-01'])

  // the shopkeeper redeems twice (the app's part, through the API); the console shows the month's
  const keeperToken = await cloud.login('shop-e2e-keeper')
  for (const quantity of [1, 2]) {
    const { code } = await cloud.ok(buyer, 'points', 'code', {})
    await cloud.ok(keeperToken, 'points', 'redeem', { shopId: 'py-01', clientId: `shop-e2e-${quantity}`, code, items: [{ goodsId: goods[0].id, quantity }] })
  }
  await page.getByLabel('月份').fill('2026-01')
  await page.getByText('本月没有兑换').waitFor()
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
  await page.getByLabel('月份').fill(month)
  await page.getByText('本月兑换 2 笔，共 45 积分').waitFor()
  await rows(page).filter({ hasText: '洗衣粉×2' }).waitFor()
  await expectAccessible(page, '积分超市')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^积分超市兑换记录-幸福村-\d{4}-\d{2}\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await file.path())!)
  const sheet = book.worksheets[0]!
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
  expect(sheet.rowCount).toBe(3)
  expect(values(1)).toEqual(['兑换时间', '兑换人', '商品', '积分', '店员', '单号'])
  expect(values(2).slice(1, 5)).toEqual(['积分达人', '洗衣粉×2', 30, '小卖部老李'])
  expect(values(3).slice(1, 5)).toEqual(['积分达人', '洗衣粉×1', 15, '小卖部老李'])
  expect((await cloud.store.shop.getGoods(goods[0].id))!.stock).toBe(17)
}, 90000)
