import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { CodeHolder, Goods, Redemption } from '../../../types/points'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { isWeApp } from '../../services/platform'
import { messageOf } from '../../services/feedback'
import { grouped } from '../points/qr'
import './index.scss'

const newClientId = () => `x-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
/** The 12 digits inside whatever was typed, pasted or scanned. */
const digitsOf = (text: string) => text.replace(/\D/g, '').slice(0, 12)

/**
 * 积分超市收银 (the shop's shopkeepers, issue 28): the resident's code — scanned (WeChat) or typed /
 * pasted (H5, no camera) — shows who and their balance; the shopkeeper picks goods and 确认兑换
 * redeems them in one transaction. A submit that did not come back is sent again with the same id:
 * the server answers the same receipt, nothing twice.
 */
function ShopPage() {
  const { client, session, regions } = useStore()
  const shops = session.user?.shopIds ?? []
  const [shopId, setShopId] = useState<string>(shops[0] ?? '')
  const [goods, setGoods] = useState<Goods[]>([])
  const [code, setCode] = useState('')
  const [holder, setHolder] = useState<CodeHolder | null>(null)
  const [basket, setBasket] = useState<Record<string, number>>({})
  const [receipt, setReceipt] = useState<Redemption | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submitId = useRef(newClientId())

  useEffect(() => {
    if (!shopId && shops[0]) setShopId(shops[0])
  }, [shops, shopId])
  useEffect(() => {
    if (!shopId) return
    client.call('points', 'goods', { shopId }).then(setGoods, (e) => setError(messageOf(e)))
  }, [client, shopId, receipt])

  const start = () => {
    setHolder(null)
    setBasket({})
    setReceipt(null)
    setError(null)
    submitId.current = newClientId()
  }
  const look = async (text = code) => {
    const digits = digitsOf(text)
    start()
    setCode(digits)
    if (digits.length !== 12) return setError('请输入 12 位兑换码')
    setBusy(true)
    try {
      setHolder(await client.call('points', 'lookupCode', { shopId, code: digits }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await look(result)
    } catch {
      // cancelled
    }
  }
  const change = (id: string, by: number) => setBasket((b) => {
    const stock = goods.find((g) => g.id === id)?.stock ?? 0
    const next = Math.max(0, Math.min(stock, (b[id] ?? 0) + by))
    return { ...b, [id]: next }
  })
  const picked = goods.filter((g) => (basket[g.id] ?? 0) > 0)
  const total = picked.reduce((s, g) => s + g.price * basket[g.id]!, 0)

  const redeem = async () => {
    setBusy(true)
    setError(null)
    try {
      // the same id until it succeeds: a retry after a lost answer is the same redemption
      const done = await client.call('points', 'redeem', { clientId: submitId.current, shopId, code, items: picked.map((g) => ({ goodsId: g.id, quantity: basket[g.id]! })) })
      setReceipt(done)
      setHolder(null)
      setBasket({})
      setCode('')
      submitId.current = newClientId()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  if (!shops.length) {
    return (
      <PageShell className='shop'>
        <View className='shop__card' role='alert'><Text className='shop__text'>您还不是积分超市店员。店员由管理员在管理后台指定。</Text></View>
      </PageShell>
    )
  }
  return (
    <PageShell className='shop'>
      {shops.length > 1 && (
        <View className='shop__card'>
          <ChipGroup label='积分超市' options={shops.map((id) => ({ value: id, label: regions.fullNameOf(id) || id }))} value={shopId} onChange={(id) => { setShopId(id); start() }} />
        </View>
      )}
      <View className='shop__card'>
        <Text className='shop__title'>{regions.fullNameOf(shopId) || shopId} 积分超市</Text>
        {isWeApp && <Button type='primary' block onClick={() => void scan()}>扫描兑换码</Button>}
        <Input className='shop__code' aria-label='兑换码' placeholder='输入或粘贴居民的 12 位兑换码' value={code} maxLength={20} onChange={(v) => setCode(v)} />
        <Button block loading={busy && !holder} disabled={busy} onClick={() => void look()}>查询</Button>
        {error && <View role='alert'><Text className='shop__error'>{error}</Text></View>}
      </View>
      {receipt && (
        <View className='shop__card shop__receipt' role='status'>
          <Text className='shop__title'>兑换成功</Text>
          <Text className='shop__text'>{receipt.customer}：{receipt.items.map((i) => `${i.name}×${i.quantity}`).join('、')}</Text>
          <Text className='shop__text'>共 {receipt.total} 积分{receipt.balanceAfter !== undefined ? `，余额 ${receipt.balanceAfter} 积分` : ''}</Text>
          <Button block onClick={start}>下一位</Button>
        </View>
      )}
      {holder && (
        <>
          <View className='shop__card shop__holder' role='region' aria-label='兑换人'>
            <Text className='shop__text'>兑换人：{holder.nickname}（兑换码 {grouped(code)}）</Text>
            <Text className='shop__text'>可用积分：{holder.balance}</Text>
          </View>
          <CellGroup title='选择商品'>
            {goods.length === 0 && <Cell title='还没有上架商品' />}
            {goods.map((g) => (
              <Cell
                key={g.id}
                className='shop__goods'
                title={g.name}
                description={`${g.price} 积分 · 库存 ${g.stock}`}
                extra={
                  <View className='shop__stepper'>
                    <Button size='small' aria-label={`减少${g.name}`} disabled={!basket[g.id]} onClick={() => change(g.id, -1)}>－</Button>
                    <Text className='shop__count' aria-label={`${g.name}数量`}>{basket[g.id] ?? 0}</Text>
                    <Button size='small' aria-label={`增加${g.name}`} disabled={(basket[g.id] ?? 0) >= g.stock} onClick={() => change(g.id, 1)}>＋</Button>
                  </View>
                }
              />
            ))}
          </CellGroup>
          <View className='shop__card'>
            <Text className='shop__text'>合计 {total} 积分{total > holder.balance ? '（积分不足）' : ''}</Text>
            <Button type='primary' block loading={busy} disabled={busy || total === 0} onClick={() => void redeem()}>确认兑换</Button>
          </View>
        </>
      )}
    </PageShell>
  )
}

export default observer(ShopPage)
