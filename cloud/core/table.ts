import { z } from 'zod'
import type { ActionDef, Envelope, Role } from '../../types/common'
import { contract, type Contract, type FunctionName } from '../../types/contract'
import type { User } from '../../types/user'
import type { Ctx, Deps } from './context'
import { AppError, invalid, forbidden, unauthenticated } from './errors'
import { newId } from './ids'

z.config(z.locales.zhCN())

/** Who may call an action: everyone signed in, or the listed roles. Ownership is checked in `run`. */
export type Roles = 'any' | readonly Role[]

export type Handlers<C> = {
  [A in keyof C]: C[A] extends ActionDef<infer S, infer R>
    ? { roles: Roles; run: (ctx: Ctx, input: z.output<S>) => Promise<R> }
    : never
}

/** function → action → { roles, run }; the input schema of each comes from `contract`. */
export type HandlerTable = { [F in FunctionName]: Handlers<Contract[F]> }

interface Entry {
  input: z.ZodType
  roles: Roles
  run: (ctx: Ctx, input: unknown) => Promise<unknown>
}

function lookup(table: HandlerTable, fn: string, action: string): Entry | null {
  if (!Object.hasOwn(contract, fn)) return null
  const defs = contract[fn as FunctionName] as Record<string, ActionDef>
  const handlers = table[fn as FunctionName] as Record<string, Omit<Entry, 'input'>>
  if (!Object.hasOwn(defs, action) || !Object.hasOwn(handlers, action)) return null
  const def = defs[action]!
  const handler = handlers[action]!
  return { input: def.input, roles: handler.roles, run: handler.run }
}

/** The first problem of a failed parse as an INVALID_INPUT error naming the field. */
export function inputError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  if (!issue) return invalid('参数不正确')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    const prefix = issue.path.length ? `${issue.path.join('.')}.` : ''
    return invalid(`不支持的字段：${prefix}${key}`, `${prefix}${key}`)
  }
  const field = issue.path.map(String).join('.')
  return invalid(field ? `${field}：${issue.message}` : issue.message, field || undefined)
}

export function newResident(openid: string): User {
  return {
    openid,
    nickname: `居民${openid.slice(-4)}`,
    role: 'resident',
    unitId: null,
    villageId: null,
    points: 0,
    volunteerMinutes: 0,
    elderMode: false
  }
}

/**
 * Who calls: a WeChat user by openid (the mini-program; locally, the openid behind a token), or a
 * console session of CloudBase custom login (docs/console.md, "Production"), named by the user's
 * opaque handle `userId`, the uid of the ticket `user.consoleLogin` made.
 */
export type Caller = string | { consoleUserId: string }

/**
 * A console session's user: they must still exist and still be staff or an admin — taking the
 * role away shuts their console at the next call, whatever the session's lifetime.
 */
async function identifyConsole(deps: Deps, userId: string): Promise<User> {
  const user = await deps.store.users.getByUserId(userId)
  if (!user) throw unauthenticated('登录已失效，请重新扫码登录管理后台')
  if (user.role !== 'staff' && user.role !== 'admin') throw forbidden('该账号不能使用管理后台')
  return user
}

/** Loads the caller, creating a resident on first sight (the WeChat OPENID is proof enough). */
export async function identify(deps: Deps, openid: string): Promise<User> {
  const user = (await deps.store.users.get(openid)) ?? (await deps.store.users.insertIfAbsent(newResident(openid)))
  // a user stored before handles (CloudBase; SQLite's migration 019 gave everyone one) gets theirs now
  return user.userId ? user : deps.store.users.update(openid, { userId: newId() })
}

/**
 * The one entry both the WeChat functions and the local server call: validates the event, checks
 * the caller's role, runs the use case and turns the outcome into the envelope. Never throws.
 */
export async function dispatch(
  table: HandlerTable,
  deps: Deps,
  fn: string,
  event: unknown,
  caller: Caller | null
): Promise<Envelope<unknown>> {
  try {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw invalid('请求格式不正确')
    const { action, data } = event as { action?: unknown; data?: unknown }
    if (typeof action !== 'string') throw invalid('缺少 action', 'action')
    const entry = lookup(table, fn, action)
    if (!entry) throw invalid(`未知的操作：${fn}.${action.slice(0, 40)}`, 'action')
    if (!caller) throw unauthenticated()
    const user = typeof caller === 'string' ? await identify(deps, caller) : await identifyConsole(deps, caller.consoleUserId)
    if (entry.roles !== 'any' && !entry.roles.includes(user.role)) throw forbidden()
    const parsed = entry.input.safeParse(data === undefined ? {} : data)
    if (!parsed.success) throw inputError(parsed.error)
    // the call's own view of the store: the reference data it reads, read once (ports.ts `forCall`)
    const result = await entry.run({ ...deps, store: deps.store.forCall?.() ?? deps.store, user }, parsed.data)
    return { ok: true, data: result }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() }
    deps.log(`internal error in ${fn}`, error)
    return { ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }
  }
}
