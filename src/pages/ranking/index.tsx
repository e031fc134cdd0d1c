import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { KIND_NAMES } from '../../../types/names'
import type { BoardRow } from '../../../types/ranking'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { saveTextFile } from '../../services/files'
import { toastError } from '../../services/feedback'
import { route } from '../../routes'
import { BoardRows } from './BoardRows'
import './index.scss'

const monthLabel = (p: string) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`

function Honor({ title, rows, className }: { title: string; rows: BoardRow[]; className: string }) {
  return (
    <View className={`honor ${className}`}>
      <Text className='honor__title'>{title}</Text>
      {rows.map((r) => (
        <Text key={r.villageId} className='honor__row'>{r.rank}. {r.villageName} {r.score}</Text>
      ))}
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

  const exportCsv = async () => {
    try {
      const { filename, csv } = await ranking.exportCsv()
      await saveTextFile(filename, csv)
    } catch (error) {
      toastError(error)
    }
  }
  const board = ranking.board
  return (
    <PageShell
      loading={!board && !ranking.error}
      error={board ? null : ranking.error}
      empty={!!board && ranking.periods.length === 0}
      emptyText='还没有测评结果'
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
          <View className='ranking__scope'>
            <ChipGroup label='范围' options={[{ value: '', label: '全区' }, ...regions.towns.map((t) => ({ value: t.id, label: t.name }))]} value={ranking.townId} onChange={ranking.setTown} />
          </View>
          <View className='ranking__honors'>
            <Honor title='飞虎榜' rows={ranking.feihu} className='honor--feihu' />
            <Honor title='蜗牛榜' rows={ranking.woniu} className='honor--woniu' />
          </View>
          <View className='ranking__tools'>
            <Button size='small' onClick={() => void Taro.navigateTo({ url: route.honorsPoster(board.period) })}>分享榜单图片</Button>
            {session.isStaff && <Button size='small' type='primary' onClick={() => void Taro.navigateTo({ url: route.evaluationEntry })}>录入测评</Button>}
            {session.isStaff && <Button size='small' onClick={() => void exportCsv()}>导出 CSV</Button>}
            {session.isAdmin && <Button size='small' onClick={() => void Taro.navigateTo({ url: route.starAdmin })}>星级管理</Button>}
          </View>
          <BoardRows rows={board.rows} mine={session.user?.villageId ?? null} onOpen={(id) => void Taro.navigateTo({ url: route.village(id) })} />
        </>
      )}
    </PageShell>
  )
}

export default observer(RankingTab)
