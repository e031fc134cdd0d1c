import type { Handlers } from '../table'
import type { rankingContract } from '../../../types/ranking'
import * as cases from './cases'
import { importGeography } from '../geo/cases'
import * as reference from '../reference'
import { unitBoard } from './units'
import { householdHandlers } from '../households/handlers'

const LEVEL_ORDER = { town: 0, village: 1 } as const
const STAFF = ['staff', 'admin'] as const

export const rankingHandlers: Handlers<typeof rankingContract> = {
  regions: {
    roles: 'any',
    run: async (ctx) =>
      (await ctx.store.directory.listRegions()).sort(
        (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.id.localeCompare(b.id)
      )
  },
  importGeography: { roles: ['admin'], run: (ctx, input) => importGeography(ctx, input.features) },
  importRegions: { roles: ['admin'], run: (ctx, input) => reference.importRegions(ctx, input.rows) },
  publishPeriod: { roles: STAFF, run: (ctx, input) => cases.publishAsEvaluator(ctx, input.period, input.published ?? true, input.allowUnscored ?? false) },
  monthScores: { roles: STAFF, run: (ctx, input) => cases.monthScores(ctx, input.period) },
  submitEvaluation: { roles: STAFF, run: (ctx, input) => cases.submitAsEvaluator(ctx, input) },
  board: { roles: 'any', run: (ctx, input) => cases.board(ctx, input.period, input.townId) },
  honors: { roles: 'any', run: (ctx, input) => cases.honorsOf(ctx, input.period, input.size, input.townId) },
  village: { roles: 'any', run: (ctx, input) => cases.villagePage(ctx, input.villageId) },
  setStar: { roles: ['admin'], run: (ctx, input) => cases.setStar(ctx, input.villageId, input.star, input.awarded) },
  periods: {
    roles: 'any',
    run: async (ctx) => ({ ...(await cases.visiblePeriods(ctx)), issuer: ctx.config.bulletinIssuer, weights: { ...ctx.config.evaluationKinds.major }, kinds: { minor: { ...ctx.config.evaluationKinds.minor }, major: { ...ctx.config.evaluationKinds.major } } })
  },
  villageMonthFigures: { roles: STAFF, run: (ctx, input) => cases.villageMonthFigures(ctx, input.villageId, input.period) },
  evaluationHistory: { roles: STAFF, run: (ctx, input) => cases.evaluationHistory(ctx, input.villageId, input.period) },
  unitBoard: { roles: STAFF, run: (ctx, input) => unitBoard(ctx, input.period) },
  exportBoard: { roles: STAFF, run: (ctx, input) => cases.exportBoard(ctx, input.period, input.townId) },
  ...householdHandlers
}
