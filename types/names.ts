/**
 * The contract's enumerations, display names and small pure rules, with no zod: the app's main
 * package imports these (and only types from the contract files), so the validation library stays
 * in the subpackages that validate input and in the cloud functions. Each contract file re-exports
 * its part, so `types/<domain>` remains the one place to look.
 */

// user roles
export const ROLES = ['resident', 'staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  resident: '居民',
  staff: '工作人员',
  admin: '管理员'
}

/** A 网格员 is named for at most this many villages (`user.setGrid`; the console's picker too). */
export const GRID_VILLAGES_MAX = 20

// report
export const REPORT_STATUSES = ['submitted', 'accepted', 'rejected', 'resolved', 'reopened', 'closed', 'returned', 'verifying'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
/** Statuses of a problem a unit has accepted (受理) and not since rejected or returned: the figure 受理 counts these. */
export const ACCEPTED_STATUSES: readonly ReportStatus[] = ['accepted', 'verifying', 'resolved', 'reopened', 'closed']
/** Statuses of a case that still needs work: shown by `nearby`, counted as overdue. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'reopened', 'returned']

/** The deadline chip of a case (issue 24): `dueState` in cloud/core/report/rules.ts decides it, these name it. */
export const DUE_STATES = ['ok', 'soon', 'overdue', 'warned'] as const
export type DueState = (typeof DUE_STATES)[number]
export const DUE_STATE_NAMES: Record<Exclude<DueState, 'ok'>, string> = { soon: '即将超期', overdue: '超期', warned: '严重超期' }

export const STATUS_NAMES: Record<ReportStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '已驳回',
  resolved: '已办结',
  reopened: '重新办理',
  closed: '已结案',
  returned: '已退回',
  verifying: '待核查'
}

/** Who did a step of a case's timeline, in words. */
export const ACTOR_NAMES: Record<Role | 'system', string> = { resident: '居民', staff: '工作人员', admin: '管理员', system: '系统' }

/** A case's timeline actions, in words (the app's timeline and the console's drawer). */
export const TIMELINE_ACTION_NAMES: Record<string, string> = {
  submitted: '已提交',
  accept: '已受理',
  reject: '已驳回',
  resolve: '已办结',
  rate: '已评价',
  reopen: '重新打开',
  overdue: '超期提示',
  warned: '超期预警',
  closed: '自动结案',
  drive: '发起志愿清理',
  approve: '审核通过',
  decline: '未通过审核',
  hide: '不予公开',
  unhide: '恢复公开',
  hidePhoto: '隐藏照片',
  return: '退回',
  transfer: '转办',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  declineExtension: '不同意延期',
  verifyPass: '核查通过',
  verifyFail: '核查未通过，返工',
  urge: '督办',
  comment: '群众意见（接入系统）',
  supplement: '居民补充现场情况'
}

/**
 * The category of the 整改 cases a campaign inspection files (issue 26): no category of the
 * directory (residents never pick it), named so wherever a case is named.
 */
export const INSPECTION_CATEGORY = { code: 'cewen', name: '创文测评整改' } as const

/** A report's description: its limits and messages, checked by the draft as the user types and by the contract. */
export const DESCRIPTION = { min: 5, max: 500, tooShort: '描述至少 5 个字', tooLong: '描述最多 500 个字' } as const

// ranking
/** The five indicators of an evaluation, in display order. */
export const SCORE_KEYS = ['environment', 'order', 'publicAds', 'civility', 'volunteering'] as const
export type ScoreKey = (typeof SCORE_KEYS)[number]
export const SCORE_NAMES: Record<ScoreKey, string> = {
  environment: '公共环境卫生',
  order: '公共秩序',
  publicAds: '公益广告',
  civility: '市民素质',
  volunteering: '志愿服务'
}
/**
 * Scores (or weights) of the indicators a month measures: which ones depends on the month's kind
 * (district config: e.g. the 小测评 checks 公共环境卫生 and 公共秩序 only).
 */
export type Scores = Partial<Record<ScoreKey, number>>

/** The indicators a kind measures, in display order: those with a weight. */
export const indicatorsOf = (weights: Scores): ScoreKey[] => SCORE_KEYS.filter((k) => (weights[k] ?? 0) > 0)

/** 五星支部 stars. */
export const STARS = ['industry', 'ecology', 'lawful', 'civility', 'branch'] as const
export type Star = (typeof STARS)[number]
export const STAR_NAMES: Record<Star, string> = {
  industry: '产业兴旺',
  ecology: '生态宜居',
  lawful: '平安法治',
  civility: '文明幸福',
  branch: '支部过硬'
}

/** `minor` (单月小测评) for odd months, `major` (双月大测评) for even months. */
export type EvaluationKind = 'minor' | 'major'
export const KIND_NAMES: Record<EvaluationKind, string> = { minor: '小测评', major: '大测评' }
export const kindOf = (period: string): EvaluationKind => (Number(period.slice(5, 7)) % 2 === 1 ? 'minor' : 'major')

/**
 * The weighted mean of the five scores (weights in percent), rounded half up to 0.1. Scores carry
 * at most one decimal, so the sum is taken in tenths (whole numbers): 80.15 rounds to 80.2 exactly,
 * with no binary-fraction surprise.
 */
export function weightedTotal(scores: Scores, weights: Scores): number {
  const keys = indicatorsOf(weights)
  const weightSum = keys.reduce((s, k) => s + weights[k]!, 0)
  const tenths = keys.reduce((s, k) => s + Math.round((scores[k] ?? 0) * 10) * weights[k]!, 0)
  return Math.round(tenths / weightSum) / 10
}

// volunteer
export const ACTIVITY_STATUSES = ['open', 'full', 'closed', 'cancelled', 'finished'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]
export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, string> = { open: '报名中', full: '已满员', closed: '报名截止', cancelled: '已取消', finished: '已结束' }

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'checkedIn', 'completed'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]
export const SIGNUP_STATUS_NAMES: Record<SignupStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消', checkedIn: '已签到', completed: '已完成' }

/** Limits of a drive's fields: the contract's schema and the staff form check the same numbers. */
export const DRIVE_LIMITS = { title: { min: 2, max: 40 }, address: { min: 2, max: 200 }, description: { max: 1000 }, capacity: { min: 1, max: 500 } } as const

/**
 * The case number residents and staff quote (工单号 / 点赞编号; the app's case page, the console's
 * table and its exports): the filing date on the district's clock (UTC+8) and the id's first six
 * characters, upper-cased — `20261130-K3F9QA`.
 */
export const caseNumber = (r: { id: string; createdAt: string }): string =>
  `${new Date(Date.parse(r.createdAt) + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')}-${r.id.slice(0, 6).toUpperCase()}`

/**
 * Categories volunteers cannot fix (发起清理 does not offer them and the server refuses to link
 * them to a drive): electricity, construction sites, parked cars, illegal billboards and broken
 * facilities need the responsible unit's own people, and enforcement (占道经营: 城管's 执法, not a
 * clean-up, issue 24) is no volunteer's business. A category not listed (a district's own included)
 * may be cleaned up by volunteers.
 */
export const NOT_FOR_VOLUNTEERS: readonly string[] = ['zhandao', 'feixian', 'xianlan', 'weidang', 'yangchen', 'tingche', 'guanggao', 'wuzhangai']

export const volunteersCanFix = (r: { category: string; kind?: string }): boolean => r.kind !== 'praise' && !NOT_FOR_VOLUNTEERS.includes(r.category)

// 星级志愿者 (issue 28): one to five stars at these credited hours (《志愿服务记录与证明出具办法》's common scale)
export const VOLUNTEER_STAR_HOURS = [100, 300, 600, 1000, 1500] as const
/** The stars of a volunteer's credited minutes: 0 (below 100 hours) to 5. */
export function volunteerStars(minutes: number): number {
  const hours = minutes / 60
  return VOLUNTEER_STAR_HOURS.filter((h) => hours >= h).length
}
/** 「三星级志愿者」, or '' below one star. */
export function starTitle(stars: number): string {
  return stars > 0 ? `${'一二三四五'[stars - 1]}星级志愿者` : ''
}

// ---- a category's own questions (issue 27)

/**
 * A question a category asks (基础数据, issue 27): a choice among `options`, a number or a short
 * text; `code` names it (Open311's `attribute[code]`), `label` is what the form asks.
 */
export interface CategoryQuestion {
  code: string
  label: string
  type: 'choice' | 'number' | 'text'
  required: boolean
  /** `choice` only: the answers offered (2–10). */
  options?: string[]
}

/** An answer as stored with the case: the question's code and label when it was asked, the value as text. */
export interface CaseAnswer { code: string; label: string; value: string }

export const QUESTION_TYPES = { choice: '单选', number: '数字', text: '简短文字' } as const
/** A short text answer, and a number's bounds. */
export const ANSWER_TEXT_MAX = 50
export const NUMBER_LIMIT = 1e9

/**
 * THE rule of a category's answers (issue 27), used by the app's form, `report.create`, Open311's
 * POST and the console: every required question answered, a choice among its options, a number a
 * number, a text at most 50 characters; answers to questions the category does not ask are not
 * kept. Answers the stored form, in the questions' order, or the first problem: its question's
 * code and a message naming it.
 */
export function checkAnswers(
  questions: readonly CategoryQuestion[] | undefined,
  given: Readonly<Record<string, string | number | undefined>> | undefined
): { ok: true; answers: CaseAnswer[] } | { ok: false; code: string; message: string } {
  const answers: CaseAnswer[] = []
  for (const q of questions ?? []) {
    const raw = given && Object.hasOwn(given, q.code) ? given[q.code] : undefined
    const text = raw === undefined || raw === null ? '' : String(raw).trim()
    if (!text) {
      if (q.required) return { ok: false, code: q.code, message: `请回答「${q.label}」` }
      continue
    }
    let value = text
    if (q.type === 'choice' && !(q.options ?? []).includes(text)) return { ok: false, code: q.code, message: `「${q.label}」只能选 ${(q.options ?? []).join('、')}` }
    if (q.type === 'number') {
      const n = Number(text)
      if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || Math.abs(n) > NUMBER_LIMIT) return { ok: false, code: q.code, message: `「${q.label}」应填数字` }
      value = String(n)
    }
    if (q.type === 'text' && text.length > ANSWER_TEXT_MAX) return { ok: false, code: q.code, message: `「${q.label}」最多 ${ANSWER_TEXT_MAX} 个字` }
    answers.push({ code: q.code, label: q.label, value })
  }
  return { ok: true, answers }
}

