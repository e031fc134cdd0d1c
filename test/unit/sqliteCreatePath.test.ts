import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../cloud/store/sqlite'
import type { Store } from '../../cloud/core/ports'

/**
 * Issue 23, on the SQLite store: what `report.create` and the minute's sweep cost the server.
 * - reference regions are handed out from the memo without copying them;
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
