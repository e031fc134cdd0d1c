import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'
import { useStore } from '../../stores/root'
import { StatusTag } from './StatusTag'
import { PhotoGrid } from './PhotoGrid'
import { Timeline } from './Timeline'
import './report.scss'

/** Everything about a case that both the reporter and staff see. */
export const CaseSummary = observer(function CaseSummary({ report }: { report: Report }) {
  const { units, regions } = useStore()
  return (
    <>
      <View className='report-section case-summary'>
        <View className='report-section__body'>
          <View className='report-card__head'>
            <Text className='report-card__category'>{report.categoryName}</Text>
            <View className='report-card__tags'><StatusTag status={report.status} overdue={report.overdue} /></View>
          </View>
          <Text className='report-section__line case-summary__description'>{report.description}</Text>
          <Text className='report-section__hint'>地点：{report.location.address ?? `${report.location.latitude}, ${report.location.longitude}`}{report.villageId ? `（${regions.fullNameOf(report.villageId)}）` : ''}</Text>
          <Text className='report-section__hint'>责任单位：{units.nameOf(report.unitId) || report.unitId}</Text>
          {report.dueAt && <Text className='report-section__hint'>办理期限：{districtTime(report.dueAt, 'YYYY-MM-DD HH:mm')}</Text>}
          {report.reporter && <Text className='report-section__hint'>上报人：{report.reporter.nickname}{report.anonymous ? '（匿名）' : ''}</Text>}
          {report.supportCount > 0 && <Text className='report-section__hint'>{report.supportCount} 人也遇到</Text>}
        </View>
        <PhotoGrid photos={report.photos} label='现场照片' />
      </View>
      {report.reply && (
        <View className='report-section case-summary__reply'>
          <Text className='report-section__title'>办理回复</Text>
          <View className='report-section__body'><Text className='report-section__line'>{report.reply}</Text></View>
          <PhotoGrid photos={report.afterPhotos} label='整改后照片' />
        </View>
      )}
      {report.rating && (
        <View className='report-section'>
          <Text className='report-section__title'>评价</Text>
          <View className='report-section__body'><Text className='report-section__line'>{'★'.repeat(report.rating.score)}{report.rating.comment ? ` ${report.rating.comment}` : ''}</Text></View>
        </View>
      )}
      <View className='report-section'>
        <Text className='report-section__title'>办理进度</Text>
        <Timeline events={report.timeline} />
      </View>
    </>
  )
})
