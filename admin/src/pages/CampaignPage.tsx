import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Form, Image, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd'
import type { CatalogItem, Finding, Road, Round, Site, VillageRoundScore } from '../../../types/campaign'
import { SITE_KIND_NAMES } from '../../../types/campaign'
import { SCORE_NAMES, type ScoreKey } from '../../../types/names'
import type { Region } from '../../../types/ranking'
import type { Person } from '../../../types/user'
import { fileUrl, messageOf } from '../api'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { readTable } from '../sheets'
import { download, toCsv } from '../csv'
import { xlsxOf } from '../caseExport'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * 创文测评 (issue 26): the 测评体系 imported from a sheet and edited, the 点位 (sheet) and 路段
 * (GeoJSON), the month's round planned and closed, and its findings with their photos and the
 * Excel (CSV) export. Every change goes through its action (`ranking.importCatalog`,
 * `putCatalogItem`, `importSites`, `importRoads`, `planRound`, `closeRound`), which the server
 * checks and logs; refusals show the server's message.
 */

const thisMonth = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

/** A sheet's rows as objects by header (the first row), each with its line number. */
function byHeader<K extends string>(table: string[][], columns: Record<K, string[]>): { row: number; cells: Record<K, string> }[] {
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase())
  const at = Object.entries<string[]>(columns).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))] as const)
  return table.slice(1).map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(at.map(([k, j]) => [k, j >= 0 ? (cells[j] ?? '').trim() : ''])) as Record<K, string> }))
    .filter(({ cells }) => Object.values(cells).some(Boolean))
}

const CATALOG_COLUMNS = {
  id: ['编号', 'id'], project: ['测评项目', 'project'], indicator: ['指标', '测评指标', 'indicator'], content: ['测评内容', 'content'], standard: ['测评标准', 'standard'],
  kinds: ['点位类型', 'kinds'], deduction: ['扣分', 'deduction'], cap: ['上限', '扣分上限', 'cap'], deadlineHours: ['整改时限', '整改时限（小时）', 'deadlinehours']
}
export const CATALOG_TEMPLATE = [
  ['测评项目', '测评内容', '测评标准', '点位类型', '扣分', '上限', '整改时限（小时）'],
  ['公共环境卫生', '农贸市场环境卫生', '市场内地面干净，无垃圾杂物、无积存污水', '农贸市场', '每处扣 0.5 分', '3', '48']
]
const SITE_COLUMNS = {
  id: ['编号', 'id'], name: ['名称', '点位名称', 'name'], kind: ['点位类型', '类型', 'kind'], latitude: ['纬度', 'latitude', 'lat'], longitude: ['经度', 'longitude', 'lng'],
  village: ['村居', '所属村居', 'villageid'], unit: ['责任单位', 'unitid'], address: ['地址', 'address'], roadId: ['路段', '路段编号', 'roadid']
}
export const SITE_TEMPLATE = [
  ['编号', '名称', '点位类型', '纬度', '经度', '村居', '责任单位', '地址'],
  ['site-001', '幸福村菜市场', '农贸市场', '35.7612', '115.03', '幸福村', '城管执法局', '幸福村菜市场东门']
]
const numberOr = (text: string): number | undefined => (text === '' || Number.isNaN(Number(text)) ? undefined : Number(text))

export function CampaignPage() {
  const { client, user } = useSession()
  const isAdmin = user.role === 'admin'
  const [items, setItems] = useState<CatalogItem[]>([])
  const [sites, setSites] = useState<Site[]>([])
  const [roads, setRoads] = useState<Road[]>([])
  const [regions, setRegions] = useState<Region[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const load = useCallback(async () => {
    try {
      const [c, p, r] = await Promise.all([client.call('ranking', 'campaignCatalog', {}), client.call('ranking', 'campaignPlaces', {}), client.call('ranking', 'regions', {})])
      setItems(c.items)
      setSites(p.sites)
      setRoads(p.roads)
      setRegions(r)
      setLoadError(null)
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [client])
  useEffect(() => void load(), [load])
  return (
    <>
      <PageTitle>创文测评</PageTitle>
      {loadError && <Alert type='error' showIcon message={loadError} role='alert' />}
      <Tabs items={[
        { key: 'round', label: '测评安排', children: <RoundTab regions={regions} isAdmin={isAdmin} /> },
        { key: 'catalog', label: '测评体系', children: <CatalogTab items={items} reload={load} isAdmin={isAdmin} /> },
        { key: 'places', label: '点位与路段', children: <PlacesTab sites={sites} roads={roads} regions={regions} reload={load} isAdmin={isAdmin} /> }
      ]} />
    </>
  )
}

function ImportResult({ result }: { result: { type: 'success' | 'error'; text: string } | null }) {
  return result ? <Alert type={result.type} showIcon message={result.text} style={{ marginBottom: 12 }} role={result.type === 'error' ? 'alert' : 'status'} /> : null
}

// ---------------------------------------------------------------- 测评体系

function CatalogTab({ items, reload, isAdmin }: { items: CatalogItem[]; reload: () => Promise<void>; isAdmin: boolean }) {
  const { client } = useSession()
  const { message } = App.useApp()
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const [editing, setEditing] = useState<CatalogItem | null>(null)
  const [form] = Form.useForm()
  const importFile = async (file: File) => {
    setResult(null)
    try {
      const rows = byHeader(await readTable(file), CATALOG_COLUMNS).map(({ row, cells }) => ({
        row, project: cells.project, content: cells.content, standard: cells.standard, kinds: cells.kinds, deduction: numberOr(cells.deduction) ?? cells.deduction,
        ...(cells.id ? { id: cells.id } : {}), ...(cells.indicator ? { indicator: cells.indicator } : {}),
        ...(numberOr(cells.cap) !== undefined ? { cap: numberOr(cells.cap) } : {}), ...(numberOr(cells.deadlineHours) !== undefined ? { deadlineHours: numberOr(cells.deadlineHours) } : {})
      }))
      const answer = await client.call('ranking', 'importCatalog', { rows })
      setResult({ type: 'success', text: `导入成功：新增 ${answer.created} 项，更新 ${answer.updated} 项` })
      await reload()
    } catch (e) {
      setResult({ type: 'error', text: `导入失败，未做任何更改：${messageOf(e)}` })
    }
  }
  const save = async () => {
    const v = await form.validateFields()
    try {
      await client.call('ranking', 'putCatalogItem', { ...editing!, deduction: v.deduction, cap: v.cap, deadlineHours: v.deadlineHours, standard: v.standard, active: v.active })
      message.success('已保存')
      setEditing(null)
      await reload()
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  return (
    <>
      {isAdmin && (
        <>
          <Typography.Paragraph>
            上传 CSV 或 Excel（.xlsx）文件，第 1 行为表头：测评项目、测评内容、测评标准、点位类型（如「农贸市场、背街小巷」）、扣分（如「每处扣 0.5 分」），可加上限、整改时限（小时）、编号（填已有编号则更新该项）。
            测评项目须为测评指标（{Object.values(SCORE_NAMES).join('、')}），或另加“指标”列。有一行出错则整个文件不导入。
          </Typography.Paragraph>
          <Space style={{ marginBottom: 12 }}>
            <Upload accept='.csv,.xlsx' showUploadList={false} beforeUpload={(file) => { void importFile(file); return false }}>
              <Button>导入测评体系</Button>
            </Upload>
            <Button onClick={() => download('测评体系导入模板.csv', toCsv(CATALOG_TEMPLATE))}>下载模板</Button>
          </Space>
        </>
      )}
      <ImportResult result={result} />
      <Table rowKey='id' size='small' dataSource={items} aria-label='测评体系' pagination={{ pageSize: 20 }}
        columns={[
          { title: '指标', render: (_, i) => SCORE_NAMES[i.indicator] },
          { title: '测评内容', dataIndex: 'content' },
          { title: '测评标准', dataIndex: 'standard' },
          { title: '点位类型', render: (_, i) => i.kinds.map((k) => SITE_KIND_NAMES[k]).join('、') },
          { title: '每处扣分', dataIndex: 'deduction' },
          { title: '上限', dataIndex: 'cap' },
          { title: '整改时限', render: (_, i) => `${i.deadlineHours} 小时` },
          { title: '状态', render: (_, i) => (i.active ? '启用' : <Tag>停用</Tag>) },
          ...(isAdmin ? [{ title: '操作', render: (_: unknown, i: CatalogItem) => <Button size='small' aria-label={`修改：${i.content}`} onClick={() => { setEditing(i); form.setFieldsValue(i) }}>修改</Button> }] : [])
        ]} />
      <Modal open={!!editing} title={editing ? `修改测评项目：${editing.content}` : ''} okText='保存' cancelText='取消' onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout='vertical' name='item'>
          <Form.Item name='standard' label='测评标准' rules={[{ required: true, min: 4, max: 300, message: '测评标准为 4–300 个字' }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name='deduction' label='每处扣分' rules={[{ required: true, message: '请填写每处扣分' }]}><InputNumber min={0.1} max={100} step={0.1} /></Form.Item>
          <Form.Item name='cap' label='扣分上限' rules={[{ required: true, message: '请填写扣分上限' }]}><InputNumber min={0.1} max={100} step={0.5} /></Form.Item>
          <Form.Item name='deadlineHours' label='整改时限（小时）' rules={[{ required: true, message: '请填写整改时限' }]}><InputNumber min={1} max={720} /></Form.Item>
          <Form.Item name='active' label='启用' valuePropName='checked'><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}

// ---------------------------------------------------------------- 点位 and 路段

function PlacesTab({ sites, roads, regions, reload, isAdmin }: { sites: Site[]; roads: Road[]; regions: Region[]; reload: () => Promise<void>; isAdmin: boolean }) {
  const { client, units, unitName } = useSession()
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const villageName = (id: string) => regions.find((r) => r.id === id)?.name ?? id
  const importSites = async (file: File) => {
    setResult(null)
    try {
      const villageOf = (text: string) => regions.find((r) => r.level === 'village' && (r.id === text || r.name === text))?.id ?? text
      const unitOf = (text: string) => units.find((u) => u.id === text || u.name === text)?.id ?? text
      const rows = byHeader(await readTable(file), SITE_COLUMNS).map(({ row, cells }) => ({
        row, id: cells.id, name: cells.name, kind: cells.kind, latitude: Number(cells.latitude), longitude: Number(cells.longitude),
        villageId: villageOf(cells.village), unitId: unitOf(cells.unit), ...(cells.address ? { address: cells.address } : {}), ...(cells.roadId ? { roadId: cells.roadId } : {})
      }))
      const answer = await client.call('ranking', 'importSites', { rows })
      setResult({ type: 'success', text: `点位导入成功：新增 ${answer.created} 个，更新 ${answer.updated} 个` })
      await reload()
    } catch (e) {
      setResult({ type: 'error', text: `导入失败，未做任何更改：${messageOf(e)}` })
    }
  }
  const importRoads = async (file: File) => {
    setResult(null)
    try {
      const answer = await client.call('ranking', 'importRoads', JSON.parse(await file.text()))
      setResult({ type: 'success', text: `路段导入成功：新增 ${answer.created} 条，更新 ${answer.updated} 条` })
      await reload()
    } catch (e) {
      setResult({ type: 'error', text: `导入失败，未做任何更改：${e instanceof SyntaxError ? '文件不是 GeoJSON' : messageOf(e)}` })
    }
  }
  return (
    <>
      {isAdmin && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Upload accept='.csv,.xlsx' showUploadList={false} beforeUpload={(file) => { void importSites(file); return false }}><Button>导入点位</Button></Upload>
          <Button onClick={() => download('点位导入模板.csv', toCsv(SITE_TEMPLATE))}>下载点位模板</Button>
          <Upload accept='.json,.geojson' showUploadList={false} beforeUpload={(file) => { void importRoads(file); return false }}><Button>导入路段（GeoJSON）</Button></Upload>
        </Space>
      )}
      <ImportResult result={result} />
      <Typography.Title level={2}>创文点位</Typography.Title>
      <Table rowKey='id' size='small' dataSource={sites} aria-label='创文点位' pagination={{ pageSize: 20 }}
        columns={[
          { title: '编号', dataIndex: 'id' }, { title: '名称', dataIndex: 'name' }, { title: '类型', render: (_, s) => SITE_KIND_NAMES[s.kind] },
          { title: '村居', render: (_, s) => villageName(s.villageId) }, { title: '责任单位', render: (_, s) => unitName(s.unitId) },
          { title: '位置', render: (_, s) => `${s.location.latitude}, ${s.location.longitude}` }, { title: '路段', render: (_, s) => roads.find((r) => r.id === s.roadId)?.name ?? '—' }
        ]} />
      <Typography.Title level={2}>包保路段</Typography.Title>
      <Table rowKey='id' size='small' dataSource={roads} aria-label='包保路段' pagination={false}
        columns={[
          { title: '编号', dataIndex: 'id' }, { title: '名称', dataIndex: 'name' }, { title: '责任单位', render: (_, r) => unitName(r.unitId) },
          { title: '起点', render: (_, r) => `${r.line[0]![1]}, ${r.line[0]![0]}` }, { title: '终点', render: (_, r) => `${r.line[r.line.length - 1]![1]}, ${r.line[r.line.length - 1]![0]}` },
          { title: '状态', render: (_, r) => (r.active ? '启用' : <Tag>停用</Tag>) }
        ]} />
    </>
  )
}

// ---------------------------------------------------------------- rounds and findings

function RoundTab({ regions, isAdmin }: { regions: Region[]; isAdmin: boolean }) {
  const { client } = useSession()
  const { message } = App.useApp()
  const [period, setPeriod] = useState(thisMonth)
  const [round, setRound] = useState<Round | null>(null)
  const [findings, setFindings] = useState<{ items: Finding[]; villages: VillageRoundScore[] } | null>(null)
  const [evaluators, setEvaluators] = useState<Person[]>([])
  const [error, setError] = useState<string | null>(null)
  const [form] = Form.useForm()
  const load = useCallback(async (p: string) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return
    try {
      const [r, f] = await Promise.all([client.call('ranking', 'round', { period: p }), client.call('ranking', 'findings', { period: p })])
      setRound(r)
      setFindings(f)
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [client])
  useEffect(() => void load(period), [load, period])
  useEffect(() => {
    if (!isAdmin) return
    void Promise.all((['staff', 'admin'] as const).map((role) => client.call('user', 'search', { role, limit: 50 })))
      .then((pages) => setEvaluators(pages.flatMap((p) => p.items).filter((u) => u.evaluator || u.role === 'admin')), () => setEvaluators([]))
  }, [client, isAdmin])
  const plan = async () => {
    const v = await form.validateFields()
    try {
      setRound(await client.call('ranking', 'planRound', { period, evaluators: v.evaluators, ...(v.perVillage ? { perVillage: v.perVillage } : {}), ...(v.villageIds?.length ? { villageIds: v.villageIds } : {}) }))
      message.success('已安排测评')
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const close = async () => {
    try {
      const answer = await client.call('ranking', 'closeRound', { period })
      message.success(`测评已结束，${answer.scores.length} 个村居按扣分计分`)
      await load(period)
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const exportFindings = async (format: 'xlsx' | 'csv') => {
    try {
      const sheet = await client.call('ranking', 'exportFindings', { period })
      if (format === 'csv') download(sheet.filename, sheet.csv)
      else download(sheet.filename.replace(/\.csv$/, '.xlsx'), await xlsxOf(sheet.rows, '测评问题清单'), XLSX_TYPE)
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const kindName = Number(period.slice(5, 7)) % 2 === 1 ? '小测评（每村抽查点位）' : '大测评（全部点位）'
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor='campaign-period'>月份</label>
        <Input id='campaign-period' value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 120 }} placeholder='YYYY-MM' />
        <span>{kindName}</span>
      </Space>
      {error && <Alert type='error' showIcon message={error} role='alert' />}
      {!round && isAdmin && (
        <Form form={form} layout='inline' name='plan' style={{ marginBottom: 12 }}>
          <Form.Item name='evaluators' label='测评员' rules={[{ required: true, message: '请选择测评员' }]}>
            <Select mode='multiple' style={{ minWidth: 220 }} options={evaluators.map((u) => ({ value: u.userId, label: u.nickname }))} />
          </Form.Item>
          <Form.Item name='perVillage' label='每村抽查点位'><InputNumber min={1} max={50} placeholder='3' /></Form.Item>
          <Form.Item name='villageIds' label='村居（不选为全部）'>
            <Select mode='multiple' style={{ minWidth: 220 }} options={regions.filter((r) => r.level === 'village').map((r) => ({ value: r.id, label: r.name }))} optionFilterProp='label' />
          </Form.Item>
          <Button type='primary' onClick={plan}>安排测评</Button>
        </Form>
      )}
      {!round && !isAdmin && <Typography.Paragraph>本月尚未安排测评。</Typography.Paragraph>}
      {round && (
        <>
          <Space style={{ marginBottom: 8 }}>
            <Tag color={round.status === 'open' ? 'blue' : 'default'}>{round.status === 'open' ? '进行中' : '已结束'}</Tag>
            <span>共 {round.sites.length} 个点位，已测评 {round.sites.filter((s) => s.inspected).length} 个</span>
            {round.status === 'open' && <Button onClick={close}>结束测评并计分</Button>}
          </Space>
          <Table rowKey='siteId' size='small' dataSource={round.sites} aria-label='本轮测评点位' pagination={{ pageSize: 20 }}
            columns={[
              { title: '点位', dataIndex: 'siteName' }, { title: '类型', render: (_, s) => SITE_KIND_NAMES[s.kind] }, { title: '村居', dataIndex: 'villageName' },
              { title: '测评员', render: (_, s) => s.evaluator?.nickname ?? '—' }, { title: '状态', render: (_, s) => (s.inspected ? (s.shortfalls ? `${s.shortfalls} 项不达标` : '全部达标') : '未测评') }
            ]} />
        </>
      )}
      <Space style={{ margin: '16px 0 8px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>测评发现的问题</Typography.Title>
        <Button onClick={() => void exportFindings('xlsx')} disabled={!findings?.items.length}>导出问题清单（Excel）</Button>
        <Button onClick={() => void exportFindings('csv')} disabled={!findings?.items.length}>导出 CSV</Button>
      </Space>
      <Table rowKey={(f) => `${f.siteId}:${f.itemId}`} size='small' dataSource={findings?.items ?? []} aria-label='测评发现的问题' pagination={{ pageSize: 20 }}
        columns={[
          { title: '村居', dataIndex: 'villageName' }, { title: '点位', dataIndex: 'siteName' }, { title: '责任单位', dataIndex: 'unitName' },
          { title: '测评标准', dataIndex: 'standard' }, { title: '处数', dataIndex: 'count' }, { title: '扣分', dataIndex: 'deduction' },
          { title: '照片', render: (_, f) => <FindingPhotos f={f} /> }
        ]} />
      {!!findings?.villages.length && (
        <Table rowKey='villageId' size='small' dataSource={findings.villages} aria-label='村居测评得分' pagination={false} style={{ marginTop: 12 }}
          columns={[
            { title: '村居', dataIndex: 'villageName' },
            ...Object.keys(findings.villages[0]!.scores).map((k) => ({ title: SCORE_NAMES[k as ScoreKey], render: (_: unknown, v: VillageRoundScore) => v.scores[k as ScoreKey] })),
            { title: '扣分', dataIndex: 'deducted' }, { title: '总分', dataIndex: 'total' }
          ]} />
      )}
    </>
  )
}

export function FindingPhotos({ f }: { f: Pick<Finding, 'photos' | 'siteName'> }) {
  return (
    <Space wrap>
      {f.photos.map((id, i) => {
        const url = fileUrl(id)
        const name = `${f.siteName} 问题照片 ${i + 1}`
        return url ? <Image key={id} src={url} width={64} height={64} style={{ objectFit: 'cover' }} alt={name} /> : <span key={id}>{`${name}（云存储文件）`}</span>
      })}
    </Space>
  )
}
