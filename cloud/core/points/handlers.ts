import type { Handlers } from '../table'
import type { pointsContract } from '../../../types/points'
import { myPoints } from './ledger'

export const pointsHandlers: Handlers<typeof pointsContract> = {
  mine: { roles: 'any', run: (ctx, input) => myPoints(ctx, input.cursor, input.limit) }
}
