import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { STATUS_NAMES, REPORT_STATUSES, type ReportStatus } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Toggle } from '../../components/Toggle'
import { ReportCard } from '../components/ReportCard'
import { route } from '../../routes'
import '../components/report.scss'

const FILTERS = [{ value: '', label: '全部' }, ...REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))]

/** 工单: the cases of the staff member's unit (admins: all), newest first. */
function QueuePage() {
  const { queue } = useStore()
  useEffect(() => void queue.load(), [queue])
  return (
    <PageShell
      loading={!queue.loaded && queue.loading}
      error={queue.items.length ? null : queue.error}
      onRefresh={() => queue.load()}
      className='queue'
    >
      <View className='report-section'>
        <View className='report-section__body'>
          <ChipGroup label='按状态筛选' options={FILTERS} value={queue.status} onChange={(v) => queue.setFilter(v as ReportStatus | '', queue.overdue)} />
          <View className='report-create__anonymous'>
            <Text>只看超期</Text>
            <Toggle label='只看超期' checked={queue.overdue} onChange={(v) => queue.setFilter(queue.status, v)} />
          </View>
        </View>
      </View>
      {queue.loaded && !queue.items.length && <Text className='report-section__hint queue__empty'>没有符合条件的工单</Text>}
      {queue.items.map((r) => (
        <ReportCard key={r.id} report={r} onOpen={() => void Taro.navigateTo({ url: route.reportHandle(r.id) })} />
      ))}
      {queue.nextCursor && (
        <View className='report-actions'>
          <Button block loading={queue.loading} onClick={() => void queue.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(QueuePage)
