import type { WxServerSdk } from '../../cloud/wechat/root'
import { createMain } from '../../cloud/wechat/root'
import { seedDemo } from '../../cloud/seed/demo'
import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'
import { emulatedCloudBase } from '../../cloud/emulator/install'
import { demoPeriods } from '../../cloud/seed/evaluations'
import { defaultConfig } from '../../cloud/core/config'

/**
 * The WeChat entry on the real wx-server-sdk: identity from its `getWXContext()` (which reads the
 * WX_* variables the cloud function runtime sets), the database through the SDK to the emulated
 * server. Only `openapi` (a network service of WeChat) is replaced.
 */
function wechatRuntime(risky: string[] = []) {
  const { emulator, sdk: real } = emulatedCloudBase({ seed: 3 })
  const sent: unknown[] = []
  const sdk = Object.assign(Object.create(real as object) as WxServerSdk, {
    openapi: {
      security: { msgSecCheck: async ({ content }: { content: string }) => ({ result: { suggest: risky.some((w) => content.includes(w)) ? 'risky' : 'pass' } }) },
      subscribeMessage: { send: async (m: unknown) => void sent.push(m) }
    }
  })
  const as = (openid: string | undefined) => {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
    process.env.WX_APPID = 'wx-test'
    if (openid) process.env.WX_OPENID = openid
    else delete process.env.WX_OPENID
  }
  return { emulator, sdk, sent, as }
}

afterAll(() => {
  delete process.env.WX_CONTEXT_KEYS
  delete process.env.WX_OPENID
  delete process.env.WX_APPID
})

it('identity comes from the WeChat context and answers come back as envelopes', async () => {
  const { sdk, as } = wechatRuntime(['赌博'])
  await seedDemo(createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as Database))
  const user = createMain('user', () => sdk)
  const ranking = createMain('ranking', () => sdk)

  as('o-wechat-user')
  expect(await user({ action: 'login', data: {} })).toMatchObject({ ok: true, data: { openid: 'o-wechat-user', role: 'resident' } })
  expect(await user({ action: 'updateProfile', data: { nickname: '老李', villageId: 'bh-01' }, userInfo: { appId: 'wx', openId: 'ignored' } }))
    .toMatchObject({ ok: true, data: { nickname: '老李', villageId: 'bh-01' } })
  expect(await user({ action: 'updateProfile', data: { nickname: '赌博' } })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
  expect(await user({ action: 'setRole', data: { openid: 'o-wechat-user', role: 'admin' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await user({ action: 'nope' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  const regions = await ranking({ action: 'regions', data: {} })
  expect(regions.ok && (regions.data as unknown[]).length).toBeGreaterThanOrEqual(39)

  // the journeys run on the CloudBase store too
  const report = createMain('report', () => sdk)
  const filed = await report({ action: 'create', data: { clientId: 'wechat-case-1', category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } })
  expect(filed).toMatchObject({ ok: true, data: { status: 'submitted', unitId: 'unit-chengguan', isMine: true, reporter: { nickname: expect.any(String) } } })
  expect(await report({ action: 'create', data: { clientId: 'wechat-case-1', category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } }))
    .toMatchObject({ ok: true, data: { id: (filed as { data: { id: string } }).data.id } })
  const board = await ranking({ action: 'board', data: { period: demoPeriods(new Date(), defaultConfig).at(-1) } })
  expect(board.ok && (board.data as { rows: unknown[] }).rows).toHaveLength(36)

  as('demo-admin')
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: true, data: { role: 'admin' } })
  as(undefined)
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

it('a subscribe message is pushed once, after the commit, and only for what committed', async () => {
  const { sdk, sent, as, emulator } = wechatRuntime()
  await seedDemo(createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as Database))
  process.env.SUBSCRIBE_TEMPLATES = JSON.stringify({ report: 'tmpl-report' })
  try {
    const report = createMain('report', () => sdk)
    const user = createMain('user', () => sdk)
    // the staff member and the reporter each agreed once to the (one-time) template (issue 25: no consent, no push)
    as('demo-staff')
    expect(await user({ action: 'noticeConsent', data: { results: { 'tmpl-report': 'accept' } } })).toMatchObject({ ok: true, data: { consents: [{ templateId: 'tmpl-report', kind: 'once', remaining: 1 }] } })
    as('o-pushed')
    expect(await user({ action: 'noticeConsent', data: { results: { 'tmpl-report': 'accept' } } })).toMatchObject({ ok: true })
    const filed = (await report({ action: 'create', data: { clientId: 'push-case-1', category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } })) as { ok: true; data: { id: string } }
    as('demo-staff')
    // the acceptance conflicts with another transaction twice before it commits: the callback runs three times
    let conflicts = 2
    const send = emulator.send.bind(emulator)
    emulator.send = async (api, params) => {
      if (api === 'database.modifyDocument' && params?.transactionId && conflicts > 0) {
        conflicts--
        return { code: 'DATABASE_TRANSACTION_CONFLICT', message: '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with another transaction, please retry' }
      }
      return send(api, params)
    }
    expect(await report({ action: 'accept', data: { id: filed.data.id } })).toMatchObject({ ok: true, data: { status: 'accepted' } })
    emulator.send = send
    expect(conflicts).toBe(0)
    // to whom, with which data: the unit's staff when the case was filed, the reporter when it was accepted
    const data = (title: string, body: RegExp | string) => expect.objectContaining({ thing1: { value: title }, thing2: { value: typeof body === 'string' ? body : expect.stringMatching(body) }, time3: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) } })
    expect(sent).toEqual([
      expect.objectContaining({ touser: 'demo-staff', templateId: 'tmpl-report', page: `/sub-report/handle/index?id=${filed.data.id}`, data: data('新工单待受理', '占道经营 · 柳岸社区') }),
      expect.objectContaining({ touser: 'o-pushed', templateId: 'tmpl-report', page: `/sub-report/detail/index?id=${filed.data.id}`, data: data('您的上报已受理', /^占道经营 · 柳岸社区：/) })
    ])
    // times in the district's zone (UTC+8), not the server's UTC
    const shown = (sent[1] as { data: { time3: { value: string } } }).data.time3.value
    expect(Math.abs(Date.parse(`${shown.replace(' ', 'T')}:00+08:00`) - Date.now())).toBeLessThan(120_000)
    // an action that fails after recording its message (the case is already accepted) pushes nothing
    expect(await report({ action: 'accept', data: { id: filed.data.id } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(sent).toHaveLength(2)
  } finally {
    delete process.env.SUBSCRIBE_TEMPLATES
  }
})

it('the timer function `sla` deletes the console\'s sign-in requests older than a day in one call', async () => {
  const { sdk, emulator } = wechatRuntime()
  const store = createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as Database)
  await seedDemo(store)
  const request = (id: string, ageMs: number) => {
    const createdAt = new Date(Date.now() - ageMs)
    return store.consoleLogins.insert({ id, codeHash: 'ef'.repeat(32), createdAt, expiresAt: new Date(createdAt.getTime() + 120_000), failures: 0, confirmedBy: null, confirmedAt: null, claimedAt: null })
  }
  for (let i = 0; i < 30; i++) await request(`slaold${i}`, 2 * 86400_000 + i)
  await request('slafresh', 3600_000)
  jest.resetModules()
  jest.doMock('wx-server-sdk', () => sdk, { virtual: false })
  const { main } = await import('../../cloud/functions/sla/index')
  emulator.resetCalls()
  expect(await main()).toMatchObject({ consoleLoginsRemoved: 30 })
  // one remove for the console's requests, one for the 积分 one-time codes older than a day (issue 28)
  expect(emulator.calls.get('database.removeDocument')).toBe(2)
  expect(await store.consoleLogins.get('slaold0')).toBeNull()
  expect(await store.consoleLogins.get('slafresh')).not.toBeNull()
  expect(await main()).toMatchObject({ consoleLoginsRemoved: 0 })
})

it('the timer function `sla` sweeps deadlines through the real SDK: 工作提示 once, to the unit', async () => {
  const { sdk, as } = wechatRuntime()
  const store = createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as Database)
  await seedDemo(store)
  const report = createMain('report', () => sdk)
  as('o-sla-reporter')
  const filed = (await report({ action: 'create', data: { clientId: 'sla-case-1', category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7612, longitude: 115.03 } } })) as { ok: true; data: { id: string } }
  expect(filed.ok).toBe(true)
  // the case's 24 h passed an hour ago
  await store.reports.update(filed.data.id, { dueAt: new Date(Date.now() - 3600_000), deadlineFrom: new Date(Date.now() - 25 * 3600_000) })
  jest.resetModules()
  jest.doMock('wx-server-sdk', () => sdk, { virtual: false })
  const { main } = await import('../../cloud/functions/sla/index')
  expect(await main()).toMatchObject({ overdue: 1, warned: 0, closed: 0 })
  expect(await main()).toMatchObject({ overdue: 0 })
  const stored = await store.reports.timelines([filed.data.id])
  expect(stored.get(filed.data.id)!.map((e) => e.action)).toEqual(['submitted', 'overdue'])
  const toStaff = await store.messages.list('demo-staff', undefined, 10)
  expect(toStaff.items.filter((m) => m.kind === 'report.overdue' && m.link?.includes(filed.data.id))).toHaveLength(1)
})
