import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Region } from '../../../types/ranking'
import type { CategoryQuestion, ReportCategory, RoutingEntry, WorkCalendarData } from '../../../types/report'
import { QUESTION_TYPES } from '../../../types/names'
import type { Unit, UnitChannel } from '../../../types/user'
import { messageOf } from '../api'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byNumber, byText, ELLIPSIS, tableLocale } from '../tables'
import { previewRegions, readTable, REGION_TEMPLATE, type RegionPreview } from '../sheets'
import { download, toCsv } from '../csv'

/**
 * 基础数据 (admins): units, categories, the 分包 routing grid, towns and villages imported from
 * CSV / Excel, and the calendar of working days. Every change goes through its action
 * (`user.putUnit`, `report.putCategory`, `report.setRouting`, `ranking.importRegions`,
 * `report.setCalendar`), which the server checks and logs; refusals show the server's message.
 */
export function ReferencePage() {
  const { client } = useSession()
  const [units, setUnits] = useState<Unit[]>([])
  const [categories, setCategories] = useState<ReportCategory[]>([])
  const [regions, setRegions] = useState<Region[]>([])
  const [routing, setRouting] = useState<RoutingEntry[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  /** Until the first answer: the tables show the spinner, not 「暂无」. */
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    try {
      const [u, c, r, t] = await Promise.all([
        client.call('user', 'units', {}), client.call('report', 'categories', { includeInactive: true }),
        client.call('ranking', 'regions', {}), client.call('report', 'routing', {})
      ])
      setUnits(u)
      setCategories(c)
      setRegions(r)
      setRouting(t.items)
      setLoadError(null)
    } catch (e) {
      setLoadError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [client])
  useEffect(() => void load(), [load])

  return (
    <>
      <PageTitle>基础数据</PageTitle>
      {loadError && <Alert type='error' showIcon message={loadError} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          { key: 'units', label: '责任单位', children: <UnitsTab units={units} regions={regions} reload={load} loading={loading} /> },
          { key: 'categories', label: '问题类别', children: <CategoriesTab categories={categories} units={units} reload={load} loading={loading} /> },
          { key: 'routing', label: '分包表', children: <RoutingTab categories={categories} units={units} regions={regions} routing={routing} onChange={setRouting} loading={loading} /> },
          { key: 'regions', label: '镇街村居', children: <RegionsTab regions={regions} reload={load} loading={loading} /> },
          { key: 'calendar', label: '工作日历', children: <CalendarTab /> }
        ]}
      />
    </>
  )
}

const townName = (regions: Region[], id: string | null) => (id ? regions.find((r) => r.id === id)?.name ?? id : '区直部门')
const activeTag = (x: { active?: boolean }) => (x.active === false ? <Tag>已停用</Tag> : <Tag color='green'>启用</Tag>)

// ---------------------------------------------------------------- units

function UnitsTab({ units, regions, reload, loading }: { units: Unit[]; regions: Region[]; reload: () => Promise<void>; loading: boolean }) {
  const { client, reloadUnits } = useSession()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Partial<Unit> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [form] = Form.useForm<{ id: string; name: string; townId: string | null }>()
  const towns = regions.filter((r) => r.level === 'town')
  // 企业微信 群机器人 per unit (issue 25): the address is answered masked; pasting a new one replaces it
  const [channels, setChannels] = useState<UnitChannel[]>([])
  const [robotOf, setRobotOf] = useState<Unit | null>(null)
  const [robotUrl, setRobotUrl] = useState('')
  const [robotError, setRobotError] = useState<string | null>(null)
  const loadChannels = useCallback(() => client.call('user', 'unitChannels', {}).then(setChannels).catch(() => undefined), [client])
  useEffect(() => void loadChannels(), [loadChannels])
  const saveRobot = async (webhook: string | null) => {
    if (!robotOf) return
    try {
      await client.call('user', 'setUnitWebhook', { unitId: robotOf.id, webhook })
      message.success(webhook ? '已设置群机器人' : '已移除群机器人')
      setRobotOf(null)
      await loadChannels()
    } catch (e) {
      setRobotError(messageOf(e))
    }
  }

  const save = async (patch: { id: string; name: string; townId?: string | null; active?: boolean }) => {
    try {
      await client.call('user', 'putUnit', patch)
      message.success('已保存')
      setEditing(null)
      setError(null)
      await Promise.all([reload(), reloadUnits()])
    } catch (e) {
      setError(messageOf(e))
      if (!editing) message.error(messageOf(e))
    }
  }
  const columns: ColumnsType<Unit> = [
    // every unit is read at once: sorted here
    { title: '编号', dataIndex: 'id', ...ELLIPSIS, sorter: byText((u) => u.id) },
    { title: '名称', dataIndex: 'name', ...ELLIPSIS, sorter: byText((u) => u.name) },
    { title: '所属', key: 'town', ...ELLIPSIS, sorter: byText((u) => townName(regions, u.townId)), render: (_, u) => townName(regions, u.townId) },
    { title: '状态', key: 'active', sorter: byNumber((u) => (u.active === false ? 1 : 0)), render: (_, u) => activeTag(u) },
    { title: '企业微信群机器人', render: (_, u) => (channels.find((c) => c.unitId === u.id)?.webhook ? <Tag color='blue'>已设置</Tag> : <Typography.Text type='secondary'>未设置</Typography.Text>) },
    {
      title: '操作',
      render: (_, u) => (
        <Space>
          <Button size='small' onClick={() => { setError(null); form.setFieldsValue({ id: u.id, name: u.name, townId: u.townId }); setEditing(u) }}>编辑</Button>
          <Button size='small' aria-label={`${u.name}的群机器人`} onClick={() => { setRobotError(null); setRobotUrl(''); setRobotOf(u) }}>群机器人</Button>
          {u.active === false ? (
            <Button size='small' onClick={() => save({ id: u.id, name: u.name, active: true })}>启用</Button>
          ) : (
            <Popconfirm title={`停用「${u.name}」？`} description='停用后不能再向该单位派发新工单，已有工单不受影响' okText='停用' okButtonProps={{ danger: true }} cancelText='取消' onConfirm={() => save({ id: u.id, name: u.name, active: false })}>
              <Button size='small' danger>停用</Button>
            </Popconfirm>
          )}
        </Space>
      )
    }
  ]
  return (
    <>
      <Button type='primary' style={{ marginBottom: 12 }} onClick={() => { setError(null); form.resetFields(); setEditing({}) }}>新建单位</Button>
      <Table rowKey='id' size='small' columns={columns} dataSource={units} pagination={false} loading={loading} locale={tableLocale(loading, '还没有责任单位')}
        footer={() => (loading ? '' : `共 ${units.length} 个单位`)} />
      <Modal open={editing !== null} title={editing?.id ? '编辑单位' : '新建单位'} okText='保存' cancelText='取消' onCancel={() => setEditing(null)}
        onOk={() => form.validateFields().then((v) => save({ id: v.id.trim(), name: v.name.trim(), townId: v.townId ?? null }))}>
        {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} name='unit' layout='vertical'>
          <Form.Item name='id' label='单位编号' rules={[{ required: true, message: '请填写单位编号' }]} extra='小写字母、数字或“-”，如 unit-shuiwu'>
            <Input disabled={!!editing?.id} />
          </Form.Item>
          <Form.Item name='name' label='单位名称' rules={[{ required: true, message: '请填写单位名称' }]}><Input /></Form.Item>
          <Form.Item name='townId' label='所属镇街（镇街办事处填写；区直部门留空）'>
            <Select allowClear options={towns.map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={robotOf !== null} title={`${robotOf?.name ?? ''} · 企业微信群机器人`} okText='保存' cancelText='取消' onCancel={() => setRobotOf(null)}
        onOk={() => void saveRobot(robotUrl.trim())} okButtonProps={{ disabled: !robotUrl.trim() }}>
        {robotError && <Alert type='error' showIcon message={robotError} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>
          新工单、派单、退回、督办、返工、工作提示和工作预警会发到该单位的企业微信群（不含上报人信息）。
          当前：{channels.find((c) => c.unitId === robotOf?.id)?.webhook ?? '未设置'}
        </Typography.Paragraph>
        <Form layout='vertical'>
          <Form.Item label='Webhook 地址（群设置 → 群机器人 → 复制地址）'>
            <Input value={robotUrl} onChange={(e) => setRobotUrl(e.target.value)} placeholder='https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' />
          </Form.Item>
        </Form>
        {channels.find((c) => c.unitId === robotOf?.id)?.webhook && (
          <Popconfirm title='移除群机器人？' description='移除后该单位的企业微信群不再收到工单消息' okText='移除' okButtonProps={{ danger: true }} cancelText='取消' onConfirm={() => saveRobot(null)}>
            <Button danger>移除群机器人</Button>
          </Popconfirm>
        )}
      </Modal>
    </>
  )
}

// ---------------------------------------------------------------- categories

type CategoryForm = Omit<ReportCategory, 'active'>

function CategoriesTab({ categories, units, reload, loading }: { categories: ReportCategory[]; units: Unit[]; reload: () => Promise<void>; loading: boolean }) {
  const { client, unitName } = useSession()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Partial<ReportCategory> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [form] = Form.useForm<CategoryForm>()
  const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? unitName(id)

  const save = async (c: CategoryForm & { active?: boolean }) => {
    try {
      await client.call('report', 'putCategory', c)
      message.success('已保存')
      setEditing(null)
      setError(null)
      await reload()
    } catch (e) {
      setError(messageOf(e))
      if (!editing) message.error(messageOf(e))
    }
  }
  const columns: ColumnsType<ReportCategory> = [
    // every category is read at once: sorted here
    { title: '编号', dataIndex: 'code', ...ELLIPSIS, sorter: byText((c) => c.code) },
    { title: '名称', dataIndex: 'name', ...ELLIPSIS, sorter: byText((c) => c.name) },
    { title: '分组', dataIndex: 'group', ...ELLIPSIS, sorter: byText((c) => c.group) },
    { title: '类型', key: 'kind', sorter: byText((c) => c.kind), render: (_, c) => (c.kind === 'praise' ? '文明点赞' : '问题') },
    { title: '办理时限', key: 'slaHours', sorter: byNumber((c) => c.slaHours), render: (_, c) => `${c.slaHours} 小时` },
    { title: '默认单位', key: 'unit', ...ELLIPSIS, sorter: byText((c) => nameOf(c.unitId)), render: (_, c) => nameOf(c.unitId) },
    { title: '补充问题', key: 'questions', ...ELLIPSIS, render: (_, c) => (c.questions?.length ? c.questions.map((q) => q.label).join('；') : '—') },
    { title: '状态', key: 'active', sorter: byNumber((c) => (c.active === false ? 1 : 0)), render: (_, c) => activeTag(c) },
    {
      title: '操作',
      render: (_, c) => {
        const { active, ...rest } = c
        return (
          <Space>
            <Button size='small' onClick={() => { setError(null); form.setFieldsValue(rest); setEditing(c) }}>编辑</Button>
            {active === false ? (
              <Button size='small' onClick={() => save({ ...rest, active: true })}>启用</Button>
            ) : (
              <Popconfirm title={`停用「${c.name}」？`} description='停用后居民不能再选择该类别上报，已有工单不受影响' okText='停用' okButtonProps={{ danger: true }} cancelText='取消' onConfirm={() => save({ ...rest, active: false })}>
                <Button size='small' danger>停用</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    }
  ]
  return (
    <>
      <Button type='primary' style={{ marginBottom: 12 }} onClick={() => { setError(null); form.resetFields(); form.setFieldsValue({ kind: 'problem', slaHours: 48 }); setEditing({}) }}>新建类别</Button>
      <Table rowKey='code' size='small' columns={columns} dataSource={categories} pagination={false} loading={loading} locale={tableLocale(loading, '还没有问题类别')}
        footer={() => (loading ? '' : `共 ${categories.length} 个类别`)} />
      <Modal open={editing !== null} title={editing?.code ? '编辑类别' : '新建类别'} okText='保存' cancelText='取消' onCancel={() => setEditing(null)}
        onOk={() => form.validateFields().then((v) => save({ ...v, code: v.code.trim(), name: v.name.trim(), group: v.group.trim(), questions: questionsOf(v.questions) }))}>
        {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} name='category' layout='vertical'>
          <Form.Item name='code' label='类别编号' rules={[{ required: true, message: '请填写类别编号' }]} extra='小写字母、数字或“-”'>
            <Input disabled={!!editing?.code} />
          </Form.Item>
          <Form.Item name='name' label='类别名称' rules={[{ required: true, message: '请填写类别名称' }]}><Input /></Form.Item>
          <Form.Item name='group' label='分组（分包表按分组派单）' rules={[{ required: true, message: '请填写分组' }]}><Input /></Form.Item>
          <Form.Item name='kind' label='类型'>
            <Select options={[{ value: 'problem', label: '问题' }, { value: 'praise', label: '文明点赞' }]} />
          </Form.Item>
          <Form.Item name='slaHours' label='办理时限（小时）' rules={[{ required: true, message: '请填写办理时限' }]}><InputNumber min={1} max={720} precision={0} /></Form.Item>
          <Form.Item name='unitId' label='默认责任单位' rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select showSearch optionFilterProp='label' options={units.filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <QuestionsField />
        </Form>
      </Modal>
    </>
  )
}

/** The questions as the form holds them, as the server takes them (a choice keeps its options, others none). */
function questionsOf(list: CategoryQuestion[] | undefined): CategoryQuestion[] {
  return (list ?? []).map((q) => ({
    code: (q.code ?? '').trim(), label: (q.label ?? '').trim(), type: q.type, required: q.required === true,
    ...(q.type === 'choice' ? { options: (q.options ?? []).map((o) => o.trim()).filter(Boolean) } : {})
  }))
}

/**
 * A category's own questions (issue 27): asked in the report form after the description, published
 * to Open311 partners as the service's attributes. The server checks them (types/report.ts).
 */
function QuestionsField() {
  return (
    <Form.List name='questions'>
      {(fields, { add, remove }) => (
        <div className='category-questions'>
          <Typography.Text strong>补充问题</Typography.Text>
          <Typography.Paragraph type='secondary' style={{ marginBottom: 8 }}>上报时请群众回答（如「楼层」「是否有电动车正在充电」），只有工作人员和上报人能看到回答</Typography.Paragraph>
          {fields.map((field, i) => (
            <div key={field.key} className='category-question' style={{ border: '1px solid #f0f0f0', padding: 8, marginBottom: 8 }}>
              <Space wrap align='start'>
                <Form.Item name={[field.name, 'label']} label={`问题 ${i + 1}`} rules={[{ required: true, message: '请填写问题' }]}><Input aria-label={`问题 ${i + 1} 的内容`} style={{ width: 200 }} /></Form.Item>
                <Form.Item name={[field.name, 'code']} label='编号' rules={[{ required: true, message: '请填写编号' }]} extra='小写字母开头，如 floor'><Input aria-label={`问题 ${i + 1} 的编号`} style={{ width: 120 }} /></Form.Item>
                <Form.Item name={[field.name, 'type']} label='类型' initialValue='choice'>
                  <Select aria-label={`问题 ${i + 1} 的类型`} style={{ width: 110 }} options={Object.entries(QUESTION_TYPES).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} label='必答' valuePropName='checked' initialValue={false}><Switch aria-label={`问题 ${i + 1} 是否必答`} /></Form.Item>
              </Space>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => getFieldValue(['questions', field.name, 'type']) === 'choice' && (
                  <Form.Item name={[field.name, 'options']} label='选项（输入后回车）' rules={[{ validator: (_, v?: string[]) => ((v ?? []).length >= 2 ? Promise.resolve() : Promise.reject(new Error('请填写至少 2 个选项'))) }]}>
                    <Select aria-label={`问题 ${i + 1} 的选项`} mode='tags' open={false} tokenSeparators={[',', '，', '、']} />
                  </Form.Item>
                )}
              </Form.Item>
              <Button size='small' danger onClick={() => remove(field.name)}>删除问题 {i + 1}</Button>
            </div>
          ))}
          <Button size='small' onClick={() => add({ type: 'choice', required: false })} disabled={fields.length >= 8}>添加问题</Button>
        </div>
      )}
    </Form.List>
  )
}

// ---------------------------------------------------------------- the 分包 grid

type GridRow = Region & { children?: GridRow[] }

/** The unit a cell names: the group's entry there, else the one unit all its categories' entries there name. */
function cellUnit(routing: RoutingEntry[], scopeId: string, group: string, codes: string[]): { unitId: string | null; mixed: boolean } {
  const own = routing.find((e) => e.scopeId === scopeId && e.key === group)
  if (own) return { unitId: own.unitId, mixed: false }
  const byCode = codes.map((c) => routing.find((e) => e.scopeId === scopeId && e.key === c)?.unitId ?? null)
  if (byCode.every((u) => u === null)) return { unitId: null, mixed: false }
  return byCode.every((u) => u === byCode[0]) ? { unitId: byCode[0]!, mixed: false } : { unitId: null, mixed: true }
}

function RoutingTab({ categories, units, regions, routing, onChange, loading }: { categories: ReportCategory[]; units: Unit[]; regions: Region[]; routing: RoutingEntry[]; onChange: (r: RoutingEntry[]) => void; loading: boolean }) {
  const { client } = useSession()
  const { message } = App.useApp()
  const groups = useMemo(() => [...new Set(categories.filter((c) => c.kind === 'problem').map((c) => c.group))], [categories])
  const rows = useMemo<GridRow[]>(() => regions.filter((r) => r.level === 'town').map((t) => ({ ...t, children: regions.filter((v) => v.parentId === t.id) })), [regions])
  const options = units.filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }))

  const set = async (scopeId: string, group: string, unitId: string | null) => {
    try {
      onChange((await client.call('report', 'setRouting', { scopeId, group, unitId })).items)
      message.success('分包已更新')
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const columns: ColumnsType<GridRow> = [
    { title: '镇街 / 村居', dataIndex: 'name', fixed: 'left', width: 160 },
    ...groups.map((group) => ({
      title: group,
      key: group,
      width: 150,
      render: (_: unknown, r: GridRow) => {
        const codes = categories.filter((c) => c.group === group).map((c) => c.code)
        const cell = cellUnit(routing, r.id, group, codes)
        return (
          <Select size='small' style={{ width: 140 }} allowClear value={cell.unitId ?? undefined} aria-label={`${r.name} · ${group}`}
            placeholder={cell.mixed ? '按类别分别派' : r.level === 'town' ? '类别默认单位' : '同镇街'} options={options}
            onChange={(v: string | undefined) => set(r.id, group, v ?? null)} />
        )
      }
    }))
  ]
  return (
    <>
      <Typography.Paragraph type='secondary'>
        一格一个分组：新上报按「村居的设置 → 所属镇街的设置 → 类别的默认单位」确定责任单位。清空一格即恢复默认。
      </Typography.Paragraph>
      <Table rowKey='id' size='small' columns={columns} dataSource={rows} pagination={false} scroll={{ x: 160 + groups.length * 150 }} expandable={{ defaultExpandAllRows: false }}
        loading={loading} locale={tableLocale(loading, '还没有镇街：请先在「镇街村居」中导入')} />
    </>
  )
}

// ---------------------------------------------------------------- towns and villages

function RegionsTab({ regions, reload, loading }: { regions: Region[]; reload: () => Promise<void>; loading: boolean }) {
  const { client } = useSession()
  const [fileName, setFileName] = useState<string | null>(null)
  const [preview, setPreview] = useState<RegionPreview | null>(null)
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const readFile = async (file: File) => {
    setResult(null)
    setFileName(file.name)
    try {
      setPreview(previewRegions(await readTable(file), regions))
    } catch {
      setPreview({ rows: [], errors: ['无法读取该文件：请上传 CSV 或 .xlsx 文件'], created: 0, updated: 0 })
    }
  }
  const runImport = async () => {
    if (!preview) return
    setBusy(true)
    try {
      const answer = await client.call('ranking', 'importRegions', { rows: preview.rows })
      setResult({ type: 'success', text: `导入成功：新增 ${answer.created} 个，更新 ${answer.updated} 个` })
      setPreview(null)
      setFileName(null)
      await reload()
    } catch (e) {
      setResult({ type: 'error', text: `导入失败，未做任何更改：${messageOf(e)}` })
    } finally {
      setBusy(false)
    }
  }
  const tree = regions.filter((r) => r.level === 'town').map((t) => ({ ...t, children: regions.filter((v) => v.parentId === t.id) }))
  return (
    <>
      <Typography.Paragraph>
        上传 CSV 或 Excel（.xlsx）文件，第 1 行为表头：<Typography.Text code>名称</Typography.Text>、<Typography.Text code>级别</Typography.Text>（镇街 / 村居）、
        <Typography.Text code>所属镇街</Typography.Text>（填镇街名称，如 濮阳镇）、<Typography.Text code>编号</Typography.Text>（可不填）。同一镇街下同名的村居视为已有，更新其名称和所属，地理信息保留；
        边界和中心点请在 <a href='#/geo'>村居地理</a> 导入 GeoJSON。有一行出错则整个文件不导入。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Upload accept='.csv,.xlsx' showUploadList={false} beforeUpload={(file) => { void readFile(file); return false }}>
          <Button>选择文件</Button>
        </Upload>
        <Button onClick={() => download('镇街村居导入模板.csv', toCsv(REGION_TEMPLATE))}>下载模板</Button>
        {fileName && <span>{fileName}</span>}
      </Space>
      {result && <Alert type={result.type} showIcon message={result.text} style={{ marginBottom: 12 }} role={result.type === 'error' ? 'alert' : 'status'} />}
      {preview && (
        <div className='reference-preview' style={{ marginBottom: 16 }}>
          {preview.errors.length ? (
            <Alert type='error' showIcon message={`文件有 ${preview.errors.length} 处错误，不能导入`} description={<ul>{preview.errors.slice(0, 20).map((e) => <li key={e}>{e}</li>)}</ul>} role='alert' />
          ) : (
            <Alert type='info' showIcon message={`预览：共 ${preview.rows.length} 行，将新增 ${preview.created} 个、更新 ${preview.updated} 个`} />
          )}
          <Table rowKey='row' size='small' style={{ marginTop: 8 }} pagination={{ pageSize: 10 }} dataSource={preview.rows}
            columns={[
              { title: '行', dataIndex: 'row' },
              { title: '名称', dataIndex: 'name' },
              { title: '级别', render: (_, r) => (r.level === 'town' ? '镇街' : '村居') },
              { title: '所属镇街', render: (_, r) => (r.parentId ? preview.rows.find((t) => t.id === r.parentId)?.name ?? regions.find((t) => t.id === r.parentId)?.name ?? r.parentId : '—') },
              { title: '结果', render: (_, r) => (regions.some((x) => x.id === r.id) ? '更新' : '新增') }
            ]} />
          <Space>
            <Button type='primary' disabled={preview.errors.length > 0} loading={busy} onClick={runImport}>导入</Button>
            <Button onClick={() => { setPreview(null); setFileName(null) }}>取消</Button>
          </Space>
        </div>
      )}
      <Table rowKey='id' size='small' pagination={false} dataSource={tree} aria-label='镇街村居' loading={loading} locale={tableLocale(loading, '还没有镇街村居：请导入')}
        footer={() => (loading ? '' : `共 ${regions.filter((r) => r.level === 'town').length} 个镇街、${regions.filter((r) => r.level === 'village').length} 个村居`)}
        columns={[{ title: '名称', dataIndex: 'name', sorter: byText((r: Region) => r.name) }, { title: '编号', dataIndex: 'id', sorter: byText((r: Region) => r.id) }, { title: '级别', render: (_, r) => (r.level === 'town' ? '镇街' : '村居') }, { title: '地理信息', render: (_, r) => (r.center ? '已有' : '无') }]} />
    </>
  )
}

// ---------------------------------------------------------------- calendar

const dates = (text: string) => text.split(/[\s,，、]+/).map((d) => d.trim()).filter(Boolean)

function CalendarTab() {
  const { client } = useSession()
  const { message } = App.useApp()
  const [calendar, setCalendar] = useState<WorkCalendarData | null>(null)
  const [skipWeekends, setSkipWeekends] = useState(false)
  const [holidays, setHolidays] = useState('')
  const [workdays, setWorkdays] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    client.call('report', 'calendar', {}).then(({ calendar: c }) => {
      setCalendar(c)
      setSkipWeekends(c?.skipWeekends ?? false)
      setHolidays((c?.holidays ?? []).join('\n'))
      setWorkdays((c?.workdays ?? []).join('\n'))
    }, (e) => setError(messageOf(e)))
  }, [client])

  const save = async () => {
    try {
      const answer = await client.call('report', 'setCalendar', { skipWeekends, holidays: dates(holidays), workdays: dates(workdays) })
      setCalendar(answer.calendar)
      setError(null)
      message.success('工作日历已保存，新工单的办理时限按此计算')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <div style={{ maxWidth: 560 }}>
      <Typography.Paragraph>
        {calendar ? '限时办结只计算工作日的小时数。' : '尚未设置：限时办结按自然小时计算。'}已有工单的时限不变。
      </Typography.Paragraph>
      {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 12 }} />}
      <Space direction='vertical' style={{ width: '100%' }}>
        <label><Switch checked={skipWeekends} onChange={setSkipWeekends} aria-label='周末不计入办理时限' /> 周末不计入办理时限</label>
        <label htmlFor='calendar-holidays'>法定节假日（每行一个日期，YYYY-MM-DD）</label>
        <Input.TextArea id='calendar-holidays' rows={5} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
        <label htmlFor='calendar-workdays'>调休上班日（周末上班，每行一个日期）</label>
        <Input.TextArea id='calendar-workdays' rows={3} value={workdays} onChange={(e) => setWorkdays(e.target.value)} />
        <Button type='primary' onClick={save}>保存工作日历</Button>
      </Space>
    </div>
  )
}
