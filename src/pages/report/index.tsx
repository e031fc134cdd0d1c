import { useEffect, useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Btn as Button, Cell, CellGroup } from '../../components/ui'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { messageOf } from '../../services/feedback'
import { districtTime } from '../../services/time'
import { route } from '../../routes'
import { STATUS_NAMES } from '../../../types/names'
import type { CaseFigures } from '../../../types/report'
import type { FeedItem, FeedScope, FeedStatus } from '../../stores/feed'
import './index.scss'
import { thumbOf } from '../../../types/photos'

const SCOPES = [{ value: 'village', label: '本村' }, { value: 'nearby', label: '附近 2 公里' }]
const STATUSES = [{ value: '', label: '全部' }, { value: 'open', label: '办理中' }, { value: 'resolved', label: '已办结' }]

/** 随手拍 tab: file a problem or praise, follow my cases, and see the neighbourhood's (figures, 身边的随手拍, map). */
function ReportTab() {
  // the draft itself lives in the sub-report package (stores/reportDraft): the tab preloads its
  // categories and shows whether one waits
  const { session, reportCategories, feed } = useStore()
  const refresh = () => Promise.all([feed.loadFigures().catch(() => undefined), feed.load()])
  useEffect(() => {
    if (session.signedIn) void reportCategories.loadCategories().catch(() => undefined)
  }, [session.signedIn, reportCategories])
  // loaded once signed in, and again each time the tab is shown again (after filing or 我也遇到)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && session.signedIn) void refresh()
    shown.current = true
  })
  useEffect(() => void (session.signedIn && refresh()), [session.signedIn])
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <PageShell className='report-tab' onRefresh={refresh}>
      <View className='report-tab__hero'>
        <Text className='report-tab__title'>随手拍 · 共建文明城市</Text>
        <Text className='report-tab__subtitle'>看到占道经营、乱堆杂物、飞线充电……拍一拍，我们来处理</Text>
        <Button type='primary' size='large' className='report-tab__go' onClick={() => go(route.reportCreate)}>我要随手拍</Button>
        <Button size='large' className='report-tab__praise' onClick={() => go(`${route.reportCreate}?kind=praise`)}>文明点赞</Button>
      </View>
      {reportCategories.draftCategory && <Text className='report-tab__draft'>您有一份未提交的草稿，点「我要随手拍」继续</Text>}
      <CellGroup>
        <Cell title='我的上报' description='查看办理进度、评价结果' clickable onClick={() => go(route.myReports)} />
        <Cell title='文明点赞墙' description='看看身边的好人好事' clickable onClick={() => go(route.praiseWall)} />
        {session.isStaff && <Cell title='工单处理' description={session.isAdmin ? '全部单位的工单' : '本单位的工单'} clickable onClick={() => go(route.reportQueue)} />}
      </CellGroup>
      {feed.figures && (
        <View className='report-tab__section figures'>
          <Text className='report-tab__heading'>本月数据</Text>
          {feed.figures.village && <FigureRow name={feed.figures.village.name} f={feed.figures.village} />}
          <FigureRow name='全区' f={feed.figures.district} />
        </View>
      )}
      <View className='report-tab__section feed'>
        <Text className='report-tab__heading'>身边的随手拍</Text>
        <ChipGroup label='范围' options={SCOPES} value={feed.scope} onChange={(v) => void feed.setScope(v as FeedScope)} />
        <ChipGroup label='办理状态' options={STATUSES} value={feed.status} onChange={(v) => void feed.setStatus(v as FeedStatus)} />
        <Button className='feed__map' onClick={() => go(route.reportMap)}>在地图上看</Button>
        {feed.needsVillage && <Text className='feed__note'>请先在「我的 › 编辑资料」设置所在村居，或选「附近」</Text>}
        {feed.error ? <View className='feed__note' role='alert'>{messageOf(feed.error)}</View> : null}
        {feed.loaded && !feed.items.length && !feed.needsVillage && !feed.error && <Text className='feed__note'>这里还没有随手拍</Text>}
        {feed.items.map((r) => <FeedCard key={r.id} report={r} onOpen={() => go(route.reportDetail(r.id))} />)}
        {feed.nextCursor && <Button loading={feed.loading} onClick={() => void feed.load(true)}>加载更多</Button>}
      </View>
    </PageShell>
  )
}

function FigureRow({ name, f }: { name: string; f: CaseFigures }) {
  return (
    <View className='figures__row'>
      <Text className='figures__name'>{name}</Text>
      <Text className='figures__cell'>上报 <Text className='figures__num'>{f.received}</Text></Text>
      <Text className='figures__cell'>受理 <Text className='figures__num'>{f.accepted}</Text></Text>
      <Text className='figures__cell'>办结 <Text className='figures__num'>{f.resolved}</Text></Text>
      <Text className='figures__cell'>按期率 <Text className='figures__num'>{f.onTimeRate === null ? '—' : `${f.onTimeRate}%`}</Text></Text>
    </View>
  )
}

const meters = (d: number) => (d < 1000 ? `${d} 米` : `${(d / 1000).toFixed(1)} 公里`)

/** Where a case is, in words: its address when the public may see it, else its village. */
const placeOf = (r: FeedItem) => r.location.address?.trim() || (r.villageName ? `${r.villageName}（未写具体地址）` : '位置未标注')

/**
 * One public case: first photo (before and after once resolved), category, status, the place in
 * words, time, distance, 我也遇到 — and 「我的」 on the caller's own (as the server says: `isMine`).
 */
const FeedCard = observer(function FeedCard({ report: r, onOpen }: { report: FeedItem; onOpen: () => void }) {
  const { client } = useStore()
  const photo = (id: string | undefined, label: string, cls: string) =>
    id ? <Image className={`feed-card__photo ${cls}`} src={client.fileUrl(thumbOf(id))} mode='aspectFill' nativeProps={{ alt: label }} /> : null
  const done = r.afterPhotos.length > 0
  const when = districtTime(r.createdAt, 'MM-DD HH:mm')
  const place = placeOf(r)
  const label = `${r.isMine ? '我的，' : ''}${r.categoryName}，${STATUS_NAMES[r.status]}，${place}，${when}`
  return (
    <View className={`feed-card${r.isMine ? ' feed-card--mine' : ''}`} role='link' aria-label={label} onClick={onOpen}>
      <View className='feed-card__photos'>
        {photo(r.photos[0], `${r.categoryName}整改前`, 'feed-card__before')}
        {done && photo(r.afterPhotos[0], `${r.categoryName}整改后`, 'feed-card__after')}
      </View>
      <View className='feed-card__head'>
        <Text className='feed-card__category'>{r.categoryName}</Text>
        {r.isMine && <Text className='feed-card__mine'>我的</Text>}
        <Text className={`feed-card__status feed-card__status--${r.status}`}>{STATUS_NAMES[r.status]}</Text>
      </View>
      <Text className='feed-card__place'>{place}</Text>
      <Text className='feed-card__meta'>
        {when}{r.distance !== undefined ? ` · ${meters(r.distance)}` : ''}{` · ${r.supportCount} 人也遇到`}
      </Text>
    </View>
  )
})

export default observer(ReportTab)
