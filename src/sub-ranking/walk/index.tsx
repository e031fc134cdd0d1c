import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { SITE_KIND_NAMES } from '../../../types/campaign'
import { KIND_NAMES, kindOf } from '../../../types/ranking'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { route } from '../../routes'
import { MySitesStore, roundMonths } from './store'
import './index.scss'

/**
 * Where a 点位 (its point, or its area's centre) and 我 sit on the plan, in per cent of its square:
 * longitude × latitude to scale (a metre as long both ways), the box of all of them padded.
 */
export function planOf(points: { latitude: number; longitude: number }[]): (p: { latitude: number; longitude: number }) => { left: number; top: number } {
  const lats = points.map((p) => p.latitude)
  const lngs = points.map((p) => p.longitude)
  const k = Math.cos(((Math.min(...lats) + Math.max(...lats)) / 2) * (Math.PI / 180))
  const midX = (Math.min(...lngs) + Math.max(...lngs)) / 2
  const midY = (Math.min(...lats) + Math.max(...lats)) / 2
  const span = Math.max((Math.max(...lngs) - Math.min(...lngs)) * k, Math.max(...lats) - Math.min(...lats), 0.0005) * 1.3
  return (p) => ({ left: 50 + (((p.longitude - midX) * k) / span) * 100, top: 50 - ((p.latitude - midY) / span) * 100 })
}

const distanceText = (m: number | null) => (m === null ? '' : m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`)

/** 我的测评点位 (evaluators): the month's 点位 assigned to me, nearest first; each opens its checklist. */
function MySitesPage() {
  const { client } = useStore()
  const [list] = useState(() => new MySitesStore(client))
  const [months] = useState(() => roundMonths())
  const [view, setView] = useState<'list' | 'map'>('list')
  useEffect(() => { void list.load() }, [list])
  useDidShow(() => { if (list.loaded) void list.load() })
  const closed = list.status === 'closed'
  return (
    <PageShell
      loading={!list.loaded && list.loading}
      error={list.loaded ? null : list.error}
      onRefresh={() => list.load()}
      className='walk'
    >
      <View className='walk__scope'>
        <ChipGroup label='测评月份' options={months.map((m, i) => ({ value: m, label: `${i ? '下月' : '本月'} ${m} ${KIND_NAMES[kindOf(m)]}` }))} value={list.period} onChange={(m) => void list.setPeriod(m)} />
        {list.loaded && list.status && (
          <View className='walk__summary' role='status'>
            {closed ? '本轮测评已结束。' : ''}共 {list.items.length} 个点位，已查 {list.done} 个，未查 {list.items.length - list.done} 个
            {list.items.length > 0 && (list.located ? '，按距离由近到远排列' : '；未获取到位置，按村居排列')}
          </View>
        )}
      </View>
      {list.loaded && !list.items.length && (
        <View className='walk__empty' role='status'>
          <Text>{list.status ? '本轮测评没有分配给您的点位' : `${list.period} 还没有安排测评。文明办安排后，分配给您的点位会在这里出现`}</Text>
        </View>
      )}
      {list.items.length > 0 && (
        <View className='walk__views'>
          <ChipGroup label='显示方式' options={[{ value: 'list', label: '列表' }, { value: 'map', label: '地图' }]} value={view} onChange={(v) => setView(v as 'list' | 'map')} />
        </View>
      )}
      {view === 'map' && list.items.length > 0 && (() => {
        const at = planOf([...list.items.map((s) => s.location), ...(list.position ? [list.position] : [])])
        return (
          <View className='walk__map' role='group' aria-label={`测评点位地图：数字为由近到远的顺序${list.position ? '，“我”为当前位置' : ''}，上为北`}>
            {list.position && (
              <View className='walk__me' style={{ left: `${at(list.position).left}%`, top: `${at(list.position).top}%` }} aria-hidden>我</View>
            )}
            {list.items.map((s, i) => (
              <View
                key={s.id}
                className={`walk__pin walk__pin--${s.inspected ? 'done' : 'todo'}`}
                style={{ left: `${at(s.location).left}%`, top: `${at(s.location).top}%` }}
                role='button'
                aria-label={`${i + 1}. ${s.name}，${s.inspected ? '已查' : '未查'}${s.distance === null ? '' : `，${distanceText(s.distance)}`}`}
                onClick={() => void Taro.navigateTo({ url: route.inspectSite(list.period, s.id) })}
              >
                {i + 1}
              </View>
            ))}
          </View>
        )
      })()}
      <View role='list' aria-label='测评点位' className='walk__list'>
        {list.items.map((s, i) => (
          <View key={s.id} role='listitem'>
            <View
              className={`walk__site ${s.inspected ? 'walk__site--done' : ''}`}
              role='button'
              onClick={() => void Taro.navigateTo({ url: route.inspectSite(list.period, s.id) })}
            >
              <View className='walk__site-head'>
                <Text className='walk__site-name'>{view === 'map' ? `${i + 1}. ` : ''}{s.name}</Text>
                <Text className={`walk__state walk__state--${s.inspected ? 'done' : 'todo'}`}>{s.inspected ? '已查' : '未查'}</Text>
              </View>
              <Text className='walk__site-line'>{SITE_KIND_NAMES[s.kind]} · {s.villageName}{s.distance === null ? '' : ` · ${distanceText(s.distance)}`}</Text>
              <Text className='walk__site-line'>{s.items.length} 项测评内容{s.address && s.address !== s.name ? ` · ${s.address}` : ''}</Text>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(MySitesPage)
