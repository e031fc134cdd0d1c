import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../cloud/store/sqlite'
import type { Store, StoredMessage } from '../../cloud/core/ports'

/**
 * Issue 23, on the SQLite store: what `report.create` and the minute's sweep cost the server.
 * - reference regions are handed out from the memo without copying them;
 * - marking messages pushed pays no COMMIT of its own: it rides on the next transaction's;
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
