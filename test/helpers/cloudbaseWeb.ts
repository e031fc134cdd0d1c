import crypto from 'node:crypto'
import { importSPKI, jwtVerify, SignJWT } from 'jose'
import type { Page, Route } from 'playwright-core'

/**
 * A stand-in for the CloudBase web gateway, answering the real `@cloudbase/js-sdk` inside
 * Chromium (through Playwright's request interception), for the requests the console makes:
 * - `POST /auth/v1/signin/custom` `{ provider_id: 'custom', ticket }`: the ticket is checked as
 *   CloudBase would — `<private_key_id>/@@/<RS256 JWT>` verified with the environment's public key,
 *   its `env` this environment's, not expired — and answered with an access token for its uid;
 * - the SDK's session reads (`/auth/v1/user/me`, …) from that token;
 * - `POST /auth/v1/revoke` (sign-out): the token is no longer accepted;
 * - `callFunction`, which the SDK sends to the gateway as `POST /v1/functions/<name>` with the
 *   bearer token and the event as body: the function's `exports.main` runs with the invocation's
 *   CloudBase context as CloudBase sets it for a custom-login web caller (`TCB_CUSTOM_USER_ID` =
 *   the uid), and its return value is the answer.
 * Anything else is recorded in `unknown` (tests require it to stay empty) and refused.
 */
export interface WebGatewayOptions {
  env: string
  region: string
  /** The public half of the environment's 自定义登录 key (SPKI PEM). */
  publicKey: string
  /** The cloud functions by name: `main(event, context)`. */
  functions: Record<string, (event: unknown, context?: unknown) => Promise<unknown>>
}

export interface WebGateway {
  install(page: Page): Promise<void>
  /** Requests the stand-in does not know. */
  unknown: string[]
  /** Every request it answered, `METHOD path`. */
  seen: string[]
  /** The uids signed in so far. */
  signedIn: string[]
}

export function webGateway(opts: WebGatewayOptions): WebGateway {
  const secret = crypto.randomBytes(32)
  const unknown: string[] = []
  const seen: string[] = []
  const signedIn: string[] = []
  const revoked = new Set<string>()

  const issue = async (uid: string) => {
    const access = await new SignJWT({ uid, env: opts.env }).setProtectedHeader({ alg: 'HS256' }).setSubject(`custom-${uid}`).setIssuedAt().setExpirationTime('2h').sign(secret)
    return { token_type: 'Bearer', access_token: access, refresh_token: crypto.randomBytes(24).toString('hex'), expires_in: 7200, scope: 'user', sub: `custom-${uid}`, groups: [] }
  }
  const uidOf = async (authorization: string | undefined): Promise<string | null> => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
    if (!token || revoked.has(token)) return null
    try {
      return String((await jwtVerify(token, secret)).payload.uid)
    } catch {
      return null
    }
  }
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' }, body: JSON.stringify(body) })

  /** The CloudBase context of a custom-login web caller's invocation (the SCF context's `environment`). */
  const contextOf = (uid: string) =>
    JSON.stringify({ TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE', TCB_UUID: `custom-${uid}`, TCB_CUSTOM_USER_ID: uid, TCB_ISANONYMOUS_USER: 'false', TCB_SOURCE: 'web' })

  const handle = async (route: Route) => {
    const request = route.request()
    const url = new URL(request.url())
    const line = `${request.method()} ${url.pathname}`
    if (request.method() === 'OPTIONS') return json(route, 204, {})
    const headers = request.headers()
    const body = request.postData() ?? ''
    const parsed = (() => {
      try {
        return body ? (JSON.parse(body) as Record<string, unknown>) : {}
      } catch {
        return {}
      }
    })()
    seen.push(line)
    if (url.pathname === '/auth/v1/signin/custom') {
      const ticket = String(parsed.ticket ?? '')
      const [, jwt] = ticket.split('/@@/')
      try {
        const { payload } = await jwtVerify(jwt ?? '', await importSPKI(opts.publicKey, 'RS256'), { algorithms: ['RS256'] })
        if (payload.env !== opts.env || (typeof payload.expire === 'number' && payload.expire < Date.now())) throw new Error('ticket of another environment or expired')
        signedIn.push(String(payload.uid))
        return json(route, 200, await issue(String(payload.uid)))
      } catch {
        return json(route, 400, { error: 'invalid_grant', error_code: 4, error_description: 'ticket invalid' })
      }
    }
    const uid = await uidOf(headers.authorization)
    if (url.pathname === '/auth/v1/user/me') {
      if (!uid) return json(route, 401, { error: 'unauthenticated', error_description: 'no token' })
      return json(route, 200, { sub: `custom-${uid}`, name: uid, user_id: `custom-${uid}`, groups: [], providers: [{ id: 'custom', provider_user_id: uid }], status: 'ACTIVE', created_from: 'custom' })
    }
    if (url.pathname === '/auth/v1/revoke') {
      if (typeof parsed.token === 'string') revoked.add(parsed.token)
      return json(route, 200, {})
    }
    // the gateway's function call: the body is the event, the answer the function's return value
    const fn = /^\/v1\/functions\/([\w-]+)$/.exec(url.pathname)
    if (fn && request.method() === 'POST') {
      if (!uid) return json(route, 401, { code: 'UNAUTHENTICATED', message: 'no valid access token' })
      const main = opts.functions[fn[1]!]
      if (!main) return json(route, 404, { code: 'FUNCTION_NOT_FOUND', message: `no function ${fn[1]}` })
      return json(route, 200, await main(body ? JSON.parse(body) : {}, { environment: contextOf(uid) }))
    }
    unknown.push(`${line} ${body.slice(0, 200)}`)
    return json(route, 404, { error: 'not_found', error_description: `${line} is not emulated` })
  }

  return {
    unknown,
    seen,
    signedIn,
    install: async (page) => {
      await page.route(new RegExp(`^https://${opts.env}\\.[\\w.-]*(tcb-api\\.tencentcloudapi\\.com|tcloudbasegateway\\.com)/`), handle)
      await page.route(/^https:\/\/[\w.-]*(tcb-api\.tencentcloudapi\.com|tcloudbasegateway\.com)\//, (route) => {
        if (!new URL(route.request().url()).hostname.startsWith(`${opts.env}.`)) {
          unknown.push(`${route.request().method()} ${route.request().url()}`)
          return route.abort()
        }
        return route.fallback()
      })
    }
  }
}
