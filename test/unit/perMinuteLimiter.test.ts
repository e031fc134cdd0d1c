import { perMinuteLimiter } from '../../cloud/core/limits'

/** The one limiter of attempts per address (Open311 reads, sign-in attempts): any 60 seconds, not a calendar minute. */
describe('perMinuteLimiter', () => {
  it('refuses the fourth of three a minute even when the burst straddles a minute’s turn', () => {
    let t = 59_990 // 10 ms before a minute turns
    const may = perMinuteLimiter(3, () => t)
    expect([may('a'), may('a'), may('a')]).toEqual([true, true, true])
    t = 60_005
    expect(may('a')).toBe(false)
    expect(may('b')).toBe(true) // another address has its own allowance
  })

  it('allows again once the oldest attempt is 60 seconds old; refused attempts are not counted', () => {
    let t = 0
    const may = perMinuteLimiter(2, () => t)
    expect(may('a')).toBe(true)
    t = 30_000
    expect(may('a')).toBe(true)
    expect(may('a')).toBe(false)
    t = 59_999
    expect(may('a')).toBe(false)
    t = 60_000
    expect(may('a')).toBe(true) // the first (t = 0) has left the window
    expect(may('a')).toBe(false)
    t = 90_000
    expect(may('a')).toBe(true)
  })

  it('forgets addresses quiet for a minute', () => {
    let t = 0
    const may = perMinuteLimiter(1, () => t)
    expect(may('a')).toBe(true)
    expect(may('a')).toBe(false)
    t = 120_000
    expect(may('a')).toBe(true)
  })
})
