import type { ShopRepo, StoredGoods, StoredPointCode, StoredRedemption } from '../../core/points/ports'
import type { Db } from './db'
import type { Exec } from './lock'
import { cursorOf, parseCursor } from '../cursor'

interface GoodsRow { id: string; shop_id: string; name: string; price: number; stock: number; active: number; created_at: number }
interface CodeRow { id: string; openid: string; created_at: number; expires_at: number; redemption_id: string | null }
interface RedemptionRow { id: string; shop_id: string; openid: string; customer: string; keeper_openid: string; keeper: string; items: string; total: number; at: number }

// the row mappers, also read by `npm run export:cloudbase`
export const toGoods = (r: GoodsRow): StoredGoods => ({ id: r.id, shopId: r.shop_id, name: r.name, price: r.price, stock: r.stock, active: r.active === 1, createdAt: new Date(r.created_at) })
const toCode = (r: CodeRow): StoredPointCode => ({ id: r.id, openid: r.openid, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at), redemptionId: r.redemption_id })
export const toRedemption = (r: RedemptionRow): StoredRedemption => ({
  id: r.id, shopId: r.shop_id, openid: r.openid, customer: r.customer, keeperOpenid: r.keeper_openid, keeper: r.keeper,
  items: JSON.parse(r.items) as StoredRedemption['items'], total: r.total, at: new Date(r.at)
})

/** The 积分超市 (migration 026). */
export function sqliteShop(db: Db, exec: Exec): ShopRepo {
  const getGoods = db.prepare<[string], GoodsRow>('SELECT * FROM shop_goods WHERE id = ?')
  const putGoods = db.prepare(
    `INSERT INTO shop_goods (id, shop_id, name, price, stock, active, created_at) VALUES (@id, @shopId, @name, @price, @stock, @active, @createdAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, price = excluded.price, stock = excluded.stock, active = excluded.active`
  )
  const getCode = db.prepare<[string], CodeRow>('SELECT * FROM point_codes WHERE id = ?')
  const getRedemption = db.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ?')
  return {
    getGoods: (id) => exec(() => {
      const row = getGoods.get(id)
      return row ? toGoods(row) : null
    }),
    putGoods: (g) => exec(() => void putGoods.run({ ...g, active: g.active ? 1 : 0, createdAt: g.createdAt.getTime() })),
    addStock: (id, delta) => exec(() => void db.prepare('UPDATE shop_goods SET stock = stock + ? WHERE id = ?').run(delta, id)),
    listGoods: (shopId) => exec(() => db.prepare<[string], GoodsRow>('SELECT * FROM shop_goods WHERE shop_id = ? ORDER BY created_at, id LIMIT 200').all(shopId).map(toGoods)),
    getCode: (id) => exec(() => {
      const row = getCode.get(id)
      return row ? toCode(row) : null
    }),
    insertCode: (c) => exec(() => void db.prepare('INSERT INTO point_codes (id, openid, created_at, expires_at, redemption_id) VALUES (?, ?, ?, ?, ?)').run(c.id, c.openid, c.createdAt.getTime(), c.expiresAt.getTime(), c.redemptionId)),
    useCode: (id, redemptionId) => exec(() => void db.prepare('UPDATE point_codes SET redemption_id = ? WHERE id = ?').run(redemptionId, id)),
    reassignUser: (from, to) => exec(() => {
      db.prepare('DELETE FROM point_codes WHERE openid = ?').run(from)
      return db.prepare("UPDATE redemptions SET openid = ?, customer = '已注销用户' WHERE openid = ?").run(to, from).changes
    }),
    removeCodesBefore: (before) => exec(() => db.prepare('DELETE FROM point_codes WHERE created_at < ?').run(before.getTime()).changes),
    getRedemption: (id) => exec(() => {
      const row = getRedemption.get(id)
      return row ? toRedemption(row) : null
    }),
    insertRedemption: (r) => exec(() => void db.prepare(
      'INSERT INTO redemptions (id, shop_id, openid, customer, keeper_openid, keeper, items, total, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
    ).run(r.id, r.shopId, r.openid, r.customer, r.keeperOpenid, r.keeper, JSON.stringify(r.items), r.total, r.at.getTime())),
    listRedemptions: (shopId, cursor, limit, range) => exec(() => {
      const c = parseCursor(cursor)
      const where = ['shop_id = ?', ...(range ? ['at >= ? AND at < ?'] : []), ...(c ? ['(at < ? OR (at = ? AND id < ?))'] : [])]
      const params = [shopId, ...(range ? [range.from.getTime(), range.to.getTime()] : []), ...(c ? [c.at, c.at, c.id] : [])]
      const rows = db.prepare<(string | number)[], RedemptionRow>(`SELECT * FROM redemptions WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`).all(...params, limit + 1)
      const last = rows.length > limit ? rows[limit - 1] : undefined
      return { items: rows.slice(0, limit).map(toRedemption), nextCursor: last ? cursorOf(last.at, last.id) : null }
    })
  }
}
