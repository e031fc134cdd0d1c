import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Role } from '../../../types/common'
import type { Person } from '../../../types/user'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { useCursorPages } from '../useCursorPages'
import { ROLE_NAMES } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'

const PAGE_SIZE = 20
const ROLES: Role[] = ['resident', 'staff', 'admin']

/**
 * 人员 (admins): `user.search` by nickname, real name or village name, role and village; each
 * person is named by the opaque `userId` (no openid reaches the console) and shown with the real
 * name masked. 设置 opens the role, unit and 测评员 of `user.setRole`; every change is in the
 * operation log. 网格员 are not a notion of the district's data yet, so there is nothing to assign.
 */
export function PeoplePage() {
  const { client, units, unitName, user: me } = useSession()
  const { message } = App.useApp()
  const [regions, setRegions] = useState<Region[]>([])
  const [filter, setFilter] = useState<{ q?: string; role?: Role; villageId?: string }>({})
  const [editing, setEditing] = useState<Person | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [form] = Form.useForm<{ role: Role; unitId?: string; evaluator: boolean }>()

  useEffect(() => {
    client.call('ranking', 'regions', {}).then(setRegions, () => setRegions([]))
  }, [client])
  const villageName = (id: string | null) => (id ? regions.find((r) => r.id === id)?.name ?? id : '—')

  const fetchPage = useCallback((cursor: string | undefined) => client.call('user', 'search', { ...filter, ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }), [client, filter])
  const { items, nextCursor, loading, error, pageIndex, next, previous, reload } = useCursorPages<Person>(fetchPage)

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

  const columns: ColumnsType<Person> = [
    { title: '昵称', dataIndex: 'nickname' },
    { title: '真实姓名', dataIndex: 'realName', render: (x: string | null) => x ?? '—' },
    { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag color={r === 'admin' ? '#a50f15' : r === 'staff' ? '#0958d9' : undefined}>{ROLE_NAMES[r]}</Tag> },
    { title: '单位', dataIndex: 'unitId', render: (id: string | null) => (id ? unitName(id) : '—') },
    { title: '测评员', dataIndex: 'evaluator', render: (x: boolean) => (x ? '是' : '—') },
    { title: '所在村居', dataIndex: 'villageId', render: villageName },
    { title: '积分', dataIndex: 'points' },
    { title: '操作', key: 'edit', render: (_: unknown, p) => <Button onClick={() => edit(p)} aria-label={`设置 ${p.nickname} 的角色`}>设置</Button> }
  ]
  const role = Form.useWatch('role', form)

  return (
    <div>
      <PageTitle>人员</PageTitle>
      <Form name='peopleSearch' layout='inline' style={{ marginBottom: 16 }} onFinish={(v: { q?: string; role?: Role; villageId?: string }) => setFilter({ ...(v.q?.trim() ? { q: v.q.trim() } : {}), ...(v.role ? { role: v.role } : {}), ...(v.villageId ? { villageId: v.villageId } : {}) })}>
        <Form.Item name='q' label='搜索'>
          <Input placeholder='昵称、真实姓名或村居' allowClear maxLength={20} aria-label='按昵称、真实姓名或村居搜索' />
        </Form.Item>
        <Form.Item name='role' label='角色'>
          <Select allowClear style={{ width: 120 }} aria-label='按角色筛选' options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        <Form.Item name='villageId' label='村居'>
          <Select allowClear showSearch optionFilterProp='label' style={{ width: 160 }} aria-label='按村居筛选' options={regions.filter((r) => r.level === 'village').map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item>
          <Button type='primary' htmlType='submit'>查询</Button>
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table rowKey='userId' size='middle' loading={loading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: '没有符合条件的用户' }} data-testid='people' />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={previous} disabled={pageIndex === 0 || loading}>上一页</Button>
        <Button onClick={next} disabled={!nextCursor || loading}>下一页</Button>
      </Space>
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
    </div>
  )
}
