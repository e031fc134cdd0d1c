import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { route } from '../../routes'
import { OPEN_STATUSES } from '../../../types/names'

const VERIFY_PAGE = 20

/** The counts behind 工单处理: the open cases of the caller's queue and how many of them are overdue. */
interface WorkCounts { open: number; overdue: number }

/**
 * 我的, for staff and 网格员 (issue 24): their work first — 工单处理 with the open cases of their
 * unit's queue and the overdue ones (overdue first), counted by the server (`report.queueCounts`:
 * a fixed number of indexed counts), and 现场核查 for 网格员, dispatchers and named 测评员 (their 整改 cases awaiting 复查, issue 26) with the cases waiting
 * for their check (one page of their queue: 20, or 20+).
 */
export const WorkEntry = observer(function WorkEntry() {
  const { session, client } = useStore()
  const user = session.user
  const staff = session.isStaff
  const [counts, setCounts] = useState<WorkCounts | null>(null)
  /** Cases waiting for the caller's 核查: one page of `report.verifyQueue` (a fixed read), «20+» beyond it. */
  const [toVerify, setToVerify] = useState<{ n: number; more: boolean } | null>(null)
  const verifies = !!user?.gridVillageIds?.length || !!user?.mayDispatch || !!user?.evaluator
  const load = useCallback(() => {
    if (staff) {
      void client.call('report', 'queueCounts', {}).then(
        (c) => setCounts({ open: OPEN_STATUSES.reduce((n, s) => n + (c.byStatus[s] ?? 0), 0), overdue: c.overdue }),
        () => undefined
      )
    }
    if (verifies) {
      void client.call('report', 'verifyQueue', { limit: VERIFY_PAGE }).then(
        (page) => setToVerify({ n: page.items.length, more: !!page.nextCursor }),
        () => undefined
      )
    }
  }, [staff, verifies, client])
  useEffect(load, [load])
  useDidShow(load)
  if (!user || (!staff && !verifies)) return null
  const said = counts ? `已超期 ${counts.overdue} 件，待办 ${counts.open} 件` : ''
  const verifyText = toVerify ? `待核查 ${toVerify.n}${toVerify.more ? '+' : ''} 件` : ''
  return (
    <View className='me__work' role='region' aria-label='我的工作'>
      {staff && (
        <View className='ui-cell ui-cell--clickable me__work-queue' role='link' aria-label={said ? `工单处理：${said}` : undefined} onClick={() => void Taro.navigateTo({ url: route.reportQueue })}>
          <View className='me__work-main'>
            <Text className='me__work-title'>工单处理</Text>
            {counts ? (
              <View className='me__work-counts' aria-hidden>
                <Text className={`me__work-count me__work-overdue ${counts.overdue > 0 ? 'me__work-overdue--some' : ''}`}>已超期 {counts.overdue} 件</Text>
                <Text className='me__work-count me__work-open'>待办 {counts.open} 件</Text>
              </View>
            ) : (
              <Text className='me__work-hint'>本单位的待办工单，已超期的在前</Text>
            )}
          </View>
          <Text className='me__work-arrow' aria-hidden>›</Text>
        </View>
      )}
      {verifies && (
        <View className='ui-cell ui-cell--clickable me__work-verify' role='link' onClick={() => void Taro.navigateTo({ url: route.verifyQueue })}>
          <View className='me__work-main'>
            <Text className='me__work-subtitle'>现场核查</Text>
            {verifyText && <View className='me__work-counts'><Text className='me__work-count me__work-to-verify'>{verifyText}</Text></View>}
            <Text className='me__work-hint'>{user.mayDispatch ? '文明办：核查各村居已办结的问题' : user.gridVillageIds?.length ? '网格员：核查本村居已办结的问题' : '测评员：复查您测评发现问题的整改'}</Text>
          </View>
          <Text className='me__work-arrow' aria-hidden>›</Text>
        </View>
      )}
    </View>
  )
})
