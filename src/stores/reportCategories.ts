import Taro from '@tarojs/taro'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ReportCategory } from '../../types/report'
import type { CloudClient } from '../services/cloud'

/** Where the report being written is kept until it is submitted (stores/reportDraft.ts). */
export const DRAFT_KEY = 'civic.reportDraft'

/** The category of the draft kept in storage, or '' (none, or one that cannot be read). */
function savedDraftCategory(): string {
  try {
    const raw = Taro.getStorageSync(DRAFT_KEY) as string
    if (!raw) return ''
    const d = JSON.parse(raw) as { category?: unknown; photos?: unknown }
    return Array.isArray(d.photos) && typeof d.category === 'string' ? d.category : ''
  } catch {
    return ''
  }
}

/**
 * What the 随手拍 tab knows of 随手拍 (issue 23): the report categories, loaded once and shared with
 * the draft, and the category of a draft waiting to be submitted (its notice). The draft itself
 * (ReportDraftStore) lives in the sub-report package and keeps `draftCategory` up to date.
 */
export class ReportCategoryStore {
  categories: ReportCategory[] = []
  /** The waiting draft's category, '' when there is none. */
  draftCategory = savedDraftCategory()

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async loadCategories(): Promise<void> {
    if (this.categories.length) return
    const categories = await this.client.call('report', 'categories', {})
    runInAction(() => (this.categories = categories))
  }

  setDraftCategory(category: string): void {
    this.draftCategory = category
  }
}
