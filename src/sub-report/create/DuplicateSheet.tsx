import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useStore } from '../../stores/root'
import type { Report } from '../../../types/report'
import { route } from '../../routes'
import { districtTime } from '../../services/time'
import { StatusTag } from '../components/StatusTag'
import '../components/report.scss'
import { thumbOf } from '../../../types/photos'

interface Props {
  items: Report[]
  submitting: boolean
  /** She entered words or photos: 我也遇到 carries them to the case (issue 24). */
  carries: boolean
  onSupport: (id: string) => void
  onSubmitAnyway: () => void
  onClose: () => void
}

/** After 我也遇到 succeeded: the sheet says what happened to what she entered (issue 24). */
export function SupportedSheet({ carried, onOpen, onDone }: { carried: boolean; onOpen: () => void; onDone: () => void }) {
  return (
    <View className='dup-sheet'>
      <View className='dup-sheet__backdrop' />
      <View className='dup-sheet__panel report-create__supported' role='dialog' aria-modal='true' aria-label='已加入该事件'>
        <Text className='report-section__title dup-sheet__title'>已加入该事件</Text>
        <View className='report-section__line' role='status'>{carried ? '已加入该事件，您的照片和描述已转给处理人员。办理进展会通知您。' : '已加入该事件，办理进展会通知您。'}</View>
        <View className='dup-sheet__actions'>
          <Button type='primary' onClick={onOpen}>查看该事件</Button>
          <Button type='default' onClick={onDone}>完成</Button>
        </View>
      </View>
    </View>
  )
}

/**
 * Open cases of the same category near the new one, as a bottom sheet over the form: each with its
 * photo and distance, and two plain choices — this is the same problem (我也遇到 on others' cases;
 * on the reporter's own, open it), or it is not (提交我的上报). What each choice does with what she
 * entered is said beside it; the form keeps it until one of them succeeded.
 */
export function DuplicateSheet({ items, submitting, carries, onSupport, onSubmitAnyway, onClose }: Props) {
  const { client } = useStore()
  // `nearby` answers cases in public form (isMine false for everyone): the reporter's own are found among 我的上报 too
  const [mine, setMine] = useState<Set<string>>(new Set())
  useEffect(() => {
    let live = true
    client.call('report', 'mine', { limit: 50 }).then((p) => live && setMine(new Set(p.items.map((r) => r.id))), () => undefined)
    return () => void (live = false)
  }, [client])
  const isMine = (r: Report) => r.isMine || mine.has(r.id)
  return (
    <View className='dup-sheet'>
      <View className='dup-sheet__backdrop' onClick={onClose} />
      {/* focusable: in 长辈模式 the list scrolls, and a keyboard must reach it (axe scrollable-region-focusable) */}
      <View className='dup-sheet__panel report-create__nearby' role='dialog' aria-modal='true' aria-label='附近已有相同问题' {...{ tabIndex: 0 }}>
        <Text className='report-section__title dup-sheet__title'>附近已有 {items.length} 件相同问题</Text>
        <Text className='report-section__hint dup-sheet__lead'>是同一个问题吗？是的话点「是这个，我也遇到」，办理进展会通知您；不是的话点下方「不是，提交我的上报」</Text>
        <View className='dup-sheet__list' role='list' aria-label='附近相同问题'>
          {items.map((r) => (
            <View key={r.id} className='dup-sheet__item' role='listitem'>
              <View className='dup-sheet__row'>
                {r.photos[0] ? (
                  <Image className='dup-sheet__photo' src={client.fileUrl(thumbOf(r.photos[0]))} mode='aspectFill' nativeProps={{ alt: `${r.categoryName}现场照片` }} />
                ) : (
                  <View className='dup-sheet__photo dup-sheet__photo--none'><Text>无照片</Text></View>
                )}
                <View className='dup-sheet__info'>
                  <View className='dup-sheet__head'>
                    <Text className='dup-sheet__distance'>距您 {Math.round(r.distance ?? 0)} 米</Text>
                    <StatusTag status={r.status} overdue={r.overdue} />
                  </View>
                  {isMine(r) && <Text className='dup-sheet__mine'>您已上报过</Text>}
                  <Text className='dup-sheet__text'>{r.description}</Text>
                  <Text className='report-section__hint'>{districtTime(r.createdAt, 'MM-DD HH:mm')}{r.location.address ? ` · ${r.location.address}` : ''}{r.supportCount > 0 ? ` · ${r.supportCount} 人也遇到` : ''}</Text>
                </View>
              </View>
              {isMine(r) ? (
                <>
                  <Button type='default' onClick={() => void Taro.navigateTo({ url: route.reportDetail(r.id) })}>查看我上报的这件</Button>
                  <Text className='report-section__hint dup-sheet__note'>这次填写的内容会保留，返回后仍可提交</Text>
                </>
              ) : (
                <>
                  <Button type='primary' loading={submitting} onClick={() => onSupport(r.id)}>是这个，我也遇到</Button>
                  <Text className='report-section__hint dup-sheet__note'>{carries ? '您的照片和描述会一并转给处理人员，办理进展会通知您' : '加一份「我也遇到」，办理进展会通知您'}</Text>
                </>
              )}
            </View>
          ))}
        </View>
        <View className='dup-sheet__actions'>
          <Button type='primary' loading={submitting} onClick={onSubmitAnyway}>不是，提交我的上报</Button>
          <Button type='default' fill='none' onClick={onClose}>返回修改</Button>
        </View>
      </View>
    </View>
  )
}
