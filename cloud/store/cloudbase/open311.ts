import type { Open311Repo, StoredOpen311Key } from '../../core/open311/ports'
import { COLLECTIONS as C, getDoc, storedFields, type Database, type Doc } from './db'
import type { Docs } from './docs'

const date = (v: unknown) => (v == null ? null : new Date(Number(v)))
const toKey = (d: Doc): StoredOpen311Key => ({
  id: String(d._id), hash: d.hash as string, partner: d.partner as string, openid: d.openid as string, createdAt: date(d.createdAt)!,
  createdBy: (d.createdBy as string) ?? '', revokedAt: date(d.revokedAt), lastUsedAt: date(d.lastUsedAt),
  statusChanges: d.statusChanges === true
})

/** Open311 partner keys (issue 15): one document per key, its id the key's prefix, so a request's key is one read by id. */
export function cloudbaseOpen311(db: Database, docs: Docs): Open311Repo {
  void db
  return {
    getKey: async (id) => {
      const d = await getDoc(docs.doc(C.open311Keys, id))
      return d ? toKey({ ...d, _id: id }) : null
    },
    putKey: async (k) => {
      const { id, ...rest } = k
      await docs.doc(C.open311Keys, id).set({ data: storedFields(rest) })
    },
    revokeKey: async (id, at) => void (await docs.doc(C.open311Keys, id).update({ data: { revokedAt: at.getTime() } })),
    setStatusChanges: async (id, allowed) => void (await docs.doc(C.open311Keys, id).update({ data: { statusChanges: allowed } })),
    touchKey: async (id, at) => void (await docs.doc(C.open311Keys, id).update({ data: { lastUsedAt: at.getTime() } })),
    listKeys: async (limit) =>
      (await docs.query(C.open311Keys).where({}).orderBy('createdAt', 'desc').limit(Math.min(limit, 1000)).get()).data.map(toKey)
  }
}
