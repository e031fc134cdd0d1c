import { createSqliteStore } from '../../cloud/store/sqlite'
import { migrate } from '../../cloud/store/sqlite/db'
import type { StoredReport, StoredSupplement } from '../../cloud/core/report/ports'
import { decide, MAX_SUPPLEMENTS, supplementCounter, supplementOwner, type Actor } from '../../cloud/core/report/model'
import { emulatedStore } from '../helpers/cloudbase'

/**
 * Issues 22 and 24: a 补充 is a record of its own (`report_supplements`), not a patch of the case.
 * The 补充 kept on a case's `workflow.supplements` before stay shown: SQLite moves them in
 * migration 037 (their count into the case's counter), CloudBase reads the legacy field beside the
 * records and the case model counts it under the cap.
 */
const legacy: StoredSupplement[] = [
  { at: 1_764_000_100_000, by: supplementOwner('old-neighbour-1'), clientId: 'old-key-0001', note: '早上还在摆摊', photos: ['p'.repeat(32) + '.jpg'] },
  { at: 1_764_000_200_000, by: supplementOwner('old-neighbour-2'), clientId: 'old-key-0002', note: null, photos: ['q'.repeat(32) + '.jpg'] }
]
const stored = (id: string, supplements?: StoredSupplement[]): StoredReport => ({
  id, openid: 'o-reporter', clientId: `client-${id}`, category: 'zhandao', description: '菜市场门口占道经营', photos: [], latitude: 35.76, longitude: 115.03,
  address: '幸福村菜市场', villageId: 'py-01', status: 'submitted', unitId: 'unit-chengguan', anonymous: false, supportCount: 2,
  createdAt: new Date(1_764_000_000_000), dueAt: new Date(1_764_086_400_000), resolvedAt: null, rating: null, reply: null, afterPhotos: [],
  overdueNotified: false, warnedNotified: false, kind: 'problem', workflow: supplements ? { urges: 1, supplements } : { urges: 1 }
})
const neighbour: Actor = { openid: 'new-neighbour', role: 'resident', unitId: null }
const CONFIG = { dispatcherUnitIds: [], evaluatorUnitIds: [] }

it('SQLite: migration 037 moves the 补充 kept on a case into records of their own, counts them, and drops the field', async () => {
  const store = createSqliteStore(':memory:')
  try {
    // the database as it was before 037: a case holding two 补充 on its workflow
    store.db.exec('DROP TABLE report_supplements; DELETE FROM schema_migrations WHERE version = 37')
    await store.reports.insert(stored('legacy-1', legacy))
    await store.reports.insert(stored('plain-1'))
    migrate(store.db)
    expect(await store.reports.supplementsOf(['legacy-1', 'plain-1'], 60)).toEqual(legacy.map((x) => ({ ...x, reportId: 'legacy-1' })))
    expect((await store.reports.get('legacy-1'))!.workflow).toEqual({ urges: 1 })
    expect((await store.reports.get('plain-1'))!.workflow).toEqual({ urges: 1 })
    expect(await store.counters.get(supplementCounter('legacy-1'))).toBe(2)
    expect(await store.counters.get(supplementCounter('plain-1'))).toBe(0)
    // a retry of a submit given before the move finds its record
    expect(await store.reports.findSupplement('legacy-1', legacy[0]!.by, 'old-key-0001')).toMatchObject({ note: '早上还在摆摊' })
  } finally {
    await store.close()
  }
})

it.each([
  ['SQLite', () => createSqliteStore(':memory:')],
  ['CloudBase', () => emulatedStore().store]
])('%s: a record is inserted once per (case, neighbour, key), with its step; read oldest first within the limit', async (_name, make) => {
  const store = make()
  try {
    await store.reports.insert(stored('rec-1'))
    const by = supplementOwner('n-1')
    const event = (at: number) => ({ reportId: 'rec-1', at: new Date(at), action: 'supplement', status: 'submitted' as const, note: '还在', actorRole: 'resident' as const, actorOpenid: 'n-1', unitId: 'unit-chengguan' })
    expect(await store.reports.addSupplement({ reportId: 'rec-1', by, clientId: 'key-00000001', at: 2000, note: '还在', photos: [] }, event(2000))).toBe(true)
    expect(await store.reports.addSupplement({ reportId: 'rec-1', by, clientId: 'key-00000001', at: 3000, note: '又一次', photos: [] }, event(3000))).toBe(false)
    expect(await store.reports.addSupplement({ reportId: 'rec-1', by, clientId: 'key-00000002', at: 1000, note: '更早', photos: [] }, event(1000))).toBe(true)
    expect((await store.reports.supplementsOf(['rec-1'], 30)).map((x) => x.note)).toEqual(['更早', '还在'])
    expect((await store.reports.supplementsOf(['rec-1'], 1)).map((x) => x.note)).toEqual(['更早'])
    expect((await store.reports.timelines(['rec-1'])).get('rec-1')!.filter((e) => e.action === 'supplement')).toHaveLength(2)
    // the case's own fields are not written
    expect((await store.reports.get('rec-1'))!.workflow).toEqual({ urges: 1 })
  } finally {
    await store.close()
  }
})

it('the case model counts a case\'s legacy 补充 under the cap: its claim leaves the places the field has not used', () => {
  const d = decide(stored('c', legacy), 'supplement', neighbour, new Date(), { note: '还在', photos: [], clientId: 'key-00000001' }, CONFIG)
  expect(d).toMatchObject({ ok: true, decision: { patch: {}, claim: { name: supplementCounter('c'), allowed: MAX_SUPPLEMENTS - 2 }, supplement: { reportId: 'c', by: supplementOwner('new-neighbour'), clientId: 'key-00000001', note: '还在' } } })
  const full = Array.from({ length: MAX_SUPPLEMENTS }, (_, i) => ({ ...legacy[0]!, clientId: `k-${i}` }))
  expect(decide(stored('c', full), 'supplement', neighbour, new Date(), { note: '还在', photos: [], clientId: 'key-00000001' }, CONFIG)).toMatchObject({ ok: false, code: 'CONFLICT' })
})

it('CloudBase: a step whose push after commit was lost lands when the same 补充 is written again (a retry), once', async () => {
  const { store } = emulatedStore()
  try {
    await store.reports.insert(stored('lost-1'))
    const x = { reportId: 'lost-1', by: supplementOwner('n-2'), clientId: 'key-00000009', at: 5000, note: '还在', photos: [] }
    const event = { reportId: 'lost-1', at: new Date(5000), action: 'supplement', status: 'submitted' as const, note: '还在', actorRole: 'resident' as const, actorOpenid: 'n-2', unitId: 'unit-chengguan' }
    const steps = async () => (await store.reports.timelines(['lost-1'])).get('lost-1')!.filter((e) => e.action === 'supplement').length
    expect(await store.reports.addSupplement(x, event)).toBe(true)
    expect(await steps()).toBe(1)
    // the push after the commit did not land (the function failed after its commit)
    await store.reports.update('lost-1', { timeline: [] } as never)
    expect(await steps()).toBe(0)
    expect(await store.reports.addSupplement(x, event)).toBe(false)
    expect(await steps()).toBe(1)
    expect(await store.reports.addSupplement(x, event)).toBe(false)
    expect(await steps()).toBe(1)
    expect(await store.reports.supplementsOf(['lost-1'], 30)).toHaveLength(1)
  } finally {
    await store.close()
  }
})
