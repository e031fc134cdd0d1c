import type { Handlers } from '../table'
import type { campaignContract } from '../../../types/campaign'
import * as cases from './cases'

const STAFF = ['staff', 'admin'] as const

/** The campaign's actions (issue 26), served by the `ranking` function beside the boards they feed. */
export const campaignHandlers: Handlers<typeof campaignContract> = {
  campaignCatalog: { roles: STAFF, run: (ctx) => cases.catalog(ctx) },
  importCatalog: { roles: ['admin'], run: (ctx, input) => cases.importCatalog(ctx, input.rows) },
  putCatalogItem: { roles: ['admin'], run: (ctx, input) => cases.putCatalogItem(ctx, input) },
  campaignPlaces: { roles: STAFF, run: (ctx) => cases.places(ctx) },
  importSites: { roles: ['admin'], run: (ctx, input) => cases.importSites(ctx, input.rows) },
  importRoads: { roles: ['admin'], run: (ctx, input) => cases.importRoads(ctx, input) },
  putSite: { roles: ['admin'], run: (ctx, input) => cases.putSite(ctx, input) },
  putRoad: { roles: ['admin'], run: (ctx, input) => cases.putRoad(ctx, input) },
  planRound: { roles: ['admin'], run: (ctx, input) => cases.planRound(ctx, input) },
  assignSites: { roles: ['admin'], run: (ctx, input) => cases.assignSites(ctx, input) },
  round: { roles: STAFF, run: (ctx, input) => cases.roundOf(ctx, input.period) },
  // evaluators may be residents an admin named (网格员, 志愿测评员): checked in the use case
  mySites: { roles: 'any', run: (ctx, input) => cases.mySites(ctx, input.period, input.location) },
  inspect: { roles: 'any', run: (ctx, input) => cases.inspect(ctx, input) },
  closeRound: { roles: STAFF, run: (ctx, input) => cases.closeRound(ctx, input.period) },
  findings: { roles: STAFF, run: (ctx, input) => cases.findings(ctx, input.period) },
  exportFindings: { roles: STAFF, run: (ctx, input) => cases.exportFindings(ctx, input.period) }
}
