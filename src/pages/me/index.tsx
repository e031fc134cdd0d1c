import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Badge, Btn as Button, Cell, CellGroup } from '../../components/ui'
import { Toggle } from '../../components/Toggle'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { route } from '../../routes'
import { toastError } from '../../services/feedback'
import { ProfileCard } from './ProfileCard'
import { WorkEntry } from './WorkEntry'
import { starTitle, volunteerStars } from '../../../types/names'
import './index.scss'

/** 我的: profile, totals and the ways into everything that is the user's own. */
function MePage() {
  const { session, regions, units, messages, ui } = useStore()

  useEffect(() => {
    if (!session.signedIn) return
    // `user.me` answers what sign-in does not: whether the user dispatches or evaluates (the entries below)
    void session.refresh().catch(() => undefined)
    void regions.load().catch(toastError)
    void units.load().catch(toastError)
    void messages.refreshUnread().catch(() => undefined)
  }, [session.signedIn, regions, units, messages])

  useDidShow(() => {
    if (session.signedIn) void messages.refreshUnread().catch(() => undefined)
  })

  const refresh = async () => {
    await Promise.all([session.refresh(), regions.load(true), units.load(true), messages.refreshUnread()]).catch(toastError)
  }

  const user = session.user
  return (
    <PageShell onRefresh={refresh} className='me'>
      {user && (
        <>
          <ProfileCard
            nickname={user.nickname}
            roleName={session.roleName}
            unitName={units.nameOf(user.unitId)}
            villageName={regions.fullNameOf(user.villageId)}
          />
          {/* staff and 网格员: their work first (issue 24) */}
          <WorkEntry />
          {user.role === 'resident' && !user.villageId && (
            <View className='me__welcome' role='region' aria-label='完善资料'>
              <Text className='me__welcome-title'>欢迎来到文明家园</Text>
              <Text>请告诉我们怎么称呼您、住在哪个村居：排行榜会标出「我的村」，上报和志愿活动也按村居办理。</Text>
              <Button type='primary' onClick={() => void Taro.navigateTo({ url: route.profile })}>填写称呼和村居</Button>
            </View>
          )}
          <View className='me__stats'>
            <View className='me__stat'>
              <Text className='me__stat-value' aria-label={`积分 ${user.points}`}>{user.points}</Text>
              <Text className='me__stat-label'>积分</Text>
            </View>
            <View className='me__stat'>
              <Text className='me__stat-value' aria-label={`志愿时长 ${session.hours} 小时`}>{session.hours}</Text>
              <Text className='me__stat-label'>志愿时长（小时）</Text>
              {volunteerStars(user.volunteerMinutes) > 0 && <Text className='me__stat-label me__stars'>{starTitle(volunteerStars(user.volunteerMinutes))}</Text>}
            </View>
          </View>
          <CellGroup>
            <Cell title='我的积分' description='积分明细，出示兑换码到积分超市兑换' clickable onClick={() => void Taro.navigateTo({ url: route.points })} />
            <Cell title='我的上报' description='随手拍的办理进度' clickable onClick={() => void Taro.navigateTo({ url: route.myReports })} />
            <Cell title='我的志愿' description='志愿活动、时长和证明' clickable onClick={() => void Taro.navigateTo({ url: route.myDrives })} />
            {user.mayEvaluate && <Cell title='我的测评点位' description='创文测评：逐个点位检查，不达标的拍照提交' clickable onClick={() => void Taro.navigateTo({ url: route.mySites })} />}
            {!!user.shopIds?.length && <Cell title='积分超市收银' description='扫描或输入居民的兑换码，兑换商品' clickable onClick={() => void Taro.navigateTo({ url: route.shop })} />}
            {session.isStaff && <Cell title='扫码登录管理后台' description='在电脑上处理工单、查看数据' clickable onClick={() => void Taro.navigateTo({ url: route.consoleLogin })} />}
            <Cell
              title='消息'
              className='me__messages'
              extra={messages.unread > 0 ? <Badge value={messages.unread} max={99} /> : undefined}
              clickable
              onClick={() => void Taro.navigateTo({ url: route.messages })}
            />
            <Cell title='消息设置' description='订阅提醒、关注的问题' clickable onClick={() => void Taro.navigateTo({ url: route.noticeSettings })} />
            <Cell
              title='长辈模式'
              description='大字体、大按钮、高对比度'
              className='me__elder'
              extra={
                <Toggle label='长辈模式' checked={ui.elder} onChange={(on) => void ui.setElder(on).catch(toastError)} />
              }
            />
            <Cell title='编辑资料' description='昵称、所在村居' clickable onClick={() => void Taro.navigateTo({ url: route.profile })} />
            <Cell title='隐私保护指引' description='收集哪些信息、为什么，怎样查看和注销' clickable onClick={() => void Taro.navigateTo({ url: route.privacy })} />
          </CellGroup>
          {process.env.TARO_ENV !== 'weapp' && (
            <View className='me__signout'>
              <Button block onClick={() => { session.signOut(); void Taro.reLaunch({ url: route.signIn }) }}>切换身份</Button>
            </View>
          )}
        </>
      )}
    </PageShell>
  )
}

export default observer(MePage)
