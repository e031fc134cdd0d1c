import { useCallback, useEffect, useState } from 'react'
import { Alert, Button, Checkbox, Form, Segmented, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Report, ReportStatus } from '../../../types/report'
import { messageOf } from '../api'
import { districtTime, REPORT_STATUSES, STATUS_COLORS, STATUS_NAMES } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { CaseDrawer } from './CaseDrawer'

type Kind = 'problem' | 'praise'
const PAGE_SIZE = 20

export function StatusTag({ report }: { report: Pick<Report, 'status' | 'overdue'> }) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[report.status]}>{STATUS_NAMES[report.status]}</Tag>
      {report.overdue && <Tag color='#a8071a'>超期</Tag>}
    </Space>
  )
}

/**
 * 工单: `report.queue` — admins see every unit's cases, staff their own unit's — with filters for
 * status, 超期 and kind (problems, or the 文明点赞 to review), paged by the server's cursor.
 */
export function CasesPage() {
  const { client, user, unitName } = useSession()
  const [kind, setKind] = useState<Kind>('problem')
  const [status, setStatus] = useState<ReportStatus | ''>('')
  const [overdue, setOverdue] = useState(false)
  /** The cursor of each page seen so far: page n is asked with `cursors[n]`. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [pageIndex, setPageIndex] = useState(0)
  const [items, setItems] = useState<Report[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [openId, setOpenId] = useState<string | null>(null)

  const load = useCallback(
    async (index: number, cursor: string | undefined) => {
      setLoading(true)
      setError(null)
      try {
        const page = await client.call('report', 'queue', {
          kind,
          ...(status ? { status } : {}),
          ...(overdue ? { overdue: true } : {}),
          ...(cursor ? { cursor } : {}),
          limit: PAGE_SIZE
        })
        setItems(page.items)
        setNextCursor(page.nextCursor)
        setPageIndex(index)
      } catch (e) {
        setError(messageOf(e))
        setItems([])
        setNextCursor(null)
      } finally {
        setLoading(false)
      }
    },
    [client, kind, status, overdue]
  )

  // a change of filter starts again from the first page
  useEffect(() => {
    setCursors([undefined])
    void load(0, undefined)
  }, [load])

  const next = () => {
    if (!nextCursor) return
    const list = [...cursors.slice(0, pageIndex + 1), nextCursor]
    setCursors(list)
    void load(pageIndex + 1, nextCursor)
  }
  const previous = () => pageIndex > 0 && void load(pageIndex - 1, cursors[pageIndex - 1])
  const reload = () => void load(pageIndex, cursors[pageIndex])

  const columns: ColumnsType<Report> = [
    { title: '描述', dataIndex: 'description', ellipsis: true, render: (text: string) => <span className='case-description'>{text}</span> },
    { title: '类别', dataIndex: 'categoryName', width: 140 },
    { title: '状态', key: 'status', width: 150, render: (_, r) => <StatusTag report={r} /> },
    { title: '责任单位', dataIndex: 'unitId', width: 150, render: (id: string) => unitName(id) },
    { title: '上报时间', dataIndex: 'createdAt', width: 150, render: districtTime },
    ...(kind === 'problem' ? [{ title: '期限', dataIndex: 'dueAt', width: 150, render: (at: string | null) => districtTime(at) }] : []),
    {
      title: '操作',
      key: 'open',
      width: 90,
      render: (_, r) => (
        <Button type='link' onClick={() => setOpenId(r.id)} aria-label={`查看工单：${r.description.slice(0, 20)}`}>
          查看
        </Button>
      )
    }
  ]

  return (
    <section aria-labelledby='cases-title'>
      <div id='cases-title'>
        <PageTitle>{kind === 'praise' ? '工单 · 点赞审核' : '工单'}</PageTitle>
      </div>
      <Typography.Paragraph>
        {user.role === 'admin' ? '全部单位的工单。' : `本单位（${unitName(user.unitId)}）的工单。`}
      </Typography.Paragraph>
      <Form layout='inline' className='console-filters'>
        <Form.Item label='类型'>
          <Segmented<Kind>
            value={kind}
            onChange={(v) => setKind(v)}
            options={[
              { label: '问题工单', value: 'problem' },
              { label: '点赞审核', value: 'praise' }
            ]}
          />
        </Form.Item>
        <Form.Item label='状态' htmlFor='cases-status'>
          <Select<ReportStatus | ''>
            id='cases-status'
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={[{ value: '', label: '全部状态' }, ...REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            只看超期
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Button onClick={reload}>刷新</Button>
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon role='alert' message={error} style={{ marginBottom: 16 }} />}
      <Table<Report>
        rowKey='id'
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: '没有符合条件的工单' }}
        onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
      />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={previous} disabled={loading || pageIndex === 0}>上一页</Button>
        <span aria-live='polite'>第 {pageIndex + 1} 页</span>
        <Button onClick={next} disabled={loading || !nextCursor}>下一页</Button>
      </Space>
      <CaseDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </section>
  )
}
