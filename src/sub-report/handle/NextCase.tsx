import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { route } from '../../routes'
import { StatusTag } from '../components/StatusTag'
import type { Report } from '../../../types/report'

/**
 * After 办结 (issue 24): the next case of the staff member's queue — the first of 待办, which the
 * server orders overdue first, then by deadline (`report.queue` urgent) — or word that it is empty.
 */
export const NextCase = observer(function NextCase({ doneId }: { doneId: string }) {
  const { client } = useStore()
  const [next, setNext] = useState<Report | null | undefined>(undefined)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    client.call('report', 'queue', { urgent: true, limit: 2 }).then(
      (page) => live && setNext(page.items.find((r) => r.id !== doneId) ?? null),
      () => live && setFailed(true)
    )
    return () => { live = false }
  }, [client, doneId])
  if (failed) return null
  return (
    <View className='report-section case-next' role='status'>
      <Text className='report-section__title'>已办结</Text>
      <View className='report-section__body'>
        {next === undefined ? (
          <Text className='report-section__hint'>正在查找下一件待办工单…</Text>
        ) : next === null ? (
          <>
            <Text className='report-section__line case-next__empty'>待办工单已全部办完</Text>
            <Button onClick={() => void Taro.redirectTo({ url: route.reportQueue })}>返回工单列表</Button>
          </>
        ) : (
          <>
            <View className='report-card__head'>
              <Text className='report-section__line case-next__case'>下一件：{next.categoryName} · {next.location.address || next.description.slice(0, 20)}</Text>
              <View className='report-card__tags'><StatusTag status={next.status} overdue={next.overdue} due={next.dueState} /></View>
            </View>
            <Button type='primary' onClick={() => void Taro.redirectTo({ url: route.reportHandle(next.id) })}>下一件</Button>
          </>
        )}
      </View>
    </View>
  )
})
