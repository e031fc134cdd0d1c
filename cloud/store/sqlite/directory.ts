import type { Region } from '../../../types/ranking'
import type { Category, DirectoryRepo, Responsibility, Unit } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface RegionRow { id: string; name: string; level: Region['level']; parent_id: string | null; center_lat: number | null; center_lng: number | null; boundary: string | null }
interface UnitRow { id: string; name: string; town_id: string | null; active: number }
interface CategoryRow { code: string; name: string; grp: string; unit_id: string; sla_hours: number; kind: Category['kind']; active: number; verify_before_close: number; questions: string | null }
interface ResponsibilityRow { village_id: string; grp: string; unit_id: string }

export const toRegion = (r: RegionRow): Region => ({
  id: r.id, name: r.name, level: r.level, parentId: r.parent_id,
  center: r.center_lat === null || r.center_lng === null ? null : { latitude: r.center_lat, longitude: r.center_lng },
  boundary: r.boundary ? (JSON.parse(r.boundary) as Region['boundary']) : null
})
const regionRow = (r: Region) => ({
  id: r.id, name: r.name, level: r.level, parentId: r.parentId,
  centerLat: r.center?.latitude ?? null, centerLng: r.center?.longitude ?? null, boundary: r.boundary ? JSON.stringify(r.boundary) : null
})
// `active` is answered only when false (deactivated in the console): what was stored before it reads as before
export const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, townId: r.town_id, ...(r.active === 0 ? { active: false } : {}) })
export const toCategory = (r: CategoryRow): Category => ({
  code: r.code, name: r.name, group: r.grp, unitId: r.unit_id, slaHours: r.sla_hours, kind: r.kind, ...(r.active === 0 ? { active: false } : {}), ...(r.verify_before_close === 1 ? { verifyBeforeClose: true } : {}),
  ...(r.questions ? { questions: JSON.parse(r.questions) as Category['questions'] } : {})
})

/** Each table of reference data as kept in memory: its rows in order and by key. */
interface Table<T> { list: T[]; byKey: Map<string, T> }

/**
 * Reference data (regions, units, categories, responsibilities) is read on nearly every call and
 * changes rarely (seeding, admins), so each table is kept in memory once read. One memo serves the
 * root and the transaction repositories of a store (same connection), and it is dropped
 * - by every put through this connection, inside a transaction or not (a write that then rolls
 *   back only costs a re-read): these repositories are the only writers of those tables;
 * - when another connection has committed (`PRAGMA data_version` moved), since it may have written them.
 * It is filled only outside transactions, so it never holds a write that may still roll back;
 * a transaction that wrote reference data reads its own writes from the tables.
 */
export class DirectoryMemo {
  version: number | null = null
  regions: Table<Region> | null = null
  units: Table<Unit> | null = null
  categories: Table<Category> | null = null
  /** Unit id by `<village id>\n<category code or group>`, and the entries as listed (frozen). */
  responsibilities: { byKey: Map<string, string>; list: readonly Responsibility[] } | null = null

  clear(): void {
    this.regions = this.units = this.categories = null
    this.responsibilities = null
  }
}

const table = <T>(rows: T[], key: (row: T) => string): Table<T> => ({ list: rows, byKey: new Map(rows.map((r) => [key(r), r])) })

/** Freezes a value and everything in it (a region's center and boundary rings). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
const respKey = (villageId: string, key: string) => `${villageId}\n${key}`

export function sqliteDirectory(db: Db, exec: Exec, memo: DirectoryMemo = new DirectoryMemo()): DirectoryRepo {
  const putRegion = db.prepare(
    `INSERT INTO regions (id, name, level, parent_id, center_lat, center_lng, boundary) VALUES (@id, @name, @level, @parentId, @centerLat, @centerLng, @boundary)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
       center_lat = excluded.center_lat, center_lng = excluded.center_lng, boundary = excluded.boundary`
  )
  const putUnit = db.prepare(
    `INSERT INTO units (id, name, town_id, active) VALUES (@id, @name, @townId, @active)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, town_id = excluded.town_id, active = excluded.active`
  )
  const putCategory = db.prepare(
    `INSERT INTO categories (code, name, grp, unit_id, sla_hours, kind, active, verify_before_close, questions) VALUES (@code, @name, @group, @unitId, @slaHours, @kind, @active, @verify, @questions)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, grp = excluded.grp, unit_id = excluded.unit_id,
       sla_hours = excluded.sla_hours, kind = excluded.kind, active = excluded.active, verify_before_close = excluded.verify_before_close, questions = excluded.questions`
  )
  const putResp = db.prepare(
    `INSERT INTO responsibilities (village_id, grp, unit_id) VALUES (?, ?, ?)
     ON CONFLICT (village_id, grp) DO UPDATE SET unit_id = excluded.unit_id`
  )
  const removeResp = db.prepare('DELETE FROM responsibilities WHERE village_id = ? AND grp = ?')
  const getSetting = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck()
  const putSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  const listRegions = db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY rowid')
  const listUnits = db.prepare<[], UnitRow>('SELECT * FROM units ORDER BY rowid')
  const listCategories = db.prepare<[], CategoryRow>('SELECT * FROM categories ORDER BY rowid')
  const listResp = db.prepare<[], ResponsibilityRow>('SELECT * FROM responsibilities')
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()

  /** The memo's table `name`, read from the database when missing (and kept unless inside a transaction). */
  function cached<K extends 'regions' | 'units' | 'categories' | 'responsibilities'>(name: K, load: () => NonNullable<DirectoryMemo[K]>): NonNullable<DirectoryMemo[K]> {
    const version = dataVersion.get()!
    if (memo.version !== version) {
      memo.clear()
      memo.version = version
    }
    const kept = memo[name]
    if (kept) return kept as NonNullable<DirectoryMemo[K]>
    const loaded = load()
    if (!db.inTransaction) memo[name] = loaded
    return loaded
  }
  // Regions are handed out as they are kept, frozen: a create reads them twice (locating the case,
  // routing it), and copying ~3,000 regions each time was a measurable part of it (issue 23).
  const regions = () => cached('regions', () => table(listRegions.all().map((r) => deepFreeze(toRegion(r))), (r) => r.id))
  const units = () => cached('units', () => table(listUnits.all().map(toUnit), (u) => u.id))
  const categories = () => cached('categories', () => table(listCategories.all().map(toCategory), (c) => c.code))
  // routing a create lists them (routeOf): the list is kept too, its entries frozen like the regions
  const responsibilities = () => cached('responsibilities', () => {
    const rows = listResp.all()
    return {
      byKey: new Map(rows.map((r) => [respKey(r.village_id, r.grp), r.unit_id])),
      list: rows.map((r): Responsibility => Object.freeze({ scopeId: r.village_id, key: r.grp, unitId: r.unit_id }))
    }
  })

  /** Writes, then drops the memo (see DirectoryMemo). */
  const write = (fn: () => void) => exec(() => {
    try {
      fn()
    } finally {
      memo.clear()
    }
  })
  // Lists are the caller's own (sort them at will); regions and routing entries in them are the
  // memo's, frozen (a change throws); units and categories are copies.
  return {
    putRegion: (region) => write(() => void putRegion.run(regionRow(region))),
    putRegions: (list) => write(() => db.transaction(() => { for (const r of list) putRegion.run(regionRow(r)) })()),
    listRegions: () => exec(() => regions().list.slice()),
    getRegion: (id) => exec(() => regions().byKey.get(id) ?? null),
    putUnit: (unit) => write(() => void putUnit.run({ id: unit.id, name: unit.name, townId: unit.townId, active: unit.active === false ? 0 : 1 })),
    listUnits: () => exec(() => units().list.map((u) => ({ ...u }))),
    getUnit: (id) => exec(() => {
      const u = units().byKey.get(id)
      return u ? { ...u } : null
    }),
    putCategory: (c) => write(() => void putCategory.run({ code: c.code, name: c.name, group: c.group, unitId: c.unitId, slaHours: c.slaHours, kind: c.kind, active: c.active === false ? 0 : 1, verify: c.verifyBeforeClose ? 1 : 0, questions: c.questions?.length ? JSON.stringify(c.questions) : null })),
    listCategories: () => exec(() => categories().list.map((c) => ({ ...c }))),
    putResponsibility: (villageId, group, unitId) => write(() => void putResp.run(villageId, group, unitId)),
    getResponsibility: (villageId, keys) => exec(() => {
      for (const key of keys) {
        const unit = responsibilities().byKey.get(respKey(villageId, key))
        if (unit) return unit
      }
      return null
    }),
    listResponsibilities: () => exec(() => responsibilities().list.slice()),
    setResponsibilities: (changes) => write(() => db.transaction(() => {
      for (const c of changes) {
        if (c.unitId === null) removeResp.run(c.scopeId, c.key)
        else putResp.run(c.scopeId, c.key, c.unitId)
      }
    })()),
    getSetting: (key) => exec(() => {
      const value = getSetting.get(key)
      return value === undefined ? null : (JSON.parse(value) as unknown)
    }),
    putSetting: (key, value) => exec(() => void putSetting.run(key, JSON.stringify(value)))
  }
}
