import { contract } from '../../types/contract'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { tinyJpeg } from '../helpers/images'
import { REGIONS } from '../../cloud/seed/demo'
import { earn } from '../../cloud/core/points/ledger'

/**
 * Every action, called as anonymous, the resident who owns the thing, another resident, staff of
 * another unit, the staff member in charge (unit 城管执法局, organizer of the drive) and an admin;
 * each answer's HTTP status is checked against the table below. Each call gets fresh data.
 */
const ROLES = ['anon', 'owner', 'other', 'staffOther', 'staff', 'admin'] as const
type Who = (typeof ROLES)[number]
type Row = [string, string, (who: Who) => Promise<unknown>, Record<Who, number>]

let cloud: TestCloud
const tokens = {} as Record<Who, string | undefined>
let photo: string
let n = 0

beforeAll(async () => {
  cloud = await startCloud({ config: { reportsPerMinute: 10_000, reportsPerDay: 10_000, noticeTemplates: [{ id: 'tmpl-authz', topic: 'case', kind: 'once', name: '通知', kinds: ['report'] }] } })
  tokens.owner = await cloud.login('authz-owner')
  tokens.other = await cloud.login('authz-other')
  tokens.staff = await cloud.login('demo-staff')
  tokens.admin = await cloud.login('demo-admin')
  tokens.staffOther = await cloud.login('authz-zhujian')
  await cloud.ok(tokens.admin, 'user', 'setRole', { openid: 'authz-zhujian', role: 'staff', unitId: 'unit-zhujian' })
  photo = await cloud.upload(tokens.owner!, tinyJpeg())
  // 乱张贴 (城管) asks for 核查 before it is closed
  // 城管's staff member keeps 幸福村's 积分超市 (issue 28)
  await cloud.ok(tokens.admin, 'points', 'setShopkeeper', { userId: (await cloud.store.users.get('demo-staff'))!.userId, shopIds: ['py-01'] })
  await cloud.store.shop.putGoods({ id: 'authz-soap', shopId: 'py-01', name: '香皂', price: 1, stock: 1000, active: true, createdAt: new Date() })
  await cloud.ok(tokens.admin, 'report', 'putCategory', { code: 'tiezhang', name: '乱张贴乱涂画', group: '市容秩序', kind: 'problem', slaHours: 48, unitId: 'unit-chengguan', verifyBeforeClose: true })
})
afterAll(() => cloud.close())

const ALL = (status: number): Record<Who, number> => ({ anon: 401, owner: status, other: status, staffOther: status, staff: status, admin: status })
const STAFF_ONLY: Record<Who, number> = { anon: 401, owner: 403, other: 403, staffOther: 200, staff: 200, admin: 200 }
const IN_CHARGE: Record<Who, number> = { anon: 401, owner: 403, other: 403, staffOther: 403, staff: 200, admin: 200 }
const OWNER_ONLY: Record<Who, number> = { anon: 401, owner: 200, other: 403, staffOther: 403, staff: 403, admin: 403 }
const ADMIN_ONLY: Record<Who, number> = { anon: 401, owner: 403, other: 403, staffOther: 403, staff: 403, admin: 200 }

const consoleRequest = async () => {
  const answer = await cloud.post<{ id: string; code: string }>('/api/console/requests', {})
  if (!answer.body.ok) throw new Error(JSON.stringify(answer.body))
  return { id: answer.body.data.id, code: answer.body.data.code }
}
const caseOf = async (status: 'submitted' | 'accepted' | 'resolved' = 'submitted') => {
  const r = await cloud.ok(tokens.owner, 'report', 'create', { clientId: `authz-case-${++n}`, category: 'zhandao', description: '路口占道经营', photos: [photo], location: { latitude: 35.7, longitude: 115 } })
  if (status !== 'submitted') await cloud.ok(tokens.staff, 'report', 'accept', { id: r.id })
  if (status === 'resolved') await cloud.ok(tokens.staff, 'report', 'resolve', { id: r.id, note: '已处理', photos: [await cloud.photoOf(tokens.staff!)] })
  return r.id as string
}
const staffUserId = async () => (await cloud.store.users.get('demo-staff'))!.userId!
/** A fresh 大测评 round of 幸福村's 点位, every one given to 城管's staff member (an evaluator). */
const roundOf = async () => {
  const period = `${2100 + ++n}-02`
  await cloud.ok(tokens.admin, 'ranking', 'planRound', { period, villageIds: ['py-01'], evaluators: [await staffUserId()] })
  return period
}
/** A case of 城管 waiting for its 核查 (its category asks for one). */
const verifyingOf = async () => {
  const r = await cloud.ok(tokens.owner, 'report', 'create', { clientId: `authz-verify-${++n}`, category: 'tiezhang', description: '电线杆上贴满小广告', photos: [photo], location: { latitude: 35.7, longitude: 115 } })
  await cloud.ok(tokens.staff, 'report', 'accept', { id: r.id })
  const done = await cloud.ok(tokens.staff, 'report', 'resolve', { id: r.id, note: '已清除', photos: [await cloud.photoOf(tokens.staff!)] })
  if (done.status !== 'verifying') throw new Error(`expected verifying, got ${done.status}`)
  return r.id as string
}
/** A case an Open311 partner sent with an address only (待定位), in the dispatcher's queue. */
let partnerKey: string | undefined
const unplacedOf = async () => {
  partnerKey ??= (await cloud.ok(tokens.admin, 'open311', 'createKey', { partner: '授权测试热线' })).apiKey as string
  const res = await fetch(`${cloud.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: partnerKey, service_code: 'zhandao', address_string: '幸福村东头小卖部门口', description: '热线转来的占道经营' }).toString() })
  if (!res.ok) throw new Error(await res.text())
  return ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id
}
/** An accepted case of 城管 with a pending request for more time. */
const extendingOf = async () => {
  const id = await caseOf('accepted')
  await cloud.ok(tokens.staff, 'report', 'requestExtension', { id, hours: 24, reason: '需要协调供电部门' })
  return id
}
const UNIT_ONLY: Record<Who, number> = { anon: 401, owner: 403, other: 403, staffOther: 403, staff: 200, admin: 403 }
const praiseOf = async () =>
  (await cloud.ok(tokens.owner, 'report', 'create', { clientId: `authz-praise-${++n}`, category: 'dianzan', description: '邻居主动清扫楼道', photos: [photo], location: { latitude: 35.7612, longitude: 115.03 } })).id as string
const driveOf = async () => {
  const start = new Date(Date.now() + 86400_000)
  const a = await cloud.ok(tokens.staff, 'volunteer', 'create', { title: '授权测试活动', description: '', villageId: 'py-01', address: '幸福村', capacity: 10, startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() })
  return a.id as string
}
/** A drive of the staff member's that started an hour ago, linked to a fresh case (written to the store: a new drive must start in the future). */
const heldDriveOf = async () => {
  const reportId = await caseOf()
  const start = new Date(Date.now() - 3600_000)
  const id = `authz-held-${++n}`
  await cloud.store.volunteer.insertActivity({
    id, title: '授权测试清理', description: '', villageId: 'py-01', address: '幸福村', startAt: start, endAt: new Date(start.getTime() + 7200_000), capacity: 10,
    confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, signupDeadline: start, cancelled: false, cancelReason: null, organizerOpenid: 'demo-staff',
    checkinSecret: 'authz-secret', reportIds: [reportId], latitude: null, longitude: null, createdAt: start
  })
  return { activityId: id, reportId }
}
const month = '2026-10'
/** A fresh household of py-02 (imported by an admin); fresh years for the lists published. */
let awardYear = 2030
const householdOf = async () => {
  const door = `授权${++n}号`
  await cloud.ok(tokens.admin, 'ranking', 'importHouseholds', { villageId: 'py-02', rows: [{ head: '李四', door }] })
  return (await cloud.ok(tokens.admin, 'ranking', 'households', { villageId: 'py-02' })).find((h: { door: string }) => h.door === door).id as string
}
const scores = { environment: 80, order: 80, publicAds: 80, civility: 80, volunteering: 80 }

const TABLE: Row[] = [
  ['user', 'login', async () => ({}), ALL(200)],
  ['user', 'me', async () => ({}), ALL(200)],
  ['user', 'units', async () => ({}), ALL(200)],
  ['user', 'updateProfile', async () => ({ nickname: '新昵称' }), ALL(200)],
  ['user', 'messages', async () => ({}), ALL(200)],
  ['user', 'unreadCount', async () => ({}), ALL(200)],
  ['points', 'mine', async () => ({}), ALL(200)],
  ['points', 'code', async () => ({}), ALL(200)],
  ['points', 'lookupCode', async () => ({ shopId: 'py-01', code: (await cloud.ok(tokens.owner, 'points', 'code', {})).code }), UNIT_ONLY],
  ['points', 'goods', async () => ({ shopId: 'py-01' }), ALL(200)],
  ['points', 'village', async () => ({ villageId: 'py-01' }), ALL(200)],
  ['points', 'putGoods', async () => ({ shopId: 'py-01', name: `毛巾${++n}`, price: 5, stock: 3 }), IN_CHARGE],
  ['points', 'redeem', async () => {
    await cloud.store.transaction((tx) => earn(cloud.deps, tx, { openid: 'authz-owner', kind: 'award', ref: `award:authz-${++n}`, amount: 1, reason: '授权测试', by: null }))
    return { shopId: 'py-01', clientId: `authz-redeem-${++n}`, code: (await cloud.ok(tokens.owner, 'points', 'code', {})).code, items: [{ goodsId: 'authz-soap', quantity: 1 }] }
  }, UNIT_ONLY],
  ['points', 'redemptions', async () => ({ shopId: 'py-01', month: '2026-12' }), IN_CHARGE],
  ['points', 'shopkeepers', async () => ({ shopId: 'py-01' }), ADMIN_ONLY],
  ['points', 'setShopkeeper', async () => ({ userId: (await cloud.store.users.get('authz-other'))!.userId, shopIds: ['py-02'] }), ADMIN_ONLY],
  ['user', 'readMessages', async () => ({}), ALL(200)],
  ['user', 'noticeSettings', async () => ({}), ALL(200)],
  ['user', 'noticeConsent', async () => ({ results: { 'tmpl-authz': 'accept' } }), ALL(200)],
  ['user', 'setNoticeMute', async () => ({ topic: 'follow', muted: false }), ALL(200)],
  ['user', 'followVillage', async () => ({ villageId: 'py-01', follow: false }), ALL(200)],
  ['user', 'followArea', async () => ({ latitude: 35.7612, longitude: 115.03, radius: 500, categories: [] }), ALL(200)],
  ['user', 'unfollowArea', async () => ({ id: 'no-such-area' }), ALL(404)],
  ['user', 'setRole', async () => ({ openid: 'authz-other', role: 'resident' }), ADMIN_ONLY],
  ['user', 'operationLog', async () => ({}), ADMIN_ONLY],
  ['user', 'search', async () => ({ q: '居民' }), ADMIN_ONLY],
  ['user', 'setGrid', async () => ({ userId: (await cloud.store.users.get('authz-other'))!.userId, villageIds: ['py-01'] }), ADMIN_ONLY],
  ['report', 'categories', async () => ({}), ALL(200)],
  ['report', 'create', async () => ({ clientId: `authz-new-${++n}`, category: 'luandui', description: '楼道堆放杂物', photos: [], location: { latitude: 35.7, longitude: 115 } }), ALL(200)],
  ['report', 'get', async () => ({ id: await caseOf() }), ALL(200)],
  ['report', 'mine', async () => ({}), ALL(200)],
  ['report', 'locate', async () => ({ latitude: 35.7612, longitude: 115.03 }), ALL(200)],
  ['report', 'nearby', async () => ({ latitude: 35.7, longitude: 115, radius: 250 }), ALL(200)],
  ['report', 'feed', async () => ({ scope: 'nearby', latitude: 35.7, longitude: 115 }), ALL(200)],
  ['report', 'map', async () => ({ south: 35.69, west: 114.99, north: 35.71, east: 115.01, zoom: 14 }), ALL(200)],
  ['report', 'figures', async () => ({ villageId: 'py-01' }), ALL(200)],
  ['report', 'support', async () => ({ id: await caseOf() }), { ...ALL(200), owner: 409 }],
  ['report', 'rate', async () => ({ id: await caseOf('resolved'), score: 5 }), OWNER_ONLY],
  ['report', 'reopen', async () => ({ id: await caseOf('resolved'), reason: '没有处理好' }), OWNER_ONLY],
  ['report', 'queue', async () => ({}), STAFF_ONLY],
  // the console's search naming a unit: staff of another unit are refused it (admins may name any)
  ['report', 'queue', async () => ({ unitId: 'unit-chengguan', q: '占道', category: 'zhandao', townId: 'town-puyang', from: '2026-01-01', to: '2026-12-31' }), IN_CHARGE],
  ['report', 'queueCounts', async () => ({}), STAFF_ONLY],
  ['report', 'dashboard', async () => ({}), STAFF_ONLY],
  ['report', 'accept', async () => ({ id: await caseOf() }), IN_CHARGE],
  ['report', 'reject', async () => ({ id: await caseOf(), reason: '不属于本单位' }), IN_CHARGE],
  ['report', 'resolve', async (who) => ({ id: await caseOf('accepted'), note: '已处理', photos: who === 'anon' ? [photo] : [await cloud.photoOf(tokens[who]!)] }), IN_CHARGE],
  // 文明点赞 is the 文明办's: the staff of another unit (城管) may not review it
  ['report', 'review', async () => ({ id: await praiseOf(), approve: true }), ADMIN_ONLY],
  ['report', 'praiseWall', async () => ({}), ALL(200)],
  // WeChat's path for photos; the local server takes them through /api/upload and says so (wechat-photos.test.ts covers WeChat)
  ['report', 'hide', async () => ({ id: await caseOf(), reason: '涉及隐私' }), IN_CHARGE],
  // issue 21: 退回 and 申请延期 by the case's unit; 转办, 延期审批, 督办 and 核查 by the dispatcher (admins here; 文明办 staff too)
  ['report', 'return', async () => ({ id: await caseOf('accepted'), reason: '不属于本单位职责' }), UNIT_ONLY],
  ['report', 'transfer', async () => ({ id: await caseOf(), unitId: 'unit-jiaojing' }), ADMIN_ONLY],
  ['report', 'requestExtension', async () => ({ id: await caseOf('accepted'), hours: 24, reason: '需要协调供电部门' }), UNIT_ONLY],
  ['report', 'decideExtension', async () => ({ id: await extendingOf(), approve: true }), ADMIN_ONLY],
  ['report', 'verify', async () => ({ id: await verifyingOf(), passed: true, note: '现场已清除干净' }), ADMIN_ONLY],
  ['report', 'urge', async () => ({ id: await caseOf('accepted'), note: '群众反映强烈，请尽快办理' }), ADMIN_ONLY],
  // 定位 (issue 27): a partner's case sent with an address only, placed by the dispatcher
  ['report', 'place', async () => ({ id: await unplacedOf(), location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' } }), ADMIN_ONLY],
  // a 网格员 sees their villages' queue (the user.setGrid row made authz-other 网格员 of 幸福村), dispatchers every village's
  // the demo's 城管 staff member is a named 测评员: their queue is the 整改 cases they found (issue 26)
  ['report', 'verifyQueue', async () => ({}), { ...ADMIN_ONLY, other: 200, staff: 200 }],
  ['report', 'unhide', async () => {
    const id = await caseOf()
    await cloud.ok(tokens.staff, 'report', 'hide', { id, reason: '涉及隐私' })
    return { id }
  }, IN_CHARGE],
  ['report', 'hidePhoto', async () => ({ id: await caseOf(), photo, reason: '拍到路人面部' }), IN_CHARGE],
  ['report', 'acceptPhoto', async () => ({ fileId: 'cloud://env-1.x/uploads/authz/a.jpg' }), ALL(400)],
  ['volunteer', 'list', async () => ({}), ALL(200)],
  ['volunteer', 'get', async () => ({ id: await driveOf() }), ALL(200)],
  ['volunteer', 'create', async () => ({ title: '新活动', description: '', villageId: 'py-02', address: '闫口村', capacity: 5, startAt: new Date(Date.now() + 86400_000).toISOString(), endAt: new Date(Date.now() + 90000_000).toISOString() }), STAFF_ONLY],
  ['volunteer', 'update', async () => ({ id: await driveOf(), title: '改名后的活动' }), IN_CHARGE],
  ['volunteer', 'cancelActivity', async () => ({ id: await driveOf(), reason: '天气原因' }), IN_CHARGE],
  ['volunteer', 'signup', async () => ({ activityId: await driveOf() }), ALL(200)],
  ['volunteer', 'cancel', async (who) => {
    const activityId = await driveOf()
    if (tokens[who]) await cloud.ok(tokens[who], 'volunteer', 'signup', { activityId })
    return { activityId }
  }, ALL(200)],
  ['volunteer', 'checkIn', async () => ({ activityId: await driveOf(), code: '123456' }), ALL(409)],
  ['volunteer', 'checkOut', async () => ({ activityId: await driveOf(), code: '123456' }), ALL(409)],
  ['volunteer', 'roster', async () => ({ activityId: await driveOf() }), IN_CHARGE],
  ['volunteer', 'exportRoster', async () => ({ activityId: await driveOf() }), IN_CHARGE],
  ['volunteer', 'mine', async () => ({}), ALL(200)],
  ['volunteer', 'leaderboard', async () => ({}), ALL(200)],
  // nobody here has credited hours: a certificate is refused (CONFLICT) for everyone signed in
  ['volunteer', 'certificate', async () => ({}), ALL(409)],
  ['volunteer', 'verifyCertificate', async () => ({ number: 'ZYFW-2026-ABCDEFGHJK' }), ALL(200)],
  // the drive's organizer or an admin; a case left to its unit with a note
  ['volunteer', 'recordOutcome', async () => {
    const { activityId, reportId } = await heldDriveOf()
    return { activityId, outcomes: [{ reportId, fixed: false, note: '需要车辆清运' }] }
  }, IN_CHARGE],
  ['volunteer', 'driveCases', async () => ({ activityId: (await heldDriveOf()).activityId }), ALL(200)],
  // the organizer or an admin, once the drive has ended (this one has not: CONFLICT for them)
  ['volunteer', 'markNoShow', async () => ({ activityId: (await heldDriveOf()).activityId, userId: (await cloud.store.users.get('authz-other'))!.userId, noShow: true }), { anon: 401, owner: 403, other: 403, staffOther: 403, staff: 409, admin: 409 }],
  ['ranking', 'regions', async () => ({}), ALL(200)],
  ['ranking', 'periods', async () => ({}), ALL(200)],
  ['ranking', 'board', async () => ({ period: month }), ALL(200)],
  ['ranking', 'honors', async () => ({ period: month }), ALL(200)],
  ['ranking', 'village', async () => ({ villageId: 'py-01' }), ALL(200)],
  // evaluators only: demo-staff is a named 测评员, the 住建局 staff member is not
  ['ranking', 'submitEvaluation', async () => ({ villageId: 'py-02', period: month, scores }), IN_CHARGE],
  ['ranking', 'evaluationHistory', async () => ({ villageId: 'py-02', period: month }), STAFF_ONLY],
  ['ranking', 'villageMonthFigures', async () => ({ villageId: 'py-02', period: month }), IN_CHARGE],
  ['ranking', 'exportBoard', async () => ({ period: month }), STAFF_ONLY],
  ['ranking', 'unitBoard', async () => ({ period: month }), STAFF_ONLY],
  // 文明户 (issue 26): the committee is admins, the 文明办 (evaluators: 城管's demo-staff is one) and the village's 网格员 (authz-other is 幸福村's, not py-02's)
  ['ranking', 'households', async () => ({ villageId: 'py-02' }), IN_CHARGE],
  ['ranking', 'importHouseholds', async () => ({ villageId: 'py-02', rows: [{ head: '张三', door: `${++n}号` }] }), IN_CHARGE],
  ['ranking', 'householdRatings', async () => ({ villageId: 'py-02', kind: 'shixing', year: '2026' }), IN_CHARGE],
  ['ranking', 'rateHousehold', async () => ({ villageId: 'py-02', kind: 'shixing', year: '2026', householdId: await householdOf(), stars: ['爱国守法星'] }), IN_CHARGE],
  ['ranking', 'publishHouseholdAwards', async () => {
    const year = String(++awardYear)
    await cloud.ok(tokens.admin, 'ranking', 'rateHousehold', { villageId: 'py-02', kind: 'shixing', year, householdId: await householdOf(), stars: ['爱国守法星'] })
    return { villageId: 'py-02', kind: 'shixing', year }
  }, IN_CHARGE],
  ['ranking', 'withdrawHouseholdAward', async () => {
    const year = String(++awardYear)
    const householdId = await householdOf()
    await cloud.ok(tokens.admin, 'ranking', 'rateHousehold', { villageId: 'py-02', kind: 'shixing', year, householdId, stars: ['爱国守法星'] })
    await cloud.ok(tokens.admin, 'ranking', 'publishHouseholdAwards', { villageId: 'py-02', kind: 'shixing', year })
    return { villageId: 'py-02', kind: 'shixing', year, householdId, reason: '授权测试撤销' }
  }, IN_CHARGE],
  ['ranking', 'villageHouseholds', async () => ({ villageId: 'py-01' }), ALL(200)],
  ['ranking', 'householdAwardKinds', async () => ({}), ALL(200)],
  ['ranking', 'importGeography', async () => ({ type: 'FeatureCollection', features: REGIONS.filter((r) => r.id === 'py-18').map((r) => ({ type: 'Feature', properties: { id: r.id }, geometry: r.boundary })) }), ADMIN_ONLY],
  ['ranking', 'setStar', async () => ({ villageId: 'py-02', star: 'branch', awarded: true }), ADMIN_ONLY],
  // 基础数据 (issue 14): admins only; publishing: evaluators (as submitEvaluation)
  ['user', 'putUnit', async () => ({ id: 'unit-authz', name: '授权测试单位' }), ADMIN_ONLY],
  ['user', 'unitChannels', async () => ({}), STAFF_ONLY],
  ['user', 'setUnitWebhook', async () => ({ unitId: 'unit-chengguan', webhook: null }), IN_CHARGE],
  ['report', 'putCategory', async () => ({ code: 'authz-cat', name: '授权测试类别', group: '市容秩序', kind: 'problem', slaHours: 24, unitId: 'unit-chengguan' }), ADMIN_ONLY],
  ['report', 'routing', async () => ({}), ADMIN_ONLY],
  ['report', 'setRouting', async () => ({ scopeId: 'py-03', group: '市容秩序', unitId: 'unit-chengguan' }), ADMIN_ONLY],
  ['report', 'calendar', async () => ({}), ALL(200)],
  ['report', 'setCalendar', async () => ({ skipWeekends: false, holidays: [], workdays: [] }), ADMIN_ONLY],
  ['ranking', 'importRegions', async () => ({ rows: [{ id: 'town-authz', name: '授权测试街道', level: 'town' }] }), ADMIN_ONLY],
  ['ranking', 'publishPeriod', async () => ({ period: month, allowUnscored: true }), IN_CHARGE],
  ['ranking', 'monthScores', async () => ({ period: month }), IN_CHARGE],
  // the campaign (issue 26): reference data by admins, rounds planned by admins, walked and closed by evaluators (城管's staff member is one)
  ['ranking', 'campaignCatalog', async () => ({}), STAFF_ONLY],
  ['ranking', 'importCatalog', async () => ({ rows: [{ id: 'authz-item', project: '公共环境卫生', content: '授权测试内容', standard: '授权测试标准内容', kinds: '农贸市场', deduction: 0.5 }] }), ADMIN_ONLY],
  ['ranking', 'putCatalogItem', async () => ({ id: 'authz-item2', indicator: 'environment', project: '公共环境卫生', content: '授权测试', standard: '授权测试标准', kinds: ['construction'], deduction: 0.5, cap: 2, deadlineHours: 24 }), ADMIN_ONLY],
  ['ranking', 'campaignPlaces', async () => ({}), STAFF_ONLY],
  ['ranking', 'importSites', async () => ({ rows: [{ id: 'authz-site', name: '授权测试点位', kind: '建筑工地', latitude: 35.7, longitude: 115, villageId: 'py-01', unitId: 'unit-chengguan' }] }), ADMIN_ONLY],
  ['ranking', 'importRoads', async () => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'authz-road', name: '授权测试路', unitId: 'unit-zhujian' }, geometry: { type: 'LineString', coordinates: [[114.5, 35.0], [114.51, 35.0]] } }] }), ADMIN_ONLY],
  ['ranking', 'putSite', async () => ({ id: 'authz-site-drawn', name: '授权测试广场', kind: 'park', polygon: [[[115.025, 35.756], [115.026, 35.756], [115.026, 35.757], [115.025, 35.756]]], villageId: 'py-01', unitId: 'unit-chengguan' }), ADMIN_ONLY],
  ['ranking', 'putRoad', async () => ({ id: 'authz-road-drawn', name: '授权测试街', unitId: 'unit-zhujian', line: [[114.5, 35.0], [114.51, 35.0]] }), ADMIN_ONLY],
  ['ranking', 'planRound', async () => ({ period: `${2100 + ++n}-02`, villageIds: ['py-01'], evaluators: [await staffUserId()] }), ADMIN_ONLY],
  ['ranking', 'assignSites', async () => ({ period: await roundOf(), siteIds: ['site-py01-ads'], evaluator: await staffUserId() }), ADMIN_ONLY],
  ['ranking', 'round', async () => ({ period: month }), STAFF_ONLY],
  ['ranking', 'mySites', async () => ({ period: month }), IN_CHARGE],
  ['ranking', 'inspect', async () => ({ period: await roundOf(), siteId: 'site-py01-ads', clientKey: `authz-inspect-${++n}`, answers: [{ itemId: 'item-009', passed: true }] }), IN_CHARGE],
  ['ranking', 'closeRound', async () => ({ period: await roundOf() }), IN_CHARGE],
  ['ranking', 'findings', async () => ({ period: month }), STAFF_ONLY],
  ['ranking', 'exportFindings', async () => ({ period: month }), STAFF_ONLY],
  ['open311', 'createKey', async () => ({ partner: `授权测试系统${++n}` }), ADMIN_ONLY],
  ['open311', 'keys', async () => ({}), ADMIN_ONLY],
  ['open311', 'revokeKey', async () => ({ id: (await cloud.ok(tokens.admin, 'open311', 'createKey', { partner: `待停用系统${++n}` })).id }), ADMIN_ONLY],
  ['open311', 'setStatusChanges', async () => ({ id: (await cloud.ok(tokens.admin, 'open311', 'createKey', { partner: `可办结系统${++n}` })).id, allowed: true }), ADMIN_ONLY],
  // 扫码登录管理后台: a fresh console request for each caller; staff and admins only
  ['user', 'consoleLoginRequest', async () => consoleRequest(), STAFF_ONLY],
  ['user', 'confirmConsoleLogin', async () => consoleRequest(), STAFF_ONLY],
  ['user', 'myData', async () => ({}), ALL(200)],
  // last: residents' accounts are deleted (a later call starts a fresh account); staff and admins are refused
  ['user', 'deleteAccount', async () => ({ confirm: '注销' }), { anon: 401, owner: 200, other: 200, staffOther: 409, staff: 409, admin: 409 }]
]

it('the table covers every action of the contract', () => {
  const declared = Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`)).sort()
  expect([...new Set(TABLE.map(([fn, action]) => `${fn}.${action}`))].sort()).toEqual(declared)
})

it.each(TABLE.map((row) => [`${row[0]}.${row[1]}`, row] as const))('%s answers each caller as the table says', async (_name, [fn, action, payload, expected]) => {
  const got = {} as Record<Who, number>
  for (const who of ROLES) got[who] = (await cloud.call(tokens[who], fn, action, await payload(who))).status
  expect(got).toEqual(expected)
})
