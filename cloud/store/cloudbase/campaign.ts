import type { CampaignRepo, StoredInspection, StoredRound } from '../../core/campaign/ports'
import { COLLECTIONS as C, getDoc, type Command, type Doc } from './db'
import type { Docs } from './docs'

/** At most this many inspections a month are read (one query): a 大测评 of a district's every 点位 stays below it. */
export const INSPECTIONS_PER_MONTH = 1000

/** A round's document (`_id` = its month): also what `npm run export:cloudbase` writes. */
export const roundFields = (r: StoredRound): Doc => ({ period: r.period, status: r.status, value: JSON.stringify({ ...r, createdAt: r.createdAt.getTime(), closedAt: r.closedAt?.getTime() ?? null }) })
export const inspectionFields = (i: StoredInspection): Doc => ({
  period: i.period, evaluator: i.evaluator, villageId: i.villageId, unitId: i.unitId, at: i.at.getTime(), value: JSON.stringify({ ...i, at: i.at.getTime() })
})

const toRound = (d: Doc): StoredRound => {
  const r = JSON.parse(String(d.value)) as StoredRound & { createdAt: number; closedAt: number | null }
  return { ...r, createdAt: new Date(r.createdAt), closedAt: r.closedAt === null ? null : new Date(r.closedAt) }
}
const toInspection = (d: Doc): StoredInspection => {
  const i = JSON.parse(String(d.value)) as StoredInspection & { at: number }
  return { ...i, at: new Date(i.at) }
}

/**
 * The campaign on CloudBase (issue 26): the 测评体系, the 点位 and the 路段 are one document each
 * in `campaign` (their lists as JSON text, as the directory keeps settings), so each read is one
 * call and the 路段 that `report.create` reads are never a part of the regions' hot document; a
 * month's round is one document of `campaign_rounds`; each 点位's inspection one document of
 * `campaign_inspections` (index period + evaluator).
 */
export function cloudbaseCampaign(docs: Docs, _: Command): CampaignRepo {
  const listOf = <T>(found: Doc | null | undefined): T[] => (typeof found?.value === 'string' ? (JSON.parse(found.value) as T[]) : [])
  const read = async <T>(d: Docs, key: string): Promise<T[]> => listOf<T>(await getDoc(d.doc(C.campaign, key)))
  /**
   * Reads asked for while one is on its way share it (a burst of report.create reads the 路段
   * once), and the documents asked for at the same moment (the 点位 and the 测评体系 of 我的点位,
   * the 点位 and the 路段 of report.create) come in one query by their ids (issue 22).
   */
  const inflight = new Map<string, Promise<unknown[]>>()
  let batch: Map<string, { resolve: (d: Doc | null) => void; reject: (e: unknown) => void }> | null = null
  const flush = async (asked: NonNullable<typeof batch>) => {
    const keys = [...asked.keys()]
    try {
      const found = keys.length === 1
        ? new Map([[keys[0]!, await getDoc(docs.doc(C.campaign, keys[0]!))]])
        : new Map(((await docs.query(C.campaign).where({ _id: _.in(keys) }).limit(keys.length).get()).data as Doc[]).map((d) => [String(d._id), d]))
      for (const [key, waiting] of asked) waiting.resolve(found.get(key) ?? null)
    } catch (error) {
      for (const waiting of asked.values()) waiting.reject(error)
    }
  }
  const batched = (key: string) => new Promise<Doc | null>((resolve, reject) => {
    if (!batch) {
      const mine = new Map<string, { resolve: (d: Doc | null) => void; reject: (e: unknown) => void }>()
      batch = mine
      queueMicrotask(() => {
        batch = null
        void flush(mine)
      })
    }
    batch.set(key, { resolve, reject })
  })
  const shared = <T>(key: string): Promise<T[]> => {
    if (docs.inTransaction) return read<T>(docs, key)
    let p = inflight.get(key)
    if (!p) {
      p = batched(key).then((d) => listOf<T>(d)).finally(() => inflight.delete(key))
      inflight.set(key, p)
    }
    return p as Promise<T[]>
  }
  const write = async (key: string, list: unknown[]) => {
    inflight.delete(key)
    await docs.doc(C.campaign, key).set({ data: { value: JSON.stringify(list) } })
  }
  return {
    catalog: () => shared('catalog'),
    putCatalog: (items) => write('catalog', items),
    sites: () => shared('sites'),
    putSites: (sites) => write('sites', sites),
    roads: () => shared('roads'),
    putRoads: (roads) => write('roads', roads),
    getRound: async (period) => {
      const d = await getDoc(docs.doc(C.campaignRounds, period))
      return d ? toRound(d) : null
    },
    putRound: async (r) => void (await docs.doc(C.campaignRounds, r.period).set({ data: roundFields(r) })),
    getInspection: async (id) => {
      const d = await getDoc(docs.doc(C.campaignInspections, id))
      return d ? toInspection(d) : null
    },
    putInspection: async (i) => void (await docs.doc(C.campaignInspections, i.id).set({ data: inspectionFields(i) })),
    inspectionsOf: async (period, evaluator) => {
      const { data } = await docs.query(C.campaignInspections).where(evaluator ? { period, evaluator } : { period }).orderBy('_id', 'asc').limit(INSPECTIONS_PER_MONTH).get()
      return data.map(toInspection)
    }
  }
}
