import { z } from 'zod'
import { action } from './common'

export type RegionLevel = 'town' | 'village'

export interface Region {
  id: string
  name: string
  level: RegionLevel
  parentId: string | null
}

export const rankingContract = {
  regions: action<Region[]>()(z.strictObject({}))
}
