import { STARS, type BoardRow, type ParticipationIndicator, type Star, type VolunteerIndicator } from '../../../types/ranking'
import type { DriveFigures } from '../../../types/volunteer'
import type { BoardSource } from './ports'
import { csv } from '../csv'

/** Pure rules of the ranking journey. */

// The weighted total is shared with the app's score-entry preview, so it lives with the names.
export { weightedTotal } from '../../../types/names'

/** Competition ranking: equal totals share a rank, the next rank skips (1, 2, 2, 4). */
export function competitionRanks<T extends { total: number }>(entries: T[]): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => b.total - a.total)
  let rank = 0
  return sorted.map((e, i) => {
    if (i === 0 || e.total !== sorted[i - 1]!.total) rank = i + 1
    return { ...e, rank }
  })
}

export const sortStars = (stars: Star[]): Star[] => STARS.filter((s) => stars.includes(s))

/**
 * The board of a period from its read model (every village in scope with its stored totals and
 * district ranks of the month and the month before): ranked villages by rank (ties share one),
 * then the villages without an evaluation, by id. Ranks and previous ranks are within the scope:
 * the stored district ranks for the whole district, or recomputed among one town's villages
 * (what a town's villagers expect: "we are 2nd of 18 in 濮阳镇").
 */
export function buildBoard(sources: BoardSource[], wholeDistrict: boolean): BoardRow[] {
  // Within one town, rank its evaluated villages again (both months); the district's are stored.
  const townRanks = (pick: (s: BoardSource) => number | null) => {
    const evaluated: { villageId: string; total: number }[] = []
    for (const s of sources) {
      const total = pick(s)
      if (total !== null) evaluated.push({ villageId: s.villageId, total })
    }
    return new Map(competitionRanks(evaluated).map((e) => [e.villageId, e.rank]))
  }
  const now = wholeDistrict ? null : townRanks((s) => s.total)
  const before = wholeDistrict ? null : townRanks((s) => s.previousTotal)
  const rows = sources.map((s): BoardRow => ({
    villageId: s.villageId,
    villageName: s.villageName,
    townId: s.townId,
    townName: s.townName,
    score: s.total,
    rank: s.total === null ? null : now ? now.get(s.villageId) ?? null : s.rank,
    previousRank: s.previousTotal === null ? null : before ? before.get(s.villageId) ?? null : s.previousRank,
    stars: sortStars(s.stars)
  }))
  return rows.sort((a, b) => {
    if (a.rank === b.rank) return a.villageId < b.villageId ? -1 : a.villageId > b.villageId ? 1 : 0
    if (a.rank === null) return 1
    if (b.rank === null) return -1
    return a.rank - b.rank
  })
}

/** True when a stored month has totals that were written but not yet ranked (rank 0). */
export const needsRanking = (sources: BoardSource[], which: 'current' | 'previous'): boolean =>
  sources.some((s) => (which === 'current' ? s.total !== null && !s.rank : s.previousTotal !== null && !s.previousRank))

/**
 * 飞虎榜 and 蜗牛榜 of scored entries, villages or units — one rule for both. Each list names at most
 * `size` and never more than half of those scored, best first and worst first. An entry tied with
 * the last place of a list is on it too (a tie is never cut arbitrarily), except a tied group that
 * would reach both lists: it is on neither, so no one stands on both, and when everyone scored the
 * same (say nothing was resolved yet) neither list names anyone. Unscored entries are never named.
 */
export function honorLists<T>(entries: T[], scoreOf: (e: T) => number | null, size: number): { feihu: T[]; woniu: T[] } {
  const scored = entries.filter((e) => scoreOf(e) !== null).sort((a, b) => scoreOf(b)! - scoreOf(a)!)
  const n = Math.min(size, Math.floor(scored.length / 2))
  if (n < 1) return { feihu: [], woniu: [] }
  const top = scoreOf(scored[n - 1]!)!
  const bottom = scoreOf(scored[scored.length - n]!)!
  const shared = top === bottom
  return {
    feihu: scored.filter((e) => (shared ? scoreOf(e)! > top : scoreOf(e)! >= top)),
    woniu: [...scored].reverse().filter((e) => (shared ? scoreOf(e)! < bottom : scoreOf(e)! <= bottom))
  }
}

/** 飞虎榜/蜗牛榜 of a village board: its ranked villages by score (see honorLists). */
export const honors = (rows: BoardRow[], size: number): { feihu: BoardRow[]; woniu: BoardRow[] } =>
  honorLists(rows, (r) => (r.rank === null ? null : r.score), size)

/** CSV of a board (see ../csv). */
export function boardCsv(rows: BoardRow[], starNames: Record<Star, string>): string {
  return csv([
    ['排名', '村居', '镇街', '得分', '上月排名', '五星支部'],
    ...rows.map((r) => [r.rank ?? '未测评', r.villageName, r.townName, r.score, r.previousRank, r.stars.map((s) => starNames[s]).join('、')])
  ])
}

/** The suggested participation score (`config.participationIndicator`): base + perEarner × earners + perPoint × points + perAwardedHousehold × households holding a 文明户 award, capped, never below 0, one decimal. */
export function suggestParticipation(f: { earners: number; pointsEarned: number; awardedHouseholds?: number }, w: ParticipationIndicator): number {
  const raw = w.base + w.perEarner * f.earners + w.perPoint * f.pointsEarned + (w.perAwardedHousehold ?? 0) * (f.awardedHouseholds ?? 0)
  return Math.round(Math.max(0, Math.min(w.cap, raw)) * 10) / 10
}

/**
 * The suggested 志愿服务 score of a village's month (`config.volunteerIndicator`): base + perDrive ×
 * drives + perHour × hours + perFixedCase × cases fixed by drives + onTime × on-time rate (0–1),
 * capped, never below 0, one decimal.
 */
export function suggestVolunteering(f: DriveFigures & { onTimeRate: number | null }, w: VolunteerIndicator): number {
  const raw = w.base + w.perDrive * f.drives + w.perHour * f.volunteerHours + w.perFixedCase * f.fixedByVolunteers + w.onTime * ((f.onTimeRate ?? 0) / 100)
  return Math.round(Math.max(0, Math.min(w.cap, raw)) * 10) / 10
}
