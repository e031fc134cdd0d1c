import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'
import { ReportCard } from '../components/ReportCard'
import { route } from '../../routes'
import { useMyReports } from '../../stores/reports'

/** 我的上报: my cases, newest first, with their status. */
function MyReportsPage() {
  const list = useMyReports()
  useEffect(() => void list.load(), [list])
  return (
    <PageShell
      loading={!list.loaded && list.loading}
      error={list.items.length ? null : list.error}
      empty={list.loaded && !list.items.length}
      emptyText='还没有上报。看到占道经营、乱堆杂物等问题，拍一拍就能上报'
      emptyAction={{ label: '去随手拍', onClick: () => void Taro.navigateTo({ url: route.reportCreate }) }}
      onRefresh={() => list.load()}
      className='my-reports'
    >
      {list.items.map((r) => (
        <ReportCard key={r.id} report={r} onOpen={() => void Taro.navigateTo({ url: route.reportDetail(r.id) })} />
      ))}
      {list.nextCursor && (
        <View className='report-actions'>
          <Button block loading={list.loading} onClick={() => void list.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(MyReportsPage)
