import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Form, Image, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload, type SelectProps } from 'antd'
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
import { PlacesMap, boxOf, regionPoints, villageAt, type Bounds, type DrawMode, type Position } from './PlacesMap'

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

/**
 * A Select in a Form.Item: the item's `aria-required` would land on the select's outer div, which
 * has no role (axe: aria-allowed-attr); the label says 必填 by its mark.
 */
function FormSelect({ 'aria-required': _required, ...props }: SelectProps & { 'aria-required'?: unknown }) {
  return <Select {...props} />
}

/** What the map's form edits: a 点位 or a 路段, new or stored, with its geometry as drawn. */
type Editing =
  | { type: 'site'; isNew: boolean; site: Site }
  | { type: 'road'; isNew: boolean; road: Road }

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}`
const closeRing = (ring: Position[]): Position[] => [...ring, ring[0]!]
const geometryText = (e: Editing) =>
  e.type === 'road' ? `路段，${e.road.line.length} 个点` : e.site.polygon?.length ? `多边形，${e.site.polygon[0]!.length - 1} 个顶点` : `点：${e.site.location.latitude}, ${e.site.location.longitude}`

/** A GeoJSON file's Point and Polygon features as 点位 rows (properties: id, name, kind, villageId, unitId, address, roadId). */
function siteRowsOfGeoJson(text: string, villageOf: (t: string) => string, unitOf: (t: string) => string) {
  const data = JSON.parse(text) as { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } }[] }
  if (data.type !== 'FeatureCollection' || !Array.isArray(data.features)) throw new SyntaxError('not a FeatureCollection')
  return data.features.map((f, i) => {
    const p = f.properties ?? {}
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : p[k] === undefined || p[k] === null ? '' : String(p[k]))
    const g = f.geometry
    const where = g?.type === 'Point' && Array.isArray(g.coordinates) ? { longitude: Number(g.coordinates[0]), latitude: Number(g.coordinates[1]) }
      : g?.type === 'Polygon' ? { polygon: g.coordinates as Position[][] } : {}
    return {
      row: i + 1, id: str('id'), name: str('name'), kind: str('kind'), ...where, villageId: villageOf(str('villageId') || str('village')), unitId: unitOf(str('unitId') || str('unit')),
      ...(str('address') ? { address: str('address') } : {}), ...(str('roadId') ? { roadId: str('roadId') } : {})
    }
  })
}

function PlacesTab({ sites, roads, regions, reload, isAdmin }: { sites: Site[]; roads: Road[]; regions: Region[]; reload: () => Promise<void>; isAdmin: boolean }) {
  const { client, units, unitName } = useSession()
  const { message, modal } = App.useApp()
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const villageName = (id: string) => regions.find((r) => r.id === id)?.name ?? id
  const villageOf = (text: string) => regions.find((r) => r.level === 'village' && (r.id === text || r.name === text))?.id ?? text
  const unitOf = (text: string) => units.find((u) => u.id === text || u.name === text)?.id ?? text
  const importSites = async (file: File) => {
    setResult(null)
    try {
      const rows = /\.(geo)?json$/i.test(file.name)
        ? siteRowsOfGeoJson(await file.text(), villageOf, unitOf)
        : byHeader(await readTable(file), SITE_COLUMNS).map(({ row, cells }) => ({
          row, id: cells.id, name: cells.name, kind: cells.kind, latitude: Number(cells.latitude), longitude: Number(cells.longitude),
          villageId: villageOf(cells.village), unitId: unitOf(cells.unit), ...(cells.address ? { address: cells.address } : {}), ...(cells.roadId ? { roadId: cells.roadId } : {})
        }))
      const answer = await client.call('ranking', 'importSites', { rows })
      setResult({ type: 'success', text: `点位导入成功：新增 ${answer.created} 个，更新 ${answer.updated} 个` })
      await reload()
    } catch (e) {
      setResult({ type: 'error', text: `导入失败，未做任何更改：${e instanceof SyntaxError ? '文件不是 GeoJSON' : messageOf(e)}` })
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

  // ---- the map: what is shown, what is drawn, what is edited
  const villages = regions.filter((r) => r.level === 'village')
  const [focus, setFocus] = useState<string | null>(null)
  const bounds = useMemo<Bounds>(() => {
    const focused = focus ? regions.find((r) => r.id === focus) : null
    const points = focused ? regionPoints(focused) : [
      ...regions.flatMap(regionPoints), ...sites.map((s) => [s.location.longitude, s.location.latitude] as Position), ...roads.flatMap((r) => r.line)
    ]
    return boxOf(points) ?? [114.9, 35.6, 115.2, 35.9]
  }, [focus, regions, sites, roads])
  const [mode, setMode] = useState<DrawMode>('select')
  const [draft, setDraft] = useState<Position[]>([])
  /** Redrawing a stored one (else: drawing a new one). */
  const [redrawing, setRedrawing] = useState<Editing | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [saving, setSaving] = useState(false)
  const [form] = Form.useForm()
  const selected = editing ? { type: editing.type, id: editing.type === 'site' ? editing.site.id : editing.road.id } : null

  const startDrawing = (m: DrawMode, again: Editing | null = null) => {
    setDraft([])
    setRedrawing(again)
    setEditing(null)
    setMode(m)
  }
  const cancelDrawing = () => {
    setDraft([])
    setMode('select')
    if (redrawing) open(redrawing)
    setRedrawing(null)
  }
  const open = (e: Editing) => {
    setEditing(e)
    if (e.type === 'site') form.setFieldsValue({ id: e.site.id, name: e.site.name, kind: e.site.kind, villageId: e.site.villageId, unitId: e.site.unitId, address: e.site.address ?? '', roadId: e.site.roadId ?? undefined })
    else form.setFieldsValue({ id: e.road.id, name: e.road.name, unitId: e.road.unitId })
  }
  const finish = (points: Position[]) => {
    const m = mode
    setMode('select')
    setDraft([])
    const before = redrawing
    setRedrawing(null)
    if (m === 'road') {
      const road: Road = before?.type === 'road' ? { ...before.road, line: points } : { id: newId('road'), name: '', unitId: '', line: points, active: true }
      open({ type: 'road', isNew: before ? before.isNew : true, road })
      return
    }
    const polygon = m === 'polygon' ? [closeRing(points)] : null
    const first = points[0]!
    const location = { longitude: first[0], latitude: first[1] }
    const base: Site = before?.type === 'site' ? before.site
      : { id: newId('site'), name: '', kind: m === 'polygon' ? 'market' : 'ads', location, villageId: villageAt(first, regions)?.id ?? focus ?? '', unitId: '', address: null, roadId: null, active: true }
    open({ type: 'site', isNew: before ? before.isNew : true, site: { ...base, location, polygon } })
  }
  const onVertex = (p: Position) => {
    if (mode === 'point') finish([p])
    else setDraft((d) => [...d, p])
  }
  const onPick = (type: 'site' | 'road', id: string) => {
    if (type === 'site') {
      const site = sites.find((s) => s.id === id)
      if (site) open({ type: 'site', isNew: false, site })
    } else {
      const road = roads.find((r) => r.id === id)
      if (road) open({ type: 'road', isNew: false, road })
    }
  }

  const save = async (active?: boolean) => {
    if (!editing) return
    const values = await form.validateFields()
    setSaving(true)
    try {
      if (editing.type === 'site') {
        const s = editing.site
        const site = await client.call('ranking', 'putSite', {
          id: values.id, name: values.name, kind: values.kind, villageId: values.villageId, unitId: values.unitId, address: values.address || null, roadId: values.roadId || null,
          active: active ?? s.active, ...(s.polygon?.length ? { polygon: s.polygon } : { location: s.location })
        })
        message.success(active === undefined ? `已保存点位「${site.name}」` : `已${active ? '启用' : '停用'}点位「${site.name}」`)
      } else {
        const road = await client.call('ranking', 'putRoad', { id: values.id, name: values.name, unitId: values.unitId, line: editing.road.line, active: active ?? editing.road.active })
        message.success(active === undefined ? `已保存路段「${road.name}」` : `已${active ? '启用' : '停用'}路段「${road.name}」`)
      }
      setEditing(null)
      await reload()
    } catch (e) {
      message.error(messageOf(e))
    } finally {
      setSaving(false)
    }
  }
  const toggle = () => {
    if (!editing) return
    const active = editing.type === 'site' ? editing.site.active : editing.road.active
    const name = editing.type === 'site' ? editing.site.name : editing.road.name
    if (!active) return void save(true)
    modal.confirm({
      title: `停用${editing.type === 'site' ? '点位' : '路段'}「${name}」？`,
      content: editing.type === 'site' ? '停用后不再安排测评，群众上报也不再归入该点位；已有的测评记录保留。' : '停用后该路段附近的上报不再交给其责任单位；可随时重新启用。',
      okText: '停用', cancelText: '取消', okButtonProps: { danger: true },
      onOk: () => save(false)
    })
  }
  const editSite = (site: Site) => open({ type: 'site', isNew: false, site })
  const editRoad = (road: Road) => open({ type: 'road', isNew: false, road })
  const drawingHint = mode === 'point' ? '在地图上点击点位的位置' : mode === 'polygon' ? `依次点击多边形的顶点（已画 ${draft.length} 个，至少 3 个），然后点“完成”` : mode === 'road' ? `依次点击路段经过的点（已画 ${draft.length} 个，至少 2 个），然后点“完成”` : null

  return (
    <>
      {isAdmin && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Upload accept='.csv,.xlsx' showUploadList={false} beforeUpload={(file) => { void importSites(file); return false }}><Button>导入点位</Button></Upload>
          <Upload accept='.geojson' showUploadList={false} beforeUpload={(file) => { void importSites(file); return false }}><Button>导入点位（GeoJSON 点或多边形）</Button></Upload>
          <Button onClick={() => download('点位导入模板.csv', toCsv(SITE_TEMPLATE))}>下载点位模板</Button>
          <Upload accept='.json,.geojson' showUploadList={false} beforeUpload={(file) => { void importRoads(file); return false }}><Button>导入路段（GeoJSON）</Button></Upload>
        </Space>
      )}
      <ImportResult result={result} />
      <Typography.Title level={2}>地图</Typography.Title>
      <Space style={{ marginBottom: 8 }} wrap>
        <span id='map-focus-label'>显示范围</span>
        <Select aria-labelledby='map-focus-label' style={{ width: 180 }} value={focus ?? ''} onChange={(v) => setFocus(v || null)} showSearch optionFilterProp='label'
          options={[{ value: '', label: '全区' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]} />
        {isAdmin && mode === 'select' && (
          <>
            <Button onClick={() => startDrawing('point')}>画点位（点）</Button>
            <Button onClick={() => startDrawing('polygon')}>画点位（多边形）</Button>
            <Button onClick={() => startDrawing('road')}>画路段</Button>
          </>
        )}
        {mode !== 'select' && (
          <>
            {mode !== 'point' && <Button type='primary' disabled={draft.length < (mode === 'polygon' ? 3 : 2)} onClick={() => finish(draft)}>完成</Button>}
            {mode !== 'point' && <Button disabled={!draft.length} onClick={() => setDraft((d) => d.slice(0, -1))}>撤销上一点</Button>}
            <Button onClick={cancelDrawing}>取消画图</Button>
          </>
        )}
      </Space>
      {drawingHint && <Alert type='info' showIcon message={drawingHint} role='status' style={{ marginBottom: 8 }} />}
      <PlacesMap sites={sites} roads={roads} regions={regions} bounds={bounds} mode={mode} draft={draft} selected={selected} onPick={onPick} onVertex={onVertex} />
      <Typography.Paragraph type='secondary' style={{ marginTop: 4 }}>蓝色为点位（点或范围），紫色为包保路段，灰色虚线为已停用；{isAdmin ? '点击地图上的点位或路段可编辑。' : '只有文明办管理员可以编辑。'}</Typography.Paragraph>

      <Typography.Title level={2}>创文点位</Typography.Title>
      <Table rowKey='id' size='small' dataSource={sites} aria-label='创文点位' pagination={{ pageSize: 20 }}
        columns={[
          { title: '编号', dataIndex: 'id' }, { title: '名称', dataIndex: 'name' }, { title: '类型', render: (_, s) => SITE_KIND_NAMES[s.kind] },
          { title: '村居', render: (_, s) => villageName(s.villageId) }, { title: '责任单位', render: (_, s) => unitName(s.unitId) },
          { title: '位置', render: (_, s) => (s.polygon?.length ? `范围（${s.polygon[0]!.length - 1} 个顶点）` : `${s.location.latitude}, ${s.location.longitude}`) },
          { title: '路段', render: (_, s) => roads.find((r) => r.id === s.roadId)?.name ?? '—' },
          { title: '状态', render: (_, s) => (s.active ? '启用' : <Tag>停用</Tag>) },
          ...(isAdmin ? [{ title: '操作', render: (_: unknown, s: Site) => <Button size='small' aria-label={`编辑点位：${s.name}`} onClick={() => editSite(s)}>编辑</Button> }] : [])
        ]} />
      <Typography.Title level={2}>包保路段</Typography.Title>
      <Table rowKey='id' size='small' dataSource={roads} aria-label='包保路段' pagination={false}
        columns={[
          { title: '编号', dataIndex: 'id' }, { title: '名称', dataIndex: 'name' }, { title: '责任单位', render: (_, r) => unitName(r.unitId) },
          { title: '起点', render: (_, r) => `${r.line[0]![1]}, ${r.line[0]![0]}` }, { title: '终点', render: (_, r) => `${r.line[r.line.length - 1]![1]}, ${r.line[r.line.length - 1]![0]}` },
          { title: '状态', render: (_, r) => (r.active ? '启用' : <Tag>停用</Tag>) },
          ...(isAdmin ? [{ title: '操作', render: (_: unknown, r: Road) => <Button size='small' aria-label={`编辑路段：${r.name}`} onClick={() => editRoad(r)}>编辑</Button> }] : [])
        ]} />

      <Modal open={!!editing} title={editing ? `${editing.isNew ? '新增' : '编辑'}${editing.type === 'site' ? '点位' : '路段'}` : ''} onCancel={() => setEditing(null)} destroyOnHidden={false} forceRender
        footer={editing && [
          ...(editing.isNew ? [] : [<Button key='toggle' danger={editing.type === 'site' ? editing.site.active : editing.road.active} onClick={toggle} disabled={!isAdmin || saving}>{(editing.type === 'site' ? editing.site.active : editing.road.active) ? '停用' : '启用'}</Button>]),
          <Button key='redraw' onClick={() => startDrawing(editing.type === 'road' ? 'road' : editing.site.polygon?.length ? 'polygon' : 'point', editing)} disabled={!isAdmin}>在地图上重画</Button>,
          <Button key='cancel' onClick={() => setEditing(null)}>取消</Button>,
          <Button key='save' type='primary' loading={saving} disabled={!isAdmin} onClick={() => void save()}>保存</Button>
        ]}>
        <Form form={form} layout='vertical' name='place'>
          {editing && <Typography.Paragraph>几何：<span data-testid='place-geometry'>{geometryText(editing)}</span></Typography.Paragraph>}
          <Form.Item name='id' label='编号' rules={[{ required: true, message: '请填写编号' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, message: '编号为 1–40 位字母、数字、“-”或“_”' }]}><Input disabled={!editing?.isNew} /></Form.Item>
          <Form.Item name='name' label='名称' rules={[{ required: true, message: '请填写名称' }, { min: 2, message: '名称至少 2 个字' }, { max: 40, message: '名称最多 40 个字' }]}><Input /></Form.Item>
          {editing?.type === 'site' && (
            <>
              <Form.Item name='kind' label='点位类型' rules={[{ required: true, message: '请选择点位类型' }]}><FormSelect options={Object.entries(SITE_KIND_NAMES).map(([value, label]) => ({ value, label }))} /></Form.Item>
              <Form.Item name='villageId' label='所属村居' rules={[{ required: true, message: '请选择村居' }]}><FormSelect showSearch optionFilterProp='label' options={villages.map((v) => ({ value: v.id, label: v.name }))} /></Form.Item>
            </>
          )}
          <Form.Item name='unitId' label='责任单位' rules={[{ required: true, message: '请选择责任单位' }]}><FormSelect showSearch optionFilterProp='label' options={units.filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          {editing?.type === 'site' && (
            <>
              <Form.Item name='address' label='地址'><Input maxLength={100} /></Form.Item>
              <Form.Item name='roadId' label='所在路段（可选：其问题交路段责任单位）'><FormSelect allowClear options={roads.map((r) => ({ value: r.id, label: r.name }))} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  )
}

// ---------------------------------------------------------------- rounds and findings

function RoundTab({ regions, isAdmin }: { regions: Region[]; isAdmin: boolean }) {
  const { client } = useSession()
  const { message, modal } = App.useApp()
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
  /** Ends the month's round: no more findings, the villages and units scored from the deductions. Asks first (issue 24). */
  const close = () => modal.confirm({
    title: `结束 ${period} 的测评并计分？`,
    content: '结束后测评员不能再提交检查结果，各村居和单位按本轮扣分计分，榜单随之更新。',
    okText: '结束并计分', cancelText: '取消',
    onOk: async () => {
      try {
        const answer = await client.call('ranking', 'closeRound', { period })
        message.success(`测评已结束，${answer.scores.length} 个村居按扣分计分`)
        await load(period)
      } catch (e) {
        message.error(messageOf(e))
      }
    }
  })
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
