import type { EvaluationKind, Scores, Star } from '../../../types/ranking'
import type { RankingRepo, StoredEvaluation } from '../../core/ranking/ports'
import { getAll, RANKING as R, type Database, type Doc, type DocRef } from './db'

const toEvaluation = (d: Doc): StoredEvaluation & { rank: number } => ({
  villageId: d.villageId as string,
  period: d.period as string,
  kind: d.kind as EvaluationKind,
  scores: d.scores as Scores,
  total: Number(d.total),
  submittedAt: new Date(Number(d.submittedAt)),
  submittedBy: d.submittedBy as string,
  rank: Number(d.rank ?? 0)
})

/**
 * Ranking on CloudBase: every submission is its own document (history); the current one of each
 * village and month is a document with id `<period>:<villageId>` holding total and rank.
 */
export function cloudbaseRanking(db: Database, doc: (collection: string, id: string) => DocRef): RankingRepo {
  return {
    saveEvaluation: async (e) => {
      const data = { villageId: e.villageId, period: e.period, kind: e.kind, scores: e.scores, total: e.total, submittedAt: e.submittedAt.getTime(), submittedBy: e.submittedBy }
      await doc(R.submissions, `${e.period}:${e.villageId}:${e.submittedAt.getTime()}:${Math.random().toString(36).slice(2, 8)}`).set({ data })
      await doc(R.current, `${e.period}:${e.villageId}`).set({ data: { ...data, rank: 0 } })
      await doc(R.periods, e.period).set({ data: { period: e.period } })
    },
    totalsOf: async (period) => (await getAll(db.collection(R.current).where({ period }))).map((d) => ({ villageId: d.villageId as string, total: Number(d.total) })),
    setRanks: async (period, ranks) => {
      const current = new Map((await getAll(db.collection(R.current).where({ period }))).map((d) => [d.villageId as string, Number(d.rank)]))
      for (const r of ranks) if (current.get(r.villageId) !== r.rank) await db.collection(R.current).doc(`${period}:${r.villageId}`).update({ data: { rank: r.rank } })
    },
    currentOf: async (period) =>
      (await getAll(db.collection(R.current).where({ period }))).map((d) => ({ villageId: d.villageId as string, period, total: Number(d.total), rank: Number(d.rank) })),
    villageHistory: async (villageId, limit) =>
      (await db.collection(R.current).where({ villageId }).orderBy('period', 'desc').limit(limit).get()).data.map(toEvaluation),
    submissions: async (villageId, period) =>
      (await getAll(db.collection(R.submissions).where({ villageId, period }).orderBy('submittedAt', 'desc'))).map(toEvaluation),
    periods: async () => (await getAll(db.collection(R.periods))).map((d) => d.period as string).sort().reverse(),
    setStar: async (villageId, star, awarded, by, at) => {
      const ref = doc(R.stars, `${villageId}:${star}`)
      if (awarded) await ref.set({ data: { villageId, star, awardedBy: by, awardedAt: at.getTime() } })
      else await ref.remove()
    },
    starsOf: async (villageId) => (await getAll(db.collection(R.stars).where({ villageId }))).map((d) => d.star as Star),
    allStars: async () => {
      const map = new Map<string, Star[]>()
      for (const d of await getAll(db.collection(R.stars))) map.set(d.villageId as string, [...(map.get(d.villageId as string) ?? []), d.star as Star])
      return map
    }
  }
}
