import type { Store } from '../ports'

/**
 * Open311's public answers kept until a case changes (issue 23). Each store has its own cache, keyed
 * by the request as asked (resource, parameters, whom it answers, the base URL) and valid while the
 * store's `publicVersion` (cloud/core/report/ports.ts) is the one it was made at — any write to a
 * case, a timeline or the reference data moves it, and the whole cache is dropped — and, for a
 * window that ends now, until its oldest request would leave the window (`expiresAt`). A store
 * without a version (CloudBase: no cheap one) caches nothing: every answer there is computed.
 */

export interface Cached<T> {
  value: T
  /** Valid until this time (ms), else as long as the version holds. */
  expiresAt: number | null
}

/** At most this many answers are kept per store (a page of 100 requests in XML is ~60 KB). */
const MAX_ENTRIES = 200

interface StoreCache {
  version: number
  entries: Map<string, Cached<unknown>>
}

const caches = new WeakMap<object, StoreCache>()

function cacheOf(store: Store, version: number): StoreCache {
  let cache = caches.get(store)
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() }
    caches.set(store, cache)
  }
  return cache
}

/**
 * The answer of `key` at the store's current version: the kept one, else `compute`'s (kept when it
 * says so). The version is read before computing, so what is kept is never older than its version.
 */
export async function cachedAnswer<T>(store: Store, key: string, now: number, compute: () => Promise<{ value: T; keep: boolean; expiresAt: number | null }>): Promise<T> {
  const version = await store.reports.publicVersion?.()
  if (version === undefined) return (await compute()).value
  const hit = cacheOf(store, version).entries.get(key)
  if (hit && (hit.expiresAt === null || now < hit.expiresAt)) return hit.value as T
  const answer = await compute()
  // kept only while no newer version has been seen meanwhile
  const cache = caches.get(store)
  if (answer.keep && cache?.version === version) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!)
    cache.entries.set(key, { value: answer.value, expiresAt: answer.expiresAt })
  }
  return answer.value
}
