import type { Report } from '../../../types/report'
import { STATUS_NAMES } from '../../../types/report'
import type { DriveFigures, DriveOutcome, OutcomeResult } from '../../../types/volunteer'
import type { Ctx, Deps } from '../context'
import { conflict, contentRejected, forbidden, invalid } from '../errors'
import { publish } from '../messages'
import type { StoredMessage } from '../ports'
import { actorOf, applyDecision, caseLabeler, decideOrThrow, People, presentMany, reachOf, requirePhotos, type Reach } from '../report/cases'
import { decide, forbiddenOf, type Notice } from '../report/model'
import { audienceOf, mayView, visiblePhotos } from '../report/view'
import type { StoredReport } from '../report/ports'
import { isOpen } from '../report/rules'
import { isoLocal } from '../time'
import { isOrganizer, loadActivity, presentActivity } from './cases'
import type { StoredActivity, StoredOutcome } from './ports'

/**
 * Issue 15, closing the loop: a drive called for a cluster of cases (发起清理) records what it did
 * for each of them. Fixed cases are resolved through the report domain's own resolve rule (an open
 * case not yet accepted is accepted first, as its unit would have), with the drive's name and its
 * volunteers in the timeline; the reporter and everyone who pressed 我也遇到 are told. A case the
 * drive could not fix stays with its unit, with the organizer's note in its timeline.
 */

export interface OutcomeInput {
  reportId: string
  fixed: boolean
  photos?: string[]
  note?: string
}

/** Volunteers who came: checked in (and so credited, once the drive ended). */
const came = (status: string) => status === 'checkedIn' || status === 'completed'

export async function recordOutcome(ctx: Ctx, activityId: string, outcomes: OutcomeInput[]): Promise<{ activity: Awaited<ReturnType<typeof presentActivity>>; results: OutcomeResult[] }> {
  const a = await loadActivity(ctx.store, activityId)
  if (!isOrganizer(ctx, a)) throw forbidden('只有活动组织者或管理员可以登记清理成效')
  if (a.cancelled) throw conflict('活动已取消，不能登记清理成效')
  if (ctx.clock() < a.startAt) throw conflict('活动开始后才能登记清理成效')
  if (!a.reportIds.length) throw conflict('本活动没有关联上报，无需登记清理成效')
  // everything that needs no store is checked first, and nothing is written unless all of it holds
  const seen = new Set<string>()
  for (const [i, o] of outcomes.entries()) {
    if (!a.reportIds.includes(o.reportId)) throw invalid('该上报不是本次活动关联的上报', `outcomes.${i}.reportId`)
    if (seen.has(o.reportId)) throw invalid('同一件上报只能登记一次', `outcomes.${i}.reportId`)
    seen.add(o.reportId)
    if (o.fixed && !(o.photos ?? []).length) throw invalid('已清理的上报需要至少 1 张现场清理后的照片', `outcomes.${i}.photos`)
    if (!o.fixed && (o.note ?? '').length < 2) throw invalid('未能清理时请说明情况（至少 2 个字）', `outcomes.${i}.note`)
    if (!o.fixed && o.photos?.length) throw invalid('未清理的上报不需要清理后照片', `outcomes.${i}.photos`)
  }
  for (const [i, o] of outcomes.entries()) {
    if (o.note && !(await ctx.contentCheck.isAcceptable(o.note, ctx.user.openid))) throw contentRejected('内容含有不当信息，请修改后再提交', `outcomes.${i}.note`)
  }
  for (const [i, o] of outcomes.entries()) await requirePhotos(ctx, o.photos ?? [], `outcomes.${i}.photos`)

  // queries before the transaction: who came, the cases, how to name them, and who is told of each
  const drive = `志愿清理活动「${a.title}」`
  const [signups, categories, linked] = await Promise.all([
    ctx.store.volunteer.signupsOf(a.id),
    ctx.store.directory.listCategories(),
    ctx.store.reports.getMany(outcomes.map((o) => o.reportId))
  ])
  const labelOf = await caseLabeler(ctx.store, categories)
  const volunteers = signups.filter((s) => came(s.status)).length
  const actor = actorOf(ctx.user)
  const verifyFirst = (r: StoredReport) => categories.find((c) => c.code === r.category)?.verifyBeforeClose === true
  // everyone who may be told, read once for all the cases
  const people = new People(ctx, linked.map((r) => r.id))
  const reaches = new Map<string, Reach>()
  // a fix the organizer may close tells the reporter and the supporters (or the 网格员, for 核查); anything else tells the unit
  const closes = (r: StoredReport) => forbiddenOf(r, 'resolve', actor, ctx.config) === null && (r.status !== 'submitted' || forbiddenOf(r, 'accept', actor, ctx.config) === null)
  for (const r of linked) {
    const fixed = outcomes.find((o) => o.reportId === r.id)?.fixed === true && closes(r)
    const audiences: Notice['to'][] = fixed ? [{ reporter: true }, { supporters: true }, ...(verifyFirst(r) ? [{ grid: r.villageId ?? '' }] : [])] : [{ unit: r.unitId }]
    reaches.set(r.id, await reachOf(ctx, r, audiences.map((to) => ({ to, kind: '', title: '', text: null, page: 'detail' as const })), labelOf, people))
  }

  let sent: StoredMessage[] = []
  let results: OutcomeResult[] = []
  const updated = await ctx.store.transaction(async (tx) => {
    sent = []
    results = []
    const current = await loadActivity(tx, a.id)
    let recorded: StoredOutcome[] = [...(current.outcomes ?? [])]
    const now = ctx.clock()
    for (const o of outcomes) {
      const r = await tx.reports.get(o.reportId)
      if (!r) throw invalid('关联的上报不存在', 'outcomes')
      const reach = reaches.get(r.id) ?? (await reachOf(ctx, r, [], labelOf))
      const earlier = recorded.find((x) => x.reportId === r.id)
      const keep = (next: StoredOutcome) => (recorded = [...recorded.filter((x) => x.reportId !== r.id), next])
      const outcome = { reportId: r.id, fixed: o.fixed, note: o.note || null, photos: o.photos ?? [], recordedAt: now, recordedBy: ctx.user.openid }
      if (!isOpen(r.status)) {
        // resolved already (by this drive or by its unit), closed or rejected: never resolved twice
        if (!earlier) keep({ ...outcome, resolvedByDrive: false })
        results.push({ reportId: r.id, result: 'unchanged', status: r.status, message: `该上报当前为「${STATUS_NAMES[r.status]}」，未重复办理` })
        continue
      }
      const note = (text: string, kind: string, title: string, reason: string) => decide(r, 'driveNote', actor, now, { note: text, kind, title, reason }, ctx.config)
      if (o.fixed) {
        // The drive resolves a case only as the case's unit (or an admin) could: the case model decides.
        // A case its unit has not yet accepted is accepted first, as its unit would (the reporter earns the points).
        const params = { reply: o.note || `${drive}已清理`, photos: outcome.photos, timelineNote: `${drive}已清理（${volunteers} 名志愿者参与）${o.note ? `：${o.note}` : ''}`, drive, verifyFirst: verifyFirst(r) }
        const accepting = r.status === 'submitted' ? decide(r, 'accept', actor, now, { note: `${drive}登记清理成效时受理`, pointsPerAccepted: ctx.config.pointsPerAcceptedReport, drive }, ctx.config) : null
        const resolving = decide(accepting?.ok ? { ...r, status: 'accepted' } : r, 'resolve', actor, now, params, ctx.config)
        if ((accepting === null || accepting.ok) && resolving.ok) {
          let open: StoredReport = r
          if (accepting?.ok) {
            const took = await applyDecision(ctx, tx, r, accepting.decision, actor, reach, now)
            open = took.next
            sent.push(...took.sent)
          }
          const done = await applyDecision(ctx, tx, open, decideOrThrow(ctx, open, 'resolve', actor, now, params), actor, reach, now)
          sent.push(...done.sent)
          keep({ ...outcome, resolvedByDrive: true })
          results.push({ reportId: r.id, result: 'resolved', status: done.next.status, message: done.next.status === 'verifying' ? '已办结，待网格员现场核查' : '已办结，已通知上报人和遇到同样问题的居民' })
          continue
        }
        // not this organizer's to close: the case stays with its unit, which is told the volunteers cleaned up
        const d = note(`${drive}已清理（${volunteers} 名志愿者参与）${o.note ? `：${o.note}` : ''}；由责任单位核实后办结`, 'report.driveFixed', '志愿者已清理，请核实后办结', o.note || `${drive}已清理`)
        if (d.ok) sent.push(...(await applyDecision(ctx, tx, r, d.decision, actor, reach, now)).sent)
        keep({ ...outcome, resolvedByDrive: false })
        results.push({ reportId: r.id, result: 'noted', status: r.status, message: '已记入该上报的办理记录，由责任单位核实后办结' })
      } else {
        // not fixed: the case stays with its unit, whose staff are told why
        const d = note(`${drive}未能清理：${o.note}；仍由责任单位办理`, 'report.driveNote', '志愿清理未能解决，请继续办理', o.note!)
        if (d.ok) sent.push(...(await applyDecision(ctx, tx, r, d.decision, actor, reach, now)).sent)
        if (!earlier?.resolvedByDrive) keep({ ...outcome, resolvedByDrive: false })
        results.push({ reportId: r.id, result: 'noted', status: r.status, message: '已记入该上报的办理记录，仍由责任单位办理' })
      }
    }
    const fixedCount = recorded.filter((x) => x.resolvedByDrive).length
    await tx.volunteer.updateActivity(a.id, { outcomes: recorded, fixedCount })
    return { ...current, outcomes: recorded, fixedCount } as StoredActivity
  })
  await publish(ctx, sent) // only what committed, once
  return { activity: await presentActivity(ctx, updated), results }
}

/**
 * A drive's linked cases with what the drive recorded for each, in the drive's order: each case
 * as the caller may see it (view.ts) — a case the caller may not see is left out, and an outcome's
 * photos are the ones the caller may see of that case.
 */
export async function driveCases(ctx: Ctx, activityId: string): Promise<{ items: (Report & { outcome: DriveOutcome | null })[] }> {
  const a = await loadActivity(ctx.store, activityId)
  const found = new Map((await ctx.store.reports.getMany(a.reportIds)).map((r) => [r.id, r]))
  const reports = a.reportIds.flatMap((id) => (found.has(id) && mayView(found.get(id)!, ctx.user) ? [found.get(id)!] : []))
  const items = await presentMany(ctx, reports, ctx.user)
  const outcomes = new Map((a.outcomes ?? []).map((o) => [o.reportId, o]))
  return {
    items: items.map((r, i) => {
      const o = outcomes.get(r.id)
      const photos = o ? visiblePhotos(reports[i]!, o.photos, audienceOf(reports[i]!, ctx.user)) : []
      return { ...r, outcome: o ? { reportId: o.reportId, fixed: o.fixed, note: o.note, photos, resolvedByDrive: o.resolvedByDrive, recordedAt: isoLocal(o.recordedAt, ctx.config) } : null }
    })
  }
}

/** Drives held in a village (null: the district) in [from, to) by where they happened: the count, hours served and cases fixed. */
export async function driveFigures(deps: Pick<Deps, 'store' | 'clock'>, villageId: string | null, from: Date, to: Date): Promise<DriveFigures> {
  const f = await deps.store.volunteer.driveFigures(villageId, from, to, deps.clock())
  return { drives: f.drives, volunteerHours: Math.round((f.minutes / 60) * 10) / 10, fixedByVolunteers: f.fixed }
}
