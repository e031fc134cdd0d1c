/** Tunable rules of the product. Defaults here; each composition root may override them. */
export interface Config {
  /** Evaluation weights in percent: 公共环境卫生, 公共秩序, 公益广告, 市民素质, 志愿服务. */
  weights: { environment: number; order: number; publicAds: number; civility: number; volunteering: number }
  /** Points a resident earns when a report is accepted. */
  pointsPerAcceptedReport: number
  /** Reports per user per day and per minute. */
  reportsPerDay: number
  reportsPerMinute: number
  /** Size of the 飞虎榜/蜗牛榜. */
  honorsSize: number
  /** Who issues the 志愿服务证明. */
  certificateIssuer: string
  /** Time zone offset of the district in minutes (China: +480). Periods and days are counted in it. */
  utcOffsetMinutes: number
}

export const defaultConfig: Config = {
  weights: { environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 },
  pointsPerAcceptedReport: 5,
  reportsPerDay: 20,
  reportsPerMinute: 5,
  honorsSize: 3,
  certificateIssuer: '示范区新时代文明实践中心',
  utcOffsetMinutes: 480
}
