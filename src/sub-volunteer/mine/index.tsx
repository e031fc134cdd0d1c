import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { districtTime } from '../../services/time'
import { SIGNUP_STATUS_NAMES } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { route } from '../../routes'
import '../../pages/volunteer/cards.scss'
import '../components/volunteer.scss'
import { useVolunteer } from '../../stores/volunteer'

/** 我的志愿: my drives by state, total hours and the certificate. */
function MyDrives() {
  const { session } = useStore()
  const volunteer = useVolunteer()
  const [error, setError] = useState<unknown>(null)
  const [loaded, setLoaded] = useState(false)
  const load = () => Promise.all([volunteer.loadMine(), session.refresh()]).then(() => setLoaded(true)).catch(setError)
  useEffect(() => void load(), [])
  return (
    <PageShell loading={!loaded && !error} error={error} onRefresh={load} className='my-drives'>
      <View className='vol-section'>
        <Text className='vol-section__title my-drives__hours'>累计志愿时长 {session.hours} 小时</Text>
        <Button type='primary' onClick={() => void Taro.navigateTo({ url: route.certificate })}>志愿服务证明</Button>
      </View>
      {loaded && !volunteer.mine.length && (
        <View className='vol-section my-drives__empty'>
          <Text>还没有参加过志愿活动。报名一次清理活动，签到签退后就有志愿时长和证明。</Text>
          <Button type='primary' onClick={() => void Taro.switchTab({ url: route.volunteer })}>去报名志愿活动</Button>
        </View>
      )}
      {volunteer.mine.map((s) => (
        <View key={s.activityId} className='drive-card' role='link' onClick={() => void Taro.navigateTo({ url: route.drive(s.activityId) })}>
          <Text className='drive-card__title'>{s.activity.title}</Text>
          <Text className='drive-card__meta'>{districtTime(s.activity.startAt, 'YYYY-MM-DD HH:mm')} · {SIGNUP_STATUS_NAMES[s.status]}{s.position ? `（候补第 ${s.position} 位）` : ''}{s.minutes ? ` · ${s.minutes} 分钟` : ''}</Text>
        </View>
      ))}
    </PageShell>
  )
}

export default observer(MyDrives)
