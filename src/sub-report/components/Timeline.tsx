import { View, Text } from '@tarojs/components'
import { districtTime } from '../../services/time'
import type { TimelineEvent } from '../../../types/report'
import { ACTOR_NAMES, TIMELINE_ACTION_NAMES } from '../../../types/names'


/** The case's timeline, oldest first: who did what, when. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className='timeline' role='list' aria-label='办理进度'>
      {events.map((e, i) => (
        <View key={i} className='timeline__item' role='listitem'>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <Text className='timeline__title'>{TIMELINE_ACTION_NAMES[e.action] ?? e.action} · {ACTOR_NAMES[e.actorRole]}</Text>
            <Text className='timeline__time'>{districtTime(e.at, 'YYYY-MM-DD HH:mm')}</Text>
            {e.note && <Text className='timeline__note'>{e.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
