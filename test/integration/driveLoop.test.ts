import { startCloud, type TestCloud } from '../helpers/cloud'
import { defaultConfig } from '../../cloud/core/config'
import { suggestVolunteering } from '../../cloud/core/ranking/rules'

/**
 * Issue 15, part 1, the whole loop on both stores: a cluster of cases → 发起清理 → signups →
 * check-ins and outs → the organizer's outcome → the cases resolved with the drive in their
 * timelines, reporters and supporters told → the village's figures and the evaluator's entry
 * counting the drive where it happened.
 */
let now = new Date('2026-12-01T08:00:00+08:00')
let cloud: TestCloud
let staff: string // 李伟（城管）: a named evaluator
let organizer: string // staff of 濮阳镇人民政府, the unit of the market's 乱堆杂物 and 背街小巷 cases: the drive's organizer
let admin: string
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  staff = await cloud.login('demo-staff')
  admin = await cloud.login('demo-admin')
  organizer = await cloud.login('loop-town-staff')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'loop-town-staff', role: 'staff', unitId: 'unit-town-puyang' })
})
afterAll(() => cloud.close())

const setNow = (iso: string) => (now = new Date(iso))
const MARKET = { latitude: 35.7612, longitude: 115.03 }
const at = (dLat: number, dLng: number, address: string) => ({ latitude: MARKET.latitude + dLat, longitude: MARKET.longitude + dLng, address })

it('closes the loop: cluster → drive → check-ins → outcome → resolved cases, messages, village figures and the evaluation entry', async () => {
  // three residents' cases behind the market; a neighbour presses 我也遇到 on the first
  const [alice, bob, carol, neighbour] = await Promise.all(['loop-alice', 'loop-bob', 'loop-carol', 'loop-neighbour'].map((o) => cloud.login(o)))
  const file = async (token: string, clientId: string, category: string, description: string, where: ReturnType<typeof at>) =>
    cloud.ok(token, 'report', 'create', { clientId, category, description, photos: [await cloud.photoOf(token)], location: where })
  const heap = await file(alice!, 'loop-case-1', 'luandui', '菜市场后巷堆满废弃纸箱和泡沫箱', at(0.0003, -0.0002, '幸福村菜市场后巷'))
  const ditch = await file(bob!, 'loop-case-2', 'beijie', '后巷排水沟里有积存垃圾，天热有异味', at(0.0004, 0.0001, '幸福村菜市场后巷北口'))
  const wires = await file(carol!, 'loop-case-3', 'luandui', '后巷墙角堆放建筑垃圾，需要车辆清运', at(0.0002, 0.0002, '幸福村菜市场后巷南口'))
  await cloud.ok(neighbour!, 'report', 'support', { id: heap.id })
  await cloud.ok(admin, 'report', 'accept', { id: ditch.id }) // the other two are still waiting for their unit

  // 发起清理 tomorrow morning, linking the cluster
  const drive = await cloud.ok(organizer, 'volunteer', 'create', {
    title: '菜市场后巷集中清理', description: '清理后巷堆积物和排水沟垃圾', villageId: 'py-01', address: '幸福村菜市场后巷',
    startAt: '2026-12-02T09:00:00+08:00', endAt: '2026-12-02T11:00:00+08:00', capacity: 5, reportIds: [heap.id, ditch.id, wires.id]
  })
  expect(drive.outcomes).toEqual([])
  // the volunteers live in another village: their hours count where they served
  const volunteers = await Promise.all(['loop-vol-1', 'loop-vol-2', 'loop-vol-3'].map((o) => cloud.login(o)))
  for (const v of volunteers) {
    await cloud.ok(v, 'user', 'updateProfile', { villageId: 'py-02' })
    await cloud.ok(v, 'volunteer', 'signup', { activityId: drive.id })
  }

  // before the drive: no outcome yet
  const early = await cloud.call(organizer, 'volunteer', 'recordOutcome', { activityId: drive.id, outcomes: [{ reportId: ditch.id, fixed: false, note: '还没开始' }] })
  expect(early.status).toBe(409)

  // on site: three check in at 08:50, two check out at 10:30, the third is credited until the end
  setNow('2026-12-02T08:50:00+08:00')
  const code = () => cloud.ok(organizer, 'volunteer', 'get', { id: drive.id }).then((d) => d.checkinCode as string)
  for (const v of volunteers) await cloud.ok(v, 'volunteer', 'checkIn', { activityId: drive.id, code: await code() })
  setNow('2026-12-02T10:30:00+08:00')
  for (const v of volunteers.slice(0, 2)) await cloud.ok(v, 'volunteer', 'checkOut', { activityId: drive.id, code: await code() })
  setNow('2026-12-02T11:20:00+08:00')

  // bad input changes nothing
  const otherStaff = await cloud.login('loop-other-staff')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'loop-other-staff', role: 'staff', unitId: 'unit-zhujian' })
  const after = await cloud.photoOf(organizer)
  const record = (token: string, outcomes: unknown) => cloud.call(token, 'volunteer', 'recordOutcome', { activityId: drive.id, outcomes })
  const forbidden = await record(otherStaff, [{ reportId: heap.id, fixed: true, photos: [await cloud.photoOf(otherStaff)] }])
  expect(forbidden.status).toBe(403)
  expect(forbidden.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect((await record(alice!, [{ reportId: heap.id, fixed: true, photos: [after] }])).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const stranger = await file(alice!, 'loop-case-4', 'zhandao', '东门早市摊位占了人行道', at(0.0001, 0.0002, '幸福村菜市场东门'))
  const unlinked = await record(organizer, [{ reportId: heap.id, fixed: true, photos: [after] }, { reportId: stranger.id, fixed: true, photos: [after] }])
  expect(unlinked.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outcomes.1.reportId' } })
  expect((unlinked.body as { ok: false; error: { message: string } }).error.message).toMatch(/关联/)
  const noPhoto = await record(organizer, [{ reportId: heap.id, fixed: true }])
  expect(noPhoto.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outcomes.0.photos' } })
  expect((noPhoto.body as { ok: false; error: { message: string } }).error.message).toMatch(/照片/)
  const notMine = await record(organizer, [{ reportId: heap.id, fixed: true, photos: [await cloud.photoOf(alice!)] }])
  expect(notMine.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outcomes.0.photos' } })
  expect((await record(organizer, [{ reportId: wires.id, fixed: false }])).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outcomes.0.note' } })
  expect((await record(organizer, [])).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outcomes' } })
  expect((await cloud.ok(alice!, 'report', 'get', { id: heap.id })).status).toBe('submitted')
  expect((await cloud.ok(organizer, 'volunteer', 'get', { id: drive.id })).outcomes).toEqual([])

  // the outcome: two fixed with after-photos, one left to its unit with a note
  const recorded = await cloud.ok(organizer, 'volunteer', 'recordOutcome', {
    activityId: drive.id,
    outcomes: [
      { reportId: heap.id, fixed: true, photos: [after] },
      { reportId: ditch.id, fixed: true, photos: [after], note: '排水沟已掏净' },
      { reportId: wires.id, fixed: false, note: '建筑垃圾需要车辆清运，志愿者无法处理' }
    ]
  })
  expect(recorded.results.map((r: { result: string }) => r.result)).toEqual(['resolved', 'resolved', 'noted'])
  expect(recorded.activity.outcomes).toHaveLength(3)
  expect(recorded.activity.outcomes.filter((o: { resolvedByDrive: boolean }) => o.resolvedByDrive)).toHaveLength(2)

  const fixed = await cloud.ok(alice!, 'report', 'get', { id: heap.id })
  expect(fixed).toMatchObject({ status: 'resolved', afterPhotos: [after] })
  expect(fixed.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'drive', 'accept', 'resolve'])
  const resolvedNote = fixed.timeline.at(-1).note as string
  expect(resolvedNote).toContain('菜市场后巷集中清理')
  expect(resolvedNote).toContain('3 名志愿者')
  const cleared = await cloud.ok(bob!, 'report', 'get', { id: ditch.id })
  expect(cleared).toMatchObject({ status: 'resolved', reply: '排水沟已掏净' })
  const left = await cloud.ok(carol!, 'report', 'get', { id: wires.id })
  expect(left.status).toBe('submitted')
  expect(left.timeline.at(-1)).toMatchObject({ action: 'drive', status: 'submitted' })
  expect(left.timeline.at(-1).note).toContain('建筑垃圾需要车辆清运')

  // the reporter and the neighbour who pressed 我也遇到 are told; the reporter rates it
  const told = (await cloud.ok(alice!, 'user', 'messages', {})).items
  expect(told.find((m: { kind: string }) => m.kind === 'report.resolved')).toMatchObject({ title: '您的上报已由志愿者清理' })
  expect(told.find((m: { kind: string }) => m.kind === 'report.resolved').body).toContain('菜市场后巷集中清理')
  expect((await cloud.ok(neighbour!, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'report.fixedByDrive' })
  expect((await cloud.ok(bob!, 'user', 'messages', {})).items[0]).toMatchObject({ kind: 'report.resolved' })
  expect(await cloud.ok(alice!, 'report', 'rate', { id: heap.id, score: 5, comment: '志愿者们辛苦了' })).toMatchObject({ status: 'closed' })

  // recording again resolves nothing twice
  const events = fixed.timeline.length + 1 // and the rating
  const again = await cloud.ok(organizer, 'volunteer', 'recordOutcome', { activityId: drive.id, outcomes: [{ reportId: heap.id, fixed: true, photos: [after] }, { reportId: ditch.id, fixed: true, photos: [after] }] })
  expect(again.results).toEqual([
    expect.objectContaining({ reportId: heap.id, result: 'unchanged', status: 'closed' }),
    expect.objectContaining({ reportId: ditch.id, result: 'unchanged', status: 'resolved' })
  ])
  expect(again.results[0].message).toMatch(/未重复办理/)
  expect((await cloud.ok(alice!, 'report', 'get', { id: heap.id })).timeline).toHaveLength(events)
  expect(again.activity.outcomes.filter((o: { resolvedByDrive: boolean }) => o.resolvedByDrive)).toHaveLength(2)

  // the linked cases with their outcomes, as the drive page shows them
  const cases = await cloud.ok(organizer, 'volunteer', 'driveCases', { activityId: drive.id })
  expect(cases.items.map((c: { id: string; outcome: { fixed: boolean } | null }) => [c.id, c.outcome?.fixed])).toEqual([[heap.id, true], [ditch.id, true], [wires.id, false]])
  const publicCases = await cloud.ok(neighbour!, 'volunteer', 'driveCases', { activityId: drive.id })
  expect(publicCases.items[0].reporter).toBeNull()

  // village figures by where the drive happened: 100 + 100 + 120 credited minutes
  const village = await cloud.ok(alice!, 'ranking', 'village', { villageId: 'py-01' })
  expect(village.live).toMatchObject({ drives: 1, volunteerHours: 5.3, fixedByVolunteers: 2 })
  expect((await cloud.ok(alice!, 'ranking', 'village', { villageId: 'py-02' })).live).toMatchObject({ drives: 0, volunteerHours: 0, fixedByVolunteers: 0 })
  const figures = await cloud.ok(alice!, 'report', 'figures', { villageId: 'py-01' })
  expect(figures.village).toMatchObject({ drives: 1, volunteerHours: 5.3, fixedByVolunteers: 2 })
  expect(figures.district).toMatchObject({ drives: 1, volunteerHours: 5.3, fixedByVolunteers: 2 })

  // the evaluator's entry of December (a 大测评, which measures 志愿服务): live figures and the suggestion
  expect((await cloud.call(alice!, 'ranking', 'villageMonthFigures', { villageId: 'py-01', period: '2026-12' })).status).toBe(403)
  const otherEvaluator = await cloud.call(otherStaff, 'ranking', 'villageMonthFigures', { villageId: 'py-01', period: '2026-12' })
  expect(otherEvaluator.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const entry = await cloud.ok(staff, 'ranking', 'villageMonthFigures', { villageId: 'py-01', period: '2026-12' })
  expect(entry).toMatchObject({ villageId: 'py-01', villageName: '幸福村', kind: 'major', drives: 1, volunteerHours: 5.3, fixedByVolunteers: 2, received: 4, resolved: 2 })
  expect(entry.formula).toEqual(defaultConfig.volunteerIndicator)
  const suggestion = suggestVolunteering({ drives: 1, volunteerHours: 5.3, fixedByVolunteers: 2, onTimeRate: entry.onTimeRate }, defaultConfig.volunteerIndicator)
  expect(entry.suggested).toEqual({ volunteering: suggestion })
  expect(suggestion).toBeGreaterThan(defaultConfig.volunteerIndicator.base)

  // the evaluator decides; the evaluation record and the operation log keep both
  const scores = { environment: 90, order: 85, publicAds: 80, civility: 88, volunteering: 95 }
  const submitted = await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-01', period: '2026-12', scores })
  expect(submitted).toMatchObject({ scores: { volunteering: 95 }, suggested: { volunteering: suggestion } })
  const history = await cloud.ok(staff, 'ranking', 'evaluationHistory', { villageId: 'py-01', period: '2026-12' })
  expect(history.items[0]).toMatchObject({ scores: { volunteering: 95 }, suggested: { volunteering: suggestion } })
  const log = await cloud.ok(admin, 'user', 'operationLog', { target: 'py-01:2026-12' })
  expect(log.items[0]).toMatchObject({ action: 'evaluation.submit', after: { scores: { volunteering: 95 }, suggested: { volunteering: suggestion } } })

  // a 小测评 month does not measure 志愿服务: figures, no suggestion
  const november = await cloud.ok(staff, 'ranking', 'villageMonthFigures', { villageId: 'py-01', period: '2026-11' })
  expect(november).toMatchObject({ kind: 'minor', drives: 0, suggested: null })
})

it('refuses outcomes for a drive that was cancelled or links no cases', async () => {
  setNow('2026-12-03T08:00:00+08:00')
  const plain = await cloud.ok(staff, 'volunteer', 'create', {
    title: '村口宣传栏更新', description: '', villageId: 'py-01', address: '幸福村村口', startAt: '2026-12-03T09:00:00+08:00', endAt: '2026-12-03T10:00:00+08:00', capacity: 3
  })
  setNow('2026-12-03T10:30:00+08:00')
  const answer = await cloud.call(staff, 'volunteer', 'recordOutcome', { activityId: plain.id, outcomes: [{ reportId: 'x', fixed: false, note: '无' }] })
  expect(answer.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect((await cloud.call(staff, 'volunteer', 'recordOutcome', { activityId: 'no-such-drive', outcomes: [{ reportId: 'x', fixed: false, note: '无关' }] })).status).toBe(404)
})
