import type { EvaluationKind, Scores, Star } from '../../../types/ranking'
import type { RankingRepo, StoredEvaluation } from '../../core/ranking/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row {
  village_id: string
  period: string
  kind: EvaluationKind
  scores: string
  total: number
  submitted_at: number
  submitted_by: string
  rank?: number
}

const toEvaluation = (r: Row): StoredEvaluation => ({
  villageId: r.village_id,
  period: r.period,
  kind: r.kind,
  scores: JSON.parse(r.scores) as Scores,
  total: r.total,
  submittedAt: new Date(r.submitted_at),
  submittedBy: r.submitted_by
})

export function sqliteRanking(db: Db, exec: Exec): RankingRepo {
  const insertSubmission = db.prepare(
    `INSERT INTO evaluation_submissions (village_id, period, kind, scores, total, submitted_at, submitted_by)
     VALUES (@villageId, @period, @kind, @scores, @total, @submittedAt, @submittedBy)`
  )
  const upsertCurrent = db.prepare(
    `INSERT INTO evaluation_current (period, village_id, kind, scores, total, submitted_at, submitted_by)
     VALUES (@period, @villageId, @kind, @scores, @total, @submittedAt, @submittedBy)
     ON CONFLICT (period, village_id) DO UPDATE SET kind = excluded.kind, scores = excluded.scores, total = excluded.total,
       submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by`
  )
  const totals = db.prepare<[string], { village_id: string; total: number }>('SELECT village_id, total FROM evaluation_current WHERE period = ?')
  const setRank = db.prepare('UPDATE evaluation_current SET rank = ? WHERE period = ? AND village_id = ?')
  const current = db.prepare<[string], { village_id: string; period: string; total: number; rank: number }>(
    'SELECT village_id, period, total, rank FROM evaluation_current WHERE period = ?'
  )
  const history = db.prepare<[string, number], Row>('SELECT * FROM evaluation_current WHERE village_id = ? ORDER BY period DESC LIMIT ?')
  const submissions = db.prepare<[string, string], Row>('SELECT * FROM evaluation_submissions WHERE village_id = ? AND period = ? ORDER BY seq DESC')
  const periods = db.prepare<[], string>('SELECT DISTINCT period FROM evaluation_current ORDER BY period DESC').pluck()
  const award = db.prepare('INSERT INTO village_stars (village_id, star, awarded_at, awarded_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
  const withdraw = db.prepare('DELETE FROM village_stars WHERE village_id = ? AND star = ?')
  const starsOf = db.prepare<[string], Star>('SELECT star FROM village_stars WHERE village_id = ?').pluck()
  const allStars = db.prepare<[], { village_id: string; star: Star }>('SELECT village_id, star FROM village_stars')

  return {
    saveEvaluation: (e) => exec(() => {
      const row = { ...e, scores: JSON.stringify(e.scores), submittedAt: e.submittedAt.getTime() }
      insertSubmission.run(row)
      upsertCurrent.run(row)
    }),
    totalsOf: (period) => exec(() => totals.all(period).map((r) => ({ villageId: r.village_id, total: r.total }))),
    setRanks: (period, ranks) => exec(() => {
      for (const r of ranks) setRank.run(r.rank, period, r.villageId)
    }),
    currentOf: (period) => exec(() => current.all(period).map((r) => ({ villageId: r.village_id, period: r.period, total: r.total, rank: r.rank }))),
    villageHistory: (villageId, limit) => exec(() => history.all(villageId, limit).map((r) => ({ ...toEvaluation(r), rank: r.rank ?? 0 }))),
    submissions: (villageId, period) => exec(() => submissions.all(villageId, period).map(toEvaluation)),
    periods: () => exec(() => periods.all()),
    setStar: (villageId, star, awarded, by, at) => exec(() => {
      if (awarded) award.run(villageId, star, at.getTime(), by)
      else withdraw.run(villageId, star)
    }),
    starsOf: (villageId) => exec(() => starsOf.all(villageId)),
    allStars: () => exec(() => {
      const map = new Map<string, Star[]>()
      for (const r of allStars.all()) map.set(r.village_id, [...(map.get(r.village_id) ?? []), r.star])
      return map
    })
  }
}
