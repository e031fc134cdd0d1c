import { createContext, useContext } from 'react'
import type { Unit, User } from '../../types/user'
import type { Client } from './api'

/** The signed-in staff member or admin, the client on their tokens and the units (for names and dispatch). */
export interface Session {
  user: User
  client: Client
  units: Unit[]
  unitName: (id: string | null | undefined) => string
  /** Reads the units again (after 基础数据 changed one), for names and dispatch everywhere. */
  reloadUnits: () => Promise<void>
  signOut: () => void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in console')
  return session
}

/** Who may use the console: staff (their unit's cases) and admins (everything). Residents use the app. */
export const mayUseConsole = (user: Pick<User, 'role'>) => user.role === 'staff' || user.role === 'admin'

export const RESIDENT_REFUSED = '居民账号不能使用管理后台。管理后台仅供文明办和各单位工作人员使用，居民请在文明家园小程序中上报和查看。'
