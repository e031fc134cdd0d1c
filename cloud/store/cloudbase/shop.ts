import type { ShopRepo, StoredGoods, StoredPointCode, StoredRedemption } from '../../core/points/ports'
import { COLLECTIONS as C, getDoc, keysetPage, storedFields, type Database, type Doc } from './db'
import type { Docs } from './docs'

const toGoods = (d: Doc): StoredGoods => ({
  id: String(d._id), shopId: d.shopId as string, name: d.name as string, price: Number(d.price), stock: Number(d.stock), active: d.active !== false, createdAt: new Date(Number(d.createdAt))
})
const toCode = (d: Doc): StoredPointCode => ({
  id: String(d._id), openid: d.openid as string, createdAt: new Date(Number(d.createdAt)), expiresAt: new Date(Number(d.expiresAt)), redemptionId: (d.redemptionId as string | null) ?? null
})
const toRedemption = (d: Doc): StoredRedemption => ({
  id: String(d._id), shopId: d.shopId as string, openid: d.openid as string, customer: d.customer as string, keeperOpenid: d.keeperOpenid as string, keeper: d.keeper as string,
  items: JSON.parse(d.items as string) as StoredRedemption['items'], total: Number(d.total), at: new Date(Number(d.at))
})

/** Goods' and redemptions' documents (`_id` = their id): also what `npm run export:cloudbase` writes. */
export const goodsFields = (g: StoredGoods): Doc => {
  const { id, ...rest } = g
  void id
  return storedFields(rest)
}
export const redemptionFields = (r: StoredRedemption): Doc => {
  const { id, ...rest } = r
  void id
  return storedFields({ ...rest, items: JSON.stringify(r.items) })
}

/**
 * The 积分超市 (issue 28): goods, codes (by the code's hash) and redemptions (by the submit's id) are
 * one document each, read and written by id inside the redemption's transaction (the customer's
 * user document, each goods document, the code and the new redemption and ledger entry: two
 * submits for one customer or one goods conflict, and the re-run sees what the first did).
 */
export function cloudbaseShop(db: Database, docs: Docs): ShopRepo {
  const _ = db.command
  const byId = async <T>(collection: string, id: string, to: (d: Doc) => T): Promise<T | null> => {
    const d = await getDoc(docs.doc(collection, id))
    return d ? to({ ...d, _id: id }) : null
  }
  return {
    getGoods: (id) => byId(C.shopGoods, id, toGoods),
    putGoods: async (g) => void (await docs.doc(C.shopGoods, g.id).set({ data: goodsFields(g) })),
    addStock: async (id, delta) => void (await docs.doc(C.shopGoods, id).update({ data: { stock: _.inc(delta) } })),
    // index shopId + createdAt
    listGoods: async (shopId) => (await docs.query(C.shopGoods).where({ shopId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(200).get()).data.map(toGoods),
    getCode: (id) => byId(C.pointCodes, id, toCode),
    insertCode: async (c) => {
      const { id, ...rest } = c
      await docs.doc(C.pointCodes, id).set({ data: storedFields(rest) })
    },
    useCode: async (id, redemptionId) => void (await docs.doc(C.pointCodes, id).update({ data: { redemptionId } })),
    reassignUser: async (from, to) => {
      await docs.query(C.pointCodes).where({ openid: from }).remove()
      return (await docs.query(C.redemptions).where({ openid: from }).update({ data: { openid: to, customer: '已注销用户' } })).stats.updated
    },
    removeCodesBefore: async (before) => {
      const result = (await docs.query(C.pointCodes).where({ createdAt: _.lt(before.getTime()) }).remove()) as { stats?: { removed?: number } }
      return Number(result?.stats?.removed ?? 0)
    },
    getRedemption: (id) => byId(C.redemptions, id, toRedemption),
    insertRedemption: async (r) => void (await docs.doc(C.redemptions, r.id).set({ data: redemptionFields(r) })),
    // index shopId + at (desc) + _id
    listRedemptions: async (shopId, cursor, limit, range) => {
      const where = range ? [{ shopId }, { at: _.and([_.gte(range.from.getTime()), _.lt(range.to.getTime())]) }] : [{ shopId }]
      const page = await keysetPage(docs, _, C.redemptions, where, 'at', cursor, limit)
      return { items: page.items.map(toRedemption), nextCursor: page.nextCursor }
    }
  }
}
