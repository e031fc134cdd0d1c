import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { MyPoints, PointCode, PointEntry } from '../../../types/points'
import { POINT_KIND_NAMES } from '../../../types/points'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { messageOf } from '../../services/feedback'
import { districtTime } from '../../services/time'
import { grouped, qrImage } from './qr'
import './index.scss'

/** How often the page looks whether the shown code was used. */
const POLL_MS = 2000

/**
 * 我的 → 积分 (issue 28): the balance, 出示兑换码 (a one-time code as a QR, and its digits for a
 * shop without a camera), the receipt once the shopkeeper redeemed it, and the ledger.
 */
function PointsPage() {
  const { client, session } = useStore()
  const [mine, setMine] = useState<MyPoints | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [code, setCode] = useState<PointCode | null>(null)
  const [qr, setQr] = useState<string | null>(null)
  const [expired, setExpired] = useState(false)
  const [receipt, setReceipt] = useState<PointEntry | null>(null)
  const [busy, setBusy] = useState(false)
  const top = useRef<string | null>(null)

  const load = useCallback(async () => {
    try {
      const got = await client.call('points', 'mine', { limit: 50 })
      setMine(got)
      setError(null)
      return got
    } catch (e) {
      setError(e)
      return null
    }
  }, [client])

  useEffect(() => {
    if (session.signedIn) void load()
  }, [session.signedIn, load])

  const show = async () => {
    setBusy(true)
    try {
      const shown = await client.call('points', 'code', {})
      top.current = mine?.items[0] ? `${mine.items[0].at}|${mine.items[0].ref}` : null
      setReceipt(null)
      setExpired(false)
      setQr(await qrImage(shown.code))
      setCode(shown)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  // while a code is shown: look for its redemption (the ledger's newest entry), until it expires
  useEffect(() => {
    if (!code) return
    const timer = setInterval(() => {
      if (Date.now() >= Date.parse(code.expiresAt)) {
        setExpired(true)
        setCode(null)
        return
      }
      void load().then((got) => {
        const first = got?.items[0]
        if (first && first.kind === 'redemption' && `${first.at}|${first.ref}` !== top.current) {
          setReceipt(first)
          setCode(null)
        }
      })
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [code, load])

  return (
    <PageShell loading={!mine && !error} error={mine ? null : error} onRefresh={() => load()} className='points'>
      {mine && (
        <>
          <View className='points__balance' role='region' aria-label='积分余额'>
            <Text className='points__balance-value'>{mine.balance}</Text>
            <Text className='points__balance-label'>当前积分</Text>
          </View>
          <View className='points__card'>
            {code && qr ? (
              <View className='points__code' role='region' aria-label='兑换码'>
                <Text className='points__hint'>请向积分超市店员出示，店员扫码后选择商品</Text>
                <Image className='points__qr' src={qr} mode='aspectFit' aria-label='兑换码二维码' nativeProps={{ alt: '兑换码二维码' }} />
                <Text className='points__digits' aria-label={`兑换码 ${code.code}`}>{grouped(code.code)}</Text>
                <Text className='points__hint'>有效至 {districtTime(code.expiresAt, 'HH:mm')}，仅可使用一次</Text>
              </View>
            ) : receipt ? (
              <View className='points__receipt' role='status'>
                <Text className='points__title'>兑换成功</Text>
                <Text className='points__text'>{receipt.reason}</Text>
                <Text className='points__text'>扣除 {-receipt.amount} 积分，余额 {mine.balance} 积分</Text>
              </View>
            ) : (
              <Text className='points__hint'>{expired ? '兑换码已过期，请重新出示' : '在本村（镇）积分超市用积分兑换生活用品'}</Text>
            )}
            <Button type='primary' block loading={busy} disabled={busy} onClick={() => void show()}>{code ? '刷新兑换码' : '出示兑换码'}</Button>
          </View>
          <CellGroup title='积分明细'>
            {mine.items.length === 0 && <Cell title='还没有积分记录' description='上报被受理、文明点赞上墙、参加志愿服务都能获得积分' />}
            {mine.items.map((e) => (
              <Cell
                key={`${e.at}|${e.ref}|${e.kind}`}
                className='points__entry'
                title={e.reason}
                description={`${POINT_KIND_NAMES[e.kind]} · ${districtTime(e.at, 'YYYY-MM-DD HH:mm')}`}
                extra={<Text className={e.amount < 0 ? 'points__minus' : 'points__plus'}>{e.amount > 0 ? `+${e.amount}` : e.amount}</Text>}
              />
            ))}
          </CellGroup>
        </>
      )}
    </PageShell>
  )
}

export default observer(PointsPage)
