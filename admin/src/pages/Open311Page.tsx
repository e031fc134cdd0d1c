import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Open311Key } from '../../../types/open311'
import { messageOf } from '../api'
import { districtTime } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'

/**
 * Open311 接口 (admins; docs/open311.md): the keys of partner systems (12345 热线, 数字城管).
 * A new key is shown once — only its hash is kept; a revoked key is refused at once.
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

  const columns: ColumnsType<Open311Key> = [
    { title: '接入方', dataIndex: 'partner' },
    { title: '创建', render: (_, k) => `${districtTime(k.createdAt)} · ${k.createdBy}` },
    { title: '最近使用', render: (_, k) => (k.lastUsedAt ? districtTime(k.lastUsedAt) : '从未使用') },
    { title: '状态', render: (_, k) => (k.revokedAt ? <Tag>已停用 {districtTime(k.revokedAt)}</Tag> : <Tag color='green'>有效</Tag>) },
    {
      title: '操作',
      render: (_, k) => k.revokedAt ? null : (
        <Popconfirm title={`停用「${k.partner}」的密钥？`} description='停用后该系统将无法再提交工单。' okText='停用' cancelText='取消' onConfirm={() => revoke(k.id)}>
          <Button danger>停用</Button>
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
      <Table rowKey='id' columns={columns} dataSource={items} loading={loading} pagination={false} />
    </Space>
  )
}
