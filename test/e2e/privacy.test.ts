import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { startApp, button, cell, openTab, signIn, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { PRIVACY_POLICY_VERSION, PRIVACY_STORAGE_KEY } from '../../src/privacy'
import { OPERATOR, POLICY } from '../../src/sub-user/privacy/policy'

/**
 * 隐私保护指引 in the H5 build: the policy modal a new browser must accept before using the app,
 * remembered per policy version; the full guide from the modal and from 我的; axe and tap sizes in
 * normal and 长辈模式. (In WeChat the platform's own flow applies: test/unit/privacyStore.test.ts.)
 */
let app: TestApp
beforeAll(async () => {
  app = await startApp()
}, 60000)
afterAll(() => app?.close())

/**
 * axe-core in the page through the debugging protocol, which the server's Content-Security-Policy
 * does not govern (an inline script tag, as seriousViolations adds when axe is missing, it refuses).
 */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
async function violations(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return seriousViolations(page)
}

const dialog = (page: Page) => page.getByRole('dialog', { name: '隐私保护指引' })
const storedConsent = (page: Page) => page.evaluate((key) => localStorage.getItem(key), PRIVACY_STORAGE_KEY)

/** Every tap target of the visible modal or page smaller than 44 × 44 CSS px (none found is a failure too). */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
  const targets = await page.evaluate((scope) => {
    const roots = Array.from(document.querySelectorAll(scope)).filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed')
    return roots.flatMap((root) =>
      Array.from(root.querySelectorAll('.nut-button, .ui-btn, .nut-cell-clickable, .ui-cell--clickable, [role="switch"]'))
        .map((e) => ({ text: (e.textContent ?? '').trim(), box: e.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0)
        .map(({ text, box }) => ({ text, width: Math.round(box.width), height: Math.round(box.height) }))
    )
  }, scope)
  if (targets.length === 0) return [`no tap targets in ${scope}`]
  return targets.filter((t) => t.width < 44 || t.height < 44).map((t) => `${t.text}: ${t.width}×${t.height}`)
}

/** A fresh browser profile that has never seen the policy, on the app's start page. */
async function newVisitor(): Promise<Page> {
  const page = await app.newPage({ privacyAccepted: false })
  await page.goto(app.cloud.url)
  await dialog(page).waitFor()
  return page
}

it('a new browser sees the policy before it can use the app; 不同意 keeps it with a note', async () => {
  const page = await newVisitor()
  await dialog(page).getByText('位置：').waitFor()
  await dialog(page).getByText('真实姓名：').waitFor()
  // the sign-in page is behind it and cannot be used
  await page.getByText('选择身份进入').waitFor({ state: 'attached' })
  const enter = button(page.locator('.ui-cell', { hasText: '居民' }), '进入')
  await expect(enter.click({ timeout: 1500 })).rejects.toThrow()
  expect(await page.locator('.taro_page[inert]').count()).toBeGreaterThan(0)

  await button(dialog(page), '不同意').click()
  await dialog(page).getByRole('alert').getByText('需要同意隐私保护指引才能使用文明家园').waitFor()
  await expect(dialog(page).isVisible()).resolves.toBe(true)
  expect(await storedConsent(page)).toBeNull()
})

it('同意并继续 opens the app, stays accepted after a reload, and a new policy version asks again', async () => {
  const page = await newVisitor()
  await button(dialog(page), '同意并继续').click()
  await dialog(page).waitFor({ state: 'detached' })
  // exactly what Taro.setStorageSync writes, which the shared browser helper writes for other tests
  expect(await storedConsent(page)).toBe(JSON.stringify({ data: PRIVACY_POLICY_VERSION }))
  expect(await page.locator('[inert]').count()).toBe(0)

  await button(page.locator('.ui-cell', { hasText: '居民' }), '进入').click()
  await page.locator('.me__nickname').waitFor()
  await page.reload()
  await page.locator('.me__nickname').waitFor()
  await page.waitForTimeout(500)
  expect(await dialog(page).count()).toBe(0)

  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ data: '2020-01-01' })), PRIVACY_STORAGE_KEY)
  await page.reload()
  await dialog(page).waitFor()
})

it('a keyboard alone reaches every control of the modal and accepts with Enter', async () => {
  const page = await newVisitor()
  const reached: string[] = []
  for (let i = 0; i < 6 && !reached.includes('同意并继续'); i++) {
    await page.keyboard.press('Tab')
    reached.push(await page.evaluate(() => (document.activeElement?.closest('.privacy-gate') ? (document.activeElement.textContent ?? '').trim().slice(0, 8) : 'outside')))
  }
  expect(reached).toEqual(expect.arrayContaining(['查看完整指引', '不同意', '同意并继续']))
  expect(reached).not.toContain('outside')
  await page.keyboard.press('Enter')
  await dialog(page).waitFor({ state: 'detached' })
})

it('查看完整指引 shows the whole guide with the modal stepped aside, and 返回 brings the modal back', async () => {
  const page = await newVisitor()
  await button(dialog(page), '查看完整指引').click()
  const guide = page.locator('.privacy').filter({ visible: true })
  await guide.getByRole('heading', { name: '文明家园隐私保护指引' }).waitFor()
  expect(await dialog(page).count()).toBe(0)
  expect(await page.locator('[inert]').count()).toBe(0)
  await button(guide, '返回，选择是否同意').click()
  await dialog(page).waitFor()
})

it('the guide is reachable from 我的 and shows every section', async () => {
  const page = await signIn(app, 'privacy-reader')
  await cell(page, '隐私保护指引').click()
  const guide = page.locator('.privacy').filter({ visible: true })
  for (const section of POLICY) await guide.getByRole('heading', { name: section.title }).waitFor()
  for (const text of ['区文明办', 'EXIF', '志愿服务证明', '匿名', '个人信息保护法', '注销账号', '去除与您身份有关的信息', OPERATOR.email]) {
    await guide.getByText(text).first().waitFor()
  }
  // accepted already: no way back to a modal offered
  expect(await button(guide, '返回，选择是否同意').count()).toBe(0)
})

it.each([
  ['normal', false],
  ['长辈模式', true]
])('the modal and the guide pass axe and have tap targets of 44 px or more (%s)', async (_mode, elder) => {
  const openid = elder ? 'privacy-axe-elder' : 'privacy-axe'
  await app.cloud.ok(await app.cloud.login(openid), 'user', 'updateProfile', { elderMode: elder })
  const page = await newVisitor()
  const problems: string[] = []
  const audit = async (where: string) => {
    for (const v of await violations(page)) problems.push(`${where}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.join(', ')}`)
  }
  const targets = async (where: string, scope: string) => problems.push(...(await smallTargets(page, scope)).map((t) => `${where}: ${t}`))

  // a new visitor (no session yet, so no 长辈模式): over the sign-in page, with and without the note
  await audit('modal over sign-in')
  await button(dialog(page), '不同意').click()
  await dialog(page).getByRole('alert').waitFor()
  await audit('modal with the note')
  await button(dialog(page), '同意并继续').click()
  await page.locator('.signin__openid input').fill(openid)
  await button(page, '登录').click()
  await page.locator('.me__nickname').waitFor()

  // the policy changes: the modal comes back over 我的, in the user's mode, and so does the guide it opens
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ data: '2020-01-01' })), PRIVACY_STORAGE_KEY)
  await page.reload()
  await page.locator('.me__nickname').waitFor()
  await page.locator(elder ? '.privacy-gate.elder' : '.privacy-gate:not(.elder)').waitFor()
  await audit('modal over 我的')
  await targets('modal', '.privacy-gate')
  await button(dialog(page), '查看完整指引').click()
  const guide = page.locator(elder ? '.page-shell.elder.privacy' : '.page-shell.privacy:not(.elder)').filter({ visible: true })
  await guide.waitFor()
  await audit('guide before accepting')
  await targets('guide', '.privacy')
  await button(guide, '返回，选择是否同意').click()
  await button(dialog(page), '同意并继续').click()
  await dialog(page).waitFor({ state: 'detached' })

  // accepted: the row on 我的 and the guide it opens
  await openTab(page, '我的')
  const row = await cell(page, '隐私保护指引').filter({ visible: true }).boundingBox()
  if (!row || row.height < 44) problems.push(`我的: the 隐私保护指引 row is ${row?.height} px high`)
  await cell(page, '隐私保护指引').click()
  await guide.waitFor()
  await audit('guide')
  expect(problems).toEqual([])
}, 60000)
