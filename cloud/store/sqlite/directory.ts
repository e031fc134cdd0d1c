import type { Region } from '../../../types/ranking'
import type { Category, DirectoryRepo, Unit } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface RegionRow { id: string; name: string; level: Region['level']; parent_id: string | null }
interface UnitRow { id: string; name: string; town_id: string | null }
interface CategoryRow { code: string; name: string; grp: string; unit_id: string; sla_hours: number; kind: Category['kind'] }

const toRegion = (r: RegionRow): Region => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id })
const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, townId: r.town_id })
const toCategory = (r: CategoryRow): Category => ({
  code: r.code, name: r.name, group: r.grp, unitId: r.unit_id, slaHours: r.sla_hours, kind: r.kind
})

export function sqliteDirectory(db: Db, exec: Exec): DirectoryRepo {
  const putRegion = db.prepare(
    `INSERT INTO regions (id, name, level, parent_id) VALUES (@id, @name, @level, @parentId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id`
  )
  const putUnit = db.prepare(
    `INSERT INTO units (id, name, town_id) VALUES (@id, @name, @townId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, town_id = excluded.town_id`
  )
  const putCategory = db.prepare(
    `INSERT INTO categories (code, name, grp, unit_id, sla_hours, kind) VALUES (@code, @name, @group, @unitId, @slaHours, @kind)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, grp = excluded.grp, unit_id = excluded.unit_id,
       sla_hours = excluded.sla_hours, kind = excluded.kind`
  )
  const putResp = db.prepare(
    `INSERT INTO responsibilities (village_id, grp, unit_id) VALUES (?, ?, ?)
     ON CONFLICT (village_id, grp) DO UPDATE SET unit_id = excluded.unit_id`
  )
  const getResp = db.prepare<[string, string], string>('SELECT unit_id FROM responsibilities WHERE village_id = ? AND grp = ?').pluck()
  const listRegions = db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY rowid')
  const getRegion = db.prepare<[string], RegionRow>('SELECT * FROM regions WHERE id = ?')
  const listUnits = db.prepare<[], UnitRow>('SELECT * FROM units ORDER BY rowid')
  const getUnit = db.prepare<[string], UnitRow>('SELECT * FROM units WHERE id = ?')
  const listCategories = db.prepare<[], CategoryRow>('SELECT * FROM categories ORDER BY rowid')

  return {
    putRegion: (region) => exec(() => void putRegion.run(region)),
    listRegions: () => exec(() => listRegions.all().map(toRegion)),
    getRegion: (id) => exec(() => {
      const row = getRegion.get(id)
      return row ? toRegion(row) : null
    }),
    putUnit: (unit) => exec(() => void putUnit.run(unit)),
    listUnits: () => exec(() => listUnits.all().map(toUnit)),
    getUnit: (id) => exec(() => {
      const row = getUnit.get(id)
      return row ? toUnit(row) : null
    }),
    putCategory: (category) => exec(() => void putCategory.run(category)),
    listCategories: () => exec(() => listCategories.all().map(toCategory)),
    putResponsibility: (villageId, group, unitId) => exec(() => void putResp.run(villageId, group, unitId)),
    getResponsibility: (villageId, group) => exec(() => getResp.get(villageId, group) ?? null)
  }
}
