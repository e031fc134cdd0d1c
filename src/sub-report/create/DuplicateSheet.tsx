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
  onSupport: (id: string) => void
  onSubmitAnyway: () => void
  onClose: () => void
}

/**
 * Open cases of the same category near the new one, as a bottom sheet over the form: each with its
 * photo and distance; 我也遇到 on others' cases, 补充 on the reporter's own (它已在办理中); filing a
 * new case anyway is the secondary choice.
 */
export function DuplicateSheet({ items, submitting, onSupport, onSubmitAnyway, onClose }: Props) {
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
      <View className='dup-sheet__panel report-create__nearby' role='dialog' aria-modal='true' aria-label='附近已有相同问题'>
        <Text className='report-section__title dup-sheet__title'>附近已有 {items.length} 件相同问题</Text>
        <Text className='report-section__hint dup-sheet__lead'>是同一个问题吗？点「我也遇到」可以一起督办，不必重复上报</Text>
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
                  <Text className='report-section__hint'>{districtTime(r.createdAt, 'MM-DD HH:mm')} · {r.location.address ?? '未填写地址'}{r.supportCount > 0 ? ` · ${r.supportCount} 人也遇到` : ''}</Text>
                </View>
              </View>
              {isMine(r) ? (
                <Button type='primary' onClick={() => void Taro.navigateTo({ url: route.reportDetail(r.id) })}>补充</Button>
              ) : (
                <Button type='primary' onClick={() => onSupport(r.id)}>我也遇到</Button>
              )}
            </View>
          ))}
        </View>
        <View className='dup-sheet__actions'>
          <Button type='default' loading={submitting} onClick={onSubmitAnyway}>仍要提交</Button>
          <Button type='default' fill='none' onClick={onClose}>返回修改</Button>
        </View>
      </View>
    </View>
  )
}
