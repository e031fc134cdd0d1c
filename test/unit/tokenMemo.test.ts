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

  it('remembers as many tokens as configured: each is checked once, however often it is used', async () => {
    const signer = createTokenSigner(secret, () => now, undefined, { memoSize: 300 })
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => signer.issue(`memo-user-${i}`).then((p) => p.token)))
    const before = checks()
    for (let round = 0; round < 3; round++) {
      for (const [i, token] of tokens.entries()) expect(await signer.verify(token)).toBe(`memo-user-${i}`)
    }
    expect(checks() - before).toBe(300)
  })

  it('when full, forgets the oldest token only, not every one', async () => {
    const signer = createTokenSigner(secret, () => now, undefined, { memoSize: 3 })
    const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((u) => signer.issue(u).then((p) => p.token)))
    for (const t of tokens) await signer.verify(t) // a is forgotten when d comes in
    const before = checks()
    expect(await signer.verify(tokens[3])).toBe('d')
    expect(await signer.verify(tokens[2])).toBe('c')
    expect(await signer.verify(tokens[1])).toBe('b')
    expect(checks() - before).toBe(0)
    expect(await signer.verify(tokens[0])).toBe('a')
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
