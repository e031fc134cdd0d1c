import { startCloud, type TestCloud } from '../helpers/cloud'
import { startWeCom } from '../helpers/wecom'
import { sweepDeadlines } from '../../cloud/core/report/cases'

/**
 * Issue 25, the units' own channels: a 企业微信 群机器人 per unit, set in 基础数据, its address a
 * secret; the unit's new cases, returns, 督办 and 工作预警 posted there from the outbox, at most 20
 * a minute, retried after a failure without duplicates, never with the reporter. A local server
 * checks each post as WeCom documents it. Runs on both stores.
 */
const KEY = '693a91f6-7b2c-4bc4-97a0-0ec2fa5a1b2c'
const URL_OF = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`

let cloud: TestCloud
let wecom: Awaited<ReturnType<typeof startWeCom>>
let now = Date.now()
beforeAll(async () => {
  wecom = await startWeCom([KEY, 'wenming-robot-key-0001'], () => now)
  cloud = await startCloud({ clock: () => new Date(now), wecomWebhookBase: wecom.base, config: { reportsPerDay: 200, reportsPerMinute: 200, consoleUrl: 'https://console.example.gov.cn/admin/', digestHour: 8 } })
})
afterAll(async () => {
  await cloud.close()
  await wecom.close()
})

let n = 0
const file = async (token: string, extra: Record<string, unknown> = {}) =>
  (await cloud.ok(token, 'report', 'create', { clientId: `wecom-case-${++n}`, category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115, address: '幸福路 18 号张三家门口' }, ...extra })) as { id: string }

it('a unit sets its robot in 基础数据; the address is never answered back whole; bad addresses and other units are refused', async () => {
  const admin = await cloud.login('demo-admin')
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('wecom-resident')
  const set = await cloud.ok(staff, 'user', 'setUnitWebhook', { unitId: 'unit-chengguan', webhook: URL_OF(KEY) })
  expect(set).toEqual({ unitId: 'unit-chengguan', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****1b2c', updatedAt: expect.stringMatching(/\+08:00$/) })
  // staff see their own unit's, masked; admins every unit's
  expect(await cloud.ok(staff, 'user', 'unitChannels')).toEqual([set])
  const all = await cloud.ok(admin, 'user', 'unitChannels')
  expect(all.length).toBeGreaterThan(3)
  expect(JSON.stringify(all)).not.toContain(KEY)
  expect(JSON.stringify(await cloud.ok(admin, 'user', 'operationLog', { target: 'unit-chengguan' }))).not.toContain(KEY)
  for (const [token, data, code] of [
    [staff, { unitId: 'unit-chengguan', webhook: 'https://example.com/hook?key=abcdefgh12' }, 'INVALID_INPUT'],
    [staff, { unitId: 'unit-chengguan', webhook: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6' }, 'INVALID_INPUT'],
    [staff, { unitId: 'unit-wenming', webhook: URL_OF('wenming-robot-key-0001') }, 'FORBIDDEN'],
    [resident, { unitId: 'unit-chengguan', webhook: null }, 'FORBIDDEN'],
    [admin, { unitId: 'unit-nope', webhook: null }, 'NOT_FOUND']
  ] as const) {
    expect((await cloud.call(token, 'user', 'setUnitWebhook', data)).body).toMatchObject({ ok: false, error: { code } })
  }
  // the 文明办 (the dispatchers) has its own group, set by an admin
  await cloud.ok(admin, 'user', 'setUnitWebhook', { unitId: 'unit-wenming', webhook: URL_OF('wenming-robot-key-0001') })
})

it('posts the unit’s new cases, returns and 督办 as WeCom markdown, without the reporter or an anonymous address', async () => {
  const staff = await cloud.login('demo-staff')
  const admin = await cloud.login('demo-admin')
  const resident = await cloud.login('wecom-reporter')
  await cloud.ok(resident, 'user', 'updateProfile', { nickname: '王小二' })
  const before = wecom.posts.length
  const open = await file(resident)
  const anonymous = await file(resident, { anonymous: true })
  const posts = wecom.posts.slice(before)
  expect(posts.map((p) => p.key)).toEqual([KEY, KEY])
  expect(posts[0]!.content).toContain('### 新工单待受理')
  expect(posts[0]!.content).toContain(`> 工单编号：${open.id}`)
  expect(posts[0]!.content).toContain('幸福路 18 号张三家门口')
  expect(posts[0]!.content).toMatch(/> 办理期限：<font color="warning">\d{4}-\d\d-\d\d \d\d:\d\d<\/font>/)
  expect(posts[0]!.content).toContain(`[在管理后台查看](https://console.example.gov.cn/admin/#/cases/${open.id})`)
  // an anonymous case: the village, never the address; nobody's name or openid anywhere
  expect(posts[1]!.content).toContain(`> 工单编号：${anonymous.id}`)
  expect(posts[1]!.content).not.toContain('幸福路')
  expect(posts[1]!.content).toMatch(/> 事项：占道经营 · \S+/)
  expect(wecom.posts.some((p) => /王小二|wecom-reporter/.test(p.content))).toBe(false)
  expect(wecom.rejected).toEqual([])

  // 退回 reaches the 文明办's group; 督办 the unit's
  await cloud.ok(staff, 'report', 'return', { id: open.id, reason: '不属于城管职责' })
  expect(wecom.posts.at(-1)).toMatchObject({ key: 'wenming-robot-key-0001', content: expect.stringContaining('有工单被退回，请重新派遣') })
  expect(wecom.posts.at(-1)!.content).toContain('> 说明：不属于城管职责')
  await cloud.ok(admin, 'report', 'urge', { id: anonymous.id, note: '群众反映强烈，请今天处理' })
  expect(wecom.posts.at(-1)).toMatchObject({ key: KEY, content: expect.stringContaining('督办：请尽快办理') })
  expect(wecom.rejected).toEqual([])
})

it('a failed post is retried from the outbox once, without duplicates; 工作预警 is posted by the sweep', async () => {
  const resident = await cloud.login('wecom-retry')
  const before = wecom.posts.length
  wecom.state.failNext = 1
  const filed = await file(resident)
  const about = () => wecom.posts.filter((p) => p.content.includes(`> 工单编号：${filed.id}`))
  expect(wecom.posts).toHaveLength(before) // WeCom answered 502: nothing posted, the post waits
  await sweepDeadlines(cloud.deps)
  expect(about()).toHaveLength(0) // not before its retry time
  now += 61_000
  await sweepDeadlines(cloud.deps)
  // the case's post, once (the sweep may also post 工作提示 for other tests' cases, by the time of day)
  expect(about()).toHaveLength(1)
  now += 5 * 60_000
  await Promise.all([sweepDeadlines(cloud.deps), sweepDeadlines(cloud.deps)])
  expect(wecom.posts.filter((p) => p.content.includes(`> 工单编号：${filed.id}`))).toHaveLength(1)

  // past twice the time allowed: 工作提示 and 工作预警 in the unit's group
  now += 30 * 86400_000
  await sweepDeadlines(cloud.deps)
  const late = wecom.posts.filter((p) => p.content.includes(`> 工单编号：${filed.id}`))
  expect(late.map((p) => p.content.split('\n')[0])).toEqual(['### 新工单待受理', '### 工作提示：工单已超期', '### 工作预警：工单严重超期'])
  expect(wecom.rejected).toEqual([])
})

it('at most 20 posts a minute per robot: the rest wait for the next minute, none lost', async () => {
  now += 3600_000
  const resident = await cloud.login('wecom-burst')
  const before = wecom.posts.length
  const cases = []
  for (let i = 0; i < 24; i++) cases.push(await file(resident))
  expect(wecom.posts.length - before).toBe(20)
  now += 61_000
  await sweepDeadlines(cloud.deps)
  const mine = wecom.posts.slice(before).filter((p) => p.content.startsWith('### 新工单待受理'))
  expect(mine).toHaveLength(24)
  expect(new Set(mine.map((p) => p.content)).size).toBe(24)
  expect(wecom.rejected).toEqual([])
})

it('a unit without a robot posts nothing, and removing the robot stops the posts', async () => {
  const staff = await cloud.login('demo-staff')
  expect(await cloud.ok(staff, 'user', 'setUnitWebhook', { unitId: 'unit-chengguan', webhook: null })).toEqual({ unitId: 'unit-chengguan', webhook: null, updatedAt: null })
  now += 3600_000
  const before = wecom.posts.filter((p) => p.key === KEY).length
  await file(await cloud.login('wecom-quiet'))
  await sweepDeadlines(cloud.deps)
  expect(wecom.posts.filter((p) => p.key === KEY)).toHaveLength(before)
})

it('the daily digest per unit at the district hour: to its staff and its group, once a day', async () => {
  const admin = await cloud.login('demo-admin')
  const staff = await cloud.login('demo-staff')
  await cloud.ok(staff, 'user', 'setUnitWebhook', { unitId: 'unit-chengguan', webhook: URL_OF(KEY) })
  // a fresh day, before the digest hour (08:00 district time)
  const day = Math.floor((now + 8 * 3600_000) / 86400_000) + 2
  now = day * 86400_000 - 8 * 3600_000 + 6 * 3600_000 // 06:00
  const resident = await cloud.login('wecom-digest')
  const filed = await file(resident)
  await cloud.ok(admin, 'report', 'urge', { id: filed.id, note: '请尽快处理' })
  const before = wecom.posts.length
  const date = new Date(day * 86400_000).toISOString().slice(0, 10)
  // the day's digests among the staff member's newest messages
  const digests = async () => (await cloud.ok(staff, 'user', 'messages', { limit: 50 })).items.filter((m: { kind: string; createdAt: string }) => m.kind === 'report.digest' && m.createdAt.startsWith(date))
  await sweepDeadlines(cloud.deps)
  expect(await digests()).toHaveLength(0)

  now += 2.5 * 3600_000 // 08:30
  await Promise.all([sweepDeadlines(cloud.deps), sweepDeadlines(cloud.deps)])
  now += 60_000
  await sweepDeadlines(cloud.deps)
  const mine = await digests()
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ title: '每日工单提醒（城管执法局）', link: '/sub-report/queue/index' })
  expect(mine[0].body).toMatch(/^新增 \d+ 件，今日到期 \d+ 件，已超期 \d+ 件；近一天退回 \d+ 件，督办 1 次$/)
  // the unit's robot takes 20 posts a minute: the cases left open by the tests before are overdue by
  // now, and their 工作提示/预警 may fill this minute, so the digest can wait in the outbox for a later one
  const digestPosts = () => wecom.posts.slice(before).filter((p) => p.content.startsWith('### 每日工单提醒') && p.key === KEY)
  for (let minute = 0; minute < 10 && digestPosts().length === 0; minute++) {
    now += 60_000
    await sweepDeadlines(cloud.deps)
  }
  const posted = digestPosts()
  expect(posted).toHaveLength(1)
  expect(posted[0]!.content.split('\n')[0]).toBe('### 每日工单提醒 · 城管执法局')
  // each unit's to its own group (the 文明办 has one too)
  expect(wecom.posts.slice(before).filter((p) => p.key === 'wenming-robot-key-0001' && p.content.startsWith('### 每日工单提醒')).map((p) => p.content.split('\n')[0])).toEqual(['### 每日工单提醒 · 文明办'])
  expect(posted[0]!.content).toContain('> 近一天退回：0 件，督办：1 次')
  expect(posted[0]!.content).toContain('[在管理后台查看](https://console.example.gov.cn/admin/#/cases)')
  expect(wecom.rejected).toEqual([])
})
