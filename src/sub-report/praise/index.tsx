import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { districtTime } from '../../services/time'
import { thumbOf } from '../../../types/photos'
import { route } from '../../routes'
import { PraiseWallStore, type PraiseItem } from './store'
import './index.scss'

/** 文明点赞墙: good deeds residents praised and the 文明办 approved, newest first, with their villages. */
function PraiseWallPage() {
  const { client } = useStore()
  const [wall] = useState(() => new PraiseWallStore(client))
  useEffect(() => void wall.load(), [wall])
  return (
    <PageShell
      loading={!wall.loaded && wall.loading}
      error={wall.items.length ? null : wall.error}
      empty={wall.loaded && !wall.items.length}
      emptyText='还没有通过审核的文明点赞。看到好人好事，拍下来点个赞吧'
      emptyAction={{ label: '去点赞', onClick: () => void Taro.navigateTo({ url: `${route.reportCreate}?kind=praise` }) }}
      onRefresh={() => wall.load()}
      className='praise-wall'
    >
      <Text className='praise-wall__intro'>居民拍下的好人好事，经文明办审核后展示在这里</Text>
      <View role='list' aria-label='文明点赞'>
        {wall.items.map((p) => <PraiseCard key={p.id} praise={p} onOpen={() => void Taro.navigateTo({ url: route.reportDetail(p.id) })} />)}
      </View>
      {wall.nextCursor && (
        <View className='report-actions'>
          <Button block loading={wall.loading} onClick={() => void wall.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

const PraiseCard = observer(function PraiseCard({ praise: p, onOpen }: { praise: PraiseItem; onOpen: () => void }) {
  const { client } = useStore()
  const photo = p.photos[0]
  return (
    <View className='praise-card' role='listitem' onClick={onOpen}>
      {photo && <Image className='praise-card__photo' src={client.fileUrl(thumbOf(photo))} mode='aspectFill' nativeProps={{ alt: '文明点赞照片' }} />}
      <View className='praise-card__body'>
        <Text className='praise-card__text'>{p.description}</Text>
        <Text className='praise-card__meta'>{p.villageName ?? '本区'} · {districtTime(p.createdAt, 'YYYY-MM-DD')}</Text>
      </View>
    </View>
  )
})

export default observer(PraiseWallPage)
