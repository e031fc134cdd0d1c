import cloudbase from '@cloudbase/js-sdk/app'
// the auth and functions components register themselves with the app on import
import '@cloudbase/js-sdk/auth'
import '@cloudbase/js-sdk/functions'
import type { Envelope } from '../../types/common'
import type { User } from '../../types/user'
import { ApiFailure, type Backend, type Client, type ConsoleRequest } from './api'

/**
 * The console on CloudBase static hosting (docs/console.md, "Production"): built with
 * `VITE_CLOUDBASE_ENV` (and `VITE_CONSOLE_LOGIN_URL`, the HTTP access address of the function
 * `consoleLogin`), it talks to the cloud functions through the CloudBase web SDK instead of
 * `/api`. 扫码登录 goes to `consoleLogin` over HTTP (the console is not signed in yet); the
 * confirmed poll's custom-login ticket is redeemed with `auth.signInWithCustomTicket`, kept in the
 * tab's sessionStorage (`persistence: 'session'`: closing the tab signs out, as locally), and
 * every call is then `callFunction({ name, data: { action, data } })` as that user — the function
 * entries know them by the ticket's uid (cloud/wechat/root.ts `callerOf`).
 */

interface Auth {
  signInWithCustomTicket(getTicket: () => Promise<string>): Promise<{ error?: unknown } | undefined>
  getLoginState(): Promise<unknown | null>
  signOut(): Promise<unknown>
}
interface App {
  auth(options?: { persistence?: 'local' | 'session' | 'none' }): Auth
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>
}

const env = import.meta.env.VITE_CLOUDBASE_ENV ?? ''
const region = import.meta.env.VITE_CLOUDBASE_REGION || 'ap-shanghai'
const loginUrl = (import.meta.env.VITE_CONSOLE_LOGIN_URL ?? '').replace(/\/+$/, '')

const app = (cloudbase as unknown as { init(config: object): App }).init({ env, region, persistence: 'session' })
const auth = app.auth({ persistence: 'session' })

const NETWORK = () => new ApiFailure({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })

function unwrap<T>(envelope: unknown): T {
  const e = envelope as Envelope<T> | null
  if (!e || typeof e !== 'object' || typeof e.ok !== 'boolean') throw new ApiFailure({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  if (e.ok) return e.data
  throw new ApiFailure(e.error)
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(`${loginUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  } catch {
    throw NETWORK()
  }
  let envelope: unknown
  try {
    envelope = await res.json()
  } catch {
    throw new ApiFailure({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  }
  return unwrap<T>(envelope)
}

export const cloudbaseBackend: Backend = {
  kind: 'cloudbase',
  requestConsoleLogin: () => post<ConsoleRequest>('/requests', {}),
  async pollConsoleLogin(id, code) {
    const answer = await post<{ status: 'pending'; expiresAt: string } | { status: 'confirmed'; ticket: string; user: User }>(`/requests/${encodeURIComponent(id)}`, { code })
    if (answer.status !== 'confirmed') return answer
    let outcome: { error?: unknown } | undefined
    try {
      outcome = await auth.signInWithCustomTicket(() => Promise.resolve(answer.ticket))
    } catch {
      throw NETWORK()
    }
    if (outcome?.error) throw new ApiFailure({ code: 'UNAUTHENTICATED', message: '云开发登录失败，请刷新二维码后重试' })
    return { status: 'confirmed', user: answer.user }
  },
  demoLogin: () => Promise.reject(new ApiFailure({ code: 'FORBIDDEN', message: '正式环境不能使用演示身份' })),
  hasSession: async () => (await auth.getLoginState().catch(() => null)) !== null,
  signOut: () => void auth.signOut().catch(() => undefined),
  createClient(onSignedOut): Client {
    return {
      async call(fn, action, data) {
        let result: unknown
        try {
          result = (await app.callFunction({ name: fn, data: { action, data } })).result
        } catch {
          throw NETWORK()
        }
        try {
          return unwrap(result)
        } catch (error) {
          if (error instanceof ApiFailure && error.code === 'UNAUTHENTICATED') onSignedOut()
          throw error
        }
      },
      // after photos go through the mini-program: a web custom-login user has no openid, which the
      // upload folder rules (uploads/<openid>/) and `report.acceptPhoto` require
      upload: () => Promise.reject(new ApiFailure({ code: 'FORBIDDEN', message: '正式环境的管理后台暂不能上传照片，请在小程序中上传整改照片并办结' }))
    }
  }
}
