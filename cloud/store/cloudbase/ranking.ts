import type { EvaluationKind, Scores, Star } from '../../../types/ranking'
import type { RankingRepo, StoredEvaluation } from '../../core/ranking/ports'
import { COLLECTIONS as C, getDoc, type Database, type Doc } from './db'
import type { Docs } from './docs'

/** The directory's reference document (see index.ts). */
const REFERENCE_DOC = 'reference'

interface Entry {
  kind: EvaluationKind
  scores: Scores
  total: number
  rank: number
  submittedAt: number
  submittedBy: string
}

/** Village ids are keys of the month's document: they must be plain field names. */
function fieldName(villageId: string): string {
  if (!/^[^.$][^.]*$/.test(villageId)) throw new Error(`village id ${villageId} cannot be a field name`)
  return villageId
}

/**
 * Ranking on CloudBase, read from aggregates kept when scores change:
 * - `evaluation_periods/<YYYY-MM>`: every village's current scores, total and rank for the month,
 *   written in the same transaction as the submission (two evaluators on one month conflict and
 *   one is re-run, so the ranks always follow every total);
 * - `village_stars/all`: every village's stars;
 * - `evaluation_submissions`: every submission, insert-only (the history).
 * The board is three reads whatever the number of villages or months: the regions document (as
 * the call read it), this month's and last month's documents (one query) and the stars document.
 */
export function cloudbaseRanking(db: Database, docs: Docs, reference: () => Promise<Doc | null> = () => getDoc(docs.doc(C.directory, REFERENCE_DOC))): RankingRepo {
  const _ = db.command
  const month = async (d: Docs, period: string) => ((await getDoc(d.doc(C.periods, period)))?.villages as Record<string, Entry> | undefined) ?? {}
  const stars = async (d: Docs) => ((await getDoc(d.doc(C.stars, 'all')))?.villages as Record<string, Star[]> | undefined) ?? {}
  const toEvaluation = (villageId: string, period: string, e: Entry): StoredEvaluation & { rank: number } => ({
    villageId, period, kind: e.kind, scores: e.scores, total: Number(e.total), submittedAt: new Date(Number(e.submittedAt)), submittedBy: e.submittedBy, rank: Number(e.rank ?? 0)
  })
  return {
    saveEvaluation: (e) =>
      docs.withTransaction(async (d) => {
        const at = e.submittedAt.getTime()
        const entry: Entry = { kind: e.kind, scores: e.scores, total: e.total, rank: 0, submittedAt: at, submittedBy: e.submittedBy }
        await d.doc(C.submissions, `${e.period}:${e.villageId}:${at}:${Math.random().toString(36).slice(2, 8)}`)
          .set({ data: { villageId: e.villageId, period: e.period, kind: e.kind, scores: e.scores, total: e.total, submittedAt: at, submittedBy: e.submittedBy, ...(e.suggested ? { suggested: e.suggested } : {}) } })
        const villages = await month(d, e.period)
        villages[fieldName(e.villageId)] = entry
        await d.doc(C.periods, e.period).set({ data: { period: e.period, villages } })
      }),
    totalsOf: async (period) => Object.entries(await month(docs, period)).map(([villageId, e]) => ({ villageId, total: Number(e.total) })),
    setRanks: (period, ranks) =>
      docs.withTransaction(async (d) => {
        const villages = await month(d, period)
        let changed = false
        for (const r of ranks) {
          const e = villages[r.villageId]
          if (e && e.rank !== r.rank) {
            e.rank = r.rank
            changed = true
          }
        }
        if (changed) await d.doc(C.periods, period).update({ data: { villages: _.set(villages) } })
      }),
    boardOf: async (period, previous, townId) => {
      // the two months' documents in one query (by id); the reference document as the call read it
      const [directory, months, starsOf] = await Promise.all([reference(), docs.query(C.periods).where({ _id: _.in([period, previous]) }).limit(2).get(), stars(docs)])
      const villagesOf = (p: string) => ((months.data as Doc[]).find((d) => d._id === p)?.villages as Record<string, Entry> | undefined) ?? {}
      const now = villagesOf(period)
      const then = villagesOf(previous)
      const regions = (directory?.regions as Doc[] | undefined) ?? []
      const towns = new Map(regions.filter((r) => r.level === 'town').map((t) => [String(t.id), t.name as string]))
      return regions
        .filter((r) => r.level === 'village' && (!townId || r.parentId === townId))
        .map((r) => {
          const id = String(r.id)
          const c = now[id]
          const p = then[id]
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
            stars: starsOf[id] ?? []
          }
        })
    },
    villageHistory: async (villageId, limit) => {
      const field = `villages.${fieldName(villageId)}`
      const { data } = await docs.query(C.periods).where({ [field]: _.exists(true) }).field({ period: true, [field]: true }).orderBy('period', 'desc').limit(limit).get()
      return data.map((d) => toEvaluation(villageId, d.period as string, (d.villages as Record<string, Entry>)[villageId]!))
    },
    submissions: async (villageId, period) =>
      (await docs.query(C.submissions).where({ villageId, period }).orderBy('submittedAt', 'desc').limit(1000).get()).data.map((d) =>
        ({ ...toEvaluation(villageId, period, { kind: d.kind as EvaluationKind, scores: d.scores as Scores, total: Number(d.total), rank: 0, submittedAt: Number(d.submittedAt), submittedBy: d.submittedBy as string }), suggested: (d.suggested as Scores | undefined) ?? null })
      ),
    monthScores: async (period) => Object.entries(await month(docs, period)).map(([villageId, e]) => ({ villageId, scores: e.scores, total: Number(e.total) })),
    periods: async () => (await docs.query(C.periods).field({ period: true }).orderBy('period', 'desc').limit(1000).get()).data.map((d) => d.period as string),
    setStar: (villageId, star, awarded) =>
      docs.withTransaction(async (d) => {
        const all = await stars(d)
        const current = (all[fieldName(villageId)] ?? []).filter((s) => s !== star)
        all[villageId] = awarded ? [...current, star] : current
        await d.doc(C.stars, 'all').set({ data: { villages: all } })
      }),
    starsOf: async (villageId) => (await stars(docs))[villageId] ?? []
  }
}
