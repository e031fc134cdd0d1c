import { runInAction } from 'mobx'
import type { Page } from '../../types/common'

/** The state of a list read page by page. */
export interface PagedList<T> {
  items: T[]
  nextCursor: string | null
  loading: boolean
  loaded: boolean
  error: unknown
}

/**
 * Reads the first page (or, with `more`, the next one) into `list`: `fetch` gets the cursor to
 * continue from; a failure is kept in `list.error` for the page to show, never thrown.
 */
export async function loadPage<T>(list: PagedList<T>, more: boolean, fetch: (cursor: { cursor?: string }) => Promise<Page<T> | null>): Promise<void> {
  runInAction(() => {
    list.loading = true
    list.error = null
  })
  try {
    const page = await fetch(more && list.nextCursor ? { cursor: list.nextCursor } : {})
    runInAction(() => {
      list.items = page ? (more ? [...list.items, ...page.items] : page.items) : []
      list.nextCursor = page?.nextCursor ?? null
      list.loaded = true
    })
  } catch (error) {
    runInAction(() => (list.error = error))
  } finally {
    runInAction(() => (list.loading = false))
  }
}
