import type { Report } from '../../../types/report'
import { STATUS_NAMES } from '../../../types/report'
import type { DriveFigures, DriveOutcome, OutcomeResult } from '../../../types/volunteer'
import type { Ctx, Deps } from '../context'
import { conflict, contentRejected, forbidden, invalid } from '../errors'
import { publish, record, type Outgoing } from '../messages'
import type { StoredMessage } from '../ports'
import { acceptance, applyChange, caseLabeler, detailLink, handleLink, presentMany, requirePhotos, resolution } from '../report/cases'
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

  // queries before the transaction: who came, how to name the cases, who supported the fixed ones, the staff to tell of the others
  const fixedIds = outcomes.filter((o) => o.fixed).map((o) => o.reportId)
  const [signups, labelOf, supporters, staff] = await Promise.all([
    ctx.store.volunteer.signupsOf(a.id),
    caseLabeler(ctx.store),
    fixedIds.length ? ctx.store.reports.supportersOf(fixedIds) : Promise.resolve(new Map<string, string[]>()),
    outcomes.some((o) => !o.fixed) ? ctx.store.users.listByRole('staff') : Promise.resolve([])
  ])
  const volunteers = signups.filter((s) => came(s.status)).length
  const drive = `志愿清理活动「${a.title}」`

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
      const label = labelOf(r)
      const earlier = recorded.find((x) => x.reportId === r.id)
      const keep = (next: StoredOutcome) => (recorded = [...recorded.filter((x) => x.reportId !== r.id), next])
      const outcome = { reportId: r.id, fixed: o.fixed, note: o.note || null, photos: o.photos ?? [], recordedAt: now, recordedBy: ctx.user.openid }
      if (!isOpen(r.status)) {
        // resolved already (by this drive or by its unit), closed or rejected: never resolved twice
        if (!earlier) keep({ ...outcome, resolvedByDrive: false })
        results.push({ reportId: r.id, result: 'unchanged', status: r.status, message: `该上报当前为「${STATUS_NAMES[r.status]}」，未重复办理` })
        continue
      }
      if (o.fixed) {
        let open: StoredReport = r
        // a case its unit has not yet accepted is taken on by the drive (the reporter earns the points as on acceptance)
        if (r.status === 'submitted') open = (await applyChange(ctx, tx, r, acceptance(ctx, `${drive}登记清理成效时受理`, () => undefined))).next
        const note = `${drive}已清理（${volunteers} 名志愿者参与）${o.note ? `：${o.note}` : ''}`
        const told: Outgoing[] = [
          { openid: r.openid, kind: 'report.resolved', title: '您的上报已由志愿者清理', body: `${label}：${drive}已清理。请查看并评价`, link: detailLink(r.id) },
          ...[...new Set(supporters.get(r.id) ?? [])].filter((openid) => openid !== r.openid).map((openid) => ({
            openid, kind: 'report.fixedByDrive', title: '您也遇到的问题已解决', body: `${label}：${drive}已清理`, link: detailLink(r.id)
          }))
        ]
        const done = await applyChange(ctx, tx, open, { ...resolution(o.note || `${drive}已清理`, outcome.photos, () => undefined, note), messages: () => told })
        sent.push(...done.sent)
        keep({ ...outcome, resolvedByDrive: true })
        results.push({ reportId: r.id, result: 'resolved', status: done.next.status, message: '已办结，已通知上报人和遇到同样问题的居民' })
      } else {
        // not fixed: the case stays with its unit, whose staff are told why
        await tx.reports.appendEvent({ reportId: r.id, at: now, action: 'drive', status: r.status, note: `${drive}未能清理：${o.note}；仍由责任单位办理`, actorRole: ctx.user.role, actorOpenid: ctx.user.openid })
        const unitStaff = staff.filter((s) => s.unitId === r.unitId).map((s) => s.openid)
        sent.push(...(await record(ctx, tx, unitStaff.map((openid) => ({ openid, kind: 'report.driveNote', title: '志愿清理未能解决，请继续办理', body: `${label}：${o.note}`, link: handleLink(r.id) })))))
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

/** A drive's linked cases (public form for residents) with what the drive recorded for each, in the drive's order. */
export async function driveCases(ctx: Ctx, activityId: string): Promise<{ items: (Report & { outcome: DriveOutcome | null })[] }> {
  const a = await loadActivity(ctx.store, activityId)
  const found = new Map((await ctx.store.reports.getMany(a.reportIds)).map((r) => [r.id, r]))
  const reports = a.reportIds.flatMap((id) => (found.has(id) ? [found.get(id)!] : []))
  const items = await presentMany(ctx, reports, ctx.user)
  const outcomes = new Map((a.outcomes ?? []).map((o) => [o.reportId, o]))
  return {
    items: items.map((r) => {
      const o = outcomes.get(r.id)
      return { ...r, outcome: o ? { reportId: o.reportId, fixed: o.fixed, note: o.note, photos: o.photos, resolvedByDrive: o.resolvedByDrive, recordedAt: isoLocal(o.recordedAt, ctx.config) } : null }
    })
  }
}

/** Drives held in a village (null: the district) in [from, to) by where they happened: the count, hours served and cases fixed. */
export async function driveFigures(deps: Pick<Deps, 'store' | 'clock'>, villageId: string | null, from: Date, to: Date): Promise<DriveFigures> {
  const f = await deps.store.volunteer.driveFigures(villageId, from, to, deps.clock())
  return { drives: f.drives, volunteerHours: Math.round((f.minutes / 60) * 10) / 10, fixedByVolunteers: f.fixed }
}
