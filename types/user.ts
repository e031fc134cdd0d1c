import { z } from 'zod'
import { action, id, ROLES, type Role } from './common'

export interface User {
  openid: string
  nickname: string
  role: Role
  unitId: string | null
  villageId: string | null
  points: number
  volunteerMinutes: number
}

/** A responsible unit: a district department or a town's office. */
export interface Unit {
  id: string
  name: string
  /** The town whose office this is, or null for district departments. */
  townId: string | null
}

export const nickname = z
  .string()
  .trim()
  .min(1, '昵称不能为空')
  .max(20, '昵称最多 20 个字')

export const userContract = {
  login: action<User>()(z.strictObject({})),
  me: action<User>()(z.strictObject({})),
  /** The responsible units (for dispatching, role management and showing a staff member's unit). */
  units: action<Unit[]>()(z.strictObject({})),
  updateProfile: action<User>()(
    z.strictObject({
      nickname: nickname.optional(),
      villageId: id().optional()
    })
  ),
  setRole: action<User>()(
    z.strictObject({
      openid: id(),
      role: z.enum(ROLES, '角色只能是 resident、staff 或 admin'),
      unitId: id().optional()
    })
  )
}
