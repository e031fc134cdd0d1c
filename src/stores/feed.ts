import { makeAutoObservable, runInAction } from 'mobx'
import type { Report, ReportFigures } from '../../types/report'
import type { CloudClient } from '../services/cloud'
import { loadPage } from './paged'

export type FeedScope = 'village' | 'nearby'
export type FeedStatus = '' | 'open' | 'resolved'
type Point = { latitude: number; longitude: number }
/** A feed case: the public form with its village's name. */
export type FeedItem = Report & { villageName: string | null }

/** 随手拍 tab: this month's figures and 身边的随手拍 (`report.feed`), in my village or near me. */
export class FeedStore {
  items: FeedItem[] = []
  nextCursor: string | null = null
  loading = false
  loaded = false
  error: unknown = null
  scope: FeedScope = 'village'
  status: FeedStatus = ''
  point: Point | null = null
  figures: ReportFigures | null = null

  constructor(private readonly client: CloudClient, private readonly homeVillage: () => string | null, private readonly locate: () => Promise<Point>) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /** 本村 needs a home village (设置 in 我的); 附近 asks for the device's position once. */
  get needsVillage(): boolean {
    return this.scope === 'village' && !this.homeVillage()
  }

  async setScope(scope: FeedScope): Promise<void> {
    this.scope = scope
    await this.load()
  }

  async setStatus(status: FeedStatus): Promise<void> {
    this.status = status
    await this.load()
  }

  async loadFigures(): Promise<void> {
    const figures = await this.client.call('report', 'figures', {})
    runInAction(() => (this.figures = figures))
  }

  load(more = false): Promise<void> {
    return loadPage(this, more, async (cursor) => {
      if (this.needsVillage) return null // no home village yet: nothing to show until one is chosen
      if (this.scope === 'nearby' && !this.point) {
        const here = await this.locate()
        runInAction(() => (this.point = here))
      }
      return this.client.call('report', 'feed', {
        scope: this.scope,
        ...(this.scope === 'nearby' && this.point ? this.point : {}),
        ...(this.status ? { status: this.status } : {}),
        ...cursor
      })
    })
  }

  /** Puts a changed case in place (after 我也遇到 on its page). */
  replace(report: Report): void {
    this.items = this.items.map((r) => (r.id === report.id ? { ...report, distance: r.distance, villageName: r.villageName } : r))
  }
}
