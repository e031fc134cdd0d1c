import type { CampaignRepo, StoredInspection, StoredRound } from '../../core/campaign/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface InspectionRow { id: string; value: string }

/** A round's row as the stored round (also read by `npm run export:cloudbase`). */
export const toRound = (value: string): StoredRound => {
  const r = JSON.parse(value) as StoredRound & { createdAt: number; closedAt: number | null }
  return { ...r, createdAt: new Date(r.createdAt), closedAt: r.closedAt === null ? null : new Date(r.closedAt) }
}
export const toInspection = (value: string): StoredInspection => {
  const i = JSON.parse(value) as StoredInspection & { at: number }
  return { ...i, at: new Date(i.at) }
}

/** The campaign (migration 031): three reference documents, the rounds and the inspections. */
export function sqliteCampaign(db: Db, exec: Exec): CampaignRepo {
  const getDoc = db.prepare<[string], string>('SELECT value FROM campaign_docs WHERE key = ?').pluck()
  const putDoc = db.prepare('INSERT INTO campaign_docs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  const read = <T>(key: string): Promise<T[]> => exec(() => {
    const v = getDoc.get(key)
    return v ? (JSON.parse(v) as T[]) : []
  })
  const write = (key: string, list: unknown[]) => exec(() => void putDoc.run(key, JSON.stringify(list)))
  const getRound = db.prepare<[string], string>('SELECT value FROM campaign_rounds WHERE period = ?').pluck()
  const putRound = db.prepare('INSERT INTO campaign_rounds (period, value) VALUES (?, ?) ON CONFLICT (period) DO UPDATE SET value = excluded.value')
  const getInspection = db.prepare<[string], string>('SELECT value FROM campaign_inspections WHERE id = ?').pluck()
  const putInspection = db.prepare(
    `INSERT INTO campaign_inspections (id, period, evaluator, village_id, unit_id, at, value) VALUES (@id, @period, @evaluator, @villageId, @unitId, @at, @value)
     ON CONFLICT (id) DO UPDATE SET value = excluded.value`
  )
  return {
    catalog: () => read('catalog'),
    putCatalog: (items) => write('catalog', items),
    sites: () => read('sites'),
    putSites: (sites) => write('sites', sites),
    roads: () => read('roads'),
    putRoads: (roads) => write('roads', roads),
    getRound: (period) => exec(() => {
      const v = getRound.get(period)
      return v ? toRound(v) : null
    }),
    putRound: (r) => exec(() => void putRound.run(r.period, JSON.stringify({ ...r, createdAt: r.createdAt.getTime(), closedAt: r.closedAt?.getTime() ?? null }))),
    getInspection: (id) => exec(() => {
      const v = getInspection.get(id)
      return v ? toInspection(v) : null
    }),
    putInspection: (i) => exec(() => void putInspection.run({ id: i.id, period: i.period, evaluator: i.evaluator, villageId: i.villageId, unitId: i.unitId, at: i.at.getTime(), value: JSON.stringify({ ...i, at: i.at.getTime() }) })),
    inspectionsOf: (period, evaluator) => exec(() => {
      const rows = evaluator
        ? db.prepare<[string, string], InspectionRow>('SELECT id, value FROM campaign_inspections WHERE period = ? AND evaluator = ? ORDER BY id').all(period, evaluator)
        : db.prepare<[string], InspectionRow>('SELECT id, value FROM campaign_inspections WHERE period = ? ORDER BY id').all(period)
      return rows.map((r) => toInspection(r.value))
    })
  }
}
