import crypto from 'node:crypto'
import type { ConsoleLoginRequest, User } from '../../../types/user'
import type { Ctx, Deps } from '../context'
import { AppError, conflict, forbidden, invalid, notFound } from '../errors'
import { newId } from '../ids'
import { logOperation } from '../oplog'
import type { Store, StoredConsoleLogin } from '../ports'
import { isoLocal } from '../time'

/**
 * 扫码登录管理后台 (issue 14): the console asks for a one-time sign-in request and shows it as a QR
 * code (`id` and a 128-bit random `code`; only the code's sha256 is stored); a staff member or
 * admin scans it in the app and confirms (`user.confirmConsoleLogin`); the console, polling with
 * the same id and code, then takes that person's session exactly once. Five wrong codes kill a
 * request (each counted and committed although its call fails); a request lives two minutes, and
 * a confirmed one must be taken within a minute of its confirmation. The session itself is made
 * by the edge: local tokens (cloud/server) or a CloudBase custom-login ticket (`ConsoleTickets`).
 */
export const CONSOLE_LOGIN_TTL_MS = 2 * 60_000
export const CONSOLE_LOGIN_MAX_FAILURES = 5
/** How long after its confirmation the console may still take the session. */
export const CONSOLE_CLAIM_GRACE_MS = 60_000

/** Requests older than this are removed by the periodic sweep (`sweepConsoleLogins`): long past any use. */
export const CONSOLE_LOGIN_KEEP_MS = 24 * 3600_000

/** The QR's path in the mini-program (and, on H5, in the hash of the app's URL). */
export const CONSOLE_LOGIN_PAGE = '/sub-user/console-login/index'

const hashOf = (code: string) => crypto.createHash('sha256').update(code, 'utf8').digest('hex')
const sameHash = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'))

export const mayUseConsole = (user: Pick<User, 'role'>) => user.role === 'staff' || user.role === 'admin'

export interface NewConsoleLogin {
  id: string
  /** The secret of the QR code; shown once, stored only as a hash. */
  code: string
  /** When the request expires (the district's zone). */
  expiresAt: string
  /** Seconds until then (the console counts down with it, whatever its own clock says). */
  expiresIn: number
}

/** A new request (the console's sign-in screen asks for one, and for a fresh one every two minutes). */
export async function requestConsoleLogin(deps: Pick<Deps, 'store' | 'clock' | 'config'>): Promise<NewConsoleLogin> {
  const now = deps.clock()
  const id = newId()
  const code = crypto.randomBytes(16).toString('base64url') // 128 bits
  const expiresAt = new Date(now.getTime() + CONSOLE_LOGIN_TTL_MS)
  await deps.store.consoleLogins.insert({ id, codeHash: hashOf(code), createdAt: now, expiresAt, failures: 0, confirmedBy: null, confirmedAt: null, claimedAt: null })
  return { id, code, expiresAt: isoLocal(expiresAt, deps.config), expiresIn: CONSOLE_LOGIN_TTL_MS / 1000 }
}

/**
 * The sweep's part (local minute timer, WeChat `sla`): deletes the requests made more than a day
 * ago, used or not — one statement or one call whatever their number. Their sign-ins stay in the
 * operation log (`console.signIn`). Answers how many went.
 */
export function sweepConsoleLogins(deps: Pick<Deps, 'store' | 'clock'>): Promise<number> {
  return deps.store.consoleLogins.removeOlderThan(new Date(deps.clock().getTime() - CONSOLE_LOGIN_KEEP_MS))
}

const USED = '该二维码已使用，请在电脑上刷新后重新扫码'
const EXPIRED = '二维码已过期，请在电脑上刷新后重新扫码'

/**
 * Runs `step` on the request in one transaction once its code is right. A wrong code is counted
 * in that transaction, which then commits, and the call fails afterwards (INVALID_INPUT); at five
 * the request is dead (CONFLICT from then on, the right code included).
 */
async function withCode<T>(deps: Pick<Deps, 'store' | 'clock'>, id: string, code: string, step: (tx: Store, request: StoredConsoleLogin, now: Date) => Promise<T>): Promise<T> {
  const outcome = await deps.store.transaction(async (tx): Promise<{ value: T } | { error: AppError }> => {
    const request = await tx.consoleLogins.get(id)
    if (!request) return { error: notFound('登录请求不存在，请在电脑上刷新二维码') }
    if (request.failures >= CONSOLE_LOGIN_MAX_FAILURES) return { error: conflict('登录码错误次数过多，该二维码已失效，请在电脑上刷新') }
    if (!sameHash(request.codeHash, hashOf(code))) {
      const failures = request.failures + 1
      await tx.consoleLogins.update(id, { failures })
      return { error: invalid(failures >= CONSOLE_LOGIN_MAX_FAILURES ? '登录码错误次数过多，该二维码已失效' : '登录码不正确，请重新扫码', 'code') }
    }
    return { value: await step(tx, request, deps.clock()) }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.value
}

const answer = (ctx: Pick<Ctx, 'config'>, r: StoredConsoleLogin, confirmed: boolean): ConsoleLoginRequest => ({
  id: r.id, requestedAt: isoLocal(r.createdAt, ctx.config), expiresAt: isoLocal(r.expiresAt, ctx.config), confirmed
})

/** The request as the scanning staff member sees it before confirming (`user.consoleLoginRequest`). */
export function consoleLoginRequest(ctx: Ctx, input: { id: string; code: string }): Promise<ConsoleLoginRequest> {
  return withCode(ctx, input.id, input.code, async (_tx, r, now) => {
    if (r.confirmedBy || r.claimedAt) throw conflict(USED)
    if (now >= r.expiresAt) throw conflict(EXPIRED)
    return answer(ctx, r, false)
  })
}

/** Confirms the request for the caller (staff and admins; the handler's roles refuse residents). Once. */
export function confirmConsoleLogin(ctx: Ctx, input: { id: string; code: string }): Promise<ConsoleLoginRequest> {
  if (!mayUseConsole(ctx.user)) throw forbidden('居民账号不能登录管理后台')
  return withCode(ctx, input.id, input.code, async (tx, r, now) => {
    if (r.confirmedBy || r.claimedAt) throw conflict(USED)
    if (now >= r.expiresAt) throw conflict(EXPIRED)
    await tx.consoleLogins.update(r.id, { confirmedBy: ctx.user.openid, confirmedAt: now })
    return answer(ctx, r, true)
  })
}

export type ConsoleLoginPoll = { status: 'pending'; expiresAt: string } | { status: 'confirmed'; user: User }

/**
 * The console's poll: `pending` until someone confirmed; then the confirming user, once — the
 * request is marked taken and the sign-in logged (`console.signIn`) in the same transaction, so a
 * second poll gets CONFLICT. The edge turns the user into a session.
 */
export function claimConsoleLogin(deps: Pick<Deps, 'store' | 'clock' | 'config'>, id: string, code: string): Promise<ConsoleLoginPoll> {
  return withCode(deps, id, code, async (tx, r, now): Promise<ConsoleLoginPoll> => {
    if (r.claimedAt) throw conflict('该登录请求已使用，请刷新二维码')
    if (!r.confirmedBy || !r.confirmedAt) {
      if (now >= r.expiresAt) throw conflict(EXPIRED)
      return { status: 'pending', expiresAt: isoLocal(r.expiresAt, deps.config) }
    }
    if (now.getTime() >= r.confirmedAt.getTime() + CONSOLE_CLAIM_GRACE_MS) throw conflict('登录确认已过期，请刷新二维码后重新扫码')
    const user = await tx.users.get(r.confirmedBy)
    if (!user || !mayUseConsole(user)) throw forbidden('该账号不能使用管理后台')
    await tx.consoleLogins.update(r.id, { claimedAt: now })
    await logOperation({ user, clock: deps.clock }, tx, 'console.signIn', `user:${user.nickname}`, null, { request: r.id })
    return { status: 'confirmed', user }
  })
}

/**
 * Production (CloudBase): the console signs in with the web SDK's custom login, whose ticket a
 * cloud function makes with the environment's private key (cloud/adapters/cloudbaseTicket.ts).
 */
export interface ConsoleTickets {
  /**
   * A custom-login ticket whose uid is this opaque handle (`User.userId`: 18–20 lowercase letters
   * and digits, inside custom login's 4–32 of `[A-Za-z0-9_-]`). Not the openid: the console never
   * sees one, and the function entries know a console caller by this handle (`callerOf`).
   */
  make(userId: string): Promise<string>
}

export type ConsoleTicketPoll = { status: 'pending'; expiresAt: string } | { status: 'confirmed'; ticket: string; user: User }

/**
 * Production's poll (a CloudBase function): as `claimConsoleLogin`, and once confirmed a
 * custom-login ticket for the confirming user instead of local tokens; the console hands it to
 * the web SDK's `signInWithTicket`.
 */
export async function claimConsoleTicket(deps: Pick<Deps, 'store' | 'clock' | 'config'>, tickets: ConsoleTickets, id: string, code: string): Promise<ConsoleTicketPoll> {
  const poll = await claimConsoleLogin(deps, id, code)
  if (poll.status === 'pending') return poll
  // every caller gets a handle on their first call (`identify`), so a confirming user has one
  if (!poll.user.userId) throw new Error(`user without userId confirmed console login ${id}`)
  return { status: 'confirmed', ticket: await tickets.make(poll.user.userId), user: poll.user }
}
