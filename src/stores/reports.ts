import { makeAutoObservable, runInAction } from 'mobx'
import type { Report, ReportStatus } from '../../types/report'
import type { CloudClient } from '../services/cloud'
import { loadPage } from './paged'
import { useStore } from './root'

/** A paged list of cases: 我的上报 (mine) or the staff queue. */
export class ReportListStore {
  items: Report[] = []
  nextCursor: string | null = null
  loading = false
  error: unknown = null
  loaded = false
  status: ReportStatus | '' = ''
  overdue = false

  constructor(private readonly client: CloudClient, private readonly kind: 'mine' | 'queue') {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  setFilter(status: ReportStatus | '', overdue: boolean): void {
    this.status = status
    this.overdue = overdue
    void this.load()
  }

  load(more = false): Promise<void> {
    return loadPage(this, more, (cursor) =>
      this.kind === 'mine'
        ? this.client.call('report', 'mine', cursor)
        : this.client.call('report', 'queue', { ...cursor, ...(this.status ? { status: this.status } : {}), ...(this.overdue ? { overdue: true } : {}) })
    )
  }

  /** Puts a changed case in place (after an action on its page). */
  replace(report: Report): void {
    this.items = this.items.map((r) => (r.id === report.id ? report : r))
  }
}

/** How far around a case staff look for other open cases one cleanup drive can take on (发起清理). */
export const CLUSTER_RADIUS = 300

/** One case and what its viewer may do with it. */
export class CaseStore {
  report: Report | null = null
  error: unknown = null
  busy = false
  /** Staff: the other open cases within CLUSTER_RADIUS of this one, nearest first. */
  cluster: Report[] = []

  constructor(private readonly client: CloudClient, private readonly onChange: (r: Report) => void) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async load(id: string): Promise<void> {
    this.error = null
    try {
      const report = await this.client.call('report', 'get', { id })
      runInAction(() => (this.report = report))
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  async loadCluster(): Promise<void> {
    const r = this.report
    if (!r) return
    const { items } = await this.client.call('report', 'nearby', { latitude: r.location.latitude, longitude: r.location.longitude, radius: CLUSTER_RADIUS })
    runInAction(() => {
      if (this.report?.id === r.id) this.cluster = items.filter((x) => x.id !== r.id).sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
    })
  }

  private async run(action: () => Promise<Report>): Promise<void> {
    this.busy = true
    try {
      const report = await action()
      runInAction(() => (this.report = report))
      this.onChange(report)
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  /** 我也遇到: on an open case of someone else's. */
  support = () => this.run(() => this.client.call('report', 'support', { id: this.report!.id }))
  rate = (score: number, comment: string) => this.run(() => this.client.call('report', 'rate', { id: this.report!.id, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }))
  reopen = (reason: string) => this.run(() => this.client.call('report', 'reopen', { id: this.report!.id, reason }))
  accept = (unitId?: string) => this.run(() => this.client.call('report', 'accept', { id: this.report!.id, ...(unitId ? { unitId } : {}) }))
  reject = (reason: string) => this.run(() => this.client.call('report', 'reject', { id: this.report!.id, reason }))
  /** 文明点赞: approve for the wall, or decline with a reason. */
  review = (approve: boolean, reason?: string) => this.run(() => this.client.call('report', 'review', { id: this.report!.id, approve, ...(reason ? { reason } : {}) }))
  /** 不予公开 / 恢复公开 / 隐藏照片: staff keep a case or a photo from public view (the reason goes in the timeline). */
  hide = (reason: string) => this.run(() => this.client.call('report', 'hide', { id: this.report!.id, reason }))
  unhide = () => this.run(() => this.client.call('report', 'unhide', { id: this.report!.id }))
  hidePhoto = (photo: string, reason: string) => this.run(() => this.client.call('report', 'hidePhoto', { id: this.report!.id, photo, reason }))
  resolve = (note: string, photos: string[]) => this.run(() => this.client.call('report', 'resolve', { id: this.report!.id, note, photos }))
  /** The 数字城管 workflow (docs/workflow.md): what the page offers comes from `report.actions`. */
  returnCase = (reason: string) => this.run(() => this.client.call('report', 'return', { id: this.report!.id, reason }))
  transfer = (unitId: string, note: string) => this.run(() => this.client.call('report', 'transfer', { id: this.report!.id, unitId, ...(note ? { note } : {}) }))
  requestExtension = (hours: number, reason: string) => this.run(() => this.client.call('report', 'requestExtension', { id: this.report!.id, hours, reason }))
  decideExtension = (approve: boolean, reason: string) => this.run(() => this.client.call('report', 'decideExtension', { id: this.report!.id, approve, ...(reason ? { reason } : {}) }))
  verify = (passed: boolean, note: string, photos: string[]) => this.run(() => this.client.call('report', 'verify', { id: this.report!.id, passed, note, ...(photos.length ? { photos } : {}) }))
  urge = (note: string) => this.run(() => this.client.call('report', 'urge', { id: this.report!.id, note }))
}

// Only sub-report pages use these stores: they are built there on first use (RootStore.lazy).

/** 我的上报 of the app's RootStore. */
export function useMyReports(): ReportListStore {
  return useStore().lazy('myReports', (root) => new ReportListStore(root.client, 'mine'))
}

/** The open case of the app's RootStore: a change to it shows in 身边的随手拍, 我的上报 and the user's points. */
export function useCurrentCase(): CaseStore {
  return useStore().lazy(
    'currentCase',
    (root) =>
      new CaseStore(root.client, (r) => {
        root.feed.replace(r)
        root.peek<ReportListStore>('myReports')?.replace(r)
        void root.session.refresh().catch(() => undefined)
      })
  )
}
