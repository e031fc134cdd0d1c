import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { SortOrder } from 'antd/es/table/interface'
import type { Dayjs } from 'dayjs'
import { OPERATION_NAMES, type Operation, type OperationAction, type Person } from '../../../types/user'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { useCursorPages } from '../useCursorPages'
import { download, toCsv } from '../csv'
import { districtTime } from '../labels'
import { readable } from '../readable'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { CursorPager, ELLIPSIS, orderOf, tableLocale } from '../tables'

const PAGE_SIZE = 20
/** The export reads at most this many entries (pages of 50). */
const EXPORT_MAX = 5000

interface LogFilter { target: string; actorUserId: string; action: OperationAction | ''; range: [Dayjs, Dayjs] | null }
const NO_FILTER: LogFilter = { target: '', actorUserId: '', action: '', range: null }
const ACTION_OPTIONS = (Object.entries(OPERATION_NAMES) as [OperationAction, string][]).map(([value, label]) => ({ value, label }))

/** The query of a filter (without paging). */
const queryOf = (f: LogFilter) => ({
  ...(f.target ? { target: f.target } : {}),
  ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}),
  ...(f.action ? { action: f.action } : {}),
  ...(f.range ? { from: f.range[0].format('YYYY-MM-DD'), to: f.range[1].format('YYYY-MM-DD') } : {})
})

/**
 * 操作日志 (admins): `user.operationLog`, newest first, read-only — nobody can change or remove an
 * entry. Filter by person (found with `user.search`), action (in words), dates and target (e.g.
 * `py-01` or `py-01:2026-10`); the CSV is made in the browser.
 */
export function OperationLogPage() {
  const { client, units } = useSession()
  const { message } = App.useApp()
  const [regions, setRegions] = useState<Region[]>([])
  const [draft, setDraft] = useState<LogFilter>(NO_FILTER)
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER)
  /** 时间 sorted by the server: newest first (the default) or oldest first. */
  const [atSort, setAtSort] = useState<SortOrder>('descend')
  const order = orderOf(atSort)
  const [people, setPeople] = useState<Person[]>([])
  const findPeople = useCallback((q: string) => {
    client.call('user', 'search', { ...(q.trim() ? { q: q.trim() } : {}), role: 'admin', limit: 20 }).then(
      async (admins) => {
        const staff = await client.call('user', 'search', { ...(q.trim() ? { q: q.trim() } : {}), role: 'staff', limit: 20 })
        setPeople([...admins.items, ...staff.items])
      },
      () => setPeople([])
    )
  }, [client])
  useEffect(() => findPeople(''), [findPeople])
  const [exporting, setExporting] = useState(false)

  useEffect(() => {
    client.call('ranking', 'regions', {}).then(setRegions, () => setRegions([]))
  }, [client])

  /** Names for ids in targets and values: units and regions. */
  const names = useMemo(() => Object.fromEntries([...units.map((u) => [u.id, u.name]), ...regions.map((r) => [r.id, r.name])]) as Record<string, string>, [units, regions])
  const targetText = (t: string) => {
    const first = t.split(':')[0]
    const name = first ? names[first] : undefined
    return name ? `${name}（${t}）` : t
  }
  const actionText = (a: string) => (OPERATION_NAMES as Record<string, string>)[a] ?? '其他操作'

  const fetchPage = useCallback(
    (cursor: string | undefined) => client.call('user', 'operationLog', { ...queryOf(filter), order, withTotal: true, ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }),
    [client, filter, order]
  )
  const { items, nextCursor, total, loading, error, pageIndex, next, previous } = useCursorPages<Operation>(fetchPage)

  const exportCsv = async () => {
    setExporting(true)
    try {
      const all: Operation[] = []
      let cursor: string | undefined
      do {
        const page = await client.call('user', 'operationLog', { ...queryOf(filter), order, ...(cursor ? { cursor } : {}), limit: 50 })
        all.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor && all.length < EXPORT_MAX)
      const rows = [
        ['时间', '操作人', '操作', '对象', '修改前', '修改后'],
        ...all.map((op) => [districtTime(op.at), op.actorName, actionText(op.action), targetText(op.target), readable(op.before, names), readable(op.after, names)])
      ]
      const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')
      download(`操作日志-${filter.target ? `${filter.target.replace(/[^\w.-]/g, '_')}-` : ''}${day}.csv`, toCsv(rows))
      message.success(`已导出 ${all.length} 条`)
    } catch (e) {
      message.error(messageOf(e))
    } finally {
      setExporting(false)
    }
  }

  const columns: ColumnsType<Operation> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 160, render: districtTime, sorter: true, sortOrder: atSort, sortDirections: ['descend', 'ascend', 'descend'] },
    { title: '操作人', dataIndex: 'actorName', width: 140, ...ELLIPSIS },
    { title: '操作', dataIndex: 'action', width: 180, render: actionText },
    { title: '对象', dataIndex: 'target', width: 200, ...ELLIPSIS, render: targetText },
    { title: '修改前', dataIndex: 'before', render: (v: unknown) => <p className='console-pre'>{readable(v, names)}</p> },
    { title: '修改后', dataIndex: 'after', render: (v: unknown) => <p className='console-pre'>{readable(v, names)}</p> }
  ]

  return (
    <section>
      <PageTitle>操作日志</PageTitle>
      <Typography.Paragraph>测评分录入、星级评定、角色设置、地理导入等操作的记录，只能查看，任何人都不能修改或删除。</Typography.Paragraph>
      <Form layout='inline' className='console-filters' onFinish={() => setFilter({ ...draft, target: draft.target.trim() })}>
        <Form.Item label='操作人'>
          <Select
            aria-label='操作人' showSearch allowClear filterOption={false} placeholder='姓名或昵称' style={{ width: 180 }}
            value={draft.actorUserId || undefined} onSearch={findPeople} onChange={(v) => setDraft({ ...draft, actorUserId: v ?? '' })}
            options={people.map((p) => ({ value: p.userId, label: p.nickname }))} notFoundContent='没有找到'
          />
        </Form.Item>
        <Form.Item label='操作'>
          <Select aria-label='操作' allowClear placeholder='全部操作' style={{ width: 180 }} value={draft.action || undefined} onChange={(v) => setDraft({ ...draft, action: v ?? '' })} options={ACTION_OPTIONS} />
        </Form.Item>
        <Form.Item label='日期'>
          <DatePicker.RangePicker aria-label='操作日期' value={draft.range} allowClear onChange={(v) => setDraft({ ...draft, range: v && v[0] && v[1] ? [v[0], v[1]] : null })} />
        </Form.Item>
        <Form.Item label='对象' htmlFor='oplog-target'>
          <Input id='oplog-target' allowClear placeholder='如 py-01 或 py-01:2026-10' value={draft.target} maxLength={100} onChange={(e) => setDraft({ ...draft, target: e.target.value })} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type='primary' htmlType='submit'>查询</Button>
            <Button onClick={() => { setDraft(NO_FILTER); setFilter(NO_FILTER) }}>全部</Button>
            <Button onClick={() => void exportCsv()} loading={exporting}>导出 CSV</Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon role='alert' message={error} style={{ marginBottom: 16 }} />}
      <Table<Operation> rowKey='id' columns={columns} dataSource={items} loading={loading} pagination={false}
        locale={tableLocale(loading, filter === NO_FILTER ? '暂无操作记录' : '没有符合条件的操作记录')}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter
          if (s?.columnKey === 'at') setAtSort(s.order ?? 'descend')
        }} />
      <CursorPager label='操作记录' pageIndex={pageIndex} pageSize={PAGE_SIZE} total={total} loading={loading} hasNext={nextCursor !== null} onPrevious={previous} onNext={next} />
    </section>
  )
}
