import type { Role } from '../../types/common'
import type { Message, Unit, User } from '../../types/user'

export type { Unit }
import type { Region } from '../../types/ranking'
import type { ReportCategory } from '../../types/report'
import type { ReportRepo } from './report/ports'
import type { VolunteerRepo } from './volunteer/ports'
import type { RankingRepo } from './ranking/ports'
import type { Open311Repo } from './open311/ports'
import type { PointsRepo, ShopRepo } from './points/ports'
import type { NoticeRepo } from './notices/ports'
import type { CampaignRepo } from './campaign/ports'
import type { HouseholdRepo } from './households/ports'

/**
 * The store port: domain-shaped repositories plus a transaction primitive.
 * Adapters: cloud/store/sqlite (local default) and cloud/store/cloudbase (WeChat Cloud database).
 * Both run the contract suite in test/contract.
 *
 * Inside `transaction`, use only the store handed to the callback. An adapter may restrict what a
 * transaction can do (CloudBase: single-document reads and writes by id), so use cases only call
 * by-id methods inside one.
 */
export interface Store {
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
  users: UserRepo
  directory: DirectoryRepo
  counters: CounterRepo
  messages: MessageRepo
  reports: ReportRepo
  volunteer: VolunteerRepo
  ranking: RankingRepo
  operations: OperationRepo
  /** Open311 partner keys (issue 15). */
  open311: Open311Repo
  /** The console's one-time QR sign-in requests (issue 14, cloud/core/user/consoleLogin.ts). */
  consoleLogins: ConsoleLoginRepo
  /** The 积分 ledger (issue 28, cloud/core/points). */
  points: PointsRepo
  /** The 积分超市: goods, one-time codes, redemptions (issue 28). */
  shop: ShopRepo
  /** Consents to subscribe messages (issue 25, cloud/core/notices). */
  notices: NoticeRepo
  /** The 测评体系, 点位, 路段, rounds and inspections (issue 26, cloud/core/campaign). */
  campaign: CampaignRepo
  /** A village's households, the committee's ratings and the award entries (issue 26, cloud/core/households). */
  households: HouseholdRepo
  /**
   * The store for one call (an action, an Open311 request): the same data, but an adapter may keep
   * what the call has read of small reference data for the rest of the call (CloudBase: the
   * reference document, read at most once a call, read again after the call writes it or runs a
   * transaction — issue 22, every read ≤ 4 calls). Absent: the store itself serves the call.
   */
  forCall?(): Store
  close(): Promise<void>
}

/**
 * One entry of the operation log: who changed what (scores, stars, roles, accounts, geography),
 * when, and the value before and after. Appended in the change's own transaction; never changed
 * or removed (SQLite: triggers; CloudBase: the adapter only inserts, and the collection's
 * permissions allow no client writes).
 */
export interface StoredOperation {
  id: string
  at: Date
  /** Null once the person deleted their account is not needed: the name at the time is kept. */
  actorOpenid: string | null
  actorName: string
  /** e.g. evaluation.submit, evaluation.replace, star.award, star.withdraw, user.setRole, user.delete, geography.import */
  action: string
  /** What it was done to, e.g. `py-01:2026-10` (a village's month), `py-01` (its stars), a user alias. */
  target: string
  before: unknown
  after: unknown
}

/** What `OperationRepo.list` keeps: each given field must match (`from`/`to`: a half-open span of instants); `oldestFirst` orders the list only. */
export interface OperationFilter { target?: string; actorOpenid?: string; action?: string; from?: Date; to?: Date; oldestFirst?: boolean }

export interface OperationRepo {
  append(op: StoredOperation): Promise<void>
  /** Newest first (or oldest), by any of: target, actor, action, and instants in [from, to). */
  list(filter: OperationFilter, cursor: string | undefined, limit: number): Promise<{ items: StoredOperation[]; nextCursor: string | null }>
  /** How many entries `list` finds with this filter, every page (one count). */
  count(filter: OperationFilter): Promise<number>
}

/**
 * A console's one-time sign-in request (扫码登录管理后台): only a hash of its code is kept. Made by
 * the console, confirmed once by a staff member or admin in the app, claimed once by the console.
 */
export interface StoredConsoleLogin {
  id: string
  /** sha256 of the code, hex. */
  codeHash: string
  createdAt: Date
  expiresAt: Date
  /** Wrong codes tried; at five the request is dead. */
  failures: number
  /** The openid of whoever confirmed it (never answered to anyone). */
  confirmedBy: string | null
  confirmedAt: Date | null
  /** When the console took its session: a request gives one session only. */
  claimedAt: Date | null
}

export interface ConsoleLoginRepo {
  get(id: string): Promise<StoredConsoleLogin | null>
  insert(request: StoredConsoleLogin): Promise<void>
  update(id: string, patch: Partial<Pick<StoredConsoleLogin, 'failures' | 'confirmedBy' | 'confirmedAt' | 'claimedAt'>>): Promise<void>
  /** Deletes the requests made before `before` (the sweep): one statement or call however many; answers how many went. */
  removeOlderThan(before: Date): Promise<number>
}

export interface UserRepo {
  get(openid: string): Promise<User | null>
  /** The users of these openids that exist, in any order (one read however many). */
  getMany(openids: string[]): Promise<User[]>
  /** Inserts the user unless one with that openid exists; answers the stored user either way. */
  insertIfAbsent(user: User): Promise<User>
  update(openid: string, patch: Partial<Pick<User, 'nickname' | 'villageId' | 'role' | 'unitId' | 'elderMode' | 'evaluator' | 'realName' | 'userId' | 'gridVillageIds' | 'shopIds'>>): Promise<User>
  /** The user of an opaque handle (`User.userId`), or null. */
  getByUserId(userId: string): Promise<User | null>
  /**
   * 人员 (admins): users whose nickname or real name contains `text` (case-insensitive) or whose village is one of
   * `villageIds`, of a role and/or a village, 网格员 (of a village); in `userId` order, keyset cursor `0:<userId>`.
   * One query. A village's 网格员 are `search({ gridVillageId })`.
   */
  search(filter: UserSearch, cursor: string | undefined, limit: number): Promise<{ items: User[]; nextCursor: string | null }>
  /** How many users `search` finds with this filter, every page (one count). */
  searchTotal(filter: UserSearch): Promise<number>
  /** Adds to the points and volunteer minutes (negative allowed); answers the stored user. Points only with their ledger entry (cloud/core/points/ledger.ts). */
  addTotals(openid: string, delta: { points?: number; volunteerMinutes?: number }): Promise<User>
  listByRole(role: Role): Promise<User[]>
  /** The staff of these units (at most 1,000; one indexed query): who is told of a unit's cases, never a read of every staff member. */
  staffOf(unitIds: readonly string[]): Promise<User[]>
  remove(openid: string): Promise<void>
}

export interface UserSearch {
  /** Part of the nickname or real name. */
  text?: string
  /** With `text`: users of these villages match too (villages whose name contains the text). */
  textVillageIds?: string[]
  role?: Role
  villageId?: string
  /** Only 网格员 (`User.gridVillageIds` not empty). */
  grid?: boolean
  /** Only the 网格员 of this village. */
  gridVillageId?: string
  /** Only the shopkeepers of this 积分超市 (issue 28). */
  shopId?: string
}

/** A report category; its unit is the default, a village's responsibility (分包) may override it. */
export type Category = ReportCategory

/** Towns, villages, units and report categories: reference data, seeded and changed by admins. */
export interface DirectoryRepo {
  putRegion(region: Region): Promise<void>
  /** Puts several regions at once (an import of the district's geography): one write. */
  putRegions(regions: Region[]): Promise<void>
  listRegions(): Promise<Region[]>
  getRegion(id: string): Promise<Region | null>
  putUnit(unit: Unit): Promise<void>
  listUnits(): Promise<Unit[]>
  getUnit(id: string): Promise<Unit | null>
  putCategory(category: Category): Promise<void>
  listCategories(): Promise<Category[]>
  /**
   * The village's 分包 responsibility: which unit handles a category (key: its code) or a whole
   * category group (key: the group name) there. A category's own entry wins over its group's.
   */
  putResponsibility(villageId: string, key: string, unitId: string): Promise<void>
  /** The unit of the first of `keys` (most specific first) the village has an entry for, else null. */
  getResponsibility(villageId: string, keys: string[]): Promise<string | null>
  /** Every 分包 entry (scope: a village, or a town for all its villages), in one read (the console's routing grid). */
  listResponsibilities(): Promise<Responsibility[]>
  /** Puts (unitId) or removes (null) several 分包 entries at once: one write. */
  setResponsibilities(changes: { scopeId: string; key: string; unitId: string | null }[]): Promise<void>
  /** A district setting kept with the reference data (`workCalendar`, `publishedPeriods`): its JSON value, or null. */
  getSetting(key: string): Promise<unknown>
  putSetting(key: string, value: unknown): Promise<void>
}

/** One 分包 entry: in `scopeId` (a village, or a town: all its villages without their own entry), `key` (a category code or group) goes to `unitId`. */
export interface Responsibility { scopeId: string; key: string; unitId: string }

/** Named integer counters in their own records (CloudBase: one document each). */
export interface CounterRepo {
  get(name: string): Promise<number>
  /** Adds `delta` and answers the new value. */
  add(name: string, delta: number): Promise<number>
  /**
   * Adds one while the counter is below `allowed`; answers whether it did. One conditional update
   * outside a transaction (CloudBase: no transaction on the counter document, issue 22), by id
   * inside one (rolled back with it).
   */
  take(name: string, allowed: number): Promise<boolean>
}

export interface StoredMessage extends Omit<Message, 'createdAt' | 'read'> {
  openid: string
  createdAt: Date
}

/** 站内消息, newest first. Cursors are opaque strings made by the adapter. */
export interface MessageRepo {
  insert(message: StoredMessage): Promise<void>
  list(openid: string, cursor: string | undefined, limit: number): Promise<{ items: (StoredMessage & { read: boolean })[]; nextCursor: string | null }>
  unreadCount(openid: string): Promise<number>
  /** Marks the user's messages read (only the given ids, or all); answers the unread count left. */
  markRead(openid: string, ids: string[] | null): Promise<number>
  /**
   * The outbox of subscribe messages: every inserted message is pending until `markPushed` (pushed,
   * or settled as 站内消息 only: no template, no consent, or refused by WeChat).
   * Pending messages created in [from, to], oldest first.
   */
  pendingPush(from: Date, to: Date, limit: number): Promise<StoredMessage[]>
  markPushed(ids: string[]): Promise<void>
  /** Deletes every message of the user (账号注销). */
  removeAll(openid: string): Promise<void>
}
