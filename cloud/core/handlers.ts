import type { HandlerTable } from './table'
import { userHandlers } from './user/handlers'
import { reportHandlers } from './report/handlers'
import { volunteerHandlers } from './volunteer/handlers'
import { rankingHandlers } from './ranking/handlers'
import { open311Handlers } from './open311/handlers'
import { pointsHandlers } from './points/handlers'
import { campaignHandlers } from './campaign/handlers'

/** The handler table served by both the WeChat entries and the local server. */
export const handlers: HandlerTable = {
  user: userHandlers,
  report: reportHandlers,
  volunteer: volunteerHandlers,
  // the campaign (issue 26) feeds the boards: its actions are the ranking function's
  ranking: { ...rankingHandlers, ...campaignHandlers },
  open311: open311Handlers,
  points: pointsHandlers
}
