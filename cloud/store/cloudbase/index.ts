import type { Role } from '../../../types/common'
import type { Region } from '../../../types/ranking'
import type { User } from '../../../types/user'
import type { Category, CounterRepo, DirectoryRepo, Responsibility, MessageRepo, OperationFilter, OperationRepo, Store, StoredMessage, Unit, UserRepo, UserSearch } from '../../core/ports'
import { cloudbaseRanking } from './ranking'
import { cloudbaseVolunteer } from './volunteer'
import { cloudbaseReports } from './reports'
import { cloudbaseOpen311 } from './open311'
import { cloudbaseConsoleLogins } from './consoleLogins'
import { cloudbasePoints } from './points'
import { cloudbaseShop } from './shop'
import { cloudbaseHouseholds } from './households'
import { cloudbaseNotices } from './notices'
import { cloudbaseCampaign } from './campaign'
import { ALL_COLLECTIONS, body, COLLECTIONS as C, getAll, getDoc, keysetPage, storedFields, updateFields, type Database, type Doc } from './db'
import { directDocs, runTransaction, transactionDocs, type Docs } from './docs'
import { newId } from '../../core/ids'
import { cursorOf, parseCursor } from '../cursor'

export type { Database }

/**
 * Creates the store's collections where missing (CloudBase answers a query on a collection that
 * does not exist with an error) and, with `wipe`, removes every document in them: the real-
 * environment contract run uses prefixed collections of its own and leaves them empty.
 */
export async function prepareCollections(db: Database, prefix: string, opts: { wipe?: boolean } = {}): Promise<void> {
  for (const name of ALL_COLLECTIONS) {
    try {
      await db.createCollection(prefix + name)
    } catch (error) {
      if (!/exist/i.test(String((error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message))) throw error
    }
    if (opts.wipe) await db.collection(prefix + name).where({ _id: db.command.exists(true) }).remove()
  }
}

const toUser = (d: Doc): User => ({
  openid: String(d._id),
  nickname: d.nickname as string,
  role: d.role as Role,
  unitId: (d.unitId as string | null) ?? null,
  villageId: (d.villageId as string | null) ?? null,
  points: Number(d.points ?? 0),
  volunteerMinutes: Number(d.volunteerMinutes ?? 0),
  elderMode: d.elderMode === true,
  evaluator: d.evaluator === true,
  realName: (d.realName as string | null | undefined) ?? null,
  ...(typeof d.userId === 'string' ? { userId: d.userId } : {}),
  ...(Array.isArray(d.gridVillageIds) && d.gridVillageIds.length ? { gridVillageIds: d.gridVillageIds.map(String) } : {}),
  ...(Array.isArray(d.shopIds) && d.shopIds.length ? { shopIds: d.shopIds.map(String) } : {})
})

function users(db: Database, docs: Docs): UserRepo {
  const _ = db.command
  const read = async (d: Docs, openid: string) => {
    const found = await getDoc(d.doc(C.users, openid))
    if (!found) throw new Error(`user ${openid} missing`)
    return toUser({ ...found, _id: openid })
  }
  /** The conditions of `search` besides the handle and the cursor. */
  const searchWhere = (filter: UserSearch): unknown[] => {
    const where: unknown[] = []
    if (filter.text) {
      const text = new RegExp(filter.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
      const villages = filter.textVillageIds ?? []
      where.push(_.or([{ nickname: text }, { realName: text }, ...(villages.length ? [{ villageId: _.in(villages) }] : [])]))
    }
    if (filter.role) where.push({ role: filter.role })
    if (filter.villageId) where.push({ villageId: filter.villageId })
    if (filter.grid) where.push({ 'gridVillageIds.0': _.exists(true) })
    if (filter.gridVillageId) where.push({ gridVillageIds: filter.gridVillageId })
    // a shop's shopkeepers: the array holds it (index shopIds + userId)
    if (filter.shopId) where.push({ shopIds: filter.shopId })
    return where
  }
  return {
    get: async (openid) => {
      const d = await getDoc(docs.doc(C.users, openid))
      return d ? toUser({ ...d, _id: openid }) : null
    },
    getMany: async (openids) => {
      const ids = [...new Set(openids)]
      if (!ids.length) return []
      if (docs.inTransaction) return (await Promise.all(ids.map((id) => getDoc(docs.doc(C.users, id)).then((d) => (d ? toUser({ ...d, _id: id }) : null))))).filter((u): u is User => u !== null)
      const found: Doc[] = []
      for (let i = 0; i < ids.length; i += 1000) found.push(...(await docs.query(C.users).where({ _id: _.in(ids.slice(i, i + 1000)) }).limit(1000).get()).data)
      return found.map(toUser)
    },
    /** Read and written in one transaction: a failed or repeated call can never overwrite a stored user. */
    insertIfAbsent: (user) =>
      docs.withTransaction(async (d) => {
        const existing = await getDoc(d.doc(C.users, user.openid))
        if (existing) return toUser({ ...existing, _id: user.openid })
        const { openid, ...rest } = { ...user, userId: user.userId ?? newId() }
        await d.doc(C.users, openid).set({ data: rest })
        return { ...rest, openid }
      }),
    update: async (openid, patch) => {
      const data = updateFields(db, patch)
      if (Object.keys(data).length) await docs.doc(C.users, openid).update({ data })
      return read(docs, openid)
    },
    addTotals: async (openid, delta) => {
      await docs.doc(C.users, openid).update({ data: { points: _.inc(delta.points ?? 0), volunteerMinutes: _.inc(delta.volunteerMinutes ?? 0) } })
      return read(docs, openid)
    },
    listByRole: async (role) => (await getAll(docs, _, C.users, { role })).map(toUser).sort((a, b) => a.openid.localeCompare(b.openid)),
    // index role + unitId: one query, bounded
    staffOf: async (unitIds) => {
      const ids = [...new Set(unitIds)]
      if (!ids.length) return []
      return (await docs.query(C.users).where({ role: 'staff', unitId: _.in(ids) }).orderBy('_id', 'asc').limit(1000).get()).data.map(toUser)
    },
    // index userId (unique)
    getByUserId: async (userId) => {
      const { data } = await docs.query(C.users).where({ userId }).limit(1).get()
      return data[0] ? toUser(data[0]) : null
    },
    /**
     * One query (index role + userId; a regular expression on the names): users stored before handles get theirs on their next call.
     * 网格员: `gridVillageIds.0` exists (the array is not empty); a village's: the array holds it (index gridVillageIds + userId).
     */
    search: async (filter, cursor, limit) => {
      const where: unknown[] = [{ userId: _.exists(true) }, ...searchWhere(filter)]
      const c = parseCursor(cursor)
      if (c) where.push({ userId: _.gt(c.id) })
      const { data } = await docs.query(C.users).where(_.and(where)).orderBy('userId', 'asc').limit(limit + 1).get()
      const items = data.slice(0, limit).map(toUser)
      return { items, nextCursor: data.length > limit ? cursorOf(0, items[limit - 1]!.userId!) : null }
    },
    // the same conditions, one count (`userId > ''`: every user with a handle, a range the userId index serves)
    searchTotal: async (filter) => Number((await docs.query(C.users).where(_.and([{ userId: _.gt('') }, ...searchWhere(filter)])).count()).total),
    remove: async (openid) => void (await docs.doc(C.users, openid).remove())
  }
}

/**
 * Reference data: one document (`directory/reference`) holding the regions, units, categories and
 * 分包 responsibilities, each list in the order things were first put, so any read of it is one
 * call. A district has tens to hundreds of villages; writes are rare (seeding, the admin console).
 */
export const REFERENCE_DOC = 'reference'
type Kind = 'regions' | 'units' | 'categories' | 'responsibilities'
/** Settings (`workCalendar`, `publishedPeriods`) are the field `settings` of the same document: key → JSON text. */
type Reference = Partial<Record<Kind, Doc[]>> & { settings?: Record<string, string> }

/**
 * A region as the reference document keeps it. A boundary is kept as GeoJSON text: the SDK turns any
 * `{ type: 'Polygon', coordinates }` it reads into its own geo classes, and the reference document
 * needs no geo index (core indexes the boundaries).
 */
export const regionDoc = (r: Region): Doc => ({ ...r, center: r.center ?? null, boundary: r.boundary ? JSON.stringify(r.boundary) : null })

/** What a call's store (`forCall`) keeps of the reference document: `drop` forgets it (after the call writes), `read` shares it. */
interface ReferenceMemo { drop(): void; read(): Promise<Doc | null> }

function directory(docs: Docs, memo?: { set(kept: ReferenceMemo): void }): DirectoryRepo {
  const read = async (d: Docs) => ((await getDoc(d.doc(C.directory, REFERENCE_DOC))) ?? {}) as Reference
  /**
   * Reads asked for while one is on its way share it (the dashboard asks for regions, units and
   * categories at once: one call). A write through this store drops the shared read, so nobody who
   * asks after a write here is answered what was read before it. A call's own store (`memo`) keeps
   * the read for the rest of the call (one call however often the call asks), until it writes.
   */
  let inflight: Promise<Reference> | null = null
  const reference = (d: Docs) => {
    if (d.inTransaction) return read(d)
    if (!inflight) {
      const mine = read(d)
      inflight = mine
      // shared between calls: only while on its way; a call's own: kept, unless the read failed
      const forget = () => {
        if (inflight === mine) inflight = null
      }
      if (memo) mine.catch(forget)
      else void mine.then(forget, forget)
    }
    return inflight
  }
  memo?.set({
    drop: () => {
      inflight = null
    },
    read: async () => (await reference(docs)) as Doc
  })
  const items = async (d: Docs, kind: Kind) => (await reference(d))[kind] ?? []
  /** Changes the document in one transaction on it: `change` edits what was read, which is written back whole. */
  const update = (change: (all: Reference) => void) => {
    inflight = null
    return docs.withTransaction(async (d) => {
      const all = await reference(d)
      change(all)
      const { _id, ...rest } = all as Doc
      void _id
      await d.doc(C.directory, REFERENCE_DOC).set({ data: rest })
    }).finally(() => {
      inflight = null
    })
  }
  /** Puts items of one kind (replacing those with the same key) in one transaction on the document. */
  const putAll = (kind: Kind, items: Doc[], same: (x: Doc, item: Doc) => boolean) => update((all) => {
    const list = all[kind] ?? []
    for (const item of items) {
      const at = list.findIndex((x) => same(x, item))
      if (at >= 0) list[at] = item
      else list.push(item)
    }
    all[kind] = list
  })
  const put = (kind: Kind, item: Doc, same: (x: Doc) => boolean) => putAll(kind, [item], (x) => same(x))
  const sameRegion = (x: Doc, r: Doc) => x.id === r.id
  const toRegion = (d: Doc): Region => ({
    id: String(d.id), name: d.name as string, level: d.level as Region['level'], parentId: (d.parentId as string | null) ?? null,
    center: (d.center as Region['center']) ?? null, boundary: typeof d.boundary === 'string' ? (JSON.parse(d.boundary) as Region['boundary']) : null
  })
  const toUnit = (d: Doc): Unit => ({ id: String(d.id), name: d.name as string, townId: (d.townId as string | null) ?? null, ...(d.active === false ? { active: false } : {}) })
  const toCategory = (d: Doc): Category => ({
    code: String(d.code), name: d.name as string, group: d.group as string, unitId: d.unitId as string, slaHours: Number(d.slaHours), kind: d.kind as Category['kind'], ...(d.active === false ? { active: false } : {}),
    ...(d.verifyBeforeClose === true ? { verifyBeforeClose: true } : {}),
    ...(Array.isArray(d.questions) && d.questions.length ? { questions: d.questions as Category['questions'] } : {})
  })
  return {
    putRegion: (r) => putAll('regions', [regionDoc(r)], sameRegion),
    putRegions: (list) => putAll('regions', list.map(regionDoc), sameRegion),
    listRegions: async () => (await items(docs, 'regions')).map(toRegion),
    getRegion: async (id) => {
      const found = (await items(docs, 'regions')).find((r) => r.id === id)
      return found ? toRegion(found) : null
    },
    putUnit: (u) => put('units', { ...u }, (x) => x.id === u.id),
    listUnits: async () => (await items(docs, 'units')).map(toUnit),
    getUnit: async (id) => {
      const found = (await items(docs, 'units')).find((u) => u.id === id)
      return found ? toUnit(found) : null
    },
    putCategory: (c) => put('categories', { ...c }, (x) => x.code === c.code),
    listCategories: async () => (await items(docs, 'categories')).map(toCategory),
    putResponsibility: (villageId, key, unitId) => put('responsibilities', { villageId, key, unitId }, (x) => x.villageId === villageId && x.key === key),
    getResponsibility: async (villageId, keys) => {
      const entries = (await items(docs, 'responsibilities')).filter((x) => x.villageId === villageId)
      for (const key of keys) {
        const found = entries.find((x) => x.key === key)
        if (found) return found.unitId as string
      }
      return null
    },
    listResponsibilities: async () => (await items(docs, 'responsibilities')).map((x): Responsibility => ({ scopeId: String(x.villageId), key: String(x.key), unitId: String(x.unitId) })),
    setResponsibilities: (changes) => update((all) => {
      let list = all.responsibilities ?? []
      for (const c of changes) {
        list = list.filter((x) => !(x.villageId === c.scopeId && x.key === c.key))
        if (c.unitId !== null) list.push({ villageId: c.scopeId, key: c.key, unitId: c.unitId })
      }
      all.responsibilities = list
    }),
    getSetting: async (key) => {
      const text = (await reference(docs)).settings?.[key]
      return typeof text === 'string' ? (JSON.parse(text) as unknown) : null
    },
    // kept as JSON text, like a boundary: the SDK would merge or reshape a nested object
    putSetting: (key, value) => update((all) => {
      all.settings = { ...(all.settings ?? {}), [key]: JSON.stringify(value) }
    })
  }
}

/**
 * The operation log: one insert-only document per entry (the adapter never updates or removes
 * one; docs/deploy.md sets the collection's permissions so no client can), listed newest first.
 */
function operations(db: Database, docs: Docs): OperationRepo {
  const _ = db.command
  const whereOf = (filter: OperationFilter): Doc[] => {
    const bounds = [...(filter.from ? [_.gte(filter.from.getTime())] : []), ...(filter.to ? [_.lt(filter.to.getTime())] : [])]
    const at = bounds.length === 2 ? _.and(bounds) : bounds[0]
    return [
      ...(filter.target !== undefined ? [{ target: filter.target }] : []),
      ...(filter.actorOpenid !== undefined ? [{ actorOpenid: filter.actorOpenid }] : []),
      ...(filter.action !== undefined ? [{ action: filter.action }] : []),
      ...(at ? [{ at }] : [])
    ]
  }
  return {
    append: async (op) => {
      const { id, ...rest } = op
      await docs.doc(C.operations, id).set({ data: storedFields({ ...rest, before: op.before === null ? null : JSON.stringify(op.before), after: op.after === null ? null : JSON.stringify(op.after) }) })
    },
    list: async (filter, cursor, limit) => {
      const page = await keysetPage(docs, _, C.operations, whereOf(filter), 'at', cursor, limit, filter.oldestFirst ? 'asc' : 'desc')
      return {
        items: page.items.map((d) => ({
          id: String(d._id), at: new Date(Number(d.at)), actorOpenid: (d.actorOpenid as string | null) ?? null, actorName: d.actorName as string,
          action: d.action as string, target: d.target as string,
          before: typeof d.before === 'string' ? JSON.parse(d.before) : null, after: typeof d.after === 'string' ? JSON.parse(d.after) : null
        })),
        nextCursor: page.nextCursor
      }
    },
    // the same conditions, one count (no condition: the collection's count)
    count: async (filter) => {
      const where = whereOf(filter)
      const query = where.length === 1 ? where[0]! : where.length ? _.and(where) : {}
      return Number((await docs.query(C.operations).where(query).count()).total)
    }
  }
}

/**
 * Each counter is its own document, read and changed in one transaction; `take` outside a
 * transaction is one conditional atomic update (`value < allowed` → `_.inc(1)`), the document made
 * by its first taker (a duplicate `_id` from a simultaneous first taker: the update again).
 */
function counters(db: Database, docs: Docs): CounterRepo {
  const _ = db.command
  const take = async (name: string, allowed: number): Promise<boolean> => {
    if (allowed <= 0) return false
    if (docs.inTransaction) {
      const ref = docs.doc(C.counters, name)
      const current = await getDoc(ref)
      if (Number(current?.value ?? 0) >= allowed) return false
      if (current) await ref.update({ data: { value: _.inc(1) } })
      else await ref.set({ data: { value: 1 } })
      return true
    }
    for (;;) {
      const { stats } = await docs.query(C.counters).where({ _id: name, value: _.lt(allowed) }).update({ data: { value: _.inc(1) } })
      if (stats.updated) return true
      if (await getDoc(docs.doc(C.counters, name))) return false
      try {
        await docs.query(C.counters).add({ data: { _id: name, value: 1 } })
        return true
      } catch (error) {
        if (!/duplicate key|E11000/i.test(String((error as Error)?.message ?? error))) throw error
      }
    }
  }
  return {
    take,
    get: async (name) => Number((await getDoc(docs.doc(C.counters, name)))?.value ?? 0),
    add: (name, delta) =>
      docs.withTransaction(async (d) => {
        const ref = d.doc(C.counters, name)
        const current = await getDoc(ref)
        if (current) await ref.update({ data: { value: _.inc(delta) } })
        else await ref.set({ data: { value: delta } })
        return Number(current?.value ?? 0) + delta
      })
  }
}

/** 站内消息, with `pushPending` marking the outbox of subscribe messages not yet pushed. */
function messages(db: Database, docs: Docs): MessageRepo {
  const _ = db.command
  const toStored = (d: Doc): StoredMessage & { read: boolean } => ({
    id: String(d._id), openid: d.openid as string, kind: d.kind as string, title: d.title as string, body: d.body as string,
    link: (d.link as string | null) ?? null, createdAt: new Date(Number(d.createdAt)), read: d.read === true
  })
  return {
    insert: async (m) => {
      await docs.doc(C.messages, m.id).set({ data: body({ ...m, createdAt: m.createdAt.getTime(), read: false, pushPending: true }) })
    },
    /** Keyset paging on (createdAt desc, _id desc): the cursor is `<ms>:<id>` of the last item. */
    list: async (openid, cursor, limit) => {
      const page = await keysetPage(docs, _, C.messages, [{ openid }], 'createdAt', cursor, limit)
      return { items: page.items.map(toStored), nextCursor: page.nextCursor }
    },
    unreadCount: async (openid) => (await docs.query(C.messages).where({ openid, read: false }).count()).total,
    markRead: async (openid, ids) => {
      const where = ids === null ? { openid, read: false } : { openid, read: false, _id: _.in(ids) }
      if (ids === null || ids.length) await docs.query(C.messages).where(where).update({ data: { read: true } })
      return (await docs.query(C.messages).where({ openid, read: false }).count()).total
    },
    pendingPush: async (from, to, limit) =>
      (await docs.query(C.messages).where({ pushPending: true, createdAt: _.and([_.gte(from.getTime()), _.lte(to.getTime())]) }).orderBy('createdAt', 'asc').limit(limit).get()).data.map(toStored),
    markPushed: async (ids) => {
      if (ids.length) await docs.query(C.messages).where({ _id: _.in(ids) }).update({ data: { pushPending: false } })
    },
    removeAll: async (openid) => void (await docs.query(C.messages).where({ openid }).remove())
  }
}

/**
 * The CloudBase store on a wx-server-sdk database made with `cloud.database({ throwOnNotFound: false })`
 * (so that only a missing document reads as null; every failure is an error). `collectionPrefix`
 * stores everything in collections of their own (the contract run against a real environment).
 */
export function createCloudBaseStore(db: Database, opts: { collectionPrefix?: string } = {}): Store {
  const prefix = opts.collectionPrefix ?? ''
  if (db.config && db.config.throwOnNotFound !== false) {
    throw new Error('createCloudBaseStore needs cloud.database({ throwOnNotFound: false })')
  }
  const outside = directDocs(db, prefix)
  function build(docs: Docs): Store {
    const store: Store = {
      users: users(db, docs),
      counters: counters(db, docs),
      directory: directory(docs),
      messages: messages(db, docs),
      reports: cloudbaseReports(db, docs),
      operations: operations(db, docs),
      open311: cloudbaseOpen311(db, docs),
      consoleLogins: cloudbaseConsoleLogins(docs, db.command),
      notices: cloudbaseNotices(docs, db.command),
      volunteer: cloudbaseVolunteer(db, docs),
      ranking: cloudbaseRanking(db, docs),
      points: cloudbasePoints(db, docs),
      shop: cloudbaseShop(db, docs),
      campaign: cloudbaseCampaign(docs, db.command),
      households: cloudbaseHouseholds(docs),
      transaction: (fn) => (docs.inTransaction ? fn(store) : runTransaction(db, (t, after) => fn(build(transactionDocs(t, prefix, after, outside))))),
      ...(docs.inTransaction ? {} : { forCall: () => forCall(store) }),
      close: async () => undefined
    }
    return store
  }
  /**
   * One call's store: its reference document read at most once for the whole call (issue 22: a
   * read action asked for categories, regions and settings in turn, one call each). Any
   * transaction the call runs may write it: the kept read is dropped before and after.
   */
  function forCall(shared: Store): Store {
    let kept: ReferenceMemo | null = null
    const mine = directory(outside, { set: (memo) => void (kept = memo) })
    const memo = kept! as ReferenceMemo
    return {
      ...shared,
      directory: mine,
      ranking: cloudbaseRanking(db, outside, () => memo.read()),
      transaction: async (fn) => {
        memo.drop()
        try {
          return await shared.transaction(fn)
        } finally {
          memo.drop()
        }
      },
      forCall: () => forCall(shared)
    }
  }
  return build(outside)
}
