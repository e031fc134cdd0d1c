import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { route } from '../../routes'
import './index.scss'

/** 随手拍 tab: file a problem or praise, follow my cases; staff reach their queue. */
function ReportTab() {
  const { session, reportDraft } = useStore()
  useEffect(() => {
    if (session.signedIn) void reportDraft.loadCategories().catch(() => undefined)
  }, [session.signedIn, reportDraft])
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <PageShell className='report-tab'>
      <View className='report-tab__hero'>
        <Text className='report-tab__title'>随手拍 · 共建文明城市</Text>
        <Text className='report-tab__subtitle'>看到占道经营、乱堆杂物、飞线充电……拍一拍，我们来处理</Text>
        <Button type='primary' size='large' className='report-tab__go' onClick={() => go(route.reportCreate)}>我要随手拍</Button>
        <Button size='large' className='report-tab__praise' onClick={() => go(`${route.reportCreate}?kind=praise`)}>文明点赞</Button>
      </View>
      {reportDraft.category && <Text className='report-tab__draft'>您有一份未提交的草稿，点「我要随手拍」继续</Text>}
      <CellGroup>
        <Cell title='我的上报' description='查看办理进度、评价结果' clickable onClick={() => go(route.myReports)} />
        {session.isStaff && <Cell title='工单处理' description={session.isAdmin ? '全部单位的工单' : '本单位的工单'} clickable onClick={() => go(route.reportQueue)} />}
      </CellGroup>
    </PageShell>
  )
}

export default observer(ReportTab)
