import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { route } from '../../routes'
import { askForNotices, SUBSCRIBE_TEMPLATE_IDS } from '../../services/subscribe'
import { QueueStore, OPEN_VIEWS, DONE_VIEWS, VERIFYING_VIEW, countText, type QueueView } from './store'
import { QueueCard } from './QueueCard'
import '../components/report.scss'

/** 工单: the cases of the staff member's unit (admins: all); 待办 first, most urgent on top. 文明办 and admins: 点赞审核 too. */
function QueuePage() {
  const { client, session, units, messages } = useStore()
  const [queue] = useState(() => new QueueStore(client))
  useEffect(() => void queue.init(session.user).then(() => queue.load()), [queue, session.user])
  useEffect(() => void units.load().catch(() => undefined), [units])
  useDidShow(() => { if (queue.loaded) void queue.load() })
  const options = [
    { value: 'todo', label: `待办${countText(queue.todoCount)}` },
    ...OPEN_VIEWS.map((v) => ({ value: v.status, label: `${v.label}${countText(queue.counts[v.status])}` })),
    { value: VERIFYING_VIEW.status, label: `${VERIFYING_VIEW.label}${countText(queue.verifyingCount)}` },
    ...(queue.reviewsPraise ? [{ value: 'praise', label: `点赞审核${countText(queue.praiseCount)}` }] : []),
    ...DONE_VIEWS.map((v) => ({ value: v.status, label: v.label })),
    { value: 'all', label: '全部' }
  ]
  return (
    <PageShell
      loading={!queue.loaded && queue.loading}
      error={queue.items.length ? null : queue.error}
      onRefresh={() => queue.load()}
      className='queue'
    >
      <View className='report-section'>
        <View className='report-section__body'>
          <ChipGroup label='工单分类' options={options} value={queue.view} onChange={(v) => queue.setView(v as QueueView)} />
          {queue.view === 'todo' && <Text className='report-section__hint'>未办结的工单，已超期的在前，其余按期限先后</Text>}
          {/* 订阅消息: staff agree at a tap to be told of new, dispatched, reopened and overdue cases */}
          {(SUBSCRIBE_TEMPLATE_IDS.length > 0 || messages.settings?.templates.some((t) => t.topic === 'work')) && <Button type='default' onClick={() => void askForNotices('work')}>接收新工单和超期提醒</Button>}
        </View>
      </View>
      {queue.loaded && !queue.items.length && <Text className='report-section__hint queue__empty'>{queue.view === 'praise' ? '没有待审核的文明点赞' : '没有符合条件的工单'}</Text>}
      <View role='list' aria-label='工单列表' className='queue__list'>
        {queue.items.map((r) => (
          <View key={r.id} role='listitem'>
            <QueueCard report={r} onOpen={() => void Taro.navigateTo({ url: route.reportHandle(r.id) })} />
          </View>
        ))}
      </View>
      {queue.nextCursor && (
        <View className='report-actions'>
          <Button block loading={queue.loading} onClick={() => void queue.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(QueuePage)
