import type { Deps } from './context'
import { rateLimited } from './errors'
import type { Store } from './ports'
import { isoLocal } from './time'

/**
 * Counts one more of a user's repeatable writes (a counter document per kind, user and district
 * day: only that user's own requests ever touch it, so it is never a hot document) and refuses it
 * beyond the allowance. Inside a transaction `tx` the error rolls the count back with the write;
 * outside one (`tx` is the store) it is one conditional atomic update, and the answer gives the
 * count back when the write it paid for did not happen. Exact on both stores, bursts included.
 */
export async function countToday(deps: Pick<Deps, 'clock' | 'config'>, tx: Store, what: string, openid: string, perDay: number, message: string): Promise<() => Promise<void>> {
  return countFor(tx, `${what}:${openid}:${isoLocal(deps.clock(), deps.config).slice(0, 10)}`, perDay, message)
}

/** The same for any key: a village's month of scores. Answers what gives the count back. */
export async function countFor(tx: Store, key: string, allowed: number, message: string): Promise<() => Promise<void>> {
  if (!(await tx.counters.take(`limit:${key}`, allowed))) throw rateLimited(message)
  return async () => void (await tx.counters.add(`limit:${key}`, -1))
}

/**
 * At most `perMinute` attempts per key (a client address) in any 60 seconds, in this process's
 * memory: for what no user is known for (Open311's public reads, sign-in attempts). A sliding
 * window (the times of the last `perMinute` attempts per key), so a burst that straddles a minute's
 * turn is refused as one in the middle of a minute is. Keys quiet for a minute are forgotten.
 * Answers whether one more is allowed now; a refused attempt is not counted.
 */
export function perMinuteLimiter(perMinute: number, now: () => number = Date.now): (key: string) => boolean {
  let recent = new Map<string, number[]>()
  let sweptAt = now()
  return (key) => {
    const t = now()
    if (t - sweptAt >= 60_000) {
      const kept = new Map<string, number[]>()
      for (const [k, times] of recent) if (t - (times[times.length - 1] ?? 0) < 60_000) kept.set(k, times)
      recent = kept
      sweptAt = t
    }
    const times = (recent.get(key) ?? []).filter((at) => t - at < 60_000)
    if (times.length >= perMinute) {
      recent.set(key, times)
      return false
    }
    times.push(t)
    recent.set(key, times)
    return true
  }
}
