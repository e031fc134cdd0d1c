import type { EvaluationKind, Scores, Star } from '../../../types/ranking'

/** The ranking part of the store port (see cloud/core/ports.ts). */

export interface StoredEvaluation {
  villageId: string
  period: string
  kind: EvaluationKind
  scores: Scores
  total: number
  submittedAt: Date
  submittedBy: string
  /** What the district's formulas suggested when it was entered (kept in the history beside the scores; absent: none). */
  suggested?: Scores | null
}

/**
 * One village of a board as stored: names, the current total and district rank of the month and
 * of the month before (null when not evaluated then), and its stars. `rank` 0 means the total was
 * written but the month not yet re-ranked.
 */
export interface BoardSource {
  villageId: string
  villageName: string
  townId: string
  townName: string
  total: number | null
  rank: number | null
  previousTotal: number | null
  previousRank: number | null
  stars: Star[]
}

export interface RankingRepo {
  /**
   * Appends a submission to the history and makes it the village's current one for the period
   * (its stored rank back to 0 until the period is re-ranked). By id: usable in a transaction.
   */
  saveEvaluation(e: StoredEvaluation): Promise<void>
  /** The current totals of a period (any order). */
  totalsOf(period: string): Promise<{ villageId: string; total: number }[]>
  /** Stores the district ranks of a period, computed by the use case (only changed ones are written). */
  setRanks(period: string, ranks: { villageId: string; rank: number }[]): Promise<void>
  /**
   * The read model of the board: every village of the district (or of one town), with the stored
   * totals and district ranks of `period` and `previous`, and its stars. One indexed read in SQLite.
   */
  boardOf(period: string, previous: string, townId?: string): Promise<BoardSource[]>
  /** The village's current evaluation of each period, newest first, at most `limit`. */
  villageHistory(villageId: string, limit: number): Promise<(StoredEvaluation & { rank: number })[]>
  /** Every submission of a village for a period, newest first. */
  submissions(villageId: string, period: string): Promise<StoredEvaluation[]>
  /** The current scores of every village evaluated in a period (any order): one read. */
  monthScores(period: string): Promise<{ villageId: string; scores: Scores; total: number }[]>
  /** Periods with at least one evaluation, newest first. */
  periods(): Promise<string[]>
  setStar(villageId: string, star: Star, awarded: boolean, by: string, at: Date): Promise<void>
  starsOf(villageId: string): Promise<Star[]>
}
