import type { Handlers } from '../table'
import type { householdsContract } from '../../../types/households'
import * as cases from './cases'

/** Served by the `ranking` function (the village's figures). The committee (admins, the 文明办, the village's 网格员) is checked in the use cases: a 网格员 keeps any role. */
export const householdHandlers: Handlers<typeof householdsContract> = {
  households: { roles: 'any', run: (ctx, input) => cases.listHouseholds(ctx, input.villageId) },
  importHouseholds: { roles: 'any', run: (ctx, input) => cases.importHouseholds(ctx, input.villageId, input.rows) },
  householdRatings: { roles: 'any', run: (ctx, input) => cases.householdRatings(ctx, input.villageId, input.kind, input.year) },
  rateHousehold: { roles: 'any', run: (ctx, input) => cases.rateHousehold(ctx, input) },
  publishHouseholdAwards: { roles: 'any', run: (ctx, input) => cases.publishHouseholdAwards(ctx, input.villageId, input.kind, input.year) },
  withdrawHouseholdAward: { roles: 'any', run: (ctx, input) => cases.withdrawHouseholdAward(ctx, input) },
  villageHouseholds: { roles: 'any', run: (ctx, input) => cases.villageHouseholds(ctx, input.villageId) },
  householdAwardKinds: { roles: 'any', run: async (ctx) => ctx.config.householdAwards.map((k) => ({ ...k, stars: [...k.stars] })) }
}
