/**
 * What each action of the contract costs on CloudBase: the database calls it makes (counted by
 * the emulated server behind the real wx-server-sdk) and its latency when every call takes 20 ms
 * (`EMULATOR_LATENCY_MS`, the order of a call from a cloud function). Every action runs once on
 * the demo district, and the read actions again after bulk data was added (hundreds of cases, a
 * hundred drives with credited volunteers): a read whose calls grow with the data is a bug.
 * Printed as the Markdown table kept in docs/performance.md. Part of `npm run bench`, and alone
 * as `npm run bench:calls`.
 */
import { earn } from '../cloud/core/points/ledger'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalCloud } from '../cloud/server/root'
import { dispatch } from '../cloud/core/table'
import { handlers } from '../cloud/core/handlers'
import { contract } from '../types/contract'
import type { StoredReport } from '../cloud/core/report/ports'
import { tinyJpeg } from '../test/helpers/images'
import { REGIONS } from '../cloud/seed/demo'
import { indicatorsOf, kindOf } from '../types/names'
import { handleOpen311 } from '../cloud/core/open311/http'
import { EmulatedStorage } from '../cloud/emulator/storage'
import { traceOf, WeChatMediaCheck, WeChatPhotos } from '../cloud/adapters/wechat'
import { photoChecked } from '../cloud/core/report/moderation'
import { claimConsoleLogin, requestConsoleLogin } from '../cloud/core/user/consoleLogin'
import type { WxServerSdk } from '../cloud/wechat/root'


export interface Row {
  action: string
  /** `per-user`: reads or rewrites everything of one user (个人信息保护法), so its calls grow with that user's records. */
  kind: 'read' | 'write' | 'per-user'
  calls: number
  bulkCalls: number | null
  ms: number
}

export async function measureCalls(opts: { latencyMs?: number } = {}): Promise<{ rows: Row[]; table: string }> {
  const LATENCY_MS = opts.latencyMs ?? Number(process.env.EMULATOR_LATENCY_MS ?? 20)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-calls-'))
  const cloud = await createLocalCloud({ dataDir, store: 'cloudbase', sweepEveryMs: 0, demo: true, demoActivity: true, config: { localMediaCheckDelayMs: 0, noticeTemplates: [{ id: 'tmpl-calls', topic: 'case', kind: 'once', name: '通知', kinds: ['report'] }] } })
  const emulator = cloud.emulator!
  const { deps } = cloud
  deps.log = () => undefined
  const rows = new Map<string, Row>()

  async function run(openid: string, fn: string, action: string, data: unknown, kind: Row['kind'], bulk = false, label = `${fn}.${action}`): Promise<any> {
    emulator.latencyMs = LATENCY_MS
    emulator.resetCalls()
    const started = performance.now()
    const answer = await dispatch(handlers, deps, fn, { action, data }, openid)
    const ms = performance.now() - started
    const calls = emulator.callCount()
    emulator.latencyMs = 0
    if (!answer.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(answer.error)}`)
    const key = label
    if (bulk) rows.get(key)!.bulkCalls = calls
    else rows.set(key, { action: key, kind, calls, bulkCalls: null, ms })
    return answer.data
  }
  const read = (openid: string, fn: string, action: string, data: unknown = {}, bulk = false) => run(openid, fn, action, data, 'read', bulk)
  /** An Open311 GeoReport request (docs/open311.md), measured like an action. */
  async function open311(label: string, method: string, path: string, query: Record<string, string>, bulk: boolean, body?: string, kind: Row['kind'] = 'read') {
    emulator.latencyMs = LATENCY_MS
    emulator.resetCalls()
    const started = performance.now()
    const out = await handleOpen311(deps, { method, path, query, body, contentType: 'application/x-www-form-urlencoded' }, { baseUrl: 'http://bench/open311/v2/', mediaUrl: () => null })
    const ms = performance.now() - started
    const calls = emulator.callCount()
    emulator.latencyMs = 0
    if (out.status !== 200) throw new Error(`${label}: ${out.status} ${out.body}`)
    if (bulk) rows.get(label)!.bulkCalls = calls
    else rows.set(label, { action: label, kind, calls, bulkCalls: null, ms })
    return out.body
  }
  const write = (openid: string, fn: string, action: string, data: unknown = {}) => run(openid, fn, action, data, 'write')

  // photos uploaded by their users, as the app does before it files or resolves
  // Photos and their image check as in WeChat: raw uploads in (emulated) cloud storage become photos
  // through WeChatPhotos, and WeChatMediaCheck asks security.mediaCheckAsync (WeChat's network
  // service, answered here with trace ids) — so create, resolve and acceptPhoto cost what they cost there
  const storage = await new EmulatedStorage().start()
  const sdk = require('wx-server-sdk') as WxServerSdk // eslint-disable-line @typescript-eslint/no-require-imports
  const traces: string[] = []
  const openapi = { ...sdk.openapi, security: { ...sdk.openapi?.security, mediaCheckAsync: async () => ({ traceId: `bench-trace-${traces.push('') }` }) } } as WxServerSdk['openapi']
  deps.photos = new WeChatPhotos(sdk, sdk.database({ throwOnNotFound: false }), deps.clock, deps.config.uploadBytesPerDay)
  deps.mediaCheck = new WeChatMediaCheck(openapi, sdk, sdk.database({ throwOnNotFound: false }), deps.clock)
  let uploads = 0
  const rawOf = async (openid: string) => (await sdk.uploadFile({ cloudPath: `uploads/${openid}/bench-${++uploads}.jpg`, fileContent: Buffer.from(tinyJpeg()) })).fileID
  const photoOf = async (openid: string) => deps.photos.accept(await rawOf(openid), openid)
  /** The verdicts of every check asked so far arrive (the wxa_media_check events): the cases go public. */
  const verdicts = async () => {
    const db = sdk.database({ throwOnNotFound: false })
    for (let i = 1; i <= traces.length; i++) {
      const trace = await traceOf(db, `bench-trace-${i}`)
      if (trace) await photoChecked(deps, trace.reportId, trace.photo, 'pass')
    }
  }
  const reader = 'calls-reader'
  const other = 'calls-other'
  const staff = 'demo-staff'
  const admin = 'demo-admin'
  await dispatch(handlers, deps, 'user', { action: 'updateProfile', data: { villageId: 'py-01' } }, reader)
  await dispatch(handlers, deps, 'user', { action: 'login', data: {} }, other)
  const period = (await dispatch(handlers, deps, 'ranking', { action: 'periods', data: {} }, reader) as { ok: true; data: { periods: string[] } }).data.periods[0]!
  // the campaign's round (issue 26): a month of its own, far ahead, so that it touches no measured month
  const campaignPeriod = '2099-01'
  const soon = new Date(Date.now() + 10 * 60_000)
  const later = new Date(soon.getTime() + 2 * 3600_000)
  const tomorrow = new Date(Date.now() + 86400_000)

  const reads = async (bulk: boolean, ids: { caseId: string; driveId: string; clearedId: string }) => {
    await read(reader, 'user', 'me', {}, bulk)
    await read(reader, 'user', 'units', {}, bulk)
    await read(reader, 'user', 'messages', {}, bulk)
    await read(reader, 'user', 'unreadCount', {}, bulk)
    await read(reader, 'points', 'mine', {}, bulk)
    await read(reader, 'points', 'goods', { shopId: 'py-01' }, bulk)
    await read(reader, 'points', 'village', { villageId: 'py-01' }, bulk)
    await read(staff, 'points', 'redemptions', { shopId: 'py-01' }, bulk)
    await read(admin, 'points', 'shopkeepers', { shopId: 'py-01' }, bulk)
    const shown = (await dispatch(handlers, deps, 'points', { action: 'code', data: {} }, reader) as { ok: true; data: { code: string } }).data.code
    await read(staff, 'points', 'lookupCode', { shopId: 'py-01', code: shown }, bulk)
    await read(staff, 'ranking', 'households', { villageId: 'py-01' }, bulk)
    await read(staff, 'ranking', 'householdRatings', { villageId: 'py-01', kind: 'wumei', year: '2026' }, bulk)
    await read(reader, 'ranking', 'villageHouseholds', { villageId: 'py-01' }, bulk)
    await read(reader, 'ranking', 'householdAwardKinds', {}, bulk)
    await read(reader, 'user', 'noticeSettings', {}, bulk)
    await run(reader, 'user', 'myData', {}, 'per-user', bulk)
    await read(admin, 'user', 'operationLog', {}, bulk)
    await run(admin, 'user', 'operationLog', { order: 'oldest', withTotal: true }, 'read', bulk, 'user.operationLog (oldest first, 共 N 条)')
    await read(admin, 'user', 'search', { q: '居民' }, bulk)
    await run(admin, 'user', 'search', { gridVillageId: 'py-01' }, 'read', bulk, 'user.search (网格员 of a village)')
    await run(admin, 'user', 'search', { q: '居民', withTotal: true }, 'read', bulk, 'user.search (人员 table, 共 N 条)')
    await read(reader, 'report', 'categories', {}, bulk)
    await read(admin, 'report', 'routing', {}, bulk)
    await read(reader, 'report', 'calendar', {}, bulk)
    await read(reader, 'report', 'get', { id: ids.caseId }, bulk)
    await read(reader, 'report', 'mine', {}, bulk)
    await read(reader, 'report', 'locate', { latitude: 35.7612, longitude: 115.03 }, bulk)
    await read(reader, 'report', 'nearby', { latitude: 35.7612, longitude: 115.03, radius: 250 }, bulk)
    await read(reader, 'report', 'feed', { scope: 'village' }, bulk)
    await run(reader, 'report', 'feed', { scope: 'village', latitude: 35.7612, longitude: 115.03, status: 'open' }, 'read', bulk, 'report.feed (village of a point)')
    await run(reader, 'report', 'feed', { scope: 'nearby', latitude: 35.7612, longitude: 115.03 }, 'read', bulk, 'report.feed (nearby)')
    await read(reader, 'report', 'map', { south: 35.7, west: 114.97, north: 35.82, east: 115.09, zoom: 12 }, bulk)
    await run(reader, 'report', 'map', { south: 35.755, west: 115.02, north: 35.768, east: 115.04, zoom: 18 }, 'read', bulk, 'report.map (street zoom)')
    await read(reader, 'report', 'figures', {}, bulk)
    await read(staff, 'report', 'queue', {}, bulk)
    await run(staff, 'report', 'queue', { urgent: true }, 'read', bulk, 'report.queue (待办, by deadline)')
    await run(admin, 'report', 'queue', { q: '占道', category: 'zhandao', townId: 'town-puyang', unitId: 'unit-chengguan', source: 'app', from: new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86400_000).toISOString().slice(0, 10) }, 'read', bulk, 'report.queue (工单 search: text, category, town, unit, source, dates)')
    await run(admin, 'report', 'queue', { q: '占道', order: 'oldest', withTotal: true }, 'read', bulk, 'report.queue (工单 table: text, oldest first, 共 N 条)')
    await read(staff, 'report', 'queueCounts', {}, bulk)
    await read(admin, 'report', 'dashboard', {}, bulk)
    await run(staff, 'report', 'dashboard', { from: new Date(Date.now() - 300 * 86400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86400_000).toISOString().slice(0, 10) }, 'read', bulk, 'report.dashboard (a unit, a long range)')
    await read(reader, 'report', 'praiseWall', {}, bulk)
    await read(admin, 'report', 'verifyQueue', {}, bulk)
    await read(reader, 'volunteer', 'list', {}, bulk)
    await read(reader, 'volunteer', 'get', { id: ids.driveId }, bulk)
    await read(staff, 'volunteer', 'roster', { activityId: ids.driveId }, bulk)
    await read(staff, 'volunteer', 'exportRoster', { activityId: ids.driveId }, bulk)
    await read(reader, 'volunteer', 'mine', {}, bulk)
    await read(reader, 'volunteer', 'driveCases', { activityId: ids.clearedId }, bulk)
    // read by a volunteer with certified hours (the demo's), so that their own place is looked up too
    await read('demo-vol-1', 'volunteer', 'leaderboard', {}, bulk)
    await run('demo-vol-1', 'volunteer', 'leaderboard', { scope: 'month' }, 'read', bulk, 'volunteer.leaderboard (this month)')
    // the certificate of a volunteer with credited hours (issued once before measuring: a read after)
    await dispatch(handlers, deps, 'volunteer', { action: 'certificate', data: {} }, 'demo-vol-1')
    const cert = await read('demo-vol-1', 'volunteer', 'certificate', {}, bulk)
    await read(reader, 'volunteer', 'verifyCertificate', { number: cert.number }, bulk)
    await read(reader, 'ranking', 'regions', {}, bulk)
    await read(reader, 'ranking', 'board', { period }, bulk)
    await read(staff, 'ranking', 'campaignCatalog', {}, bulk)
    await read(staff, 'ranking', 'campaignPlaces', {}, bulk)
    await read(staff, 'ranking', 'round', { period: campaignPeriod }, bulk)
    await read(staff, 'ranking', 'mySites', { period: campaignPeriod, location: { latitude: 35.7612, longitude: 115.03 } }, bulk)
    await read(staff, 'ranking', 'findings', { period: campaignPeriod }, bulk)
    await read(staff, 'ranking', 'exportFindings', { period: campaignPeriod }, bulk)
    await read(reader, 'ranking', 'honors', { period }, bulk)
    await read(reader, 'ranking', 'village', { villageId: 'py-01' }, bulk)
    await read(reader, 'ranking', 'periods', {}, bulk)
    await read(staff, 'ranking', 'evaluationHistory', { villageId: 'py-01', period }, bulk)
    await read(staff, 'ranking', 'villageMonthFigures', { villageId: 'py-01', period }, bulk)
    await read(staff, 'ranking', 'exportBoard', { period }, bulk)
    await read(admin, 'ranking', 'unitBoard', { period: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) }, bulk)
    await read(admin, 'open311', 'keys', {}, bulk)
    await open311('open311 GET services.xml', 'GET', 'services.xml', {}, bulk)
    await open311('open311 GET requests.xml (last 90 days)', 'GET', 'requests.xml', {}, bulk)
    await open311('open311 GET requests.xml (status, service_code)', 'GET', 'requests.xml', { status: 'open', service_code: 'zhandao,tingche' }, bulk)
    await open311('open311 GET requests/{id}.json', 'GET', `requests/${ids.caseId}.json`, {}, bulk)
    await open311('open311 GET servicerequestupdates.xml (last 90 days)', 'GET', 'servicerequestupdates.xml', {}, bulk)
  }

  // user
  await read(reader, 'user', 'login', {})
  await write(reader, 'user', 'updateProfile', { nickname: '测一测' })
  await write(reader, 'user', 'readMessages', {})
  await write(reader, 'user', 'noticeConsent', { results: { 'tmpl-calls': 'accept' } })
  await write(reader, 'user', 'setNoticeMute', { topic: 'follow', muted: false })
  await write(reader, 'user', 'followVillage', { villageId: 'py-01', follow: true })
  const followed = await write(reader, 'user', 'followArea', { latitude: 35.7612, longitude: 115.03, radius: 1000, categories: [] })
  await write(reader, 'user', 'unfollowArea', { id: followed.areas[0].id })
  await write(admin, 'user', 'setRole', { openid: other, role: 'resident' })
  const person = ((await dispatch(handlers, deps, 'user', { action: 'search', data: { role: 'resident', limit: 1 } }, admin)) as { ok: true; data: { items: { userId: string }[] } }).data.items[0]!
  await run(admin, 'user', 'setRole', { userId: person.userId, role: 'resident' }, 'write', false, 'user.setRole (by userId)')
  // 网格员: one read of the person, one of the reference data, the transaction with its log entry
  await write(admin, 'user', 'setGrid', { userId: person.userId, villageIds: ['py-01', 'py-02'] })
  const leaver = 'calls-leaver'
  await dispatch(handlers, deps, 'report', { action: 'create', data: { clientId: 'calls-leaver-1', category: 'zhandao', description: '要注销的人的上报', photos: [], location: { latitude: 35.7612, longitude: 115.03 } } }, leaver)
  await run(leaver, 'user', 'deleteAccount', { confirm: '注销' }, 'per-user')
  // report
  const fileCase = (clientId: string, category: string, description: string) =>
    dispatch(handlers, deps, 'report', { action: 'create', data: { clientId, category, description, photos: [], location: { latitude: 35.7613, longitude: 115.0301 } } }, reader)
      .then((a) => (a as { ok: true; data: { id: string } }).data)
  const created = { clientId: 'calls-case-1', category: 'zhandao', description: '路口有摊贩占道经营', photos: [await photoOf(reader)], location: { latitude: 35.7612, longitude: 115.03 } }
  const c1 = await write(reader, 'report', 'create', created)
  await run(reader, 'report', 'create', created, 'write', false, 'report.create (retried, same clientId)')
  await verdicts()
  const c2 = await fileCase('calls-case-2', 'zhandao', '楼道堆放杂物')
  const c3 = await fileCase('calls-case-3', 'zhandao', '楼道堆放杂物二')
  await write(other, 'report', 'support', { id: c1.id })
  // 我也遇到 with her words and photo (issue 24): the support and a 补充 (a record of its own, its place under the case's cap taken by a conditional counter update, issue 22) in one transaction, its unit told (another case: c1's supporters are counted by accept)
  await run('calls-supplement', 'report', 'support', { id: c3.id, clientId: 'calls-supplement-1', note: '早上又摆出来了', photos: [await photoOf('calls-supplement')] }, 'write', false, 'report.support (with 补充)')
  await write(staff, 'report', 'accept', { id: c1.id })
  await write(staff, 'report', 'reject', { id: c2.id, reason: '不属于本单位职责' })
  await write(staff, 'report', 'resolve', { id: c1.id, note: '已清理', photos: [await photoOf(staff)] })
  await dispatch(handlers, deps, 'report', { action: 'accept', data: { id: c3.id } }, staff)
  await dispatch(handlers, deps, 'report', { action: 'resolve', data: { id: c3.id, note: '已清理', photos: [await photoOf(staff)] } }, staff)
  await write(reader, 'report', 'rate', { id: c1.id, score: 5, comment: '很满意' })
  await write(reader, 'report', 'reopen', { id: c3.id, reason: '没有清理干净' })
  await write(reader, 'report', 'acceptPhoto', { fileId: await rawOf(reader) })
  const praise = await fileCase('calls-praise-1', 'dianzan', '保洁阿姨每天把巷子扫得很干净')
  await write(admin, 'report', 'review', { id: praise.id, approve: true })
  // moderation: staff keep a photo and a case from public view, and show the case again
  await write(staff, 'report', 'hidePhoto', { id: c1.id, photo: created.photos[0], reason: '拍到路人面部' })
  await write(staff, 'report', 'hide', { id: c1.id, reason: '涉及个人隐私' })
  await write(staff, 'report', 'unhide', { id: c1.id })
  // the 数字城管 workflow (issue 21): 延期, 督办, 退回 and 转办 of one case; 核查 of a category that asks for it
  const fileOf = (openid: string, clientId: string, category: string, description: string) =>
    dispatch(handlers, deps, 'report', { action: 'create', data: { clientId, category, description, photos: [], location: { latitude: 35.7613, longitude: 115.0301 } } }, openid)
      .then((a) => (a as { ok: true; data: { id: string } }).data)
  const flow = await fileOf(other, 'calls-case-flow', 'zhandao', '路口占道经营需要联合执法')
  await dispatch(handlers, deps, 'report', { action: 'accept', data: { id: flow.id } }, staff)
  await write(staff, 'report', 'requestExtension', { id: flow.id, hours: 24, reason: '需要联合执法' })
  await write(admin, 'report', 'decideExtension', { id: flow.id, approve: true })
  await write(admin, 'report', 'urge', { id: flow.id, note: '群众反映强烈，请尽快办理' })
  await write(staff, 'report', 'return', { id: flow.id, reason: '属于机动车违停，应由交警处理' })
  await write(admin, 'report', 'transfer', { id: flow.id, unitId: 'unit-jiaojing' })
  await dispatch(handlers, deps, 'report', { action: 'putCategory', data: { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true } }, admin)
  const posted = await fileOf(other, 'calls-case-verify', 'tiezhang', '电线杆上贴满小广告')
  await dispatch(handlers, deps, 'report', { action: 'accept', data: { id: posted.id } }, staff)
  await dispatch(handlers, deps, 'report', { action: 'resolve', data: { id: posted.id, note: '已清除', photos: [await photoOf(staff)] } }, staff)
  await write(admin, 'report', 'verify', { id: posted.id, passed: true, note: '现场已清理干净' })
  // volunteer
  const drive = await write(staff, 'volunteer', 'create', { title: '测一测清理', description: '', villageId: 'py-01', address: '幸福村菜市场', startAt: soon.toISOString(), endAt: later.toISOString(), capacity: 1 })
  await write(staff, 'volunteer', 'update', { id: drive.id, capacity: 2 })
  await write(reader, 'volunteer', 'signup', { activityId: drive.id })
  await write(reader, 'volunteer', 'cancel', { activityId: drive.id })
  await dispatch(handlers, deps, 'volunteer', { action: 'signup', data: { activityId: drive.id } }, reader)
  await write(reader, 'volunteer', 'checkIn', { activityId: drive.id, code: drive.checkinCode })
  await write(reader, 'volunteer', 'checkOut', { activityId: drive.id, code: drive.checkinCode })
  const doomed = await dispatch(handlers, deps, 'volunteer', { action: 'create', data: { title: '将取消', description: '', villageId: 'py-01', address: '村口', startAt: tomorrow.toISOString(), endAt: new Date(tomorrow.getTime() + 3600_000).toISOString(), capacity: 5 } }, staff) as { ok: true; data: { id: string } }
  await dispatch(handlers, deps, 'volunteer', { action: 'signup', data: { activityId: doomed.data.id } }, other)
  await write(staff, 'volunteer', 'cancelActivity', { id: doomed.data.id, reason: '天气原因' })
  // ranking
  // the sheet of the month's kind: the indicators it measures (district config)
  const sheet = { environment: 90, order: 85, publicAds: 80, civility: 88, volunteering: 92 }
  const indicators = indicatorsOf(deps.config.evaluationKinds[kindOf(period)])
  await write(staff, 'ranking', 'submitEvaluation', { villageId: 'py-01', period, scores: Object.fromEntries(indicators.map((k) => [k, sheet[k]])) })
  await write(admin, 'ranking', 'importGeography', { type: 'FeatureCollection', features: REGIONS.filter((r) => r.id === 'py-18').map((r) => ({ type: 'Feature', properties: { id: r.id }, geometry: r.boundary })) })
  await write(admin, 'ranking', 'setStar', { villageId: 'py-01', star: 'ecology', awarded: true })
  await read(staff, 'ranking', 'monthScores', { period })
  await write(staff, 'ranking', 'publishPeriod', { period, allowUnscored: true })
  // the campaign (issue 26): the 测评体系, 点位 and 路段 (one document each), a round walked and closed
  await write(admin, 'ranking', 'importCatalog', { rows: [{ row: 2, id: 'calls-item', project: '公共环境卫生', content: '测一测内容', standard: '测一测标准：地面干净', kinds: '农贸市场', deduction: '每处扣 0.5 分' }] })
  const callsItem = { id: 'calls-item', indicator: 'environment', project: '公共环境卫生', content: '测一测内容', standard: '测一测标准：地面干净', kinds: ['market'], deduction: 0.5, cap: 2, deadlineHours: 24 }
  await write(admin, 'ranking', 'putCatalogItem', callsItem)
  await write(admin, 'ranking', 'importSites', { rows: [{ row: 2, id: 'calls-site', name: '测一测市场', kind: '农贸市场', latitude: 35.7612, longitude: 115.0301, villageId: 'py-01', unitId: 'unit-chengguan' }] })
  await write(admin, 'ranking', 'importRoads', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'calls-road', name: '测一测路', unitId: 'unit-zhujian' }, geometry: { type: 'LineString', coordinates: [[114.5, 35.0], [114.51, 35.0]] } }] })
  await write(admin, 'ranking', 'putSite', { id: 'calls-square', name: '测一测广场', kind: 'park', polygon: [[[115.0305, 35.7605], [115.0310, 35.7605], [115.0310, 35.7610], [115.0305, 35.7605]]], villageId: 'py-01', unitId: 'unit-chengguan' })
  await write(admin, 'ranking', 'putRoad', { id: 'calls-road-2', name: '测二测路', unitId: 'unit-zhujian', line: [[114.52, 35.0], [114.53, 35.0]] })
  const staffUserId = (await deps.store.users.get(staff))!.userId!
  await write(admin, 'ranking', 'planRound', { period: campaignPeriod, villageIds: ['py-01'], perVillage: 50, evaluators: [staffUserId] })
  await write(admin, 'ranking', 'assignSites', { period: campaignPeriod, siteIds: ['calls-site'], evaluator: staffUserId })
  const applicable = (await dispatch(handlers, deps, 'ranking', { action: 'mySites', data: { period: campaignPeriod } }, staff) as { ok: true; data: { items: { id: string; items: { id: string }[] }[] } }).data.items.find((x) => x.id === 'calls-site')!.items
  const callsPhoto = await photoOf(staff)
  await write(staff, 'ranking', 'inspect', { period: campaignPeriod, siteId: 'calls-site', clientKey: 'calls-inspect-1', answers: applicable.map((i) => (i.id === 'calls-item' ? { itemId: i.id, passed: false, count: 1, photos: [callsPhoto] } : { itemId: i.id, passed: true })) })
  await write(staff, 'ranking', 'closeRound', { period: campaignPeriod })
  // 基础数据 (issue 14): each change is one transaction on the reference document and its log entry
  await write(admin, 'user', 'putUnit', { id: 'unit-calls', name: '测一测单位' })
  await read(admin, 'user', 'unitChannels', {})
  await write(admin, 'user', 'setUnitWebhook', { unitId: 'unit-calls', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' })
  await write(admin, 'report', 'putCategory', { code: 'calls-cat', name: '测一测类别', group: '市容秩序', kind: 'problem', slaHours: 24, unitId: 'unit-calls' })
  await write(admin, 'report', 'setRouting', { scopeId: 'town-binhu', group: '市容秩序', unitId: 'unit-calls' })
  await write(admin, 'report', 'setCalendar', { skipWeekends: true, holidays: ['2026-10-01'], workdays: [] })
  await write(admin, 'ranking', 'importRegions', { rows: REGIONS.map((r, i) => ({ row: i + 2, id: r.id, name: r.name, level: r.level, parentId: r.parentId })) })
  // open311: partner keys, and a partner's request (WGS-84 near 幸福村菜市场)
  const partnerKey = await write(admin, 'open311', 'createKey', { partner: '测一测热线' })
  const doomedKey = (await dispatch(handlers, deps, 'open311', { action: 'createKey', data: { partner: '将停用' } }, admin) as { ok: true; data: { id: string } }).data
  await write(admin, 'open311', 'revokeKey', { id: doomedKey.id })
  await write(admin, 'open311', 'setStatusChanges', { id: partnerKey.id, allowed: true })
  await open311('open311 POST requests.xml', 'POST', 'requests.xml', {}, false, new URLSearchParams({ api_key: partnerKey.apiKey, service_code: 'zhandao', lat: '35.7624', long: '115.0240', description: '热线转来的占道经营' }).toString(), 'write')
  // an address alone (待定位): the dispatcher places it by hand (issue 27)
  const unplaced = await handleOpen311(deps, { method: 'POST', path: 'requests.json', query: {}, body: new URLSearchParams({ api_key: partnerKey.apiKey, service_code: 'zhandao', address_string: '幸福村东头小卖部门口', description: '热线转来的占道经营（只有地址）' }).toString(), contentType: 'application/x-www-form-urlencoded' }, { baseUrl: 'http://bench/open311/v2/', mediaUrl: () => null })
  const unplacedId = (JSON.parse(unplaced.body) as { service_request_id: string }[])[0]!.service_request_id
  await write(admin, 'report', 'place', { id: unplacedId, location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' } })
  // 积分超市 (issue 28): the staff member keeps 幸福村's shop; the reader redeems with a one-time code
  await write(admin, 'points', 'setShopkeeper', { userId: (await deps.store.users.get(staff))!.userId, shopIds: ['py-01'] })
  const soap = await write(staff, 'points', 'putGoods', { shopId: 'py-01', name: '香皂', price: 1, stock: 100 })
  await deps.store.transaction((tx) => earn(deps, tx, { openid: reader, kind: 'award', ref: 'award:bench', amount: 50, reason: '测一测', by: null }))
  const pointCode = await write(reader, 'points', 'code', {})
  await write(staff, 'points', 'redeem', { shopId: 'py-01', clientId: 'bench-redeem-1', code: pointCode.code, items: [{ goodsId: soap.id, quantity: 2 }] })
  // 文明户 (issue 26): the committee imports 幸福村's households, rates one, publishes the list, withdraws one award
  await write(staff, 'ranking', 'importHouseholds', { villageId: 'py-01', rows: [{ head: '张建国', door: '1组1号' }, { head: '李秀英', door: '1组2号' }] })
  const homes = (await dispatch(handlers, deps, 'ranking', { action: 'households', data: { villageId: 'py-01' } }, staff) as { ok: true; data: { id: string }[] }).data
  await write(staff, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'wumei', year: '2026', householdId: homes[0]!.id, stars: ['院内美', '屋内美', '厨厕美', '庭院美', '身心美'] })
  await dispatch(handlers, deps, 'ranking', { action: 'rateHousehold', data: { villageId: 'py-01', kind: 'wumei', year: '2026', householdId: homes[1]!.id, stars: ['院内美', '屋内美', '厨厕美', '庭院美', '身心美'] } }, staff)
  await write(staff, 'ranking', 'publishHouseholdAwards', { villageId: 'py-01', kind: 'wumei', year: '2026' })
  await write(staff, 'ranking', 'withdrawHouseholdAward', { villageId: 'py-01', kind: 'wumei', year: '2026', householdId: homes[1]!.id, reason: '测一测撤销' })
  // 扫码登录管理后台: the console's request and poll (the local server's routes over the same use cases) and the app's two actions
  async function measure<T>(label: string, kind: Row['kind'], work: () => Promise<T>): Promise<T> {
    emulator.latencyMs = LATENCY_MS
    emulator.resetCalls()
    const started = performance.now()
    const out = await work()
    const ms = performance.now() - started
    rows.set(label, { action: label, kind, calls: emulator.callCount(), bulkCalls: null, ms })
    emulator.latencyMs = 0
    return out
  }
  const consoleRequest = await measure('console request (POST /api/console/requests)', 'write', () => requestConsoleLogin(deps))
  await run(staff, 'user', 'consoleLoginRequest', { id: consoleRequest.id, code: consoleRequest.code }, 'read')
  await measure('console poll, pending (POST /api/console/requests/:id)', 'read', () => claimConsoleLogin(deps, consoleRequest.id, consoleRequest.code))
  await write(staff, 'user', 'confirmConsoleLogin', { id: consoleRequest.id, code: consoleRequest.code })
  await measure('console poll, confirmed (session taken, logged)', 'write', () => claimConsoleLogin(deps, consoleRequest.id, consoleRequest.code))
  // reads on the demo district (with one drive held today, so that this month's board has a row
  // whatever the day of the month)
  const today = new Date(Date.now() - 2 * 3600_000)
  await deps.store.volunteer.insertActivity({
    id: 'calls-today', title: '今日活动', description: '', villageId: 'py-01', address: '村口', startAt: today, endAt: new Date(today.getTime() + 3600_000), capacity: 5,
    confirmedCount: 1, waitlistCount: 0, waitlistSeq: 0, signupDeadline: today, cancelled: false, cancelReason: null, organizerOpenid: staff, checkinSecret: 'bench-secret',
    reportIds: [], latitude: null, longitude: null, createdAt: today
  })
  await deps.store.volunteer.putSignup({ activityId: 'calls-today', openid: 'demo-vol-2', status: 'completed', seq: 0, signedUpAt: today, checkInAt: today, checkOutAt: new Date(today.getTime() + 3600_000), minutes: 60 })
  // a drive that started two hours ago, called for two of the reader's cases (one accepted, one
  // waiting, supported by another resident), whose organizer records the outcome
  // (filed by a neighbour of the reader's: the reader's per-minute limit is used up)
  const fileAs = (openid: string, clientId: string, description: string) =>
    dispatch(handlers, deps, 'report', { action: 'create', data: { clientId, category: 'zhandao', description, photos: [], location: { latitude: 35.7613, longitude: 115.0301 } } }, openid)
      .then((a) => (a as { ok: true; data: { id: string } }).data)
  const c4 = await fileAs('calls-neighbour', 'calls-case-4', '后巷堆放纸箱')
  const c5 = await fileAs('calls-neighbour', 'calls-case-5', '后巷排水沟垃圾')
  await dispatch(handlers, deps, 'report', { action: 'accept', data: { id: c4.id } }, staff)
  await dispatch(handlers, deps, 'report', { action: 'support', data: { id: c5.id } }, other)
  const started = new Date(Date.now() - 2 * 3600_000)
  await deps.store.volunteer.insertActivity({
    id: 'calls-cleared', title: '后巷清理', description: '', villageId: 'py-01', address: '后巷', startAt: started, endAt: new Date(started.getTime() + 3600_000), capacity: 5,
    confirmedCount: 1, waitlistCount: 0, waitlistSeq: 0, signupDeadline: started, cancelled: false, cancelReason: null, organizerOpenid: staff, checkinSecret: 'bench-secret',
    reportIds: [c4.id, c5.id], latitude: null, longitude: null, createdAt: started
  })
  await deps.store.volunteer.putSignup({ activityId: 'calls-cleared', openid: 'demo-vol-3', status: 'completed', seq: 0, signedUpAt: started, checkInAt: started, checkOutAt: new Date(started.getTime() + 3600_000), minutes: 60 })
  const afterPhoto = await photoOf(staff)
  await run(staff, 'volunteer', 'recordOutcome', { activityId: 'calls-cleared', outcomes: [{ reportId: c4.id, fixed: true, photos: [afterPhoto] }] }, 'write')
  // 未到场: a volunteer who signed up for the ended drive and never came
  await deps.store.volunteer.putSignup({ activityId: 'calls-cleared', openid: other, status: 'confirmed', seq: 0, signedUpAt: started, checkInAt: null, checkOutAt: null, minutes: 0 })
  await write(staff, 'volunteer', 'markNoShow', { activityId: 'calls-cleared', userId: (await deps.store.users.get(other))!.userId, noShow: true })
  // (a drive links up to 20 cases: each costs its own reads and writes in the one transaction)
  await dispatch(handlers, deps, 'volunteer', { action: 'recordOutcome', data: { activityId: 'calls-cleared', outcomes: [{ reportId: c4.id, fixed: true, photos: [afterPhoto] }, { reportId: c5.id, fixed: false, note: '需要车辆清运' }] } }, staff)
  await reads(false, { caseId: c1.id, driveId: drive.id, clearedId: 'calls-cleared' })

  // bulk: 400 more cases of the reader's and others' around the market, 100 finished drives each with 20 credited volunteers
  const base = Date.now() - 3 * 86400_000
  for (let i = 0; i < 400; i++) {
    const r: StoredReport = {
      id: `bulk-case-${i}`, openid: i % 2 ? reader : `bulk-user-${i}`, clientId: `bulk-${i}`, category: 'zhandao', description: '批量生成的上报', photos: [], latitude: 35.7612 + (i % 20) / 100000,
      longitude: 115.03 + (i % 17) / 100000, address: null, villageId: 'py-01', status: i % 3 ? 'submitted' : 'accepted', unitId: 'unit-chengguan', anonymous: false, supportCount: 0,
      createdAt: new Date(base + i * 1000), dueAt: new Date(base + 86400_000), resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: true, warnedNotified: true
    }
    await deps.store.reports.insert(r)
    await deps.store.reports.appendEvent({ reportId: r.id, at: r.createdAt, action: 'submitted', status: 'submitted', note: null, actorRole: 'resident', actorOpenid: r.openid })
  }
  for (let d = 0; d < 100; d++) {
    const start = new Date(Date.now() - (d + 1) * 3600_000 * 5)
    await deps.store.volunteer.insertActivity({
      id: `bulk-drive-${d}`, title: `批量活动${d}`, description: '', villageId: 'py-01', address: '村口', startAt: start, endAt: new Date(start.getTime() + 3600_000), capacity: 20,
      confirmedCount: 20, waitlistCount: 0, waitlistSeq: 0, signupDeadline: start, cancelled: false, cancelReason: null, organizerOpenid: staff, checkinSecret: 'bench-secret',
      reportIds: [], latitude: null, longitude: null, createdAt: start
    })
    for (let v = 0; v < 20; v++) {
      const openid = v === 0 ? reader : `bulk-vol-${(d * 7 + v) % 300}`
      await deps.store.volunteer.putSignup({ activityId: `bulk-drive-${d}`, openid, status: 'completed', seq: 0, signedUpAt: start, checkInAt: start, checkOutAt: new Date(start.getTime() + 3600_000), minutes: 60 })
    }
  }
  // the same reads, now of a drive with 20 volunteers and for a reader with 100 drives and 200 cases
  await reads(true, { caseId: c1.id, driveId: 'bulk-drive-0', clearedId: 'calls-cleared' })
  await cloud.app.close()
  await storage.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })

  const declared = Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`))
  const measured = [...rows.values()]
  const missing = declared.filter((a) => !rows.has(a))
  if (missing.length) throw new Error(`not measured: ${missing.join(', ')}`)
  const lines = [
    `| action | kind | calls (demo district) | calls (+400 cases, +100 drives × 20 volunteers; rosters of 20) | latency at ${LATENCY_MS} ms a call |`,
    '|---|---|---|---|---|',
    ...[...declared.map((a) => rows.get(a)!), ...measured.filter((r) => !declared.includes(r.action))].map((r) =>
      `| \`${r.action}\` | ${r.kind} | ${r.calls} | ${r.bulkCalls ?? '—'} | ${r.ms.toFixed(0)} ms |`)
  ]
  return { rows: measured, table: lines.join('\n') }
}

if (require.main === module) {
  measureCalls().then(({ rows, table }) => {
    console.log(table)
    const grown = rows.filter((r) => r.kind === 'read' && r.bulkCalls !== null && r.bulkCalls > r.calls)
    console.log(grown.length ? `\nREADS THAT GREW WITH THE DATA: ${grown.map((r) => r.action).join(', ')}` : '\nno read grew with the data')
    process.exit(grown.length ? 1 : 0)
  }).catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
