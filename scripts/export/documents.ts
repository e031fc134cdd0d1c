/**
 * The local server's SQLite database as CloudBase documents (`npm run export:cloudbase`,
 * docs/deploy.md §10): every row read with the SQLite adapter's own row mappers
 * (cloud/store/sqlite/*, and cloud/store/caseFields.ts for cases) into the stored value the two
 * adapters share, then written as the CloudBase adapter stores that value (cloud/store/cloudbase/*:
 * dates as epoch ms through `storedFields`, the reference data as one `directory/reference`
 * document, the month's scores in `evaluation_periods/<YYYY-MM>`, the stars in `village_stars/all`,
 * a case's public timeline and supporters on its document, a drive's `holders` and `waitlist`).
 * Every document has a fixed `_id` derived from its row, so a second export writes the same documents.
 *
 * `MOVED` and `NOT_MOVED` name every table of the migrated database: test/unit/exportTables.test.ts
 * fails when a migration adds a table that neither lists (and when `MOVED` names a table this file
 * does not read), so a new feature's data cannot be left behind unnoticed.
 */
import type { Db } from '../../cloud/store/sqlite'
import { fromRow, type CaseRow } from '../../cloud/store/caseFields'
import { toUser } from '../../cloud/store/sqlite/users'
import { toCategory, toRegion, toUnit } from '../../cloud/store/sqlite/directory'
import { toMessage } from '../../cloud/store/sqlite/messages'
import { toOperation } from '../../cloud/store/sqlite/operations'
import { toEvaluation } from '../../cloud/store/sqlite/ranking'
import { toActivity, toCertificate, toSignup } from '../../cloud/store/sqlite/volunteer'
import { toKey } from '../../cloud/store/sqlite/open311'
import { toEntry } from '../../cloud/store/sqlite/points'
import { toGoods, toRedemption } from '../../cloud/store/sqlite/shop'
import { toAwardEntry, toHouseholds, toRatings } from '../../cloud/store/sqlite/households'
import { toArea, toChannel, toConsent, toPost } from '../../cloud/store/sqlite/notices'
import { body, COLLECTIONS as C, storedFields, type Doc } from '../../cloud/store/cloudbase/db'
import { entryFields } from '../../cloud/store/cloudbase/points'
import { supplementId } from '../../cloud/core/report/model'
import { goodsFields, redemptionFields } from '../../cloud/store/cloudbase/shop'
import { awardEntryFields, householdsFields, ratingsFields } from '../../cloud/store/cloudbase/households'
import { areaFields, channelFields, consentFields, followFields, idOf, muteFields, postFields } from '../../cloud/store/cloudbase/notices'
import { regionDoc, REFERENCE_DOC } from '../../cloud/store/cloudbase'
import { toInspection, toRound } from '../../cloud/store/sqlite/campaign'
import { inspectionFields, roundFields } from '../../cloud/store/cloudbase/campaign'
import type { ReportEvent, StoredReport } from '../../cloud/core/report/ports'
import type { StoredActivity } from '../../cloud/core/volunteer/ports'
import type { SignupStatus } from '../../types/volunteer'

/** A document to write: its collection, `_id` and fields. */
export interface Written {
  collection: string
  _id: string
  data: Doc
}

/** The photo fields of a case and a drive: rewritten when photos move to cloud storage. */
export type PhotoIdOf = (localId: string) => string

type Rows<T> = T[]
const all = <T>(db: Db, sql: string): Rows<T> => db.prepare(sql).all() as T[]
type RowOf<F> = F extends (row: infer R) => unknown ? R : never

/** Each SQLite table this export reads, and the collections its rows become. */
export const MOVED: Readonly<Record<string, readonly string[]>> = {
  settings: [C.directory], regions: [C.directory], units: [C.directory], categories: [C.directory], responsibilities: [C.directory],
  users: [C.users],
  counters: [C.counters],
  messages: [C.messages],
  reports: [C.reports, C.reportClients],
  report_events: [C.reports, C.reportEvents],
  report_supports: [C.reports, C.reportSupports],
  report_supplements: [C.reportSupplements],
  activities: [C.activities],
  signups: [C.signups, C.activities],
  certificates: [C.certificates],
  evaluation_submissions: [C.submissions],
  evaluation_current: [C.periods],
  village_stars: [C.stars],
  operation_log: [C.operations],
  open311_keys: [C.open311Keys],
  points_ledger: [C.pointsLedger],
  shop_goods: [C.shopGoods],
  redemptions: [C.redemptions],
  notice_consents: [C.noticeConsents],
  notice_mutes: [C.noticeMutes],
  village_follows: [C.villageFollows],
  area_follows: [C.areaFollows],
  area_follow_cells: [C.areaFollows],
  unit_channels: [C.unitChannels],
  webhook_posts: [C.webhookPosts],
  campaign_docs: [C.campaign],
  campaign_rounds: [C.campaignRounds],
  campaign_inspections: [C.campaignInspections],
  households: [C.households],
  household_ratings: [C.householdRatings],
  household_awards: [C.householdAwards]
}

/** Each SQLite table deliberately left behind, with the reason (docs/deploy.md §10). */
export const NOT_MOVED: Readonly<Record<string, string>> = {
  console_logins: 'the console\'s one-time QR sign-in requests: minutes long, the people sign in again',
  point_codes: '积分超市 one-time codes: two minutes long, and the local server is stopped for the move; the resident shows a new one (刷新)',
  public_version: 'a counter of writes to cases and reference data (migration 033) that keys the local server\'s cache of Open311 answers; CloudBase caches none',
  reports_geo: 'the R*Tree index of the cases\' points, derived from the cases (on CloudBase each case\'s latitude and longitude, moved with it, are indexed)',
  reports_geo_node: 'SQLite\'s own storage of the reports_geo R*Tree',
  reports_geo_parent: 'SQLite\'s own storage of the reports_geo R*Tree',
  reports_geo_rowid: 'SQLite\'s own storage of the reports_geo R*Tree',
  schema_migrations: 'the local database\'s migration record (CloudBase\'s collections come from npm run deploy)',
  sqlite_sequence: 'SQLite\'s own AUTOINCREMENT counters (the sequence numbers that matter move in the `_id`s)'
}

/** Signups that hold a place of their drive (cloudbase volunteer.ts: `holders`). */
const HOLDING: SignupStatus[] = ['confirmed', 'checkedIn', 'completed']

export function* documentsOf(db: Db, photoIdOf: PhotoIdOf = (id) => id): Generator<Written> {
  const doc = (collection: string, _id: string, data: Doc): Written => ({ collection, _id, data: body(data) })
  const photos = (ids: string[]) => ids.map(photoIdOf)

  // reference data: one document (cloudbase index.ts `directory`)
  const settings = Object.fromEntries(all<{ key: string; value: string }>(db, 'SELECT key, value FROM settings ORDER BY rowid').map((s) => [s.key, s.value]))
  yield doc(C.directory, REFERENCE_DOC, {
    regions: all<RowOf<typeof toRegion>>(db, 'SELECT * FROM regions ORDER BY rowid').map(toRegion).map(regionDoc),
    units: all<RowOf<typeof toUnit>>(db, 'SELECT * FROM units ORDER BY rowid').map((r) => ({ ...toUnit(r) })),
    categories: all<RowOf<typeof toCategory>>(db, 'SELECT * FROM categories ORDER BY rowid').map((r) => ({ ...toCategory(r) })),
    responsibilities: all<{ village_id: string; grp: string; unit_id: string }>(db, 'SELECT * FROM responsibilities ORDER BY rowid').map((r) => ({ villageId: r.village_id, key: r.grp, unitId: r.unit_id })),
    settings
  })

  for (const r of all<RowOf<typeof toUser>>(db, 'SELECT * FROM users ORDER BY openid')) {
    const { openid, ...rest } = toUser(r)
    yield doc(C.users, openid, storedFields(rest))
  }
  for (const r of all<{ name: string; value: number }>(db, 'SELECT * FROM counters ORDER BY name')) yield doc(C.counters, r.name, { value: r.value })
  for (const r of all<RowOf<typeof toMessage> & { push_pending: number }>(db, 'SELECT * FROM messages ORDER BY created_at, id')) {
    const m = toMessage(r)
    yield doc(C.messages, m.id, { ...storedFields({ ...m }), pushPending: r.push_pending === 1 })
  }

  // cases: the case's fields as caseFields.ts describes them, with the public timeline and the supporters on the document
  type EventRow = { seq: number; report_id: string; at: number; action: string; status: ReportEvent['status']; note: string | null; actor_role: ReportEvent['actorRole']; actor_openid: string | null; unit_id: string | null }
  const eventsOf = new Map<string, EventRow[]>()
  for (const e of all<EventRow>(db, 'SELECT * FROM report_events ORDER BY seq')) {
    if (!eventsOf.has(e.report_id)) eventsOf.set(e.report_id, [])
    eventsOf.get(e.report_id)!.push(e)
  }
  const supportsOf = new Map<string, { openid: string; at: number }[]>()
  const supports = all<{ report_id: string; openid: string; at: number }>(db, 'SELECT * FROM report_supports ORDER BY at, openid')
  for (const s of supports) {
    if (!supportsOf.has(s.report_id)) supportsOf.set(s.report_id, [])
    supportsOf.get(s.report_id)!.push(s)
  }
  const event = (e: EventRow): Doc => storedFields({
    reportId: e.report_id, at: e.at, action: e.action, status: e.status, note: e.note, actorRole: e.actor_role, actorOpenid: e.actor_openid,
    ...(e.unit_id !== null ? { unitId: e.unit_id } : {})
  })
  for (const row of all<CaseRow>(db, 'SELECT * FROM reports ORDER BY created_at, id')) {
    const r: StoredReport = fromRow(row)
    const { id, ...rest } = r
    const moved = { ...rest, photos: photos(r.photos), afterPhotos: photos(r.afterPhotos), uncheckedPhotos: photos(r.uncheckedPhotos ?? []), hiddenPhotos: photos(r.hiddenPhotos ?? []) }
    const timeline = (eventsOf.get(id) ?? []).map((e) => {
      const { reportId, ...inTimeline } = event(e)
      void reportId
      return inTimeline
    })
    yield doc(C.reports, id, { ...storedFields(moved), timeline, supporters: (supportsOf.get(id) ?? []).map((s) => s.openid) })
    yield doc(C.reportClients, `${r.openid}:${r.clientId}`, { reportId: id })
  }
  // the audit log: one document per event, `_id` from its report, time and sequence number
  for (const list of eventsOf.values()) for (const e of list) yield doc(C.reportEvents, `${e.report_id}:${e.at}:${e.seq}`, event(e))
  for (const s of supports) yield doc(C.reportSupports, `${s.report_id}:${s.openid}`, { reportId: s.report_id, openid: s.openid, at: s.at })
  // 补充 (migration 037): one document each, its id as the adapter derives it, its photos moved with the case's
  for (const x of all<{ report_id: string; by_owner: string; client_id: string; at: number; note: string | null; photos: string }>(db, 'SELECT * FROM report_supplements ORDER BY at, rowid')) {
    yield doc(C.reportSupplements, supplementId(x.report_id, x.by_owner, x.client_id), { reportId: x.report_id, by: x.by_owner, clientId: x.client_id, at: x.at, note: x.note, photos: photos(JSON.parse(x.photos) as string[]) })
  }

  // drives, with the ledger the CloudBase adapter keeps on each (holders, the ordered waitlist)
  const signups = all<RowOf<typeof toSignup>>(db, 'SELECT * FROM signups ORDER BY signed_up_at, openid').map(toSignup)
  for (const r of all<RowOf<typeof toActivity>>(db, 'SELECT * FROM activities ORDER BY created_at, id')) {
    const a: StoredActivity = toActivity(r)
    const { id, remindedAt, ...rest } = a
    const mine = signups.filter((s) => s.activityId === id)
    yield doc(C.activities, id, {
      ...storedFields(rest),
      ...(remindedAt ? { remindedAt: remindedAt.getTime() } : {}),
      outcomes: (a.outcomes ?? []).map((o) => ({ ...o, photos: photos(o.photos), recordedAt: o.recordedAt.getTime() })),
      holders: mine.filter((s) => HOLDING.includes(s.status)).map((s) => s.openid),
      waitlist: mine.filter((s) => s.status === 'waitlisted').sort((x, y) => x.seq - y.seq).map((s) => ({ openid: s.openid, seq: s.seq }))
    })
  }
  for (const s of signups) yield doc(C.signups, `${s.activityId}_${s.openid}`, storedFields({ ...s, codeFailures: s.codeFailures ?? 0, codeLockedUntil: s.codeLockedUntil ?? null }))
  for (const r of all<RowOf<typeof toCertificate>>(db, 'SELECT * FROM certificates ORDER BY number')) {
    const { number, ...rest } = toCertificate(r)
    yield doc(C.certificates, number, storedFields({ ...rest }))
  }

  // scores: the history, and the month's read model (cloudbase ranking.ts)
  for (const r of all<RowOf<typeof toEvaluation> & { seq: number }>(db, 'SELECT * FROM evaluation_submissions ORDER BY seq')) {
    const e = toEvaluation(r)
    const at = e.submittedAt.getTime()
    yield doc(C.submissions, `${e.period}:${e.villageId}:${at}:${r.seq}`, { villageId: e.villageId, period: e.period, kind: e.kind, scores: e.scores, total: e.total, submittedAt: at, submittedBy: e.submittedBy, ...(e.suggested ? { suggested: e.suggested } : {}) })
  }
  const months = new Map<string, Record<string, Doc>>()
  for (const r of all<RowOf<typeof toEvaluation> & { rank: number }>(db, 'SELECT * FROM evaluation_current ORDER BY period, village_id')) {
    const e = toEvaluation(r)
    if (!months.has(e.period)) months.set(e.period, {})
    months.get(e.period)![e.villageId] = { kind: e.kind, scores: e.scores, total: e.total, rank: r.rank, submittedAt: e.submittedAt.getTime(), submittedBy: e.submittedBy }
  }
  for (const [period, villages] of months) yield doc(C.periods, period, { period, villages })
  const stars: Record<string, string[]> = {}
  for (const s of all<{ village_id: string; star: string }>(db, 'SELECT village_id, star FROM village_stars ORDER BY awarded_at, rowid')) (stars[s.village_id] ??= []).push(s.star)
  if (Object.keys(stars).length) yield doc(C.stars, 'all', { villages: stars })

  for (const r of all<RowOf<typeof toOperation>>(db, 'SELECT * FROM operation_log ORDER BY seq')) {
    const { id, ...op } = toOperation(r)
    yield doc(C.operations, id, storedFields({ ...op, before: op.before === null ? null : JSON.stringify(op.before), after: op.after === null ? null : JSON.stringify(op.after) }))
  }
  for (const r of all<RowOf<typeof toKey>>(db, 'SELECT * FROM open311_keys ORDER BY created_at, id')) {
    const { id, ...rest } = toKey(r)
    yield doc(C.open311Keys, id, storedFields(rest))
  }

  // the 积分 ledger, the 积分超市's goods and redemptions (issue 28; users' `shopIds` move with the users);
  // the one-time codes stay behind (NOT_MOVED)
  for (const r of all<RowOf<typeof toEntry>>(db, 'SELECT * FROM points_ledger ORDER BY at, id')) yield doc(C.pointsLedger, r.id, entryFields(toEntry(r)))
  for (const r of all<RowOf<typeof toGoods>>(db, 'SELECT * FROM shop_goods ORDER BY created_at, id')) yield doc(C.shopGoods, r.id, goodsFields(toGoods(r)))
  for (const r of all<RowOf<typeof toRedemption>>(db, 'SELECT * FROM redemptions ORDER BY at, id')) yield doc(C.redemptions, r.id, redemptionFields(toRedemption(r)))

  // subscribe-message consents, 消息设置's mutes, the units' group robots and their outbox: posts
  // not yet sent stay `pending` and are sent from CloudBase (issue 25; signups' `noShow` moves with the signups)
  for (const r of all<RowOf<typeof toConsent>>(db, 'SELECT * FROM notice_consents ORDER BY openid, template_id')) {
    const c = toConsent(r)
    yield doc(C.noticeConsents, idOf(c.openid, c.templateId), consentFields(c))
  }
  for (const r of all<{ openid: string; topic: string }>(db, 'SELECT openid, topic FROM notice_mutes ORDER BY openid, topic')) yield doc(C.noticeMutes, idOf(r.openid, r.topic), muteFields(r.openid, r.topic))
  for (const r of all<{ openid: string; village_id: string; created_at: number }>(db, 'SELECT openid, village_id, created_at FROM village_follows ORDER BY openid, village_id')) {
    yield doc(C.villageFollows, idOf(r.openid, r.village_id), followFields(r.openid, r.village_id, new Date(r.created_at)))
  }
  for (const r of all<Parameters<typeof toArea>[0]>(db, 'SELECT a.*, (SELECT group_concat(cell) FROM area_follow_cells c WHERE c.follow_id = a.id) AS cells FROM area_follows a ORDER BY a.id')) {
    const a = toArea(r)
    yield doc(C.areaFollows, a.id, areaFields(a))
  }
  for (const r of all<RowOf<typeof toChannel>>(db, 'SELECT * FROM unit_channels ORDER BY unit_id')) {
    const c = toChannel(r)
    yield doc(C.unitChannels, c.unitId, channelFields(c.webhookKey, c.updatedAt))
  }
  for (const r of all<RowOf<typeof toPost>>(db, 'SELECT * FROM webhook_posts ORDER BY created_at, id')) yield doc(C.webhookPosts, r.id, postFields(toPost(r)))

  // the campaign (issue 26): the 测评体系, 点位 and 路段 documents as they are, the rounds, the
  // inspections (their photos moved like the cases')
  for (const r of all<{ key: string; value: string }>(db, 'SELECT key, value FROM campaign_docs ORDER BY key')) yield doc(C.campaign, r.key, { value: r.value })
  for (const r of all<{ value: string }>(db, 'SELECT value FROM campaign_rounds ORDER BY period')) {
    const round = toRound(r.value)
    yield doc(C.campaignRounds, round.period, roundFields(round))
  }
  for (const r of all<{ value: string }>(db, 'SELECT value FROM campaign_inspections ORDER BY id')) {
    const i = toInspection(r.value)
    yield doc(C.campaignInspections, i.id, inspectionFields({ ...i, answers: i.answers.map((a) => ({ ...a, photos: photos(a.photos) })) }))
  }
  // 文明户 (issue 26): a village's households (one document each village), the committee's draft ratings, the award entries
  for (const r of all<RowOf<typeof toHouseholds>>(db, 'SELECT * FROM households ORDER BY village_id')) yield doc(C.households, r.village_id, householdsFields(toHouseholds(r)))
  for (const r of all<RowOf<typeof toRatings>>(db, 'SELECT * FROM household_ratings ORDER BY id')) yield doc(C.householdRatings, r.id, ratingsFields(toRatings(r)))
  for (const r of all<RowOf<typeof toAwardEntry>>(db, 'SELECT * FROM household_awards ORDER BY at, id')) yield doc(C.householdAwards, r.id, awardEntryFields(toAwardEntry(r)))
}
