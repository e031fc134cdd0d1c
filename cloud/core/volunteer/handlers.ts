import type { Handlers } from '../table'
import type { volunteerContract } from '../../../types/volunteer'

export const volunteerHandlers: Handlers<typeof volunteerContract> = {}
