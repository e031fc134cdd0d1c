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
}

/** The aggregate the board reads: each village's current total and district rank in a period. */
export interface CurrentScore {
  villageId: string
  period: string
  total: number
  rank: number
}

export interface RankingRepo {
  /** Appends a submission to the history and makes it the village's current one for the period. */
  saveEvaluation(e: StoredEvaluation): Promise<void>
  /** The current totals of a period (any order). */
  totalsOf(period: string): Promise<{ villageId: string; total: number }[]>
  /** Stores the district ranks of a period, computed by the use case. */
  setRanks(period: string, ranks: { villageId: string; rank: number }[]): Promise<void>
  currentOf(period: string): Promise<CurrentScore[]>
  /** The village's current evaluation of each period, newest first, at most `limit`. */
  villageHistory(villageId: string, limit: number): Promise<(StoredEvaluation & { rank: number })[]>
  submissions(villageId: string, period: string): Promise<StoredEvaluation[]>
  periods(): Promise<string[]>
  setStar(villageId: string, star: Star, awarded: boolean, by: string, at: Date): Promise<void>
  starsOf(villageId: string): Promise<Star[]>
  allStars(): Promise<Map<string, Star[]>>
}
