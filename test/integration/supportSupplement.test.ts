import { startCloud, type TestCloud } from '../helpers/cloud'
import { tinyJpeg } from '../helpers/images'

/**
 * Issue 24, a villager's point 1: 我也遇到 carries her photo and words to the existing case as a
 * 补充 — through the case model, its unit told, once per submit key (a retry adds nothing) — seen
 * by staff, the village's 网格员 and herself; the reporter reads that a neighbour added something,
 * not what; the public and Open311 see neither. Runs on both stores.
 */
let cloud: TestCloud
let admin: string
beforeAll(async () => {
  cloud = await startCloud({ config: { reportsPerMinute: 1000, reportsPerDay: 1000 } })
  admin = await cloud.login('demo-admin')
})
afterAll(() => cloud.close())

const at = { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }

async function fileCase(openid: string) {
  const token = await cloud.login(openid)
  const r = await cloud.ok(token, 'report', 'create', {
    clientId: `sup-${openid}-case`, category: 'zhandao', description: '菜市场门口占道经营，堵住了路', photos: [await cloud.photoOf(token)], location: at
  })
  // the staff member works the case's unit
  await cloud.login('sup-staff')
  await cloud.ok(admin, 'user', 'setRole', { openid: 'sup-staff', role: 'staff', unitId: r.unitId })
  return { token, r }
}

it('我也遇到 with words and a photo: a 补充 on the case, for staff, the 网格员 and herself; once per key; not for the public or Open311', async () => {
  const { token: reporter, r } = await fileCase('sup-reporter')
  const [villager, staff, grid, other] = [await cloud.login('sup-villager'), await cloud.login('sup-staff'), await cloud.login('sup-grid'), await cloud.login('sup-other')]
  await cloud.ok(admin, 'user', 'setGrid', { userId: (await cloud.store.users.get('sup-grid'))!.userId, villageIds: [r.villageId] })
  // her photo is her own upload; a photo of someone else's is refused and nothing is written
  const photo = await cloud.upload(villager, tinyJpeg())
  const notHers = await cloud.upload(other, tinyJpeg())
  const refused = await cloud.call(villager, 'report', 'support', { id: r.id, clientId: 'sup-draft-0001', note: '还在摆摊', photos: [notHers] })
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos' } })
  // words or photos need a submit key
  expect((await cloud.call(villager, 'report', 'support', { id: r.id, note: '还在摆摊' })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'clientId' } })
  expect((await cloud.ok(staff, 'report', 'get', { id: r.id })).supportCount).toBe(0)

  const input = { id: r.id, clientId: 'sup-draft-0001', note: '早上七点又摆出来了，三轮车挡住了路口', photos: [photo] }
  const mine = await cloud.ok(villager, 'report', 'support', input)
  expect(mine.supportCount).toBe(1)
  expect(mine.supplements).toEqual([{ at: expect.any(String), note: input.note, photos: [photo], mine: true }])
  // the case keeps no identity of hers: a digest tells her own 补充 from others'
  expect(JSON.stringify((await cloud.store.reports.get(r.id))!.workflow)).not.toContain('sup-villager')
  // a retry (a lost answer) adds nothing
  const again = await cloud.ok(villager, 'report', 'support', input)
  expect(again.supportCount).toBe(1)
  expect(again.supplements).toHaveLength(1)

  // staff: the step on the timeline and the words and photo; their unit is told
  const forStaff = await cloud.ok(staff, 'report', 'get', { id: r.id })
  expect(forStaff.timeline.filter((e: { action: string }) => e.action === 'supplement')).toEqual([expect.objectContaining({ note: input.note })])
  expect(forStaff.supplements).toEqual([{ at: expect.any(String), note: input.note, photos: [photo], mine: false }])
  const told = (await cloud.ok(staff, 'user', 'messages', { limit: 50 })).items.filter((m: { kind: string }) => m.kind === 'report.supplement')
  expect(told).toHaveLength(1)
  expect(told[0].body).toContain('三轮车')
  // the village's 网格员 sees it all
  const forGrid = await cloud.ok(grid, 'report', 'get', { id: r.id })
  expect(forGrid.supplements).toEqual([expect.objectContaining({ note: input.note, photos: [photo] })])
  // the reporter: a neighbour added something, not what
  const forReporter = await cloud.ok(reporter, 'report', 'get', { id: r.id })
  expect(forReporter.supplements).toBeUndefined()
  expect(forReporter.timeline.find((e: { action: string }) => e.action === 'supplement')).toMatchObject({ note: null })
  expect(JSON.stringify(forReporter)).not.toContain(photo)
  // anyone else and the public: neither the step nor the words
  for (const seen of [await cloud.ok(other, 'report', 'get', { id: r.id }), (await cloud.ok(other, 'report', 'feed', { scope: 'nearby', latitude: at.latitude, longitude: at.longitude })).items.find((c: { id: string }) => c.id === r.id)]) {
    expect(seen).toBeTruthy()
    expect(seen.supplements ?? []).toEqual([])
    expect(seen.timeline.map((e: { action: string }) => e.action)).not.toContain('supplement')
    expect(JSON.stringify(seen)).not.toContain('三轮车')
  }
  // Open311: the request and its updates leave it out
  const open311 = await (await fetch(`${cloud.url}/open311/v2/requests/${r.id}.json`)).text()
  expect(open311).not.toContain('三轮车')
  expect(open311).not.toContain(photo)

  // another submit of hers (a new key) with words only adds a second 补充, the support still counted once
  const second = await cloud.ok(villager, 'report', 'support', { id: r.id, clientId: 'sup-draft-0002', note: '中午又来了' })
  expect(second.supportCount).toBe(1)
  expect(second.supplements.map((s: { note: string }) => s.note)).toEqual([input.note, '中午又来了'])
  // a plain 我也遇到 still works as before, and on one's own case is refused
  expect((await cloud.ok(other, 'report', 'support', { id: r.id })).supportCount).toBe(2)
  expect((await cloud.call(reporter, 'report', 'support', { id: r.id, clientId: 'sup-own-0001', note: '我自己的' })).status).toBe(409)
})

it('a 补充 with bad words is refused and writes nothing; a resolved case takes none', async () => {
  const { r } = await fileCase('sup-reporter-2')
  const villager = await cloud.login('sup-villager-2')
  const staff = await cloud.login('sup-staff')
  expect((await cloud.call(villager, 'report', 'support', { id: r.id, clientId: 'sup-draft-0003', note: 'x'.repeat(501) })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect((await cloud.ok(staff, 'report', 'get', { id: r.id })).supportCount).toBe(0)
  await cloud.ok(staff, 'report', 'accept', { id: r.id })
  await cloud.ok(staff, 'report', 'resolve', { id: r.id, note: '已劝离', photos: [await cloud.photoOf(staff)] })
  expect((await cloud.call(villager, 'report', 'support', { id: r.id, clientId: 'sup-draft-0004', note: '还有' })).status).toBe(409)
  expect((await cloud.ok(staff, 'report', 'get', { id: r.id })).supplements).toEqual([])
})

it('more than 30 neighbours at once: exactly 30 补充 kept, the rest refused in words; a retry or the same submit twice at once adds nothing', async () => {
  const { r } = await fileCase('sup-reporter-cap')
  const staff = await cloud.login('sup-staff')
  const tokens = await Promise.all(Array.from({ length: 36 }, (_, i) => cloud.login(`sup-cap-${String(i).padStart(2, '0')}`)))
  // the first one's submit twice at the same moment (a double tap, a retry racing the first)
  const first = { id: r.id, clientId: 'sup-cap-key-00', note: '第 1 位：还在' }
  const answers = await Promise.all([
    cloud.call(tokens[0]!, 'report', 'support', first),
    ...tokens.map((t, i) => cloud.call(t, 'report', 'support', i === 0 ? first : { id: r.id, clientId: `sup-cap-key-${String(i).padStart(2, '0')}`, note: `第 ${i + 1} 位：还在` }))
  ])
  const ok = answers.filter((a) => a.body.ok)
  expect(answers.filter((a) => !a.body.ok).map((a) => [a.status, (a.body as { error: { message: string } }).error.message])).toEqual(Array.from({ length: answers.length - ok.length }, () => [409, '该问题的补充已达 30 条，请直接联系处理人员']))
  const seen = await cloud.ok(staff, 'report', 'get', { id: r.id })
  expect(seen.supplements).toHaveLength(30)
  expect(new Set(seen.supplements.map((s: { note: string }) => s.note)).size).toBe(30)
  expect(seen.timeline.filter((e: { action: string }) => e.action === 'supplement')).toHaveLength(30)
  expect(await cloud.store.counters.get(`supplements:${r.id}`)).toBe(30)
  // oldest first, as given
  expect(seen.supplements.map((s: { at: string }) => s.at)).toEqual([...seen.supplements.map((s: { at: string }) => s.at)].sort())
  // one who got in retries (a lost answer): answered as before, nothing added, her own marked
  const kept = seen.supplements.find(() => true).note as string
  const i = Number(/第 (\d+) 位/.exec(kept)![1]) - 1
  const retried = await cloud.ok(tokens[i]!, 'report', 'support', { id: r.id, clientId: `sup-cap-key-${String(i).padStart(2, '0')}`, note: kept })
  expect(retried.supplements).toEqual([{ at: expect.any(String), note: kept, photos: [], mine: true }])
  expect((await cloud.ok(staff, 'report', 'get', { id: r.id })).supplements).toHaveLength(30)
  // the unit's staff were told once per 补充 kept
  const told: { kind: string; link: string }[] = []
  for (let cursor: string | undefined, n = 0; n < 10; n++) {
    const page = await cloud.ok(staff, 'user', 'messages', { limit: 50, ...(cursor ? { cursor } : {}) })
    told.push(...page.items)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  expect(told.filter((m) => m.kind === 'report.supplement' && String(m.link).includes(r.id))).toHaveLength(30)
})

it('a case holding 补充 on its document from before (CloudBase\'s legacy field) shows them, counts them under the cap, and a retry of one adds nothing', async () => {
  const { r } = await fileCase('sup-reporter-legacy')
  const staff = await cloud.login('sup-staff')
  const old = await cloud.login('sup-legacy-old')
  const { supplementOwner } = await import('../../cloud/core/report/model')
  const legacy = Array.from({ length: 29 }, (_, i) => ({ at: Date.now() - 60_000 + i, by: supplementOwner(i === 0 ? 'sup-legacy-old' : `gone-${i}`), clientId: `legacy-key-${String(i).padStart(2, '0')}`, note: `旧补充 ${i}`, photos: [] }))
  // as the old code kept them: on the case's workflow, each with its step on the timeline
  await cloud.store.transaction(async (tx) => {
    await tx.reports.update(r.id, { workflow: { ...((await tx.reports.get(r.id))!.workflow ?? {}), supplements: legacy } })
    for (const x of legacy) await tx.reports.appendEvent({ reportId: r.id, at: new Date(x.at), action: 'supplement', status: 'submitted', note: x.note, actorRole: 'resident', actorOpenid: null, unitId: r.unitId })
  })
  const seen = await cloud.ok(staff, 'report', 'get', { id: r.id })
  expect(seen.supplements.map((s: { note: string }) => s.note)).toEqual(legacy.map((x) => x.note))
  // hers is marked hers; a retry of it adds nothing
  const again = await cloud.ok(old, 'report', 'support', { id: r.id, clientId: 'legacy-key-00', note: '旧补充 0' })
  expect(again.supplements).toEqual([{ at: expect.any(String), note: '旧补充 0', photos: [], mine: true }])
  // one place left: two at once, one kept
  const [a, b] = [await cloud.login('sup-legacy-a'), await cloud.login('sup-legacy-b')]
  const answers = await Promise.all([cloud.call(a, 'report', 'support', { id: r.id, clientId: 'legacy-new-a', note: '新的 a' }), cloud.call(b, 'report', 'support', { id: r.id, clientId: 'legacy-new-b', note: '新的 b' })])
  expect(answers.filter((x) => x.body.ok)).toHaveLength(1)
  expect((await cloud.ok(staff, 'report', 'get', { id: r.id })).supplements).toHaveLength(30)
})
