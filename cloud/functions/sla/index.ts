import { createDeps, type WxServerSdk } from '../../wechat/root'
import { sweepDeadlines } from '../../core/report/cases'
import { remindDrives, settleEnded } from '../../core/volunteer/cases'
import type { Deps } from '../../core/context'
import { sweepModeration } from '../../core/report/moderation'
import { sweepConsoleLogins } from '../../core/user/consoleLogin'
import { sweepPointCodes } from '../../core/points/shop'
import { expirePoints } from '../../core/points/ledger'

/**
 * Timer-triggered cloud function `sla` (config.json: every 10 minutes): the outbox of subscribe
 * messages not yet pushed, 工作提示 at a case's deadline, 工作预警 at twice the time, auto-closing
 * of resolved cases after 7 days, crediting volunteers still checked in when their drive ended,
 * evening-before reminders of drives, removing photos no case took up within a day, and asking
 * again for image checks WeChat has not answered in 30 minutes, and deleting the console's sign-in
 * requests older than a day (one call), and expiring points when the district configures it
 * (`points.expiryMonths`: a bounded batch a run).
 */
let deps: Deps | null = null
export const main = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  deps ??= createDeps(require('wx-server-sdk') as WxServerSdk)
  const swept = await sweepDeadlines(deps)
  return { ...swept, settled: await settleEnded(deps), reminded: await remindDrives(deps), photosRemoved: await deps.photos.sweepUnused(), moderation: await sweepModeration(deps), consoleLoginsRemoved: await sweepConsoleLogins(deps), pointCodesRemoved: await sweepPointCodes(deps), pointsExpired: await expirePoints(deps) }
}
