import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Signed session tokens for local mode: base64url(payload).base64url(HMAC-SHA256). */
export interface TokenSigner {
  sign(openid: string): string
  /** The openid of a valid, unexpired token; null for a missing, forged or expired one. */
  verify(token: string | undefined): string | null
}

const TTL_MS = 30 * 24 * 3600 * 1000

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

/** How many verified tokens are remembered (see `verify`); the memo starts over when full. */
const VERIFIED_MEMO_SIZE = 10_000

export function createTokenSigner(secret: Buffer, clock: () => Date, ttlMs = TTL_MS): TokenSigner {
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest()
  // A token whose signature checked out once always will (same secret), so its openid and expiry
  // are remembered: a client sends the same token on every call, and the HMAC, base64 and JSON
  // work is done once per token instead of once per request. The expiry is still checked each time.
  const verified = new Map<string, { sub: string; exp: number }>()
  return {
    sign(openid) {
      const body = Buffer.from(JSON.stringify({ sub: openid, exp: clock().getTime() + ttlMs })).toString('base64url')
      return `${body}.${mac(body).toString('base64url')}`
    },
    verify(token) {
      if (!token || token.length > 1024) return null
      const known = verified.get(token)
      if (known) return known.exp > clock().getTime() ? known.sub : null
      const [body, sig, extra] = token.split('.')
      if (!body || !sig || extra !== undefined) return null
      const expected = mac(body)
      const given = Buffer.from(sig, 'base64url')
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null
      try {
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown }
        if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null
        if (verified.size >= VERIFIED_MEMO_SIZE) verified.clear()
        verified.set(token, { sub: payload.sub, exp: payload.exp })
        return payload.exp > clock().getTime() ? payload.sub : null
      } catch {
        return null
      }
    }
  }
}
