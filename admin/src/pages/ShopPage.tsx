import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Goods, Redemption } from '../../../types/points'
import type { Region } from '../../../types/ranking'
import type { Person } from '../../../types/user'
import { messageOf } from '../api'
import { districtTime } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byNumber, byText, ELLIPSIS, tableLocale } from '../tables'
import { download } from '../csv'
import { readAll, xlsxOf, type Cell } from '../caseExport'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The district's current month, `YYYY-MM`. */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)

export const REDEMPTION_COLUMNS = ['兑换时间', '兑换人', '商品', '积分', '店员', '单号'] as const
/** A month's redemptions as rows of the export (names, district times). */
export const redemptionRows = (items: Redemption[]): Cell[][] => [
  [...REDEMPTION_COLUMNS],
  ...items.map((r) => [districtTime(r.at), r.customer, r.items.map((i) => `${i.name}×${i.quantity}`).join('、'), r.total, r.keeper, r.id])
]

/**
 * 积分超市 (admins, issue 28): per shop (a village or a town) its goods (price, stock, on the shelf),
 * its shopkeepers (`points.setShopkeeper`, like 网格员) and a month's redemptions with their count
 * and points, exported to Excel.
 */
export function ShopPage() {
  const { client } = useSession()
  const { message, modal } = App.useApp()
  const [loading, setLoading] = useState(true)
  const [regions, setRegions] = useState<Region[]>([])
  const [shopId, setShopId] = useState<string | null>(null)
  const [goods, setGoods] = useState<Goods[]>([])
  const [keepers, setKeepers] = useState<Person[]>([])
  const [month, setMonth] = useState(thisMonth)
  const [redemptions, setRedemptions] = useState<{ items: Redemption[]; capped: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<Goods | 'new' | null>(null)
  const [form] = Form.useForm<{ name: string; price: number; stock: number; active: boolean }>()
  const [found, setFound] = useState<Person[]>([])
  const [exporting, setExporting] = useState(false)

  useEffect(() => {
    client.call('ranking', 'regions', {}).then((all) => {
      setRegions(all)
      setShopId((id) => id ?? all.find((r) => r.level === 'village')?.id ?? null)
    }, (e) => setError(messageOf(e)))
  }, [client])
  const shopName = (id: string) => regions.find((r) => r.id === id)?.name ?? id

  const load = useCallback(async () => {
    if (!shopId) return
    setError(null)
    setLoading(true)
    try {
      const [g, k, r] = await Promise.all([
        client.call('points', 'goods', { shopId, includeInactive: true }),
        client.call('points', 'shopkeepers', { shopId }),
        readAll((cursor) => client.call('points', 'redemptions', { shopId, month, cursor, limit: 50 }))
      ])
      setGoods(g)
      setKeepers(k)
      setRedemptions(r)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [client, shopId, month])
  useEffect(() => void load(), [load])

  const edit = (g: Goods | 'new') => {
    setEditing(g)
    form.setFieldsValue(g === 'new' ? { name: '', price: 10, stock: 0, active: true } : { name: g.name, price: g.price, stock: g.stock, active: g.active })
  }
  const save = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values || !shopId || !editing) return
    // taking goods off the shelf (下架) asks first: residents can no longer redeem them
    if (editing !== 'new' && editing.active && !values.active) {
      const sure = await modal.confirm({ title: `下架「${editing.name}」？`, content: '下架后居民不能再兑换该商品，已兑换的记录不受影响。', okText: '下架', okButtonProps: { danger: true }, cancelText: '取消' })
      if (!sure) return
    }
    try {
      await client.call('points', 'putGoods', { ...(editing === 'new' ? {} : { id: editing.id }), shopId, ...values })
      message.success('商品已保存')
      setEditing(null)
      await load()
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const setKeeper = async (p: Person, keep: boolean) => {
    if (!shopId) return
    try {
      const shopIds = keep ? [...new Set([...p.shopIds, shopId])] : p.shopIds.filter((id) => id !== shopId)
      await client.call('points', 'setShopkeeper', { userId: p.userId, shopIds })
      message.success(keep ? `已设「${p.nickname}」为店员` : `已取消「${p.nickname}」的店员`)
      setFound([])
      await load()
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const search = async (q: string) => {
    if (!q.trim()) return setFound([])
    try {
      setFound((await client.call('user', 'search', { q: q.trim(), limit: 10 })).items)
    } catch {
      setFound([])
    }
  }
  const exportMonth = async () => {
    if (!shopId || !redemptions) return
    setExporting(true)
    try {
      download(`积分超市兑换记录-${shopName(shopId)}-${month}.xlsx`, await xlsxOf(redemptionRows(redemptions.items), '兑换记录'), XLSX_TYPE)
    } catch (e) {
      message.error(messageOf(e))
    } finally {
      setExporting(false)
    }
  }

  const goodsColumns: ColumnsType<Goods> = [
    { title: '商品', dataIndex: 'name', ...ELLIPSIS, sorter: byText((g) => g.name) },
    { title: '积分', dataIndex: 'price', sorter: byNumber((g) => g.price) },
    { title: '库存', dataIndex: 'stock', sorter: byNumber((g) => g.stock), render: (n: number) => (n > 0 ? n : '0（已兑完）') },
    { title: '状态', key: 'active', sorter: byNumber((g) => (g.active ? 1 : 0)), render: (_, g) => (g.active ? '在售' : '已下架') },
    { title: '操作', render: (_, g) => <Button onClick={() => edit(g)}>编辑</Button> }
  ]
  const redemptionColumns: ColumnsType<Redemption> = [
    // the month's redemptions are all read (readAll): sorted here
    { title: '兑换时间', key: 'at', sorter: byText((r) => r.at), defaultSortOrder: 'descend', render: (_, r) => districtTime(r.at) },
    { title: '兑换人', dataIndex: 'customer', ...ELLIPSIS, sorter: byText((r) => r.customer) },
    { title: '商品', key: 'items', ...ELLIPSIS, render: (_, r) => r.items.map((i) => `${i.name}×${i.quantity}`).join('、') },
    { title: '积分', dataIndex: 'total', sorter: byNumber((r) => r.total) },
    { title: '店员', dataIndex: 'keeper', ...ELLIPSIS, sorter: byText((r) => r.keeper) }
  ]
  const shops = regions.filter((r) => r.level === 'village' || r.level === 'town')
  const total = redemptions?.items.reduce((s, r) => s + r.total, 0) ?? 0

  return (
    <div>
      <PageTitle>积分超市</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <span id='shop-label'>积分超市</span>
        <Select aria-labelledby='shop-label' style={{ width: 240 }} showSearch optionFilterProp='label' value={shopId ?? undefined} onChange={setShopId}
          options={shops.map((r) => ({ value: r.id, label: `${r.name}${r.level === 'town' ? '（镇街）' : ''}` }))} />
      </Space>
      {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 16 }} />}

      <Typography.Title level={2}>商品</Typography.Title>
      <Button type='primary' onClick={() => edit('new')} style={{ marginBottom: 8 }}>上架商品</Button>
      <Table rowKey='id' size='small' columns={goodsColumns} dataSource={goods} loading={loading} pagination={false} locale={tableLocale(loading, '还没有商品')} />

      <Typography.Title level={2}>店员</Typography.Title>
      <Space direction='vertical' style={{ width: '100%' }}>
        <Space wrap>
          {keepers.length === 0 && <span>还没有店员</span>}
          {keepers.map((p) => (
            <Tag key={p.userId} closable
              onClose={(e) => {
                e.preventDefault()
                // taking a shopkeeper away asks first
                void (async () => {
                  const sure = await modal.confirm({ title: `取消「${p.nickname}」的店员？`, content: '取消后该人员不能再在本积分超市核销兑换。', okText: '取消店员', okButtonProps: { danger: true }, cancelText: '不取消' })
                  if (sure) await setKeeper(p, false)
                })()
              }}>{p.nickname}</Tag>
          ))}
        </Space>
        <Input.Search aria-label='查找人员' placeholder='按昵称、姓名或村居查找，设为店员' allowClear onSearch={(q) => void search(q)} style={{ maxWidth: 420 }} />
        {found.map((p) => (
          <Space key={p.userId}>
            <span>{p.nickname}{p.realName ? `（${p.realName}）` : ''}</span>
            <Button size='small' disabled={p.shopIds.includes(shopId ?? '')} onClick={() => void setKeeper(p, true)}>设为店员</Button>
          </Space>
        ))}
      </Space>

      <Typography.Title level={2}>兑换记录</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input aria-label='月份' value={month} onChange={(e) => setMonth(e.target.value)} placeholder='YYYY-MM' style={{ width: 120 }} />
        <span className='shop-summary'>{redemptions ? `本月兑换 ${redemptions.items.length} 笔，共 ${total} 积分` : ''}</span>
        <Button onClick={() => void exportMonth()} loading={exporting} disabled={!redemptions?.items.length}>导出 Excel</Button>
      </Space>
      <Table rowKey='id' size='small' columns={redemptionColumns} dataSource={redemptions?.items ?? []} loading={loading}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条`, showSizeChanger: false }} locale={tableLocale(loading, '本月没有兑换')} />

      <Modal open={editing !== null} title={editing === 'new' ? '上架商品' : '编辑商品'} onOk={() => void save()} onCancel={() => setEditing(null)} okText='保存' cancelText='取消'>
        <Form form={form} layout='vertical'>
          <Form.Item name='name' label='商品名称' rules={[{ required: true, message: '请填写商品名称' }, { max: 30, message: '最多 30 个字' }]}><Input /></Form.Item>
          <Form.Item name='price' label='所需积分' rules={[{ required: true, message: '请填写积分' }]}><InputNumber min={1} max={100000} precision={0} /></Form.Item>
          <Form.Item name='stock' label='库存' rules={[{ required: true, message: '请填写库存' }]}><InputNumber min={0} max={1000000} precision={0} /></Form.Item>
          <Form.Item name='active' label='在售' valuePropName='checked'><Switch /></Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
