import type { Handlers } from '../table'
import type { open311Contract } from '../../../types/open311'
import * as cases from './cases'

const ADMIN = ['admin'] as const

/** Partner keys of Open311 (issue 15): admins only; the GeoReport endpoints are HTTP (http.ts). */
export const open311Handlers: Handlers<typeof open311Contract> = {
  createKey: { roles: ADMIN, run: (ctx, input) => cases.createKey(ctx, input.partner) },
  keys: { roles: ADMIN, run: (ctx) => cases.listKeys(ctx) },
  revokeKey: { roles: ADMIN, run: (ctx, input) => cases.revokeKey(ctx, input.id) },
  setStatusChanges: { roles: ADMIN, run: (ctx, input) => cases.setStatusChanges(ctx, input.id, input.allowed) }
}
