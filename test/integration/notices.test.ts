import { startCloud, type TestCloud } from '../helpers/cloud'
import { emulatedOpenApi, type EmulatedWeChat } from '../../cloud/emulator/openapi'
import { WeChatPush } from '../../cloud/adapters/wechat'
import { pushPending } from '../../cloud/core/messages'
import type { NoticeTemplateConfig } from '../../cloud/core/config'

/**
 * Issue 25, subscribe messages: each template one-time or long-term (config), consents recorded
 * per user and template, pushes through the real wx-server-sdk (`cloud.openapi.subscribeMessage.send`
 * answered by the emulated WeChat, cloud/emulator/openapi.ts), and every message a 站内消息 whatever
 * WeChat does. Runs on both stores.
 */
const TEMPLATES: NoticeTemplateConfig[] = [
  { id: 'tmpl-work', topic: 'work', kind: 'long', name: '新工单提醒', kinds: ['report.filed', 'report.overdue', 'report.warned', 'report.urged', 'report.transferred', 'report.reopened'] },
  { id: 'tmpl-case', topic: 'case', kind: 'once', name: '上报办理进度', kinds: ['report'], fields: { title: 'thing4', body: 'thing5', time: 'time2' } }
]

let cloud: TestCloud
let wechat: EmulatedWeChat
let now = Date.now()
beforeAll(async () => {
  const emulated = emulatedOpenApi()
  wechat = emulated.wechat
  cloud = await startCloud({ clock: () => new Date(now), config: { noticeTemplates: TEMPLATES, reportsPerDay: 100, reportsPerMinute: 100 }, push: new WeChatPush(emulated.openapi) })
})
afterAll(() => cloud.close())

let n = 0
const file = async (token: string) =>
  (await cloud.ok(token, 'report', 'create', { clientId: `notice-case-${++n}`, category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } })) as { id: string }
const sentTo = (openid: string) => wechat.sent.filter((m) => m.touser === openid)
/** The user agrees in WeChat's dialog, and the app records the answer. */
const agree = async (token: string, openid: string, templateId: string, kind: 'once' | 'long') => {
  wechat.grant(openid, templateId, kind)
  return cloud.ok(token, 'user', 'noticeConsent', { results: { [templateId]: 'accept' } })
}

it('the app learns the templates (never what they carry) and the caller’s consents', async () => {
  const token = await cloud.login('notice-reader')
  expect(await cloud.ok(token, 'user', 'noticeSettings')).toEqual({
    templates: [{ id: 'tmpl-work', topic: 'work', kind: 'long', name: '新工单提醒' }, { id: 'tmpl-case', topic: 'case', kind: 'once', name: '上报办理进度' }],
    consents: [],
    muted: [],
    villages: [],
    areas: []
  })
  // each accepted tap of a one-time template allows one push more; a refusal none; `filter` changes nothing
  await cloud.ok(token, 'user', 'noticeConsent', { results: { 'tmpl-case': 'accept' } })
  expect(await cloud.ok(token, 'user', 'noticeConsent', { results: { 'tmpl-case': 'accept', 'tmpl-work': 'filter' } }))
    .toMatchObject({ consents: [{ templateId: 'tmpl-case', kind: 'once', status: 'accepted', remaining: 2 }] })
  expect(await cloud.ok(token, 'user', 'noticeConsent', { results: { 'tmpl-case': 'reject' } }))
    .toMatchObject({ consents: [{ templateId: 'tmpl-case', status: 'rejected', remaining: 0 }] })
  // an unknown template, a bad answer, nothing at all: INVALID_INPUT, nothing recorded
  for (const results of [{ 'tmpl-nope': 'accept' }, { 'tmpl-case': 'maybe' }, {}, { 'bad id!': 'accept' }]) {
    const answer = await cloud.call(token, 'user', 'noticeConsent', { results })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  }
  expect((await cloud.ok(token, 'user', 'noticeSettings')).consents).toEqual([expect.objectContaining({ templateId: 'tmpl-case', status: 'rejected' })])
})

it('a long-term subscriber receives every push; a one-time one receives one and then 站内消息 only', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('notice-resident')
  await agree(staff, 'demo-staff', 'tmpl-work', 'long')
  await agree(resident, 'notice-resident', 'tmpl-case', 'once')
  const before = sentTo('demo-staff').length

  const cases = [await file(resident), await file(resident), await file(resident), await file(resident)]
  // the staff member agreed once and hears of every new case
  const work = sentTo('demo-staff').slice(before)
  expect(work).toHaveLength(4)
  expect(work.every((m) => m.template_id === 'tmpl-work' && m.data.thing1?.value === '新工单待受理' && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(m.data.time3?.value ?? ''))).toBe(true)
  expect(work.map((m) => m.page)).toEqual(cases.map((c) => `/sub-report/handle/index?id=${c.id}`))

  // the resident agreed once: the first progress is pushed (with the template's own field names), the next only a 站内消息
  await cloud.ok(staff, 'report', 'accept', { id: cases[0]!.id })
  await cloud.ok(staff, 'report', 'accept', { id: cases[1]!.id })
  expect(sentTo('notice-resident')).toEqual([expect.objectContaining({ template_id: 'tmpl-case', page: `/sub-report/detail/index?id=${cases[0]!.id}`, data: expect.objectContaining({ thing4: { value: '您的上报已受理' }, time2: expect.anything() }) })])
  const inbox = await cloud.ok(resident, 'user', 'messages', {})
  expect(inbox.items.filter((m: { kind: string }) => m.kind === 'report.accepted')).toHaveLength(2)
  expect((await cloud.ok(resident, 'user', 'noticeSettings')).consents).toEqual([expect.objectContaining({ templateId: 'tmpl-case', remaining: 0, status: 'accepted' })])

  // another tap: one more push
  await agree(resident, 'notice-resident', 'tmpl-case', 'once')
  await cloud.ok(staff, 'report', 'accept', { id: cases[2]!.id })
  expect(sentTo('notice-resident')).toHaveLength(2)

  // nothing left waiting in the outbox: the sweep pushes nothing again
  now += 10 * 60_000
  await pushPending(cloud.deps)
  expect(sentTo('notice-resident')).toHaveLength(2)
  expect(sentTo('demo-staff')).toHaveLength(before + 4)
})

it('a push WeChat refuses (43101) falls back to 站内消息 and marks the consent; a failed one is retried once from the outbox', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('notice-refused')
  await agree(staff, 'demo-staff', 'tmpl-work', 'long')
  const before = sentTo('demo-staff').length

  // a push that fails before WeChat answers stays in the outbox; the sweep pushes it once, after the grace
  wechat.failNext = 1
  const first = await file(resident)
  expect(sentTo('demo-staff')).toHaveLength(before)
  await pushPending(cloud.deps)
  expect(sentTo('demo-staff')).toHaveLength(before) // within the grace the action's own push is left alone
  now += 3 * 60_000
  expect(await pushPending(cloud.deps)).toBeGreaterThanOrEqual(1)
  expect(sentTo('demo-staff').slice(before).map((m) => m.page)).toEqual([`/sub-report/handle/index?id=${first.id}`])
  now += 3 * 60_000
  await pushPending(cloud.deps)
  expect(sentTo('demo-staff')).toHaveLength(before + 1)

  // the staff member turned the template off in WeChat: the next push is refused, the consent marked, the message kept
  wechat.revoke('demo-staff', 'tmpl-work')
  const second = await file(resident)
  expect(sentTo('demo-staff')).toHaveLength(before + 1)
  expect((await cloud.ok(staff, 'user', 'noticeSettings')).consents).toEqual(expect.arrayContaining([expect.objectContaining({ templateId: 'tmpl-work', kind: 'long', status: 'rejected' })]))
  const inbox = await cloud.ok(staff, 'user', 'messages', {})
  expect(inbox.items.some((m: { link: string }) => m.link === `/sub-report/handle/index?id=${second.id}`)).toBe(true)
  // refused is settled: never tried again, and no push is tried until the user agrees again
  wechat.grant('demo-staff', 'tmpl-work', 'long')
  now += 3 * 60_000
  await pushPending(cloud.deps)
  await file(resident)
  expect(sentTo('demo-staff')).toHaveLength(before + 1)
  await cloud.ok(staff, 'user', 'noticeConsent', { results: { 'tmpl-work': 'accept' } })
  await file(resident)
  expect(sentTo('demo-staff')).toHaveLength(before + 2)
})

it('账号注销 removes the consents', async () => {
  const token = await cloud.login('notice-leaver')
  await agree(token, 'notice-leaver', 'tmpl-case', 'once')
  await cloud.ok(token, 'user', 'deleteAccount', { confirm: '注销' })
  expect(await cloud.store.notices.consents('notice-leaver')).toEqual([])
})

it('pressing 我也遇到 follows a case: its supporters hear it accepted and fixed, in its public form (with a push where they agreed)', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('follow-reporter')
  const [neighbour, other] = [await cloud.login('follow-neighbour'), await cloud.login('follow-other')]
  await agree(neighbour, 'follow-neighbour', 'tmpl-case', 'once'); await agree(neighbour, 'follow-neighbour', 'tmpl-case', 'once')
  const secret = { latitude: 35.7, longitude: 115, address: '幸福村东街 8 号王家门口' }
  const anon = (await cloud.ok(resident, 'report', 'create', { clientId: `follow-${++n}`, category: 'zhandao', description: '路口占道经营', photos: [], anonymous: true, location: secret })) as { id: string }
  await cloud.ok(neighbour, 'report', 'support', { id: anon.id })
  await cloud.ok(other, 'report', 'support', { id: anon.id })
  const about = async (token: string) => (await cloud.ok(token, 'user', 'messages', {})).items.filter((m: { link: string }) => m.link === `/sub-report/detail/index?id=${anon.id}`)

  await cloud.ok(staff, 'report', 'accept', { id: anon.id })
  await cloud.ok(staff, 'report', 'resolve', { id: anon.id, note: '已劝离占道摊贩', photos: [await cloud.photoOf(staff)] })
  for (const token of [neighbour, other]) {
    const told = await about(token)
    expect(told.map((m: { kind: string }) => m.kind).sort()).toEqual(['report.followAccepted', 'report.followResolved'])
    // the public form: the village, never an anonymous case's address
    expect(JSON.stringify(told)).not.toContain('王家门口')
    expect(told.find((m: { kind: string }) => m.kind === 'report.followResolved').body).toContain('已劝离占道摊贩')
  }
  // the one who agreed to the template also got the pushes, without the address
  const pushed = sentTo('follow-neighbour')
  expect(pushed.map((m) => m.data.thing4?.value)).toEqual(['您也遇到的问题已受理', '您也遇到的问题已办结'])
  expect(JSON.stringify(pushed)).not.toContain('王家门口')
  // the reporter hears as the reporter, not twice
  expect((await about(resident)).map((m: { kind: string }) => m.kind).sort()).toEqual(['report.accepted', 'report.resolved'])
})

it('a case hidden since it was supported tells its supporters nothing', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('follow-reporter-2')
  const neighbour = await cloud.login('follow-neighbour-2')
  const filed = await file(resident)
  await cloud.ok(neighbour, 'report', 'support', { id: filed.id })
  await cloud.ok(staff, 'report', 'hide', { id: filed.id, reason: '涉及个人隐私' })
  await cloud.ok(staff, 'report', 'accept', { id: filed.id })
  expect((await cloud.ok(neighbour, 'user', 'messages', {})).items).toEqual([])
})

it('volunteers are told when their drive changes time or meeting point (with the change), not when only its text changes', async () => {
  const staff = await cloud.login('demo-staff')
  const [v1, v2] = [await cloud.login('drive-v1'), await cloud.login('drive-v2')]
  const day = new Date(now + 3 * 86400_000).toISOString().slice(0, 10)
  const at = (h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00+08:00`).toISOString()
  const a = await cloud.ok(staff, 'volunteer', 'create', { title: '幸福村背街小巷清理', description: '带手套', villageId: 'py-01', address: '幸福村村委会', startAt: at(9), endAt: at(11), capacity: 1 })
  await cloud.ok(v1, 'volunteer', 'signup', { activityId: a.id })
  await cloud.ok(v2, 'volunteer', 'signup', { activityId: a.id }) // waitlisted
  const changes = async (token: string) => (await cloud.ok(token, 'user', 'messages', {})).items.filter((m: { kind: string }) => m.kind === 'volunteer.changed')

  await cloud.ok(staff, 'volunteer', 'update', { id: a.id, description: '带手套和水' })
  expect(await changes(v1)).toEqual([])
  await cloud.ok(staff, 'volunteer', 'update', { id: a.id, startAt: at(14), endAt: at(16), address: '幸福村文化广场' })
  for (const token of [v1, v2]) {
    const [told] = await changes(token)
    expect(told).toMatchObject({ title: '活动时间或地点有变', link: `/sub-volunteer/detail/index?id=${a.id}` })
    expect(told.body).toContain('时间改为')
    expect(told.body).toContain('14:00–16:00')
    expect(told.body).toContain('集合地点改为 幸福村文化广场')
  }
})

it('organizers mark no-shows after a drive: the volunteer is told and sees it; repeated no-shows show in the roster', async () => {
  const staff = await cloud.login('demo-staff')
  const [v1, v2] = [await cloud.login('noshow-v1'), await cloud.login('noshow-v2')]
  const driveAt = async (days: number) => {
    const day = new Date(now + days * 86400_000).toISOString().slice(0, 10)
    const at = (h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00+08:00`).toISOString()
    const a = await cloud.ok(staff, 'volunteer', 'create', { title: `背街小巷清理 ${days}`, description: '带手套', villageId: 'py-01', address: '幸福村村委会', startAt: at(9), endAt: at(11), capacity: 1 })
    await cloud.ok(v1, 'volunteer', 'signup', { activityId: a.id })
    await cloud.ok(v2, 'volunteer', 'signup', { activityId: a.id }) // waitlisted: never had a place
    return a.id as string
  }
  const first = await driveAt(2)
  const second = await driveAt(3)
  const userIdOf = async (activityId: string, nickname: string) => (await cloud.ok(staff, 'volunteer', 'roster', { activityId })).items.find((s: { nickname: string }) => s.nickname === nickname)
  const me1 = await cloud.ok(v1, 'user', 'me')
  const me2 = await cloud.ok(v2, 'user', 'me')
  // before the drive ends: CONFLICT; a resident: FORBIDDEN
  expect((await cloud.call(staff, 'volunteer', 'markNoShow', { activityId: first, userId: me1.userId, noShow: true })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect((await cloud.call(v2, 'volunteer', 'markNoShow', { activityId: first, userId: me1.userId, noShow: true })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  now += 4 * 86400_000
  expect(await cloud.ok(staff, 'volunteer', 'markNoShow', { activityId: first, userId: me1.userId, noShow: true })).toMatchObject({ status: 'confirmed', noShow: true })
  // marking again tells nobody twice; the waitlisted never had a place
  await cloud.ok(staff, 'volunteer', 'markNoShow', { activityId: first, userId: me1.userId, noShow: true })
  expect((await cloud.call(staff, 'volunteer', 'markNoShow', { activityId: first, userId: me2.userId, noShow: true })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const told = (await cloud.ok(v1, 'user', 'messages', {})).items.filter((m: { kind: string }) => m.kind === 'volunteer.noShow')
  expect(told).toEqual([expect.objectContaining({ title: '未到场记录', link: `/sub-volunteer/detail/index?id=${first}` })])
  expect((await cloud.ok(v1, 'volunteer', 'get', { id: first })).mySignup).toMatchObject({ noShow: true })
  expect((await userIdOf(first, me1.nickname)).noShows).toBe(1)

  await cloud.ok(staff, 'volunteer', 'markNoShow', { activityId: second, userId: me1.userId, noShow: true })
  expect(await userIdOf(second, me1.nickname)).toMatchObject({ userId: me1.userId, noShow: true, noShows: 2 })
  // a mistake taken back
  await cloud.ok(staff, 'volunteer', 'markNoShow', { activityId: second, userId: me1.userId, noShow: false })
  expect((await userIdOf(second, me1.nickname)).noShows).toBe(1)
  expect((await cloud.ok(v1, 'volunteer', 'get', { id: second })).mySignup.noShow).toBeUndefined()
})

it('消息设置: a supporter who stops following hears nothing of the cases they supported, and can start again', async () => {
  const staff = await cloud.login('demo-staff')
  const resident = await cloud.login('mute-reporter')
  const neighbour = await cloud.login('mute-neighbour')
  expect(await cloud.ok(neighbour, 'user', 'setNoticeMute', { topic: 'follow', muted: true })).toMatchObject({ muted: ['follow'] })
  const [a, b] = [await file(resident), await file(resident)]
  await cloud.ok(neighbour, 'report', 'support', { id: a.id })
  await cloud.ok(neighbour, 'report', 'support', { id: b.id })
  await cloud.ok(staff, 'report', 'accept', { id: a.id })
  expect((await cloud.ok(neighbour, 'user', 'messages', {})).items).toEqual([])
  expect(await cloud.ok(neighbour, 'user', 'setNoticeMute', { topic: 'follow', muted: false })).toMatchObject({ muted: [] })
  await cloud.ok(staff, 'report', 'accept', { id: b.id })
  expect((await cloud.ok(neighbour, 'user', 'messages', {})).items.map((m: { kind: string; link: string }) => [m.kind, m.link])).toEqual([['report.followAccepted', `/sub-report/detail/index?id=${b.id}`]])
  expect((await cloud.call(neighbour, 'user', 'setNoticeMute', { topic: 'everything', muted: true })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
})
