import type { Handlers } from '../table'
import type { rankingContract } from '../../../types/ranking'

const LEVEL_ORDER = { town: 0, village: 1 } as const

export const rankingHandlers: Handlers<typeof rankingContract> = {
  regions: {
    roles: 'any',
    run: async (ctx) =>
      (await ctx.store.directory.listRegions()).sort(
        (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.id.localeCompare(b.id)
      )
  }
}
