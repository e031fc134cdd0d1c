import { View, Text } from '@tarojs/components'
import { KIND_NAMES } from '../../../types/names'
import type { VillagePage } from '../../../types/ranking'

/**
 * The 12-month trend as a bar chart of plain views: it renders the same in WeChat and H5, costs
 * no chart library (ECharts for mini-programs is ~500 KB), and every bar carries its value for
 * screen readers.
 */
export function TrendChart({ history }: { history: VillagePage['history'] }) {
  if (!history.length) return <Text className='trend__empty'>暂无测评记录</Text>
  const min = Math.max(0, Math.floor(Math.min(...history.map((h) => h.total)) / 10) * 10 - 10)
  return (
    <View className='trend' role='list' aria-label='近 12 个月得分走势'>
      {history.map((h) => (
        <View key={h.period} className='trend__bar' role='listitem' aria-label={`${h.period} ${KIND_NAMES[h.kind]} ${h.total} 分，第 ${h.rank} 名`}>
          <Text className='trend__value'>{Math.round(h.total)}</Text>
          <View className={`trend__fill trend__fill--${h.kind}`} style={{ height: `${Math.max(4, ((h.total - min) / (100 - min)) * 100)}%` }} />
          <Text className='trend__label'>{Number(h.period.slice(5, 7))}月</Text>
        </View>
      ))}
    </View>
  )
}
