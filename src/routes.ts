/**
 * Every page of the app, declared once. app.config.ts builds its page lists from these, and pages
 * navigate with `route.*`, never with string paths of their own.
 * Tab pages stay in the main package; everything else lives in a subpackage by domain.
 */
export const TAB_PAGES = {
  report: 'pages/report/index',
  volunteer: 'pages/volunteer/index',
  ranking: 'pages/ranking/index',
  me: 'pages/me/index'
} as const

/** Local (H5) sign-in with the demo identities; WeChat signs in silently through the cloud. */
export const SIGN_IN_PAGE = 'pages/signin/index'

export const SUBPACKAGES = {
  user: { root: 'sub-user', pages: { profile: 'profile/index', messages: 'messages/index', noticeSettings: 'notice-settings/index', privacy: 'privacy/index', consoleLogin: 'console-login/index', points: 'points/index', shop: 'shop/index' } },
  volunteer: {
    root: 'sub-volunteer',
    pages: { detail: 'detail/index', create: 'create/index', roster: 'roster/index', mine: 'mine/index', certificate: 'certificate/index', leaderboard: 'leaderboard/index', verify: 'verify/index' }
  },
  ranking: { root: 'sub-ranking', pages: { village: 'village/index', entry: 'entry/index', poster: 'poster/index', stars: 'stars/index', walk: 'walk/index', site: 'site/index' } },
  report: { root: 'sub-report', pages: { create: 'create/index', mine: 'mine/index', detail: 'detail/index', queue: 'queue/index', handle: 'handle/index', map: 'map/index', praise: 'praise/index', verify: 'verify/index' } }
} as const

type Sub = typeof SUBPACKAGES
const sub = <K extends keyof Sub>(pkg: K, page: keyof Sub[K]['pages']) =>
  `/${SUBPACKAGES[pkg].root}/${(SUBPACKAGES[pkg].pages as Record<string, string>)[page as string]}`

/** Absolute routes for navigation. */
export const route = {
  report: `/${TAB_PAGES.report}`,
  volunteer: `/${TAB_PAGES.volunteer}`,
  ranking: `/${TAB_PAGES.ranking}`,
  me: `/${TAB_PAGES.me}`,
  signIn: `/${SIGN_IN_PAGE}`,
  profile: sub('user', 'profile'),
  messages: sub('user', 'messages'),
  /** 消息设置 (issue 25): subscriptions and what the user follows. */
  noticeSettings: sub('user', 'noticeSettings'),
  /** 隐私保护指引 (the H5 policy modal opens it before sign-in). */
  privacy: sub('user', 'privacy'),
  /** 扫码登录管理后台 (staff and admins); the console's QR opens it with `id` and `code`. */
  consoleLogin: sub('user', 'consoleLogin'),
  /** 我的积分 (issue 28): balance, ledger and the one-time code for the 积分超市. */
  points: sub('user', 'points'),
  /** 积分超市收银 (the shop's shopkeepers): scan or type a resident's code, pick goods, redeem. */
  shop: sub('user', 'shop'),
  reportCreate: sub('report', 'create'),
  myReports: sub('report', 'mine'),
  reportDetail: (id: string) => `${sub('report', 'detail')}?id=${encodeURIComponent(id)}`,
  reportQueue: sub('report', 'queue'),
  /** 随手拍地图: public cases on the district's villages (H5: an SVG of the boundaries; WeChat: the native map). */
  reportMap: sub('report', 'map'),
  /** 文明点赞墙: approved praise of the district. */
  praiseWall: sub('report', 'praise'),
  drive: (id: string) => `${sub('volunteer', 'detail')}?id=${encodeURIComponent(id)}`,
  /** 发起活动; from a cluster of cases (发起清理) with their ids, place and village pre-filled. */
  driveCreate: (prefill?: { reportIds: string[]; address: string; villageId: string | null }) =>
    prefill
      ? `${sub('volunteer', 'create')}?reportIds=${encodeURIComponent(prefill.reportIds.join(','))}&address=${encodeURIComponent(prefill.address)}&villageId=${encodeURIComponent(prefill.villageId ?? '')}`
      : sub('volunteer', 'create'),
  driveEdit: (id: string) => `${sub('volunteer', 'create')}?id=${encodeURIComponent(id)}`,
  roster: (id: string) => `${sub('volunteer', 'roster')}?id=${encodeURIComponent(id)}`,
  myDrives: sub('volunteer', 'mine'),
  certificate: sub('volunteer', 'certificate'),
  /** 证明核验: a certificate's QR code opens it with the number. */
  verifyCertificate: (number?: string) => (number ? `${sub('volunteer', 'verify')}?number=${encodeURIComponent(number)}` : sub('volunteer', 'verify')),
  volunteerLeaderboard: sub('volunteer', 'leaderboard'),
  village: (id: string) => `${sub('ranking', 'village')}?id=${encodeURIComponent(id)}`,
  evaluationEntry: sub('ranking', 'entry'),
  starAdmin: sub('ranking', 'stars'),
  /** 我的测评点位 (issue 26): an evaluator's 点位 of the month's round, nearest first. */
  mySites: sub('ranking', 'walk'),
  /** One 点位's inspection: every applicable item 达标 or 不达标 (count, photo, note), submitted once. */
  inspectSite: (period: string, siteId: string) => `${sub('ranking', 'site')}?period=${encodeURIComponent(period)}&id=${encodeURIComponent(siteId)}`,
  honorsPoster: (period: string) => `${sub('ranking', 'poster')}?period=${encodeURIComponent(period)}`,
  reportHandle: (id: string) => `${sub('report', 'handle')}?id=${encodeURIComponent(id)}`,
  /** 现场核查 (issue 21): the 网格员's queue of resolved cases waiting for their check on site. */
  verifyQueue: sub('report', 'verify')
} as const
