import { View, Text } from '@tarojs/components'
import { districtTime } from '../../services/time'
import type { TimelineEvent } from '../../../types/report'

const ACTIONS: Record<string, string> = {
  submitted: '已提交',
  accept: '已受理',
  reject: '已驳回',
  resolve: '已办结',
  rate: '已评价',
  reopen: '重新打开',
  overdue: '超期提示',
  warned: '超期预警',
  closed: '自动结案',
  drive: '发起志愿清理',
  approve: '审核通过',
  decline: '未通过审核'
}
const ROLES: Record<TimelineEvent['actorRole'], string> = { resident: '居民', staff: '工作人员', admin: '管理员', system: '系统' }

/** The case's timeline, oldest first: who did what, when. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className='timeline' role='list' aria-label='办理进度'>
      {events.map((e, i) => (
        <View key={i} className='timeline__item' role='listitem'>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <Text className='timeline__title'>{ACTIONS[e.action] ?? e.action} · {ROLES[e.actorRole]}</Text>
            <Text className='timeline__time'>{districtTime(e.at, 'YYYY-MM-DD HH:mm')}</Text>
            {e.note && <Text className='timeline__note'>{e.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
