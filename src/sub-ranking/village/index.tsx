import { useEffect, useState } from 'react'
import type { VillageParticipation } from '../../../types/points'
import type { VillageHouseholds } from '../../../types/households'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { KIND_NAMES, SCORE_NAMES, STARS, STAR_NAMES, indicatorsOf } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { Toggle } from '../../components/Toggle'
import { toastError } from '../../services/feedback'
import { TrendChart } from './TrendChart'
import './index.scss'
import { useVillage } from '../../stores/village'
import { useNoticeSettings } from '../../stores/noticeSettings'

/** A village: score breakdown, 12-month trend, 五星支部 stars, this month's live figures and its 文明户 lists. */
function VillagePageView() {
  const { session, client, messages } = useStore()
  const village = useVillage()
  const noticeSettings = useNoticeSettings()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  useEffect(() => void village.load(id), [id, village])
  // 积分 participation this month (issue 28): a figure of its own, shown when it arrives
  const [points, setPoints] = useState<VillageParticipation | null>(null)
  useEffect(() => {
    setPoints(null)
    if (id && session.signedIn) client.call('points', 'village', { villageId: id }).then(setPoints, () => setPoints(null))
  }, [id, client, session.signedIn])
  // 文明户 (issue 26): the village's published lists, households named by the 户主's surname and 门牌
  const [homes, setHomes] = useState<VillageHouseholds | null>(null)
  useEffect(() => {
    setHomes(null)
    if (id && session.signedIn) client.call('ranking', 'villageHouseholds', { villageId: id }).then(setHomes, () => setHomes(null))
  }, [id, client, session.signedIn])
  // 关注 (issue 25): the village's weekly summary, as 消息设置 lists it
  useEffect(() => {
    if (id && session.signedIn && !messages.settings) void messages.loadSettings().catch(() => undefined)
  }, [id, session.signedIn, messages])
  const following = messages.settings?.villages.some((v) => v.id === id) ?? false
  const page = village.page?.village.id === id ? village.page : null
  const b = page?.breakdown
  return (
    <PageShell loading={!page && !village.error} error={page ? null : village.error} onRefresh={() => village.load(id)} className='village'>
      {page && (
        <>
          <View className='village__head'>
            <Text className='village__name'>{page.village.name}</Text>
            <Text className='village__town'>{page.village.townName}</Text>
            {session.signedIn && messages.settings && (
              <View className='village__follow'>
                <Text>关注（每周一条动态）</Text>
                <Toggle label={`关注${page.village.name}`} checked={following} onChange={(on) => void noticeSettings.followVillage(id, on).catch(toastError)} />
              </View>
            )}
            <Text className='village__stars' aria-label={`五星支部 ${page.stars.length} 星`}>{'★'.repeat(page.stars.length)}{'☆'.repeat(5 - page.stars.length)} 五星支部 {page.stars.length} 星</Text>
          </View>
          <Text className='village__why'>
            {b
              ? `星级是五星支部评定（见页末），与每月测评排名分开计算；${b.period} 排名按下列指标得分加权：${b.total} 分，全区第 ${b.rank} 名。`
              : '星级是五星支部评定（见页末），与每月测评排名分开计算。'}
          </Text>
          {b && (
            <View className='village__section village__breakdown'>
              <Text className='village__title'>{b.period} {KIND_NAMES[b.kind]}：{b.total} 分 · 全区第 {b.rank} 名</Text>
              <Text className='village__score-from'>得分来自 {indicatorsOf(b.weights).length} 项测评指标，按权重加权：{indicatorsOf(b.weights).map((k) => `${SCORE_NAMES[k]} ${b.scores[k]} 分 × ${b.weights[k]}%`).join(' + ')}</Text>
              {b.enteredBy && <Text className='village__entered'>录入：{b.enteredBy} · {b.enteredAt.slice(0, 10)}</Text>}
              {indicatorsOf(b.weights).map((k) => (
                <View key={k} className='village__indicator'>
                  <View className='village__indicator-head'>
                    <Text className='village__indicator-name'>{SCORE_NAMES[k]}</Text>
                    <Text className='village__indicator-weight'>权重 {b.weights[k]}%</Text>
                    <Text className='village__indicator-score'>{b.scores[k]} 分</Text>
                  </View>
                  <Progress percent={b.scores[k]} aria-label={`${SCORE_NAMES[k]} ${b.scores[k]} 分`} />
                </View>
              ))}
            </View>
          )}
          <View className='village__section'>
            <Text className='village__title'>近 12 个月走势</Text>
            <TrendChart history={page.history} />
            <View className='trend__legend' role='list' aria-label='图例'>
              <View className='trend__key' role='listitem'><View className='trend__swatch trend__fill--minor' /><Text>{KIND_NAMES.minor}（单月）</Text></View>
              <View className='trend__key' role='listitem'><View className='trend__swatch trend__fill--major' /><Text>{KIND_NAMES.major}（双月）</Text></View>
              <View className='trend__unit' role='listitem'><Text>柱上数字：总分</Text></View>
            </View>
          </View>
          <View className='village__section village__live'>
            <Text className='village__title'>本月实时数据（{page.live.period}）</Text>
            <Text className='village__cases'>上报问题 {page.live.received} 件 · 已受理 {page.live.accepted} 件 · 已办结 {page.live.resolved} 件</Text>
            <Text>按时办结率 {page.live.onTimeRate === null ? '—' : `${page.live.onTimeRate}%`} · 平均评价 {page.live.averageRating === null ? '—' : `${page.live.averageRating.toFixed(1)} 星`}</Text>
            {points && <Text className='village__points'>本月 {points.earners} 位村民获得积分，共 {points.pointsEarned} 分{points.pointsPerHousehold === null ? '' : ` · 户均 ${points.pointsPerHousehold} 分`}</Text>}
            {homes && homes.households > 0 && <Text className='village__households'>本村 {homes.households} 户 · 文明户 {homes.awarded} 户</Text>}
            <Text className='village__drives'>本村开展志愿活动 {page.live.drives} 场 · 在本村服务 {page.live.volunteerHours} 小时 · 志愿者清理问题 {page.live.fixedByVolunteers} 件</Text>
          </View>
          {homes && homes.lists.length > 0 && (
            <View className='village__section village__awards'>
              <Text className='village__title'>文明户光荣榜</Text>
              {homes.lists.map((l) => (
                <View key={l.kind} className='village__award-list'>
                  <Text className='village__award-title'>{l.year} 年度{l.name}（{l.items.length} 户）</Text>
                  <View role='list' aria-label={`${l.year} 年度${l.name}`}>
                    {l.items.map((i) => (
                      <View key={i.label} role='listitem' className='village__award'>
                        <View className='village__award-head'>
                          <Text className='village__award-name'>{i.label}</Text>
                          <Text className='village__award-count'>{i.stars.length === l.starNames.length ? `${l.starNames.length} 星全得` : `${i.stars.length} 星`}</Text>
                        </View>
                        <Text className='village__award-stars'>{i.stars.join('、')}</Text>
                      </View>
                    ))}
                  </View>
                </View>
              ))}
              <Text className='village__award-note'>户主仅显示姓氏，按村公示名单</Text>
            </View>
          )}
          <View className='village__section village__star-list'>
            <Text className='village__title'>五星支部</Text>
            <Text className='village__star-note'>五星支部是区里评定授予的荣誉，与每月测评得分和排名分开，不随月度排名变化</Text>
            {STARS.map((s) => (
              <View key={s} className='village__star'>
                <Text>{page.stars.includes(s) ? '★' : '☆'} {STAR_NAMES[s]}</Text>
                {session.isAdmin && <Toggle label={`授予${STAR_NAMES[s]}`} checked={page.stars.includes(s)} onChange={(on) => void village.setStar(s, on).catch(toastError)} />}
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  )
}

export default observer(VillagePageView)
