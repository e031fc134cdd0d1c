import type { Handlers } from '../table'
import type { reportContract } from '../../../types/report'

export const reportHandlers: Handlers<typeof reportContract> = {}
