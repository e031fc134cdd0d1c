import type { ApiError, Envelope, ErrorCode } from '../../types/common'
import type { ActionName, FunctionName, InputOf, ResultOf } from '../../types/contract'
import type { User } from '../../types/user'
import { cloudFileUrl } from '../../types/photos'

/**
 * The console's way to the local server: `POST /api/<fn>` with `{ action, data }` and the bearer
 * token, typed from the shared contract (types/contract.ts) like the app's client. Same origin as
 * the page, so every URL is relative.
 */

/** A failed call: the envelope's error (code, Chinese message, field). */
export class ApiFailure extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiFailure'
    this.code = error.code
    this.field = error.field
  }
}

/** The message to show for anything a call threw. */
export const messageOf = (error: unknown): string =>
  error instanceof ApiFailure ? error.message : '操作失败，请稍后再试'

export interface TokenPair {
  token: string
  refreshToken: string
}

export interface SignedIn extends TokenPair {
  expiresIn: number
  user: User
}

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  } catch {
    throw new ApiFailure({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
  }
  return unwrap<T>(res)
}

async function unwrap<T>(res: Response): Promise<T> {
  let envelope: Envelope<T>
  try {
    envelope = (await res.json()) as Envelope<T>
  } catch {
    throw new ApiFailure({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  }
  if (!envelope || typeof envelope !== 'object') throw new ApiFailure({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  if (envelope.ok) return envelope.data
  throw new ApiFailure(envelope.error)
}

/** Demo mode only (CIVIC_DEMO=1): signs in as any openid, as the H5 app's sign-in page does. */
const demoLogin = (openid: string) => post<SignedIn>('/api/login', { openid })

/** A one-time QR sign-in request (扫码登录): `code` is its secret, shown only inside the QR code. */
export interface ConsoleRequest {
  id: string
  code: string
  expiresAt: string
  /** Seconds the request lives (two minutes). */
  expiresIn: number
  /** Demo mode: the demo identities may sign in directly too. */
  demoLogin: boolean
}

/** The poll's answer: once someone confirmed, the person, whose session the backend now keeps. */
export type ConsolePoll = { status: 'pending'; expiresAt: string } | { status: 'confirmed'; user: User }

/**
 * Where the console's calls and its session go: the local server (`/api`, token pairs in the
 * tab's sessionStorage) or, built with `VITE_CLOUDBASE_ENV`, CloudBase through the web SDK
 * (cloudbase.ts). The pages see only `Client`.
 */
export interface Backend {
  kind: 'local' | 'cloudbase'
  /** Asks for a new QR sign-in request. */
  requestConsoleLogin(): Promise<ConsoleRequest>
  /** The request's state; once a staff member confirmed it in the app, their session is kept (once). */
  pollConsoleLogin(id: string, code: string): Promise<ConsolePoll>
  /** Demo mode only: signs in as any openid and keeps the session. */
  demoLogin(openid: string): Promise<User>
  /** Whether a session is kept (a reload of the tab tries it with `user.me`). */
  hasSession(): Promise<boolean>
  signOut(): void
  createClient(onSignedOut: () => void): Client
}

/** The link the QR code carries: the app's page for it (H5: this server's app; WeChat: the same path in the mini-program). */
export const consoleLoginLink = (r: Pick<ConsoleRequest, 'id' | 'code'>, origin = location.origin) =>
  `${origin}/#/sub-user/console-login/index?id=${encodeURIComponent(r.id)}&code=${encodeURIComponent(r.code)}`

/** Where the console keeps its tokens: this tab's sessionStorage (closing the tab signs out). */
const KEY = 'civic.admin.tokens'
export const tokenStore = {
  get(): TokenPair | null {
    try {
      const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as TokenPair | null
      return value && typeof value.token === 'string' && typeof value.refreshToken === 'string' ? value : null
    } catch {
      return null
    }
  },
  set(pair: TokenPair): void {
    sessionStorage.setItem(KEY, JSON.stringify({ token: pair.token, refreshToken: pair.refreshToken }))
  },
  clear(): void {
    sessionStorage.removeItem(KEY)
  }
}

export interface Client {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: InputOf<F, A>): Promise<ResultOf<F, A>>
  /** Uploads an image (POST /api/upload, multipart field `file`); answers its file id. */
  upload(file: Blob, name: string): Promise<string>
}

/** Where a stored photo is shown: the local server's /files/<id>; on CloudBase the cloud file's public address. */
export const fileUrl = (fileId: string): string | null =>
  /^[0-9a-f]{32}\.(jpg|png|webp)$/.test(fileId) ? `/files/${fileId}` : import.meta.env.VITE_CLOUDBASE_ENV ? cloudFileUrl(fileId) : null

/**
 * A client on the stored tokens. A call answered UNAUTHENTICATED (the two-hour access token
 * expired) trades the refresh token once for a new pair and is sent again; when that fails too,
 * `onSignedOut` runs.
 */
function createLocalClient(onSignedOut: () => void): Client {
  let renewing: Promise<boolean> | null = null
  const renew = () =>
    (renewing ??= (async () => {
      const pair = tokenStore.get()
      if (!pair) return false
      try {
        tokenStore.set(await post<TokenPair>('/api/refresh', { refreshToken: pair.refreshToken }))
        return true
      } catch {
        return false
      }
    })().finally(() => (renewing = null)))

  const authorized = (): Record<string, string> => {
    const pair = tokenStore.get()
    return pair ? { authorization: `Bearer ${pair.token}` } : {}
  }

  async function withRenewal<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send()
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== 'UNAUTHENTICATED') throw error
      if (!(await renew())) {
        tokenStore.clear()
        onSignedOut()
        throw error
      }
      return send()
    }
  }

  return {
    call: (fn, action, data) => withRenewal(() => post(`/api/${fn}`, { action, data }, authorized())),
    upload: (file, name) =>
      withRenewal(async () => {
        const form = new FormData()
        form.append('file', file, name)
        let res: Response
        try {
          res = await fetch('/api/upload', { method: 'POST', body: form, headers: authorized() })
        } catch {
          throw new ApiFailure({ code: 'INTERNAL', message: '图片上传失败，请重试' })
        }
        return (await unwrap<{ fileId: string }>(res)).fileId
      })
  }
}

/** The local server's backend: `/api`, `/api/console/requests`, `/api/login` in demo mode. */
export const localBackend: Backend = {
  kind: 'local',
  requestConsoleLogin: () => post<ConsoleRequest>('/api/console/requests', {}),
  async pollConsoleLogin(id, code) {
    const answer = await post<{ status: 'pending'; expiresAt: string } | ({ status: 'confirmed' } & SignedIn)>(`/api/console/requests/${encodeURIComponent(id)}`, { code })
    if (answer.status !== 'confirmed') return answer
    tokenStore.set(answer)
    return { status: 'confirmed', user: answer.user }
  },
  async demoLogin(openid) {
    const answer = await demoLogin(openid)
    tokenStore.set(answer)
    return answer.user
  },
  hasSession: async () => tokenStore.get() !== null,
  signOut: () => tokenStore.clear(),
  createClient: createLocalClient
}

/** The backend of this build: CloudBase when built with `VITE_CLOUDBASE_ENV` (the web SDK is then loaded), else the local server. */
export const loadBackend = (): Promise<Backend> =>
  import.meta.env.VITE_CLOUDBASE_ENV ? import('./cloudbase').then((m) => m.cloudbaseBackend) : Promise.resolve(localBackend)
