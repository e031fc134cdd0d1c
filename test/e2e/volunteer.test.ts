import fs from 'node:fs'
import gcoord from 'gcoord'
import { startApp, signIn, openTab, button, type TestApp, visible, pickWheel, dateColumns } from '../helpers/browser'
import { tinyJpeg } from '../helpers/images'

let app: TestApp
beforeAll(async () => {
  app = await startApp()
}, 60000)
afterAll(() => app?.close())

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
  // every field has a visible label; dates and times come from pickers, the count from a stepper
  for (const label of ['活动标题', '镇街', '村居', '集合地点', '日期', '开始时间', '结束时间', '招募人数']) await form.locator('.form-field__label', { hasText: label }).first().waitFor()
  expect(await form.locator('input[placeholder*="YYYY"]').count()).toBe(0)
  await pickWheel(staff, visible(staff, '.drive-create__date'), dateColumns(start.date))
  await pickWheel(staff, visible(staff, '.drive-create__start'), start.time.split(':'))
  await pickWheel(staff, visible(staff, '.drive-create__end'), end.time.split(':'))
  await visible(staff, '.drive-create__start').getByText(start.time, { exact: true }).waitFor()
  await visible(staff, '.drive-create__capacity input').fill('2')
  await button(visible(staff, '.drive-create__capacity'), '−').click()
  await expect(visible(staff, '.drive-create__capacity input').inputValue()).resolves.toBe('1')
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
  // 取消报名 asks first (issue 24): 再想想 keeps the place, 取消报名 gives it up
  await button(visible(first, '.drive__mine'), '取消报名').click()
  const ask = first.locator('.taro__modal')
  await ask.getByText('取消后您的名额会让给候补的志愿者，如需参加需重新报名。').waitFor()
  await ask.getByText('再想想', { exact: true }).click()
  await ask.waitFor({ state: 'hidden' })
  expect((await app.cloud.ok(await app.cloud.login('vol-first'), 'volunteer', 'mine', {})).items[0]).toMatchObject({ status: 'confirmed' })
  await button(visible(first, '.drive__mine'), '取消报名').click()
  await ask.getByText('取消报名', { exact: true }).click()
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

it('staff launch one cleanup for a cluster of nearby cases, find its place and a check-in QR code that reads back, and edit it', async () => {
  // two open cases 30 m apart in 幸福村, accepted by the 城管 unit
  const resident = await app.cloud.login('cluster-resident')
  const staffToken = await app.cloud.login('demo-staff')
  const photo = await app.cloud.upload(resident, tinyJpeg())
  const file = (n: number, latitude: number) =>
    app.cloud.ok(resident, 'report', 'create', { clientId: `e2e-cluster-${n}-${Date.now()}`, category: 'tiezhang', description: `菜市场门口墙上小广告 ${n}`, photos: [photo], location: { latitude, longitude: 115.03, address: '幸福村菜市场' }, villageId: 'py-01' })
  const first = await file(1, 35.7612)
  const second = await file(2, 35.7615)
  for (const r of [first, second]) await app.cloud.ok(staffToken, 'report', 'accept', { id: r.id })

  const staff = await signIn(app, 'demo-staff')
  await staff.goto(`${app.cloud.url}/#/sub-report/handle/index?id=${first.id}`)
  const cleanup = visible(staff, '.handle__cleanup')
  await cleanup.getByRole('switch', { name: /菜市场门口墙上小广告 2/ }).click()
  await button(cleanup, '发起志愿清理（共 2 件）').click()

  const form = visible(staff, '.drive-create')
  await form.getByText('由 2 件随手拍问题发起清理').waitFor()
  await expect(visible(staff, '.drive-create__address input').inputValue()).resolves.toBe('幸福村菜市场')
  const day = new Date(Date.now() + 8 * 3600_000 + 2 * 86400_000).toISOString().slice(0, 10)
  await pickWheel(staff, visible(staff, '.drive-create__date'), dateColumns(day))
  await button(form, '发布活动').click()

  // the drive: both cases linked (their timelines say so), the meeting point between them, the QR code
  // times read as the district's clock although the browser runs in UTC
  await visible(staff, '.drive').getByText(`时间：${day} 09:00–11:00`).waitFor()
  const place = visible(staff, '.drive__place')
  await place.getByText('35.76135, 115.03000', { exact: false }).waitFor()
  await visible(staff, '.drive__reports').getByText('关联 2 件随手拍问题').waitFor()
  // in a browser the point opens in 高德地图's web page (captured instead of opened: no network here)
  await staff.evaluate(() => { (window as unknown as { open: (u: string) => null }).open = (u: string) => ((window as unknown as { opened: string }).opened = u, null) })
  await button(place, '在高德地图中查看').click()
  expect(await staff.evaluate(() => (window as unknown as { opened?: string }).opened)).toContain('uri.amap.com/marker?position=115.03,35.76135')
  for (const r of [first, second]) {
    const timeline = (await app.cloud.ok(resident, 'report', 'get', { id: r.id })).timeline
    expect(timeline.at(-1)).toMatchObject({ action: 'drive', note: '发起志愿清理活动「随手拍问题集中清理（2 处）」' })
  }
  const qr = visible(staff, '.drive__qr-image')
  await qr.waitFor()
  await staff.evaluate(fs.readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8')) // not a script tag: the CSP refuses those
  const codeShown = async () => (await visible(staff, '.drive__checkin-code').textContent())!.trim()
  const readQr = () => qr.evaluate(async (el) => {
    const img = (el.querySelector('img') ?? el) as HTMLImageElement
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    return (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR(data, canvas.width, canvas.height)?.data ?? null
  })
  // the code changes with time, and its QR is drawn after it: wait until the QR reads as the code
  // shown before and after it was read (the test's time limit ends a QR that never does)
  let code = ''
  let read: string | null = null
  do {
    code = await codeShown()
    read = await readQr()
  } while (read !== code || (await codeShown()) !== code)
  expect(read).toBe(code)

  // the organizer edits title, time and capacity in the full form
  await button(visible(staff, '.drive__organizer'), '编辑活动').click()
  const edit = visible(staff, '.drive-create')
  await expect(visible(staff, '.drive-create__title input').inputValue()).resolves.toBe('随手拍问题集中清理（2 处）')
  await visible(staff, '.drive-create__title input').fill('幸福村菜市场周边清理')
  await pickWheel(staff, visible(staff, '.drive-create__end'), ['16', '00']) // the end first: it must stay after the start
  await pickWheel(staff, visible(staff, '.drive-create__start'), ['14', '00'])
  await visible(staff, '.drive-create__capacity input').fill('8')
  await button(edit, '保存修改').click()
  await visible(staff, '.drive__title').getByText('幸福村菜市场周边清理').waitFor()
  const id = new URL(staff.url().replace('/#/', '/')).searchParams.get('id')!
  const saved = await app.cloud.ok(resident, 'volunteer', 'get', { id })
  expect(saved).toMatchObject({ title: '幸福村菜市场周边清理', capacity: 8, reportIds: [first.id, second.id], location: { latitude: 35.76135, longitude: 115.03 } })
  expect(Date.parse(saved.startAt)).toBe(Date.parse(`${day}T14:00:00+08:00`))
}, 120000)

it('where the district requires it, a volunteer checks in from the meeting point: the app sends the position (WGS-84 converted to GCJ-02)', async () => {
  const staffToken = await app.cloud.login('demo-staff')
  const start = new Date(Date.now() + 10 * 60_000)
  const meeting = { latitude: 35.7612, longitude: 115.03 }
  const drive = await app.cloud.ok(staffToken, 'volunteer', 'create', {
    title: '现场签到演练', description: '', villageId: 'py-01', address: '幸福村菜市场', capacity: 5,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), location: meeting
  })
  const token = await app.cloud.login('vol-onsite')
  await app.cloud.ok(token, 'volunteer', 'signup', { activityId: drive.id })
  app.cloud.deps.config.checkinRadiusMeters = 200
  try {
    const page = await signIn(app, 'vol-onsite')
    // the browser reports WGS-84, 20 m from the meeting point
    const [lng, lat] = gcoord.transform([meeting.longitude, meeting.latitude + 0.0002], gcoord.GCJ02, gcoord.WGS84) as [number, number]
    await page.context().grantPermissions(['geolocation'], { origin: app.cloud.url })
    await page.context().setGeolocation({ latitude: lat, longitude: lng })
    await openTab(page, '志愿')
    await visible(page, '.drive-card').filter({ hasText: '现场签到演练' }).first().click()
    const code = (await app.cloud.ok(staffToken, 'volunteer', 'get', { id: drive.id })).checkinCode as string
    await visible(page, '.drive__code input').fill(code)
    await button(visible(page, '.drive__mine'), '签到').click()
    await visible(page, '.drive__signup').filter({ hasText: '已签到' }).waitFor()
  } finally {
    app.cloud.deps.config.checkinRadiusMeters = null
  }
}, 60000)

it('the 签到 box appears only once check-in opens (30 minutes before the start); before that the page says when (issue 24)', async () => {
  const staffToken = await app.cloud.login('demo-staff')
  const start = new Date(Date.now() + 2 * 86400_000)
  const drive = await app.cloud.ok(staffToken, 'volunteer', 'create', {
    title: '后天的清理活动', description: '', villageId: 'py-01', address: '幸福村村委会', capacity: 5,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString()
  })
  expect(Date.parse(drive.checkinOpensAt)).toBe(Date.parse(drive.startAt) - 30 * 60_000)
  await app.cloud.ok(await app.cloud.login('vol-later'), 'volunteer', 'signup', { activityId: drive.id })
  const page = await signIn(app, 'vol-later')
  await page.goto(`${app.cloud.url}/#/sub-volunteer/detail/index?id=${drive.id}`)
  await visible(page, '.drive__signup').filter({ hasText: '已报名' }).waitFor()
  const opens = new Date(Date.parse(drive.checkinOpensAt) + 8 * 3600_000).toISOString()
  await visible(page, '.drive__checkin-later').getByText(`签到从 ${opens.slice(5, 10)} ${opens.slice(11, 16)} 开始`, { exact: false }).waitFor()
  expect(await page.locator('.drive__code').count()).toBe(0)
  expect(await button(visible(page, '.drive__mine'), '签到').count()).toBe(0)
}, 60000)
