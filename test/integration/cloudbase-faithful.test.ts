import type { Store } from '../../cloud/core/ports'
import type { StoredReport } from '../../cloud/core/report/ports'
import type { StoredActivity } from '../../cloud/core/volunteer/ports'
import { newResident } from '../../cloud/core/table'
import { EmulatedDatabase, MAX_DOCUMENT_BYTES, type EmulatorOptions } from '../../cloud/emulator/database'
import { emulatedStore } from '../helpers/cloudbase'
import { allGroups, DB_TIMEOUT_MS } from '../../cloud/store/cloudbase/db'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * The behaviours of the real CloudBase server that the adapter got wrong while it ran against a
 * hand-written fake (issue 10), each proven here through the real wx-server-sdk against the
 * emulated server. Each scenario failed on the adapter as it was before.
 */
const base = new Date('2026-11-20T09:00:00+08:00').getTime()
const report = (id: string, over: Partial<StoredReport> = {}): StoredReport => ({
  id, openid: 'rep', clientId: `c-${id}`, category: 'zhandao', description: '占道经营', photos: [], latitude: 35.7, longitude: 115, address: null,
  villageId: 'v1', status: 'submitted', unitId: 'u1', anonymous: false, supportCount: 0, createdAt: new Date(base), dueAt: new Date(base + 3600_000),
  resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, ...over
})
const drive = (id: string, villageId: string, startHours: number): StoredActivity => ({
  id, title: '清理', description: '', villageId, address: '村口', startAt: new Date(base + startHours * 3600_000), endAt: new Date(base + (startHours + 2) * 3600_000),
  capacity: 3, confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, signupDeadline: new Date(base + startHours * 3600_000), cancelled: false, cancelReason: null,
  organizerOpenid: 'org', checkinSecret: 'contract-secret', reportIds: [], latitude: null, longitude: null, createdAt: new Date(base)
})

let store: Store
let emulator: ReturnType<typeof emulatedStore>['emulator']
const open = (opts: EmulatorOptions = {}) => {
  ;({ store, emulator } = emulatedStore({ seed: 11, ...opts }))
}

describe('1. conditions of a query are all applied', () => {
  beforeEach(() => open())

  it('a staff member filtering by status sees only the cases of their own unit', async () => {
    await store.reports.insert(report('mine', { status: 'accepted' }))
    await store.reports.insert(report('theirs', { status: 'accepted', unitId: 'u2', createdAt: new Date(base + 1000) }))
    await store.reports.insert(report('open', { createdAt: new Date(base + 2000) }))
    expect((await store.reports.queue({ unitId: 'u1', status: 'accepted' }, undefined, 10)).items.map((r) => r.id)).toEqual(['mine'])
    expect((await store.reports.queue({ unitId: 'u1', overdueAt: new Date(base + 7200_000) }, undefined, 10)).items.map((r) => r.id)).toEqual(['open', 'mine'])
  })

  it('the drive list of a village holds only that village’s drives', async () => {
    await store.volunteer.insertActivity(drive('here', 'v1', 24))
    await store.volunteer.insertActivity(drive('there', 'v2', 25))
    await store.volunteer.insertActivity(drive('past', 'v1', -48))
    const page = await store.volunteer.listActivities({ villageId: 'v1', now: new Date(base) }, undefined, 10)
    expect(page.items.map((a) => a.id)).toEqual(['here', 'past'])
  })
})

describe('2. a sub-document is replaced whole', () => {
  beforeEach(() => open())

  it('a rating is stored on a case whose rating was null, and a scores object replaces the old one', async () => {
    await store.reports.insert(report('r1', { status: 'resolved', resolvedAt: new Date(base + 1000) }))
    await store.reports.update('r1', { rating: { score: 5, comment: '很满意' }, status: 'closed' })
    expect(await store.reports.get('r1')).toMatchObject({ rating: { score: 5, comment: '很满意' }, status: 'closed' })
    await store.reports.update('r1', { rating: { score: 3, comment: null } })
    expect((await store.reports.get('r1'))!.rating).toEqual({ score: 3, comment: null })
  })
})

describe('3. a failed read is an error, never "missing"', () => {
  beforeEach(() => open())

  it('a transient failure while reading a user fails the call and overwrites nobody', async () => {
    await store.users.insertIfAbsent({ ...newResident('adm'), role: 'admin' })
    await store.users.addTotals('adm', { points: 40, volunteerMinutes: 90 })
    emulator.inject({ api: 'database.getDocument', collection: 'users', fault: 'failed' })
    await expect(store.users.insertIfAbsent(newResident('adm'))).rejects.toBeTruthy()
    emulator.inject({ api: 'database.getDocument', collection: 'users', fault: 'failed' })
    await expect(store.users.get('adm')).rejects.toBeTruthy()
    expect(await store.users.get('adm')).toMatchObject({ role: 'admin', points: 40, volunteerMinutes: 90 })
  })

  it('a counter, an idempotency key and a support survive failing reads', async () => {
    await store.counters.add('c', 5)
    emulator.inject({ api: 'database.getDocument', collection: 'counters', fault: 'failed' })
    await expect(store.counters.add('c', 1)).rejects.toBeTruthy()
    expect(await store.counters.get('c')).toBe(5)

    await store.reports.insert(report('r1'))
    emulator.inject({ api: 'database.getDocument', collection: 'report_clients', fault: 'failed' })
    await expect(store.reports.findByClientId('rep', 'c-r1')).rejects.toBeTruthy()
    expect((await store.reports.findByClientId('rep', 'c-r1'))?.id).toBe('r1')

    expect(await store.reports.addSupport('r1', 'x', new Date())).toBe(true)
    emulator.inject({ api: 'database.getDocument', collection: 'report_supports', fault: 'failed' })
    await expect(store.reports.addSupport('r1', 'x', new Date())).rejects.toBeTruthy()
    expect(await store.reports.addSupport('r1', 'x', new Date())).toBe(false)
    expect((await store.reports.get('r1'))!.supportCount).toBe(1)
  })
})

describe('4. write conflicts inside a transaction are run again', () => {
  beforeEach(() => open())

  it('a conflict on a write inside the callback re-runs it instead of failing', async () => {
    await store.users.insertIfAbsent(newResident('u'))
    emulator.inject({ api: 'database.modifyDocument', inTransaction: true, fault: 'conflict', times: 3 })
    await store.transaction(async (tx) => void (await tx.users.addTotals('u', { points: 1 })))
    expect((await store.users.get('u'))!.points).toBe(1)
  })

  it('30 simultaneous transactions on one document all succeed, none lost', async () => {
    await store.users.insertIfAbsent(newResident('hot'))
    await Promise.all(Array.from({ length: 30 }, () => store.transaction(async (tx) => void (await tx.users.addTotals('hot', { points: 1 })))))
    expect((await store.users.get('hot'))!.points).toBe(30)
  })
})

describe('6. lists read every document, in pages that neither repeat nor skip', () => {
  it('250 staff are listed when the server answers at most 100 a page', async () => {
    open({ pageCap: 100 })
    for (let i = 0; i < 250; i++) await store.users.insertIfAbsent({ ...newResident(`s${String(i).padStart(3, '0')}`), role: 'staff', unitId: 'u' })
    await store.users.insertIfAbsent(newResident('resident'))
    const staff = await store.users.listByRole('staff')
    expect(staff).toHaveLength(250)
    expect(new Set(staff.map((s) => s.openid)).size).toBe(250)
  })
})

describe('7. queries never run "inside" a transaction', () => {
  beforeEach(() => open())

  it('a query asked for inside a transaction is refused instead of silently running outside it', async () => {
    await expect(store.transaction((tx) => tx.users.listByRole('staff'))).rejects.toThrow(/single-document/)
    await expect(store.transaction((tx) => tx.reports.createdTimesSince('rep', new Date(0), 10))).rejects.toThrow(/single-document/)
  })
})

describe('8. a read costs the same number of calls whatever the data', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startCloud({ store: 'cloudbase' })
  })
  afterAll(() => cloud.close())

  const cost = async (token: string, fn: string, action: string, data: unknown = {}) => {
    cloud.emulator!.resetCalls()
    await cloud.ok(token, fn, action, data)
    return cloud.emulator!.callCount()
  }

  it('my cases, the queue, the board, the village page and the leaderboard', async () => {
    const resident = await cloud.login('cost-resident')
    const staff = await cloud.login('demo-staff')
    const file = (i: number) => cloud.ok(resident, 'report', 'create', { clientId: `cost-case-${i}`, category: 'zhandao', description: `占道经营第${i}处`, photos: [], location: { latitude: 35.7 + i / 1000, longitude: 115 } })
    const period = (await cloud.ok(resident, 'ranking', 'periods')).periods[0]
    const reads = async () => ({
      mine: await cost(resident, 'report', 'mine', { limit: 20 }),
      queue: await cost(staff, 'report', 'queue', { limit: 20 }),
      board: await cost(resident, 'ranking', 'board', { period }),
      village: await cost(resident, 'ranking', 'village', { villageId: 'py-01' }),
      leaderboard: await cost(resident, 'volunteer', 'leaderboard', {}),
      drives: await cost(resident, 'volunteer', 'list', {})
    })
    for (let i = 0; i < 3; i++) await file(i)
    const few = await reads()
    cloud.deps.config.reportsPerDay = 100
    cloud.deps.config.reportsPerMinute = 100
    for (let i = 3; i < 30; i++) await file(i)
    const many = await reads()
    expect(many).toEqual(few)
    // the village page's 7th read is who entered the month's score
    for (const calls of Object.values(many)) expect(calls).toBeLessThanOrEqual(7)
  })
})

describe('9. an aggregation without a limit answers 20 results', () => {
  it('the server answers 20 groups without .limit() and all of them with one; allGroups reads past 1000 in pages', async () => {
    const { emulator: server, db } = emulatedStore({ seed: 11 })
    const _ = db.command
    const $ = _.aggregate as Record<string, (...a: unknown[]) => unknown>
    const c = db.collection('messages')
    for (let i = 0; i < 1030; i += 100) await Promise.all(Array.from({ length: Math.min(100, 1030 - i) }, (_x, j) => c.add({ data: { key: `k${String(i + j).padStart(4, '0')}` } })))
    const groups = () => c.aggregate().group({ _id: '$key', n: $.sum!(1) })
    expect((await groups().end()).list).toHaveLength(20)
    expect((await c.aggregate().match({ key: _.lt('k0030') }).end()).list).toHaveLength(20)
    expect((await groups().limit(1000).end()).list).toHaveLength(1000)
    server.resetCalls()
    const all = await allGroups(groups)
    expect(all.map((g) => g._id)).toEqual(Array.from({ length: 1030 }, (_x, i) => `k${String(i).padStart(4, '0')}`))
    expect(server.calls.get('database.aggregateDocuments')).toBe(2)
  })
})

describe('10. a write outside transactions by query waits for the transactions holding its documents', () => {
  const settle = () => new Promise((r) => setTimeout(r, 50))

  it('where().remove() of a document a transaction holds waits for the commit, and the commit does not bring it back', async () => {
    const { db } = emulatedStore({ seed: 11 })
    const c = db.collection('messages')
    await c.doc('m1').set({ data: { openid: 'a', read: false } })
    let removing: Promise<unknown> | null = null
    let removedDuring = false
    await db.runTransaction(async (t) => {
      await t.collection('messages').doc('m1').update({ data: { read: true } })
      removing = c.where({ openid: 'a' }).remove().then((r) => { removedDuring = true; return r })
      await settle()
      expect(removedDuring).toBe(false) // blocked behind the transaction's lock
    })
    expect(await removing).toMatchObject({ stats: { removed: 1 } })
    expect((await c.doc('m1').get()).data).toBeNull()
  })

  it('where().update() of a document a transaction holds waits too, and then changes what the transaction committed', async () => {
    const { db } = emulatedStore({ seed: 11 })
    const c = db.collection('messages')
    await c.doc('m2').set({ data: { openid: 'b', read: false, pushPending: true } })
    let updating: Promise<unknown> | null = null
    await db.runTransaction(async (t) => {
      await t.collection('messages').doc('m2').update({ data: { read: true } })
      updating = c.where({ openid: 'b' }).update({ data: { pushPending: false } })
      await settle()
    })
    expect(await updating).toMatchObject({ stats: { updated: 1 } })
    expect((await c.doc('m2').get()).data).toMatchObject({ read: true, pushPending: false })
  })
})

describe('11. a transaction left open is aborted by the server after 30 s', () => {
  afterEach(() => jest.useRealTimers())

  it('still open at 29.9 s, aborted at 30 s, and its locks are released', async () => {
    jest.useFakeTimers()
    const server = new EmulatedDatabase({ collections: ['messages'] })
    const { transactionId } = await server.send('database.startTransaction') as { transactionId: string }
    await server.send('database.modifyDocument', { collectionName: 'messages', transactionId, queryType: 'DOC', query: JSON.stringify({ _id: 'm3' }), data: JSON.stringify({ n: 1 }), merge: false, upsert: true })
    jest.advanceTimersByTime(29_900)
    expect(server.activeTransactions()).toBe(1)
    jest.advanceTimersByTime(100)
    expect(server.activeTransactions()).toBe(0)
    expect(await server.send('database.commitTransaction', { transactionId })).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    // the lock is gone: a write outside transactions goes through at once
    expect(await server.send('database.modifyDocument', { collectionName: 'messages', queryType: 'DOC', query: JSON.stringify({ _id: 'm3' }), data: JSON.stringify({ n: 2 }), merge: false, upsert: true })).toMatchObject({ data: { upsert_id: 'm3' } })
  })
})

describe('12. a conditional update outside transactions tests and writes each document in one step', () => {
  it('ten where({ n < 3 }).update({ n: inc 1 }) at once leave n at exactly 3, seven answered updated 0 (issue 22)', async () => {
    const { emulator: server, db } = emulatedStore({ seed: 11 })
    const _ = db.command
    await db.collection('counters').doc('places').set({ data: { n: 0, holders: [] } })
    const answers = await Promise.all(Array.from({ length: 10 }, (_x, i) =>
      db.collection('counters').where({ _id: 'places', n: _.lt(3), holders: _.neq(`v${i}`) }).update({ data: { n: _.inc(1), holders: _.push([`v${i}`]) } })))
    expect(answers.map((a) => a.stats.updated).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
    const [doc] = server.dump('counters').filter((d) => d._id === 'places')
    expect(doc).toMatchObject({ n: 3 })
    expect(doc!.holders).toHaveLength(3)
  })
})

describe('13. an abort the network lost is sent again (issue 22, item 7)', () => {
  it('a transaction that failed leaves no document locked though its first abort was lost, and the next write goes through at once', async () => {
    open()
    await store.users.insertIfAbsent(newResident('u-abort'))
    emulator.inject({ api: 'database.abortTransaction', fault: 'failed' })
    await expect(store.transaction(async (tx) => {
      await tx.users.update('u-abort', { nickname: '甲' })
      throw new Error('业务失败')
    })).rejects.toThrow('业务失败')
    // the SDK's runTransaction sent its abort once and swallowed the failure: the document stayed
    // locked for the server's 30 s, and every transaction writing it conflicted until then
    expect(emulator.activeTransactions()).toBe(0)
    expect(emulator.calls.get('database.abortTransaction')).toBe(2)
    const started = Date.now()
    await store.transaction((tx) => tx.users.update('u-abort', { nickname: '乙' }))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await store.users.get('u-abort')).toMatchObject({ nickname: '乙' })
  })

  it('a commit that never reached the server is aborted, not left holding its documents', async () => {
    open()
    await store.users.insertIfAbsent(newResident('u-commit'))
    emulator.inject({ api: 'database.commitTransaction', fault: 'failed' })
    await expect(store.transaction((tx) => tx.users.update('u-commit', { nickname: '甲' }))).rejects.toBeTruthy()
    expect(emulator.activeTransactions()).toBe(0)
    expect((await store.users.get('u-commit'))?.nickname).not.toBe('甲')
  })
})

describe('14. a lost call fails when the SDK gives up on it, not at once (issue 22, item 6)', () => {
  it('a read whose answer is lost fails after the 3 s the adapter gives the SDK (DB_TIMEOUT_MS), as an error', async () => {
    open()
    await store.users.insertIfAbsent(newResident('u-slow'))
    emulator.inject({ api: 'database.getDocument', fault: 'timeout' })
    const started = Date.now()
    await expect(store.users.get('u-slow')).rejects.toBeTruthy()
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(DB_TIMEOUT_MS - 50)
    expect(took).toBeLessThan(DB_TIMEOUT_MS + 2000)
  })
})

describe('15. a document over 16 MB is refused (issue 22, item 6)', () => {
  it('an insert or an update that would pass the limit fails and changes nothing', async () => {
    const { emulator: server, db } = emulatedStore({ seed: 11 })
    const big = 'x'.repeat(MAX_DOCUMENT_BYTES)
    await expect(db.collection('counters').add({ data: { _id: 'huge', text: big } })).rejects.toThrow(/16 MB/)
    expect(server.dump('counters').some((d) => d._id === 'huge')).toBe(false)
    await db.collection('counters').doc('growing').set({ data: { text: 'x'.repeat(MAX_DOCUMENT_BYTES - 1024) } })
    await expect(db.collection('counters').doc('growing').update({ data: { more: 'y'.repeat(4096) } })).rejects.toThrow(/16 MB/)
    const [doc] = server.dump('counters').filter((d) => d._id === 'growing')
    expect(doc!.more).toBeUndefined()
  })
})
