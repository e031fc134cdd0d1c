import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { SWEEP_SQL } from '../../cloud/store/sqlite/reports'
import type { Store, StoredMessage } from '../../cloud/core/ports'
import type { StoredReport } from '../../cloud/core/report/ports'

/**
 * Issue 23, on the SQLite store: what `report.create` and the minute's sweep cost the server.
 * - reference regions and routing entries are handed out from the memo without copying them;
 * - marking messages pushed pays no COMMIT of its own: it rides on the next transaction's;
 * - the deadline sweep reads a bounded batch through its own partial indexes, not every overdue case.
 */
let dir: string
let file: string
let store: Store & { db: Database.Database }
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-create-path-'))
  file = path.join(dir, 'civic.db')
  store = createSqliteStore(file)
})
afterEach(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('regions from the memo', () => {
  beforeEach(async () => {
    await store.directory.putRegion({ id: 'town-a', name: '甲镇', level: 'town', parentId: null })
    await store.directory.putRegion({ id: 'v-2', name: '乙村', level: 'village', parentId: 'town-a', center: { latitude: 35.7, longitude: 115 } })
    await store.directory.putRegion({ id: 'v-1', name: '甲村', level: 'village', parentId: 'town-a', boundary: { type: 'Polygon', coordinates: [[[115, 35], [115.1, 35], [115.1, 35.1], [115, 35]]] } })
  })

  it('are the same unchangeable objects on every read, not copies, until the regions change', async () => {
    const first = await store.directory.listRegions()
    const second = await store.directory.listRegions()
    expect(second.map((r) => r.id)).toEqual(['town-a', 'v-2', 'v-1'])
    second.forEach((r, i) => expect(r).toBe(first[i]))
    expect(await store.directory.getRegion('v-1')).toBe(first[2])
    for (const r of first) expect(Object.isFrozen(r)).toBe(true)
    expect(Object.isFrozen(first[2]!.boundary!.coordinates[0]![0])).toBe(true)
    expect(() => { (first[1] as { name: string }).name = '改名' }).toThrow(TypeError)
    // the list itself is the caller's: sorting it leaves the store's order alone
    second.sort((a, b) => a.id.localeCompare(b.id))
    expect((await store.directory.listRegions()).map((r) => r.id)).toEqual(['town-a', 'v-2', 'v-1'])

    await store.directory.putRegion({ ...first[1]!, name: '新乙村' })
    const after = await store.directory.listRegions()
    expect(after[1]).toMatchObject({ id: 'v-2', name: '新乙村' })
    expect(after[1]).not.toBe(first[1])
    expect(first[1]!.name).toBe('乙村')
  })
})

describe('the 分包 routing entries from the memo', () => {
  it('are listed without being rebuilt or copied, until the routing changes', async () => {
    await store.directory.setResponsibilities([{ scopeId: 'v-1', key: '市容环境', unitId: 'u-1' }, { scopeId: 'town-a', key: 'zhandao', unitId: 'u-2' }])
    const first = await store.directory.listResponsibilities()
    expect(first).toEqual(expect.arrayContaining([{ scopeId: 'v-1', key: '市容环境', unitId: 'u-1' }, { scopeId: 'town-a', key: 'zhandao', unitId: 'u-2' }]))
    const second = await store.directory.listResponsibilities()
    expect(second).not.toBe(first)
    second.forEach((e, i) => expect(e).toBe(first[i]))
    expect(() => { (first[0] as { unitId: string }).unitId = 'u-9' }).toThrow(TypeError)
    expect(await store.directory.getResponsibility('v-1', ['zhandao', '市容环境'])).toBe('u-1')
    await store.directory.setResponsibilities([{ scopeId: 'v-1', key: '市容环境', unitId: 'u-3' }])
    expect(await store.directory.getResponsibility('v-1', ['市容环境'])).toBe('u-3')
    expect((await store.directory.listResponsibilities()).find((e) => e.scopeId === 'v-1')).toEqual({ scopeId: 'v-1', key: '市容环境', unitId: 'u-3' })
  })
})

describe('marking messages pushed', () => {
  const message = (id: string): StoredMessage => ({ id, openid: 'u1', kind: 'report.filed', title: '新工单待受理', body: '占道经营', link: null, createdAt: new Date('2026-12-07T08:00:00Z') })
  const pendingSeenByAnotherConnection = (ids: string[]) => {
    const other = new Database(file, { readonly: true })
    try {
      return ids.map((id) => other.prepare<[string], number>('SELECT push_pending FROM messages WHERE id = ?').pluck().get(id))
    } finally {
      other.close()
    }
  }

  it('commits nothing by itself: the marks are written by the next transaction\'s COMMIT', async () => {
    await store.transaction(async (tx) => {
      await tx.messages.insert(message('m1'))
      await tx.messages.insert(message('m2'))
    })
    await store.messages.markPushed(['m1', 'm2'])
    expect(pendingSeenByAnotherConnection(['m1', 'm2'])).toEqual([1, 1])
    expect(store.db.inTransaction).toBe(false)
    await store.transaction((tx) => tx.messages.insert(message('m3')))
    expect(pendingSeenByAnotherConnection(['m1', 'm2', 'm3'])).toEqual([0, 0, 1])
  })

  it('are written soon without any other transaction, and when the store closes', async () => {
    await store.messages.insert(message('m4'))
    await store.messages.insert(message('m5'))
    await store.messages.markPushed(['m4'])
    await new Promise((r) => setTimeout(r, 600)) // the deferred marks are written within 250 ms
    expect(pendingSeenByAnotherConnection(['m4', 'm5'])).toEqual([0, 1])
    await store.messages.markPushed(['m5'])
    await store.close()
    expect(pendingSeenByAnotherConnection(['m5'])).toEqual([0])
    store = createSqliteStore(file) // for afterEach
  })

  it('inside a transaction are written with it', async () => {
    await store.messages.insert(message('m6'))
    await store.transaction((tx) => tx.messages.markPushed(['m6']))
    expect(pendingSeenByAnotherConnection(['m6'])).toEqual([0])
  })
})

describe('the deadline sweep', () => {
  const base = new Date('2026-12-07T00:00:00Z').getTime()
  const H = 3600_000
  let k = 0
  const report = (over: Partial<StoredReport>): StoredReport => ({
    id: `r${++k}`, openid: 'rep', clientId: `c-${k}`, category: 'zhandao', description: '占道经营', photos: [], latitude: 35.7, longitude: 115, address: null,
    villageId: 'v1', status: 'submitted', unitId: 'u1', anonymous: false, supportCount: 0, createdAt: new Date(base), dueAt: new Date(base + H),
    resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: false, warnedNotified: false, ...over
  })
  const now = new Date(base + 1.5 * H)
  const resolvedBefore = new Date(now.getTime() - 7 * 24 * H)

  it('reads through partial indexes in their order, never scanning the cases or sorting them all', () => {
    for (const sql of Object.values(SWEEP_SQL)) {
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 0)) as { detail: string }[]
      const details = plan.map((p) => p.detail)
      expect(details.some((d) => /^SEARCH reports USING INDEX reports_(sweep_due|resolved) \(/.test(d))).toBe(true)
      expect(details.filter((d) => /^SCAN|TEMP B-TREE/.test(d))).toEqual([])
    }
  })

  it('answers the cases with something due now, however many overdue cases wait for a later step', async () => {
    await store.transaction(async (tx) => {
      // 1,000 older cases, already told at their deadline, whose 工作预警 is days away
      for (let i = 0; i < 1000; i++) await tx.reports.insert(report({ createdAt: new Date(base - 10 * 24 * H), dueAt: new Date(base), overdueNotified: true }))
      // long overdue, told and warned: nothing left to do
      for (let i = 0; i < 500; i++) await tx.reports.insert(report({ createdAt: new Date(base - 30 * 24 * H), dueAt: new Date(base - 29 * 24 * H), overdueNotified: true, warnedNotified: true }))
    })
    const due = report({}) // 工作提示 due (past its deadline, not told)
    const warn = report({ createdAt: new Date(base - 2 * H), dueAt: new Date(base - H), overdueNotified: true }) // 工作预警 due at base
    const reopened = report({ createdAt: new Date(base - 40 * 24 * H), dueAt: new Date(base - H), overdueNotified: true }) // counts from its reopening (below)
    const notYet = report({ dueAt: new Date(base + 2 * H) })
    const stale = report({ status: 'resolved', resolvedAt: new Date(base - 8 * 24 * H) })
    const fresh = report({ status: 'resolved', resolvedAt: new Date(base - 24 * H) })
    const praise = report({ kind: 'praise', dueAt: new Date(base) })
    for (const r of [due, warn, reopened, notYet, stale, fresh, praise]) await store.reports.insert(r)
    expect((await store.reports.sweepCandidates(now, resolvedBefore, 10)).map((r) => r.id)).not.toContain(reopened.id) // 40 days allowed
    await store.reports.update(reopened.id, { deadlineFrom: new Date(base - 2 * H) }) // reopened: 1 hour allowed, 工作预警 due at base

    const found = await store.reports.sweepCandidates(now, resolvedBefore, 10)
    expect(found.map((r) => r.id).sort()).toEqual([due.id, warn.id, reopened.id, stale.id].sort())
    expect((await store.reports.sweepCandidates(now, resolvedBefore, 2)).length).toBe(2)
    // once told, a case leaves the batch until its 工作预警 is due
    await store.reports.update(due.id, { overdueNotified: true })
    expect((await store.reports.sweepCandidates(now, resolvedBefore, 10)).map((r) => r.id)).not.toContain(due.id)
    expect((await store.reports.sweepCandidates(new Date(base + 2 * H), resolvedBefore, 10)).map((r) => r.id)).toContain(due.id)
  })
})
