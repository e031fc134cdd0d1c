import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { jwtVerify, SignJWT } from 'jose'

/**
 * Session tokens of local mode: JWTs (HS256) made and checked by `jose`. An access token lives two
 * hours; a refresh token (a different `typ`, refused where an access token is expected) thirty
 * days, and is exchanged at `/api/refresh` for a new pair. Only the canonical encoding verifies:
 * jose's decoder also takes `=` padding and the `+/` alphabet, and a signature's last character
 * has spare bits, so a token is refused unless each part is exactly what encoding its bytes gives.
 */
export interface TokenPair {
  token: string
  refreshToken: string
  /** Seconds until the access token expires. */
  expiresIn: number
}

export interface TokenSigner {
  issue(openid: string): Promise<TokenPair>
  /** The openid of a valid, unexpired access token; null for a missing, forged, refresh or expired one. */
  verify(token: string | undefined): Promise<string | null>
  /** The openid of a valid, unexpired refresh token; null otherwise. */
  verifyRefresh(token: string | undefined): Promise<string | null>
}

export const ACCESS_TTL_S = 2 * 3600
export const REFRESH_TTL_S = 30 * 24 * 3600

/** The per-data-directory secret, created (mode 0600) on first use. */
export function loadSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'token-secret')
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
  } catch {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    const secret = crypto.randomBytes(32)
    try {
      fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' })
      return secret
    } catch {
      return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex') // another process won the race
    }
  }
}

/**
 * How many verified tokens are remembered by default (see `verify`): more than the users signed in
 * at once (a bench of 20,000 reporters cycled through a memo of 10,000 that started over when full,
 * so nearly every request checked a signature again: issue 23). About 300 bytes a token.
 */
export const DEFAULT_TOKEN_MEMO_SIZE = 50_000
const CANONICAL = /^[A-Za-z0-9_-]+$/

function canonical(token: string): boolean {
  const parts = token.split('.')
  return parts.length === 3 && parts.every((p) => CANONICAL.test(p) && Buffer.from(p, 'base64url').toString('base64url') === p)
}

export function createTokenSigner(
  secret: Buffer,
  clock: () => Date,
  ttl = { access: ACCESS_TTL_S, refresh: REFRESH_TTL_S },
  { memoSize = DEFAULT_TOKEN_MEMO_SIZE }: { memoSize?: number } = {}
): TokenSigner {
  // one KeyObject for every signature: given bytes, jose makes a new one per token signed or checked
  const key = crypto.createSecretKey(secret)
  const seconds = () => Math.floor(clock().getTime() / 1000)
  // A token that verified once always will (same secret): its subject and expiry are remembered,
  // so the signature is checked once per token, not once per request. Expiry is checked each time.
  // When `memoSize` tokens are remembered, the oldest remembered is forgotten (Map keeps insertion order).
  const verified = new Map<string, { sub: string; exp: number; typ: string }>()
  const remember = (token: string, known: { sub: string; exp: number; typ: string }) => {
    if (verified.size >= memoSize) verified.delete(verified.keys().next().value!)
    verified.set(token, known)
  }
  const make = async (openid: string, typ: 'access' | 'refresh', life: number) => {
    const iat = seconds()
    const token = await new SignJWT({ typ }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(openid).setIssuedAt(iat).setExpirationTime(iat + life)
      .setJti(crypto.randomBytes(9).toString('base64url')).sign(key)
    // an access token just signed here is valid: its first use needs no signature check either
    if (typ === 'access' && canonical(token)) remember(token, { sub: openid, exp: iat + life, typ })
    return token
  }
  const check = async (token: string | undefined, typ: 'access' | 'refresh'): Promise<string | null> => {
    if (!token || token.length > 2048) return null
    let known = verified.get(token)
    if (!known) {
      if (!canonical(token)) return null
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: clock() })
        if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || typeof payload.typ !== 'string') return null
        known = { sub: payload.sub, exp: payload.exp, typ: payload.typ }
      } catch {
        return null
      }
      remember(token, known)
    }
    if (known.exp <= clock().getTime() / 1000) {
      verified.delete(token) // expired for good: make room
      return null
    }
    return known.typ === typ ? known.sub : null
  }
  return {
    issue: async (openid) => ({ token: await make(openid, 'access', ttl.access), refreshToken: await make(openid, 'refresh', ttl.refresh), expiresIn: ttl.access }),
    verify: (token) => check(token, 'access'),
    verifyRefresh: (token) => check(token, 'refresh')
  }
}
