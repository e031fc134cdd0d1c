import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Btn as Button } from '../../components/ui'
import { observer } from 'mobx-react-lite'
import { KIND_NAMES, SCORE_NAMES, STARS, STAR_NAMES, indicatorsOf, type EvaluationKind } from '../../../types/names'
import type { BoardRow, Scores } from '../../../types/ranking'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { saveTextFile } from '../../services/files'
import { toastError } from '../../services/feedback'
import { route } from '../../routes'
import { BoardRows } from './BoardRows'
import './index.scss'

const monthLabel = (p: string) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`

function Honor({ title, scope, rows, className }: { title: string; scope: string; rows: BoardRow[]; className: string }) {
  return (
    <View className={`honor ${className}`} role='group' aria-label={`${title}：${scope}`}>
      <Text className='honor__title'>{title}</Text>
      <Text className='honor__scope'>{scope}</Text>
      {rows.map((r) => (
        <Text key={r.villageId} className='honor__row'>{r.rank}. {r.villageName} {r.score}</Text>
      ))}
    </View>
  )
}

/** ⓘ: what 小测评/大测评, the total, the weights and the stars mean. */
function Explainer({ kinds }: { kinds: Record<EvaluationKind, Scores> | null }) {
  const list = (w: Scores) => indicatorsOf(w).map((k) => `${SCORE_NAMES[k]} ${w[k]}%`).join('、')
  return (
    <View className='ranking__explain' role='note' aria-label='测评说明'>
      <Text>每月测评一次：单月为小测评，双月为大测评。</Text>
      {kinds && <Text>小测评考核：{list(kinds.minor)}。</Text>}
      {kinds && <Text>大测评考核：{list(kinds.major)}。</Text>}
      <Text>总分（满分 100）为所考核指标的加权平均。</Text>
      <Text>★ 为五星支部星级（{STARS.map((s) => STAR_NAMES[s]).join('、')}），每项 1 星。</Text>
      <Text>飞虎榜、蜗牛榜为所选范围内得分最高和最低的村居。</Text>
    </View>
  )
}

/** 排行: the month's board of the district or one town, with 飞虎榜 and 蜗牛榜. */
function RankingTab() {
  const { ranking, regions, session } = useStore()
  useEffect(() => {
    if (!session.signedIn) return
    void ranking.load()
    void regions.load().catch(() => undefined)
  }, [session.signedIn, ranking, regions])

  const [saved, setSaved] = useState('')
  const [explain, setExplain] = useState(false)
  const exportCsv = async () => {
    try {
      const { filename, csv } = await ranking.exportCsv()
      setSaved(await saveTextFile(filename, csv))
    } catch (error) {
      toastError(error)
    }
  }
  const board = ranking.board
  const scope = ranking.townId ? regions.towns.find((t) => t.id === ranking.townId)?.name ?? '本镇街' : '全区'
  const home = session.user?.villageId
  const mineRow = home ? board?.rows.find((r) => r.villageId === home && r.rank !== null) : undefined
  return (
    <PageShell
      loading={!board && !ranking.error}
      error={board ? null : ranking.error}
      empty={!!board && ranking.periods.length === 0}
      emptyText='还没有测评结果。每月测评公布后在这里排名；先为本村随手拍，一起提分'
      emptyAction={{ label: '去随手拍', onClick: () => void Taro.navigateTo({ url: route.reportCreate }) }}
      onRefresh={() => ranking.load()}
      className='ranking'
    >
      {board && (
        <>
          <View className='ranking__month'>
            <Button size='small' disabled={!ranking.hasOlder} aria-label='上个月' onClick={() => ranking.step(-1)}>‹ 上月</Button>
            <Text className='ranking__period'>{monthLabel(board.period)} · {KIND_NAMES[board.kind]}</Text>
            <Button size='small' disabled={!ranking.hasNewer} aria-label='下个月' onClick={() => ranking.step(1)}>下月 ›</Button>
          </View>
          <View className='ranking__info'>
            <Button fill='none' onClick={() => setExplain(!explain)}>ⓘ {KIND_NAMES.minor}/{KIND_NAMES.major}、星级和权重说明{explain ? '（收起）' : ''}</Button>
          </View>
          {explain && <Explainer kinds={ranking.kinds} />}
          {mineRow && (
            <View className='ranking__mine' role='link' aria-label={`我的村 ${mineRow.villageName} 第 ${mineRow.rank} 名，查看详情`} onClick={() => void Taro.navigateTo({ url: route.village(mineRow.villageId) })}>
              <Text className='ranking__mine-text'>我的村 {mineRow.villageName} 第 {mineRow.rank} 名</Text>
              <Text aria-hidden>›</Text>
            </View>
          )}
          <View className='ranking__scope'>
            <ChipGroup label='范围' options={[{ value: '', label: '全区' }, ...regions.towns.map((t) => ({ value: t.id, label: t.name }))]} value={ranking.townId} onChange={ranking.setTown} />
          </View>
          <View className='ranking__honors'>
            <Honor title='飞虎榜' scope={`${scope}得分最高`} rows={ranking.feihu} className='honor--feihu' />
            <Honor title='蜗牛榜' scope={`${scope}得分最低`} rows={ranking.woniu} className='honor--woniu' />
          </View>
          <View className='ranking__tools'>
            <Button size='small' onClick={() => void Taro.navigateTo({ url: route.honorsPoster(board.period) })}>分享榜单图片</Button>
            {session.isStaff && <Button size='small' type='primary' onClick={() => void Taro.navigateTo({ url: route.evaluationEntry })}>录入测评</Button>}
            {session.isStaff && <Button size='small' onClick={() => void exportCsv()}>导出 CSV</Button>}
            {session.isAdmin && <Button size='small' onClick={() => void Taro.navigateTo({ url: route.starAdmin })}>星级管理</Button>}
          </View>
          {saved && <View className='ranking__saved' role='status'>{saved}</View>}
          <BoardRows rows={board.rows} mine={session.user?.villageId ?? null} onOpen={(id) => void Taro.navigateTo({ url: route.village(id) })} />
        </>
      )}
    </PageShell>
  )
}

export default observer(RankingTab)
