import type { ConsoleLoginRepo, StoredConsoleLogin } from '../../core/ports'
import { COLLECTIONS as C, getDoc, storedFields, type Command, type Doc } from './db'
import type { Docs } from './docs'

const date = (v: unknown) => (v == null ? null : new Date(Number(v)))
const toRequest = (id: string, d: Doc): StoredConsoleLogin => ({
  id, codeHash: d.codeHash as string, createdAt: date(d.createdAt)!, expiresAt: date(d.expiresAt)!, failures: Number(d.failures ?? 0),
  confirmedBy: (d.confirmedBy as string | null) ?? null, confirmedAt: date(d.confirmedAt), claimedAt: date(d.claimedAt)
})

/**
 * The console's QR sign-in requests: one document each, `_id` the request id, only a hash of the
 * code; every call one read or write by id (also inside a transaction), except the sweep's one
 * `where … remove()` (a multi-document delete in one call, outside transactions).
 */
export function cloudbaseConsoleLogins(docs: Docs, _: Command): ConsoleLoginRepo {
  return {
    get: async (id) => {
      const d = await getDoc(docs.doc(C.consoleLogins, id))
      return d ? toRequest(id, d) : null
    },
    insert: async (r) => {
      const { id, ...rest } = r
      await docs.doc(C.consoleLogins, id).set({ data: storedFields(rest) })
    },
    update: async (id, patch) => void (await docs.doc(C.consoleLogins, id).update({ data: storedFields(patch) })),
    removeOlderThan: async (before) => {
      const answer = (await docs.query(C.consoleLogins).where({ createdAt: _.lt(before.getTime()) }).remove()) as { stats?: { removed?: number } }
      return Number(answer.stats?.removed ?? 0)
    }
  }
}
