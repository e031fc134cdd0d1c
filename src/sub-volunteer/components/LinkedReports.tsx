import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { useStore } from '../../stores/root'
import type { Report } from '../../../types/report'
import { STATUS_NAMES } from '../../../types/names'
import { route } from '../../routes'
import { thumbOf } from '../../../types/photos'

/** The 随手拍 cases a drive takes on: each with its category, photo and description, opening the case. */
export function LinkedReports({ ids }: { ids: string[] }) {
  const { client } = useStore()
  const [reports, setReports] = useState<(Report | null)[]>([])
  const key = ids.join(',')
  useEffect(() => {
    let live = true
    void Promise.all(ids.map((id) => client.call('report', 'get', { id }).catch(() => null))).then((all) => live && setReports(all))
    return () => void (live = false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key])
  return (
    <View className='drive__reports' role='list' aria-label='关联的随手拍问题'>
      <Text className='vol-section__hint'>关联 {ids.length} 件随手拍问题：</Text>
      {ids.map((id, i) => {
        const r = reports[i]
        return (
          <View key={id} role='listitem' className='drive__report'>
            <View className='drive__report-link' role='link' onClick={() => void Taro.navigateTo({ url: route.reportDetail(id) })}>
              {r?.photos[0] ? (
                <Image className='drive__report-photo' src={client.fileUrl(thumbOf(r.photos[0]))} mode='aspectFill' nativeProps={{ alt: '' }} />
              ) : (
                <View className='drive__report-photo drive__report-photo--none' aria-hidden><Text>无照片</Text></View>
              )}
              <View className='drive__report-body'>
                <Text className='drive__report-category'>{r ? r.categoryName : '加载中…'}{r ? ` · ${STATUS_NAMES[r.status]}` : ''}</Text>
                {r && <Text className='drive__report-text'>{r.description}</Text>}
              </View>
              <Text className='drive__report-go' aria-hidden>›</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
