import { useCallback, useEffect, useState } from 'react'
import { messageOf } from './api'

/**
 * A list read page by page with the server's keyset cursors, as the console's tables show it:
 * 上一页/下一页 remember the cursor of each page seen. `fetch` (memoised on its filter) is asked
 * anew from the first page whenever it changes; `reload` reads the current page again. `total` is
 * the server's count of the whole list when the answer has one (`withTotal`), else null.
 */
export function useCursorPages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null; total?: number }>) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [pageIndex, setPageIndex] = useState(0)
  const [items, setItems] = useState<T[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [total, setTotal] = useState<number | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(
    async (index: number, cursor: string | undefined) => {
      setLoading(true)
      setError(null)
      try {
        const page = await fetch(cursor)
        setItems(page.items)
        setNextCursor(page.nextCursor)
        setTotal(page.total ?? null)
        setPageIndex(index)
      } catch (e) {
        setError(messageOf(e))
        setItems([])
        setNextCursor(null)
        setTotal(null)
      } finally {
        setLoading(false)
      }
    },
    [fetch]
  )
  useEffect(() => {
    setCursors([undefined])
    void load(0, undefined)
  }, [load])
  const next = () => {
    if (!nextCursor) return
    setCursors([...cursors.slice(0, pageIndex + 1), nextCursor])
    void load(pageIndex + 1, nextCursor)
  }
  const previous = () => pageIndex > 0 && void load(pageIndex - 1, cursors[pageIndex - 1])
  const reload = () => void load(pageIndex, cursors[pageIndex])
  return { items, nextCursor, total, loading, error, pageIndex, next, previous, reload }
}
