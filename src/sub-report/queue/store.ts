import { makeAutoObservable, runInAction } from 'mobx'
import type { Report, ReportStatus } from '../../../types/report'
import type { User } from '../../../types/user'
import type { CloudClient } from '../../services/cloud'

/** The views of the staff queue: 待办 (every open case, most urgent first), one status, 全部, or 点赞审核. */
export type QueueView = 'todo' | ReportStatus | 'all' | 'praise'

/** The open statuses 待办 gathers, with the words staff use for them. */
export const OPEN_VIEWS: { status: ReportStatus; label: string }[] = [
  { status: 'submitted', label: '待受理' },
  { status: 'accepted', label: '办理中' },
  { status: 'reopened', label: '重新办理' },
  /** 退回 (issue 21): cases a unit sent back wait in the dispatching unit's queue for 转办. */
  { status: 'returned', label: '已退回' }
]
/** Resolved, waiting for the 网格员's 核查 (issue 21): out of 待办, counted on its chip. */
export const VERIFYING_VIEW: { status: ReportStatus; label: string } = { status: 'verifying', label: '待核查' }
export const DONE_VIEWS: { status: ReportStatus; label: string }[] = [
  { status: 'resolved', label: '已办结' },
  { status: 'rejected', label: '已驳回' },
  { status: 'closed', label: '已结案' }
]

/** Most urgent first: overdue cases (longest overdue first), then the nearest deadline; none last. */
export function byUrgency(a: Report, b: Report): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1
  const due = (r: Report) => (r.dueAt ? Date.parse(r.dueAt) : Number.POSITIVE_INFINITY)
  return due(a) - due(b)
}

/** "剩余 20 小时", "剩余 35 分钟", "已超期 3 小时"; null without a deadline or once closed. */
export function deadlineText(r: Report, now = Date.now()): { text: string; overdue: boolean } | null {
  if (!r.dueAt || !['submitted', 'accepted', 'reopened', 'returned'].includes(r.status)) return null
  const left = Date.parse(r.dueAt) - now
  const span = (ms: number) => (ms >= 3600_000 ? `${Math.floor(ms / 3600_000)} 小时` : `${Math.max(1, Math.floor(ms / 60_000))} 分钟`)
  // overdue or not is the server's (its one deadline rule): the words only count the time
  if (r.overdue) return { text: `已超期 ${span(-left)}`, overdue: true }
  return { text: `剩余 ${span(Math.max(0, left))}`, overdue: false }
}

/** The staff queue of the unit (admins: all): per-view lists and the counts of the open statuses. */
export class QueueStore {
  view: QueueView = 'todo'
  items: Report[] = []
  nextCursor: string | null = null
  /** Open cases per status, counted by the server (`more` is kept for the chips' shape: always false). */
  counts: Partial<Record<ReportStatus, { n: number; more: boolean }>> = {}
  praiseCount: { n: number; more: boolean } | null = null
  verifyingCount: { n: number; more: boolean } | null = null
  /** Whether the caller reviews 文明点赞: admins and the staff of the praise category's unit (文明办). */
  reviewsPraise = false
  loading = false
  loaded = false
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  setView(view: QueueView): void {
    this.view = view
    void this.load()
  }

  /** Finds out (once) whether the caller reviews praise. */
  async init(user: User | null): Promise<void> {
    if (!user) return
    if (user.role === 'admin') this.reviewsPraise = true
    else {
      const categories = await this.client.call('report', 'categories', {}).catch(() => [])
      const unit = categories.find((c) => c.kind === 'praise')?.unitId
      runInAction(() => (this.reviewsPraise = !!unit && unit === user.unitId))
    }
  }

  async load(more = false): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const cursor = more && this.nextCursor ? { cursor: this.nextCursor } : {}
      // the server counts the chips and orders 待办 by deadline (overdue first), page by page
      const [counts, page] = await Promise.all([
        this.client.call('report', 'queueCounts', {}),
        this.view === 'todo'
          ? this.client.call('report', 'queue', { ...cursor, urgent: true, limit: 20 })
          : this.view === 'praise'
            ? this.client.call('report', 'queue', { ...cursor, kind: 'praise', status: 'submitted', limit: 20 })
            : this.client.call('report', 'queue', { ...cursor, ...(this.view === 'all' ? {} : { status: this.view }), limit: 20 })
      ])
      runInAction(() => {
        this.counts = Object.fromEntries(OPEN_VIEWS.map((v) => [v.status, { n: counts.byStatus[v.status] ?? 0, more: false }]))
        this.verifyingCount = { n: counts.byStatus.verifying ?? 0, more: false }
        this.praiseCount = this.reviewsPraise ? { n: counts.praise, more: false } : null
        this.items = more ? [...this.items, ...page.items] : page.items
        this.nextCursor = page.nextCursor
        this.loaded = true
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  /** 待办: every open case. */
  get todoCount(): { n: number; more: boolean } {
    const all = Object.values(this.counts)
    return { n: all.reduce((s, c) => s + (c?.n ?? 0), 0), more: all.some((c) => c?.more) }
  }
}

export const countText = (c: { n: number; more: boolean } | null | undefined): string => (c ? ` ${c.n}${c.more ? '+' : ''}` : '')
