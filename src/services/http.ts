import type { ApiError, Envelope, ErrorCode } from '../../types/common'
import type { ActionName, FunctionName, InputOf, ResultOf } from '../../types/contract'

/** The HTTP side of the app's cloud client (H5 → local server), free of the Taro runtime so tests run it in node. */

/** A failed call: the envelope's error as a typed exception. */
export class CloudError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'CloudError'
    this.code = error.code
    this.field = error.field
  }
}

/** The one place an envelope becomes a result or a typed error. */
export function unwrap<T>(envelope: Envelope<T> | undefined | null): T {
  if (!envelope || typeof envelope !== 'object') throw new CloudError({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  if (envelope.ok) return envelope.data
  throw new CloudError(envelope.error)
}

/** Where the H5 client keeps its tokens: a short-lived access token and the refresh token. */
export interface TokenPairStore {
  get(): string | null
  getRefresh(): string | null
  set(token: string, refreshToken?: string): void
  clear(): void
}

/**
 * Trades the refresh token for a new pair (`/api/refresh`); answers whether it worked. Calls that
 * find their token expired at the same time share one exchange.
 */
export function tokenRenewer(baseUrl: string, tokens: TokenPairStore): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null
  const renew = async (): Promise<boolean> => {
    const refreshToken = tokens.getRefresh()
    if (!refreshToken) return false
    try {
      const res = await fetch(`${baseUrl}/api/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) })
      const envelope = (await res.json()) as Envelope<{ token: string; refreshToken: string }>
      if (!envelope.ok) return false
      tokens.set(envelope.data.token, envelope.data.refreshToken)
      return true
    } catch {
      return false
    }
  }
  return () => (inFlight ??= renew().finally(() => (inFlight = null)))
}

/**
 * `call` of the H5 client: `fetch` to the local server with the access token; a call answered
 * UNAUTHENTICATED (the two-hour token expired) renews the tokens once and is sent again.
 */
export function httpCaller(baseUrl: string, getToken: () => string | null, renew?: () => Promise<boolean>) {
  return async <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: InputOf<F, A>): Promise<ResultOf<F, A>> => {
    const send = async (): Promise<Envelope<ResultOf<F, A>>> => {
      const token = getToken()
      try {
        const res = await fetch(`${baseUrl}/api/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ action, data })
        })
        return (await res.json()) as Envelope<ResultOf<F, A>>
      } catch {
        throw new CloudError({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
      }
    }
    let envelope = await send()
    if (!envelope.ok && envelope.error.code === 'UNAUTHENTICATED' && renew && (await renew())) envelope = await send()
    return unwrap(envelope)
  }
}
