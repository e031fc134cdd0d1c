import type { Deps } from './context'
import { rateLimited } from './errors'
import type { Store } from './ports'
import { isoLocal } from './time'

/**
 * Counts one more of a user's repeatable writes inside the transaction `tx` (a counter document
 * per kind, user and district day, read and written by id) and refuses it beyond the allowance:
 * the error rolls the count back with the write. Exact on both stores, bursts included.
 */
export async function countToday(deps: Pick<Deps, 'clock' | 'config'>, tx: Store, what: string, openid: string, perDay: number, message: string): Promise<void> {
  await countFor(tx, `${what}:${openid}:${isoLocal(deps.clock(), deps.config).slice(0, 10)}`, perDay, message)
}

/** The same for any key: a village's month of scores. */
export async function countFor(tx: Store, key: string, allowed: number, message: string): Promise<void> {
  if ((await tx.counters.add(`limit:${key}`, 1)) > allowed) throw rateLimited(message)
}
