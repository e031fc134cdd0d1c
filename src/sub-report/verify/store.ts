import { makeAutoObservable } from 'mobx'
import type { Report } from '../../../types/report'
import type { CloudClient } from '../../services/cloud'
import { loadPage } from '../../stores/paged'

/** 核查 queue (issue 21): the resolved cases of the 网格员's villages waiting for their check, oldest first (`report.verifyQueue`). */
export class VerifyQueueStore {
  items: Report[] = []
  nextCursor: string | null = null
  loading = false
  loaded = false
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  load(more = false): Promise<void> {
    return loadPage(this, more, (cursor) => this.client.call('report', 'verifyQueue', { ...cursor, limit: 20 }))
  }
}
