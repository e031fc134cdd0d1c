import { z } from 'zod'
import { action, pageInput, type Page } from './common'

/**
 * 积分 (issue 28): one ledger. Every point earned or spent is an immutable entry written in the
 * same transaction as its cause; a balance (`User.points`) is the ledger's sum, kept as an aggregate.
 */
export const POINT_KINDS = ['report', 'praise', 'volunteer', 'award', 'redemption', 'reversal', 'opening'] as const
export type PointKind = (typeof POINT_KINDS)[number]

export const POINT_KIND_NAMES: Record<PointKind, string> = {
  report: '上报被受理',
  praise: '文明点赞上墙',
  volunteer: '志愿服务',
  award: '文明户评选',
  redemption: '积分超市兑换',
  reversal: '冲正',
  /** What a balance held when the ledger began (SQLite's migration 026). */
  opening: '期初积分'
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

export const pointsContract = {
  /** 我的 → 积分: the balance and the ledger, newest first. */
  mine: action<MyPoints>()(z.strictObject({ ...pageInput }))
}
