import { View, Text, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'
import { StatusTag } from '../components/StatusTag'
import { deadlineText } from './store'
import { thumbOf } from '../../../types/photos'

/** One case of the queue, compact: category, status, time left or 已超期, 退回/督办/返工/延期 flags, the place and the start of the description. */
export const QueueCard = observer(function QueueCard({ report, onOpen }: { report: Report; onOpen: () => void }) {
  const { client, units, regions } = useStore()
  const photo = report.photos[0]
  const due = deadlineText(report)
  const flags = flagsOf(report, (id) => units.nameOf(id))
  return (
    <View className={`queue-card ${due?.overdue ? 'queue-card--overdue' : ''}`} role='link' onClick={onOpen}>
      {photo && <Image className='queue-card__photo' src={client.fileUrl(thumbOf(photo))} mode='aspectFill' nativeProps={{ alt: `${report.categoryName}现场照片` }} />}
      <View className='queue-card__body'>
        <View className='queue-card__head'>
          <Text className='report-card__category queue-card__category'>{report.categoryName}</Text>
          <StatusTag status={report.status} overdue={report.overdue} due={report.dueState} />
        </View>
        {due && <Text className={`queue-card__due ${due.overdue ? 'queue-card__due--overdue' : ''}`}>{due.text}</Text>}
        {flags.length > 0 && <View className='queue-card__flags'>{flags.map((f) => <Text key={f} className='queue-card__flag'>{f}</Text>)}</View>}
        <Text className='queue-card__text'>{report.description}</Text>
        <Text className='queue-card__meta'>{districtTime(report.createdAt, 'MM-DD HH:mm')} · {report.location.address ?? (regions.fullNameOf(report.villageId) || '已定位')}{report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到` : ''}</Text>
      </View>
    </View>
  )
})

/** What staff must know at a glance: 退回自…, 督办 N 次, 返工, a pending 延期 request (`report.workflow`). */
function flagsOf(r: Report, nameOf: (id: string) => string): string[] {
  const wf = r.workflow
  if (!wf) return []
  return [
    ...(r.status === 'returned' && wf.returnedFrom ? [`${nameOf(wf.returnedFrom) || wf.returnedFrom}退回`] : []),
    ...(wf.urges > 0 ? [`督办 ${wf.urges} 次`] : []),
    ...(wf.reworks > 0 ? [`返工 ${wf.reworks} 次`] : []),
    ...(wf.extensions.some((e) => e.decision === null) ? ['延期待审批'] : [])
  ]
}
