import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { SortOrder } from 'antd/es/table/interface'
import type { Dayjs } from 'dayjs'
import type { Report, ReportCategory, ReportStatus } from '../../../types/report'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { districtTime, REPORT_STATUSES, STATUS_COLORS, STATUS_NAMES } from '../labels'
import { useSession } from '../session'
import { useCursorPages } from '../useCursorPages'
import { download, toCsv } from '../csv'
import { caseNumber, DUE_STATE_NAMES, type DueState } from '../../../types/names'
import { caseRows, EXPORT_MAX, readAll, sourceText, xlsxOf } from '../caseExport'
import { PageTitle } from '../Console'
import { CursorPager, ELLIPSIS, orderOf, tableLocale } from '../tables'
import { DeskFiling } from './DeskFiling'
import { CaseDrawer } from './CaseDrawer'

type Kind = 'problem' | 'praise'
const PAGE_SIZE = 20
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The search as the page holds it; `''` is "any". */
interface Filters {
  kind: Kind
  status: ReportStatus | ''
  overdue: boolean
  q: string
  category: string
  townId: string
  villageId: string
  unitId: string
  source: string
  range: [Dayjs, Dayjs] | null
}
const NO_FILTERS: Filters = { kind: 'problem', status: '', overdue: false, q: '', category: '', townId: '', villageId: '', unitId: '', source: '', range: null }

/** The filters as `report.queue` takes them (without the page): only what is set. */
function queueInput(f: Filters) {
  return {
    kind: f.kind,
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.townId ? { townId: f.townId } : {}),
    ...(f.villageId ? { villageId: f.villageId } : {}),
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.range ? { from: f.range[0].format('YYYY-MM-DD'), to: f.range[1].format('YYYY-MM-DD') } : {})
  }
}

/** The deadline chip's colours (white text on each passes WCAG AA): 即将超期 dark orange, 超期 red, 严重超期 darker red. */
const DUE_COLORS: Record<Exclude<DueState, 'ok'>, string> = { soon: '#ad4e00', overdue: '#a8071a', warned: '#5c0011' }

/**
 * A case's status and its deadline chip, as the server's one rule says (`report.dueState`, decided
 * by `dueState` in cloud/core/report/rules.ts: 即将超期 / 超期 / 严重超期); `overdue` alone for
 * answers that carry no `dueState`.
 */
export function StatusTag({ report }: { report: Pick<Report, 'status' | 'overdue' | 'dueState'> }) {
  const due: DueState = report.dueState ?? (report.overdue ? 'overdue' : 'ok')
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[report.status]}>{STATUS_NAMES[report.status]}</Tag>
      {due !== 'ok' && <Tag color={DUE_COLORS[due]} className='case-due'>{DUE_STATE_NAMES[due]}</Tag>}
    </Space>
  )
}

/**
 * 工单: `report.queue` — admins see every unit's cases, staff their own unit's (the server decides)
 * — searched by text, category, town and village, unit (admins), status, filing dates, 超期, source
 * and kind (problems, or the 文明点赞 to review), paged by the server's cursor; the search exported
 * as Excel or CSV, made in the browser from the same pages (at most 5,000 cases).
 */
export function CasesPage() {
  const { client, user, unitName, units } = useSession()
  const { message } = App.useApp()
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  /** 上报时间 sorted by the server: descend (newest first, the default) or ascend. */
  const [createdSort, setCreatedSort] = useState<SortOrder>('descend')
  const [draftQ, setDraftQ] = useState('')
  const [regions, setRegions] = useState<Region[]>([])
  const [categories, setCategories] = useState<ReportCategory[]>([])
  const [partners, setPartners] = useState<string[]>([])
  const [openId, setOpenId] = useState<string | null>(null)
  const [filing, setFiling] = useState(false)
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null)
  const [exportNote, setExportNote] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null)
  const admin = user.role === 'admin'
  /** Admins and the 文明办's staff search every unit's cases (the server's rule, told by `user.me`). */
  const everyUnit = admin || user.mayDispatch === true

  useEffect(() => {
    client.call('ranking', 'regions', {}).then(setRegions, () => setRegions([]))
    client.call('report', 'categories', admin ? { includeInactive: true } : {}).then(setCategories, () => setCategories([]))
    // partner systems (Open311) are the admins' to see; staff filter by 小程序 or all
    if (admin) client.call('open311', 'keys', {}).then((k) => setPartners([...new Set(k.items.map((x) => x.partner))]), () => setPartners([]))
  }, [client, admin])

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }))
  const input = useMemo(() => queueInput(filters), [filters])
  const order = orderOf(createdSort)
  const fetchPage = useCallback(
    (cursor: string | undefined) => client.call('report', 'queue', { ...input, order, withTotal: true, ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }),
    [client, input, order]
  )
  const { items, nextCursor, total, loading, error, pageIndex, next, previous, reload } = useCursorPages<Report>(fetchPage)

  const towns = regions.filter((r) => r.level === 'town')
  const villages = regions.filter((r) => r.level === 'village' && (!filters.townId || r.parentId === filters.townId))
  const villageName = (id: string | null) => (id ? regions.find((r) => r.id === id)?.name ?? id : '—')

  const exportCases = async (format: 'xlsx' | 'csv') => {
    setExporting(format)
    setExportNote(null)
    try {
      const { items: all, capped } = await readAll((cursor) => client.call('report', 'queue', { ...input, order, ...(cursor ? { cursor } : {}), limit: 50 }))
      const rows = caseRows(all, { unitName, regions })
      const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')
      const name = `工单-${day}`
      if (format === 'csv') download(`${name}.csv`, toCsv(rows))
      else download(`${name}.xlsx`, await xlsxOf(rows), XLSX_TYPE)
      const text = capped ? `已导出前 ${EXPORT_MAX} 条：符合条件的工单超过 ${EXPORT_MAX} 条，请缩小筛选范围后分批导出。` : `已导出 ${all.length} 条工单。`
      setExportNote({ type: capped ? 'warning' : 'success', text })
      if (capped) message.warning(text)
      else message.success(text)
    } catch (e) {
      setExportNote({ type: 'error', text: `导出失败：${messageOf(e)}` })
    } finally {
      setExporting(null)
    }
  }

  const columns: ColumnsType<Report> = [
    { title: '编号', key: 'number', width: 150, render: (_, r) => <span className='case-number'>{caseNumber(r)}</span> },
    { title: '描述', dataIndex: 'description', ...ELLIPSIS, render: (text: string) => <span className='case-description' title={text}>{text}</span> },
    { title: '类别', dataIndex: 'categoryName', width: 130, ...ELLIPSIS },
    { title: '状态', key: 'status', width: 140, render: (_, r) => <>{<StatusTag report={r} />}{r.workflow?.placedByName && <Tag color='orange' className='case-row__unplaced'>待定位</Tag>}</> },
    { title: '村居', dataIndex: 'villageId', width: 100, ...ELLIPSIS, render: villageName },
    { title: '责任单位', dataIndex: 'unitId', width: 140, ...ELLIPSIS, render: (id: string) => unitName(id) },
    // sorted by the server (the whole search, not this page): newest or oldest first
    { title: '上报时间', dataIndex: 'createdAt', key: 'createdAt', width: 150, render: districtTime, sorter: true, sortOrder: createdSort, sortDirections: ['descend', 'ascend', 'descend'] },
    ...(filters.kind === 'problem' ? [{ title: '期限', dataIndex: 'dueAt', width: 140, render: (at: string | null) => districtTime(at) }] : []),
    {
      title: '操作',
      key: 'open',
      width: 80,
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
        <PageTitle>{filters.kind === 'praise' ? '工单 · 点赞审核' : '工单'}</PageTitle>
      </div>
      <Typography.Paragraph>
        {everyUnit ? '全部单位的工单。' : `本单位（${unitName(user.unitId)}）的工单。`}
      </Typography.Paragraph>
      <Form layout='inline' className='console-filters' onFinish={() => set('q', draftQ.trim())}>
        <Form.Item label='类型'>
          <Segmented<Kind>
            value={filters.kind}
            onChange={(v) => setFilters((f) => ({ ...f, kind: v, category: '' }))}
            options={[
              { label: '问题工单', value: 'problem' },
              { label: '点赞审核', value: 'praise' }
            ]}
          />
        </Form.Item>
        <Form.Item label='搜索' htmlFor='cases-q'>
          <Input id='cases-q' allowClear placeholder='描述或地址中的文字' maxLength={50} value={draftQ} onChange={(e) => setDraftQ(e.target.value)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label='类别' htmlFor='cases-category'>
          <Select
            id='cases-category'
            style={{ width: 160 }}
            value={filters.category}
            onChange={(v) => set('category', v)}
            showSearch
            optionFilterProp='label'
            options={[{ value: '', label: '全部类别' }, ...categories.filter((c) => c.kind === filters.kind).map((c) => ({ value: c.code, label: c.active === false ? `${c.name}（已停用）` : c.name }))]}
          />
        </Form.Item>
        <Form.Item label='状态' htmlFor='cases-status'>
          <Select<ReportStatus | ''>
            id='cases-status'
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => set('status', v)}
            options={[{ value: '', label: '全部状态' }, ...REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
          />
        </Form.Item>
        <Form.Item label='镇街' htmlFor='cases-town'>
          <Select
            id='cases-town'
            style={{ width: 130 }}
            value={filters.townId}
            onChange={(v) => setFilters((f) => ({ ...f, townId: v, villageId: v && f.villageId && regions.find((r) => r.id === f.villageId)?.parentId !== v ? '' : f.villageId }))}
            options={[{ value: '', label: '全部镇街' }, ...towns.map((t) => ({ value: t.id, label: t.name }))]}
          />
        </Form.Item>
        <Form.Item label='村居' htmlFor='cases-village'>
          <Select
            id='cases-village'
            style={{ width: 140 }}
            value={filters.villageId}
            onChange={(v) => set('villageId', v)}
            showSearch
            optionFilterProp='label'
            options={[{ value: '', label: '全部村居' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          />
        </Form.Item>
        {everyUnit && (
          <Form.Item label='责任单位' htmlFor='cases-unit'>
            <Select
              id='cases-unit'
              style={{ width: 170 }}
              value={filters.unitId}
              onChange={(v) => set('unitId', v)}
              showSearch
              optionFilterProp='label'
              options={[{ value: '', label: '全部单位' }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
            />
          </Form.Item>
        )}
        <Form.Item label='来源' htmlFor='cases-source'>
          <Select
            id='cases-source'
            style={{ width: 170 }}
            value={filters.source}
            onChange={(v) => set('source', v)}
            options={[{ value: '', label: '全部来源' }, { value: 'app', label: sourceText('app') }, { value: 'phone', label: sourceText('phone') }, { value: 'visit', label: sourceText('visit') }, ...partners.map((p) => ({ value: `open311:${p}`, label: sourceText(`open311:${p}`) }))]}
          />
        </Form.Item>
        <Form.Item label='上报日期'>
          <DatePicker.RangePicker aria-label='上报日期' value={filters.range} allowClear onChange={(v) => set('range', v && v[0] && v[1] ? [v[0], v[1]] : null)} />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)}>
            只看超期
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <Button type='primary' htmlType='submit'>查询</Button>
            <Button onClick={() => { setDraftQ(''); setFilters((f) => ({ ...NO_FILTERS, kind: f.kind })) }}>清空条件</Button>
            <Button onClick={reload}>刷新</Button>
            <Button onClick={() => setFiling(true)}>代为登记</Button>
            <Button onClick={() => void exportCases('xlsx')} loading={exporting === 'xlsx'} disabled={exporting !== null}>导出 Excel</Button>
            <Button onClick={() => void exportCases('csv')} loading={exporting === 'csv'} disabled={exporting !== null}>导出 CSV</Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon role='alert' message={error} style={{ marginBottom: 16 }} />}
      {exportNote && <Alert type={exportNote.type} showIcon role={exportNote.type === 'error' ? 'alert' : 'status'} message={exportNote.text} closable onClose={() => setExportNote(null)} style={{ marginBottom: 16 }} />}
      <Table<Report>
        rowKey='id'
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={tableLocale(loading, '没有符合条件的工单')}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter
          if (s?.columnKey === 'createdAt') setCreatedSort(s.order ?? 'descend')
        }}
        onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
      />
      <CursorPager label='工单' pageIndex={pageIndex} pageSize={PAGE_SIZE} total={total} loading={loading} hasNext={nextCursor !== null} onPrevious={previous} onNext={next} />
      <CaseDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
      <DeskFiling open={filing} onClose={() => setFiling(false)} regions={regions} categories={categories}
        onFiled={(r) => { setFiling(false); message.success(`已登记，已派至${unitName(r.unitId)}`); reload(); setOpenId(r.id) }} />
    </section>
  )
}
