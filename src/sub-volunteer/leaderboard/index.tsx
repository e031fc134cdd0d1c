import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import '../components/volunteer.scss'

const hours = (m: number) => (m / 60).toFixed(1)

/** Volunteers by hours, this month or all time, with the reader's own place. */
function Leaderboard() {
  const { volunteer } = useStore()
  const [error, setError] = useState<unknown>(null)
  useEffect(() => void volunteer.loadLeaderboard().catch(setError), [volunteer])
  const board = volunteer.leaderboard
  return (
    <PageShell loading={!board && !error} error={error} onRefresh={() => volunteer.loadLeaderboard()} className='vol-board'>
      {board && (
        <>
          <View className='vol-section'>
            <ChipGroup label='时间范围' options={[{ value: 'month', label: '本月' }, { value: 'all', label: '累计' }]} value={volunteer.scope} onChange={(v) => void volunteer.loadLeaderboard(v as 'month' | 'all').catch(setError)} />
            <Text className='vol-board__me'>我的排名：{board.me.rank ? `第 ${board.me.rank} 名` : '暂无'} · {hours(board.me.minutes)} 小时</Text>
          </View>
          <View className='vol-section'>
            {board.items.length === 0 && <Text className='vol-section__hint'>暂无志愿时长记录</Text>}
            {board.items.map((r, i) => (
              <View key={i} className='vol-section__row'>
                <Text>{r.rank}. {r.nickname}</Text>
                <Text>{hours(r.minutes)} 小时</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  )
}

export default observer(Leaderboard)
