/** The report part of the store port (see cloud/core/ports.ts). */

/** Figures of a village's cases created in [from, to), for the village page's live figures. */
export interface VillageCaseStats {
  received: number
  /** Cases resolved or closed. */
  resolved: number
  /** Of those, resolved no later than their deadline. */
  resolvedOnTime: number
  ratingSum: number
  ratingCount: number
}

export interface ReportRepo {
  villageStats(villageId: string, from: Date, to: Date): Promise<VillageCaseStats>
}
