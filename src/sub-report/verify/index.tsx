import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { route } from '../../routes'
import { QueueCard } from '../queue/QueueCard'
import { VerifyQueueStore } from './store'
import '../components/report.scss'

/** 现场核查 (网格员): the resolved cases of my villages that wait for my check on site; each opens the handle page. */
function VerifyQueuePage() {
  const { client, units } = useStore()
  const [list] = useState(() => new VerifyQueueStore(client))
  useEffect(() => {
    void list.load()
    void units.load().catch(() => undefined)
  }, [list, units])
  useDidShow(() => { if (list.loaded) void list.load() })
  return (
    <PageShell
      loading={!list.loaded && list.loading}
      error={list.items.length ? null : list.error}
      empty={list.loaded && !list.items.length}
      emptyText='没有待核查的工单。责任单位办结需要核查的问题后，会在这里出现'
      onRefresh={() => list.load()}
      className='verify-queue'
    >
      {list.items.length > 0 && <Text className='report-section__hint verify-queue__lead'>责任单位已办结，请到现场查看整改结果（{list.items.length}{list.nextCursor ? '+' : ''} 件，先办结的在前）</Text>}
      <View role='list' aria-label='待核查工单' className='queue__list'>
        {list.items.map((r) => (
          <View key={r.id} role='listitem'>
            <QueueCard report={r} onOpen={() => void Taro.navigateTo({ url: route.reportHandle(r.id) })} />
          </View>
        ))}
      </View>
      {list.nextCursor && (
        <View className='report-actions'>
          <Button block loading={list.loading} onClick={() => void list.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(VerifyQueuePage)
