import type { ConsoleTickets } from '../core/user/consoleLogin'

/** What this adapter needs of a `@cloudbase/node-sdk` app (`tcb.init({ env, credentials })`). */
export interface TcbApp {
  auth(): { createTicket(uid: string, options?: { refresh?: number; expire?: number }): string }
}

/** A custom-login session lives as long as a local one: the access part an hour, the whole eight hours (a working day). */
export const TICKET_REFRESH_MS = 3600_000
export const TICKET_SESSION_MS = 8 * 3600_000

/**
 * The console's production session (docs/console.md, "Production"): a CloudBase custom-login
 * ticket made with the environment's private key (`credentials` of the 自定义登录 key file) by
 * `@cloudbase/node-sdk`'s `auth().createTicket(uid)`, where the uid is the user's opaque
 * `userId` (never the openid; the function entries map it back, `callerOf`). The SDK signs it
 * locally (RS256, `<private_key_id>/@@/<jwt>`); no network is involved until the console's web
 * SDK redeems it with `auth.signInWithTicket`.
 */
export function cloudbaseTickets(app: TcbApp, clock: () => Date = () => new Date()): ConsoleTickets {
  return {
    make: async (userId) => app.auth().createTicket(userId, { refresh: TICKET_REFRESH_MS, expire: clock().getTime() + TICKET_SESSION_MS })
  }
}
