import crypto from 'node:crypto'
import { createTokenSigner, DEFAULT_TOKEN_MEMO_SIZE } from '../../cloud/server/tokens'

// jose as installed, with its signature checks counted: a remembered token is not checked again
jest.mock('jose', () => {
  const actual = jest.requireActual('jose')
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) }
})
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checks = () => (require('jose').jwtVerify as jest.Mock).mock.calls.length

/** Issue 23: the memo of verified tokens holds as many users as it is configured for. */
describe('the memo of verified tokens', () => {
  const now = new Date('2026-12-07T08:00:00Z')
  const secret = crypto.randomBytes(32)

  // tokens signed by another signer with the same secret (another server process): checked on first use
  const foreign = (n: number, prefix: string) => {
    const other = createTokenSigner(secret, () => now)
    return Promise.all(Array.from({ length: n }, (_, i) => other.issue(`${prefix}-${i}`).then((p) => p.token)))
  }

  it('remembers as many tokens as configured: each is checked once, however often it is used', async () => {
    const signer = createTokenSigner(secret, () => now, undefined, { memoSize: 300 })
    const tokens = await foreign(300, 'memo-user')
    const before = checks()
    for (let round = 0; round < 3; round++) {
      for (const [i, token] of tokens.entries()) expect(await signer.verify(token)).toBe(`memo-user-${i}`)
    }
    expect(checks() - before).toBe(300)
  })

  it('remembers the access tokens it issues: their first use is not checked either; refresh tokens are', async () => {
    const signer = createTokenSigner(secret, () => now, undefined, { memoSize: 10 })
    const pair = await signer.issue('fresh-user')
    const before = checks()
    expect(await signer.verify(pair.token)).toBe('fresh-user')
    expect(checks() - before).toBe(0)
    expect(await signer.verify(pair.refreshToken)).toBeNull() // a refresh token is no access token
    expect(await signer.verifyRefresh(pair.refreshToken)).toBe('fresh-user')
    expect(await signer.verifyRefresh(pair.token)).toBeNull()
    expect(checks() - before).toBe(1)
  })

  it('when full, forgets the oldest token only, not every one', async () => {
    const signer = createTokenSigner(secret, () => now, undefined, { memoSize: 3 })
    const tokens = await foreign(4, 'u')
    for (const t of tokens) await signer.verify(t) // u-0 is forgotten when u-3 comes in
    const before = checks()
    expect(await signer.verify(tokens[3])).toBe('u-3')
    expect(await signer.verify(tokens[2])).toBe('u-2')
    expect(await signer.verify(tokens[1])).toBe('u-1')
    expect(checks() - before).toBe(0)
    expect(await signer.verify(tokens[0])).toBe('u-0')
    expect(checks() - before).toBe(1)
  })

  it('still refuses an expired token it remembers', async () => {
    let clock = now
    const signer = createTokenSigner(secret, () => clock, { access: 60, refresh: 600 }, { memoSize: 10 })
    const { token } = await signer.issue('short-lived')
    expect(await signer.verify(token)).toBe('short-lived')
    clock = new Date(now.getTime() + 61_000)
    expect(await signer.verify(token)).toBeNull()
  })

  it('holds by default more users than the bench signs in (20,000 reporters, 1,000 volunteers)', () => {
    expect(DEFAULT_TOKEN_MEMO_SIZE).toBeGreaterThanOrEqual(21_000)
  })
})
