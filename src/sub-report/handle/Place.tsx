import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { openPlace } from '../../services/location'
import { toastError } from '../../services/feedback'
import type { Report } from '../../../types/report'

/** The place of a case in words (its address, else its village), never as coordinates. */
export function placeWords(r: Report, villageName: string): string {
  return r.location.address?.trim() || villageName || '未填写地址（按导航前往现场）'
}

/**
 * 现场位置 on the handle page (issue 24): where the case is, in words, and 导航 — WeChat's map
 * with the case's point and name (`Taro.openLocation`), 高德地图's web page in a browser.
 */
export const Place = observer(function Place({ report }: { report: Report }) {
  const { regions } = useStore()
  const village = report.villageId ? regions.fullNameOf(report.villageId) : ''
  const words = placeWords(report, village)
  const name = `${report.categoryName} · ${report.location.address?.trim() || village || '现场'}`
  return (
    <View className='report-section case-place' role='region' aria-label='现场位置'>
      <Text className='report-section__title'>现场位置</Text>
      <View className='report-section__body case-place__body'>
        <Text className='report-section__line case-place__address'>{words}</Text>
        {village && words !== village && <Text className='report-section__hint'>{village}</Text>}
        <Button type='primary' className='case-place__navigate' onClick={() => void openPlace(report.location, name, words).catch(toastError)}>导航</Button>
      </View>
    </View>
  )
})
