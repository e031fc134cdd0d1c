/**
 * The CloudBase database as the code needs it: every collection with its permission and its
 * indexes, and what relies on each index. One declaration serves three readers:
 * - the emulator creates exactly these collections and reports every query no index here serves
 *   (cloud/emulator/indexes.ts; the journeys assert none);
 * - `npm run deploy` creates what is missing in an environment (scripts/deploy);
 * - docs/deploy.md's table is generated from it (`npm run docs:deploy`).
 *
 * A query is served by an index when it constrains the index's first field (equality, `$in` or a
 * range), or, without any condition, when it is ordered by the index's first field; `_id` is always
 * indexed. `$or` is served when each branch is. CloudBase allows at most 20 indexes a collection,
 * the `_id` index included (MAX_INDEXES).
 */
import { COLLECTIONS } from './db'

/** CloudBase's collection permissions; every collection here is 仅管理端可读写 (the functions check identity and roles). */
export type Permission = 'ADMINONLY' | 'ADMINWRITE' | 'READONLY' | 'PRIVATE'

export interface IndexDecl {
  /** Fields in order; 1 ascending, -1 descending. */
  fields: [string, 1 | -1][]
  unique?: boolean
  /** What relies on it (contract actions, the sla sweep, Open311 …). */
  for: string
}

export interface CollectionDecl {
  name: string
  permission: Permission
  /** What is kept there (docs/deploy.md). */
  documents: string
  indexes: IndexDecl[]
}

/** CloudBase's limit of indexes a collection, the `_id` index included. */
export const MAX_INDEXES = 20

const asc = (field: string): [string, 1] => [field, 1]
const desc = (field: string): [string, -1] => [field, -1]
const ix = (fields: [string, 1 | -1][], why: string, unique = false): IndexDecl => (unique ? { fields, unique, for: why } : { fields, for: why })

export const SCHEMA: readonly CollectionDecl[] = [
  {
    name: COLLECTIONS.users, permission: 'ADMINONLY',
    documents: 'one per user, `_id` = OPENID; `points`, `volunteerMinutes` kept on it; `userId` the opaque handle admins name users by; `gridVillageIds` of 网格员',
    indexes: [
      ix([asc('userId')], 'user.search, user.setRole, the console\'s sign-in (a user by handle)', true),
      ix([asc('role'), asc('userId')], 'user.search by role, staff lists, first admin'),
      ix([asc('gridVillageIds'), asc('userId')], 'a village\'s 网格员 (user.setGrid, report notifications)'),
      ix([asc('shopIds'), asc('userId')], 'a shop\'s shopkeepers (points.shopkeepers)'),
      ix([desc('volunteerMinutes')], 'volunteer.leaderboard')
    ]
  },
  { name: COLLECTIONS.directory, permission: 'ADMINONLY', documents: 'one document, `_id` = `reference`: the regions, units, categories and 分包 responsibilities (every read of reference data is one call)', indexes: [] },
  { name: COLLECTIONS.counters, permission: 'ADMINONLY', documents: 'one per counter, `_id` = counter name, `{ value }`', indexes: [] },
  {
    name: COLLECTIONS.messages, permission: 'ADMINONLY',
    documents: '站内消息; `pushPending` marks the outbox of subscribe messages',
    indexes: [
      ix([asc('openid'), desc('createdAt')], 'user.messages'),
      ix([asc('openid'), asc('read')], 'user.unreadCount, user.readMessages'),
      ix([asc('pushPending'), asc('createdAt')], 'the sla sweep: pushes of the outbox not sent')
    ]
  },
  {
    name: COLLECTIONS.reports, permission: 'ADMINONLY',
    documents: '随手拍 cases, `_id` = case id; `timeline` holds the public timeline; `kind` (`praise` for 文明点赞), `source`, `moderation`',
    indexes: [
      ix([asc('openid'), desc('createdAt')], 'report.mine, daily limits'),
      ix([desc('createdAt')], 'report.queue without a filter (newest first), the month\'s figures'),
      ix([asc('unitId'), desc('createdAt')], 'report.queue of a unit'),
      ix([asc('status'), desc('createdAt')], 'report.queue by status, Open311 requests by status'),
      ix([asc('status'), asc('dueAt')], 'the sla sweep: deadlines'),
      ix([asc('status'), asc('resolvedAt')], 'the sla sweep: auto-closing resolved cases'),
      ix([asc('status'), asc('latitude'), asc('longitude')], 'report.map'),
      ix([asc('villageId'), asc('createdAt')], 'report.figures, the village page'),
      ix([asc('villageId'), asc('status'), desc('createdAt')], 'report.feed (身边的随手拍)'),
      ix([asc('kind'), asc('status'), desc('createdAt')], 'report.praiseWall (点赞墙), report.feed'),
      ix([asc('kind'), asc('createdAt')], 'report.dashboard'),
      ix([asc('kind'), asc('unitId'), asc('createdAt')], 'report.dashboard by unit'),
      ix([asc('kind'), asc('resolvedAt')], 'report.dashboard: resolved'),
      ix([asc('kind'), asc('dueAt')], 'report.dashboard: overdue'),
      ix([asc('kind'), asc('category'), desc('createdAt')], 'report.queue by category (工单 search)'),
      ix([asc('unitId'), asc('category'), desc('createdAt')], 'report.queue of a unit by category'),
      ix([asc('source'), desc('createdAt')], 'report.queue by source (`app`, `open311:<partner>`)'),
      ix([asc('moderation'), asc('createdAt')], 'the sla sweep: cases pending the image check')
    ]
  },
  { name: COLLECTIONS.reportClients, permission: 'ADMINONLY', documents: 'idempotency keys, `_id` = `<openid>:<clientId>` → `{ reportId }`', indexes: [] },
  {
    name: COLLECTIONS.reportEvents, permission: 'ADMINONLY',
    documents: 'the audit log of every change, insert-only',
    indexes: [
      ix([asc('reportId'), asc('at')], 'report.get (a case\'s history)'),
      ix([asc('at')], 'Open311 changes since'),
      ix([asc('action'), asc('at')], 'report.dashboard')
    ]
  },
  {
    name: COLLECTIONS.reportSupports, permission: 'ADMINONLY',
    documents: '"我也遇到", `_id` = `<reportId>:<openid>`',
    indexes: [ix([asc('reportId')], 'who to tell when a drive fixed the case')]
  },
  {
    name: COLLECTIONS.reportSupplements, permission: 'ADMINONLY',
    documents: '补充 given with "我也遇到", insert-only, `_id` = `<reportId>:<digest of the neighbour\'s supplementOwner and clientId>`; no openid',
    indexes: [ix([asc('reportId'), asc('at')], 'report.get (a case\'s 补充, oldest first, at most 30)')]
  },
  {
    name: COLLECTIONS.activities, permission: 'ADMINONLY',
    documents: 'drives; `confirmedCount`, `waitlistCount`, the ordered `waitlist`, after a 发起清理 drive its `outcomes` and `fixedCount`, `remindedAt`',
    indexes: [
      ix([asc('villageId'), asc('endAt'), asc('startAt')], 'volunteer.list of a village'),
      ix([asc('endAt'), asc('startAt')], 'volunteer.list, the sla sweep: settling ended drives'),
      ix([asc('villageId'), asc('cancelled'), asc('startAt')], 'drives held in a village: the village page, report.figures, score entry'),
      ix([asc('startAt'), asc('cancelled')], 'the sla sweep: the evening-before reminder')
    ]
  },
  {
    name: COLLECTIONS.signups, permission: 'ADMINONLY',
    documents: '`_id` = `<activityId>_<openid>`',
    indexes: [
      ix([asc('activityId')], 'a drive\'s roster'),
      ix([asc('openid'), desc('signedUpAt')], 'volunteer.mine'),
      ix([asc('status')], 'the sla sweep: volunteers still checked in'),
      ix([asc('minutes')], 'volunteer.leaderboard (credited minutes)'),
      ix([asc('openid'), asc('status')], 'volunteer.certificate (a volunteer\'s completed drives)')
    ]
  },
  {
    name: COLLECTIONS.submissions, permission: 'ADMINONLY',
    documents: 'every score submission (history), insert-only',
    indexes: [ix([asc('villageId'), asc('period'), desc('submittedAt')], 'ranking.evaluationHistory')]
  },
  {
    name: COLLECTIONS.periods, permission: 'ADMINONLY',
    documents: 'one per month, `_id` = `YYYY-MM`: every village\'s current scores, total and rank (the board\'s read model)',
    indexes: [ix([desc('period')], 'ranking.periods, ranking.board')]
  },
  { name: COLLECTIONS.stars, permission: 'ADMINONLY', documents: 'one document, `_id` = `all`: every village\'s 五星支部 stars', indexes: [] },
  {
    name: COLLECTIONS.certificates, permission: 'ADMINONLY',
    documents: '志愿服务证明, `_id` = the certificate number',
    indexes: [ix([asc('openid'), desc('issuedAt')], 'volunteer.certificate')]
  },
  {
    name: COLLECTIONS.operations, permission: 'ADMINONLY',
    documents: 'the operation log (scores, stars, roles, geography, deleted accounts; before and after), insert-only',
    indexes: [
      ix([asc('target'), desc('at')], 'user.operationLog of one target'),
      ix([asc('actorOpenid'), desc('at')], 'user.operationLog by person (issue 24)'),
      ix([asc('action'), desc('at')], 'user.operationLog by action (issue 24)'),
      ix([desc('at'), asc('_id')], 'user.operationLog, newest first')
    ]
  },
  {
    name: COLLECTIONS.open311Keys, permission: 'ADMINONLY',
    documents: 'Open311 partner keys, `_id` = key id: a sha256 of the key, never the key',
    indexes: [ix([desc('createdAt')], 'open311.keys')]
  },
  {
    name: COLLECTIONS.consoleLogins, permission: 'ADMINONLY',
    documents: 'the console\'s one-time QR sign-in requests, `_id` = request id: a sha256 of the code',
    indexes: [ix([asc('createdAt')], 'the sla sweep: requests older than a day')]
  },
  {
    name: COLLECTIONS.uploads, permission: 'ADMINONLY',
    documents: 'WeChat photos, `_id` = the photo\'s 32-hex name: `owner`, `bytes`, `at`, `used`, `fileId`',
    indexes: [
      ix([asc('owner'), asc('at')], 'bytes a day of an owner'),
      ix([asc('used'), asc('at')], 'the sweep of unused uploads')
    ]
  },
  { name: COLLECTIONS.mediaChecks, permission: 'ADMINONLY', documents: 'image-check trace ids, `_id` = trace id → `{ reportId, photo, at }`', indexes: [] },
  {
    name: COLLECTIONS.pointsLedger, permission: 'ADMINONLY',
    documents: 'the 积分 ledger (issue 28), insert-only: `_id` = the cause\'s entry id (`report:report:<case id>:<openid>`, `reversal:<entry id>` …), `openid`, `amount` (signed), `kind`, `ref`, `reason`, `at`, `by`, `villageId`; balances are `users.points`, written in the same transaction',
    indexes: [
      ix([asc('openid'), desc('at'), desc('_id')], 'points.mine (a person\'s history), 账号注销'),
      ix([asc('villageId'), asc('at')], 'points.village (a village\'s month of participation)'),
      ix([asc('at'), asc('_id')], 'the sla timer\'s expiry of points (config points.expiryMonths), in batches oldest first')
    ]
  },
  {
    name: COLLECTIONS.shopGoods, permission: 'ADMINONLY',
    documents: '积分超市 goods, `_id` = goods id: `shopId` (a village or town), `name`, `price`, `stock`, `active`, `createdAt`',
    indexes: [ix([asc('shopId'), asc('createdAt')], 'points.goods (a shop\'s goods)')]
  },
  {
    name: COLLECTIONS.pointCodes, permission: 'ADMINONLY',
    documents: 'residents\' one-time codes, `_id` = the code\'s sha256 (never the code): `openid`, `createdAt`, `expiresAt`, `redemptionId`',
    indexes: [ix([asc('createdAt')], 'the sla sweep (codes older than a day)'), ix([asc('openid')], '账号注销 (a person\'s codes)')]
  },
  {
    name: COLLECTIONS.redemptions, permission: 'ADMINONLY',
    documents: '积分超市 redemptions, `_id` = from the shopkeeper and the submit\'s `clientId`: `shopId`, `openid`, `customer`, `keeperOpenid`, `keeper`, `items` (JSON text), `total`, `at`',
    indexes: [ix([asc('shopId'), desc('at'), desc('_id')], 'points.redemptions (a shop\'s month)'), ix([asc('openid')], '账号注销 (a person\'s redemptions)')]
  },
  {
    name: COLLECTIONS.noticeConsents, permission: 'ADMINONLY',
    documents: 'consents to subscribe-message templates, `_id` = `<openid>:<template id>` → `{ openid, templateId, kind, status, credits, updatedAt }` (issue 25)',
    indexes: [ix([asc('openid')], 'user.noticeSettings, 账号注销')]
  },
  {
    name: COLLECTIONS.noticeMutes, permission: 'ADMINONLY',
    documents: '消息设置: what a user stopped being told of, `_id` = `<openid>:<topic>` → `{ openid, topic }`',
    indexes: [ix([asc('openid')], 'user.noticeSettings, the supporters\' notices (their mutes), 账号注销')]
  },
  {
    name: COLLECTIONS.villageFollows, permission: 'ADMINONLY',
    documents: 'the villages residents follow (issue 25), `_id` = `<openid>:<village id>` → `{ openid, villageId, createdAt }`',
    indexes: [ix([asc('openid')], 'user.noticeSettings, 账号注销'), ix([asc('villageId'), asc('openid')], 'the weekly village summaries (followers by village)')]
  },
  {
    name: COLLECTIONS.areaFollows, permission: 'ADMINONLY',
    documents: 'the areas residents follow (issue 25), `_id` = id → `{ openid, latitude, longitude, radius, categories, cells, createdAt }`; `cells`: the 0.05° grid cells the circle\'s box touches (at most 4)',
    indexes: [ix([asc('openid')], 'user.noticeSettings, 账号注销'), ix([asc('cells')], 'a case accepted or fixed: the areas of its grid cell')]
  },
  { name: COLLECTIONS.unitChannels, permission: 'ADMINONLY', documents: 'the units\' 企业微信 群机器人, `_id` = unit id → `{ webhookKey, updatedAt }`: the webhook\'s key, a secret (answered only masked)', indexes: [] },
  {
    name: COLLECTIONS.webhookPosts, permission: 'ADMINONLY',
    documents: 'the outbox of posts to the units\' groups: `{ unitId, kind, content, createdAt, nextAt, attempts, pending, sentAt }`',
    indexes: [ix([asc('pending'), asc('nextAt')], 'the sla sweep (posts due)'), ix([asc('unitId'), asc('sentAt')], 'a robot\'s rate limit (20 a minute)')]
  },
  {
    name: COLLECTIONS.campaign, permission: 'ADMINONLY',
    documents: 'the campaign\'s reference data (issue 26): `_id` = `catalog` (the 测评体系), `sites` (the 创文点位, each a point or a polygon), `roads` (the 包路段), each `{ value }` (the list as JSON text)',
    indexes: []
  },
  { name: COLLECTIONS.campaignRounds, permission: 'ADMINONLY', documents: 'a month\'s inspection round, `_id` = `YYYY-MM`: `status`, `value` (its 点位 and their evaluators, JSON text)', indexes: [] },
  {
    name: COLLECTIONS.campaignInspections, permission: 'ADMINONLY',
    documents: 'one 点位\'s inspection in a round, `_id` = `<YYYY-MM>:<site id>`: `period`, `evaluator`, `villageId`, `unitId`, `at`, `value` (the answers, JSON text)',
    indexes: [ix([asc('period'), asc('evaluator')], 'ranking.findings, ranking.mySites, ranking.closeRound, ranking.unitBoard (a month\'s inspections)')]
  },
  {
    name: COLLECTIONS.households, permission: 'ADMINONLY',
    documents: 'a village\'s households (issue 26: 十星级文明户, 五美庭院), `_id` = village id: `items` (JSON text of `[{ id, head, door }]`: 户主 and 门牌 as the village names them, never an account), `updatedAt`',
    indexes: []
  },
  {
    name: COLLECTIONS.householdRatings, permission: 'ADMINONLY',
    documents: 'the committee\'s draft ratings of a list, `_id` = `<village id>:<kind>:<year>`: `villageId`, `kind`, `year`, `stars` (JSON text: household id → stars), `updatedAt`',
    indexes: []
  },
  {
    name: COLLECTIONS.householdAwards, permission: 'ADMINONLY',
    documents: 'insert-only 文明户 award entries: a published list (`_id` = `list:<village>:<kind>:<year>`, `items` JSON text of the households with their stars) or a withdrawal (`_id` = `withdrawal:<village>:<kind>:<year>:<household id>`, `householdId`, `reason`); `type`, `villageId`, `kind`, `year`, `at`, `byName`',
    indexes: [ix([asc('villageId'), desc('at')], 'ranking.villageHouseholds, householdRatings, the village\'s figures')]
  }
]

/** The name of an index as deploy creates it (stable: fields and directions). */
export function indexName(index: IndexDecl): string {
  return index.fields.map(([f, d]) => `${f}_${d}`).join('_')
}

/** Indexes by collection, for the emulator. */
export function indexesByCollection(schema: readonly CollectionDecl[] = SCHEMA): Record<string, IndexDecl[]> {
  return Object.fromEntries(schema.map((c) => [c.name, c.indexes]))
}
