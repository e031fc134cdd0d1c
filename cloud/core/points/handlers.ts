import type { Handlers } from '../table'
import type { pointsContract } from '../../../types/points'
import { myPoints, villageParticipation } from './ledger'
import { listGoods, listRedemptions, lookupCode, putGoods, redeem, setShopkeeper, shopkeepers, showCode } from './shop'

export const pointsHandlers: Handlers<typeof pointsContract> = {
  mine: { roles: 'any', run: (ctx, input) => myPoints(ctx, input.cursor, input.limit) },
  code: { roles: 'any', run: (ctx) => showCode(ctx) },
  village: { roles: 'any', run: (ctx, input) => villageParticipation(ctx, input.villageId) },
  // shopkeepers keep any role (a shop assistant is usually a resident): checked in the use case
  lookupCode: { roles: 'any', run: (ctx, input) => lookupCode(ctx, input.shopId, input.code) },
  goods: { roles: 'any', run: (ctx, input) => listGoods(ctx, input.shopId, input.includeInactive) },
  putGoods: { roles: 'any', run: (ctx, input) => putGoods(ctx, input) },
  redeem: { roles: 'any', run: (ctx, input) => redeem(ctx, input) },
  redemptions: { roles: 'any', run: (ctx, input) => listRedemptions(ctx, input.shopId, input.cursor, input.limit, input.month) },
  shopkeepers: { roles: ['admin'], run: (ctx, input) => shopkeepers(ctx, input.shopId) },
  setShopkeeper: { roles: ['admin'], run: (ctx, input) => setShopkeeper(ctx, input) }
}
