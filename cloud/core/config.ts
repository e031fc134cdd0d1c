import type { EvaluationKind, Scores } from '../../types/names'
import type { WorkCalendar } from './report/rules'
import type { ParticipationIndicator, VolunteerIndicator } from '../../types/ranking'
import type { NoticeTemplate } from '../../types/user'
import type { HouseholdAwardKind } from '../../types/households'

/**
 * A subscribe-message template as the district configured it (WeChat: SUBSCRIBE_TEMPLATES, docs/deploy.md):
 * which messages it carries — kinds (`report.filed`) or their prefixes (`report`) — and the names of the
 * template's fields for the message's title, body and time (default thing1, thing2, time3).
 */
export interface NoticeTemplateConfig extends NoticeTemplate {
  kinds: string[]
  fields?: { title?: string; body?: string; time?: string }
}
/**
 * Photos an Open311 partner links with `media_url` (issue 27): fetched only from these hosts
 * (exact host names; OPEN311_MEDIA_HOSTS, comma-separated), at most `maxBytes` and `maxPixels`,
 * within `timeoutMs`; re-encoded and stored like any upload. Any other link stays a link for staff.
 */
export interface PartnerMediaConfig { hosts: string[]; maxBytes: number; maxPixels: number; timeoutMs: number }

/** Tunable rules of the product. Defaults here; each composition root may override them. */
export interface Config {
  /** Open311 partners' photos fetched by `media_url` (none unless hosts are listed). */
  partnerMedia: PartnerMediaConfig
  /**
   * What each kind of evaluation measures: its indicators and their weights in percent (公共环境卫生,
   * 公共秩序, 公益广告, 市民素质, 志愿服务). An indicator without a weight is not measured that month.
   */
  evaluationKinds: Record<EvaluationKind, Scores>
  /** Points a resident earns when a report is accepted. */
  pointsPerAcceptedReport: number
  /** The other rules of the 积分 ledger (issue 28, cloud/core/points/ledger.ts). */
  points: PointRules
  /** Reports per user per day and per minute. */
  reportsPerDay: number
  reportsPerMinute: number
  /** Size of the 飞虎榜/蜗牛榜. */
  honorsSize: number
  /** Who issues the 志愿服务证明. */
  certificateIssuer: string
  /** Who issues the 月度通报 (printed at its head and signed at its end). */
  bulletinIssuer: string
  /** Time zone offset of the district in minutes (China: +480). Periods and days are counted in it. */
  utcOffsetMinutes: number
  /** When set, check-in and check-out need the volunteer's location within this many metres of a drive's meeting point. */
  checkinRadiusMeters: number | null
  /** Per user and day: 我也遇到 supports, drive signups, cancellations. */
  supportsPerDay: number
  signupsPerDay: number
  cancellationsPerDay: number
  /** Submissions of one village's month before they are refused (each replaces the last; all are kept). */
  scoreSubmissionsPerMonth: number
  /** A problem farther than this from every village center (and inside no boundary) is outside the district. */
  locateMaxMeters: number
  /** The reporter may correct the located village to one whose center lies within this distance of the problem. */
  villageChoiceMeters: number
  /** 限时办结 in working days: when set, deadlines skip the weekends and holidays it names (null: calendar hours). */
  workCalendar: WorkCalendar | null
  /** The hour (district time) of the evening before a drive from which its volunteers are reminded. */
  reminderHour: number
  /** Staff of these units are evaluators (测评员) and may enter scores, besides admins and users an admin names. */
  evaluatorUnitIds: string[]
  /**
   * Staff of these units dispatch cases (issue 21: 转办 a returned case, decide 延期, 督办, 核查 besides
   * the village's 网格员); empty: the evaluators' units (the 文明办). Admins always may.
   */
  dispatcherUnitIds: string[]
  /**
   * Local server: fingerprints (cloud/adapters/fingerprint.ts) of images the district refuses to
   * publish, the stand-in for WeChat's image check; and how long the local check takes (ms).
   */
  refusedImageFingerprints: string[]
  localMediaCheckDelayMs: number
  /** Bytes of photos one user may upload a day (both stores: the local file store and WeChat's upload registry). */
  uploadBytesPerDay: number
  /**
   * The suggested 志愿服务 score an evaluator sees when entering a village's month (issue 15):
   * base + perDrive × drives held there + perHour × hours served there + perFixedCase × cases fixed
   * by drives + onTime × on-time rate (0–1), capped at `cap`, one decimal. Only a suggestion: the
   * evaluator enters the score; the log keeps both.
   */
  volunteerIndicator: VolunteerIndicator
  /** Subscribe-message templates (issue 25): none, 站内消息 only. */
  noticeTemplates: NoticeTemplateConfig[]
  /** The hour (district time) from which each unit's daily digest goes out (issue 25); null: no digest (WeChat: DIGEST_HOUR). */
  digestHour: number | null
  /**
   * When followers get the weekly summary of a village (issue 25): the district weekday (1 Monday …
   * 7 Sunday) and hour from which the `sla` timer sends it; null: none (WeChat: WEEKLY_SUMMARY, e.g. `1@9`).
   */
  weeklySummary?: { weekday: number; hour: number } | null
  /** The console's address, for the links in the units' 企业微信 group posts (null: posts carry no link). */
  consoleUrl: string | null
  /**
   * 积分 participation as a ranking indicator (issue 28): the score suggested to the evaluator for
   * the indicator it names from the village's month (residents who earned points, points earned).
   * Null: not used (the figures are still shown).
   */
  participationIndicator: ParticipationIndicator | null
  /** A problem within this many metres of a 包路段 goes to the 路段's unit (issue 26); 0: never. */
  roadRadiusMeters: number
  /**
   * A problem inside an active 点位's polygon, or within this many metres of a point 点位, goes to
   * the 点位's unit (or its 路段's) before the 路段 and the village routing (issue 26); 0 (default): only the polygons.
   */
  siteRadiusMeters: number
  /**
   * The household awards the villages hold (issue 26, cloud/core/households): 十星级文明户 and 五美庭院
   * with their stars (names vary by county: set the district's own) and how many stars list a household.
   */
  householdAwards: HouseholdAwardKind[]
}

/** How points are earned (issue 28): per cause, and how many one person may earn a day and a month (null: no cap). */
export interface PointRules {
  /** Per 文明点赞 approved for the wall. */
  perApprovedPraise: number
  /** Per credited volunteer hour (fractions of an hour earn their share, rounded down). */
  perVolunteerHour: number
  /**
   * Per household award: unused — a household award (issue 26) belongs to a household the village
   * names, never to a resident's account, so it earns no resident points.
   */
  perHouseholdAward: number
  /** Earned points a day (district time) and a month per person; what goes beyond is recorded as 0 with the reason. */
  dailyCap: number | null
  monthlyCap: number | null
  /**
   * Points expire this many months after they were earned, as far as the balance still holds them
   * (spending uses the oldest first); the sla timer enters each expiry as an entry (null: never).
   */
  expiryMonths?: number | null
}

export const defaultConfig: Config = {
  partnerMedia: { hosts: [], maxBytes: 5 * 1024 * 1024, maxPixels: 25_000_000, timeoutMs: 5000 },
  // the odd-month 小测评 checks the public environment and order only; the 大测评 everything
  evaluationKinds: {
    minor: { environment: 55, order: 45 },
    major: { environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 }
  },
  pointsPerAcceptedReport: 5,
  points: { perApprovedPraise: 5, perVolunteerHour: 2, perHouseholdAward: 50, dailyCap: null, monthlyCap: null, expiryMonths: null },
  reportsPerDay: 20,
  reportsPerMinute: 5,
  honorsSize: 3,
  certificateIssuer: '示范区新时代文明实践中心',
  bulletinIssuer: '示范区创建全国文明城市工作指挥部办公室',
  utcOffsetMinutes: 480,
  checkinRadiusMeters: null,
  supportsPerDay: 50,
  signupsPerDay: 20,
  cancellationsPerDay: 10,
  scoreSubmissionsPerMonth: 10,
  uploadBytesPerDay: 100 * 1024 * 1024,
  refusedImageFingerprints: [],
  localMediaCheckDelayMs: 2000,
  locateMaxMeters: 3000,
  evaluatorUnitIds: ['unit-wenming'],
  dispatcherUnitIds: [],
  workCalendar: null,
  reminderHour: 18,
  villageChoiceMeters: 2000,
  volunteerIndicator: { base: 60, perDrive: 5, perHour: 0.5, perFixedCase: 3, onTime: 10, cap: 100 },
  participationIndicator: null,
  roadRadiusMeters: 30,
  siteRadiusMeters: 0,
  noticeTemplates: [],
  digestHour: null,
  weeklySummary: null,
  consoleUrl: null,
  householdAwards: [
    { kind: 'shixing', name: '十星级文明户', minStars: 1, stars: ['爱国守法星', '诚信友善星', '勤劳致富星', '孝老爱亲星', '移风易俗星', '卫生洁净星', '绿化美化星', '平安和谐星', '热心公益星', '教育文明星'] },
    { kind: 'wumei', name: '五美庭院', minStars: 5, stars: ['院内美', '屋内美', '厨厕美', '庭院美', '身心美'] }
  ]
}

/** OPEN311_MEDIA_HOSTS: the partner hosts whose `media_url` photos are fetched (comma-separated host names, lower case); unset: `base`'s. */
export function partnerMediaOf(value: string | undefined, base: PartnerMediaConfig = defaultConfig.partnerMedia): PartnerMediaConfig {
  if (value === undefined) return base
  return { ...base, hosts: value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) }
}
