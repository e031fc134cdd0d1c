import { View, Text, Image } from '@tarojs/components'
import { useStore } from '../../stores/root'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'
import { StatusTag } from '../components/StatusTag'
import { deadlineText } from './store'
import { thumbOf } from '../../../types/photos'

/** One case of the queue, compact: category, status, time left or 已超期, the place and the start of the description. */
export function QueueCard({ report, onOpen }: { report: Report; onOpen: () => void }) {
  const { client } = useStore()
  const photo = report.photos[0]
  const due = deadlineText(report)
  return (
    <View className={`queue-card ${due?.overdue ? 'queue-card--overdue' : ''}`} role='link' onClick={onOpen}>
      {photo && <Image className='queue-card__photo' src={client.fileUrl(thumbOf(photo))} mode='aspectFill' nativeProps={{ alt: `${report.categoryName}现场照片` }} />}
      <View className='queue-card__body'>
        <View className='queue-card__head'>
          <Text className='report-card__category queue-card__category'>{report.categoryName}</Text>
          <StatusTag status={report.status} />
        </View>
        {due && <Text className={`queue-card__due ${due.overdue ? 'queue-card__due--overdue' : ''}`}>{due.text}</Text>}
        <Text className='queue-card__text'>{report.description}</Text>
        <Text className='queue-card__meta'>{districtTime(report.createdAt, 'MM-DD HH:mm')} · {report.location.address ?? '未填写地址'}{report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到` : ''}</Text>
      </View>
    </View>
  )
}
