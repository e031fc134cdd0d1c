import type { ReactNode } from 'react'
import { Button, Space } from 'antd'
import type { SortOrder } from 'antd/es/table/interface'

/**
 * The console's tables as a government back office has them (issue 24): a table's empty text is
 * shown only once its rows have come (never 「没有…」 under the spinner), and the paging of the
 * server's lists says the page and the count the server gave.
 */

/** `locale.emptyText` of a table: nothing while it loads, the text once the answer says the list is empty. */
export const emptyText = (loading: boolean, text: string): ReactNode => (loading ? <span className='console-table-loading' aria-hidden='true' /> : text)

/** The table's `locale`: the empty text (as above) and the sort tooltips in Chinese. */
export const tableLocale = (loading: boolean, text: string) => ({
  emptyText: emptyText(loading, text),
  triggerAsc: '点击升序',
  triggerDesc: '点击降序',
  cancelSort: '取消排序'
})

/** A long text in a cell: one line, the whole text on hover. */
export const ELLIPSIS = { ellipsis: { showTitle: true } } as const

/** Client-side comparers for tables that hold the whole list. */
export const byText = <T,>(of: (row: T) => string | null | undefined) => (a: T, b: T) => (of(a) ?? '').localeCompare(of(b) ?? '', 'zh-Hans-CN')
export const byNumber = <T,>(of: (row: T) => number | null | undefined) => (a: T, b: T) => (of(a) ?? -Infinity) - (of(b) ?? -Infinity)

/** The server's order of a table sorted on its time column: `oldest` for ascend, else newest first. */
export const orderOf = (sort: SortOrder | undefined): 'newest' | 'oldest' => (sort === 'ascend' ? 'oldest' : 'newest')

/**
 * 上一页 / 第 N 页 / 下一页 and 「共 N 条」 under a table read page by page with the server's
 * cursors (`useCursorPages`); `total` is the server's count of the whole list (absent: not known).
 */
export function CursorPager({ pageIndex, pageSize, total, loading, hasNext, onPrevious, onNext, label }: {
  pageIndex: number
  pageSize: number
  total: number | null
  loading: boolean
  hasNext: boolean
  onPrevious: () => void
  onNext: () => void
  /** What is counted, e.g. 工单 (the pager's name for screen readers). */
  label: string
}) {
  const pages = total === null ? null : Math.max(1, Math.ceil(total / pageSize))
  return (
    <nav aria-label={`${label}翻页`} className='console-pager'>
      <Space style={{ marginTop: 16 }} wrap>
        <span className='console-total' data-testid='table-total'>{total === null ? '' : `共 ${total} 条`}</span>
        <Button onClick={onPrevious} disabled={loading || pageIndex === 0}>上一页</Button>
        <span aria-live='polite' data-testid='table-page'>第 {pageIndex + 1} 页{pages === null ? '' : ` / 共 ${pages} 页`}</span>
        <Button onClick={onNext} disabled={loading || !hasNext}>下一页</Button>
      </Space>
    </nav>
  )
}
