import { View, Text, Image } from '@tarojs/components'
import { useStore } from '../../stores/root'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'
import { StatusTag } from './StatusTag'
import './report.scss'
import { thumbOf } from '../../../types/photos'

/** One case in a list. */
export function ReportCard({ report, onOpen }: { report: Report; onOpen: () => void }) {
  const { client, regions } = useStore()
  const photo = report.photos[0]
  return (
    <View className='report-card' role='link' onClick={onOpen}>
      <View className='report-card__head'>
        <Text className='report-card__category'>{report.categoryName}</Text>
        <View className='report-card__tags'><StatusTag status={report.status} overdue={report.overdue} /></View>
      </View>
      {photo && <Image className='report-card__photo' src={client.fileUrl(thumbOf(photo))} mode='aspectFill' nativeProps={{ alt: `${report.categoryName}现场照片` }} />}
      <Text className='report-card__text'>{report.description}</Text>
      <Text className='report-card__meta'>
        {districtTime(report.createdAt, 'MM-DD HH:mm')} · {report.location.address ?? (regions.fullNameOf(report.villageId) || '已定位')}
        {report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到` : ''}
      </Text>
    </View>
  )
}
