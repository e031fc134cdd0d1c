import { z } from 'zod'
import { action, id, pageInput, type Page } from './common'
import type { Person } from './user'

/**
 * 积分 (issue 28): one ledger. Every point earned or spent is an immutable entry written in the
 * same transaction as its cause; a balance (`User.points`) is the ledger's sum, kept as an aggregate.
 */
export const POINT_KINDS = ['report', 'praise', 'volunteer', 'award', 'redemption', 'reversal', 'opening', 'expiry'] as const
export type PointKind = (typeof POINT_KINDS)[number]

export const POINT_KIND_NAMES: Record<PointKind, string> = {
  report: '上报被受理',
  praise: '文明点赞上墙',
  volunteer: '志愿服务',
  award: '文明户评选',
  redemption: '积分超市兑换',
  reversal: '冲正',
  /** What a balance held when the ledger began (SQLite's migration 026). */
  opening: '期初积分',
  /** Points older than the district's `points.expiryMonths` that the balance still held (the sla timer). */
  expiry: '积分过期'
}

/** One entry of the caller's ledger, as they see it. */
export interface PointEntry {
  /** Signed: earned (> 0), spent or reversed (< 0); 0 when a cap held it back. */
  amount: number
  kind: PointKind
  /** Why, in words (e.g. 「上报「占道经营」被受理」, 「已达本月积分上限」). */
  reason: string
  /** ISO time. */
  at: string
  /** What caused it: a case (`report:<id>`), a drive (`activity:<id>`), an award, a redemption. */
  ref: string
}

export interface MyPoints extends Page<PointEntry> {
  balance: number
}


/** A village's participation in a month: residents who earned points there (their village when they earned) and the points earned (spending and reversals aside). */
export interface VillageParticipation {
  period: string
  earners: number
  pointsEarned: number
  /** The households the village named (issue 26, `ranking.importHouseholds`). */
  households: number
  /** Points earned this month per household: pointsEarned / households, one decimal; null while the village has named none. */
  pointsPerHousehold: number | null
}

/** Goods of a 积分超市 (a village's or a town's shop): a points price and the stock. */
export interface Goods {
  id: string
  /** The shop: a village or a town (its region id). */
  shopId: string
  name: string
  price: number
  stock: number
  /** Taken off the shelf: not offered, kept for the record. */
  active: boolean
}

/** The resident's one-time code (我的 → 积分 → 出示兑换码): shown as a QR, valid once until `expiresAt`. */
export interface PointCode {
  code: string
  expiresAt: string
}

/** What the shopkeeper sees on scanning a code: who, and what they have. */
export interface CodeHolder {
  nickname: string
  balance: number
  expiresAt: string
}

export interface RedemptionItem {
  goodsId: string
  name: string
  price: number
  quantity: number
}

/** One redemption at a shop: the receipt. */
export interface Redemption {
  id: string
  shopId: string
  shopName: string
  /** The resident's nickname (the shopkeeper and staff see who took the goods). */
  customer: string
  keeper: string
  items: RedemptionItem[]
  total: number
  at: string
  /** Only to whoever just redeemed: the resident's balance after it. */
  balanceAfter?: number
}

const CODE = z.string().trim().regex(/^\d{12}$/, '兑换码为 12 位数字')
const clientId = z.string().trim().min(8, 'clientId 过短').max(64, 'clientId 过长').regex(/^[\w-]+$/, 'clientId 只能含字母数字')
const goodsName = z.string().trim().min(1, '请填写商品名称').max(30, '商品名称最多 30 个字').regex(/^[^\u0000-\u001f<>&"']+$/, '商品名称含有不允许的字符')

export const pointsContract = {
  /** 我的 → 积分: the balance and the ledger, newest first. */
  mine: action<MyPoints>()(z.strictObject({ ...pageInput })),
  /** The resident's one-time code for the shop (a new one each call; the last ones expire within minutes). */
  code: action<PointCode>()(z.strictObject({})),
  /** A shopkeeper: who holds a scanned code, with their balance (nothing is used up). */
  lookupCode: action<CodeHolder>()(z.strictObject({ shopId: id(), code: CODE })),
  /** A shop's goods (anyone: the shelf; the shopkeepers and admins with `includeInactive` the ones taken off too). */
  goods: action<Goods[]>()(z.strictObject({ shopId: id(), includeInactive: z.boolean().optional() })),
  /** Admins and the shop's shopkeepers: adds (no `id`) or changes goods: name, price, stock, on or off the shelf. */
  putGoods: action<Goods>()(z.strictObject({
    id: id().optional(), shopId: id(), name: goodsName,
    price: z.number().int('积分必须是整数').min(1, '积分至少为 1').max(100_000, '积分过大'),
    stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(1_000_000, '库存过大'),
    active: z.boolean().optional()
  })),
  /**
   * A shopkeeper redeems the goods picked for the holder of a scanned code: balance, stock, the
   * ledger and the code in one transaction, refused with the reason when short; a retried submit
   * (the same `clientId`) answers the same receipt.
   */
  redeem: action<Redemption>()(z.strictObject({
    clientId, shopId: id(), code: CODE,
    items: z.array(z.strictObject({ goodsId: id(), quantity: z.number().int('数量必须是整数').min(1, '数量至少为 1').max(99, '数量最多 99') })).min(1, '请选择商品').max(20, '一次最多 20 种商品')
  })),
  /** Admins and the shop's shopkeepers: the shop's redemptions (of a month: `YYYY-MM`, district time), newest first. */
  redemptions: action<Page<Redemption>>()(z.strictObject({ shopId: id(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM').optional(), ...pageInput })),
  /** Anyone: a village's participation this month (the village page): who earned 积分 there and how many. One read. */
  village: action<VillageParticipation>()(z.strictObject({ villageId: id() })),
  /** Admins: the shopkeepers of a shop. */
  shopkeepers: action<Person[]>()(z.strictObject({ shopId: id() })),
  /** Admins: names a user shopkeeper of these shops (villages or towns); [] ends it. */
  setShopkeeper: action<{ userId: string; shopIds: string[] }>()(z.strictObject({ userId: id(), shopIds: z.array(id()).max(10, '一人最多负责 10 个积分超市') }))
}
