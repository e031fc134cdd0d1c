import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Open311Key } from '../../../types/open311'
import { messageOf } from '../api'
import { districtTime } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byText, ELLIPSIS, tableLocale } from '../tables'

/**
 * Open311 接口 (admins; docs/open311.md): the keys of partner systems (12345 热线, 数字城管).
 * A new key is shown once — only its hash is kept; a revoked key is refused at once. Per key, the
 * district may let the partner's 「已解决」 resolve a case (允许办结工单, off by default; issue 27).
 */
export function Open311Page() {
  const { client } = useSession()
  const { message } = App.useApp()
  const [items, setItems] = useState<Open311Key[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [made, setMade] = useState<(Open311Key & { apiKey: string }) | null>(null)
  const [form] = Form.useForm<{ partner: string }>()

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setItems((await client.call('open311', 'keys', {})).items)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [client])
  useEffect(() => void load(), [load])

  const create = async ({ partner }: { partner: string }) => {
    try {
      setMade(await client.call('open311', 'createKey', { partner }))
      form.resetFields()
      await load()
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const revoke = async (id: string) => {
    try {
      await client.call('open311', 'revokeKey', { id })
      message.success('密钥已停用')
      await load()
    } catch (e) {
      message.error(messageOf(e))
    }
  }

  const [switching, setSwitching] = useState<string | null>(null)
  const setStatusChanges = async (k: Open311Key, allowed: boolean) => {
    setSwitching(k.id)
    try {
      await client.call('open311', 'setStatusChanges', { id: k.id, allowed })
      message.success(allowed ? `已允许「${k.partner}」办结工单` : `「${k.partner}」不再能办结工单`)
      await load()
    } catch (e) {
      message.error(messageOf(e))
    } finally {
      setSwitching(null)
    }
  }

  const columns: ColumnsType<Open311Key> = [
    // every key is read at once (open311.keys): sorted here
    { title: '接入方', dataIndex: 'partner', ...ELLIPSIS, sorter: byText((k) => k.partner) },
    { title: '创建', key: 'createdAt', ...ELLIPSIS, sorter: byText((k) => k.createdAt), render: (_, k) => `${districtTime(k.createdAt)} · ${k.createdBy}` },
    { title: '最近使用', key: 'lastUsedAt', sorter: byText((k) => k.lastUsedAt), render: (_, k) => (k.lastUsedAt ? districtTime(k.lastUsedAt) : '从未使用') },
    { title: '状态', key: 'status', sorter: byText((k) => (k.revokedAt ? '1' : '0')), render: (_, k) => (k.revokedAt ? <Tag>已停用 {districtTime(k.revokedAt)}</Tag> : <Tag color='#237804'>有效</Tag>) },
    {
      title: '允许办结工单',
      render: (_, k) => {
        if (k.revokedAt) return k.statusChanges ? '是' : '否'
        const label = `允许「${k.partner}」办结工单`
        // granting is confirmed (the partner then closes cases on the district's behalf); withdrawing is at once
        return k.statusChanges ? (
          <Space><Switch checked aria-label={label} loading={switching === k.id} onChange={() => setStatusChanges(k, false)} />允许</Space>
        ) : (
          <Popconfirm
            title={`允许「${k.partner}」办结工单？`}
            description='对方系统告知「已解决」时，工单随之受理并办结，对方的说明作为答复公开，上报人会收到通知。'
            okText='允许' cancelText='取消' onConfirm={() => setStatusChanges(k, true)}
          >
            <Space><Switch checked={false} aria-label={label} loading={switching === k.id} />不允许</Space>
          </Popconfirm>
        )
      }
    },
    {
      title: '操作',
      render: (_, k) => k.revokedAt ? null : (
        <Popconfirm title={`停用「${k.partner}」的密钥？`} description='停用后该系统将无法再提交工单。' okText='停用' cancelText='取消' onConfirm={() => revoke(k.id)}>
          <Button danger style={{ color: '#a8071a', borderColor: '#a8071a' }}>停用</Button>
        </Popconfirm>
      )
    }
  ]

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <PageTitle>外部系统接入</PageTitle>
      <Typography.Paragraph>
        12345 热线、数字城管等系统通过 Open311 GeoReport v2 提交和查询工单（地址 <Typography.Text code>/open311/v2/</Typography.Text>）。
        每个系统一个密钥；系统提交的工单走同样的流程，来源显示为该系统。
        对方系统转来的意见记入工单，只有工作人员可见；对方告知「已解决」时，只有「允许办结工单」的系统才能办结工单，其他系统的这类更新会被拒绝。
      </Typography.Paragraph>
      <Form form={form} layout='inline' onFinish={create}>
        <Form.Item name='partner' label='接入方名称' rules={[{ required: true, min: 2, max: 40, message: '请填写 2–40 个字的名称' }]}>
          <Input placeholder='如：12345 热线' style={{ width: 240 }} />
        </Form.Item>
        <Button type='primary' htmlType='submit'>生成密钥</Button>
      </Form>
      {made && (
        <Alert
          type='warning'
          showIcon
          closable
          onClose={() => setMade(null)}
          message={`「${made.partner}」的密钥（只显示这一次，请立即复制给对方系统）`}
          description={<Typography.Text copyable code>{made.apiKey}</Typography.Text>}
        />
      )}
      {error && <Alert type='error' showIcon message={error} />}
      <Table rowKey='id' columns={columns} dataSource={items} loading={loading} pagination={false} locale={tableLocale(loading, '还没有接入的系统')}
        footer={() => (loading ? '' : `共 ${items.length} 个接入系统`)} />
    </Space>
  )
}
