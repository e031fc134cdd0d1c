import { SCORE_KEYS, STARS, type BoardRow, type Region, type Scores, type Star } from '../../../types/ranking'

/** Pure rules of the ranking journey. */

/** The weighted mean of the five scores (weights in percent), rounded to 0.1. */
export function weightedTotal(scores: Scores, weights: Scores): number {
  const weightSum = SCORE_KEYS.reduce((s, k) => s + weights[k], 0)
  const sum = SCORE_KEYS.reduce((s, k) => s + scores[k] * weights[k], 0)
  return Math.round((sum / weightSum) * 10) / 10
}

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
 * The board of a period for the given villages (the district or one town): ranked villages by
 * rank (ties share one), then the villages without an evaluation. Ranks and previous ranks are
 * within the scope: the district's stored ranks, or recomputed among the town's villages.
 */
export function buildBoard(input: {
  villages: Region[]
  towns: Map<string, Region>
  current: { villageId: string; total: number; rank: number }[]
  previous: { villageId: string; total: number; rank: number }[]
  stars: Map<string, Star[]>
  wholeDistrict: boolean
}): BoardRow[] {
  const inScope = new Set(input.villages.map((v) => v.id))
  const rankIn = (rows: { villageId: string; total: number; rank: number }[]) => {
    const scoped = rows.filter((r) => inScope.has(r.villageId))
    const ranked = input.wholeDistrict ? scoped : competitionRanks(scoped)
    return new Map(ranked.map((r) => [r.villageId, r]))
  }
  const now = rankIn(input.current)
  const before = rankIn(input.previous)
  const rows = input.villages.map((v): BoardRow => {
    const town = input.towns.get(v.parentId ?? '')
    const cur = now.get(v.id)
    return {
      villageId: v.id,
      villageName: v.name,
      townId: town?.id ?? '',
      townName: town?.name ?? '',
      score: cur ? cur.total : null,
      rank: cur ? cur.rank : null,
      previousRank: before.get(v.id)?.rank ?? null,
      stars: sortStars(input.stars.get(v.id) ?? [])
    }
  })
  return rows.sort((a, b) => {
    if (a.rank === null || b.rank === null) return a.rank === null && b.rank === null ? a.villageId.localeCompare(b.villageId) : a.rank === null ? 1 : -1
    return a.rank - b.rank || a.villageId.localeCompare(b.villageId)
  })
}

/** 飞虎榜: the best `size` ranked villages; 蜗牛榜: the worst, worst first. */
export function honors(rows: BoardRow[], size: number): { feihu: BoardRow[]; woniu: BoardRow[] } {
  const ranked = rows.filter((r) => r.rank !== null)
  return { feihu: ranked.slice(0, size), woniu: ranked.slice(-size).reverse() }
}

/** CSV of a board (RFC 4180 quoting), with a BOM so spreadsheet programs read it as UTF-8. */
export function boardCsv(rows: BoardRow[], starNames: Record<Star, string>): string {
  const q = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [['排名', '村居', '镇街', '得分', '上月排名', '五星支部'].join(',')]
  for (const r of rows) {
    lines.push([q(r.rank ?? '未测评'), q(r.villageName), q(r.townName), q(r.score), q(r.previousRank), q(r.stars.map((s) => starNames[s]).join('、'))].join(','))
  }
  return `\ufeff${lines.join('\r\n')}\r\n`
}

/** Monday-free month arithmetic: the first instant of `period` in the district's time zone. */
export function monthStart(period: string, utcOffsetMinutes: number): Date {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1) - utcOffsetMinutes * 60_000)
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
