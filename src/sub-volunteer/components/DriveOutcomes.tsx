import { useEffect, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import type { Report } from '../../../types/report'
import type { DriveOutcome } from '../../../types/volunteer'
import { STATUS_NAMES } from '../../../types/names'
import { thumbOf } from '../../../types/photos'
import { ChipGroup } from '../../components/ChipGroup'
import { Field } from '../../components/Field'
import { PhotoPicker, usePhotoUploads } from '../../components/PhotoPicker'
import { toastError, toastSuccess } from '../../services/feedback'
import { useVolunteer } from '../../stores/volunteer'

type LinkedCase = Report & { outcome: DriveOutcome | null }
const OPEN = ['submitted', 'accepted', 'reopened']

/** One linked case: before (the reporter's photo), what the drive recorded, and — while it is open — the organizer's form. */
const CaseOutcome = observer(function CaseOutcome({ report }: { report: LinkedCase }) {
  const { client } = useStore()
  const volunteer = useVolunteer()
  const [result, setResult] = useState<'fixed' | 'notFixed'>('fixed')
  const [note, setNote] = useState('')
  const photos = usePhotoUploads(client)
  const open = OPEN.includes(report.status)
  const ready = result === 'fixed' ? photos.uploaded.length > 0 : note.trim().length >= 2
  const submit = async () => {
    try {
      const [done] = await volunteer.recordOutcome([
        result === 'fixed' ? { reportId: report.id, fixed: true, photos: photos.uploaded, ...(note.trim() ? { note: note.trim() } : {}) } : { reportId: report.id, fixed: false, note: note.trim() }
      ])
      toastSuccess(done?.result === 'resolved' ? '已办结，已通知上报人' : done?.result === 'noted' ? '已记录，仍由责任单位办理' : done?.message ?? '已登记')
    } catch (e) {
      toastError(e)
    }
  }
  const o = report.outcome
  return (
    <View role='listitem' className={`drive-outcome drive-outcome--${report.id}`} aria-label={`${report.categoryName}：${report.description.slice(0, 24)}`}>
      <Text className='drive-outcome__title'>{report.categoryName} · {STATUS_NAMES[report.status]}</Text>
      <Text className='drive-outcome__text'>{report.description}</Text>
      <View className='drive-outcome__photos'>
        {report.photos[0] && (
          <View className='drive-outcome__photo'>
            <Image className='drive-outcome__image' src={client.fileUrl(thumbOf(report.photos[0]))} mode='aspectFill' nativeProps={{ alt: '清理前' }} />
            <Text className='vol-section__hint'>清理前</Text>
          </View>
        )}
        {report.afterPhotos[0] && (
          <View className='drive-outcome__photo'>
            <Image className='drive-outcome__image' src={client.fileUrl(thumbOf(report.afterPhotos[0]))} mode='aspectFill' nativeProps={{ alt: '清理后' }} />
            <Text className='vol-section__hint'>清理后</Text>
          </View>
        )}
      </View>
      {o && <View className='drive-outcome__recorded' role='status'><Text>{o.fixed ? (o.resolvedByDrive ? '✓ 本次活动已清理并办结' : '已登记为已清理') : `未能清理：${o.note ?? ''}`}</Text></View>}
      {open && (
        <View className='drive-outcome__form'>
          <ChipGroup label='清理结果' options={[{ value: 'fixed', label: '已清理' }, { value: 'notFixed', label: '未能清理' }]} value={result} onChange={(v) => setResult(v as 'fixed' | 'notFixed')} />
          {result === 'fixed' && (
            <>
              <Text className='vol-section__hint'>现场清理后照片（至少 1 张）</Text>
              <PhotoPicker photos={photos.photos} onAdd={photos.onAdd} onRetry={photos.onRetry} onRemove={photos.onRemove} />
            </>
          )}
          <Field label={result === 'fixed' ? '说明（选填，将告知上报人）' : '未能清理的原因（必填，责任单位继续办理）'}>
            <TextArea aria-label={result === 'fixed' ? '清理说明' : '未能清理的原因'} placeholder={result === 'fixed' ? '如：已清走纸箱 20 余个' : '如：建筑垃圾需车辆清运'} value={note} maxLength={500} onChange={setNote} />
          </Field>
          <Button type='primary' loading={volunteer.busy} disabled={!ready} onClick={() => void submit()}>提交清理成效</Button>
        </View>
      )}
    </View>
  )
})

/** After a drive linked to cases started (it ends there): its organizer records what it did for each case. */
export const DriveOutcomes = observer(function DriveOutcomes({ driveId }: { driveId: string }) {
  const volunteer = useVolunteer()
  useEffect(() => {
    void volunteer.loadDriveCases(driveId).catch(toastError)
  }, [driveId, volunteer])
  const cases = volunteer.driveCases.filter((c) => volunteer.drive?.reportIds.includes(c.id))
  return (
    <View className='vol-section drive__outcomes'>
      <Text className='vol-section__title'>登记清理成效</Text>
      <Text className='vol-section__hint'>逐件登记：已清理的上传现场照片后直接办结并通知上报人和“我也遇到”的居民；未能清理的写明原因，仍由责任单位办理</Text>
      <View role='list' aria-label='关联问题的清理成效'>
        {cases.map((c) => <CaseOutcome key={c.id} report={c} />)}
      </View>
    </View>
  )
})
