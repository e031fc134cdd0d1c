import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { route } from '../../routes'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { starTitle } from '../../../types/names'
import '../../pages/volunteer/cards.scss'
import '../components/volunteer.scss'
import { useVolunteer } from '../../stores/volunteer'

const hours = (m: number) => (m / 60).toFixed(1)

/** Volunteers by hours, this month or all time, with the reader's own place. */
function Leaderboard() {
  const volunteer = useVolunteer()
  const [error, setError] = useState<unknown>(null)
  useEffect(() => void volunteer.loadLeaderboard().catch(setError), [volunteer])
  const board = volunteer.leaderboard
  return (
    <PageShell loading={!board && !error} error={error} onRefresh={() => volunteer.loadLeaderboard()} className='vol-board'>
      {board && (
        <>
          <View className='vol-section'>
            <ChipGroup label='时间范围' options={[{ value: 'month', label: '本月' }, { value: 'all', label: '累计' }]} value={volunteer.scope} onChange={(v) => void volunteer.loadLeaderboard(v as 'month' | 'all').catch(setError)} />
            {volunteer.fellBackToAll && <View className='vol-section__hint vol-board__fallback' role='status'>本月还没有志愿时长记录，先看累计排行</View>}
            <Text className='vol-board__me'>我的排名：{board.me.rank ? `第 ${board.me.rank} 名` : '暂无'} · {hours(board.me.minutes)} 小时{board.me.stars > 0 ? ` · ${starTitle(board.me.stars)}` : ''}</Text>
          </View>
          <View className='vol-section'>
            {board.items.length === 0 && (
              <View className='vol-board__empty'>
                <Text>{volunteer.scope === 'month' ? '本月还没有志愿时长记录' : '还没有志愿时长记录'}，参加一次志愿活动就能上榜</Text>
                <Button type='primary' onClick={() => void Taro.switchTab({ url: route.volunteer })}>去看看志愿活动</Button>
              </View>
            )}
            {board.items.map((r, i) => (
              <View key={i} className='vol-section__row'>
                <Text>{r.rank}. {r.nickname}{r.stars > 0 && <Text className='vol-board__stars' aria-label={starTitle(r.stars)}> {'★'.repeat(r.stars)}</Text>}</Text>
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
