import { makeAutoObservable } from 'mobx'
import type { Report } from '../../../types/report'
import type { CloudClient } from '../../services/cloud'
import { loadPage } from '../../stores/paged'

export type PraiseItem = Report & { villageName: string | null }

/** 文明点赞墙: the district's approved praise, newest first, page by page (`report.praiseWall`). */
export class PraiseWallStore {
  items: PraiseItem[] = []
  nextCursor: string | null = null
  loading = false
  loaded = false
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  load(more = false): Promise<void> {
    return loadPage(this, more, (cursor) => this.client.call('report', 'praiseWall', cursor))
  }
}
