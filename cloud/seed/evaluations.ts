import { SCORE_KEYS, kindOf, type Scores, type Star } from '../../types/ranking'
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

/** The 12 months before the current one, oldest first. */
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
  'bh-01': ['industry', 'lawful'],
  'yb-01': ['civility', 'branch', 'ecology', 'lawful'],
  'yb-03': ['branch']
}

/**
 * Twelve months of evaluations for every village: each village has its own level and trend (some
 * improve, some slip), with monthly noise; two villages tie in the latest month.
 */
export async function seedEvaluations(store: Store, now: Date, config: Config): Promise<void> {
  const tx = store
  const villages = (await store.directory.listRegions()).filter((r) => r.level === 'village')
  const periods = demoPeriods(now, config)
    for (const [vi, village] of villages.entries()) {
      const rnd = random(vi * 7919 + 17)
      const level = 72 + rnd() * 18
      const trend = (rnd() - 0.45) * 1.2
      for (const [pi, period] of periods.entries()) {
        const base = Math.min(99, Math.max(55, level + trend * pi))
        const scores = Object.fromEntries(SCORE_KEYS.map((k) => [k, Math.round(Math.min(100, Math.max(40, base + (rnd() - 0.5) * 12)) * 10) / 10])) as Scores
        await tx.ranking.saveEvaluation({ villageId: village.id, period, kind: kindOf(period), scores, total: weightedTotal(scores, config.weights), submittedAt: now, submittedBy: 'seed' })
      }
    }
    // A tie in the latest month: the third village scores exactly as the second.
    const [, second, third] = villages
    if (second && third) {
      const history = await tx.ranking.villageHistory(second.id, 1)
      const e = history[0]
      if (e) await tx.ranking.saveEvaluation({ ...e, villageId: third.id, submittedAt: now, submittedBy: 'seed' })
    }
    for (const period of periods) await rerank(tx, period)
    for (const [villageId, stars] of Object.entries(STAR_AWARDS)) {
      for (const star of stars) await tx.ranking.setStar(villageId, star, true, 'seed', now)
    }
}
