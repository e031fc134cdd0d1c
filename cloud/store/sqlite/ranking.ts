import type { EvaluationKind, Scores, Star } from '../../../types/ranking'
import type { BoardSource, RankingRepo, StoredEvaluation } from '../../core/ranking/ports'
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
  suggested?: string | null
}

export const toEvaluation = (r: Row): StoredEvaluation => ({
  villageId: r.village_id,
  period: r.period,
  kind: r.kind,
  scores: JSON.parse(r.scores) as Scores,
  total: r.total,
  submittedAt: new Date(r.submitted_at),
  submittedBy: r.submitted_by,
  suggested: r.suggested ? (JSON.parse(r.suggested) as Scores) : null
})

export function sqliteRanking(db: Db, exec: Exec): RankingRepo {
  const insertSubmission = db.prepare(
    `INSERT INTO evaluation_submissions (village_id, period, kind, scores, total, submitted_at, submitted_by, suggested)
     VALUES (@villageId, @period, @kind, @scores, @total, @submittedAt, @submittedBy, @suggested)`
  )
  const upsertCurrent = db.prepare(
    `INSERT INTO evaluation_current (period, village_id, kind, scores, total, submitted_at, submitted_by)
     VALUES (@period, @villageId, @kind, @scores, @total, @submittedAt, @submittedBy)
     ON CONFLICT (period, village_id) DO UPDATE SET kind = excluded.kind, scores = excluded.scores, total = excluded.total,
       rank = 0, submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by`
  )
  const totals = db.prepare<[string], { village_id: string; total: number }>('SELECT village_id, total FROM evaluation_current WHERE period = ?')
  const setRank = db.prepare('UPDATE evaluation_current SET rank = @rank WHERE period = @period AND village_id = @villageId AND rank <> @rank')
  const setRanks = db.transaction((period: string, ranks: { villageId: string; rank: number }[]) => {
    for (const r of ranks) setRank.run({ period, villageId: r.villageId, rank: r.rank })
  })
  // The board's read model in one statement: each village in scope, its town, the current row of
  // the month and of the month before (both by primary key) and its stars (by primary key prefix).
  const boardSql = (where: string) => `
    SELECT v.id AS village_id, v.name AS village_name, COALESCE(t.id, '') AS town_id, COALESCE(t.name, '') AS town_name,
      c.total AS total, c.rank AS rank, p.total AS previous_total, p.rank AS previous_rank,
      (SELECT group_concat(s.star) FROM village_stars s WHERE s.village_id = v.id) AS stars
    FROM regions v
    LEFT JOIN regions t ON t.id = v.parent_id
    LEFT JOIN evaluation_current c ON c.period = @period AND c.village_id = v.id
    LEFT JOIN evaluation_current p ON p.period = @previous AND p.village_id = v.id
    WHERE ${where}`
  interface BoardRow { village_id: string; village_name: string; town_id: string; town_name: string; total: number | null; rank: number | null; previous_total: number | null; previous_rank: number | null; stars: string | null }
  const boardAll = db.prepare<{ period: string; previous: string }, BoardRow>(boardSql("v.level = 'village'"))
  const boardTown = db.prepare<{ period: string; previous: string; townId: string }, BoardRow>(boardSql("v.level = 'village' AND v.parent_id = @townId"))
  const toSource = (r: BoardRow): BoardSource => ({
    villageId: r.village_id,
    villageName: r.village_name,
    townId: r.town_id,
    townName: r.town_name,
    total: r.total,
    rank: r.rank,
    previousTotal: r.previous_total,
    previousRank: r.previous_rank,
    stars: r.stars ? (r.stars.split(',') as Star[]) : []
  })
  const readBoard = (period: string, previous: string, townId: string | undefined) =>
    (townId ? boardTown.all({ period, previous, townId }) : boardAll.all({ period, previous })).map(toSource)

  // The board is read far more often than anything changes: its read model is kept in memory until
  // anything at all is written through this connection (total_changes) or by another one
  // (data_version), so a repeated read costs two tiny statements. Never inside a transaction,
  // whose writes may still roll back.
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck()
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  let memo: { version: string; boards: Map<string, BoardSource[]> } | null = null
  const cachedBoard = (period: string, previous: string, townId: string | undefined): BoardSource[] => {
    if (db.inTransaction) return readBoard(period, previous, townId)
    const version = `${changes.get()}:${dataVersion.get()}`
    if (!memo || memo.version !== version || memo.boards.size >= 16) memo = { version, boards: new Map() }
    const key = `${period}|${previous}|${townId ?? ''}`
    let rows = memo.boards.get(key)
    if (!rows) {
      rows = Object.freeze(readBoard(period, previous, townId).map((r) => Object.freeze({ ...r, stars: Object.freeze(r.stars) as Star[] }))) as BoardSource[]
      memo.boards.set(key, rows)
    }
    return rows
  }
  const history = db.prepare<[string, number], Row>('SELECT * FROM evaluation_current WHERE village_id = ? ORDER BY period DESC LIMIT ?')
  const submissions = db.prepare<[string, string], Row>('SELECT * FROM evaluation_submissions WHERE village_id = ? AND period = ? ORDER BY seq DESC')
  const ofMonth = db.prepare<[string], { village_id: string; scores: string; total: number }>('SELECT village_id, scores, total FROM evaluation_current WHERE period = ?')
  const periods = db.prepare<[], string>('SELECT DISTINCT period FROM evaluation_current ORDER BY period DESC').pluck()
  const award = db.prepare('INSERT INTO village_stars (village_id, star, awarded_at, awarded_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
  const withdraw = db.prepare('DELETE FROM village_stars WHERE village_id = ? AND star = ?')
  const starsOf = db.prepare<[string], Star>('SELECT star FROM village_stars WHERE village_id = ?').pluck()

  return {
    saveEvaluation: (e) => exec(() => {
      const row = { ...e, scores: JSON.stringify(e.scores), submittedAt: e.submittedAt.getTime(), suggested: e.suggested ? JSON.stringify(e.suggested) : null }
      insertSubmission.run(row)
      upsertCurrent.run(row)
    }),
    totalsOf: (period) => exec(() => totals.all(period).map((r) => ({ villageId: r.village_id, total: r.total }))),
    setRanks: (period, ranks) => exec(() => setRanks(period, ranks)),
    boardOf: (period, previous, townId) => exec(() => cachedBoard(period, previous, townId)),
    villageHistory: (villageId, limit) => exec(() => history.all(villageId, limit).map((r) => ({ ...toEvaluation(r), rank: r.rank ?? 0 }))),
    submissions: (villageId, period) => exec(() => submissions.all(villageId, period).map(toEvaluation)),
    monthScores: (period) => exec(() => ofMonth.all(period).map((r) => ({ villageId: r.village_id, scores: JSON.parse(r.scores) as Scores, total: r.total }))),
    periods: () => exec(() => periods.all()),
    setStar: (villageId, star, awarded, by, at) => exec(() => {
      if (awarded) award.run(villageId, star, at.getTime(), by)
      else withdraw.run(villageId, star)
    }),
    starsOf: (villageId) => exec(() => starsOf.all(villageId))
  }
}
