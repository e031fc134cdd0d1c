import type { EvaluationKind, ScoreKey } from '../../../types/names'
import type { CatalogItem, Road, RoundStatus, Site, SiteKind } from '../../../types/campaign'

/** The campaign part of the store port (issue 26, docs/campaign.md). */

export interface StoredRound {
  period: string
  kind: EvaluationKind
  perVillage: number | null
  status: RoundStatus
  createdAt: Date
  createdBy: string
  closedAt: Date | null
  /** The round's 点位 and the openid of the evaluator each is given to. */
  assignments: { siteId: string; evaluator: string }[]
}

export interface StoredAnswer {
  itemId: string
  indicator: ScoreKey
  standard: string
  passed: boolean
  count: number
  /** count × the item's deduction, and the item's cap (applied per item and village or unit). */
  deduction: number
  cap: number
  photos: string[]
  note: string | null
  caseId: string | null
}

/** One 点位's inspection in a round: `id` = `<period>:<siteId>` (a 点位 is inspected once a round). */
export interface StoredInspection {
  id: string
  period: string
  siteId: string
  siteName: string
  kind: SiteKind
  villageId: string
  /** Who the shortfalls went to: the 点位's unit, or its 路段's. */
  unitId: string
  evaluator: string
  clientKey: string
  at: Date
  answers: StoredAnswer[]
}

export interface CampaignRepo {
  /** The 测评体系: one read. */
  catalog(): Promise<CatalogItem[]>
  putCatalog(items: CatalogItem[]): Promise<void>
  /** Every 点位: one read. */
  sites(): Promise<Site[]>
  putSites(sites: Site[]): Promise<void>
  /** Every 路段: one small read of its own (report.create reads it), shared by reads on their way. */
  roads(): Promise<Road[]>
  putRoads(roads: Road[]): Promise<void>
  getRound(period: string): Promise<StoredRound | null>
  putRound(round: StoredRound): Promise<void>
  getInspection(id: string): Promise<StoredInspection | null>
  putInspection(inspection: StoredInspection): Promise<void>
  /** The inspections of a month (one indexed query), of one evaluator when given. */
  inspectionsOf(period: string, evaluator?: string): Promise<StoredInspection[]>
}
