import crypto from 'node:crypto'
import type { CodeHolder, Goods, PointCode, Redemption } from '../../../types/points'
import type { Page } from '../../../types/common'
import type { Person } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { newId } from '../ids'
import { logOperation } from '../oplog'
import { isoLocal, monthBounds } from '../time'
import { personOf } from '../user/people'
import type { Store } from '../ports'
import type { StoredGoods, StoredRedemption } from './ports'

/**
 * The 积分超市 (issue 28). Each village or town may have a shop: goods with a points price and a
 * stock, kept by shopkeepers an admin names (`User.shopIds`, like 网格员). A resident shows a
 * one-time code (我的 → 积分); the shopkeeper scans it, picks goods, and `redeem` is one
 * transaction: the balance, the stock, the ledger entry and the code, refused with the reason
 * when short; the same submit retried answers the same receipt.
 */

/** How long a shown code is good for. */
export const CODE_TTL_MS = 2 * 60_000
/** A code is stored only as its hash. */
const hashOf = (code: string) => crypto.createHash('sha256').update(code).digest('hex')
/** 12 random digits. */
const newCode = () => Array.from({ length: 12 }, () => String(crypto.randomInt(10))).join('')

/** The caller keeps the shop (named by an admin) or is an admin. */
export const keepsShop = (user: Ctx['user'], shopId: string) => (user.shopIds ?? []).includes(shopId)

async function requireShop(ctx: Ctx, shopId: string): Promise<{ id: string; name: string }> {
  const region = await ctx.store.directory.getRegion(shopId)
  if (!region || (region.level !== 'village' && region.level !== 'town')) throw invalid('积分超市所在村居或镇街不存在', 'shopId')
  return region
}

const goodsAnswer = (g: StoredGoods): Goods => ({ id: g.id, shopId: g.shopId, name: g.name, price: g.price, stock: g.stock, active: g.active })

export async function listGoods(ctx: Ctx, shopId: string, includeInactive = false): Promise<Goods[]> {
  await requireShop(ctx, shopId)
  const all = await ctx.store.shop.listGoods(shopId)
  const mayManage = ctx.user.role === 'admin' || keepsShop(ctx.user, shopId)
  return all.filter((g) => g.active || (includeInactive && mayManage)).map(goodsAnswer)
}

export async function putGoods(ctx: Ctx, input: { id?: string; shopId: string; name: string; price: number; stock: number; active?: boolean }): Promise<Goods> {
  if (ctx.user.role !== 'admin' && !keepsShop(ctx.user, input.shopId)) throw forbidden('只有管理员和该积分超市的店员可以管理商品')
  const shop = await requireShop(ctx, input.shopId)
  const saved = await ctx.store.transaction(async (tx) => {
    const before = input.id ? await tx.shop.getGoods(input.id) : null
    if (input.id && (!before || before.shopId !== input.shopId)) throw notFound('商品不存在')
    const goods: StoredGoods = { id: before?.id ?? newId(), shopId: input.shopId, name: input.name, price: input.price, stock: input.stock, active: input.active ?? before?.active ?? true, createdAt: before?.createdAt ?? ctx.clock() }
    await tx.shop.putGoods(goods)
    await logOperation(ctx, tx, before ? 'shop.goods.update' : 'shop.goods.add', `shop:${shop.name}`, before && goodsAnswer(before), goodsAnswer(goods))
    return goods
  })
  return goodsAnswer(saved)
}

/** A new one-time code for the caller's points. */
export async function showCode(ctx: Ctx): Promise<PointCode> {
  const code = newCode()
  const now = ctx.clock()
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS)
  await ctx.store.shop.insertCode({ id: hashOf(code), openid: ctx.user.openid, createdAt: now, expiresAt, redemptionId: null })
  return { code, expiresAt: isoLocal(expiresAt, ctx.config) }
}

/** The sweep's part (local minute timer, WeChat `sla`): deletes codes shown more than a day ago, used or not (their redemptions keep what happened). */
export function sweepPointCodes(deps: Pick<Ctx, 'store' | 'clock'>): Promise<number> {
  return deps.store.shop.removeCodesBefore(new Date(deps.clock().getTime() - 86400_000))
}

const CODE_INVALID = '兑换码无效或已过期，请居民刷新后重新出示'

export async function lookupCode(ctx: Ctx, shopId: string, code: string): Promise<CodeHolder> {
  if (!keepsShop(ctx.user, shopId)) throw forbidden('只有该积分超市的店员可以扫码兑换')
  const stored = await ctx.store.shop.getCode(hashOf(code))
  if (!stored || stored.expiresAt <= ctx.clock()) throw conflict(CODE_INVALID)
  if (stored.redemptionId) throw conflict('该兑换码已使用，请居民刷新后重新出示')
  const holder = await ctx.store.users.get(stored.openid)
  if (!holder) throw conflict(CODE_INVALID)
  return { nickname: holder.nickname, balance: holder.points, expiresAt: isoLocal(stored.expiresAt, ctx.config) }
}

const redemptionAnswer = (ctx: Ctx, r: StoredRedemption, shopName: string): Redemption => ({
  id: r.id, shopId: r.shopId, shopName, customer: r.customer, keeper: r.keeper, items: r.items, total: r.total, at: isoLocal(r.at, ctx.config)
})

/** The id of a shopkeeper's submit: the same `clientId` retried is the same redemption. */
const redemptionIdOf = (keeper: string, clientId: string) => crypto.createHash('sha256').update(`${keeper}\n${clientId}`).digest('hex').slice(0, 32)

export async function redeem(ctx: Ctx, input: { clientId: string; shopId: string; code: string; items: { goodsId: string; quantity: number }[] }): Promise<Redemption> {
  if (!keepsShop(ctx.user, input.shopId)) throw forbidden('只有该积分超市的店员可以扫码兑换')
  const shop = await requireShop(ctx, input.shopId)
  const wanted = new Map<string, number>()
  for (const item of input.items) wanted.set(item.goodsId, (wanted.get(item.goodsId) ?? 0) + item.quantity)
  const id = redemptionIdOf(ctx.user.openid, input.clientId)
  const codeId = hashOf(input.code)
  const done = await ctx.store.transaction(async (tx: Store) => {
    const [existing, code, ...goods] = await Promise.all([tx.shop.getRedemption(id), tx.shop.getCode(codeId), ...[...wanted.keys()].map((g) => tx.shop.getGoods(g))])
    if (existing) return { redemption: existing, balanceAfter: null } // the same submit again: its receipt
    const now = ctx.clock()
    if (!code || code.expiresAt <= now) throw conflict(CODE_INVALID)
    if (code.redemptionId) throw conflict('该兑换码已使用，请居民刷新后重新出示')
    const items: StoredRedemption['items'] = []
    for (const g of goods) {
      if (!g || g.shopId !== input.shopId || !g.active) throw conflict('所选商品已下架，请刷新商品列表')
      const quantity = wanted.get(g.id)!
      if (g.stock < quantity) throw conflict(g.stock ? `「${g.name}」库存不足，仅剩 ${g.stock} 件` : `「${g.name}」已兑完`)
      items.push({ goodsId: g.id, name: g.name, price: g.price, quantity })
    }
    const total = items.reduce((s, i) => s + i.price * i.quantity, 0)
    const customer = await tx.users.get(code.openid)
    if (!customer) throw conflict(CODE_INVALID)
    if (customer.points < total) throw conflict(`积分不足：需要 ${total} 分，余额 ${customer.points} 分`)
    const redemption: StoredRedemption = { id, shopId: input.shopId, openid: customer.openid, customer: customer.nickname, keeperOpenid: ctx.user.openid, keeper: ctx.user.nickname, items, total, at: now }
    await tx.shop.insertRedemption(redemption)
    await tx.shop.useCode(codeId, id)
    for (const i of items) await tx.shop.addStock(i.goodsId, -i.quantity)
    // the ledger: spending is an entry like earning, written with the balance
    await tx.points.insert({ id: `redemption:${id}`, openid: customer.openid, amount: -total, kind: 'redemption', ref: `redemption:${id}`, reason: `${shop.name}积分超市兑换：${items.map((i) => `${i.name}×${i.quantity}`).join('、')}`, at: now, by: ctx.user.openid, villageId: customer.villageId })
    const after = await tx.users.addTotals(customer.openid, { points: -total })
    return { redemption, balanceAfter: after.points }
  })
  const answer = redemptionAnswer(ctx, done.redemption, shop.name)
  return done.balanceAfter === null ? answer : { ...answer, balanceAfter: done.balanceAfter }
}

export async function listRedemptions(ctx: Ctx, shopId: string, cursor: string | undefined, limit = 20, month?: string): Promise<Page<Redemption>> {
  if (ctx.user.role !== 'admin' && !keepsShop(ctx.user, shopId)) throw forbidden('只有管理员和该积分超市的店员可以查看兑换记录')
  const shop = await requireShop(ctx, shopId)
  const page = await ctx.store.shop.listRedemptions(shopId, cursor, limit, month ? monthBounds(month, ctx.config) : undefined)
  return { items: page.items.map((r) => redemptionAnswer(ctx, r, shop.name)), nextCursor: page.nextCursor }
}

/** Admins: a shop's shopkeepers (one indexed query). */
export async function shopkeepers(ctx: Ctx, shopId: string): Promise<Person[]> {
  await requireShop(ctx, shopId)
  return (await ctx.store.users.search({ shopId }, undefined, 50)).items.map(personOf)
}

export async function setShopkeeper(ctx: Ctx, input: { userId: string; shopIds: string[] }): Promise<{ userId: string; shopIds: string[] }> {
  const shopIds = [...new Set(input.shopIds)]
  const target = await ctx.store.users.getByUserId(input.userId)
  if (!target) throw notFound('用户不存在')
  const regions = shopIds.length ? await ctx.store.directory.listRegions() : []
  for (const id of shopIds) {
    const region = regions.find((r) => r.id === id)
    if (!region || (region.level !== 'village' && region.level !== 'town')) throw invalid(`村居或镇街「${id}」不存在`, `shopIds.${input.shopIds.indexOf(id)}`)
  }
  await ctx.store.transaction(async (tx) => {
    const before = (await tx.users.get(target.openid)) ?? target
    const was = before.shopIds ?? []
    if (was.length === shopIds.length && was.every((id, i) => id === shopIds[i])) return
    await tx.users.update(target.openid, { shopIds })
    await logOperation(ctx, tx, 'user.setShopkeeper', `user:${before.nickname}`, { shopIds: was }, { shopIds })
  })
  return { userId: input.userId, shopIds }
}
