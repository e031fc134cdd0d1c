import type { Role } from '../../../types/common'
import type { Region } from '../../../types/ranking'
import type { User } from '../../../types/user'
import type { Category, CounterRepo, DirectoryRepo, MessageRepo, Store, StoredMessage, Unit, UserRepo } from '../../core/ports'
import { cloudbaseRanking } from './ranking'
import { cloudbaseVolunteer } from './volunteer'
import { cloudbaseReports } from './reports'
import { body, COLLECTIONS as C, getAll, getDoc, type Database, type Doc, type DocRef, type Transaction } from './db'

export type { Database }

/**
 * Where the adapter reads and writes documents by id: straight on the database, or through a
 * transaction (which allows only single-document operations by id).
 */
interface Docs {
  doc(collection: string, id: string): DocRef
  inTransaction: boolean
}

function queryOutsideTransaction(docs: Docs, what: string): void {
  if (docs.inTransaction) throw new Error(`CloudBase transactions allow only by-id operations; ${what} must run outside the transaction`)
}

const toUser = (d: Doc): User => ({
  openid: String(d._id),
  nickname: d.nickname as string,
  role: d.role as Role,
  unitId: (d.unitId as string | null) ?? null,
  villageId: (d.villageId as string | null) ?? null,
  points: Number(d.points ?? 0),
  volunteerMinutes: Number(d.volunteerMinutes ?? 0),
  elderMode: d.elderMode === true
})

function users(db: Database, docs: Docs): UserRepo {
  const _ = db.command
  const read = async (openid: string) => {
    const d = await getDoc(docs.doc(C.users, openid))
    if (!d) throw new Error(`user ${openid} missing`)
    return toUser({ ...d, _id: openid })
  }
  return {
    get: async (openid) => {
      const d = await getDoc(docs.doc(C.users, openid))
      return d ? toUser({ ...d, _id: openid }) : null
    },
    insertIfAbsent: async (user) => {
      const existing = await getDoc(docs.doc(C.users, user.openid))
      if (existing) return toUser({ ...existing, _id: user.openid })
      const { openid, ...rest } = user
      await docs.doc(C.users, openid).set({ data: rest })
      return user
    },
    update: async (openid, patch) => {
      const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      if (Object.keys(data).length) await docs.doc(C.users, openid).update({ data })
      return read(openid)
    },
    addTotals: async (openid, delta) => {
      await docs.doc(C.users, openid).update({ data: { points: _.inc(delta.points ?? 0), volunteerMinutes: _.inc(delta.volunteerMinutes ?? 0) } })
      return read(openid)
    },
    listByRole: async (role) => {
      queryOutsideTransaction(docs, 'listByRole')
      return (await getAll(db.collection(C.users).where({ role }))).map(toUser).sort((a, b) => a.openid.localeCompare(b.openid))
    }
  }
}

function directory(db: Database, docs: Docs, counters: CounterRepo): DirectoryRepo {
  /** Stored with a sequence number so lists keep the order things were first put in. */
  const put = async (collection: string, id: string, data: Doc) => {
    const existing = await getDoc(docs.doc(collection, id))
    const seq = existing?.seq ?? (await counters.add(`seq:${collection}`, 1))
    await docs.doc(collection, id).set({ data: { ...data, seq } })
  }
  const list = async (collection: string) => {
    queryOutsideTransaction(docs, `listing ${collection}`)
    return (await getAll(db.collection(collection))).sort((a, b) => Number(a.seq) - Number(b.seq))
  }
  const toRegion = (d: Doc): Region => ({ id: String(d._id), name: d.name as string, level: d.level as Region['level'], parentId: (d.parentId as string | null) ?? null })
  const toUnit = (d: Doc): Unit => ({ id: String(d._id), name: d.name as string, townId: (d.townId as string | null) ?? null })
  const toCategory = (d: Doc): Category => ({
    code: String(d._id), name: d.name as string, group: d.group as string, unitId: d.unitId as string, slaHours: Number(d.slaHours), kind: d.kind as Category['kind']
  })
  return {
    putRegion: ({ id, ...rest }) => put(C.regions, id, rest),
    listRegions: async () => (await list(C.regions)).map(toRegion),
    getRegion: async (id) => {
      const d = await getDoc(docs.doc(C.regions, id))
      return d ? toRegion({ ...d, _id: id }) : null
    },
    putUnit: ({ id, ...rest }) => put(C.units, id, rest),
    listUnits: async () => (await list(C.units)).map(toUnit),
    getUnit: async (id) => {
      const d = await getDoc(docs.doc(C.units, id))
      return d ? toUnit({ ...d, _id: id }) : null
    },
    putCategory: ({ code, ...rest }) => put(C.categories, code, rest),
    listCategories: async () => (await list(C.categories)).map(toCategory),
    putResponsibility: async (villageId, group, unitId) => {
      await docs.doc(C.responsibilities, `${villageId}:${group}`).set({ data: { villageId, group, unitId } })
    },
    getResponsibility: async (villageId, group) => {
      const d = await getDoc(docs.doc(C.responsibilities, `${villageId}:${group}`))
      return (d?.unitId as string | undefined) ?? null
    }
  }
}

/** Each counter is its own document, changed with `_.inc` inside a transaction. */
function counters(db: Database, docs: Docs, withTx: <T>(fn: (d: Docs) => Promise<T>) => Promise<T>): CounterRepo {
  const _ = db.command
  return {
    get: async (name) => Number((await getDoc(docs.doc(C.counters, name)))?.value ?? 0),
    add: (name, delta) =>
      withTx(async (d) => {
        const ref = d.doc(C.counters, name)
        const current = await getDoc(ref)
        if (current) await ref.update({ data: { value: _.inc(delta) } })
        else await ref.set({ data: { value: delta } })
        return Number(current?.value ?? 0) + delta
      })
  }
}

function messages(db: Database, docs: Docs): MessageRepo {
  const toStored = (d: Doc): StoredMessage & { read: boolean } => ({
    id: String(d._id), openid: d.openid as string, kind: d.kind as string, title: d.title as string, body: d.body as string,
    link: (d.link as string | null) ?? null, createdAt: new Date(Number(d.createdAt)), read: d.read === true
  })
  return {
    insert: async (m) => {
      await docs.doc(C.messages, m.id).set({ data: body({ ...m, createdAt: m.createdAt.getTime(), read: false }) })
    },
    /** Offset paging (cursor = how many were already answered): messages are few per user. */
    list: async (openid, cursor, limit) => {
      queryOutsideTransaction(docs, 'messages.list')
      const offset = Math.max(0, Number(cursor) || 0)
      const { data } = await db.collection(C.messages).where({ openid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit + 1).get()
      return { items: data.slice(0, limit).map(toStored), nextCursor: data.length > limit ? String(offset + limit) : null }
    },
    unreadCount: async (openid) => (await db.collection(C.messages).where({ openid, read: false }).count()).total,
    markRead: async (openid, ids) => {
      queryOutsideTransaction(docs, 'messages.markRead')
      const where = ids === null ? { openid, read: false } : { openid, read: false, _id: db.command.in(ids) }
      if (ids === null || ids.length) await db.collection(C.messages).where(where).update({ data: { read: true } })
      return (await db.collection(C.messages).where({ openid, read: false }).count()).total
    }
  }
}

/** The CloudBase store on a wx-server-sdk database (`cloud.database()`). */
export function createCloudBaseStore(db: Database): Store {
  const direct: Docs = { doc: (c, id) => db.collection(c).doc(id), inTransaction: false }
  const inTx = (t: Transaction): Docs => ({ doc: (c, id) => t.collection(c).doc(id), inTransaction: true })
  const runTx = <T>(fn: (d: Docs) => Promise<T>) => db.runTransaction((t) => fn(inTx(t)))

  function build(docs: Docs, tx: Transaction | null): Store {
    const withTx = <T>(fn: (d: Docs) => Promise<T>) => (tx ? fn(docs) : runTx(fn))
    const counterRepo = counters(db, docs, withTx)
    const store: Store = {
      users: users(db, docs),
      counters: counterRepo,
      directory: directory(db, docs, counterRepo),
      messages: messages(db, docs),
      reports: cloudbaseReports(db, docs.doc),
      volunteer: cloudbaseVolunteer(db, docs.doc),
      ranking: cloudbaseRanking(db, docs.doc),
      transaction: (fn) => (tx ? fn(store) : db.runTransaction((t) => fn(build(inTx(t), t)))),
      close: async () => undefined
    }
    return store
  }
  return build(direct, null)
}
