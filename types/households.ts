import { z } from 'zod'
import { action, id } from './common'

/**
 * 十星级文明户 and 五美庭院 as the villages hold them (issue 26, item 6). A village's households are
 * named by the village — 户主 and 门牌 — and never linked to a resident's account. The village
 * committee (admins, the 文明办, the village's 网格员) rates each household on the stars of an award
 * kind (`config.householdAwards`) for a year, then publishes the list; a published award is an
 * immutable entry, withdrawn by a withdrawal entry, never edited.
 */

/** An award kind as the district configures it: its stars and how many a household needs to be listed. */
export interface HouseholdAwardKind {
  /** Stable key (`shixing`, `wumei`). */
  kind: string
  /** 十星级文明户, 五美庭院. */
  name: string
  /** The stars, in the order the village's board shows them (爱国守法星 …). */
  stars: string[]
  /** Stars a household needs to be listed when the list is published (十星: 1, each household shows its stars; 五美: all five). */
  minStars: number
}

/** A household of a village, as the committee sees it (the console): full 户主 name and 门牌. */
export interface Household {
  id: string
  villageId: string
  /** 户主 */
  head: string
  /** 门牌, e.g. 「3组12号」. */
  door: string
}

/** One household of a list being rated (the committee's view). */
export interface HouseholdRatingRow extends Household {
  /** The stars rated so far (draft, before publishing); [] none. */
  stars: string[]
  /** After publishing: the award as published, and whether (and why) it was withdrawn since. */
  award: { id: string; stars: string[]; withdrawn: { reason: string; at: string; by: string } | null } | null
}

/** A village's list of one award kind and year (the console's rating page). */
export interface HouseholdRatings {
  villageId: string
  kind: HouseholdAwardKind
  year: string
  /** Null until published; then when and by whom. */
  published: { at: string; by: string; awarded: number } | null
  rows: HouseholdRatingRow[]
}

/** One household on the village page's published list: named as the village's board does, without the 户主's given name. */
export interface PublicAward {
  /** 「张** 家 · 3组12号」: the 户主's surname, the rest masked, and the 门牌. */
  label: string
  stars: string[]
}

/** The village page's 文明户 (anyone): the village's households and its published lists (the latest year of each kind), withdrawals left out. */
export interface VillageHouseholds {
  villageId: string
  /** Households the village named (the denominator of 积分 per household). */
  households: number
  lists: { kind: string; name: string; year: string; starNames: string[]; publishedAt: string; items: PublicAward[] }[]
  /** Households holding a current award (the latest published year of each kind, withdrawals left out): the village's figure. */
  awarded: number
}

const year = z.string('年度必须是文字').regex(/^20\d{2}$/, '年度格式为 YYYY')
const text = (what: string, max: number) => z.string(`${what}必须是文字`).trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字`).regex(/^[^\u0000-\u001f<>&"']+$/, `${what}含有不允许的字符`)
const kind = z.string('称号类别必须是文字').trim().min(1, '请选择称号类别').max(20, '称号类别过长')

/** One row of a household import (CSV / Excel in the console): `row` is its line in the file, for the messages. */
export const householdRow = z.strictObject({
  row: z.number('行号必须是数字').int('行号必须是整数').min(1, '行号至少为 1').max(100000, '行号过大').optional(),
  head: text('户主姓名', 20),
  door: text('门牌', 30)
})

export const householdsContract = {
  /** The committee (admins, the 文明办, the village's 网格员): the village's households (full names). */
  households: action<Household[]>()(z.strictObject({ villageId: id() })),
  /**
   * The committee: imports households (CSV / Excel rows of 户主 and 门牌). A 门牌 already there is
   * renamed, a new one added; none is removed. Every row is checked before any is stored — an
   * error names its row and changes nothing. Logged.
   */
  importHouseholds: action<{ created: number; updated: number; households: number }>()(
    z.strictObject({ villageId: id(), rows: z.array(householdRow, '应为住户列表').min(1, '至少一行').max(2000, '最多 2000 户') })
  ),
  /** The committee: a village's list of an award kind and year: every household with its rated stars, and the published awards. */
  householdRatings: action<HouseholdRatings>()(z.strictObject({ villageId: id(), kind, year })),
  /** The committee: rates one household on the kind's stars (a draft until the list is published; refused after). */
  rateHousehold: action<{ householdId: string; stars: string[] }>()(
    z.strictObject({ villageId: id(), householdId: id(), kind, year, stars: z.array(z.string().trim().min(1).max(20), '应为星名列表').max(20, '星太多') })
  ),
  /**
   * The committee: publishes the list (after the console's confirmation): every household rated
   * with at least the kind's `minStars` becomes an award entry, shown on the village page. Once.
   */
  publishHouseholdAwards: action<{ awarded: number; publishedAt: string }>()(z.strictObject({ villageId: id(), kind, year })),
  /** The committee: withdraws one published award by a withdrawal entry with its reason (the award stays in the record). */
  withdrawHouseholdAward: action<{ withdrawn: true }>()(
    z.strictObject({ villageId: id(), kind, year, householdId: id(), reason: text('撤销理由', 100) })
  ),
  /** Anyone: the village page's published lists and the village's household count. */
  villageHouseholds: action<VillageHouseholds>()(z.strictObject({ villageId: id() })),
  /** The district's award kinds (config). */
  householdAwardKinds: action<HouseholdAwardKind[]>()(z.strictObject({}))
}
