import type { EvaluationKind, Scores, Star } from '../../../types/ranking'
import type { RankingRepo, StoredEvaluation } from '../../core/ranking/ports'
import { COLLECTIONS, getAll, RANKING as R, type Database, type Doc, type DocRef } from './db'

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
    boardOf: async (period, previous, townId) => {
      // No joins on CloudBase: the regions, both months' current documents and the stars, merged here.
      const [regions, current, before, stars] = await Promise.all([
        getAll(db.collection(COLLECTIONS.regions)),
        getAll(db.collection(R.current).where({ period })),
        getAll(db.collection(R.current).where({ period: previous })),
        getAll(db.collection(R.stars))
      ])
      const towns = new Map(regions.filter((r) => r.level === 'town').map((t) => [String(t._id), t.name as string]))
      const byVillage = (docs: Doc[]) => new Map(docs.map((d) => [d.villageId as string, d]))
      const now = byVillage(current)
      const then = byVillage(before)
      const starsOf = new Map<string, Star[]>()
      for (const d of stars) starsOf.set(d.villageId as string, [...(starsOf.get(d.villageId as string) ?? []), d.star as Star])
      return regions
        .filter((r) => r.level === 'village' && (!townId || r.parentId === townId))
        .map((r) => {
          const id = String(r._id)
          const c = now.get(id)
          const p = then.get(id)
          const town = (r.parentId as string | null) ?? ''
          return {
            villageId: id,
            villageName: r.name as string,
            townId: towns.has(town) ? town : '',
            townName: towns.get(town) ?? '',
            total: c ? Number(c.total) : null,
            rank: c ? Number(c.rank ?? 0) : null,
            previousTotal: p ? Number(p.total) : null,
            previousRank: p ? Number(p.rank ?? 0) : null,
            stars: starsOf.get(id) ?? []
          }
        })
    },
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
    starsOf: async (villageId) => (await getAll(db.collection(R.stars).where({ villageId }))).map((d) => d.star as Star)
  }
}
