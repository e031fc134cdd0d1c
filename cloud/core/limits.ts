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
 * Fixed one-minute windows of attempts per key (a client address), in this process's memory: for
 * public reads that no user is known for (Open311). Answers whether one more is allowed now.
 */
export function perMinuteLimiter(perMinute: number, now: () => number = Date.now): (key: string) => boolean {
  let window = 0
  let counts = new Map<string, number>()
  return (key) => {
    const minute = Math.floor(now() / 60_000)
    if (minute !== window) {
      window = minute
      counts = new Map()
    }
    const n = (counts.get(key) ?? 0) + 1
    counts.set(key, n)
    return n <= perMinute
  }
}
