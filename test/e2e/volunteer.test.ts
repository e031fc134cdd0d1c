import { startApp, signIn, openTab, button, type TestApp } from '../helpers/browser'
import type { Page } from 'playwright-core'

let app: TestApp
beforeAll(async () => {
  app = await startApp()
}, 60000)
afterAll(() => app?.close())

const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })
/** Local (+08:00) date and HH:mm of a moment. */
const local = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString()
  return { date: s.slice(0, 10), time: s.slice(11, 16) }
}

it('staff create a drive; of two residents for one place one is waitlisted, promoted when the other cancels, and checks in with the code', async () => {
  // staff create a drive starting in 10 minutes (check-in opens 30 minutes before)
  const start = local(new Date(Date.now() + 10 * 60_000))
  let end = local(new Date(Date.now() + 70 * 60_000))
  if (end.date !== start.date) end = { date: start.date, time: '23:59' } // the form takes one day
  if (start.time >= '23:55') return console.warn('skipped: too close to midnight (+08:00) to schedule a drive for today')
  const staff = await signIn(app, 'demo-staff')
  await openTab(staff, '志愿')
  await button(visible(staff, '.volunteer'), '发起活动').click()
  await visible(staff, '.drive-create').waitFor()
  await visible(staff, '.drive-create__title input').fill('闫口村河道垃圾清理')
  const form = visible(staff, '.drive-create')
  await form.getByRole('radiogroup', { name: '镇街' }).getByRole('radio', { name: '濮阳镇' }).click()
  await form.getByRole('radiogroup', { name: '村居' }).getByRole('radio', { name: '闫口村' }).click()
  await visible(staff, '.drive-create__address input').fill('闫口村桥头')
  await visible(staff, '.drive-create__date input').fill(start.date)
  await visible(staff, '.drive-create__start input').fill(start.time)
  await visible(staff, '.drive-create__end input').fill(end.time)
  await visible(staff, '.drive-create__capacity input').fill('1')
  await button(visible(staff, '.drive-create'), '发布活动').click()
  const code = (await visible(staff, '.drive__checkin-code').textContent())!.trim()
  expect(code).toMatch(/^\d{6}$/)

  // two residents sign up for the one place
  const first = await signIn(app, 'vol-first')
  await openTab(first, '志愿')
  await visible(first, '.drive-card').filter({ hasText: '闫口村河道垃圾清理' }).first().click()
  await button(visible(first, '.drive__mine'), '报名').click()
  await visible(first, '.drive__signup').filter({ hasText: '已报名' }).waitFor()

  const second = await signIn(app, 'vol-second')
  await openTab(second, '志愿')
  await visible(second, '.drive-card').filter({ hasText: '闫口村河道垃圾清理' }).first().click()
  await button(visible(second, '.drive__mine'), '加入候补').click()
  await visible(second, '.drive__signup').filter({ hasText: '候补中（候补第 1 位）' }).waitFor()

  // the first cancels: the second is promoted and told so
  await button(visible(first, '.drive__mine'), '取消报名').click()
  await visible(first, '.drive__mine').getByText('尚未报名').waitFor()
  await second.reload()
  await visible(second, '.drive__signup').filter({ hasText: '已报名' }).waitFor()
  const token = await app.cloud.login('vol-second')
  expect((await app.cloud.ok(token, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'volunteer.promoted' })

  // and checks in with the organizer's code
  await visible(second, '.drive__code input').fill(code)
  await button(visible(second, '.drive__mine'), '签到').click()
  await visible(second, '.drive__signup').filter({ hasText: '已签到' }).waitFor()
  const mine = await app.cloud.ok(token, 'volunteer', 'mine', {})
  expect(mine.items[0]).toMatchObject({ status: 'checkedIn', activity: { title: '闫口村河道垃圾清理', confirmedCount: 1, waitlistCount: 0 } })
}, 120000)
