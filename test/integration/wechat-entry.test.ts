import type { WxServerSdk } from '../../cloud/wechat/root'
import { createMain } from '../../cloud/wechat/root'
import { seedDemo } from '../../cloud/seed/demo'
import { createCloudBaseStore } from '../../cloud/store/cloudbase'
import { createFakeDatabase } from '../helpers/fakeCloudbase'
import { demoPeriods } from '../../cloud/seed/evaluations'
import { defaultConfig } from '../../cloud/core/config'

/** The WeChat entry, with wx-server-sdk replaced by a stand-in whose database is in memory. */
function fakeSdk(openid: () => string | undefined, risky: string[] = []) {
  const db = createFakeDatabase()
  const sent: unknown[] = []
  const sdk: WxServerSdk = {
    init: () => undefined,
    DYNAMIC_CURRENT_ENV: Symbol('current env'),
    database: () => db,
    getWXContext: () => ({ OPENID: openid() }),
    openapi: {
      security: { msgSecCheck: async ({ content }) => ({ result: { suggest: risky.some((w) => content.includes(w)) ? 'risky' : 'pass' } }) },
      subscribeMessage: { send: async (m) => void sent.push(m) }
    }
  }
  return { sdk, db, sent }
}

it('identity comes from the WeChat context and answers come back as envelopes', async () => {
  let who: string | undefined = 'o-wechat-user'
  const { sdk, db } = fakeSdk(() => who, ['赌博'])
  await seedDemo(createCloudBaseStore(db))
  const user = createMain('user', () => sdk)
  const ranking = createMain('ranking', () => sdk)

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
  const filed = await report({ action: 'create', data: { clientId: 'wechat-case-1', category: 'zhandao', description: '路口占道经营', photos: ['cloud://env-1.abcd/uploads/1.jpg'], location: { latitude: 35.7, longitude: 115 } } })
  expect(filed).toMatchObject({ ok: true, data: { status: 'submitted', unitId: 'unit-chengguan', reporter: { openid: 'o-wechat-user' } } })
  expect(await report({ action: 'create', data: { clientId: 'wechat-case-1', category: 'zhandao', description: '路口占道经营', photos: [], location: { latitude: 35.7, longitude: 115 } } }))
    .toMatchObject({ ok: true, data: { id: (filed as { data: { id: string } }).data.id } })
  const board = await ranking({ action: 'board', data: { period: demoPeriods(new Date(), defaultConfig).at(-1) } })
  expect(board.ok && (board.data as { rows: unknown[] }).rows).toHaveLength(36)

  who = 'demo-admin'
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: true, data: { role: 'admin' } })
  who = undefined
  expect(await user({ action: 'me', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})
