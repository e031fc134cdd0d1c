/**
 * `npm run export:cloudbase` (issue 29): a district that started on the local server (SQLite)
 * moves to CloudBase. The local cloud runs with the demo district and some activity through the
 * HTTP API; the export writes it through the real wx-server-sdk into a fresh emulated environment
 * (database and cloud storage); a cloud on the CloudBase store over that environment, not seeded,
 * then answers the same reads as the local one, and takes writes on the exported data.
 * The activity covers what each feature keeps in its own tables (test/unit/exportTables.test.ts
 * guards that every table is moved or listed as left behind): the 积分 ledger and the 积分超市
 * (issue 28), consents, mutes, a unit's group robot with its outbox and a no-show (issue 25).
 * Runs both stores itself (sqlite project only: jest.config.js).
 */
import fs from 'node:fs'
import path from 'node:path'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { emulatedCloudBase } from '../../cloud/emulator/install'
import { EmulatedStorage } from '../../cloud/emulator/storage'
import type { EmulatedDatabase } from '../../cloud/emulator/database'
import { ALL_COLLECTIONS, type Database } from '../../cloud/store/cloudbase/db'
import { main, type ExportSdk } from '../../scripts/export-cloudbase'
import type { NoticeTemplateConfig } from '../../cloud/core/config'

let now = new Date('2026-12-10T10:00:00+08:00')
// a subscribe-message template, the same on both clouds (a consent is recorded against it)
const TEMPLATES: NoticeTemplateConfig[] = [{ id: 'tmpl-case', topic: 'case', kind: 'once', name: '上报办理进度', kinds: ['report'], fields: { title: 'thing4', body: 'thing5', time: 'time2' } }]
const config = { noticeTemplates: TEMPLATES }
const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b2c-4bc4-97a0-0ec2fa5a1b2c'
const clock = () => now

let storage: EmulatedStorage
let local: TestCloud
let cloud: TestCloud | null = null
let emulator: EmulatedDatabase
let sdk: ExportSdk
let dbFile: string
const ids: { problem?: string; pending?: string; drive?: string; held?: string; litter?: string; goods?: string } = {}

beforeAll(async () => {
  storage = await new EmulatedStorage().start()
  local = await startCloud({ store: 'sqlite', clock, config })
  dbFile = path.join(local.dataDir, 'civic.db')
  const resident = await local.login('demo-resident')
  const neighbour = await local.login('export-neighbour')
  const staff = await local.login('demo-staff')
  const admin = await local.login('demo-admin')
  const keeper = await local.login('export-keeper')
  await local.ok(neighbour, 'user', 'updateProfile', { nickname: '邻居老张', villageId: 'py-01' })
  // the 城管局's 企业微信 group robot: its new cases go to the outbox (the tests' WeCom does not answer: they stay pending)
  await local.ok(staff, 'user', 'setUnitWebhook', { unitId: 'unit-chengguan', webhook: ROBOT })

  // a case filed, supported, accepted, resolved and rated; another left for staff
  const problem = await local.ok(resident, 'report', 'create', { clientId: 'export-case-1', category: 'zhandao', description: '路口占道经营很久了', photos: [await local.photoOf(resident)], location: { latitude: 35.7612, longitude: 115.03 } })
  await local.ok(neighbour, 'report', 'support', { id: problem.id })
  now = new Date(now.getTime() + 3600_000)
  await local.ok(staff, 'report', 'accept', { id: problem.id })
  now = new Date(now.getTime() + 3600_000)
  await local.ok(staff, 'report', 'resolve', { id: problem.id, note: '已清理干净', photos: [await local.photoOf(staff)] })
  await local.ok(resident, 'report', 'rate', { id: problem.id, score: 5, comment: '很快' })
  const pending = await local.ok(neighbour, 'report', 'create', { clientId: 'export-case-2', category: 'zhandao', description: '门口乱堆杂物没人管', photos: [], location: { latitude: 35.7613, longitude: 115.0301 } })

  // a drive with a confirmed volunteer and a waitlisted one
  const start = new Date(now.getTime() + 86400_000)
  const drive = await local.ok(staff, 'volunteer', 'create', { title: '幸福村清理', description: '清理路口', villageId: 'py-01', address: '幸福村村口', capacity: 1, startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() })
  await local.ok(neighbour, 'volunteer', 'signup', { activityId: drive.id })
  await local.ok(resident, 'volunteer', 'signup', { activityId: drive.id })

  // a drive held: linked to a case, a volunteer checked in and out, its outcome recorded, a certificate issued
  now = new Date(now.getTime() + 60_000) // (lists ordered by time: no two at the same instant, whose order the stores break differently)
  const litter = await local.ok(resident, 'report', 'create', { clientId: 'export-case-3', category: 'tiezhang', description: '后巷墙上贴满小广告', photos: [], location: { latitude: 35.7614, longitude: 115.0302 } })
  const heldAt = now.getTime() + 2 * 3600_000
  const held = await local.ok(staff, 'volunteer', 'create', { title: '后巷集中清理', description: '', villageId: 'py-01', address: '幸福村后巷', capacity: 5, startAt: new Date(heldAt).toISOString(), endAt: new Date(heldAt + 2 * 3600_000).toISOString(), reportIds: [litter.id] })
  await local.ok(resident, 'volunteer', 'signup', { activityId: held.id })
  await local.ok(keeper, 'volunteer', 'signup', { activityId: held.id }) // never comes: a no-show
  const code = async () => (await local.ok(staff, 'volunteer', 'get', { id: held.id })).checkinCode as string
  now = new Date(heldAt - 5 * 60_000)
  await local.ok(resident, 'volunteer', 'checkIn', { activityId: held.id, code: await code() })
  now = new Date(heldAt + 90 * 60_000)
  await local.ok(resident, 'volunteer', 'checkOut', { activityId: held.id, code: await code() })
  await local.ok(staff, 'volunteer', 'recordOutcome', { activityId: held.id, outcomes: [{ reportId: litter.id, fixed: true, photos: [await local.photoOf(staff)] }] })
  now = new Date(heldAt + 3 * 3600_000)
  await local.ok(resident, 'user', 'updateProfile', { realName: '王秀兰' })
  await local.ok(resident, 'volunteer', 'certificate', {})
  await local.ok(admin, 'open311', 'createKey', { partner: '12345热线' })
  // the drive over, the organizer marks the volunteer who never came
  const keeperId = (await local.ok(keeper, 'user', 'me', {})).userId as string
  expect(await local.ok(staff, 'volunteer', 'markNoShow', { activityId: held.id, userId: keeperId, noShow: true })).toMatchObject({ noShow: true })

  // the 积分超市: a shopkeeper, goods; the resident (points from her accepted case and her hours) shows a code, the shopkeeper redeems
  await local.ok(admin, 'points', 'setShopkeeper', { userId: keeperId, shopIds: ['py-01'] })
  const soap = await local.ok(admin, 'points', 'putGoods', { shopId: 'py-01', name: '香皂', price: 2, stock: 5 })
  await local.ok(keeper, 'points', 'putGoods', { shopId: 'py-01', name: '毛巾', price: 3, stock: 2 })
  expect((await local.ok(resident, 'points', 'mine', {})).balance).toBeGreaterThanOrEqual(5)
  const shown = await local.ok(resident, 'points', 'code', {})
  expect(await local.ok(keeper, 'points', 'redeem', { clientId: 'export-receipt-1', shopId: 'py-01', code: shown.code, items: [{ goodsId: soap.id, quantity: 2 }] })).toMatchObject({ total: 4 })
  await local.ok(resident, 'points', 'code', {}) // shown, never used: left behind (docs/deploy.md §10)
  // 消息设置: a one-time consent, a mute
  await local.ok(resident, 'user', 'noticeConsent', { results: { 'tmpl-case': 'accept' } })
  await local.ok(neighbour, 'user', 'setNoticeMute', { topic: 'follow', muted: true })

  // 文明户 (issue 26): 幸福村's households, a list published, one award withdrawn, a draft of another kind
  await local.ok(staff, 'ranking', 'importHouseholds', { villageId: 'py-01', rows: [{ head: '张建国', door: '1组12号' }, { head: '李秀英', door: '1组13号' }] })
  const homes: { id: string }[] = await local.ok(staff, 'ranking', 'households', { villageId: 'py-01' })
  for (const h of homes) await local.ok(staff, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: h.id, stars: ['爱国守法星', '诚信友善星'] })
  await local.ok(staff, 'ranking', 'publishHouseholdAwards', { villageId: 'py-01', kind: 'shixing', year: '2026' })
  await local.ok(staff, 'ranking', 'withdrawHouseholdAward', { villageId: 'py-01', kind: 'shixing', year: '2026', householdId: homes[1]!.id, reason: '搬离本村' })
  await local.ok(staff, 'ranking', 'rateHousehold', { villageId: 'py-01', kind: 'wumei', year: '2026', householdId: homes[0]!.id, stars: ['院内美'] })

  // a month of scores published, a star, a role change
  const scores = { environment: 90, order: 85, publicAds: 80, civility: 88, volunteering: 95 }
  await local.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-01', period: '2026-12', scores })
  await local.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-02', period: '2026-12', scores: { ...scores, order: 70 } })
  await local.ok(admin, 'ranking', 'publishPeriod', { period: '2026-12', allowUnscored: true })
  await local.ok(admin, 'user', 'setRole', { openid: 'export-neighbour', role: 'staff', unitId: 'unit-zhujian' })
  ids.problem = problem.id
  ids.pending = pending.id
  ids.drive = drive.id
  ids.held = held.id
  ids.litter = litter.id
  ids.goods = soap.id
  // the export reads the database file: the local server stops first (docs/deploy.md §10)
  await local.close()

  const started = emulatedCloudBase()
  emulator = started.emulator
  sdk = started.sdk as unknown as ExportSdk
})

afterAll(async () => {
  await cloud?.close()
  await local.close().catch(() => undefined)
  await storage.stop()
})

const lines: string[] = []
const out = (line: string) => void lines.push(line)
/** The count a run printed for a collection. */
const printed = (collection: string) => Number(new RegExp(`^\\s+${collection}\\s+(\\d+)$`).exec(lines.find((l) => new RegExp(`^\\s+${collection}\\s`).test(l)) ?? '')?.[1] ?? NaN)

async function stored(): Promise<Record<string, number>> {
  const db = (sdk.database({ throwOnNotFound: false }) as Database)
  const counts: Record<string, number> = {}
  for (const c of ALL_COLLECTIONS) counts[c] = (await db.collection(c).count()).total
  return counts
}

it('--dry-run counts what it would write and writes nothing', async () => {
  lines.length = 0
  expect(await main([dbFile, '--dry-run'], {}, out)).toBe(0)
  expect(printed('reports')).toBe(3)
  expect(printed('users')).toBeGreaterThanOrEqual(4)
  expect(printed('evaluation_periods')).toBeGreaterThan(1)
  expect(printed('directory')).toBe(1)
  expect(Object.values(await stored()).every((n) => n === 0)).toBe(true)
  expect(storage.objects.size).toBe(0)
  // without an environment and its key, or without the database, nothing starts
  lines.length = 0
  expect(await main([dbFile], {}, out)).toBe(2)
  expect(lines.join('\n')).toContain('CLOUDBASE_ENV_ID')
  expect(await main([path.join(local.dataDir, 'missing.db')], {}, out)).toBe(2)
})

it('writes every collection through the SDK, the photos into cloud storage; a second run is refused, and with --force writes the same documents', async () => {
  lines.length = 0
  expect(await main([dbFile], {}, out, { sdk })).toBe(0)
  const first = await stored()
  for (const c of ALL_COLLECTIONS) expect([c, printed(c)]).toEqual([c, first[c]])
  expect(first).toMatchObject({ reports: 3, report_clients: 3, report_supports: 1, activities: 2, signups: 4, certificates: 1, open311_keys: 1, directory: 1, village_stars: expect.any(Number) })
  expect(first).toMatchObject({ shop_goods: 2, redemptions: 1, point_codes: 0, notice_consents: 1, notice_mutes: 1, unit_channels: 1 })
  expect(first.points_ledger).toBeGreaterThanOrEqual(2)
  expect(first.webhook_posts).toBeGreaterThan(0)
  // each photo and its thumbnail, under its own name
  const photos = fs.readdirSync(path.join(local.dataDir, 'files')).filter((f) => /^[0-9a-f]{32}\.jpg$/.test(f))
  expect(photos.length).toBe(2)
  for (const p of photos) {
    expect(storage.objects.has(`photos/${p}`)).toBe(true)
    expect(storage.objects.has(`photos/${p.replace('.jpg', '_t.jpg')}`)).toBe(true)
  }
  expect(first.uploads).toBe(2)

  lines.length = 0
  expect(await main([dbFile], {}, out, { sdk })).toBe(3)
  expect(lines.join('\n')).toContain('--force')

  lines.length = 0
  expect(await main([dbFile, '--force'], {}, out, { sdk })).toBe(0)
  expect(await stored()).toEqual(first)
})

type Json = unknown
/** Answers as compared: a photo is named by its file name, wherever it is kept (a local file, `cloud://…/photos/`). */
const same = (answer: Json) => JSON.parse(JSON.stringify(answer).replace(/[^"]*?([0-9a-f]{32}(?:_t)?\.(?:jpg|png|webp))[^"]*/g, 'photo:$1')) as Json

it('the cloud on CloudBase, started on the exported environment without seeding, answers the reads as the local one did', async () => {
  local = await startCloud({ store: 'sqlite', clock, dataDir: local.dataDir, config })
  cloud = await startCloud({ store: 'cloudbase', emulator, seed: false, clock, config })
  const both = async (openid: string) => ({ a: await local.login(openid), b: await cloud!.login(openid) })
  const people = { resident: await both('demo-resident'), neighbour: await both('export-neighbour'), staff: await both('demo-staff'), admin: await both('demo-admin'), stranger: await both('export-stranger'), keeper: await both('export-keeper') }
  const reads: [keyof typeof people, string, string, Record<string, unknown>][] = [
    ['resident', 'user', 'me', {}],
    ['neighbour', 'user', 'me', {}],
    ['staff', 'user', 'me', {}],
    ['admin', 'user', 'me', {}],
    ['resident', 'user', 'messages', {}],
    ['neighbour', 'user', 'messages', {}],
    ['admin', 'user', 'operationLog', {}],
    ['resident', 'report', 'get', { id: ids.problem }],
    ['stranger', 'report', 'get', { id: ids.problem }],
    ['staff', 'report', 'get', { id: ids.problem }],
    ['admin', 'report', 'get', { id: ids.pending }],
    ['resident', 'report', 'mine', {}],
    ['neighbour', 'report', 'mine', {}],
    ['staff', 'report', 'queue', {}],
    ['admin', 'report', 'queue', {}],
    ['admin', 'report', 'queue', { status: 'submitted' }],
    ['resident', 'ranking', 'periods', {}],
    ['resident', 'ranking', 'board', { period: '2026-12' }],
    ['staff', 'ranking', 'board', { period: '2026-11' }],
    ['resident', 'ranking', 'village', { villageId: 'py-01' }],
    ['staff', 'ranking', 'evaluationHistory', { villageId: 'py-01', period: '2026-12' }],
    ['resident', 'volunteer', 'list', {}],
    ['resident', 'volunteer', 'get', { id: ids.drive }],
    ['neighbour', 'volunteer', 'get', { id: ids.drive }],
    ['staff', 'volunteer', 'roster', { activityId: ids.drive }],
    ['resident', 'volunteer', 'mine', {}],
    ['resident', 'volunteer', 'get', { id: ids.held }],
    ['staff', 'volunteer', 'roster', { activityId: ids.held }],
    ['neighbour', 'report', 'get', { id: ids.litter }],
    ['resident', 'volunteer', 'certificate', {}],
    ['resident', 'volunteer', 'leaderboard', { scope: 'all' }],
    ['admin', 'open311', 'keys', {}],
    ['admin', 'report', 'dashboard', { from: '2026-12-01', to: '2026-12-10' }],
    ['resident', 'report', 'feed', { scope: 'village' }],
    // issue 28: the ledger, the shop's goods and redemptions, the village's participation, the shopkeeper's shops
    ['resident', 'points', 'mine', {}],
    ['keeper', 'points', 'mine', {}],
    ['resident', 'points', 'goods', { shopId: 'py-01' }],
    ['keeper', 'points', 'goods', { shopId: 'py-01', includeInactive: true }],
    ['keeper', 'points', 'redemptions', { shopId: 'py-01' }],
    ['admin', 'points', 'redemptions', { shopId: 'py-01', month: '2026-12' }],
    ['admin', 'points', 'shopkeepers', { shopId: 'py-01' }],
    ['resident', 'points', 'village', { villageId: 'py-01' }],
    ['keeper', 'user', 'me', {}],
    // issue 26: the households, the committee's lists (published with a withdrawal, a draft), the village page's
    ['staff', 'ranking', 'households', { villageId: 'py-01' }],
    ['staff', 'ranking', 'householdRatings', { villageId: 'py-01', kind: 'shixing', year: '2026' }],
    ['staff', 'ranking', 'householdRatings', { villageId: 'py-01', kind: 'wumei', year: '2026' }],
    ['resident', 'ranking', 'villageHouseholds', { villageId: 'py-01' }],
    // issue 25: consents and mutes, the units' robots (masked), the no-show in the roster and the volunteer's own view
    ['resident', 'user', 'noticeSettings', {}],
    ['neighbour', 'user', 'noticeSettings', {}],
    ['staff', 'user', 'unitChannels', {}],
    ['admin', 'user', 'unitChannels', {}],
    ['keeper', 'volunteer', 'get', { id: ids.held }],
    ['keeper', 'user', 'messages', {}]
  ]
  for (const [who, fn, action, data] of reads) {
    const [a, b] = await Promise.all([local.call(people[who].a, fn, action, data), cloud.call(people[who].b, fn, action, data)])
    expect(a.body.ok).toBe(true)
    expect({ who, fn, action, answer: same(b.body) }).toEqual({ who, fn, action, answer: same(a.body) })
  }

  // what the comparisons above hold (not only that both are equally empty)
  expect((await cloud.ok(people.resident.b, 'points', 'mine', {})).items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['report', 'redemption']))
  expect((await cloud.ok(people.keeper.b, 'points', 'redemptions', { shopId: 'py-01' })).items).toEqual([expect.objectContaining({ total: 4, items: [expect.objectContaining({ name: '香皂', quantity: 2 })] })])
  expect((await cloud.ok(people.resident.b, 'ranking', 'villageHouseholds', { villageId: 'py-01' })).lists).toEqual([expect.objectContaining({ name: '十星级文明户', items: [{ label: '张** 家 · 1组12号', stars: ['爱国守法星', '诚信友善星'] }] })])
  expect(await cloud.ok(people.keeper.b, 'user', 'me', {})).toMatchObject({ shopIds: ['py-01'] })
  expect((await cloud.ok(people.resident.b, 'user', 'noticeSettings', {})).consents).toEqual([expect.objectContaining({ templateId: 'tmpl-case', status: 'accepted', remaining: 1 })])
  expect((await cloud.ok(people.neighbour.b, 'user', 'noticeSettings', {})).muted).toEqual(['follow'])
  expect((await cloud.ok(people.staff.b, 'user', 'unitChannels', {}))).toEqual([expect.objectContaining({ unitId: 'unit-chengguan', webhook: expect.stringContaining('693a****1b2c') })])
  expect((await cloud.ok(people.staff.b, 'volunteer', 'roster', { activityId: ids.held })).items).toEqual(expect.arrayContaining([expect.objectContaining({ noShow: true, noShows: 1 })]))

  // the outbox of the units' robots: the posts not yet sent are due on CloudBase as they were locally
  const due = async (c: TestCloud) => (await c.store.notices.duePosts(new Date(0), new Date(now.getTime() + 86400_000), 100)).map((p) => ({ ...p, nextAt: p.nextAt.getTime(), createdAt: p.createdAt.getTime() }))
  const pending = await due(local)
  expect(pending.length).toBeGreaterThan(0)
  expect(await due(cloud)).toEqual(pending)

  // the exported data takes writes: the waiting case is accepted, the waitlisted volunteer moves up
  // on the exported documents as on the adapter's own: every query served by a declared index
  expect(emulator.unindexed()).toEqual([])

  const accepted = await cloud.ok(people.staff.b, 'report', 'accept', { id: ids.pending })
  expect(accepted).toMatchObject({ id: ids.pending, status: 'accepted' })
  await cloud.ok(people.neighbour.b, 'volunteer', 'cancel', { activityId: ids.drive })
  expect(await cloud.ok(people.resident.b, 'volunteer', 'get', { id: ids.drive })).toMatchObject({ mySignup: { status: 'confirmed' } })
  // a new case numbers on from the exported counter, and a retried submit of an exported case answers that case
  const again = await cloud.ok(people.resident.b, 'report', 'create', { clientId: 'export-case-1', category: 'zhandao', description: '路口占道经营很久了', photos: [], location: { latitude: 35.7612, longitude: 115.03 } })
  expect(again.id).toBe(ids.problem)
  // the resident spends at the shop on CloudBase: from her exported balance, the exported stock
  const before = (await cloud.ok(people.resident.b, 'points', 'mine', {})).balance as number
  const shown = await cloud.ok(people.resident.b, 'points', 'code', {})
  expect(await cloud.ok(people.keeper.b, 'points', 'redeem', { clientId: 'export-receipt-2', shopId: 'py-01', code: shown.code, items: [{ goodsId: ids.goods, quantity: 1 }] })).toMatchObject({ total: 2, balanceAfter: before - 2 })
  expect((await cloud.ok(people.keeper.b, 'points', 'goods', { shopId: 'py-01' })).find((g: { id: string }) => g.id === ids.goods)).toMatchObject({ stock: 2 })
  // a retried submit of the exported redemption answers its receipt, and spends nothing
  expect(await cloud.ok(people.keeper.b, 'points', 'redeem', { clientId: 'export-receipt-1', shopId: 'py-01', code: shown.code, items: [{ goodsId: ids.goods, quantity: 2 }] })).toMatchObject({ total: 4 })
  expect((await cloud.ok(people.resident.b, 'points', 'mine', {})).balance).toBe(before - 2)
  expect(emulator.unindexed()).toEqual([])
})
