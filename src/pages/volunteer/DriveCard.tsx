import { View, Text } from '@tarojs/components'
import { Progress, Tag } from '../../components/ui'
import { districtTime } from '../../services/time'
import { ACTIVITY_STATUS_NAMES } from '../../../types/names'
import type { Activity } from '../../../types/volunteer'

/** "12/20，3 候补" with a bar. */
export const capacityText = (a: Activity) => `${a.confirmedCount}/${a.capacity}${a.waitlistCount ? `，${a.waitlistCount} 候补` : ''}`

export function DriveCard({ drive, villageName, onOpen }: { drive: Activity; villageName: string; onOpen: () => void }) {
  return (
    <View className='drive-card' role='link' onClick={onOpen}>
      <View className='drive-card__head'>
        <Text className='drive-card__title'>{drive.title}</Text>
        <Tag background={drive.status === 'open' ? '#1f7a1f' : '#555555'} color='#fff'>{ACTIVITY_STATUS_NAMES[drive.status]}</Tag>
      </View>
      <Text className='drive-card__meta'>{districtTime(drive.startAt, 'MM-DD HH:mm')}–{districtTime(drive.endAt, 'HH:mm')} · {villageName} · {drive.address}</Text>
      <Text className='drive-card__capacity'>报名 {capacityText(drive)}</Text>
      <Progress percent={(drive.confirmedCount / drive.capacity) * 100} label={`已报名 ${capacityText(drive)}`} />
    </View>
  )
}
