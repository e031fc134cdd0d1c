import { AppError } from '../core/errors'
import type { Store } from '../core/ports'

/** How long a seed step is tried again: past the 30 s a lost abort can hold a document's lock (docs/cloudbase-emulator.md). */
const STEP_DEADLINE_MS = 90_000

/**
 * Runs a step of the seed again when the database failed — not when the app refused (an AppError)
 * — pausing a little longer each time, until the deadline: `EMULATOR_FAULTS=0.05` makes 5 % of the
 * calls fail (issue 22, item 7), and the demo must still be seeded. Steps are idempotent (set by id,
 * insert if absent, client ids) or checked by their caller.
 */
export async function again<T>(step: () => Promise<T>, deadlineMs = STEP_DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + deadlineMs
  for (let attempt = 1; ; attempt++) {
    try {
      return await step()
    } catch (error) {
      const pause = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2)
      if (error instanceof AppError || Date.now() + pause > deadline) throw error
      await new Promise((r) => setTimeout(r, pause))
    }
  }
}

/** Repository functions that answer at once, from what was read before (no database call to try again). */
const SYNCHRONOUS = new Set<string | symbol>(['timelineRead'])

/** The store with every call of its repositories, and every transaction as a whole, run through `again`. */
export function retrying(store: Store): Store {
  const wrap = <R extends object>(repo: R): R =>
    new Proxy(repo, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown
        if (SYNCHRONOUS.has(key)) return value
        return typeof value === 'function' ? (...args: unknown[]) => again(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) : value
      }
    })
  const out = { ...store } as Record<string, unknown>
  for (const [key, repo] of Object.entries(store)) if (repo && typeof repo === 'object') out[key] = wrap(repo)
  // a call's own store (ports.ts `forCall`) is not this one: the seed's calls use this one throughout
  return { ...(out as unknown as Store), transaction: (fn) => again(() => store.transaction(fn)), forCall: undefined, close: () => store.close() }
}
