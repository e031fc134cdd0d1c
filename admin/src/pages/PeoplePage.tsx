import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Role } from '../../../types/common'
import type { Person, Unit } from '../../../types/user'
import { GRID_VILLAGES_MAX } from '../../../types/names'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { useCursorPages } from '../useCursorPages'
import { ROLE_NAMES } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { CursorPager, ELLIPSIS, tableLocale } from '../tables'

const PAGE_SIZE = 20
const ROLES: Role[] = ['resident', 'staff', 'admin']

type Filter = { q?: string; role?: Role; villageId?: string; grid?: boolean; gridVillageId?: string }

/**
 * 人员 (admins): `user.search` by nickname, real name or village name, role and village, and by
 * 网格员 (of a village); each person is named by the opaque `userId` (no openid reaches the
 * console) and shown with the real name masked and the villages they are 网格员 of. 设置 opens the
 * role, unit and 测评员 of `user.setRole`; 网格 the villages of `user.setGrid` (the role stays).
 * Every change is in the operation log.
 */
export function PeoplePage() {
  const { client, units: sessionUnits, user: me } = useSession()
  const { message } = App.useApp()
  const [regions, setRegions] = useState<Region[]>([])
  const [filter, setFilter] = useState<Filter>({})
  const [editing, setEditing] = useState<Person | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [form] = Form.useForm<{ role: Role; unitId?: string; evaluator: boolean }>()
  const [gridOf, setGridOf] = useState<Person | null>(null)
  const [gridForm] = Form.useForm<{ villageIds: string[] }>()

  // the units as they are now: the session's were read at sign-in, before 基础数据 may have added some
  const [freshUnits, setFreshUnits] = useState<Unit[] | null>(null)
  useEffect(() => {
    client.call('ranking', 'regions', {}).then(setRegions, () => setRegions([]))
    client.call('user', 'units', {}).then(setFreshUnits, () => setFreshUnits(null))
  }, [client])
  const units = freshUnits ?? sessionUnits
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id
  const villageName = (id: string | null) => (id ? regions.find((r) => r.id === id)?.name ?? id : '—')
  const villageOptions = regions.filter((r) => r.level === 'village').map((r) => ({ value: r.id, label: r.name }))

  const fetchPage = useCallback((cursor: string | undefined) => client.call('user', 'search', { ...filter, withTotal: true, ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }), [client, filter])
  const { items, nextCursor, total, loading, error, pageIndex, next, previous, reload } = useCursorPages<Person>(fetchPage)

  const edit = (p: Person) => {
    setSaveError(null)
    setEditing(p)
    form.setFieldsValue({ role: p.role, unitId: p.unitId ?? undefined, evaluator: p.evaluator })
  }
  const save = async () => {
    if (!editing) return
    // a field the form refuses shows its message beside it; nothing is sent
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setSaving(true)
    setSaveError(null)
    try {
      await client.call('user', 'setRole', { userId: editing.userId, role: values.role, ...(values.unitId ? { unitId: values.unitId } : {}), evaluator: values.evaluator === true })
      message.success(`已更新「${editing.nickname}」的角色`)
      setEditing(null)
      reload()
    } catch (e) {
      setSaveError(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  const editGrid = (p: Person) => {
    setSaveError(null)
    setGridOf(p)
    gridForm.setFieldsValue({ villageIds: p.gridVillageIds })
  }
  const saveGrid = async () => {
    if (!gridOf) return
    const values = await gridForm.validateFields().catch(() => null)
    if (!values) return
    setSaving(true)
    setSaveError(null)
    try {
      const villageIds = values.villageIds ?? []
      await client.call('user', 'setGrid', { userId: gridOf.userId, villageIds })
      message.success(villageIds.length ? `已设置「${gridOf.nickname}」为 ${villageIds.length} 个村居的网格员` : `「${gridOf.nickname}」不再是网格员`)
      setGridOf(null)
      reload()
    } catch (e) {
      setSaveError(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  const columns: ColumnsType<Person> = [
    // the server pages people in the order of their handles (no column's order): no sorting here, which would sort one page only
    { title: '昵称', dataIndex: 'nickname', ...ELLIPSIS },
    { title: '真实姓名', dataIndex: 'realName', render: (x: string | null) => x ?? '—' },
    { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag color={r === 'admin' ? '#a50f15' : r === 'staff' ? '#0958d9' : undefined}>{ROLE_NAMES[r]}</Tag> },
    { title: '单位', dataIndex: 'unitId', ...ELLIPSIS, render: (id: string | null) => (id ? unitName(id) : '—') },
    { title: '测评员', dataIndex: 'evaluator', render: (x: boolean) => (x ? '是' : '—') },
    { title: '所在村居', dataIndex: 'villageId', ...ELLIPSIS, render: villageName },
    { title: '网格村居', dataIndex: 'gridVillageIds', render: (ids: string[]) => (ids.length ? ids.map((id) => <Tag key={id}>{villageName(id)}</Tag>) : '—') },
    { title: '积分', dataIndex: 'points' },
    {
      title: '操作', key: 'edit', render: (_: unknown, p) => (
        <Space>
          <Button onClick={() => edit(p)} aria-label={`设置 ${p.nickname} 的角色`}>设置</Button>
          <Button onClick={() => editGrid(p)} aria-label={`设置 ${p.nickname} 的网格村居`}>网格</Button>
        </Space>
      )
    }
  ]
  const role = Form.useWatch('role', form)

  return (
    <div>
      <PageTitle>人员</PageTitle>
      <Form name='peopleSearch' layout='inline' style={{ marginBottom: 16 }} onFinish={(v: { q?: string; role?: Role; villageId?: string; grid?: 'any'; gridVillageId?: string }) => setFilter({ ...(v.q?.trim() ? { q: v.q.trim() } : {}), ...(v.role ? { role: v.role } : {}), ...(v.villageId ? { villageId: v.villageId } : {}), ...(v.grid ? { grid: true } : {}), ...(v.gridVillageId ? { gridVillageId: v.gridVillageId } : {}) })}>
        <Form.Item name='q' label='搜索'>
          <Input placeholder='昵称、真实姓名或村居' allowClear maxLength={20} aria-label='按昵称、真实姓名或村居搜索' />
        </Form.Item>
        <Form.Item name='role' label='角色'>
          <Select allowClear style={{ width: 120 }} aria-label='按角色筛选' options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        <Form.Item name='villageId' label='村居'>
          <Select allowClear showSearch optionFilterProp='label' style={{ width: 160 }} aria-label='按村居筛选' options={villageOptions} />
        </Form.Item>
        <Form.Item name='grid' label='网格员'>
          <Select allowClear style={{ width: 120 }} aria-label='只看网格员' options={[{ value: 'any', label: '仅网格员' }]} />
        </Form.Item>
        <Form.Item name='gridVillageId' label='网格村居'>
          <Select allowClear showSearch optionFilterProp='label' style={{ width: 160 }} aria-label='按网格村居筛选（该村居的网格员）' options={villageOptions} />
        </Form.Item>
        <Form.Item>
          <Button type='primary' htmlType='submit'>查询</Button>
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table rowKey='userId' size='middle' loading={loading} columns={columns} dataSource={items} pagination={false} locale={tableLocale(loading, '没有符合条件的用户')} data-testid='people' />
      <CursorPager label='人员' pageIndex={pageIndex} pageSize={PAGE_SIZE} total={total} loading={loading} hasNext={nextCursor !== null} onPrevious={previous} onNext={next} />
      <Modal open={editing !== null} title={editing ? `设置「${editing.nickname}」` : ''} okText='保存' cancelText='取消' confirmLoading={saving} onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden>
        {saveError && <Alert type='error' showIcon message={saveError} style={{ marginBottom: 12 }} />}
        <Form form={form} name='setRole' layout='vertical'>
          <Form.Item name='role' label='角色' rules={[{ required: true, message: '请选择角色' }]}>
            <Select aria-label='角色' options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r], disabled: editing?.userId === me.userId && r !== 'admin' }))} />
          </Form.Item>
          <Form.Item name='unitId' label='所属单位' rules={role === 'staff' ? [{ required: true, message: '工作人员必须指定所属单位' }] : []}>
            <Select allowClear aria-label='所属单位' options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name='evaluator' valuePropName='checked'>
            <Checkbox>测评员（可录入各村居的测评分）</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={gridOf !== null} title={gridOf ? `「${gridOf.nickname}」的网格村居` : ''} okText='保存' cancelText='取消' confirmLoading={saving} onOk={() => void saveGrid()} onCancel={() => setGridOf(null)} destroyOnHidden>
        {saveError && <Alert type='error' showIcon message={saveError} style={{ marginBottom: 12 }} />}
        <p>网格员负责所选村居的日常巡查，角色和权限不变；不选任何村居即不再是网格员。</p>
        <Form form={gridForm} name='setGrid' layout='vertical'>
          <Form.Item name='villageIds' label='负责的村居' rules={[{ type: 'array', max: GRID_VILLAGES_MAX, message: `一位网格员最多负责 ${GRID_VILLAGES_MAX} 个村居` }]}>
            <Select mode='multiple' allowClear showSearch optionFilterProp='label' aria-label='负责的村居' options={villageOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
