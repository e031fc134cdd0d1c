import { markPublished } from '../core/reference'
import { SCORE_KEYS, indicatorsOf, kindOf, type Scores, type Star } from '../../types/ranking'
import type { Config } from '../core/config'
import type { Store } from '../core/ports'
import { rerank } from '../core/ranking/cases'
import { weightedTotal } from '../core/ranking/rules'
import { periodOf, previousPeriod } from '../core/time'

/** A small deterministic PRNG (mulberry32), so the demo board is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The `months` complete months before the current one (in the district's time zone), oldest first. */
export function demoPeriods(now: Date, config: Pick<Config, 'utcOffsetMinutes'>, months = 12): string[] {
  const periods: string[] = []
  let p = previousPeriod(periodOf(now, config))
  for (let i = 0; i < months; i++) {
    periods.unshift(p)
    p = previousPeriod(p)
  }
  return periods
}

const STAR_AWARDS: Record<string, Star[]> = {
  'py-01': ['industry', 'ecology', 'lawful', 'civility', 'branch'],
  'py-02': ['ecology', 'civility', 'branch'],
  'py-07': ['lawful'],
  'bh-01': ['industry', 'lawful'],
  'yb-01': ['civility', 'branch', 'ecology', 'lawful'],
  'yb-03': ['branch']
}

/** Places (0-based, in the month's order) whose village is given its neighbour's scores: a few ties. */
const TIES: { fromEnd: number; places: number[] }[] = [
  { fromEnd: 0, places: [1, 14] }, // the latest month: two ties
  { fromEnd: 5, places: [8] }
]

/**
 * Twelve months of evaluations for every village (the months up to the last complete one): each
 * village has its own level and trend (some improve, some slip) with monthly noise, and a few
 * villages tie. Everything is written in one transaction through the store port, then each month
 * is ranked once.
 */
/** Months of one village's scores written in one transaction. */
const MONTHS_A_TRANSACTION = 3

export async function seedEvaluations(store: Store, now: Date, config: Config): Promise<void> {
  const villages = (await store.directory.listRegions()).filter((r) => r.level === 'village')
  const periods = demoPeriods(now, config)
  const table = new Map<string, Scores[]>()
  for (const [vi, village] of villages.entries()) {
    const rnd = random(vi * 7919 + 17)
    const level = 70 + rnd() * 20
    const trend = (rnd() - 0.45) * 1.4 // points per month: from about −0.6 (slipping) to +0.8 (improving)
    table.set(village.id, periods.map((_, pi) => {
      const base = Math.min(97, Math.max(55, level + trend * pi))
      const all = Object.fromEntries(SCORE_KEYS.map((k) => [k, Math.round(Math.min(100, Math.max(40, base + (rnd() - 0.5) * 10)) * 10) / 10])) as Scores
      // only the indicators the month's kind measures
      return Object.fromEntries(indicatorsOf(config.evaluationKinds[kindOf(periods[pi]!)]).map((k) => [k, all[k]!])) as Scores
    }))
  }
  for (const { fromEnd, places } of TIES) {
    const pi = periods.length - 1 - fromEnd
    if (pi < 0) continue
    const w = config.evaluationKinds[kindOf(periods[pi]!)]
    const order = villages.map((v) => v.id).sort((a, b) => weightedTotal(table.get(b)![pi]!, w) - weightedTotal(table.get(a)![pi]!, w))
    for (const place of places) {
      const [leader, follower] = [order[place], order[place + 1]]
      if (leader && follower) table.get(follower)![pi] = { ...table.get(leader)![pi]! }
    }
  }
  // a transaction per village and quarter: not one for the district (at 20 ms a call it outlived a
  // transaction's 30 s) nor one per village (at EMULATOR_FAULTS=0.05 one of its 40 calls nearly
  // always failed, and the seed took minutes of retries): issue 22, item 7
  for (const village of villages) {
    for (let from = 0; from < periods.length; from += MONTHS_A_TRANSACTION) {
      await store.transaction(async (tx) => {
        for (const [pi, period] of periods.entries()) {
          if (pi < from || pi >= from + MONTHS_A_TRANSACTION) continue
          const scores = table.get(village.id)![pi]!
          await tx.ranking.saveEvaluation({ villageId: village.id, period, kind: kindOf(period), scores, total: weightedTotal(scores, config.evaluationKinds[kindOf(period)]), submittedAt: now, submittedBy: 'seed' })
        }
      })
    }
  }
  for (const [villageId, stars] of Object.entries(STAR_AWARDS)) {
    await store.transaction(async (tx) => {
      for (const star of stars) await tx.ranking.setStar(villageId, star, true, 'seed', now)
    })
  }
  for (const period of periods) await store.transaction((tx) => rerank(tx, period))
  // the demo's months are published: villagers see them (issue 14, ranking.publishPeriod)
  await markPublished(store, periods)
}
