import { z } from 'zod'
import { action, id, pageInput, ROLES, tableInput, type Page, type Role } from './common'
import { GRID_VILLAGES_MAX } from './names'

export { GRID_VILLAGES_MAX } from './names'

export interface User {
  openid: string
  nickname: string
  role: Role
  unitId: string | null
  villageId: string | null
  points: number
  volunteerMinutes: number
  /** 长辈模式: large text, large touch targets, high contrast. */
  elderMode: boolean
  /** Named by an admin as an evaluator (测评员): may enter villages' scores. */
  evaluator?: boolean
  /** 真实姓名 for the 志愿服务证明: shown only to its owner, on the certificate and to a drive's organizer. */
  realName?: string | null
  /** The user's opaque handle (a stored random id, never derived from the openid): how admins name a user (`user.search`, `user.setRole`). */
  userId?: string
  /** 网格员 of these villages (named by an admin, `user.setGrid`); absent when none. Grants no rights: the role decides those. */
  gridVillageIds?: string[]
  /** Shopkeeper of these 积分超市 (villages or towns; named by an admin, `points.setShopkeeper`); absent when none. */
  shopIds?: string[]
  /**
   * `user.me` only: the caller dispatches cases (an admin or staff of a dispatching unit: 转办, 延期审批,
   * 督办, 核查 anywhere, every unit's queue) — the case model's rule (`isDispatcher`), said once.
   */
  mayDispatch?: boolean
  /**
   * `user.me` only: the caller is an evaluator (测评员: an admin, a user an admin named, staff of the
   * evaluator units in config) — `mayEvaluate`, said once; the app shows 我的测评点位 to them.
   */
  mayEvaluate?: boolean
}


/**
 * A user as the console's 人员 page shows them: the opaque `userId`, never the openid (no openid
 * leaves the server except to its owner), and the real name only masked (张*明).
 */
export interface Person {
  userId: string
  nickname: string
  role: Role
  unitId: string | null
  villageId: string | null
  evaluator: boolean
  /** The 真实姓名 masked (张*明), or null when none is given. */
  realName: string | null
  points: number
  volunteerMinutes: number
  /** The villages this person is 网格员 of (`user.setGrid`), in the order named; empty: not a 网格员. */
  gridVillageIds: string[]
  /** The 积分超市 this person keeps (`points.setShopkeeper`); empty: none. */
  shopIds: string[]
}

/** One entry of the operation log (admins): who did what, when, the value before and after. */
/** Every action the operation log records, in the words a 文明办 clerk uses (the console shows only these). */
export const OPERATION_NAMES = {
  'user.setRole': '设置角色',
  'user.setGrid': '设置网格员',
  'user.delete': '账号注销',
  'evaluation.submit': '录入测评分',
  'evaluation.replace': '修改测评分',
  'period.publish': '发布测评结果',
  'period.withdraw': '撤回测评结果',
  'star.award': '授予星级',
  'star.withdraw': '撤销星级',
  'geography.import': '导入村居地理',
  'regions.import': '导入村居名单',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'category.create': '新增问题类别',
  'category.update': '修改问题类别',
  'routing.set': '设置分派规则',
  'calendar.set': '设置工作日历',
  'open311.createKey': '生成 Open311 密钥',
  'open311.revokeKey': '停用 Open311 密钥',
  'open311.setStatusChanges': '设置接入系统可否办结工单',
  'console.signIn': '扫码登录管理后台',
  'shop.goods.add': '积分超市上架商品',
  'shop.goods.update': '修改积分超市商品',
  'user.setShopkeeper': '设置积分超市店员',
  'unit.webhook': '设置单位群机器人',
  'campaign.catalog': '导入测评体系',
  'campaign.item': '修改测评项目',
  'campaign.sites': '导入创文点位',
  'campaign.roads': '导入包保路段',
  'campaign.site': '编辑创文点位',
  'campaign.road': '编辑包保路段',
  'campaign.plan': '安排测评',
  'campaign.assign': '分配测评点位',
  'campaign.close': '结束测评并计分',
  'evaluation.fromRound': '按测评扣分计分',
  'households.import': '导入村居住户',
  'households.publish': '公示文明户名单',
  'households.withdraw': '撤销文明户称号'
} as const satisfies Record<string, string>
export type OperationAction = keyof typeof OPERATION_NAMES
const OPERATION_ACTIONS = Object.keys(OPERATION_NAMES) as [OperationAction, ...OperationAction[]]
const logDay = z.string('日期必须是文字').regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')

export interface Operation {
  id: string
  at: string
  actorName: string
  action: string
  target: string
  before: unknown
  after: unknown
}

/** A responsible unit: a district department or a town's office. */
export interface Unit {
  id: string
  name: string
  /** The town whose office this is, or null for district departments. */
  townId: string | null
  /** False once an admin deactivated it (基础数据): kept for the cases it has, no longer routed or dispatched to. Absent: active. */
  active?: boolean
}

/** `user.putUnit` (admins, 基础数据): a unit's id (lower-case letters, digits, `-`), name and town. */
export const unitInput = z.strictObject({
  id: z.string('单位编号必须是文字').trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '单位编号为 2–40 位小写字母、数字或“-”'),
  name: z.string('单位名称必须是文字').trim().min(2, '单位名称至少 2 个字').max(30, '单位名称最多 30 个字'),
  townId: id().nullable().optional(),
  active: z.boolean('启用只能是是或否').optional()
})

/** 站内消息: what changed for the user (a case, a waitlist place, a cancelled drive …). */
export interface Message {
  id: string
  /** Machine kind, e.g. report.accepted, volunteer.promoted. */
  kind: string
  title: string
  body: string
  /** An app route to open, e.g. `/sub-report/detail/index?id=…`, or null. */
  link: string | null
  createdAt: string
  read: boolean
}

/**
 * When the app asks for a subscribe-message template: `case` (a resident's own cases and what they
 * follow), `work` (staff: new cases, 工作提示, 督办), `drive` (a volunteer's drives).
 */
export const NOTICE_TOPICS = ['case', 'work', 'drive'] as const
export type NoticeTopic = (typeof NOTICE_TOPICS)[number]

/**
 * A subscribe-message (订阅消息) template of the mini-program, from the district's config: `once`
 * (一次性订阅: each tap the user agrees to allows one push) or `long` (长期订阅, the 政务民生 service
 * category: agreed once, kept until the user turns it off in WeChat's settings).
 */
export interface NoticeTemplate {
  id: string
  topic: NoticeTopic
  kind: 'once' | 'long'
  /** What the user is asked for, e.g. 工单办理提醒. */
  name: string
}

/** The caller's consent to one template, as recorded from their answers (`user.noticeConsent`) and WeChat's refusals. */
export interface NoticeConsent {
  templateId: string
  kind: 'once' | 'long'
  status: 'accepted' | 'rejected'
  /** One-time templates: pushes left (one per tap agreed); long-term: null. */
  remaining: number | null
}

/** What a user may stop being told of in 消息设置: `follow` — the progress of cases they pressed 我也遇到 on. */
export const NOTICE_MUTES = ['follow'] as const
export type NoticeMute = (typeof NOTICE_MUTES)[number]

/** 我的 → 消息设置: the templates the app may ask for, what the caller agreed to, and what they stopped. */
export interface NoticeSettings {
  templates: NoticeTemplate[]
  consents: NoticeConsent[]
  muted: NoticeMute[]
  /** The villages the caller follows (a weekly summary of each). */
  villages: { id: string; name: string }[]
  /** The areas the caller follows (told when a public case in one is accepted or fixed); categories [] = every category. */
  areas: { id: string; latitude: number; longitude: number; radius: number; categories: string[] }[]
}

/** A unit's 企业微信 群机器人 (issue 25): the webhook address masked (the key is a secret), or null. */
export interface UnitChannel {
  unitId: string
  webhook: string | null
  updatedAt: string | null
}

/** A template id as WeChat issues them (letters, digits, `-`, `_`). */
const templateId = z.string('模板编号必须是文字').regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号无效')

export const nickname = z
  .string()
  .trim()
  .min(1, '昵称不能为空')
  .max(20, '昵称最多 20 个字')

export interface MyData {
  user: User
  reports: { id: string; category: string; description: string; status: string; createdAt: string; anonymous: boolean }[]
  signups: { activityId: string; title: string; status: string; minutes: number; signedUpAt: string }[]
  messages: number
}

/** A console's one-time sign-in request as the scanning staff member sees it (times in the district's zone). */
export interface ConsoleLoginRequest {
  id: string
  requestedAt: string
  expiresAt: string
  /** Confirmed by the caller (the console gets the session at its next poll). */
  confirmed: boolean
}

/** The QR code of the console's sign-in: the request's id and its secret (base64url, 128 bits). */
const consoleLoginInput = z.strictObject({
  id: z.string('缺少登录请求').regex(/^[a-z0-9]{8,32}$/, '二维码无效，请在电脑上刷新后重新扫码'),
  code: z.string('缺少登录码').regex(/^[A-Za-z0-9_-]{22,64}$/, '二维码无效，请在电脑上刷新后重新扫码')
})

export const userContract = {
  login: action<User>()(z.strictObject({})),
  me: action<User>()(z.strictObject({})),
  /** The responsible units (for dispatching, role management and showing a staff member's unit). */
  units: action<Unit[]>()(z.strictObject({})),
  updateProfile: action<User>()(
    z.strictObject({
      nickname: nickname.optional(),
      villageId: id().optional(),
      elderMode: z.boolean('长辈模式只能是开或关').optional(),
      /** 真实姓名 (for the 志愿服务证明); '' removes it. */
      realName: z.string().trim().max(20, '真实姓名最多 20 个字').regex(/^([\u4e00-\u9fa5·]{2,20}|[A-Za-z][A-Za-z .'-]{1,19})?$/, '请填写真实姓名（中文 2–20 字）').optional()
    })
  ),
  messages: action<Page<Message>>()(z.strictObject({ ...pageInput })),
  unreadCount: action<{ count: number }>()(z.strictObject({})),
  /** Marks the given messages (or all, without ids) as read; answers the unread count left. */
  readMessages: action<{ count: number }>()(
    z.strictObject({ ids: z.array(id()).max(50, '一次最多 50 条').optional() })
  ),
  /** 我的 → 消息设置: the subscribe-message templates of the district (which the app asks for when) and the caller's consents. */
  noticeSettings: action<NoticeSettings>()(z.strictObject({})),
  /**
   * Records the answer of `wx.requestSubscribeMessage` (`{ <template id>: 'accept' | 'reject' | 'ban' | 'filter' }`,
   * at most 10): an accepted one-time template allows one push more, an accepted long-term one every push until
   * WeChat refuses one; refused templates push nothing (站内消息 only). Unknown template ids: INVALID_INPUT.
   */
  noticeConsent: action<NoticeSettings>()(
    z.strictObject({
      results: z.record(templateId, z.enum(['accept', 'reject', 'ban', 'filter'], '订阅结果只能是 accept、reject、ban 或 filter'), '订阅结果必须是对象')
        .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, '一次记录 1–10 个模板')
    })
  ),
  /** 消息设置: stops (`muted: true`) or restarts being told of a topic (`follow`: cases one pressed 我也遇到 on). */
  setNoticeMute: action<NoticeSettings>()(z.strictObject({ topic: z.enum(NOTICE_MUTES, '只能设置 follow'), muted: z.boolean('只能是是或否') })),
  /**
   * 关注村居 (issue 25): follows (`follow: true`) or stops following a village; followers get one weekly
   * summary of it (new and fixed cases, drives coming up). At most 10 villages; an unknown village: NOT_FOUND.
   */
  followVillage: action<NoticeSettings>()(z.strictObject({ villageId: z.string('请选择村居').min(1, '请选择村居').max(64, '村居编号过长'), follow: z.boolean('只能是是或否') })),
  /**
   * 关注区域 (issue 25): a circle (centre in the district, radius 100–2,000 m) with categories (none: every
   * category); the caller is told when a public case in it is accepted and when it is fixed. At most 5 areas.
   */
  followArea: action<NoticeSettings>()(z.strictObject({
    latitude: z.number('纬度必须是数字').min(-90, '纬度不正确').max(90, '纬度不正确'),
    longitude: z.number('经度必须是数字').min(-180, '经度不正确').max(180, '经度不正确'),
    radius: z.number('半径必须是数字').int('半径必须是整数').min(100, '半径至少 100 米').max(2000, '半径最多 2 公里'),
    categories: z.array(z.string('类别必须是文字').min(1, '类别不能为空').max(64, '类别过长'), '类别必须是列表').max(30, '最多选 30 个类别')
  })),
  /** Stops following one of the caller's areas (not theirs or gone: NOT_FOUND). */
  unfollowArea: action<NoticeSettings>()(z.strictObject({ id: z.string('请选择区域').min(1, '请选择区域').max(64, '区域编号过长') })),
  /** 个人信息保护法: what the district holds about the caller. */
  myData: action<MyData>()(z.strictObject({})),
  /**
   * 账号注销 (residents): the profile and messages are deleted; the caller's cases and drive
   * signups stay for the record under an anonymous id, and nothing links them to the person again.
   */
  deleteAccount: action<{ deleted: true }>()(z.strictObject({ confirm: z.literal('注销', '请输入“注销”以确认') })),
  /**
   * 扫码登录管理后台 (staff and admins): what a console's one-time sign-in request is (the QR's
   * `id` and `code`): when the console asked and until when it may be confirmed. A wrong code
   * counts towards the request's five.
   */
  consoleLoginRequest: action<ConsoleLoginRequest>()(consoleLoginInput),
  /**
   * 扫码登录管理后台 (staff and admins): confirms the console's request for the caller; the console
   * then receives the caller's session once (`POST /api/console/requests/:id`). Used or expired:
   * CONFLICT; a wrong code: INVALID_INPUT (after five the request is dead). Residents: FORBIDDEN.
   */
  confirmConsoleLogin: action<ConsoleLoginRequest>()(consoleLoginInput),
  /** Admins (基础数据): creates or edits a unit (`townId`: the town whose office it is), or deactivates it (`active: false`; not while a category or 分包 entry sends cases to it). Logged. */
  putUnit: action<Unit>()(unitInput),
  /** 基础数据 (admins every unit's, staff their own unit's): the units' 企业微信 群机器人, the addresses masked. */
  unitChannels: action<UnitChannel[]>()(z.strictObject({})),
  /**
   * Sets a unit's 企业微信 群机器人 (the webhook address from the group's 机器人 settings) or removes it (null):
   * new cases, dispatches, returns, 督办, reopenings, rework, 工作提示 and 工作预警 of the unit are then posted
   * to the group. Admins: any unit; staff: their own. The address is never answered back whole. Logged.
   */
  setUnitWebhook: action<UnitChannel>()(
    z.strictObject({ unitId: id(), webhook: z.string('Webhook 地址必须是文字').trim().max(300, 'Webhook 地址过长').nullable() })
  ),
  /**
   * Admins: the operation log, newest first; with `target`, one thing's (e.g. `py-01:2026-10`, a
   * village's month); with `actorUserId` (from `user.search`), one person's; with `action`, one kind;
   * with `from`/`to` (`YYYY-MM-DD`, district time, both days included), a span. `order: 'oldest'`
   * oldest first; `withTotal` answers `total`, how many entries match. Nobody can change or
   * remove an entry.
   */
  operationLog: action<Page<Operation>>()(
    z.strictObject({
      target: z.string().trim().min(1, '不能为空').max(100, '过长').optional(),
      actorUserId: z.string().trim().min(1, '不能为空').max(64, '过长').optional(),
      action: z.enum(OPERATION_ACTIONS, '没有这种操作').optional(),
      from: logDay.optional(),
      to: logDay.optional(),
      ...tableInput,
      ...pageInput
    }).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  ),
  /**
   * Admins: gives or takes a role, unit and 测评员. The user is named by `userId` (from `user.search`; the answer then
   * carries no openid) or, as in ../shared/API.md, by `openid` (the answer is the `User`, with `userId`). Logged.
   */
  setRole: action<Person & Partial<User>>()(
    z.strictObject({
      openid: id().optional(),
      userId: id().optional(),
      role: z.enum(ROLES, '角色只能是 resident、staff 或 admin'),
      unitId: id().optional(),
      /** 测评员: may enter villages' scores (besides admins and staff of the evaluator units in config). */
      evaluator: z.boolean('测评员只能是是或否').optional()
    }).refine((x) => (x.openid === undefined) !== (x.userId === undefined), { message: '请指定一位用户（userId）', path: ['userId'] })
  ),
  /**
   * Admins: names a person 网格员 of these villages (at most 20, each a village), replacing the
   * ones before; an empty list: no longer a 网格员. The person keeps their role (a resident
   * volunteer or staff of a town's office alike); being a 网格员 grants no rights. Logged.
   */
  setGrid: action<Person>()(
    z.strictObject({
      userId: id(),
      villageIds: z.array(id(), '村居列表必须是数组').max(GRID_VILLAGES_MAX, `一位网格员最多负责 ${GRID_VILLAGES_MAX} 个村居`)
    })
  ),
  /**
   * Admins: users by nickname or real name (part of either, or of their village's name), role and village, in
   * `userId` order; `grid: true` only 网格员, `gridVillageId` the 网格员 of one village. Answers `Person`s: no
   * openid, the real name masked; with `withTotal`, `total` too.
   */
  search: action<Page<Person>>()(
    z.strictObject({
      q: z.string('搜索词必须是文字').trim().max(20, '搜索词最多 20 个字').optional(),
      role: z.enum(ROLES, '角色只能是 resident、staff 或 admin').optional(),
      villageId: id().optional(),
      grid: z.boolean('网格员筛选只能是是或否').optional(),
      gridVillageId: id().optional(),
      /** Answer `total`, how many people the search finds (one count more). */
      withTotal: z.boolean('withTotal 只能是是或否').optional(),
      ...pageInput
    })
  )
}
