import type { Envelope } from '../../types/common'
import type { Deps } from '../core/context'
import { AppError, HTTP_STATUS, invalid } from '../core/errors'
import { checkNewRequest, checkPoll } from '../core/user/consoleHttp'
import { claimConsoleTicket, requestConsoleLogin, type ConsoleTickets } from '../core/user/consoleLogin'
import { cloudbaseTickets, type TcbApp } from '../adapters/cloudbaseTicket'
import { createDeps, type WxServerSdk } from './root'
import type { HttpAccessAnswer, HttpAccessEvent } from '../functions/open311/index'

/**
 * The CloudBase side of 扫码登录管理后台 (docs/console.md, "Production"): the HTTP-triggered cloud
 * function `consoleLogin`. The console on static hosting is not signed in yet, so it reaches this
 * function through HTTP access (云开发 HTTP 访问服务), on another origin:
 * - `POST …/requests` → a new request `{ id, code, expiresAt, expiresIn, demoLogin: false }`;
 * - `POST …/requests/<id>` with `{ code }` → `{ status: 'pending' }`, or once a staff member
 *   confirmed it in the mini-program: `{ status: 'confirmed', ticket, user }`, the ticket a
 *   custom-login ticket for the user's opaque `userId` (`ConsoleTickets`), which the console
 *   redeems with the web SDK (`auth.signInWithCustomTicket`);
 * - `OPTIONS` (the browser's CORS preflight).
 * Answers are the usual envelope with the error's HTTP status. CORS is granted only to the
 * origins in `CONSOLE_ORIGIN` (comma separated: the static hosting's domain, a custom domain).
 */
export interface ConsoleLoginOptions {
  /** The origins the console is served from. */
  origins: string[]
}

const json = (status: number, body: Envelope<unknown>, cors: Record<string, string>): HttpAccessAnswer => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors },
  body: JSON.stringify(body),
  isBase64Encoded: false
})

export async function answerConsoleLogin(deps: Deps, tickets: ConsoleTickets, event: HttpAccessEvent, opts: ConsoleLoginOptions): Promise<HttpAccessAnswer> {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']))
  const origin = headers.origin
  const cors: Record<string, string> = origin && opts.origins.includes(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' }
    : { vary: 'Origin' }
  const method = event.httpMethod.toUpperCase()
  if (method === 'OPTIONS') return { statusCode: 204, headers: cors, body: '', isBase64Encoded: false }
  try {
    // a page of another origin is refused outright (its browser would not show it the answer anyway)
    if (origin && !opts.origins.includes(origin)) throw new AppError('FORBIDDEN', '该地址不能使用管理后台登录')
    if (method !== 'POST') throw new AppError('NOT_FOUND', '没有这个接口')
    const text = event.body == null || event.body === '' ? null : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
    let body: unknown = null
    if (text !== null) {
      try {
        body = JSON.parse(text)
      } catch {
        throw invalid('请求格式不正确')
      }
    }
    const path = event.path.replace(/\/+$/, '')
    if (/\/requests$/.test(path)) {
      checkNewRequest(body)
      return json(200, { ok: true, data: { ...(await requestConsoleLogin(deps)), demoLogin: false } }, cors)
    }
    const poll = /\/requests\/([^/]+)$/.exec(path)
    if (!poll) throw new AppError('NOT_FOUND', '没有这个接口')
    const { id, code } = checkPoll(decodeURIComponent(poll[1]!), body)
    return json(200, { ok: true, data: await claimConsoleTicket(deps, tickets, id, code) }, cors)
  } catch (error) {
    if (error instanceof AppError) return json(HTTP_STATUS[error.code], { ok: false, error: error.toJSON() }, cors)
    deps.log('internal error in consoleLogin', error)
    return json(500, { ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }, cors)
  }
}

/** What the function needs of `@cloudbase/node-sdk`: an app made with the 自定义登录 private key. */
export interface TicketSdk {
  init(config: { env: string; credentials: object }): TcbApp
}

/**
 * `exports.main` of `consoleLogin`. `CONSOLE_LOGIN_KEY` holds the JSON of the environment's
 * 自定义登录 private key file (`private_key_id`, `private_key`, `env_id`), as an environment
 * variable of this function only; without it a confirmed poll fails (INTERNAL, logged).
 */
export function createConsoleLoginMain(loadSdk: () => WxServerSdk, loadTicketSdk: () => TicketSdk, env: Record<string, string | undefined> = process.env) {
  let deps: Deps | null = null
  let tickets: ConsoleTickets | null = null
  return async (event: HttpAccessEvent): Promise<HttpAccessAnswer> => {
    deps ??= createDeps(loadSdk())
    tickets ??= {
      make: async (userId) => {
        const key = JSON.parse(env.CONSOLE_LOGIN_KEY ?? 'null') as { env_id?: string } | null
        if (!key?.env_id) throw new Error('CONSOLE_LOGIN_KEY is not set: the 自定义登录 private key of the environment')
        return cloudbaseTickets(loadTicketSdk().init({ env: key.env_id, credentials: key })).make(userId)
      }
    }
    const origins = (env.CONSOLE_ORIGIN ?? '').split(',').map((o) => o.trim()).filter(Boolean)
    return answerConsoleLogin(deps, tickets, event, { origins })
  }
}
