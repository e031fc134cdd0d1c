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
          {/* the plot: the value stands on its bar, and the tallest bar with its value still fits under the chart's top */}
          <View className='trend__plot'>
            <Text className='trend__value'>{Math.round(h.total)}</Text>
            <View className={`trend__fill trend__fill--${h.kind}`} style={{ height: `calc((100% - 48px) * ${(Math.max(4, ((h.total - min) / (100 - min)) * 100) / 100).toFixed(3)})` }} />
          </View>
          {/* the month's number over 月: twelve bars fit a phone's width in 长辈模式 too (issue 24) */}
          <View className='trend__label'><Text>{Number(h.period.slice(5, 7))}</Text><Text>月</Text></View>
        </View>
      ))}
    </View>
  )
}
