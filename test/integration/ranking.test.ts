import { startCloud, type TestCloud } from '../helpers/cloud'

let now = new Date('2026-11-24T10:00:00+08:00')
let cloud: TestCloud
let resident: string
let staff: string
let admin: string
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  resident = await cloud.login('demo-resident')
  staff = await cloud.login('demo-staff')
  admin = await cloud.login('demo-admin')
})
afterAll(() => cloud.close())

const scores = (n: number) => ({ environment: n, order: n, publicAds: n, civility: n, volunteering: n })
/** A 小测评 (odd month) sheet: the demo district's config measures 公共环境卫生 and 公共秩序 only. */
const minor = (n: number) => ({ environment: n, order: n })

describe('the seeded district', () => {
  it('has 12 months of evaluations up to last month, and a live board for every village', async () => {
    const { periods, weights } = await cloud.ok(resident, 'ranking', 'periods')
    expect(periods).toHaveLength(12)
    expect(periods[0]).toBe('2026-10')
    expect(periods[11]).toBe('2025-11')
    expect(weights).toEqual({ environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 })
    const board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-10' })
    expect(board.kind).toBe('major')
    expect(board.rows).toHaveLength(36)
    expect(board.rows.every((r: { rank: number | null; previousRank: number | null }) => r.rank !== null && r.previousRank !== null)).toBe(true)
    const ranks = board.rows.map((r: { rank: number }) => r.rank)
    expect(new Set(ranks).size).toBeLessThan(36) // the seeded tie
  })
})

describe('submitEvaluation', () => {
  it('computes the weighted total, ranks the month and replaces a resubmission while keeping it in the history', async () => {
    const first = await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'bh-08', period: '2026-11', scores: { environment: 90, order: 80 } })
    // 90 × 55% + 80 × 45%
    expect(first).toEqual({ villageId: 'bh-08', period: '2026-11', kind: 'minor', scores: { environment: 90, order: 80 }, total: 85.5 })
    // residents see the month once it is published (issue 14); staff at once
    expect((await cloud.ok(resident, 'ranking', 'board', { period: '2026-11' })).rows.every((r: { score: null }) => r.score === null)).toBe(true)
    expect((await cloud.ok(staff, 'ranking', 'board', { period: '2026-11' })).rows[0]).toMatchObject({ villageId: 'bh-08', score: 85.5 })
    await cloud.ok(admin, 'ranking', 'publishPeriod', { period: '2026-11', allowUnscored: true })
    let board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-11' })
    expect(board.rows[0]).toMatchObject({ villageId: 'bh-08', rank: 1, score: 85.5, villageName: '望湖社区', townName: '滨湖街道' })
    expect(board.rows.slice(1).every((r: { rank: null; score: null }) => r.rank === null && r.score === null)).toBe(true)

    await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-05', period: '2026-11', scores: minor(90) })
    await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'py-06', period: '2026-11', scores: minor(90) })
    now = new Date(now.getTime() + 60_000)
    await cloud.ok(admin, 'ranking', 'submitEvaluation', { villageId: 'bh-08', period: '2026-11', scores: minor(70) })
    board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-11' })
    expect(board.rows.slice(0, 3).map((r: { villageId: string; rank: number; score: number }) => [r.villageId, r.rank, r.score])).toEqual([['py-05', 1, 90], ['py-06', 1, 90], ['bh-08', 3, 70]])
    const history = await cloud.ok(staff, 'ranking', 'evaluationHistory', { villageId: 'bh-08', period: '2026-11' })
    expect(history.items.map((e: { total: number }) => e.total)).toEqual([70, 85.5])
  })

  it('a town board ranks within the town', async () => {
    const board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-11', townId: 'town-binhu' })
    expect(board.rows).toHaveLength(8)
    expect(board.rows[0]).toMatchObject({ villageId: 'bh-08', rank: 1 })
    expect((await cloud.call(resident, 'ranking', 'board', { period: '2026-11', townId: 'town-nowhere' })).status).toBe(400)
  })

  it.each([
    ['a score above 100', { villageId: 'py-01', period: '2026-10', scores: { ...scores(80), order: 101 } }, 'scores.order'],
    ['a negative score', { villageId: 'py-01', period: '2026-10', scores: { ...scores(80), civility: -1 } }, 'scores.civility'],
    ['two decimals', { villageId: 'py-01', period: '2026-10', scores: { ...scores(80), publicAds: 80.25 } }, 'scores.publicAds'],
    ['a missing indicator', { villageId: 'py-01', period: '2026-10', scores: { environment: 1, order: 1, publicAds: 1, civility: 1 } }, 'scores.volunteering'],
    ['a bad period', { villageId: 'py-01', period: '2026-13', scores: scores(80) }, 'period'],
    ['a future month', { villageId: 'py-01', period: '2027-01', scores: scores(80) }, 'period'],
    ['an unknown village', { villageId: 'nowhere', period: '2026-10', scores: scores(80) }, 'villageId'],
    ['a town as village', { villageId: 'town-puyang', period: '2026-10', scores: scores(80) }, 'villageId']
  ])('%s is INVALID_INPUT and changes nothing', async (_name, data, field) => {
    const before = await cloud.ok(resident, 'ranking', 'board', { period: '2026-10' })
    const answer = await cloud.call(staff, 'ranking', 'submitEvaluation', data)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    expect(await cloud.ok(resident, 'ranking', 'board', { period: '2026-10' })).toEqual(before)
  })

  it('scores with one decimal are accepted; a month given without its leading zero, before 2000 or with extra fields is not', async () => {
    expect(await cloud.ok(staff, 'ranking', 'submitEvaluation', { villageId: 'yb-09', period: '2026-11', scores: { ...minor(80), environment: 80.5 } })).toMatchObject({ total: 80.3 })
    for (const data of [
      { villageId: 'yb-09', period: '2026-1', scores: scores(80) },
      { villageId: 'yb-09', period: '1999-12', scores: scores(80) },
      { villageId: 'yb-09', period: '2026-11-01', scores: scores(80) },
      { villageId: 'yb-09', period: '2026-11', scores: { ...scores(80), bonus: 5 } },
      { villageId: 'yb-09', period: '2026-11', scores: { ...scores(80), order: '80' } },
      { villageId: 'yb-09', period: '2026-11', scores: scores(80), note: 'x' }
    ]) {
      const answer = await cloud.call(staff, 'ranking', 'submitEvaluation', data)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('the board of a future or malformed month is INVALID_INPUT; a month without scores lists every village unranked', async () => {
    expect(await cloud.call(resident, 'ranking', 'board', { period: '2026-12' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', field: 'period' } } })
    expect((await cloud.call(resident, 'ranking', 'board', { period: '2026-00' })).status).toBe(400)
    expect((await cloud.call(resident, 'ranking', 'honors', { period: '2027-01' })).status).toBe(400)
    const empty = await cloud.ok(resident, 'ranking', 'board', { period: '2024-06' })
    expect(empty).toMatchObject({ period: '2024-06', kind: 'major' })
    expect(empty.rows).toHaveLength(36)
    expect(empty.rows.every((r: { rank: null; score: null }) => r.rank === null && r.score === null)).toBe(true)
    expect(await cloud.ok(resident, 'ranking', 'honors', { period: '2024-06' })).toMatchObject({ feihu: [], woniu: [] })
  })

  it('residents may not enter scores, export or read the history; only admins award stars', async () => {
    expect((await cloud.call(resident, 'ranking', 'submitEvaluation', { villageId: 'py-01', period: '2026-10', scores: scores(99) })).status).toBe(403)
    expect((await cloud.call(resident, 'ranking', 'exportBoard', { period: '2026-10' })).status).toBe(403)
    expect((await cloud.call(resident, 'ranking', 'evaluationHistory', { villageId: 'py-01', period: '2026-10' })).status).toBe(403)
    expect((await cloud.call(staff, 'ranking', 'setStar', { villageId: 'py-01', star: 'branch', awarded: false })).status).toBe(403)
  })
})

describe('小测评 and 大测评 measure what the district says', () => {
  it('a 小测评 month takes its indicators only; a 大测评 month all five; periods answers each kind\'s indicators and weights', async () => {
    const { kinds, weights } = await cloud.ok(resident, 'ranking', 'periods')
    expect(kinds).toEqual({ minor: { environment: 55, order: 45 }, major: { environment: 30, order: 25, publicAds: 10, civility: 20, volunteering: 15 } })
    expect(weights).toEqual(kinds.major)
    const extra = await cloud.call(admin, 'ranking', 'submitEvaluation', { villageId: 'yb-04', period: '2026-11', scores: scores(80) })
    expect(extra.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scores.publicAds', message: '小测评不考核「公益广告」' } })
    const missing = await cloud.call(admin, 'ranking', 'submitEvaluation', { villageId: 'yb-04', period: '2026-10', scores: minor(80) })
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scores.publicAds', message: '大测评需填写「公益广告」' } })
    expect((await cloud.ok(admin, 'ranking', 'evaluationHistory', { villageId: 'yb-04', period: '2026-11' })).items).toEqual([])
    expect(await cloud.ok(admin, 'ranking', 'submitEvaluation', { villageId: 'yb-04', period: '2026-11', scores: { environment: 70, order: 90 } })).toMatchObject({ kind: 'minor', total: 79, scores: { environment: 70, order: 90 } })
    // the village page shows the month's indicators with the kind's weights
    const page = await cloud.ok(resident, 'ranking', 'village', { villageId: 'yb-04' })
    expect(page.breakdown).toMatchObject({ period: '2026-11', kind: 'minor', weights: { environment: 55, order: 45 }, scores: { environment: 70, order: 90 } })
    expect(Object.keys(page.breakdown.scores)).toEqual(['environment', 'order'])
  })
})

describe('only evaluators score, and every score is accountable', () => {
  it('staff of other units may not score; 文明办 staff and users an admin names may; the log keeps who, when, before and after', async () => {
    const zhujian = await cloud.login('eval-zhujian')
    await cloud.ok(admin, 'user', 'setRole', { openid: 'eval-zhujian', role: 'staff', unitId: 'unit-zhujian' })
    const refused = await cloud.call(zhujian, 'ranking', 'submitEvaluation', { villageId: 'py-09', period: '2026-11', scores: minor(95) })
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有测评员可以录入测评分数' } })
    expect((await cloud.ok(admin, 'ranking', 'evaluationHistory', { villageId: 'py-09', period: '2026-11' })).items).toEqual([])

    const wenming = await cloud.login('eval-wenming')
    await cloud.ok(wenming, 'user', 'updateProfile', { nickname: '孙测评' })
    await cloud.ok(admin, 'user', 'setRole', { openid: 'eval-wenming', role: 'staff', unitId: 'unit-wenming' })
    await cloud.ok(wenming, 'ranking', 'submitEvaluation', { villageId: 'py-09', period: '2026-11', scores: minor(81) })
    // the admin names the 住建局 staff member an evaluator: now they may, and replace the entry
    await cloud.ok(zhujian, 'user', 'updateProfile', { nickname: '周住建' })
    expect(await cloud.ok(admin, 'user', 'setRole', { openid: 'eval-zhujian', role: 'staff', unitId: 'unit-zhujian', evaluator: true })).toMatchObject({ evaluator: true })
    await cloud.ok(zhujian, 'ranking', 'submitEvaluation', { villageId: 'py-09', period: '2026-11', scores: minor(85) })

    const log = await cloud.ok(admin, 'user', 'operationLog', { target: 'py-09:2026-11' })
    expect(log.items).toEqual([
      expect.objectContaining({ actorName: '周住建', action: 'evaluation.replace', before: { scores: minor(81), total: 81 }, after: { scores: minor(85), total: 85 }, at: expect.stringMatching(/\+08:00$/) }),
      expect.objectContaining({ actorName: '孙测评', action: 'evaluation.submit', before: null, after: { scores: minor(81), total: 81 } })
    ])
    expect(JSON.stringify(log)).not.toMatch(/eval-zhujian|eval-wenming/)
    const roles = await cloud.ok(admin, 'user', 'operationLog', { target: 'user:周住建' })
    expect(roles.items[0]).toMatchObject({ action: 'user.setRole', before: { role: 'staff', unitId: 'unit-zhujian', evaluator: false }, after: { evaluator: true } })
    // only admins read the log
    expect((await cloud.call(wenming, 'user', 'operationLog', {})).status).toBe(403)
    // the village page shows who entered the month's score (py-09 is evaluated in November)
    const page = await cloud.ok(resident, 'ranking', 'village', { villageId: 'py-09' })
    expect(page.breakdown).toMatchObject({ period: '2026-11', total: 85, enteredBy: '周住建', enteredAt: expect.stringMatching(/^2026-/) })
  })

  it('star awards and withdrawals are logged; a no-op is not', async () => {
    await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'bh-05', star: 'lawful', awarded: true })
    await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'bh-05', star: 'lawful', awarded: true })
    await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'bh-05', star: 'lawful', awarded: false })
    const log = await cloud.ok(admin, 'user', 'operationLog', { target: 'bh-05' })
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['star.withdraw', 'star.award'])
    expect(log.items[0]).toMatchObject({ actorName: '赵敏（文明办）', before: { stars: ['lawful'] }, after: { stars: [] } })
  })

  // SQLite enforces it with triggers; on CloudBase the adapter only inserts and the collection's permissions forbid client writes (docs/deploy.md).
  const sqliteOnly = process.env.STORE === 'cloudbase' ? it.skip : it
  sqliteOnly('nobody can change or remove an entry, even through the database', async () => {
    const db = (cloud.store as unknown as { db: import('better-sqlite3').Database }).db
    expect(db.prepare('SELECT COUNT(*) FROM operation_log').pluck().get()).toBeGreaterThan(0)
    expect(() => db.prepare("UPDATE operation_log SET actor_name = 'x'").run()).toThrow(/immutable/)
    expect(() => db.prepare('DELETE FROM operation_log').run()).toThrow(/immutable/)
  })
})

describe('honors, stars, village page and export', () => {
  it('飞虎榜 and 蜗牛榜 take the configured size', async () => {
    const h = await cloud.ok(resident, 'ranking', 'honors', { period: '2026-10' })
    expect(h.feihu).toHaveLength(3)
    expect(h.woniu).toHaveLength(3)
    expect(h.feihu[0].rank).toBe(1)
    expect(h.woniu[0].rank).toBe(36)
    expect((await cloud.ok(resident, 'ranking', 'honors', { period: '2026-10', size: 5 })).feihu).toHaveLength(5)
    expect((await cloud.call(resident, 'ranking', 'honors', { period: '2026-10', size: 0 })).status).toBe(400)
    // with the board's town filter: the town's own best and worst, ranked within the town
    const town = await cloud.ok(resident, 'ranking', 'honors', { period: '2026-10', townId: 'town-yingbin' })
    const board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-10', townId: 'town-yingbin' })
    expect(town.feihu[0]).toMatchObject({ villageId: board.rows[0].villageId, rank: 1 })
    expect([...town.feihu, ...town.woniu].every((r: { townId: string }) => r.townId === 'town-yingbin')).toBe(true)
  })

  it('an admin awards and withdraws stars', async () => {
    expect(await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'yb-10', star: 'ecology', awarded: true })).toEqual({ villageId: 'yb-10', stars: ['ecology'] })
    expect(await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'yb-10', star: 'industry', awarded: true })).toEqual({ villageId: 'yb-10', stars: ['industry', 'ecology'] })
    expect(await cloud.ok(admin, 'ranking', 'setStar', { villageId: 'yb-10', star: 'ecology', awarded: false })).toEqual({ villageId: 'yb-10', stars: ['industry'] })
    expect((await cloud.call(admin, 'ranking', 'setStar', { villageId: 'yb-10', star: 'gold', awarded: true })).status).toBe(400)
    expect((await cloud.call(admin, 'ranking', 'setStar', { villageId: 'nowhere', star: 'ecology', awarded: true })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'villageId' } })
    expect((await cloud.call(admin, 'ranking', 'setStar', { villageId: 'yb-10', star: 'ecology', awarded: 'yes' })).status).toBe(400)
    const board = await cloud.ok(resident, 'ranking', 'board', { period: '2026-10', townId: 'town-yingbin' })
    expect(board.rows.find((r: { villageId: string }) => r.villageId === 'yb-10').stars).toEqual(['industry'])
  })

  it('the village page has the breakdown, 12 months of trend, stars and live figures of this month', async () => {
    const photo = await cloud.upload(resident, new Uint8Array(Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=', 'base64')))
    const r = await cloud.ok(resident, 'report', 'create', { clientId: 'village-live-1', category: 'zhandao', description: '村口占道经营严重', photos: [photo], location: { latitude: 35.7612, longitude: 115.03 } })
    await cloud.ok(staff, 'report', 'accept', { id: r.id })
    await cloud.ok(staff, 'report', 'resolve', { id: r.id, note: '已清理', photos: [await cloud.photoOf(staff)] })
    await cloud.ok(resident, 'report', 'rate', { id: r.id, score: 4 })
    const page = await cloud.ok(resident, 'ranking', 'village', { villageId: 'py-01' })
    expect(page.village).toMatchObject({ id: 'py-01', name: '幸福村', townName: '濮阳镇' })
    expect(page.stars).toEqual(['industry', 'ecology', 'lawful', 'civility', 'branch'])
    expect(page.history).toHaveLength(12)
    expect(page.history[11].period).toBe('2026-10')
    // the seeded scores were entered by no person's account: the page names the body that scores, not a deactivated placeholder
    expect(page.breakdown).toMatchObject({ period: '2026-10', kind: 'major', weights: { environment: 30 }, enteredBy: '测评组' })
    expect(Object.keys(page.breakdown.scores)).toEqual(['environment', 'order', 'publicAds', 'civility', 'volunteering'])
    expect(page.live).toMatchObject({ period: '2026-11', received: 1, accepted: 1, resolved: 1, onTimeRate: 100, averageRating: 4 })
    expect((await cloud.call(resident, 'ranking', 'village', { villageId: 'nowhere' })).status).toBe(404)
  })

  it('staff export a month as CSV', async () => {
    const { filename, csv } = await cloud.ok(staff, 'ranking', 'exportBoard', { period: '2026-10', townId: 'town-yingbin' })
    expect(filename).toBe('村居排名-2026-10-大测评-应滨街道.csv')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('\ufeff排名,村居,镇街,得分,上月排名,五星支部')
    expect(lines).toHaveLength(11)
  })
})
