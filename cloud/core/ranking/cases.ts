import { indicatorsOf, KIND_NAMES, kindOf, SCORE_KEYS, SCORE_NAMES, STAR_NAMES, type EvaluationKind, type Board, type BoardRow, type Evaluation, type Region, type Scores, type Star, type VillageMonthFigures, type VillagePage } from '../../../types/ranking'
import { driveFigures } from '../volunteer/outcome'
import { villageAwardFigures } from '../households/figures'
import { perHousehold } from '../points/ledger'
import type { Ctx, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { logOperation } from '../oplog'
import type { User } from '../../../types/user'
import type { Store } from '../ports'
import { isoLocal, monthBounds, periodOf, previousPeriod } from '../time'
import { safeFileName } from '../csv'
import { countFor } from '../limits'
import { markPublished, publishedPeriods, publishPeriod, seesUnpublished } from '../reference'
import { boardCsv, buildBoard, competitionRanks, honors, needsRanking, sortStars, suggestParticipation, suggestVolunteering, weightedTotal } from './rules'

const weightsOf = (deps: Pick<Deps, 'config'>, kind: EvaluationKind): Scores => ({ ...deps.config.evaluationKinds[kind] })

/** The scores fit the month's kind: every indicator it measures, none it does not. */
function requireIndicators(scores: Scores, kind: EvaluationKind, weights: Scores) {
  const wanted = indicatorsOf(weights)
  for (const k of SCORE_KEYS) {
    if (wanted.includes(k) && scores[k] === undefined) throw invalid(`${KIND_NAMES[kind]}需填写「${SCORE_NAMES[k]}」`, `scores.${k}`)
    if (!wanted.includes(k) && scores[k] !== undefined) throw invalid(`${KIND_NAMES[kind]}不考核「${SCORE_NAMES[k]}」`, `scores.${k}`)
  }
}

async function requireVillage(store: Store, villageId: string): Promise<Region> {
  const village = await store.directory.getRegion(villageId)
  if (!village || village.level !== 'village') throw invalid('村居不存在', 'villageId')
  return village
}

function requirePastOrCurrent(deps: Pick<Deps, 'clock' | 'config'>, period: string) {
  if (period > periodOf(deps.clock(), deps.config)) throw invalid('不能录入或查看未来月份的测评', 'period')
}

/**
 * Recomputes and stores the district ranks of a period from its current totals (the aggregation
 * the board reads), in the transaction `store` is given (both reads are by the period).
 */
export async function rerank(store: Store, period: string): Promise<void> {
  const totals = await store.ranking.totalsOf(period)
  await store.ranking.setRanks(period, competitionRanks(totals).map((r) => ({ villageId: r.villageId, rank: r.rank })))
}

/**
 * Records a village's scores for a month (小测评 in odd months, 大测评 in even ones). A second
 * submission replaces the first on the board; both stay in the history. The month's ranks are
 * recomputed in the same transaction, so they always follow every stored total: two evaluators
 * entering the same month conflict and one of them is run again, never leaving stale ranks.
 */
/** Evaluators (测评员): admins, staff of the evaluator units (config), and users an admin named. */
export function mayEvaluate(user: Pick<User, 'role' | 'unitId' | 'evaluator'>, config: Pick<Deps['config'], 'evaluatorUnitIds'>): boolean {
  return user.role === 'admin' || user.evaluator === true || (user.role === 'staff' && user.unitId !== null && config.evaluatorUnitIds.includes(user.unitId))
}

/**
 * `ranking.publishPeriod` for the caller: evaluators only (cloud/core/reference.ts keeps the
 * published months). A month with villages still unscored is published only when the evaluator
 * says they saw it (`allowUnscored`): one read of the board counts them.
 */
export async function publishAsEvaluator(ctx: Ctx, period: string, published: boolean, allowUnscored = false) {
  if (!mayEvaluate(ctx.user, ctx.config)) throw forbidden('只有测评员可以发布测评结果')
  requirePastOrCurrent(ctx, period)
  const rows = await ctx.store.ranking.boardOf(period, previousPeriod(period))
  const scored = rows.filter((r) => r.total !== null).length
  if (published && scored > 0 && scored < rows.length && !allowUnscored) {
    throw conflict(`还有 ${rows.length - scored} 个村居（共 ${rows.length} 个）未录入 ${period} 的测评分数。确认仍要发布时，飞虎榜和蜗牛榜只在已测评的 ${scored} 个村居中评出`)
  }
  return { ...(await publishPeriod(ctx, period, published)), scored, villages: rows.length }
}

/** `ranking.monthScores`: the stored scores of a month, for the evaluators' sheet (one read of the month). */
export async function monthScores(ctx: Ctx, period: string) {
  if (!mayEvaluate(ctx.user, ctx.config)) throw forbidden('只有测评员可以查看录入的分数')
  requirePastOrCurrent(ctx, period)
  return { period, rows: await ctx.store.ranking.monthScores(period) }
}

/** The months with evaluations the caller may see (residents: published ones), and the published ones. */
export async function visiblePeriods(ctx: Ctx): Promise<{ periods: string[]; published: string[] }> {
  const [periods, published] = await Promise.all([ctx.store.ranking.periods(), publishedPeriods(ctx.store)])
  return { periods: seesUnpublished(ctx) ? periods : periods.filter((p) => published.includes(p)), published }
}

export { markPublished }

/** `ranking.submitEvaluation` for the caller: evaluators only, each entry in the operation log. */
export async function submitAsEvaluator(ctx: Ctx, input: { villageId: string; period: string; scores: Scores; reason?: string }): Promise<Evaluation> {
  if (!mayEvaluate(ctx.user, ctx.config)) throw forbidden('只有测评员可以录入测评分数')
  // a month whose 测评 was scored from its findings (issue 26): a typed score overrides it, with its reason
  if (!input.reason && (await ctx.store.campaign.getRound(input.period))?.status === 'closed') {
    throw invalid('本月分数已按实地测评扣分计算，改分须填写理由', 'reason')
  }
  return submitEvaluation(ctx, ctx.user.openid, input, ctx.store, ctx)
}

export async function submitEvaluation(deps: Deps, by: string, input: { villageId: string; period: string; scores: Scores; reason?: string }, store: Store = deps.store, logAs?: Ctx): Promise<Evaluation> {
  await requireVillage(store, input.villageId)
  requirePastOrCurrent(deps, input.period)
  // the entry it replaces, for the log (read before the transaction: a query cannot run in one on CloudBase)
  const previous = logAs ? (await store.ranking.submissions(input.villageId, input.period))[0] ?? null : null
  const kind = kindOf(input.period)
  const weights = weightsOf(deps, kind)
  requireIndicators(input.scores, kind, weights)
  // an evaluator's entry keeps what the district's formula suggested beside the score entered (read before the transaction)
  const participation = deps.config.participationIndicator
  const figures = logAs && (weights.volunteering || (participation && weights[participation.indicator])) ? await monthFigures(deps, input.villageId, input.period) : null
  const suggested = figures && (figures.suggested || figures.suggestedParticipation)
    ? { ...figures.suggested, ...(figures.suggestedParticipation ? { [figures.suggestedParticipation.indicator]: figures.suggestedParticipation.score } : {}) }
    : undefined
  const evaluation: Evaluation = {
    villageId: input.villageId,
    period: input.period,
    kind,
    scores: Object.fromEntries(indicatorsOf(weights).map((k) => [k, input.scores[k]!])),
    total: weightedTotal(input.scores, weights),
    ...(suggested ? { suggested } : {})
  }
  await store.transaction(async (tx) => {
    await countFor(tx, `score:${input.villageId}:${input.period}`, deps.config.scoreSubmissionsPerMonth, `该村居本月的测评已提交 ${deps.config.scoreSubmissionsPerMonth} 次，不能再修改，请联系管理员`)
    await tx.ranking.saveEvaluation({ ...evaluation, submittedAt: deps.clock(), submittedBy: by })
    await rerank(tx, input.period)
    if (logAs) {
      const sheet = (e: { scores: Scores; total: number; suggested?: Scores | null }) => ({ scores: e.scores, total: e.total, ...(e.suggested ? { suggested: e.suggested } : {}) })
      await logOperation(logAs, tx, previous ? 'evaluation.replace' : 'evaluation.submit', `${input.villageId}:${input.period}`, previous ? sheet(previous) : null, { ...sheet(evaluation), ...(input.reason ? { reason: input.reason } : {}) })
    }
  })
  return evaluation
}

async function requireTown(store: Store, townId: string | undefined) {
  if (!townId) return
  const town = await store.directory.getRegion(townId)
  if (!town || town.level !== 'town') throw invalid('镇街不存在', 'townId')
}

/**
 * The month's board of the district or one town: one read of the stored ranks (aggregated when
 * scores change). A month left half-aggregated (a write whose re-ranking did not finish) is
 * re-ranked here once, so the board heals itself.
 */
export async function board(ctx: Ctx, period: string, townId?: string): Promise<Board> {
  requirePastOrCurrent(ctx, period)
  await requireTown(ctx.store, townId)
  const previous = previousPeriod(period)
  const [published, first] = await Promise.all([seesUnpublished(ctx) ? null : publishedPeriods(ctx.store), ctx.store.ranking.boardOf(period, previous, townId)])
  let sources = first
  const stale = [...(needsRanking(sources, 'current') ? [period] : []), ...(needsRanking(sources, 'previous') ? [previous] : [])]
  if (stale.length) {
    for (const p of stale) await ctx.store.transaction((tx) => rerank(tx, p))
    sources = await ctx.store.ranking.boardOf(period, previous, townId)
  }
  // residents see a month (and the previous one's ranks) only once it is published
  if (published) {
    const shown = published.includes(period)
    const shownBefore = published.includes(previous)
    sources = sources.map((s) => ({ ...s, ...(shown ? {} : { total: null, rank: null }), ...(shownBefore ? {} : { previousTotal: null, previousRank: null }) }))
  }
  return { period, kind: kindOf(period), rows: buildBoard(sources, !townId) }
}

/** 飞虎榜/蜗牛榜 of the district or, with `townId`, of the board the town's villagers see. */
export async function honorsOf(ctx: Ctx, period: string, size?: number, townId?: string) {
  const b = await board(ctx, period, townId)
  return { period, kind: b.kind, ...honors(b.rows, size ?? ctx.config.honorsSize) }
}

export async function exportBoard(ctx: Ctx, period: string, townId?: string): Promise<{ filename: string; csv: string }> {
  const b = await board(ctx, period, townId)
  const town = townId ? (await ctx.store.directory.getRegion(townId))?.name ?? townId : '全区'
  return { filename: `村居排名-${period}-${KIND_NAMES[b.kind]}-${safeFileName(town)}.csv`, csv: boardCsv(b.rows, STAR_NAMES) }
}

/** How the village page names who entered a month's score once that person's account is gone. */
export const ENTERED_BY_BODY = '测评组'

export async function villagePage(ctx: Ctx, villageId: string): Promise<VillagePage> {
  // one read of the reference data for the village, its town and (residents) the published months
  const [regions, published] = await Promise.all([ctx.store.directory.listRegions(), seesUnpublished(ctx) ? null : publishedPeriods(ctx.store)])
  const village = regions.find((r) => r.id === villageId)
  if (!village || village.level !== 'village') throw notFound('村居不存在')
  const town = village.parentId ? regions.find((r) => r.id === village.parentId) : null
  const month = periodOf(ctx.clock(), ctx.config)
  const { from, to } = monthBounds(month, ctx.config)
  const [allHistory, stars, cases, drives] = await Promise.all([
    ctx.store.ranking.villageHistory(villageId, 12),
    ctx.store.ranking.starsOf(villageId),
    ctx.store.reports.villageStats(villageId, from, to),
    driveFigures(ctx, villageId, from, to)
  ])
  // residents: published months only
  const history = published ? allHistory.filter((h) => published.includes(h.period)) : allHistory
  const latest = history[0]
  // who entered the score: the person while their account stands, else the body that scores (never a placeholder for a person gone)
  const enteredBy = latest ? (await ctx.store.users.get(latest.submittedBy))?.nickname || ENTERED_BY_BODY : null
  return {
    village: { ...village, townName: town?.name ?? '' },
    stars: sortStars(stars),
    history: [...history].reverse().map((h) => ({ period: h.period, kind: h.kind, total: h.total, rank: h.rank })),
    breakdown: latest ? { villageId, period: latest.period, kind: latest.kind, scores: latest.scores, total: latest.total, rank: latest.rank, weights: weightsOf(ctx, latest.kind), enteredBy, enteredAt: isoLocal(latest.submittedAt, ctx.config) } : null,
    live: {
      period: month,
      received: cases.received,
      accepted: cases.accepted,
      resolved: cases.resolved,
      onTimeRate: cases.resolved ? Math.round((cases.resolvedOnTime / cases.resolved) * 1000) / 10 : null,
      averageRating: cases.ratingCount ? Math.round((cases.ratingSum / cases.ratingCount) * 10) / 10 : null,
      // served in the village, whoever the volunteers are (where the drives happened)
      volunteerHours: drives.volunteerHours,
      drives: drives.drives,
      fixedByVolunteers: drives.fixedByVolunteers,
      praised: cases.praised
    }
  }
}

export async function setStar(ctx: Ctx, villageId: string, star: Star, awarded: boolean) {
  await requireVillage(ctx.store, villageId)
  const stars = await ctx.store.transaction(async (tx) => {
    const before = sortStars(await tx.ranking.starsOf(villageId))
    await tx.ranking.setStar(villageId, star, awarded, ctx.user.openid, ctx.clock())
    const after = sortStars(await tx.ranking.starsOf(villageId))
    if (before.join() !== after.join()) await logOperation(ctx, tx, awarded ? 'star.award' : 'star.withdraw', villageId, { stars: before }, { stars: after })
    return after
  })
  return { villageId, stars }
}

export async function evaluationHistory(ctx: Ctx, villageId: string, period: string) {
  await requireVillage(ctx.store, villageId)
  const items = await ctx.store.ranking.submissions(villageId, period)
  return { items: items.map((e) => ({ villageId, period, kind: e.kind, scores: e.scores, total: e.total, ...(e.suggested ? { suggested: e.suggested } : {}), submittedAt: isoLocal(e.submittedAt, ctx.config) })) }
}

/**
 * A village's month as its evaluator sees it when entering the scores (issue 15): the drives held
 * there, the hours served and cases fixed by them, the cases received and resolved on time — live —
 * and the 志愿服务 score the district's formula suggests (null when the month does not measure it).
 */
export async function monthFigures(deps: Pick<Deps, 'store' | 'clock' | 'config'>, villageId: string, period: string): Promise<VillageMonthFigures> {
  const { from, to } = monthBounds(period, deps.config)
  const [regions, cases, drives, earnings, awards] = await Promise.all([deps.store.directory.listRegions(), deps.store.reports.villageStats(villageId, from, to), driveFigures(deps, villageId, from, to), deps.store.points.villageEarnings(villageId, from, to), villageAwardFigures(deps, villageId)])
  const village = regions.find((r) => r.id === villageId && r.level === 'village')
  if (!village) throw invalid('村居不存在', 'villageId')
  const kind = kindOf(period)
  const onTimeRate = cases.resolved ? Math.round((cases.resolvedOnTime / cases.resolved) * 1000) / 10 : null
  const formula = { ...deps.config.volunteerIndicator }
  const participation = deps.config.participationIndicator ? { ...deps.config.participationIndicator } : null
  return {
    villageId, villageName: village.name, period, kind, ...drives,
    received: cases.received, resolved: cases.resolved, resolvedOnTime: cases.resolvedOnTime, onTimeRate,
    suggested: weightsOf(deps, kind).volunteering ? { volunteering: suggestVolunteering({ ...drives, onTimeRate }, formula) } : null,
    formula,
    earners: earnings.earners,
    pointsEarned: earnings.points,
    households: awards.households,
    pointsPerHousehold: perHousehold(earnings.points, awards.households),
    awardedHouseholds: awards.awarded,
    suggestedParticipation: participation && weightsOf(deps, kind)[participation.indicator]
      ? { indicator: participation.indicator, score: suggestParticipation({ earners: earnings.earners, pointsEarned: earnings.points, awardedHouseholds: awards.awarded }, participation), formula: participation }
      : null
  }
}

export async function villageMonthFigures(ctx: Ctx, villageId: string, period: string): Promise<VillageMonthFigures> {
  if (!mayEvaluate(ctx.user, ctx.config)) throw forbidden('只有测评员可以查看测评录入数据')
  requirePastOrCurrent(ctx, period)
  return monthFigures(ctx, villageId, period)
}

export type { BoardRow }
